"""The store: idempotent ingest, migrations, and surviving a kill mid-ingest."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from narratrace.ingest.article import Article
from narratrace.pipeline import ingest_paths
from narratrace.store import SCHEMA_VERSION, open_store


def _write_corpus(path: Path, n: int, start: int = 0) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            record = {
                "id": f"doc{i}",
                "outlet": f"outlet{i % 7}.com",
                "title": f"Story {i}",
                "published": "2020-01-02",
                "text": f"Body of story number {i}. " * 20,
            }
            fh.write(json.dumps(record) + "\n")


def test_same_article_twice_is_one_row(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    article = Article(id="a1", text="hello world", title="T", outlet="x.com")
    assert store.add_articles([article]) == 1
    assert store.add_articles([article, article]) == 0
    assert store.count() == 1
    assert next(store.articles()) == article


def test_reingesting_a_corpus_adds_nothing_and_skips_finished_files(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    _write_corpus(corpus, 50)
    store = open_store(tmp_path / "s.db")
    first = ingest_paths([corpus], store)
    assert (first.read, first.added, first.errors) == (50, 50, [])
    again = ingest_paths([corpus], store)
    assert again.read == 0  # the file is recorded as done and unchanged
    assert store.count() == 50
    _write_corpus(corpus, 60)  # the file grew: it is read again, only new ids are added
    grown = ingest_paths([corpus], store)
    assert (grown.read, grown.added) == (60, 10)


def test_bad_file_is_recorded_and_batch_continues(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    _write_corpus(good, 5)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 1000)
    store = open_store(tmp_path / "s.db")
    report = ingest_paths([bad, good], store)
    assert report.added == 5
    assert [e.source_path for e in report.errors] == [str(bad)]
    statuses = {Path(s.path).name: s.status for s in store.sources()}
    assert statuses == {"bad.txt": "error", "good.jsonl": "done"}


def test_schema_is_versioned_and_migrations_are_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert open_store(db).schema_version == SCHEMA_VERSION
    store = open_store(db)  # re-opening applies nothing twice
    assert store.schema_version == SCHEMA_VERSION
    with store.engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    assert {"articles", "sources", "narratrace_meta"} <= tables


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE narratrace_meta SET value='999' WHERE key='schema_version'")
    with pytest.raises(RuntimeError, match="newer"):
        open_store(db)


@pytest.mark.skipif(
    not os.environ.get("NARRATRACE_TEST_PG_URL"), reason="set NARRATRACE_TEST_PG_URL to test PostgreSQL"
)
def test_postgresql_store(tmp_path: Path) -> None:
    store = open_store(os.environ["NARRATRACE_TEST_PG_URL"])
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM articles"))
        conn.execute(text("DELETE FROM sources"))
    corpus = tmp_path / "c.jsonl"
    _write_corpus(corpus, 30)
    assert ingest_paths([corpus], store).added == 30
    assert ingest_paths([corpus], store).read == 0
    assert store.count() == 30
    assert store.schema_version == SCHEMA_VERSION


def _ingest_then_hang(db: Path, corpus: Path, batches: int, ready: Any) -> None:
    """Ingest in a child process that stops, for good, right after its ``batches``-th batch is committed."""
    from narratrace.store import Store

    commit = Store.add_articles
    done = 0

    def add_articles(self: Store, articles: Any) -> int:
        nonlocal done
        added = commit(self, articles)
        done += 1
        if done == batches:
            ready.set()
            time.sleep(3600)  # killed here, mid-ingest: later batches and files never come
        return added

    Store.add_articles = add_articles  # type: ignore[method-assign]
    ingest_paths([corpus], open_store(str(db)))


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_store_intact_and_resumable(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    n_files, per_file, batches = 10, 500, 4
    for f in range(n_files):
        _write_corpus(corpus / f"part{f:03d}.jsonl", per_file, start=f * per_file)
    db = tmp_path / "s.db"
    # The child is killed at a known point (after 4 committed batches of 200), not when a poll happens to look.
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    child = context.Process(target=_ingest_then_hang, args=(db, corpus, batches, ready))
    child.start()
    assert ready.wait(120), "the ingest never committed its batches"
    os.kill(child.pid or 0, signal.SIGKILL)
    child.join()
    committed = batches * 200

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        survived = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert committed <= survived < n_files * per_file

    cmd = [sys.executable, "-m", "narratrace.cli", "ingest", str(corpus), "--db", str(db)]
    resumed = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    store = open_store(db)
    assert store.count() == n_files * per_file
    assert {s.status for s in store.sources()} == {"done"}
