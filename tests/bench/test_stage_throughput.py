"""The throughput benchmark's corpus: real articles of three kinds, repeats past the end, ids and texts distinct."""

from __future__ import annotations

from bench import stage_throughput
from tests.conftest import shared_path


def test_corpus_mixes_the_three_sources_and_repeats_with_new_ids() -> None:
    shared_path("data", "attribution")
    shared_path("data", "stories")
    small, repeats = stage_throughput.corpus(200)
    assert len(small) == 200 and repeats == 0
    kinds = {("allsides" if a.id.startswith("allsides") else "ptc" if a.id.startswith("article") else "polnear")
             for a in small}  # fmt: skip
    assert kinds == {"allsides", "ptc", "polnear"}
    base = len([*stage_throughput._polnear(), *stage_throughput._ptc(), *stage_throughput._allsides()])
    large, repeats = stage_throughput.corpus(base + 10)
    assert repeats == 10 and len({a.id for a in large}) == base + 10
    assert all(a.id.endswith("#copy2") for a in large[base:])

    # A repeat has the same words in another order (another lead; full stops move at the seam), never the same bytes.
    def words(text: str) -> list[str]:
        return sorted(w.strip(".") for w in text.split())

    for repeat, original in zip(large[base:], large[:10], strict=True):
        assert words(repeat.text) == words(original.text) and repeat.text != original.text
    assert stage_throughput.corpus(200)[0] == small  # seeded: the same articles every run


def test_timings_add_up_repeated_parts() -> None:
    timings = stage_throughput.Timings()
    for _ in range(3):
        with timings.part("work"):
            sum(range(10_000))
    assert list(timings.parts) == ["work"]
    assert timings.parts["work"]["cpu_s"] >= 0 and timings.parts["work"]["peak_mb"] > 0
