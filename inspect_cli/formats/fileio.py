"""Writing files so that a crash or Ctrl-C never leaves half a file behind."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from inspect_cli.exceptions import InputError
from inspect_cli.i18n import N_, _


def atomic_write(path: Path, data: str | bytes, *, overwrite: bool = True, encoding: str = "utf-8") -> None:
    """Write to a temporary file beside `path`, fsync it, then rename it into place."""
    path = Path(path)
    if path.is_dir():
        raise InputError(_("{path}: is a directory; give a file name").format(path=path))
    if path.exists() and not overwrite:
        raise InputError(_("{path}: already exists; use --force to replace it").format(path=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise InputError(_("{folder}: no such folder; create it first").format(folder=folder))
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            # mkstemp makes the file readable by its owner alone; records, notices and CSV files are shared in
            # the office, so they get the mode of any new file (the umask's), or keep the one they had
            os.fchmod(stream.fileno(), _mode_for(path))
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        raise InputError(
            _("{path}: cannot be written ({detail})").format(path=path, detail=exc.strerror or exc)
        ) from exc


@contextmanager
def atomic_text_writer(path: Path, *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream into a temporary file beside `path`, fsynced and renamed into place when the block ends
    (and removed when it fails), so a long output is written as it is produced and never left half-written."""
    path = Path(path)
    if path.is_dir():
        raise InputError(_("{path}: is a directory; give a file name").format(path=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise InputError(_("{folder}: no such folder; create it first").format(folder=folder))
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise InputError(
            _("{path}: cannot be written ({detail})").format(path=path, detail=exc.strerror or exc)
        ) from exc
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            os.fchmod(stream.fileno(), _mode_for(path))
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(
            _("{path}: cannot be written ({detail})").format(path=path, detail=exc.strerror or exc)
        ) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permission bits a written file gets: those of the file it replaces, else 0o666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def toml_parser():
    """tomllib on Python 3.11+, tomli before."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


# Brackets, tables or tags of a TOML or JSON file nest at most MAX_NESTING deep (its parser recurses that deep);
# every other limit is in domain/limits.py.
MAX_NESTING = 100


def check_regular_file(
    path: Path, missing_hint: str = N_("check the path"), kind: str = N_("a file")
) -> os.stat_result:
    """The file's status when it is a regular file that exists; else InputError (never opens a pipe or device)."""
    path = Path(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        raise InputError(
            _("{path}: no such file; {missing_hint}").format(path=path, missing_hint=_(missing_hint))
        ) from None
    except ValueError:  # a NUL character in the path: no file can have that name
        raise InputError(
            _("{path!r}: not a usable file name (it holds a NUL character); {missing_hint}").format(
                path=str(path), missing_hint=_(missing_hint)
            )
        ) from None
    except OSError as exc:
        raise InputError(
            _("{path}: cannot be read ({detail}); check its permissions").format(path=path, detail=exc.strerror or exc)
        ) from None
    if stat.S_ISDIR(status.st_mode):
        raise InputError(_("{path}: is a directory; give {kind}").format(path=path, kind=_(kind)))
    if not stat.S_ISREG(status.st_mode):
        # opening a named pipe blocks until someone writes to it; a device may never end
        raise InputError(
            _("{path}: is not a regular file (a pipe, socket or device); give {kind}").format(path=path, kind=_(kind))
        )
    return status


def read_input(path: Path, missing_hint: str = N_("check the path"), kind: str = N_("a file")) -> bytes:
    """The bytes of a file given on the command line, or InputError saying what is wrong and what to do."""
    path = Path(path)
    status = check_regular_file(path, missing_hint, kind)
    from inspect_cli.formats.limits import check_size

    check_size(path, status.st_size)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            _("{path}: cannot be read ({detail}); check its permissions").format(path=path, detail=exc.strerror or exc)
        ) from exc


def read_utf8(path: Path, missing_hint: str = N_("check the path"), kind: str = N_("a file")) -> str:
    """A text file decoded as UTF-8 (a BOM allowed; UTF-16 with its BOM too), or one InputError line."""
    raw = read_input(path, missing_hint, kind)
    return decode_utf8(raw, path, kind)


def decode_utf8(raw: bytes, path: Path, kind: str = N_("a file")) -> str:
    """Bytes of a text file as str, or InputError naming the file and what to do."""
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        if b"\x00" in raw:
            what = _("a ZIP file such as .docx or .xlsx") if raw.startswith(b"PK\x03\x04") else _("a binary file")
            raise InputError(_("{path}: is {what}, not text; give {kind}").format(path=path, what=what, kind=_(kind)))
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            _("{path}: not UTF-8 text (byte {start!r} at offset {start2}); save it as UTF-8 and give {kind}").format(
                path=path, start=exc.object[exc.start : exc.start + 1], start2=exc.start, kind=_(kind)
            )
        ) from None


def nesting_depth(text: str, syntax: str = "toml") -> int:
    """How deep brackets and braces nest outside strings and comments (TOML or JSON), without parsing."""
    depth = deepest = 0
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "#" and syntax == "toml":
            newline = text.find("\n", index)
            index = length if newline < 0 else newline
        elif char == '"' or (char == "'" and syntax == "toml"):
            triple = syntax == "toml" and text.startswith(char * 3, index)
            quote = char * 3 if triple else char
            index += len(quote)
            while index < length and not text.startswith(quote, index):
                index += 2 if text[index] == "\\" and char == '"' else 1
            index += len(quote) - 1
        index += 1
    return deepest


def check_nesting(text: str, path: Path, syntax: str = "toml") -> None:
    """InputError when arrays or tables nest deeper than MAX_NESTING (a parser would recurse that deep)."""
    if nesting_depth(text, syntax) > MAX_NESTING:
        raise InputError(
            _("{path}: arrays or tables nest more than {value} deep; this is not a file inspect-cli wrote").format(
                path=path, value=MAX_NESTING
            )
        )


def parse_toml(text: str, path: Path, what: str = "TOML") -> dict[str, Any]:
    """TOML text parsed after the nesting check; a syntax error is one InputError line."""
    check_nesting(text, path, "toml")
    tomllib = toml_parser()
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            _("{path}: not a valid {what} ({detail})").format(path=path, what=_(what), detail=exc)
        ) from None


def parse_json(text: str, path: Path) -> object:
    """JSON text parsed after the nesting check; a syntax error is one InputError line."""
    check_nesting(text, path, "json")
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InputError(_("{path}: not valid JSON ({detail})").format(path=path, detail=exc)) from None


def sha256_of(path: Path, kind: str = N_("a file")) -> str:
    """sha256 of a regular file, read in blocks (evidence may be large), or one InputError line."""
    check_regular_file(path, N_("check the path"), kind)
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise InputError(
            _("{path}: cannot be read ({detail}); check its permissions").format(path=path, detail=exc.strerror or exc)
        ) from exc
    return digest.hexdigest()
