"""Writing files so that a crash or Ctrl-C never leaves half a file behind."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from inspect_cli.exceptions import InputError


def atomic_write(path: Path, data: str | bytes, *, overwrite: bool = True, encoding: str = "utf-8") -> None:
    """Write to a temporary file beside `path`, fsync it, then rename it into place."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a file name")
    if path.exists() and not overwrite:
        raise InputError(f"{path}: already exists; use --force to replace it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise InputError(f"{folder}: no such folder; create it first")
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        raise InputError(f"{path}: cannot be written ({exc.strerror or exc})") from exc


def toml_parser():
    """tomllib on Python 3.11+, tomli before."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def read_input(path: Path, missing_hint: str = "check the path", kind: str = "a file") -> bytes:
    """The bytes of a file given on the command line, or InputError saying what is wrong and what to do."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file; {missing_hint}")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give {kind}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}); check its permissions") from exc
