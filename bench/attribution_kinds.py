"""Attribution kinds (``narratrace.claims.attribution_kinds``) read against hand labels.

    python -m bench.attribution_kinds [--data DIR] [--show]

Sourcing and claims keep an attribution when its cue reports speech or a belief; this scores that choice, per
reader and per split of ``bench/data/attribution_kinds`` (GUIDE.md there): of the attributions kept, how many a
reader calls speech or belief (precision), and of those the reader calls so, how many are kept (recall), beside
keeping every one (what the stages did before kinds). ``--show`` prints the records where rule and reader differ.
No corpus is read: each record carries its cue.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from narratrace.claims.attribution_kinds import REPORTED_KINDS, attribution_kind

DATA = Path(__file__).resolve().parent / "data" / "attribution_kinds"
READERS = ("labels.jsonl", "labels_second.jsonl")


@dataclass(frozen=True)
class Kept:
    """How a keep-or-drop rule does against a reader: kept and reported, kept and not, dropped and reported."""

    right: int
    wrong: int
    lost: int
    dropped_rightly: int

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 0.0

    @property
    def recall(self) -> float:
        return self.right / (self.right + self.lost) if self.right + self.lost else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: Iterable[tuple[bool, bool]]) -> Kept:
    """``pairs`` of (the reader says speech or belief, the rule keeps it)."""
    counts = {(True, True): 0, (False, True): 0, (True, False): 0, (False, False): 0}
    for pair in pairs:
        counts[pair] += 1
    return Kept(counts[(True, True)], counts[(False, True)], counts[(True, False)], counts[(False, False)])


def _read(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def kept_by_rule(cue: object) -> bool:
    return attribution_kind(str(cue) if cue is not None else None) in REPORTED_KINDS


def _row(name: str, pairs: Sequence[tuple[bool, bool]]) -> str:
    rule = score(pairs)
    everything = score((reported, True) for reported, _ in pairs)
    return (
        f"| {name} | {len(pairs)} | {everything.precision:.3f} | {everything.f1:.3f} | {rule.precision:.3f} | "
        f"{rule.recall:.3f} | {rule.f1:.3f} | {rule.dropped_rightly} | {rule.lost} |"
    )


def report(data: Path = DATA, show: bool = False) -> list[str]:
    """The table's lines (markdown), and with ``show`` the records where rule and reader differ."""
    lines = [
        "| set | records | keep all: precision | keep all: F1 | kinds: precision | kinds: recall | kinds: F1 "
        "| dropped rightly | dropped wrongly |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    records = _read(data / "records.jsonl")
    shown = []
    for reader in READERS:
        labels = _read(data / reader)
        for part in ("tune", "report"):
            pairs = []
            for record, label in zip(records, labels, strict=True):
                if record["id"] != label["id"]:
                    raise ValueError(f"{reader}: {label['id']} where {record['id']} was expected")
                if record["split"] != part:
                    continue
                reported, kept = label["kind"] in REPORTED_KINDS, kept_by_rule(record["cue"])
                pairs.append((reported, kept))
                if show and reader == READERS[0] and reported != kept:
                    shown.append(f"  {part}: reader {label['kind']}, rule {attribution_kind(str(record['cue']))}: "
                                 f"{record['cue']!r} | {' '.join(str(record['context']).split())[:120]}")  # fmt: skip
            lines.append(_row(f"{part} ({reader.removesuffix('.jsonl')})", pairs))
    audit = _read(data / "allsides_reading.jsonl")
    lines.append(_row("AllSides reading (tune)", [(bool(r["reported"]), kept_by_rule(r["cue"])) for r in audit]))
    return lines + shown


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA, help="folder of records.jsonl and the readers' labels")
    parser.add_argument("--show", action="store_true", help="print the records where rule and reader differ")
    args = parser.parse_args(argv)
    print("\n".join(report(args.data, args.show)))


if __name__ == "__main__":
    main()
