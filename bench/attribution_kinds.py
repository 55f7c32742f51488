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
from collections.abc import Sequence
from pathlib import Path

from bench.claims_matching import prf
from narratrace.claims.attribution_kinds import REPORTED_KINDS, attribution_kind

DATA = Path(__file__).resolve().parent / "data" / "attribution_kinds"
READERS = ("labels.jsonl", "labels_second.jsonl")


def _read(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def kept_by_rule(cue: object) -> bool:
    return attribution_kind(str(cue) if cue is not None else None) in REPORTED_KINDS


def _row(name: str, pairs: Sequence[tuple[bool, bool]]) -> str:
    """A table row for ``pairs`` of (the reader says speech or belief, the rule keeps it)."""
    reported = [said for said, _ in pairs]
    kept = [keep for _, keep in pairs]
    everything, _, everything_f1 = prf([True] * len(pairs), reported)
    precision, recall, f1 = prf(kept, reported)
    rightly = sum(not said and not keep for said, keep in pairs)
    wrongly = sum(said and not keep for said, keep in pairs)
    return (
        f"| {name} | {len(pairs)} | {everything:.3f} | {everything_f1:.3f} | {precision:.3f} | {recall:.3f} | "
        f"{f1:.3f} | {rightly} | {wrongly} |"
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
