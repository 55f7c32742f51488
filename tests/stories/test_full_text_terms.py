"""Terms are counted over most of a full article, not only its lead: the event's words often come later."""

from __future__ import annotations

from sklearn.feature_extraction.text import HashingVectorizer

from narratrace.clean import clean_article
from narratrace.ingest.article import Article
from narratrace.stories import StoryIndex
from narratrace.stories.features import FeatureOptions, count_terms, term_text

FILLER = "The campaign went on as expected and the candidates spoke to supporters about the race. "


def hashed(term: str, options: FeatureOptions) -> int:
    vectorizer = HashingVectorizer(n_features=options.n_features, alternate_sign=False, norm=None)
    return int(vectorizer.transform([term]).indices[0])


def test_terms_reach_beyond_the_lead() -> None:
    options = StoryIndex().feature_options
    assert options.term_chars > options.lead_chars
    body = FILLER * 20 + "Officials in Ouagadougou confirmed the evacuation. "  # ~1,800 characters in
    article = clean_article(Article("a", body, title="Campaign notes", published="2016-02-01"))
    assert article.text.index("Ouagadougou") > options.lead_chars
    terms = count_terms([term_text(article, options)], options)[0]
    assert hashed("ouagadougou", options) in terms
    lead_only = FeatureOptions(term_chars=options.lead_chars)
    assert hashed("ouagadougou", lead_only) not in count_terms([term_text(article, lead_only)], lead_only)[0]


def test_term_text_is_capped_for_huge_pages() -> None:
    options = FeatureOptions()
    article = clean_article(Article("huge", FILLER * 12_000, title="Huge"))  # ~1 MB
    text = term_text(article, options)
    assert text.startswith("Huge\n")
    assert len(text) == len("Huge\n") + options.term_chars
