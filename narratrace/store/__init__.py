"""Store stage: articles in embedded SQLite by default, PostgreSQL by URL, one interface.

Ingest is idempotent (an article's id is derived from its content, and inserting an id
that exists is a no-op) and transactional per batch, so a crash loses at most the batch in
flight and re-running the same command completes the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, func, select
from sqlalchemy.dialects import postgresql, sqlite

from narratrace.ingest.article import Article
from narratrace.store.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    article_stories_table,
    articles_table,
    meta_table,
    sources_table,
    story_state_table,
)

__all__ = ["SCHEMA_VERSION", "SourceRecord", "Store", "database_files", "database_url", "open_store"]


@dataclass(frozen=True)
class SourceRecord:
    path: str
    status: str
    reason: str | None
    articles: int


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def database_url(location: str | Path) -> str:
    """A SQLAlchemy URL for ``location``: a URL is kept, a file path becomes SQLite."""
    location = str(location)
    if "://" in location:
        return location
    return f"sqlite:///{Path(location).expanduser().resolve()}"


def database_files(location: str | Path) -> list[Path]:
    """The files a SQLite store at ``location`` lives in (the database and its journals); none for a server.

    Callers that read folders skip them: a store inside an input folder is not an input.
    """
    url = database_url(location)
    if not url.startswith("sqlite:///"):
        return []
    path = Path(url.removeprefix("sqlite:///"))
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]


class Store:
    """Articles and ingest bookkeeping in one SQL database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._migrate()

    # -- schema -------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self.engine.begin() as conn:
            meta_table.create(conn, checkfirst=True)
            row = conn.execute(select(meta_table.c.value).where(meta_table.c.key == "schema_version")).first()
            current = int(row[0]) if row else 0
        if current > SCHEMA_VERSION:
            raise RuntimeError(
                f"database schema version {current} is newer than this narratrace ({SCHEMA_VERSION}); upgrade it"
            )
        for version, migrate in MIGRATIONS:
            if version <= current:
                continue
            with self.engine.begin() as conn:
                migrate(conn)
                self._upsert(conn, meta_table, {"key": "schema_version", "value": str(version)}, ["key"], True)

    @property
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            row = conn.execute(select(meta_table.c.value).where(meta_table.c.key == "schema_version")).first()
        return int(row[0]) if row else 0

    def _upsert(
        self,
        conn: Connection,
        table: Table,
        values: dict[str, Any] | list[dict[str, Any]],
        keys: list[str],
        update: bool,
    ) -> None:
        dialect = sqlite if self.engine.dialect.name == "sqlite" else postgresql
        stmt = dialect.insert(table).values(values)
        if update:
            rows = values if isinstance(values, list) else [values]
            changed = {k: stmt.excluded[k] for k in rows[0] if k not in keys}
            stmt = stmt.on_conflict_do_update(index_elements=keys, set_=changed)
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=keys)
        conn.execute(stmt)

    # -- writing ------------------------------------------------------------------------
    def add_articles(self, articles: Iterable[Article]) -> int:
        """Insert articles in one transaction; returns how many were new."""
        rows = [
            {
                "id": a.id,
                "outlet": a.outlet,
                "url": a.url,
                "title": a.title,
                "published": a.published,
                "text": a.text,
                "source_path": a.source_path,
                "metadata": json.dumps(a.metadata, ensure_ascii=False, default=str),
                "ingested_at": _now(),
            }
            for a in articles
        ]
        if not rows:
            return 0
        with self.engine.begin() as conn:
            before = conn.execute(select(func.count()).select_from(articles_table)).scalar_one()
            self._upsert(conn, articles_table, rows, ["id"], False)
            after = conn.execute(select(func.count()).select_from(articles_table)).scalar_one()
        return int(after - before)

    def conflicting(self, articles: Sequence[Article]) -> list[Article]:
        """Articles whose id is already taken by a different text (stored, or earlier in ``articles``).

        Content-derived ids never conflict; an input's own ids (a JSONL ``id`` field) can, and the store
        would silently keep only the first such article.
        """
        ids = list({a.id for a in articles})
        with self.engine.connect() as conn:
            stored = {
                row.id: row.text
                for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500))
                for row in conn.execute(
                    select(articles_table.c.id, articles_table.c.text).where(articles_table.c.id.in_(chunk))
                )
            }
        conflicts = []
        for article in articles:
            if stored.setdefault(article.id, article.text) != article.text:
                conflicts.append(article)
        return conflicts

    def record_source(self, path: str, status: str, reason: str | None = None, articles: int = 0) -> None:
        try:
            stat = Path(path).stat()
            size, mtime = stat.st_size, str(stat.st_mtime_ns)
        except OSError:
            size, mtime = None, None
        values = {
            "path": path,
            "status": status,
            "reason": reason,
            "articles": articles,
            "size": size,
            "mtime_ns": mtime,
            "updated_at": _now(),
        }
        with self.engine.begin() as conn:
            self._upsert(conn, sources_table, values, ["path"], True)

    # -- reading ------------------------------------------------------------------------
    def source_is_done(self, path: str) -> bool:
        """True when ``path`` was read completely before and has not changed since."""
        try:
            stat = Path(path).stat()
        except OSError:
            return False
        with self.engine.connect() as conn:
            row = conn.execute(
                select(sources_table.c.status, sources_table.c.size, sources_table.c.mtime_ns).where(
                    sources_table.c.path == path
                )
            ).first()
        return bool(row and row[0] == "done" and row[1] == stat.st_size and row[2] == str(stat.st_mtime_ns))

    def sources(self) -> list[SourceRecord]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(sources_table).order_by(sources_table.c.path)).all()
        return [SourceRecord(r.path, r.status, r.reason, r.articles) for r in rows]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles_table)).scalar_one())

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Articles in a stable order (source path, then id)."""
        query = select(articles_table).order_by(articles_table.c.source_path, articles_table.c.id)
        if ids is not None:
            query = query.where(articles_table.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield Article(
                    id=row.id,
                    text=row.text,
                    title=row.title,
                    outlet=row.outlet,
                    url=row.url,
                    published=row.published,
                    source_path=row.source_path,
                    metadata=json.loads(row.metadata or "{}"),
                )

    # -- stories ------------------------------------------------------------------------
    def save_story_state(
        self, state: Mapping[str, Any], assignments: Iterable[Mapping[str, Any]] = (), name: str = "default"
    ) -> None:
        """Keep a story index's state (``StoryIndex.to_state()``) and its ``stories.jsonl`` rows (``id, story,
        narrative, score``) under ``name``, in one transaction: the state never runs ahead of the rows."""
        rows = [
            {
                "name": name,
                "article_id": r["id"],
                "story": r["story"],
                "narrative": r["narrative"],
                "score": float(r["score"]),
            }
            for r in assignments
        ]
        values = {"name": name, "state": json.dumps(state, ensure_ascii=False), "updated_at": _now()}
        with self.engine.begin() as conn:
            self._upsert(conn, story_state_table, values, ["name"], True)
            for begin in range(0, len(rows), 500):
                self._upsert(conn, article_stories_table, rows[begin : begin + 500], ["name", "article_id"], True)

    def load_story_state(self, name: str = "default") -> dict[str, Any] | None:
        """The state saved under ``name`` (for ``StoryIndex.from_state``), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(story_state_table.c.state).where(story_state_table.c.name == name)).first()
        return json.loads(row[0]) if row else None

    def story_assignments(self, name: str = "default") -> list[dict[str, Any]]:
        """Saved ``stories.jsonl`` rows under ``name``, by story then article id."""
        table = article_stories_table
        query = select(table).where(table.c.name == name).order_by(table.c.story, table.c.article_id)
        with self.engine.connect() as conn:
            return [
                {"id": r.article_id, "story": r.story, "narrative": r.narrative, "score": r.score}
                for r in conn.execute(query)
            ]

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL: readers never block the writer, and a killed process loses only its open transaction.
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def open_store(location: str | Path) -> Store:
    """Open (creating and migrating as needed) the store at a file path or SQLAlchemy URL."""
    url = database_url(location)
    scheme = url.split("://", 1)[0].split("+", 1)[0]
    if scheme not in ("sqlite", "postgresql"):  # before create_engine, which would import a missing driver
        raise ValueError(f"unsupported database {scheme!r}: use a SQLite path or a postgresql:// URL")
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return Store(engine)
