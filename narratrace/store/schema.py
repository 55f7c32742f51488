"""Tables and migrations. Each migration is applied once, in order, inside one transaction."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Column, Connection, Float, Integer, MetaData, String, Table, Text, text

metadata = MetaData()

meta_table = Table(
    "narratrace_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles_table = Table(
    "articles",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("outlet", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(40)),
    Column("text", Text, nullable=False),
    Column("source_path", Text),
    Column("metadata", Text, nullable=False, default="{}"),
    Column("ingested_at", String(40), nullable=False),
)

sources_table = Table(
    "sources",
    metadata,
    Column("path", Text, primary_key=True),
    Column("status", String(16), nullable=False),  # done | error
    Column("reason", Text),
    Column("articles", Integer, nullable=False, default=0),
    Column("size", Integer),
    Column("mtime_ns", String(32)),
    Column("updated_at", String(40), nullable=False),
)

# A story index's whole state (narratrace.stories.StoryIndex.to_state) as one JSON document per name, so
# that the next run adds articles to the same stories under the same ids.
story_state_table = Table(
    "story_state",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("state", Text, nullable=False),
    Column("updated_at", String(40), nullable=False),
)

# Each article's story and narrative, queryable without loading the state.
article_stories_table = Table(
    "article_stories",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("article_id", String(128), primary_key=True),
    Column("story", String(64), nullable=False),
    Column("narrative", String(64), nullable=False),
    Column("score", Float, nullable=False),
)


def _v1(conn: Connection) -> None:
    articles_table.create(conn, checkfirst=True)


def _v2(conn: Connection) -> None:
    # Which files were fully read, so an interrupted ingest resumes where it stopped.
    sources_table.create(conn, checkfirst=True)
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_outlet ON articles (outlet)"))


def _v3(conn: Connection) -> None:
    story_state_table.create(conn, checkfirst=True)
    article_stories_table.create(conn, checkfirst=True)
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_article_stories_story ON article_stories (name, story)"))


MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [(1, _v1), (2, _v2), (3, _v3)]
SCHEMA_VERSION = MIGRATIONS[-1][0]
