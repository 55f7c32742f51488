"""``narratrace reuse``: find shared text in a corpus, who copied whom, and the outlet network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import TaskID

from narratrace.console import console, progress_bar


def reuse_command(
    corpus: Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .html, .jsonl, .csv, WARC, feeds).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for pairs.jsonl, clusters.jsonl and the network.")],
    engine: Annotated[str, typer.Option("--engine", help="local (all cores) or spark.")] = "local",
    field_map: Annotated[
        str | None,
        typer.Option(
            "--map", help="Field names of JSONL/CSV inputs, ours=theirs, e.g. 'outlet=series,published=date'."
        ),
    ] = None,
) -> None:
    """Find which articles share text, exactly where, what each copy changed, and who copied whom.

    Articles are held in lean form (cleaned text, offsets, provenance facts, compressed original),
    so a 100k-article corpus fits in a few GB; see docs/reuse.md.
    """
    from narratrace.ingest import Article, ReadError, read_paths
    from narratrace.parallel import map_in_batches
    from narratrace.pipeline import input_files
    from narratrace.pipeline_cli import check_engine, make_out_dir, read_options, report_read_errors
    from narratrace.provenance import build_outlet_network, infer_directions, write_network
    from narratrace.provenance.corpus import ReuseCorpus, lean_article
    from narratrace.reuse import find_reuse
    from narratrace.reuse.output import cluster_record, pair_record, write_jsonl

    check_engine(engine)
    options = read_options(field_map)
    make_out_dir(out)
    failures: list[ReadError] = []

    def readable() -> Iterator[Article]:
        # The output folder may sit inside a corpus folder: never read a previous run's outputs.
        for item in read_paths(input_files(corpus, [out]), options):
            if isinstance(item, Article):
                yield item
            else:
                failures.append(item)
                report_read_errors([item])

    lean = ReuseCorpus()
    with progress_bar() as bar:
        task = bar.add_task("read + clean", total=None)
        for item in map_in_batches(lean_article, readable()):
            lean.add(item)
            bar.advance(task)
    console.print(f"read {len(lean)} article(s); {len(failures)} input(s) failed")

    tasks: dict[str, TaskID] = {}
    with progress_bar() as bar:

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)

        result = find_reuse(lean.sources, engine=engine, progress=progress)
    directions = infer_directions(result.pairs, lean.facts)
    write_jsonl(
        out / "pairs.jsonl",
        (pair_record(p, lean.original_text, directions.get((p.a, p.b))) for p in result.pairs),
    )
    write_jsonl(out / "clusters.jsonl", (cluster_record(c) for c in result.clusters))
    graph = build_outlet_network(result.pairs, directions, lean.facts)
    written = write_network(graph, out)
    copies = sum(1 for p in result.pairs if p.kind == "copy")
    console.print(
        f"{len(result.pairs)} pair(s) ({copies} copies, {len(result.pairs) - copies} shared quotes), "
        f"{len(result.clusters)} cluster(s); wrote {out / 'pairs.jsonl'}, {out / 'clusters.jsonl'}, "
        + ", ".join(str(p) for p in written.values())
    )
    raise typer.Exit(1 if failures else 0)


def register(app: typer.Typer, train_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    del train_app, evaluate_app  # reuse has nothing to train or evaluate from the CLI
    app.command("reuse")(reuse_command)
