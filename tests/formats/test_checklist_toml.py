"""Checklist format v1 on disk: loading, validation with file and line, writing, round trips."""

from __future__ import annotations

from dataclasses import replace

import pytest
from checklist_samples import VALID
from conftest import JINGMEN_CHECKLIST, JINGMEN_PLAN

from inspect_cli.exceptions import ChecklistInvalid, InputError
from inspect_cli.formats.checklist_toml import check_checklist, checklist_to_toml, load_checklist
from inspect_cli.formats.plan_import import import_plan


def write(tmp_path, text, name="c.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_checklist_is_the_importer_output_of_the_corpus_plan():
    regenerated = checklist_to_toml(import_plan(JINGMEN_PLAN, checklist_id="jingmen-2016-2020").checklist)
    assert JINGMEN_CHECKLIST.read_text(encoding="utf-8") == regenerated, (
        "regenerate with: inspect-cli checklist import ../shared/corpus/plans/jingmen-2016-2020.txt "
        "-o checklists/jingmen-2016-2020.toml --id jingmen-2016-2020 --force"
    )


def test_write_then_load_round_trips(tmp_path):
    original = import_plan(JINGMEN_PLAN).checklist
    loaded = load_checklist(write(tmp_path, checklist_to_toml(original)))
    assert loaded.tasks == original.tasks
    assert (loaded.parts, loaded.sections, loaded.topics) == (original.parts, original.sections, original.topics)
    assert loaded.source_sha256 == original.source_sha256 and len(loaded.sha256) == 64


def test_optional_task_keys_round_trip(tmp_path):
    checklist = load_checklist(write(tmp_path, VALID))
    task = replace(checklist.tasks[0], tags=("审批",), weight=2.5, verify=("目录清单文件", "公开网址"), ongoing=False)
    again = load_checklist(
        write(tmp_path, checklist_to_toml(replace(checklist, tasks=(task,) + checklist.tasks[1:])), "d.toml")
    )
    assert again.tasks[0].verify == ("目录清单文件", "公开网址") and again.tasks[0].weight == 2.5


@pytest.mark.parametrize(
    "edit, line, message",
    [
        (
            lambda t: t.replace('deadline = "2017年底完成"', 'deadline = "2017年底完成"\ncolour = "red"'),
            18,
            "unknown key 'colour'",
        ),
        (lambda t: t.replace('id = "2"', 'id = "1"'), 21, "duplicate task id '1' (first at line 12)"),
        (
            lambda t: t.replace('lead_units = ["市编办"]', 'lead_units = "市编办"'),
            15,
            "lead_units must be a list of strings",
        ),
        (lambda t: t.replace("due = 2017-12-31", 'due = "2017-12-31"'), 18, "due must be a date"),
        (lambda t: t.replace("due = 2017-12-31", "due = 2017-02-30"), 18, "malformed TOML"),
        (
            lambda t: t.replace('recurrence = "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1"', 'recurrence = "FREQ=SOMETIMES"'),
            27,
            "FREQ must be YEARLY, MONTHLY or WEEKLY",
        ),
        (
            lambda t: t.replace('deadline = "每年第一季度"', 'deadline = "每年第一季度"\ndue = 2018-03-31'),
            27,
            "has no due date",
        ),
        (
            lambda t: t.replace('part = "一"\ntext = "任务二。"', 'part = "九"\ntext = "任务二。"'),
            22,
            "part '九' is not among",
        ),
        (lambda t: t.replace('title = "测试方案"', 'title = "测试方案"\nowner = "x"'), 3, "unknown key 'owner'"),
        (lambda t: t.replace('text = "任务一。"', "text = 任务一"), 14, "malformed TOML"),
        (lambda t: "extra = 1\n" + t, 1, "unknown top-level key 'extra'"),
    ],
)
def test_problems_are_reported_with_file_and_line(tmp_path, edit, line, message):
    path = write(tmp_path, edit(VALID))
    _, problems = check_checklist(path)
    assert problems, "expected a problem"
    assert any(p.line == line and message in p.message and p.file == str(path) for p in problems), problems
    with pytest.raises(ChecklistInvalid):
        load_checklist(path)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"\xff\xfe\x00binary", "not UTF-8"),
        (b'[checklist]\nid = "x"\ntitle = "y"\n', "no [[tasks]]"),
    ],
)
def test_unusable_files(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    _, problems = check_checklist(path)
    assert message in problems[0].message


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file; import a checklist"):
        load_checklist(tmp_path / "none.toml")
    with pytest.raises(InputError, match="is a directory"):
        load_checklist(tmp_path)


def test_strings_with_quotes_controls_and_newlines_round_trip(tmp_path):
    checklist = load_checklist(write(tmp_path, VALID))
    nasty = 'a "quoted" \\ back\\slash\nnew line\ttab \x7f del \x01 ctrl \u2028 sep 😀 「」'
    task = replace(checklist.tasks[0], text=nasty, lead_units=('单位"甲"', "乙\\丙"))
    again = load_checklist(write(tmp_path, checklist_to_toml(replace(checklist, tasks=(task,))), "n.toml"))
    assert again.tasks[0].text == nasty and again.tasks[0].lead_units == ('单位"甲"', "乙\\丙")
