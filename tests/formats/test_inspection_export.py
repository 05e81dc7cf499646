"""An exported inspection on disk: JSON keeps every value, TOML leaves out the empty ones; only an export is read."""

from __future__ import annotations

import json

import pytest

from inspect_cli.exceptions import InputError
from inspect_cli.formats.inspection_export import EXPORT_FORMAT, EXPORT_VERSION, dump_export, read_export

EXPORT = {
    "format": EXPORT_FORMAT,
    "version": EXPORT_VERSION,
    "inspection": {"unit": "市编办", "place": None, "inspectors": ["张三", "李四"]},
    "results": [{"task": "1", "note": None, "evidence": [{"file": None, "description": "会议纪要"}]}],
}


def test_json_keeps_every_value_and_chinese_as_written(tmp_path):
    text = dump_export(EXPORT, "json")
    assert "市编办" in text and '"place": null' in text and text.endswith("}\n")
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    assert read_export(path) == EXPORT


def test_toml_has_no_null_so_empty_values_are_left_out(tmp_path):
    path = tmp_path / "export.toml"
    path.write_text(dump_export(EXPORT, "toml"), encoding="utf-8")
    read = read_export(path)
    assert read["inspection"] == {"unit": "市编办", "inspectors": ["张三", "李四"]}
    assert read["results"] == [{"task": "1", "evidence": [{"description": "会议纪要"}]}]


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"format": "something-else", "version": EXPORT_VERSION}),
        json.dumps({"format": EXPORT_FORMAT, "version": EXPORT_VERSION + 1}),
        "[checklist]\nid = 'a'\n",
    ],
    ids=["other format", "newer version", "a checklist"],
)
def test_a_file_that_is_not_an_export_is_refused(tmp_path, content):
    path = tmp_path / "file.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="not an inspect-cli inspection export"):
        read_export(path)


def test_a_broken_file_names_itself(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(InputError, match="broken.json"):
        read_export(path)
