"""The two backends keep one schema: every table, column (in order), type, NOT NULL, default and index alike.

Each backend's schema is the sum of its released migrations, which are never edited (a ledger made by an earlier
release upgrades through them), so the tables cannot be generated from one declaration; this test holds the two
equal instead, on real databases.
"""

from __future__ import annotations

import re
import sqlite3

import psycopg

from inspect_cli.core.integrity import APPEND_ONLY_TRIGGERS
from inspect_cli.ledger import open_location

# PostgreSQL has no application id in its file header: it marks its database with a table of its own instead.
POSTGRESQL_ONLY = {"inspect_cli_ledger"}
# the one column type each backend's spelling stands for
TYPES = {
    "INTEGER": "integer",
    "bigint": "integer",
    "integer": "integer",
    "TEXT": "text",
    "text": "text",
    "REAL": "real",
    "double precision": "real",
}


def _default(value: str | None) -> str | None:
    """A column default as both backends would write it: `'draft'::text` → `'draft'`."""
    return None if value is None else re.sub(r"::[a-z ]+$", "", value)


def _sqlite_schema(path) -> tuple[dict, set]:
    with sqlite3.connect(path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        columns = {
            table: [
                (name, TYPES[kind], bool(not_null or primary), _default(default))
                for _cid, name, kind, not_null, default, primary in connection.execute(f"PRAGMA table_info({table})")
            ]
            for table in tables
        }
        indexes = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%'"
            )
        }
    return columns, indexes


def _postgresql_schema(url: str) -> tuple[dict, set]:
    with psycopg.connect(url) as connection:
        columns: dict[str, list] = {}
        for table, name, kind, nullable, default in connection.execute(
            "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        ):
            if table not in POSTGRESQL_ONLY:
                columns.setdefault(table, []).append((name, TYPES[kind], nullable == "NO", _default(default)))
        indexes = {
            name
            for (name,) in connection.execute(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
                "AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'"
            )
        }
        indexes |= {
            name
            for (name,) in connection.execute(
                "SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE trigger_schema = current_schema()"
            )
        }
    return columns, indexes


def test_sqlite_and_postgresql_have_the_same_tables_column_by_column(tmp_path, postgres_database):
    open_location(tmp_path / "ledger.db").close()
    open_location(postgres_database).close()
    sqlite_columns, sqlite_indexes = _sqlite_schema(tmp_path / "ledger.db")
    postgresql_columns, postgresql_indexes = _postgresql_schema(postgres_database)
    assert sorted(sqlite_columns) == sorted(postgresql_columns)
    for table, columns in sqlite_columns.items():
        assert columns == postgresql_columns[table], table
    assert sqlite_indexes == postgresql_indexes
    assert set(APPEND_ONLY_TRIGGERS) <= sqlite_indexes
