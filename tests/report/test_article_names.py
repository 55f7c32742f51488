"""How the report names an article: outlet, else title, else the file it came from, else its id."""

from narratrace.document import ArticleRef, article_refs, distinct_names, ref_for


def _doc(*records: dict[str, object]) -> dict[str, object]:
    return {"articles": list(records)}


def test_an_untitled_article_is_named_by_its_file_when_no_other_article_came_from_it() -> None:
    refs = article_refs(
        _doc(
            {"id": "a1", "source_path": "/data/seeds/002_713bd97f.txt", "title": None, "outlet": None},
            {"id": "a2", "source_path": "/data/seeds/000_dde608e2.txt", "title": "US Rushes to Withdraw", "outlet": ""},
            {"id": "a3", "source_path": "/data/feed.jsonl", "title": "", "outlet": "Sputnik"},
            {"id": "a4a4a4a4a4a4a4a4", "source_path": "/data/dump.jsonl", "title": "", "outlet": ""},
            {"id": "a5a5a5a5a5a5a5a5", "source_path": "/data/dump.jsonl", "title": "", "outlet": ""},
        )
    )
    assert refs["a1"].short == "002_713bd97f.txt" and refs["a1"].label == "002_713bd97f.txt"
    assert refs["a2"].short == "US Rushes to Withdraw"  # a title comes before the file
    assert refs["a3"].short == "Sputnik"  # an outlet before both
    # Many articles of one JSONL file: its name tells them apart no better than nothing, so the id stays.
    assert refs["a4a4a4a4a4a4a4a4"].short == "a4a4a4a4a4a4" and refs["a4a4a4a4a4a4a4a4"].file == ""
    assert ref_for(refs, "unknown").short == "unknown"
    # Beside the outlet and the id (shown apart), the heading: the title, else the file, else a plain "(no title)".
    assert refs["a1"].heading == "002_713bd97f.txt" and refs["a2"].heading == "US Rushes to Withdraw"
    assert refs["a4a4a4a4a4a4a4a4"].heading == "(no title)"


def test_a_long_file_name_is_shortened_like_a_title() -> None:
    ref = ArticleRef("x", "", "", "a-very-long-file-name-" + "x" * 60 + ".html")
    assert len(ref.short) == 48 and ref.short.endswith("…")


def test_articles_of_one_outlet_are_told_apart_by_their_titles() -> None:
    refs = article_refs(
        _doc(
            {
                "id": "p1",
                "source_path": "/d/p.jsonl",
                "title": "Thin-skinned Trump quells critics at rally",
                "outlet": "wash-post",
            },
            {"id": "p2", "source_path": "/d/p.jsonl", "title": "Pence blames media", "outlet": "wash-post"},
            {"id": "p3", "source_path": "/d/p.jsonl", "title": "Anything", "outlet": "nyt"},
            {"id": "p4aaaaaa", "source_path": "/d/p.jsonl", "title": "Same title", "outlet": "huff-post"},
            {"id": "p5bbbbbb", "source_path": "/d/p.jsonl", "title": "Same title", "outlet": "huff-post"},
        )
    )
    names = distinct_names(refs, ["p1", "p2", "p3"])
    assert names == {
        "p1": "wash-post: Thin-skinned Trump quells criti…",
        "p2": "wash-post: Pence blames media",
        "p3": "nyt",
    }
    assert len(names["p1"]) == len("wash-post: ") + 32
    # One outlet, one title: the start of the id tells them apart.
    alike = distinct_names(refs, ["p4aaaaaa", "p5bbbbbb"])
    assert alike == {"p4aaaaaa": "huff-post: Same title [p4aaaa]", "p5bbbbbb": "huff-post: Same title [p5bbbb]"}
    assert distinct_names(refs, ["p1", "p3"]) == {"p1": "wash-post", "p3": "nyt"}  # nothing to tell apart


def test_direction_evidence_calls_the_pairs_articles_a_and_b_as_the_table_heads_them() -> None:
    from narratrace.provenance.report_view import pair_views

    detail = "56% of bbbb2222bbbb2222 and 83% of aaaa1111aaaa1111 are shared; so aaaa1111aaaa1111 reads as the source"
    evidence = {"kind": "text_shape", "favours": "aaaa1111aaaa1111", "weight": 0.3, "detail": detail}
    doc = {
        "articles": [
            {"id": "aaaa1111aaaa1111", "title": "US Rushes to Withdraw", "outlet": ""},
            {"id": "bbbb2222bbbb2222", "title": "", "outlet": ""},
        ],
        "reuse": [
            {
                "a": "aaaa1111aaaa1111",
                "b": "bbbb2222bbbb2222",
                "direction": {"source": "aaaa1111aaaa1111", "confidence": 0.8, "evidence": [evidence]},
            }
        ],
    }
    (view,) = pair_views(doc, article_refs(doc), limit=5)
    (shown,) = view.evidence
    assert shown.detail == "56% of B and 83% of A are shared; so A reads as the source"
    assert shown.favours == "A (US Rushes to Withdraw)"


def test_an_untitled_story_is_headed_by_its_first_articles_name() -> None:
    from narratrace.document import story_title

    refs = article_refs(_doc({"id": "a1", "source_path": "/seeds/004_3ad58b52.txt", "title": None, "outlet": None}))
    assert story_title({"title": None, "first_article": "a1"}, refs) == "004_3ad58b52.txt"
    assert story_title({"title": "Evacuation", "first_article": "a1"}, refs) == "Evacuation"
    assert story_title({}, refs) == "(untitled)"


def test_an_article_of_no_known_outlet_is_drawn_and_tabled_by_its_name_not_its_node_id() -> None:
    from narratrace.provenance.report_view import edge_rows, network_data

    doc = {
        "articles": [
            {"id": "aaaa1111aaaa1111", "source_path": "/seeds/000_dde608e2.txt", "title": "", "outlet": ""},
            {"id": "bbbb2222bbbb2222", "title": "", "outlet": "NewsPunch"},
        ],
        "outlet_network": {
            "nodes": [{"id": "unknown:aaaa1111aaaa1111", "label": "unknown:aaaa1111aaaa1111"}, {"id": "NewsPunch"}],
            "edges": [{"source": "unknown:aaaa1111aaaa1111", "target": "NewsPunch", "weight": 1}],
        },
    }
    network = network_data(doc, article_refs(doc))
    labels = {node["id"]: node["attrs"].get("label") for node in network["nodes"]}
    assert labels["unknown:aaaa1111aaaa1111"] == "000_dde608e2.txt"
    (row,) = edge_rows(network)
    assert (row["source"], row["target"]) == ("000_dde608e2.txt", "NewsPunch")


def test_naming_ids_ignores_an_empty_id_from_a_broken_record() -> None:
    from narratrace.document import name_ids

    assert name_ids("a1 copies a10", {"": "B", "a1": "A"}) == "A copies a10"
