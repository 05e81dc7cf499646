"""Storage behind one interface (ledger/base.py): SQLite in a file, or PostgreSQL at a URL."""

from __future__ import annotations

from pathlib import Path

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(location: str | Path) -> bool:
    """True for a database server URL, False for a file path."""
    return str(location).startswith(URL_SCHEMES)


def display_location(location: str | Path) -> str:
    """A ledger's location as messages show it: a URL without its password."""
    import re

    return re.sub(r"^(\w+://[^:/@]+):[^@]*@", r"\1@", str(location))


def ledger_exists(location: str | Path) -> bool:
    """Whether there is a ledger to read at `location` (a server's ledger is asked for when it is opened)."""
    return is_url(location) or Path(location).exists()


def open_ledger(location: str | Path, create: bool = True):
    """Open the ledger at a file path (SQLite) or a postgresql:// URL; StorageError when it cannot be used."""
    if is_url(location):
        from inspect_cli.ledger.postgresql import PostgresLedger

        return PostgresLedger.open(str(location), create=create)
    from inspect_cli.ledger.sqlite import SQLiteLedger

    return SQLiteLedger.open(Path(location), create=create)
