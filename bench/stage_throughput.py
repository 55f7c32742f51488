"""Throughput of the stories, claims and framing stages together, as ``narratrace analyze --only
stories,claims,framing`` runs them (through ``narratrace.pipeline``; reuse runs first because claims needs it).

    NARRATRACE_SHARED=../shared nice python -m bench.stage_throughput [N] [--json OUT.json]

Corpus: real news from ../shared — PolNeAR full articles (840), PTC full articles (296), then AllSides lead
excerpts (1,479), mixed in a seeded order so every N holds the three kinds in proportion. Beyond 2,615
articles the corpus repeats with new ids (``…#copy2``) and sentences rotated (``corpus``); the report says how
many are repeats.

The stages run as ``analyze`` runs them: side by side where they do not wait on each other (one part,
``stages``); ``--in-turn`` runs them one after another, with a part per stage and step (``claims:
attributions``, ``claims: matching``, ``stories: features``). Per part it reports wall seconds and CPU seconds
(user + system of this process, of the worker processes it waited for, and of live ones: the run's shared
worker pool outlives a stage), this process's own CPU
seconds (``main_cpu_s``: the one-core part; ``quiet_2core_wall_s`` adds the workers' seconds halved, what an
idle two-core machine would take, as contended wall seconds cannot say), the peak resident memory
of this process, and a projection to 10,000 articles on two cores: CPU seconds scaled linearly by words (the
stages' costs follow the text they read) and divided by two, which assumes both cores are kept busy
(``torch`` and the worker pools do that; spaCy alone does not). Models are loaded before timing, in this
process and in the shared worker pool when the code has one (code without it starts and loads its
attribution workers inside the timed claims part), and their load time reported apart. ``--dump`` writes
the stages' outputs so that two versions can be compared.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from narratrace.analysis import StageContext
from narratrace.clean import clean_article
from narratrace.clean.types import CleanArticle
from narratrace.ingest.article import Article
from narratrace.pipeline import RunOptions, run_stages

SHARED = Path(os.environ.get("NARRATRACE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
TARGET_ARTICLES = 10_000
TARGET_CORES = 2
WORDS_PER_ARTICLE = 600  # a typical full news article; the 10k projection is also given per measured article


def _polnear() -> Iterator[Article]:
    folder = SHARED / "data" / "attribution"
    with (folder / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            path = folder / "text" / f"{row['filename']}.txt"
            if path.exists():
                text = path.read_text(encoding="utf-8")
                yield Article(row["filename"], text, row["title"], row["publisher"], None, row["publication_date"])


def _ptc() -> Iterator[Article]:
    for path in sorted((SHARED / "data" / "ptc" / "articles").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").lstrip("\ufeff").split("\n")
        yield Article(path.stem, "\n".join(lines[1:]).strip(), lines[0].strip() or None, None, None, None)


def _allsides() -> Iterator[Article]:
    for line in (SHARED / "data" / "stories" / "allsides.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        yield Article(row["id"], row["text"], row["title"], row.get("source"), row.get("url"), row.get("date"))


def corpus(n: int, seed: int = 18) -> tuple[list[Article], int]:
    """``n`` real articles in a seeded mixed order, and how many of them are renamed repeats.

    A repeat is not byte-identical: the k-th repeat of a text has its sentences rotated by k (its words by k
    sevenths where it has too few sentences), so the stages' reading of each distinct text once (a real corpus's
    exact duplicates) cannot make the run look cheaper than ``n`` different articles. Same words, another lead;
    its sentences stay identical, as a copy's do.
    """
    base = [*_polnear(), *_ptc(), *_allsides()]
    random.Random(seed).shuffle(base)
    articles = base[:n]
    copy = 2
    while len(articles) < n:
        for article in base[: n - len(articles)]:
            articles.append(Article(f"{article.id}#copy{copy}", _rotated(article.text, copy - 1), article.title,
                                    article.outlet, article.url, article.published))  # fmt: skip
        copy += 1
    return articles, max(0, n - len(base))


def _rotated(text: str, turn: int) -> str:
    """``text`` with its sentences (split at ". ") rotated by ``turn``, or its words by ``turn`` sevenths."""
    body, end = (text[:-1], ".") if text.endswith(".") else (text, "")
    sentences = body.split(". ")
    if len(sentences) > turn:
        return ". ".join(sentences[turn:] + sentences[:turn]) + end
    words = text.split()
    cut = (turn * max(1, len(words) // 7)) % max(1, len(words))
    return " ".join(words[cut:] + words[:cut])


def _cpu_seconds() -> float:
    """This process, its finished children, and its live ones (the run's shared worker pool outlives a stage)."""
    import psutil

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    live = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        live += times.user + times.system
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + live


def _main_cpu_seconds() -> float:
    """This process alone: the part of the work that runs on one core."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _peak_mb() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return max(own.ru_maxrss, children.ru_maxrss) / 1024  # kilobytes on Linux


class Timings:
    """Wall and CPU seconds by part name, in the order the parts first ran."""

    def __init__(self) -> None:
        self.parts: dict[str, dict[str, float]] = {}

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        wall, cpu, main = time.perf_counter(), _cpu_seconds(), _main_cpu_seconds()
        try:
            yield
        finally:
            entry = self.parts.setdefault(name, {"wall_s": 0.0, "cpu_s": 0.0, "main_cpu_s": 0.0})
            entry["wall_s"] += time.perf_counter() - wall
            entry["cpu_s"] += _cpu_seconds() - cpu
            entry["main_cpu_s"] += _main_cpu_seconds() - main
            # What a quiet two-core machine would take when this process waits while its workers work: its
            # own CPU seconds plus the workers' shared by two cores (contention-free, unlike wall_s here).
            entry["quiet_2core_wall_s"] = entry["main_cpu_s"] + (entry["cpu_s"] - entry["main_cpu_s"]) / TARGET_CORES
            entry["peak_mb"] = _peak_mb()

    def wrap(self, module: Any, attribute: str, name: str) -> None:
        """Time every call of ``module.attribute`` (a stage imports it when it runs, so the wrapper is used)."""
        original: Callable[..., Any] = getattr(module, attribute)
        inside = [False]

        def timed(*args: Any, **kwargs: Any) -> Any:
            # A function that calls itself through its module (attribution tagging recurses once on the distinct
            # texts) is timed once, from the outer call: an inner one would count the same seconds twice.
            if inside[0]:
                return original(*args, **kwargs)
            inside[0] = True
            try:
                with self.part(name):
                    return original(*args, **kwargs)
            finally:
                inside[0] = False

        setattr(module, attribute, timed)


def _warm_framing_parser() -> None:
    """Framing's parser (tags and dependencies, no NER): a one-article warm-up corpus names no entity twice, so
    ``find_framing`` would parse nothing and load nothing."""
    from narratrace.nlp import english

    english(exclude=("ner", "lemmatizer", "attribute_ruler"))("A warm-up sentence.")


ATTRIBUTION_MODEL = "default"  # --attribution-model: the claims stage's tagger, loaded in the warm-up too


def _warm_worker(_: int, model: str = "default") -> None:
    """Load a worker's models (the sentence encoder, the attribution tagger, and the spaCy pipelines of story
    NER, the assertion check and framing's parse) as its first tasks would."""
    from narratrace.claims.asserting import asserting
    from narratrace.claims.attribution import extract_attributions
    from narratrace.nlp import embed_sentences
    from narratrace.stories.features import extract_entities

    sentence = "The mayor said on Monday that the bridge would reopen soon."
    embed_sentences(["A warm-up sentence."])
    extract_attributions([sentence], model)
    extract_entities([sentence])
    asserting([sentence])
    _warm_framing_parser()
    time.sleep(2)  # both tasks run at once, so each worker takes one


def warm_up() -> float:
    """Load every model the stages use, outside the timing, in this process and in the shared worker pool
    when the code has one; returns the seconds it took."""
    from narratrace.claims.asserting import asserting
    from narratrace.claims.attribution import extract_attributions
    from narratrace.framing.find import find_framing
    from narratrace.nlp import embed_sentences
    from narratrace.stories.features import extract_entities

    start = time.perf_counter()
    sample = [clean_article(Article("warm-up", "The mayor said on Monday that the bridge would reopen soon."))]
    embed_sentences(["A warm-up sentence."])
    asserting(["A warm-up sentence."])
    extract_entities(["A warm-up sentence about Paris."])
    extract_attributions(sample, ATTRIBUTION_MODEL)
    find_framing(sample)
    _warm_framing_parser()
    try:
        from narratrace.parallel import spawned_pool, worker_count
    except ImportError:  # code without a shared pool starts its workers inside the stage, timed
        return time.perf_counter() - start
    if worker_count() >= 2:
        warm = partial(_warm_worker, model=ATTRIBUTION_MODEL)
        list(spawned_pool(worker_count()).map(warm, range(worker_count())))
    return time.perf_counter() - start


def bf16_in_use() -> bool:
    import narratrace.nlp

    return bool(narratrace.nlp.bf16_is_native())


def outputs(context: StageContext) -> dict[str, Any]:
    """What the stages found, as plain records (``--dump``): two versions' outputs can then be compared."""
    results: Any = context.results
    out: dict[str, Any] = {}
    if "stories" in results:
        out["stories"] = results["stories"].story_of()
    if "claims" in results:
        out["claims"] = [claim.to_record() for claim in results["claims"].claims]
        out["attributions"] = {k: [a.to_record() for a in v] for k, v in results["claims"].attributions.items()}
    if "framing" in results:
        out["framing"] = [entity.to_record() for entity in results["framing"].entities] + [
            framing.to_record() for framing in results["framing"].framings
        ]
    return out


def measure(
    n: int,
    dump: Path | None = None,
    engine: str = "local",
    only: tuple[str, ...] = ("stories", "claims", "framing"),
    in_turn: bool = False,
) -> dict[str, Any]:
    """Time the stages on ``n`` articles. As the pipeline runs them (side by side where they do not wait on each
    other: one part, ``stages``), or with ``in_turn`` one after another, with a part per stage and step."""
    import narratrace.claims.attribution_workers as attribution
    import narratrace.claims.matching as matching
    import narratrace.stories.index as story_index

    articles, repeats = corpus(n)
    timings = Timings()
    with timings.part("clean"):
        cleaned: list[CleanArticle] = [clean_article(a) for a in articles]
    words = sum(len(c.text.split()) for c in cleaned)
    load_cpu = _cpu_seconds()
    load_s = warm_up()
    load_cpu = _cpu_seconds() - load_cpu
    if in_turn:  # parts of stages running side by side would overlap, and CPU seconds are per process
        timings.wrap(attribution, "attributions_for", "claims: attributions")
        timings.wrap(matching, "find_claims", "claims: matching")
        timings.wrap(story_index, "extract_features", "stories: features")
    options = RunOptions(only=only)
    context = StageContext(
        articles=cleaned,
        raw_articles=lambda: (c.article for c in cleaned),
        engine=engine,
        options={"claims_attribution_model": ATTRIBUTION_MODEL},
    )
    if engine == "spark":  # the session (JVM) starts outside the timing, as the models load outside it
        from narratrace.spark import spark_session

        spark_session()
    if in_turn:
        for stage in options.stages():
            with timings.part(stage.name):
                run_stages(context, [stage])
            print(f"{stage.name}: {timings.parts[stage.name]}", file=sys.stderr, flush=True)
    else:
        with timings.part("stages"):
            run_stages(context, options.stages(), side_by_side=engine == "local")
    found: Any = context.results
    results = {
        "stories": len(found["stories"].result.stories) if "stories" in found else None,
        "claims": len(found["claims"].claims) if "claims" in found else None,
        "framing_entities": len(found["framing"].entities) if "framing" in found else None,
    }
    if dump is not None:
        dump.write_text(json.dumps(outputs(context), sort_keys=True, default=str), encoding="utf-8")
    stage_names = [s for s in ("reuse", "stories", "claims", "framing", "stages") if s in timings.parts]
    total_cpu = sum(timings.parts[s]["cpu_s"] for s in stage_names)
    total_wall = sum(timings.parts[s]["wall_s"] for s in stage_names)
    quiet_wall = sum(timings.parts[s]["quiet_2core_wall_s"] for s in stage_names)
    per_word = total_cpu / max(words, 1)
    return {
        "articles": n,
        "repeated_articles": repeats,
        "words": words,
        "model_load_s": round(load_s, 1),
        "model_load_cpu_s": round(load_cpu, 1),
        "parts": {k: {m: round(v, 1) for m, v in e.items()} for k, e in timings.parts.items()},
        "results": results,
        "total_wall_s": round(total_wall, 1),
        "total_cpu_s": round(total_cpu, 1),
        "total_quiet_2core_wall_s": round(quiet_wall, 1),
        "articles_per_wall_s": round(n / total_wall, 2),
        "articles_per_cpu_s": round(n / total_cpu, 2),
        "peak_mb": round(_peak_mb()),
        "projected_10k_min_2_cores_as_measured": round(total_cpu * TARGET_ARTICLES / n / TARGET_CORES / 60, 1),
        "projected_10k_min_2_cores_600_words": round(
            per_word * TARGET_ARTICLES * WORDS_PER_ARTICLE / TARGET_CORES / 60, 1
        ),
        "minilm_bf16": bf16_in_use(),
        "load_average": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("articles", nargs="?", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="also write the report here")
    parser.add_argument("--dump", type=Path, help="write the stages' outputs here (JSON), to compare versions")
    parser.add_argument("--fp32", action="store_true", help="MiniLM in float32 even where bfloat16 is native")
    parser.add_argument("--engine", choices=("local", "spark"), default="local", help="run the stages on this engine")
    parser.add_argument("--only", default="stories,claims,framing", help="the stages to run (reuse runs when needed)")
    parser.add_argument(
        "--attribution-model", default="default", help="the claims stage's tagger: default, accurate, fast"
    )
    parser.add_argument(
        "--in-turn",
        action="store_true",
        help="run the stages one after another, timing each stage and step (default: side by side, as analyze)",
    )
    arguments = parser.parse_args()
    global ATTRIBUTION_MODEL
    ATTRIBUTION_MODEL = arguments.attribution_model
    if arguments.fp32:
        import narratrace.nlp

        narratrace.nlp.bf16_is_native = lambda: False  # type: ignore[assignment]
    report = measure(
        arguments.articles, arguments.dump, arguments.engine, tuple(arguments.only.split(",")), arguments.in_turn
    )
    report["engine"] = arguments.engine
    report["stages_run"] = "in turn" if arguments.in_turn or arguments.engine != "local" else "side by side"
    report["attribution_model"] = ATTRIBUTION_MODEL
    print(json.dumps(report, indent=2))
    if arguments.json:
        arguments.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
