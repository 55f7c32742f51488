"""The lean corpus (what large runs keep) gives the same results as whole cleaned articles."""

from __future__ import annotations

from pathlib import Path

from narratrace.clean import clean_article
from narratrace.ingest import ReadOptions, read_paths
from narratrace.ingest.article import Article
from narratrace.parallel import map_in_batches
from narratrace.provenance import build_outlet_network, infer_directions
from narratrace.provenance.corpus import ReuseCorpus
from narratrace.provenance.records import pair_record
from narratrace.reuse import find_reuse


def _square(x: int) -> int:
    return x * x


def test_map_in_batches_keeps_order_in_and_out_of_process() -> None:
    expected = [x * x for x in range(50)]
    assert list(map_in_batches(_square, range(50), workers=1)) == expected
    assert list(map_in_batches(_square, iter(range(50)), workers=2, min_parallel=5, batch_size=7)) == expected
    assert list(map_in_batches(_square, [], workers=2)) == []


def test_lean_corpus_matches_cleaned_articles_on_the_seeds(seeds_dir: Path) -> None:
    articles = [a for a in read_paths(sorted(seeds_dir.glob("*.txt")), ReadOptions()) if isinstance(a, Article)]
    cleaned = {a.id: clean_article(a) for a in articles}
    whole = find_reuse(list(cleaned.values()))
    whole_directions = infer_directions(whole.pairs, cleaned)

    lean = ReuseCorpus.from_articles(iter(articles + articles[:1]))  # a repeated article is kept once
    assert len(lean) == len(articles)
    assert all(lean.original_text(a.id) == a.text for a in articles)
    result = find_reuse(lean.sources)
    directions = infer_directions(result.pairs, lean.facts)
    assert result == whole
    assert directions == whole_directions
    records = [pair_record(p, lean.original_text, directions[(p.a, p.b)]) for p in result.pairs]
    assert records == [
        pair_record(p, lambda i: cleaned[i].article.text, whole_directions[(p.a, p.b)]) for p in whole.pairs
    ]
    graph, whole_graph = (
        build_outlet_network(result.pairs, directions, lean.facts),
        build_outlet_network(whole.pairs, whole_directions, cleaned),
    )
    assert sorted(graph.edges(data=True)) == sorted(whole_graph.edges(data=True))


def test_lean_article_skips_relative_cues_without_changing_its_parts(seeds_dir: Path) -> None:
    from narratrace.provenance.corpus import lean_article, lean_from_clean

    day = "2019-03-04"
    made = [
        Article(
            id="d", text="MOSCOW, March 3 (Reuters) - Talks ended yesterday.\n\nIn 2009 they began.", published=day
        ),
        Article(
            id="e", text="Published: 3 March 2011\nLast week the minister resigned over the 2010 deal.", published=day
        ),
        Article(id="f", text="Tuesday, May 3, 2016.\n\nToday the court ruled.", published=None),
        Article(id="g", text="Die Regierung hat am Montag 2012 beschlossen.", published="2020-01-01"),
    ]
    articles = [a for a in read_paths(sorted(seeds_dir.glob("*.txt")), ReadOptions()) if isinstance(a, Article)]
    for article in [*articles, *made]:
        assert lean_article(article) == lean_from_clean(clean_article(article))
    assert clean_article(made[0], relative_cues=False).time_cues != clean_article(made[0]).time_cues


def test_an_original_cleaning_left_alone_is_kept_once() -> None:
    from narratrace.provenance.corpus import lean_article

    plain = Article(id="p", text="One plain paragraph of prose that ends here.", published="2020-01-01")
    chrome = Article(id="c", text="Share this article\n\nOne plain paragraph of prose that ends here.\n\nSubscribe")
    assert lean_article(plain).compressed_original is None
    assert lean_article(chrome).compressed_original is not None
    empty = Article(id="e", text="")
    corpus = ReuseCorpus.from_articles([plain, chrome, empty], workers=1)
    assert [corpus.original_text(a.id) for a in (plain, chrome, empty)] == [plain.text, chrome.text, ""]


def test_a_record_written_from_source_to_copy_turns_its_evidence_data_too() -> None:
    from narratrace.provenance.types import Direction, Evidence
    from narratrace.reuse.types import ReusePair

    pair = ReusePair(a="a1", b="b1", passages=(), kind="partial", containment_a=0.3, containment_b=0.2)
    date = Evidence("date", "b1", 3.0, "b1 published 137 days before a1", {"a_published": "2018-07-02",
                    "b_published": "2018-02-15", "gap_days": 137.0})  # fmt: skip
    shape = Evidence("text_shape", "b1", 1.0, "shape", {"containment_a": 0.3, "containment_b": 0.2,
                     "features": [-0.27, 0.21, 0.0]})  # fmt: skip
    prior = Evidence("outlet_prior", "b1", 0.5, "history", {"a_outlet": "x", "b_outlet": "y", "a_to_b": 0,
                     "b_to_a": 4, "level": "outlet_pair"})  # fmt: skip
    record = pair_record(pair, lambda _: "", Direction("b1", 0.9, (date, shape, prior)))
    assert (record["a"], record["b"], record["oriented"]) == ("b1", "a1", "source_to_copy")
    direction = record["direction"]
    assert isinstance(direction, dict)
    data = [e["data"] for e in direction["evidence"]]
    # The record's a (b1, the source) was published first: its date is a_published now.
    assert data[0] == {"a_published": "2018-02-15", "b_published": "2018-07-02", "gap_days": 137.0}
    assert data[1] == {"containment_a": 0.2, "containment_b": 0.3, "features": [0.27, -0.21, 0.0]}
    assert data[2] == {"a_outlet": "y", "b_outlet": "x", "a_to_b": 4, "b_to_a": 0, "level": "outlet_pair"}
    assert (record["containment_a"], record["containment_b"]) == (0.2, 0.3)
    unflipped = pair_record(pair, lambda _: "", Direction("a1", 0.9, (date,)))
    assert unflipped["direction"]["evidence"][0]["data"] == date.data  # type: ignore[index]
