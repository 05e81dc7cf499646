"""Storage behind one interface (ledger/base.py): SQLite in a file, or PostgreSQL at a URL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inspect_cli.exceptions import StorageError
    from inspect_cli.ledger.base import Ledger

from inspect_cli.exceptions import StorageError
from inspect_cli.i18n import _

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(location: str | Path) -> bool:
    """True for a database server URL, False for a file path."""
    return str(location).startswith(URL_SCHEMES)


def missing_folder(location: str | Path) -> Path | None:
    """The folder of a ledger file when that folder does not exist (None for a URL or a folder that exists)."""
    if is_url(location):
        return None
    folder = Path(location).expanduser().parent
    return None if folder.is_dir() else folder


def _no_folder(folder: Path, write: bool) -> StorageError:
    if write:
        return StorageError(
            _("{folder}: no such folder for the ledger; check the --ledger path, or add --create to make it").format(
                folder=folder
            )
        )
    return StorageError(
        _("{folder}: no such folder, so there is no ledger there; check the --ledger path").format(folder=folder)
    )


def ledger_exists(location: str | Path, given: bool = True) -> bool:
    """Whether there is a ledger to read at `location` (a server's ledger is asked for when it is opened);
    StorageError when a named ledger file's folder does not exist."""
    if is_url(location):
        return True
    folder = missing_folder(location)
    if folder is not None:
        if given:
            raise _no_folder(folder, write=False)
        return False
    return Path(location).exists()


def open_location(location: str | Path, create: bool = True, make_folder: bool = True) -> Ledger:
    """Open the ledger at a file path (SQLite) or a postgresql:// URL; StorageError when it cannot be used.

    `create`: make the ledger if there is none (a write); reading never creates or migrates one. `make_folder`: a new
    ledger file may also make its folder (the first walk, --create); otherwise a missing folder is an error."""
    if is_url(location):
        from inspect_cli.ledger.postgresql import PostgresLedger

        return PostgresLedger.open(str(location), create=create)
    from inspect_cli.ledger.sqlite import SQLiteLedger

    folder = missing_folder(location)
    if folder is not None and not (create and make_folder):
        raise _no_folder(folder, write=create)
    return SQLiteLedger.open(Path(location), create=create)
