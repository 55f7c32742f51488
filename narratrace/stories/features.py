"""What story grouping reads from each article: a lead embedding, hashed term counts, named entities and a day.

Only the start of an article is embedded and parsed (the title and lead say what event it covers; parsing and
embedding whole 1 MB texts would buy nothing but time); terms are counted over most of the text, since hashing
is cheap and a full article's event words run through its body. Terms are hashed so that the vocabulary never
has to be fitted: a story index can take new articles for ever without recomputing old ones.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from narratrace.clean.dates import publication_day
from narratrace.clean.language import reads_english
from narratrace.clean.types import CleanArticle
from narratrace.parallel import MapPool, distinct_texts, pool_for

# Entity labels that name who and where an event is about; dates, numbers and money say little about which event.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
# NER has its own token vectors (it does not listen to the shared tok2vec), so everything else can go.
_NER_EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
# From this many texts on, embeddings are computed in the shared worker processes (one torch thread each):
# two threads in one process spin on a busy machine, and two workers keep both cores doing work.
MIN_POOLED_TEXTS = 512
# From this many articles on, the lead NER runs in the shared workers too, in chunks queued before the embedding
# batches (~9 CPU ms per lead: one core would otherwise parse alone after both cores embedded).
MIN_POOLED_ENTITY_TEXTS = 256
ENTITY_CHUNK = 64  # leads per worker task: one spaCy batch, ~0.5 s
_SPACE = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE_END = re.compile(r"['’]s$", re.IGNORECASE)
_QUOTES = "'\"‘’“” "


@dataclass(frozen=True)
class FeatureOptions:
    """How much of each article is read (characters of the cleaned text)."""

    lead_chars: int = 1000  # embedded with the title
    entity_chars: int = 500  # parsed for named entities with the title (entities serve narratives and summaries)
    body_chars: int = 0  # when above lead_chars: the text up to here is embedded too, in lead-sized chunks
    # Counted for TF-IDF. Full articles name their event's places, people and numbers throughout, not only in
    # the lead (same-event pair AP on PolNeAR full texts 0.46 -> 0.51); the cap bounds a 1 MB page's hashing.
    term_chars: int = 20_000
    max_terms: int = 200  # an article's term vector keeps its most frequent hashed terms (ties: first hashed)
    n_features: int = 2**20


@dataclass(frozen=True)
class ArticleFeatures:
    """One article as story grouping sees it. ``terms`` are sublinear term frequencies by hashed term index."""

    id: str
    title: str | None
    outlet: str | None
    day: int | None  # proleptic ordinal of the publication date; None when unknown or flagged as misleading
    embedding: np.ndarray  # unit length
    terms: dict[int, float]
    entities: tuple[str, ...]  # normalised, in order of first mention, no repeats
    # How each of ``entities`` was first written ("Joe Biden", "U.S."): shown in summaries, never compared.
    entity_names: tuple[str, ...] = ()


def lead_text(article: CleanArticle, chars: int) -> str:
    """The title and the first ``chars`` characters of the cleaned text, cut at a word boundary."""
    return _joined((article.article.title or "").strip(), _cut(article.text, chars))


def _cut(text: str, chars: int) -> str:
    """The first ``chars`` characters of ``text``, cut at a word boundary."""
    body = text[:chars]
    return body.rsplit(" ", 1)[0] if len(text) > chars and " " in body else body


def _joined(title: str, body: str) -> str:
    return _SPACE.sub(" ", f"{title}. {body}" if title else body).strip()


# Words a headline in Title Case leaves in lower case (AP and Chicago style: "Syria Accuses US of Plotting a
# Chemical Attack").
_MINOR_WORDS = frozenset("a an the and but or nor for of on in at to by as up via vs with from into".split())  # noqa: SIM905
_HEADLINE_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def in_title_case(headline: str) -> bool:
    """Whether a headline capitalises its words (four in five of those Title Case does not leave in lower case)
    rather than only its names: "Stadia Gaming Platform Are Here", not "Google's Stadia gets mixed reviews"."""
    major = [w for w in _HEADLINE_WORD.findall(headline) if w.lower() not in _MINOR_WORDS]
    return len(major) >= 3 and sum(w[0].isupper() for w in major) >= 0.8 * len(major)


def entity_text(article: CleanArticle, chars: int) -> str:
    """The text named entities are read from: the lead, without a headline or subheading in Title Case (the small
    English model reads its capitals as names: "Early Reviews For Google", "MacBook Pro Now Available"; the names
    a headline holds come back in the lead), and nothing for an article that does not read as English (an
    English model finds only noise in Indonesian or Portuguese)."""
    if not reads_english(article):
        return ""
    title = (article.article.title or "").strip()
    body = "\n".join(line for line in _cut(article.text, chars).split("\n") if not in_title_case(line))
    return _joined("" if in_title_case(title) else title, body)


def body_chunks(article: CleanArticle, options: FeatureOptions) -> list[str]:
    """The cleaned text after the lead, up to ``body_chars``, in chunks of about ``lead_chars`` (word bounds)."""
    chunks: list[str] = []
    text = article.text[: options.body_chars]
    position = min(options.lead_chars, len(text))
    while position < len(text):
        piece = text[position : position + options.lead_chars]
        if position + len(piece) < len(text) and " " in piece:
            piece = piece.rsplit(" ", 1)[0]
        if piece.strip():
            chunks.append(_SPACE.sub(" ", piece).strip())
        position += max(len(piece), 1)
    return chunks


def embed_articles(
    articles: Sequence[CleanArticle],
    leads: Sequence[str],
    options: FeatureOptions,
    progress: Callable[[int, int], None] | None = None,
    pool: MapPool | None = None,
) -> np.ndarray:
    """Unit embeddings: of the lead alone, or the mean of the lead's and the body chunks' (lead counted once).

    ``progress(done, total)`` counts articles, estimated from the texts embedded (the embedding is most of the
    features' time)."""
    from narratrace.nlp import embed_sentences

    chunks = [body_chunks(a, options) if options.body_chars > options.lead_chars else [] for a in articles]
    owners = [n for n, c in enumerate(chunks) for _ in range(len(c) + 1)]
    pieces = [piece for lead, c in zip(leads, chunks, strict=True) for piece in (lead, *c)]
    distinct, positions = distinct_texts(pieces)
    report = None if progress is None else (lambda done: progress(done * len(articles) // len(distinct), len(articles)))
    pool = pool if pool is not None else pool_for(len(distinct), MIN_POOLED_TEXTS)
    vectors = embed_sentences(distinct, pool=pool, progress=report)[positions]
    sums = np.zeros((len(articles), vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, owners, vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return sums / np.where(norms > 0, norms, 1.0)


def written_entity(text: str) -> str:
    """An entity as a summary shows it: as written, without a leading "the", quotation marks or a possessive (a
    trailing one, or one the model cut from the word before it: "’s GOP"), single spaces ("the ‘White Helmets’" ->
    "White Helmets")."""
    name = _SPACE.sub(" ", text).strip()
    name = _POSSESSIVE_END.sub("", name).removeprefix("'s ").removeprefix("’s ").strip(_QUOTES)
    return _LEADING_ARTICLE.sub("", name).strip(_QUOTES)


def normalise_entity(text: str) -> str:
    """The key an entity is counted under: ``written_entity`` in lower case, without dots ("U.S." = "US")."""
    return _SPACE.sub(" ", written_entity(text).replace(".", "").replace("’", "'")).strip(_QUOTES).lower()


def extract_entities(texts: Sequence[str]) -> list[tuple[tuple[str, str], ...]]:
    """Named entities of each text, first mention first: each normalised (``normalise_entity``) with how it was
    first written (``written_entity``)."""
    from narratrace.nlp import english

    nlp = english(exclude=_NER_EXCLUDE)
    found: list[tuple[tuple[str, str], ...]] = []
    for doc in nlp.pipe(texts, batch_size=64):
        names: dict[str, str] = {}
        for entity in doc.ents:
            if entity.label_ in ENTITY_LABELS and len(name := normalise_entity(entity.text)) > 1:
                names.setdefault(name, written_entity(entity.text) or name)
        found.append(tuple(names.items()))
    return found


def term_text(article: CleanArticle, options: FeatureOptions) -> str:
    """The text whose terms are counted: the title and the first ``term_chars`` characters."""
    return f"{article.article.title or ''}\n{article.text[: options.term_chars]}"


def count_terms(texts: Sequence[str], options: FeatureOptions) -> list[dict[int, float]]:
    """Hashed unigram and bigram counts (English stop words out), as 1 + log(tf), the ``max_terms`` strongest."""
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(
        n_features=options.n_features,
        alternate_sign=False,
        norm=None,
        stop_words="english",
        ngram_range=(1, 2),
        dtype=np.float32,
    )
    matrix = vectorizer.transform(texts).tocsr()
    counted: list[dict[int, float]] = []
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        indices, counts = matrix.indices[start:end].tolist(), matrix.data[start:end].tolist()
        strongest = sorted(zip(indices, counts, strict=True), key=lambda p: (-p[1], p[0]))[: options.max_terms]
        counted.append({int(i): 1.0 + math.log(c) for i, c in strongest})
    return counted


def extract_features(
    articles: Sequence[CleanArticle],
    options: FeatureOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    pool: MapPool | None = None,
) -> list[ArticleFeatures]:
    """Features of each article, in input order; ``progress(done, total)`` as the embeddings come in.

    ``pool``: where the lead NER and the embedding batches run (``spark.SparkMap`` for the Spark engine); by
    default the run's shared worker pool once the corpus is large enough, else this process. The batches are
    the same either way, so are the features."""
    options = options or FeatureOptions()
    if not articles:
        return []
    leads = [lead_text(a, options.lead_chars) for a in articles]
    entity_texts, entity_positions = distinct_texts([entity_text(a, options.entity_chars) for a in articles])
    given = pool
    pool = given if given is not None else pool_for(len(entity_texts), MIN_POOLED_ENTITY_TEXTS)
    # Executor.map submits every chunk now and hands the results over later: the workers parse while this
    # process queues the embedding batches behind them.
    pooled_entities = (
        pool.map(
            extract_entities, [entity_texts[n : n + ENTITY_CHUNK] for n in range(0, len(entity_texts), ENTITY_CHUNK)]
        )
        if pool is not None
        else None
    )
    embeddings = embed_articles(articles, leads, options, progress, given)
    if pooled_entities is None:
        entities = extract_entities(entity_texts)
    else:
        entities = [names for chunk in pooled_entities for names in chunk]
    entities = [entities[n] for n in entity_positions]
    term_texts, term_positions = distinct_texts([term_text(a, options) for a in articles])
    distinct_terms = count_terms(term_texts, options)
    terms = [distinct_terms[n] for n in term_positions]
    return [
        ArticleFeatures(
            id=a.id,
            title=a.article.title,
            outlet=a.article.outlet,
            day=publication_day(a),
            embedding=embeddings[n],
            terms=terms[n],
            entities=tuple(name for name, _ in entities[n]),
            entity_names=tuple(written for _, written in entities[n]),
        )
        for n, a in enumerate(articles)
    ]


def entity_counts(features: Sequence[ArticleFeatures]) -> Counter[str]:
    return Counter(e for f in features for e in f.entities)
