"""A cache of parsed checklists keyed by the file's sha256, since parsing large TOML on every call is slow."""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import replace
from pathlib import Path

from inspect_cli.checklist import Checklist, load_checklist

CACHE_VERSION = 1


def load_cached(path: Path, cache_dir: Path) -> Checklist:
    """The checklist at `path`, from the cache when its bytes are unchanged, else parsed, validated and cached."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError:
        return load_checklist(path)  # reports the missing or unreadable file the usual way
    digest = hashlib.sha256(raw).hexdigest()
    entry = Path(cache_dir) / f"checklist-v{CACHE_VERSION}-{digest}.pickle"
    try:
        with entry.open("rb") as stream:
            cached = pickle.load(stream)
        if isinstance(cached, Checklist) and cached.sha256 == digest:
            return replace(cached, path=path)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        pass
    checklist = load_checklist(path)
    try:
        from inspect_cli.fileio import atomic_write

        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(entry, pickle.dumps(replace(checklist, _index={}), protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # a cache that cannot be written only costs time
        pass
    return checklist
