"""The parsed-checklist cache: hits on unchanged bytes, misses on any change, survives a damaged entry."""

from __future__ import annotations

import pickle

from conftest import JINGMEN_CHECKLIST
from inspect_cli.checklist import load_checklist
from inspect_cli.checklist_cache import load_cached


def test_cache_hit_miss_and_damage(tmp_path, monkeypatch):
    copy = tmp_path / "jm.toml"
    copy.write_bytes(JINGMEN_CHECKLIST.read_bytes())
    cache = tmp_path / "cache"
    first = load_cached(copy, cache)
    entries = list(cache.glob("*.pickle"))
    assert len(entries) == 1 and first.tasks == load_checklist(JINGMEN_CHECKLIST).tasks

    import inspect_cli.checklist_cache as module

    def no_parsing(path):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(module, "load_checklist", no_parsing)
    again = load_cached(copy, cache)
    assert again.tasks == first.tasks and again.path == copy and again.section_of(again.tasks[0]).title == "依法全面履行政府职能"
    monkeypatch.undo()

    copy.write_text(copy.read_text(encoding="utf-8").replace("做好取消和下放", "做好取消与下放"), encoding="utf-8")
    changed = load_cached(copy, cache)
    assert "做好取消与下放" in changed.tasks[0].text and len(list(cache.glob("*.pickle"))) == 2

    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_cached(copy, cache).tasks == changed.tasks
    from inspect_cli.checklist import Checklist

    repaired = [pickle.loads(entry.read_bytes()) for entry in cache.glob("*.pickle") if entry.read_bytes() != b"not a pickle"]
    assert len(repaired) == 1 and isinstance(repaired[0], Checklist)


def test_invalid_checklist_is_never_cached(tmp_path):
    import pytest

    from inspect_cli.exceptions import ChecklistInvalid

    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[checklist]\nid = "x"\ntitle = "y"\n[[tasks]]\nid = "1"\n', encoding="utf-8")
    with pytest.raises(ChecklistInvalid):
        load_cached(bad, tmp_path / "cache")
    cache = tmp_path / "cache"
    assert not (cache.exists() and any(cache.glob("*.pickle")))
