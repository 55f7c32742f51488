"""Writes the "Text reuse" section of docs/benchmarks.md from a ``bench/reuse.py`` results file.

``python -m bench.reuse_docs bench/results/reuse/results.json`` rewrites the section in place (the
``reuse`` markers, see ``bench/docs_section.py``). What the figures alone do not say is in ``METHOD``
and ``NOTES`` below.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from bench import docs_section
from bench.reuse import markdown
from bench.reuse_metrics import direction_breakdown, load_predictions, load_truth

HEADING = "## Text reuse"
PHASES = ("read_clean", "find_reuse", "infer_directions")

METHOD = """\
Corpus (`bench/corpus_gen.py`, seed {seed}): originals are the PTC developer articles ({n_real} kept after removing
naturally shared sentences) and random filler (300-900 words of PTC vocabulary); 10% of the documents are copies
(~20% of them copies of copies) by 50 synthetic outlets (producers, aggregators copying 1-3 favourites, mixed), with
logged edits (10-60% of paragraphs cut, one moved, 2-6% of words substituted, sentences or paragraphs inserted,
"X.com reports:" credits, new intros and titles; 15% exact copies) and dates (65% 1-10 days after the source, 15%
the same day, 12% undated, 8% 1-3 days *before* it). Truth comes from per-word origin tags, not text similarity: a
true passage is >= 10 words copied in order (gaps of <= 3 bridged); a true pair has one (source and copy, a copy of
a copy and its ancestors, siblings that kept a paragraph); ancestor/descendant pairs have a true direction. PTC
pairs still sharing a 5-word shingle ({natural} of ~40k) are natural: a predicted pair joining two such families is
left out of precision ("strict P" counts it as a false positive).

Systems, each in its own subprocess on the same corpus file in one run (wall time: reading the JSONL to the last
result, start-up and imports excluded; peak MB "tree": the largest PSS sum over the subprocess's tree, sampled every
0.1 s, JVM and workers included; "main": that process's own `VmHWM`):
- **local** / **spark**: what `narratrace reuse` does: the ingest reader streamed into `ReuseCorpus.from_articles`
  (clean on all cores, lean form), `find_reuse(engine=...)`, `infer_directions`.
- **datasketch**: doc-level `MinHashLSH`, 128 permutations, 5-word shingles (lower-cased `\\W+` tokens), a
  candidate kept when its Jaccard estimate also reaches the threshold.
- **textdedup**: `text-dedup` 0.4.0 (`python -m text_dedup.minhash`, 5-grams, 128 permutations, xxh3,
  `--num_proc 2`) in its own virtualenv (its pins clash with ours); every pair in a cluster of its union-find dump.
- Baseline thresholds: swept on N=1000, the best-F1 one used at every N. passim was not run (not installed; its
  JVM/Spark 2 stack cannot be fetched offline).

Metrics (`bench/reuse_metrics.py`): pair precision/recall; boundary error: true and predicted passages of a found
pair that overlap in both texts are grouped and each group's outer edges compared, in characters (median, p90);
"passages found": the share of true passages a prediction overlaps; direction accuracy over found pairs with a
true direction (undecided = wrong).
"""

NOTES = """\
Reading the figures:

- The corpus is easy for doc-level baselines: no hard negatives (same-story rewrites, shared boilerplate,
  syndicated footers), so MinHash at its lowest swept threshold loses no precision; it misses heavily cut copies
  and siblings with little text in common, and no threshold tells it where the shared text is, what was edited,
  who copied whom, or a quote from a copy.
- The engines also find real quotations shared by independent PTC articles (mostly kind `shared_quote`): true
  shared text outside the synthetic truth, hence the two precision figures.
- Synthetic documents carry no scraper chrome, so boundary errors test alignment, not cleaning; only outer edges
  are compared, so an engine that bridges an inserted sentence is not penalised.
- Spark in local mode starts its JVM with a 3 GB heap, most of its tree memory; on 2 cores its fixed costs (JVM,
  Python workers, a shuffle of every posting) leave it slower than the local engine, which it is not meant to beat
  on one machine.
- `python -m bench.reuse_docs bench/results/reuse/results.json` rewrites this section from a saved run.
"""


def _exponent(sizes: list[dict[str, Any]], system: str) -> float | None:
    points = [
        (s["n_docs"], r["wall_s"])
        for s in sizes
        for r in s["runs"]
        if r["system"] == system and r["status"] == "ok" and s["n_docs"] >= 10000
    ]
    if len(points) < 2:
        return None
    (n0, t0), (n1, t1) = points[0], points[-1]
    return math.log(t1 / t0) / math.log(n1 / n0)


def _run(results: dict[str, Any], n: int, system: str) -> dict[str, Any] | None:
    for size in results["sizes"]:
        if size["n_docs"] == n:
            for run in size["runs"]:
                if run["system"] == system and run["status"] == "ok":
                    return run
    return None


def targets(results: dict[str, Any]) -> list[str]:
    """One line per acceptance target, met or missed, from the measured figures."""
    lines = []
    local, base = _run(results, 10000, "local"), _run(results, 10000, "datasketch")

    def verdict(ok: bool) -> str:
        return "met" if ok else "**missed**"

    if local:
        s = local["scores"]
        lines.append(f"- pair recall >= 0.99 at 10k: {s['recall']:.4f}, {verdict(s['recall'] >= 0.99)}")
        lines.append(f"- pair precision >= 0.99 at 10k: {s['precision']:.4f}, {verdict(s['precision'] >= 0.99)}")
        acc = s["direction_accuracy"] or 0.0
        lines.append(f"- direction accuracy >= 0.95 at 10k: {acc:.3f}, {verdict(acc >= 0.95)}")
        err = s["boundary_error_median"]
        lines.append(f"- median boundary error <= 20 chars at 10k: {err}, {verdict(err is not None and err <= 20)}")
        if base:
            ratio = local["wall_s"] / base["wall_s"]
            lines.append(f"- wall time <= 2x datasketch at 10k: {ratio:.2f}x, {verdict(ratio <= 2)}")
    else:
        lines.append("- 10k targets: no successful local run at N=10,000")
    big = _run(results, 100000, "local")
    if big:
        ok = big["wall_s"] < 300 and big["peak_rss_mb"] < 4096
        lines.append(
            f"- 100k docs < 300 s and peak RSS < 4 GB: {big['wall_s']:.0f} s, "
            f"{big['peak_rss_mb']:.0f} MB tree ({big['own_peak_rss_mb']:.0f} MB main process), {verdict(ok)}"
        )
    else:
        lines.append("- 100k docs < 300 s, < 4 GB: **missed** (no successful local run at N=100,000; see table)")
    exponent = _exponent(results["sizes"], "local")
    if exponent is not None:
        lines.append(f"- near-linear cost: wall time grows as N^{exponent:.2f} from 10k up, {verdict(exponent <= 1.2)}")
    agreements = []
    for size in results["sizes"]:
        agree = size.get("engines_agree")
        if agree:
            same = agree["pairs_only_local"] == agree["pairs_only_spark"] == 0
            same = same and agree["same_passages"] == agree["same_source"] == agree["pairs_both"]
            agreements.append(
                f"N={size['n_docs']:,} {verdict(same)} ({agree['pairs_both']} common pairs, "
                f"{agree['pairs_only_local']} only local, {agree['pairs_only_spark']} only Spark, "
                f"{agree['same_passages']} with identical passages)"
            )
    if agreements:
        lines.append("- Spark and local agree: " + "; ".join(agreements))
    return lines


def direction_table(results: dict[str, Any], work: Path, n: int = 10000) -> list[str]:
    """Direction accuracy of the local engine at N by date situation and edit kind."""
    corpus = work / f"corpus-{n}-seed{results['seed']}"
    predictions = work / f"run-{n}-local" / "predictions.jsonl"
    if not (corpus.exists() and predictions.exists()):
        return []
    published = {}
    with (corpus / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            published[record["id"]] = record["published"]
    table = direction_breakdown(load_truth(corpus / "truth.json"), published, load_predictions(predictions))
    cells = {tuple(key.split(", ", 1)): f"{ok} / {total}" for key, (ok, total) in table.items()}
    edits = sorted({e for _, e in cells})
    lines = [
        f"Direction accuracy of `local` at N={n:,} (correct / pairs), by what the header dates say and how the "
        "copy was edited:",
        "",
        "| dates | " + " | ".join(edits) + " |",
        "|---|" + "---:|" * len(edits),
    ]
    lines += [
        f"| {d} | " + " | ".join(cells.get((d, e), "–") for e in edits) + " |" for d in sorted({d for d, _ in cells})
    ]
    return [*lines, ""]


def phase_table(results: dict[str, Any]) -> list[str]:
    """Where narratrace's wall time goes, per N (seconds)."""
    rows = []
    for size in results["sizes"]:
        for run in size["runs"]:
            if run["system"] in ("local", "spark") and run["status"] == "ok":
                phases = " | ".join(f"{run['phases'].get(k, 0):.1f}" for k in PHASES)
                rows.append(f"| {size['n_docs']:,} | {run['system']} | {phases} |")
    if not rows:
        return []
    head = ["narratrace time by phase (s):", "", "| N | engine | " + " | ".join(PHASES) + " |"]
    return [*head, "|---:|---|" + "---:|" * len(PHASES), *rows, ""]


def section(results: dict[str, Any], work: Path | None = None) -> str:
    meta = results["machine"]
    corpus_meta = results.get("corpus_meta", {})
    parts = [
        HEADING,
        "",
        f"Command: `{results['command']}` · date: {results['date']} · machine: {meta['nproc']} core(s) "
        f"(`nproc`), {meta['cpu']}, Python {meta['python']}.",
        "",
        METHOD.format(
            seed=results["seed"],
            n_real=corpus_meta.get("n_real_originals", "?"),
            natural=corpus_meta.get("natural_pairs", "?"),
        ),
    ]
    for name, rows in results.get("sweeps", {}).items():
        cells = ", ".join(f"{r['threshold']}: {r['f1']:.3f}" for r in rows if "f1" in r)
        parts.append(f"- {name} threshold sweep on N=1000 (F1): {cells} → t={results['thresholds'][name]}.")
    parts += ["", markdown(results)] if results.get("sweeps") else [markdown(results)]
    parts += ["Targets:", "", *targets(results), ""]
    parts += phase_table(results)
    if work is not None:
        parts += direction_table(results, work)
    parts.append(NOTES)
    return "\n".join(parts) + "\n"


def write_section(results: dict[str, Any], docs: Path | None = None, work: Path | None = None) -> None:
    """Rewrite the reuse section of ``docs`` (docs/benchmarks.md by default) from a results dict."""
    docs_section.write_section(section(results, work), docs, name="reuse")


if __name__ == "__main__":
    results_path = Path(sys.argv[1])
    results_data = json.loads(results_path.read_text(encoding="utf-8"))
    write_section(results_data, work=results_path.parent)
