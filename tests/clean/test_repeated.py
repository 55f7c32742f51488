"""Chrome found by repetition across an outlet's articles (texts made here)."""

from __future__ import annotations

import random

import pytest

from narratrace.clean import CleanArticle, clean_article
from narratrace.clean.repeated import remove_spans, repeated_spans, strip_repeated_chrome
from narratrace.ingest.article import Article

FOOTER = "Example Daily is an independent newsroom. Copyright 2016 Example Media Group. All rights reserved."
WIDGET = "Community standardsDiscussion Comment via Facebook"
WORDS = [
    "minister",
    "harbour",
    "election",
    "storm",
    "budget",
    "council",
    "river",
    "school",
    "farmers",
    "court",
    "police",
    "hospital",
    "bridge",
    "port",
    "senator",
    "mayor",
    "union",
    "strike",
    "market",
    "tariff",
    "drought",
    "flood",
    "museum",
    "airport",
    "railway",
    "clinic",
    "ferry",
    "mine",
]


def _story(rng: random.Random, sentences: int = 6) -> str:
    return " ".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14))).capitalize() + "." for _ in range(sentences)
    )


def _outlet(n: int, seed: int = 3, outlet: str | None = "Example Daily", url: str | None = None) -> list[CleanArticle]:
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        story = _story(rng)
        cut = story.index(". ", len(story) // 2) + 1
        # No line breaks: the widget is glued after a sentence and to the dateline, the footer to the end.
        text = f"{story[:cut]}{WIDGET}2{i % 9}.08.2013 {story[cut + 1 :]} {FOOTER}"
        articles.append(clean_article(Article(id=f"a{i}", text=text, outlet=outlet, url=url)))
    return articles


def _assert_exact(cleaned: CleanArticle) -> None:
    original = cleaned.article.text
    for segment in cleaned.offsets.segments:
        assert cleaned.text[segment.clean_start : segment.clean_end] == original[segment.orig_start : segment.orig_end]
    for line in cleaned.boilerplate:
        assert original[line.start : line.end] == line.text


def test_footer_and_widget_glued_into_one_line_texts_are_removed() -> None:
    result = strip_repeated_chrome(_outlet(8))
    for cleaned in result:
        assert FOOTER not in cleaned.text and "Community standards" not in cleaned.text
        assert "08.2013" in cleaned.text  # the dateline glued to the widget stays
        kinds = [b.kind for b in cleaned.boilerplate]
        assert kinds.count("repeated_chrome") == 2
        _assert_exact(cleaned)
        word = cleaned.text.split()[-1]
        start = cleaned.text.rindex(word)
        s, e = cleaned.offsets.span_to_original(start, start + len(word))
        assert cleaned.article.text[s:e] == word


def test_below_the_outlet_threshold_nothing_is_removed() -> None:
    assert all(a.boilerplate == () for a in strip_repeated_chrome(_outlet(2)))
    assert all(a.boilerplate == () for a in strip_repeated_chrome(_outlet(10), min_share=1.1))
    rng = random.Random(8)
    texts = [_story(rng) + (f" {FOOTER}" if i < 4 else "") for i in range(10)]
    assert repeated_spans(texts, ["o"] * 10, min_share=0.5) == [[]] * 10  # in 4 of 10: below half
    assert all(found for found in repeated_spans(texts, ["o"] * 10, min_share=0.3)[:4])


def test_a_story_copied_by_two_articles_of_an_outlet_survives() -> None:
    articles = _outlet(10)
    shared = _story(random.Random(99), sentences=4)
    for index in (1, 2):
        original = articles[index].article
        articles[index] = clean_article(
            Article(id=original.id, text=f"{original.text} {shared}", outlet=original.outlet)
        )
    result = strip_repeated_chrome(articles)
    assert shared in result[1].text and shared in result[2].text


def test_articles_without_an_outlet_are_not_grouped_and_urls_group_by_domain() -> None:
    assert all(a.boilerplate == () for a in strip_repeated_chrome(_outlet(6, outlet=None)))
    by_url = _outlet(6, outlet=None, url="https://www.example.com/story")
    assert all(FOOTER not in a.text for a in strip_repeated_chrome(by_url))


def test_quoted_runs_are_kept() -> None:
    quote = "“We will never surrender our harbour to anyone at all,” the mayor said."
    rng = random.Random(5)
    texts = [f"{_story(rng)} {quote} {_story(rng)}" for _ in range(6)]
    spans = repeated_spans(texts, ["o"] * 6)
    assert all(found == [] for found in spans)


def test_removal_composes_with_line_cleaning_and_keeps_disclaimers() -> None:
    text = (
        "Listen Live\n\nThe minister said on Monday that the negotiations had collapsed after three weeks.\n\n"
        "*The group is banned in Russia as a terrorist organisation.\n\n"
        "Opposition leaders called the decision reckless. Sponsored by Acme Bank, your partner in growth.\n"
    )
    cleaned = clean_article(Article(id="c", text=text))
    start = cleaned.text.index("Sponsored")
    result = remove_spans(cleaned, [(start, len(cleaned.text))])
    assert result.text.endswith("reckless.")
    assert [b.kind for b in result.boilerplate] == ["navigation", "repeated_chrome"]
    _assert_exact(result)
    (mark,) = result.marked
    assert result.text[mark.start : mark.end].startswith("*The group is banned")


def test_hostile_inputs() -> None:
    assert strip_repeated_chrome([]) == []
    odd = [clean_article(Article(id=str(i), text=t, outlet="o")) for i, t in enumerate(["", "word", "x" * 1_000_000])]
    assert [a.text for a in strip_repeated_chrome(odd)] == [a.text for a in odd]
    footer = "Москва заявила что переговоры сорваны окончательно и бесповоротно."
    rng = random.Random(2)
    words = ["один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять", "город", "мост"]
    stories = [" ".join(rng.choice(words) for _ in range(40)) + "." for _ in range(4)]
    same = [clean_article(Article(id=str(i), text=f"{t} {footer}", outlet="o")) for i, t in enumerate(stories)]
    assert [a.text for a in strip_repeated_chrome(same)] == stories


def test_repeated_spans_same_whether_shingles_are_kept_or_recomputed(monkeypatch: pytest.MonkeyPatch) -> None:
    from narratrace.clean import repeated

    footer = "Copyright Example News, all rights reserved. Follow us for more."
    rng = random.Random(4)
    vocabulary = ["harbour", "storm", "budget", "school", "turnout", "minister", "village", "power", "court"]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(30)).capitalize() + f". {footer}" for _ in range(12)]
    groups = ["example"] * len(texts)
    kept = repeated.repeated_spans(texts, groups)
    monkeypatch.setattr(repeated, "KEEP_SHINGLES", 20)
    assert repeated.repeated_spans(texts, groups) == kept
    assert all(kept)


def test_repeated_spans_same_in_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    from narratrace.clean import repeated

    rng = random.Random(5)
    vocabulary = ["harbour", "storm", "budget", "school", "turnout", "minister", "village", "power", "court"]
    footers = {"a": "Copyright A News, all rights reserved.", "b": "Follow B Daily on every network today."}
    texts, groups = [], []
    for k in range(24):
        outlet = "ab"[k % 2]
        texts.append(" ".join(rng.choice(vocabulary) for _ in range(30)).capitalize() + f". {footers[outlet]}")
        groups.append(outlet)
    serial = repeated.repeated_spans(texts, groups, workers=1)
    monkeypatch.setattr(repeated, "MIN_PARALLEL_TEXTS", 1)
    assert repeated.repeated_spans(texts, groups, workers=2) == serial
    assert sum(map(bool, serial)) >= 20


def test_glued_words_are_the_regex_words_and_hash_by_case_folding() -> None:
    import random

    from narratrace.clean import glued_words
    from narratrace.clean.repeated import _WORD

    atoms = ["HTMLParser", "standardsDiscussion", "Facebook21", "21abc", "ABC", "aBc", "AbCD", "Ünited", "éabcDEF",
             "abÜc", "ABé", "x_y", "_", "²", "½", "٣", "Straße", "STRASSE", "İ", "ß", " ", "\n", ".", "a", "B", "1",
             "ǅ", "\udcff", "日本", "ﬁ", "Σσς", "abc", "ABC"]  # fmt: skip
    rng = random.Random(1)
    texts = ["".join(rng.choice(atoms) for _ in range(rng.randrange(0, 20))) for _ in range(10000)]
    by_word: dict[str, set[int]] = {}
    for text in ["", "x", "a" * 100_000, *texts]:
        starts, ends = glued_words.word_spans(text)
        assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == [m.span() for m in _WORD.finditer(text)]
        words = [w.casefold() for w in _WORD.findall(text)]
        for word, value in zip(words, glued_words.word_hashes(text, _WORD).tolist(), strict=True):
            by_word.setdefault(word, set()).add(value)
    assert all(len(values) == 1 for values in by_word.values())  # one hash per case-folded word
    assert len({next(iter(v)) for v in by_word.values()}) == len(by_word)  # and distinct words, distinct hashes
    assert len(by_word) > 1000
