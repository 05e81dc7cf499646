"""The parsed-checklist cache: hits on unchanged bytes, misses on any change, survives a damaged entry, holds data."""

from __future__ import annotations

import hashlib
import json
import pickle

import pytest
from conftest import JINGMEN_CHECKLIST

from inspect_cli.formats.checklist_cache import CACHE_VERSION, load_cached
from inspect_cli.formats.checklist_toml import load_checklist


def test_cache_hit_miss_and_damage(tmp_path, monkeypatch):
    copy = tmp_path / "jm.toml"
    copy.write_bytes(JINGMEN_CHECKLIST.read_bytes())
    cache = tmp_path / "cache"
    first = load_cached(copy, cache)
    entries = list(cache.glob("*.json"))
    assert len(entries) == 1 and first == load_checklist(copy)
    json.loads(entries[0].read_text(encoding="utf-8"))  # plain data

    import inspect_cli.formats.checklist_cache as module

    def no_parsing(path):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(module, "load_checklist", no_parsing)
    again = load_cached(copy, cache)
    assert again == first and again.path == copy and again.section_of(again.tasks[0]).title == "依法全面履行政府职能"
    monkeypatch.undo()

    copy.write_text(copy.read_text(encoding="utf-8").replace("做好取消和下放", "做好取消与下放"), encoding="utf-8")
    changed = load_cached(copy, cache)
    assert "做好取消与下放" in changed.tasks[0].text and len(list(cache.glob("*.json"))) == 2

    for entry in cache.glob("*.json"):
        entry.write_bytes(b"{not json")
    assert load_cached(copy, cache).tasks == changed.tasks
    repaired = [entry for entry in cache.glob("*.json") if entry.read_bytes() != b"{not json"]
    assert len(repaired) == 1


def test_a_planted_pickle_is_never_run(tmp_path):
    copy = tmp_path / "jm.toml"
    copy.write_bytes(JINGMEN_CHECKLIST.read_bytes())
    digest = hashlib.sha256(copy.read_bytes()).hexdigest()
    cache = tmp_path / "cache"
    cache.mkdir()
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for name in (f"checklist-v{CACHE_VERSION}-{digest}.json", f"checklist-v1-{digest}.pickle"):
        (cache / name).write_bytes(pickle.dumps(Payload()))
    assert load_cached(copy, cache).tasks == load_checklist(copy).tasks
    assert not marker.exists()


def test_invalid_checklist_is_never_cached(tmp_path):
    from inspect_cli.exceptions import ChecklistInvalid

    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[checklist]\nid = "x"\ntitle = "y"\n[[tasks]]\nid = "1"\n', encoding="utf-8")
    with pytest.raises(ChecklistInvalid):
        load_cached(bad, tmp_path / "cache")
    cache = tmp_path / "cache"
    assert not (cache.exists() and any(cache.glob("*.json")))
