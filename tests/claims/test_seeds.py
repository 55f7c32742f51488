"""Seeds acceptance (issue 18 §2): the claim that the White Helmets plan a false-flag chemical attack lists 000 and
002 (a copy) as one origin, reads as that warning, and does not pull in neighbouring accusations.

"Same claim" follows bench/data/claim_pairs/GUIDE.md: 004's "are coordinating with terrorist groups to stage a
chemical attack in Idlib" asserts a different event (a planned attack in Idlib, months later) than 000's
"have staged false flag chemical attacks" or the Sputnik Arabic warning about the southern offensive; its
relative clause ("which stands accused of ... launching false-flag gas attacks") is background, not the claim.
"""

from pathlib import Path

import pytest

from narratrace.claims.matching import find_claims
from narratrace.clean import clean_article
from narratrace.ingest import read_paths
from narratrace.ingest.article import Article
from narratrace.provenance import infer_directions
from narratrace.reuse import find_reuse

pytestmark = pytest.mark.slow


def test_false_flag_claim_counts_the_copy_once_and_keeps_neighbours_out(seeds_dir: Path) -> None:
    articles = [clean_article(a) for a in read_paths(seeds_dir) if isinstance(a, Article)]
    by_file = {Path(a.article.source_path or "").name[:3]: a.id for a in articles}
    reuse = find_reuse(articles)
    directions = infer_directions(reuse.pairs, {a.id: a for a in articles})
    claims = find_claims(articles, None, reuse.pairs, directions)
    false_flag = [c for c in claims if any("false flag chemical attack" in m.content.text.lower() for m in c.mentions)]
    assert false_flag, "no claim about a false-flag chemical attack"
    for claim in false_flag:
        articles_listed = {m.article for m in claim.mentions}
        origin_of = {article: n for n, group in enumerate(claim.origins) for article in group}
        assert claim.independent_origins == len(claim.origins)
        if {by_file["000"], by_file["002"]} <= articles_listed:
            assert origin_of[by_file["000"]] == origin_of[by_file["002"]]
            assert claim.independent_origins < len(articles_listed)
            assert f"{by_file['002']} copies {by_file['000']}" in claim.why
        assert not any("attack in Idlib" in m.content.text for m in claim.mentions)
    warning = [c for c in false_flag if any("preparing a new false flag" in m.content.text for m in c.mentions)]
    assert len(warning) == 1
    assert {m.article for m in warning[0].mentions} == {by_file["000"], by_file["002"]}
    assert warning[0].independent_origins == 1
    assert "preparing a new false flag" in warning[0].text


def test_with_attributions_the_false_flag_warning_counts_the_copy_once(seeds_dir: Path) -> None:
    """The stage's own path: attributed contents (default model) and bare assertions together."""
    from narratrace.claims.attribution import extract_attributions

    articles = [clean_article(a) for a in read_paths(seeds_dir) if isinstance(a, Article)]
    by_file = {Path(a.article.source_path or "").name[:3]: a.id for a in articles}
    reuse = find_reuse(articles)
    directions = infer_directions(reuse.pairs, {a.id: a for a in articles})
    claims = find_claims(articles, extract_attributions(articles), reuse.pairs, directions)
    for each in claims:  # one content with two attributions is one statement, so one mention
        spans = [(m.article, m.content.start, m.content.end) for m in each.mentions]
        assert len(spans) == len(set(spans))
    warning = [c for c in claims if any("preparing a new false flag" in m.content.text for m in c.mentions)]
    assert len(warning) == 1
    claim = warning[0]
    listed = {m.article for m in claim.mentions}
    # 004's "staged the suspected chemical attack in the town of Douma" (a past event) and its "concerns over a
    # potential military attack by the Syrian army on Idlib" (a topic) are other claims under the guide.
    assert listed == {by_file["000"], by_file["002"]}
    assert not any("Douma" in m.content.text or "Idlib" in m.content.text for m in claim.mentions)
    assert "preparing a new false flag" in claim.text
    origin_of = {article: n for n, group in enumerate(claim.origins) for article in group}
    assert origin_of[by_file["000"]] == origin_of[by_file["002"]]
    assert claim.independent_origins == len(claim.origins) == 1
    assert f"{by_file['002']} copies {by_file['000']}" in claim.why
    # Both copies name the same upstream source, the military sources speaking to Sputnik Arabic.
    sources = {m.source.text for m in claim.mentions if m.source is not None}
    assert any("Sputnik Arabic" in s for s in sources)
