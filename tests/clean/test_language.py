"""Which texts the English-only stages read: a cleaning warning for texts in other languages."""

from __future__ import annotations

from narratrace.clean import clean_article
from narratrace.clean.language import NOT_ENGLISH, english_share, language_warning, reads_english
from narratrace.ingest.article import Article

ENGLISH = (
    "If you've done the program, you’ve seen firsthand how the plan works: eat at set times, and keep to "
    "the portions. We asked our coach what she would change, and she said it was all about timing. "
)
PORTUGUESE = (
    "Viver uma verdadeira experiência amorosa é um dos maiores prazeres da vida. Gostar é sentir com a alma, "
    "e o amor não é algo que se explica: a gente sente, a gente vive, e as pessoas do lado sabem disso. "
)
GERMAN = (
    "Die Digitalisierung als Wachstums- und Entwicklungstreiber zieht sich bereits heute durch fast alle "
    "Branchen. Was das für den Handel bedeutet, zeigt eine neue Studie an Beispielen aus der Praxis. "
)


def test_english_reads_as_english_and_other_languages_do_not() -> None:
    assert language_warning(ENGLISH * 2) is None
    for text in (PORTUGUESE * 2, GERMAN * 2, "부장은 월요일에 말했다 " * 40):
        warning = language_warning(text)
        assert warning is not None and warning.kind == NOT_ENGLISH, text[:20]
        assert "claims, framing and techniques" in warning.message


def test_short_texts_are_not_judged() -> None:
    assert language_warning("Viver uma verdadeira experiência amorosa") is None
    assert language_warning("") is None
    assert english_share("") == (0.0, 0)


def test_cleaning_flags_the_article_and_the_stages_skip_it() -> None:
    english = clean_article(Article(id="en", text=ENGLISH * 2))
    portuguese = clean_article(Article(id="pt", text=PORTUGUESE * 2))
    assert reads_english(english) and not reads_english(portuguese)
    [warning] = [w for w in portuguese.warnings if w.kind == NOT_ENGLISH]
    assert 0 <= float(str(warning.evidence["english_share"])) < 0.05
