"""A recurring text or cue sentence is read once, and every copy gets the labels its own text gives it."""

from __future__ import annotations

from narratrace.clean import clean_article
from narratrace.framing import find_framing
from narratrace.framing.passes import first_pass, first_pass_all
from narratrace.ingest.article import Article

TEXT = (
    "The White Helmets, a volunteer rescue group, left Syria on Sunday.\n\n"
    "Critics say the White Helmets are a propaganda tool. The group denied it."
)
OTHER = "Assad's government, which denies the attacks, blamed the so-called White Helmets."


def test_first_pass_of_copies_equals_one_pass_per_article() -> None:
    texts = [TEXT, OTHER, TEXT, "", TEXT, ""]
    one_by_one = [first_pass([text], number)[0] for number, text in enumerate(texts)]
    assert list(first_pass_all(texts, None)) == one_by_one
    assert one_by_one[2][1] and all(name.article == 2 for name in one_by_one[2][1])


def test_copies_are_parsed_once_and_labelled_alike() -> None:
    articles = [clean_article(Article(id, text, outlet=outlet)) for id, text, outlet in
                [("a", TEXT, "one"), ("b", OTHER, "two"), ("a2", TEXT, "three")]]  # fmt: skip
    result = find_framing(articles)
    read, parsed = result.stats["sentences_read"], result.stats["sentences_parsed"]
    assert read > parsed > 0  # a2's cue sentences are a's

    def labels_of(article: str) -> set[tuple[str, int, int, str]]:
        return {(lab.kind, lab.start, lab.end, lab.text) for lab in result.labels() if lab.article == article}

    assert labels_of("a") and labels_of("a") == labels_of("a2")
    assert any(kind == "appositive" for kind, *_ in labels_of("a"))
