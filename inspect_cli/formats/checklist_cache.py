"""A cache of parsed checklists keyed by the file's sha256, since parsing large TOML on every call is slow.

Entries are plain JSON data, never pickles: a file planted in the cache folder can at worst be a wrong
checklist for a file with that exact sha256, and anything that does not read back as one is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from inspect_cli.domain.checklist import Checklist, Heading, Task
from inspect_cli.exceptions import InputError
from inspect_cli.formats.checklist_toml import load_checklist

CACHE_VERSION = 3
_TUPLES = {"lead_units", "responsible_units", "tags", "verify", "review"}


def load_cached(path: Path, cache_dir: Path) -> Checklist:
    """The checklist at `path`, from the cache when its bytes are unchanged, else parsed, validated and cached."""
    from inspect_cli.formats.fileio import read_input

    path = Path(path)
    try:
        raw = read_input(path)
    except InputError:
        return load_checklist(path)  # reports the missing or unreadable file the usual way
    digest = hashlib.sha256(raw).hexdigest()
    entry = Path(cache_dir) / f"checklist-v{CACHE_VERSION}-{digest}.json"
    cached = _read_entry(entry, digest)
    if cached is not None:
        return replace(cached, path=path)
    checklist = load_checklist(path)
    try:
        from inspect_cli.formats.fileio import atomic_write

        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(entry, json.dumps(_to_data(checklist), ensure_ascii=False))
    except Exception:  # a cache that cannot be written only costs time
        pass
    return checklist


def _read_entry(entry: Path, digest: str) -> Checklist | None:
    """The checklist stored in a cache entry, or None for a missing, damaged or foreign entry."""
    try:
        if not entry.is_file():
            return None
        shared: dict[str, str] = {}
        data = json.loads(entry.read_text(encoding="utf-8"), object_hook=lambda item: _share_lists(item, shared))
        checklist = _from_data(data)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return checklist if checklist.sha256 == digest else None


def _share_lists(item: dict[str, Any], shared: dict[str, str]) -> dict[str, Any]:
    """A decoded object whose lists of names hold one string per distinct name: made as each object is decoded,
    so a plan of 10,000 tasks naming 100 units never holds its million copies at once."""
    for key, value in item.items():
        if isinstance(value, list) and value and isinstance(value[0], str):
            item[key] = [shared.setdefault(name, name) if isinstance(name, str) else name for name in value]
    return item


def _to_data(checklist: Checklist) -> dict[str, Any]:
    data = asdict(replace(checklist, _index={}))
    del data["_index"], data["path"]
    for task in data["tasks"]:
        task["due"] = task["due"].isoformat() if task["due"] else None
    return data


def _from_data(data: dict[str, Any]) -> Checklist:
    # a unit named by 10,000 tasks is one string, not 10,000 copies: a large plan's checklist stays small in memory
    shared: dict[str, str] = {}

    def task(item: dict[str, Any]) -> Task:
        values: dict[str, Any] = {
            name: (tuple(shared.setdefault(v, v) for v in value) if name in _TUPLES else value)
            for name, value in item.items()
        }
        values["due"] = date.fromisoformat(values["due"]) if values.get("due") else None
        return Task(**values)

    names = {f.name for f in fields(Checklist)} - {"_index", "path", "tasks", "parts", "sections", "topics"}
    headings: dict[str, Any] = {
        level: tuple(Heading(**item) for item in data[level]) for level in ("parts", "sections", "topics")
    }
    return Checklist(
        tasks=tuple(task(item) for item in data["tasks"]),
        **headings,
        **{name: data[name] for name in names},
    )
