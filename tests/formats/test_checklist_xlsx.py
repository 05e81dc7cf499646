"""Checklists as Excel task tables: export, lossless import (also through LibreOffice), the blank template, and the
errors of an edited sheet, through the CLI on the shipped checklists and the real plans."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import CORPUS, REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

CHECKLISTS = sorted((REPO / "checklists").glob("*.toml"))
REAL_PLANS = CORPUS / "real" / "plans"
PLANS = sorted(
    path
    for path in REAL_PLANS.iterdir()
    if path.is_file()
    and not path.name.endswith(".json")
    and path.suffix.lower() in (".txt", ".md", ".html", ".docx", ".xlsx")
)
SOURCES = [pytest.param(path, id=f"checklists/{path.name}") for path in CHECKLISTS] + [
    pytest.param(path, id=f"plans/{path.name}") for path in PLANS
]


def first_checklist(invoke, source: Path, folder: Path) -> Path | None:
    """The checklist TOML of a shipped checklist, or of a plan imported by the plan importer (None: refused)."""
    if source.suffix == ".toml":
        return source
    target = folder / "first.toml"
    result = invoke("checklist", "import", source, "-o", target)
    if result.exit_code != 0:
        # a plan the importer refuses has nothing to round-trip; the refusal itself is one line, exit 2
        assert result.exit_code == 2 and result.stderr.startswith("Error: ") and not target.exists(), result.output
        return None
    return target


def test_the_folders_hold_checklists_and_plans():
    assert CHECKLISTS and len(PLANS) >= 10


@pytest.mark.parametrize("source", SOURCES)
def test_export_then_import_gives_the_same_checklist(invoke, tmp_path, source):
    first = first_checklist(invoke, source, tmp_path)
    if first is None:
        return
    sheet, again = tmp_path / "任务分解表.xlsx", tmp_path / "again.toml"
    assert invoke("checklist", "export", first, "-o", sheet).exit_code == 0
    result = invoke("checklist", "import", sheet, "-o", again)
    assert result.exit_code == 0, result.output
    assert again.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def other_program_copies(sheets: list[Path], folder: Path) -> list[Path]:
    """Each workbook saved again by another program: LibreOffice where installed, else openpyxl's own load and save."""
    folder.mkdir()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{folder / 'profile'}",
                "--headless",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(folder),
                *map(str, sheets),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    else:
        for sheet in sheets:
            load_workbook(sheet).save(folder / sheet.name)
    return [folder / sheet.name for sheet in sheets]


@pytest.mark.slow
def test_round_trip_through_a_copy_saved_by_another_program(invoke, tmp_path):
    pairs = []
    for index, source in enumerate([*CHECKLISTS, *PLANS]):
        first = first_checklist(invoke, source, tmp_path / str(index)) if not (tmp_path / str(index)).mkdir() else None
        if first is not None:
            sheet = tmp_path / f"sheet{index}.xlsx"
            assert invoke("checklist", "export", first, "-o", sheet).exit_code == 0
            pairs.append((first, sheet))
    copies = other_program_copies([sheet for _, sheet in pairs], tmp_path / "copies")
    for (first, _sheet), copy in zip(pairs, copies, strict=False):
        again = copy.with_suffix(".toml")
        result = invoke("checklist", "import", copy, "-o", again)
        assert result.exit_code == 0, result.output
        assert again.read_text(encoding="utf-8") == first.read_text(encoding="utf-8"), copy


def test_the_workbook_a_reader_opens(invoke, tmp_path, jingmen):
    sheet = tmp_path / "jm.xlsx"
    assert (
        invoke(
            "checklist", "export", REPO / "checklists" / "jingmen-2016-2020.toml", "-o", sheet, "--lang", "zh"
        ).exit_code
        == 0
    )
    book = load_workbook(sheet)
    tasks, units, headings = book.worksheets
    assert (tasks.title, units.title, headings.title) == ("任务", "单位", "标题")
    assert [c.value for c in tasks[1]][:10] == [
        "序号",
        "所属章节",
        "工作任务",
        "牵头单位",
        "责任单位",
        "完成时限",
        "截止日期",
        "重复规则",
        "长期坚持",
        "待核事项",
    ]
    assert tasks.max_row == len(jingmen.tasks) + 1 and tasks.freeze_panes == "A2"
    first = jingmen.tasks[0]
    assert [tasks["A2"].value, tasks["C2"].value, tasks["D2"].value] == [
        first.id,
        first.text,
        "\n".join(first.lead_units),
    ]
    assert tasks["G2"].value.date() == first.due and tasks["C2"].alignment.wrap_text
    assert 20 < tasks.column_dimensions["C"].width < 64 and tasks.column_dimensions["A"].width < 12
    assert units.max_row == len(jingmen.units()) + 1 and units["A1"].value == "单位"
    from inspect_cli.domain.checklist import unit_counts

    assert [[cell.value for cell in row] for row in units.iter_rows(min_row=2)] == [
        list(r) for r in unit_counts(jingmen)
    ]
    assert headings.max_row == len(jingmen.parts) + len(jingmen.sections) + len(jingmen.topics) + 1
    properties = {p.name: p.value for p in book.custom_doc_props}
    assert properties["checklist id"] == jingmen.id and properties["plan sha256"] == jingmen.source_sha256
    assert properties["checklist sha256"] == jingmen.sha256 and properties["plan file"] == jingmen.source
    english = tmp_path / "en.xlsx"
    assert (
        invoke(
            "checklist", "export", REPO / "checklists" / "jingmen-2016-2020.toml", "-o", english, "--lang", "en"
        ).exit_code
        == 0
    )
    assert [c.value for c in load_workbook(english).worksheets[0][1]][:4] == [
        "No.",
        "Part/section",
        "Task",
        "Lead units",
    ]
    again = tmp_path / "en.toml"
    assert invoke("checklist", "import", english, "-o", again).exit_code == 0
    assert again.read_text(encoding="utf-8") == (REPO / "checklists" / "jingmen-2016-2020.toml").read_text(
        encoding="utf-8"
    )


def row_of(sheet, task_id: str) -> int:
    return next(row for row in range(2, sheet.max_row + 1) if sheet.cell(row, 1).value == task_id)


def test_cells_edited_in_a_spreadsheet_are_what_diff_reports(invoke, tmp_path, jingmen):
    original = REPO / "checklists" / "jingmen-2016-2020.toml"
    sheet_path = tmp_path / "任务分解表.xlsx"
    assert invoke("checklist", "export", original, "-o", sheet_path, "--lang", "zh").exit_code == 0
    book = load_workbook(sheet_path)
    sheet = book["任务"]
    unit_task, deadline_task, deleted_task, last = (
        jingmen.tasks[10],
        jingmen.tasks[40],
        jingmen.tasks[70],
        jingmen.tasks[-1],
    )
    new_unit = next(unit for unit in jingmen.units() if unit not in unit_task.lead_units)
    sheet.cell(row_of(sheet, unit_task.id), 4).value = new_unit
    row = row_of(sheet, deadline_task.id)
    sheet.cell(row, 6).value = "2019年6月底前"
    sheet.cell(row, 7).value = None
    sheet.append(
        [
            "141",
            sheet.cell(row_of(sheet, last.id), 2).value,
            "建立法治政府建设年度报告公开制度。",
            "市司法局",
            None,
            "2020年底前",
        ]
    )
    sheet.delete_rows(row_of(sheet, deleted_task.id))
    book.save(sheet_path)

    edited = tmp_path / "edited.toml"
    assert invoke("checklist", "import", sheet_path, "-o", edited).exit_code == 0
    result = invoke("checklist", "diff", original, sheet_path, "-f", "json")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)
    assert [(c["change"], c["old_id"], c["new_id"], c["field"]) for c in changes] == [
        ("changed", unit_task.id, unit_task.id, "lead_units"),
        ("changed", deadline_task.id, deadline_task.id, "deadline"),
        ("removed", deleted_task.id, None, None),
        ("added", None, "141", None),
    ]
    assert changes[0]["new"] == [new_unit]
    assert changes[1]["new"] == {"phrase": "2019年6月底前", "due": "2019-06-30", "recurrence": None, "ongoing": False}
    # the same four from the re-imported TOML, as a table and as Markdown
    table = invoke("checklist", "diff", original, edited)
    assert table.exit_code == 0 and "1 added, 1 removed, 0 moved, 2 changed" in table.stdout
    markdown = invoke("checklist", "diff", original, edited, "-f", "md")
    assert markdown.stdout.count("\n| ") == 4 and "2019年6月底前（2019-06-30）" in markdown.stdout


def test_an_edited_sheet_with_errors_names_every_cell_and_writes_nothing(invoke, tmp_path, monkeypatch, jingmen):
    monkeypatch.setenv("INSPECT_LANG", "zh")
    monkeypatch.chdir(tmp_path)
    assert (
        invoke("checklist", "export", REPO / "checklists" / "jingmen-2016-2020.toml", "-o", "任务分解表.xlsx").exit_code
        == 0
    )
    book = load_workbook("任务分解表.xlsx")
    sheet = book["任务"]
    sheet["D7"] = None
    sheet["F8"], sheet["G8"], sheet["H8"], sheet["I8"] = "待上级通知", None, None, None
    sheet["A10"] = sheet["A9"].value
    book.save("任务分解表.xlsx")
    result = invoke("checklist", "import", "任务分解表.xlsx", "-o", "out.toml")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("任务分解表.xlsx:任务!D7: 牵头单位为空")
    assert lines[1].startswith("任务分解表.xlsx:任务!F8: 完成时限“待上级通知”无法识别")
    assert lines[2].startswith(f"任务分解表.xlsx:任务!A10: 序号 {jingmen.tasks[7].id} 与第 9 行重复")
    assert len(lines) == 4 and "3" in lines[3] and "Traceback" not in result.output
    assert not Path("out.toml").exists()


def test_a_due_date_left_behind_by_a_rewritten_deadline_is_named(invoke, tmp_path):
    sheet_path = tmp_path / "t.xlsx"
    assert (
        invoke(
            "checklist", "export", REPO / "checklists" / "jingmen-2016-2020.toml", "-o", sheet_path, "--lang", "zh"
        ).exit_code
        == 0
    )
    book = load_workbook(sheet_path)
    book["任务"]["F2"] = "2019年6月底前"
    book.save(sheet_path)
    result = invoke("checklist", "import", sheet_path, "-o", tmp_path / "out.toml")
    assert (
        result.exit_code == 2 and f"{sheet_path}:任务!G2: does not match the deadline '2019年6月底前'" in result.stderr
    )
    assert "2019-06-30" in result.stderr and not (tmp_path / "out.toml").exists()


def test_the_template_has_its_rules_and_a_filled_one_imports(invoke, tmp_path, jingmen):
    blank = tmp_path / "空白任务分解表.xlsx"
    result = invoke(
        "checklist",
        "template",
        "-o",
        blank,
        "--checklist",
        REPO / "checklists" / "jingmen-2016-2020.toml",
        "--lang",
        "zh",
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(blank)
    sheet = book["任务"]
    assert sheet.max_row == 1 and sheet.freeze_panes == "A2"
    rules = {str(rule.sqref).split(":")[0]: rule for rule in sheet.data_validations.dataValidation}
    for column in ("D2", "E2"):
        assert rules[column].type == "list" and rules[column].formula1 == f"'单位'!$A$2:$A${len(jingmen.units()) + 1}"
        assert rules[column].errorStyle == "warning"
    assert "2022年6月底前" in rules["F2"].prompt and rules["F2"].showInputMessage
    required = [cell.column_letter for cell in sheet[1] if cell.comment is not None]
    assert required == ["A", "C", "D"] and all(sheet[f"{c}1"].font.color.rgb.endswith("C00000") for c in required)
    assert sorted(cell.value for cell in book["单位"]["A"][1:]) == sorted(jingmen.units())

    sheet.append(
        [
            "1",
            "一、",
            "清理规范性文件。",
            jingmen.units()[0],
            f"{jingmen.units()[1]}\n{jingmen.units()[2]}",
            "2022年6月底前",
        ]
    )
    sheet.append([2, "一、", "公开权责清单。", "无", jingmen.units()[3], "长期坚持"])
    sheet.append(["3", "二、（一）", "推行行政执法公示。", jingmen.units()[4], None, "每年第一季度"])
    book.save(blank)
    out = tmp_path / "filled.toml"
    result = invoke("checklist", "import", blank, "-o", out, "--id", "district-2022", "--title", "某区2022年工作要点")
    assert result.exit_code == 0, result.output
    from inspect_cli.formats.checklist_toml import load_checklist

    filled = load_checklist(out)
    assert (filled.id, filled.title, [t.id for t in filled.tasks]) == (
        "district-2022",
        "某区2022年工作要点",
        ["1", "2", "3"],
    )
    one, two, three = filled.tasks
    assert one.lead_units == (jingmen.units()[0],) and one.responsible_units == tuple(jingmen.units()[1:3])
    assert one.due == date(2022, 6, 30) and two.lead_units == () and two.ongoing
    assert three.recurrence == "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1" and (three.part, three.section) == ("二", "一")
    assert [h.number for h in filled.parts] == ["一", "二"] and [h.number for h in filled.sections] == ["一"]


def test_a_template_without_a_checklist_offers_no_unit_list(invoke, tmp_path):
    blank = tmp_path / "blank.xlsx"
    assert invoke("checklist", "template", "-o", blank, "--lang", "en").exit_code == 0
    sheet = load_workbook(blank)["Tasks"]
    assert sheet["A1"].value == "No." and not [r for r in sheet.data_validations.dataValidation if r.type == "list"]


def test_a_task_table_from_elsewhere_is_read_as_a_plan(invoke, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["序号", "工作任务", "牵头单位", "完成时限"])
    book.active.append([1, "修订规范性文件管理办法", "县司法局", "2022年6月底前"])
    book.save(tmp_path / "plan.xlsx")
    result = invoke("checklist", "import", tmp_path / "plan.xlsx", "-o", tmp_path / "plan.toml")
    assert result.exit_code == 0 and "Imported 1 tasks" in result.stderr


def test_what_a_cell_could_not_give_back_is_refused_at_export(invoke, tmp_path):
    checklist = tmp_path / "c.toml"
    checklist.write_text(
        'format = 1\n[checklist]\nid = "c"\ntitle = "某县方案"\n\n[[tasks]]\nid = "1"\ntext = "甲。"\n'
        'lead_units = ["县司法局\\n县财政局"]\n',
        encoding="utf-8",
    )
    result = invoke("checklist", "export", checklist, "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 2 and "task 1: lead_units entry" in result.stderr and not (tmp_path / "c.xlsx").exists()


def test_diff_of_a_sheet_with_errors_names_every_cell(invoke, tmp_path):
    sheet_path = tmp_path / "t.xlsx"
    assert (
        invoke("checklist", "export", REPO / "checklists" / "jingmen-2016-2020.toml", "-o", sheet_path).exit_code == 0
    )
    book = load_workbook(sheet_path)
    book.worksheets[0]["C3"], book.worksheets[0]["D4"] = None, None
    book.save(sheet_path)
    result = invoke("checklist", "diff", REPO / "checklists" / "jingmen-2016-2020.toml", sheet_path)
    assert result.exit_code == 2 and result.stdout == ""
    assert [line.split(": ")[0] for line in result.stderr.splitlines()[:2]] == [
        f"{sheet_path}:Tasks!C3",
        f"{sheet_path}:Tasks!D4",
    ]


def test_export_to_standard_output(invoke, tmp_path):
    from typer.testing import CliRunner

    from inspect_cli.cli import app

    result = CliRunner().invoke(
        app, ["checklist", "export", str(REPO / "checklists" / "jingmen-2016-2020.toml"), "-o", "-"]
    )
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"PK\x03\x04")


@functools.lru_cache(maxsize=1)
def small_export() -> bytes:
    """The first twelve tasks of the Jingmen checklist as a task table."""
    from dataclasses import replace

    from inspect_cli.formats.checklist_toml import load_checklist
    from inspect_cli.formats.checklist_xlsx import checklist_workbook

    jingmen = load_checklist(REPO / "checklists" / "jingmen-2016-2020.toml")
    return checklist_workbook(replace(jingmen, tasks=jingmen.tasks[:12]), "zh")


cell_values = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.booleans(),
    st.sampled_from(
        [
            "无",
            "是",
            "各牵头单位",
            "二、（一）1.",
            "（",
            "2019年6月底前",
            "FREQ=DAILY",
            "FREQ=YEARLY;BYMONTH=13",
            "-1",
            "=1+1",
        ]
    ),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(1, 14), st.integers(1, 15), cell_values), min_size=1, max_size=8))
def test_any_cell_edit_reads_back_or_names_its_cells(tmp_path_factory, edits):
    from inspect_cli.exceptions import ChecklistInvalid, InputError
    from inspect_cli.formats.checklist_xlsx import read_checklist_workbook

    folder = tmp_path_factory.mktemp("fuzz")
    sheet_path = folder / "t.xlsx"
    sheet_path.write_bytes(small_export())
    book = load_workbook(sheet_path)
    for row, column, value in edits:
        book["任务"].cell(row, column).value = value
    book.save(sheet_path)
    try:
        checklist = read_checklist_workbook(sheet_path)
    except ChecklistInvalid as error:
        assert all(re.match(rf"{re.escape(str(sheet_path))}:任务![A-N]\d+(:[A-N]1)?: ", str(p)) for p in error.problems)
    except InputError as error:  # a date cell holding a number no date has: the whole sheet is unreadable
        assert error.message.startswith(f"{sheet_path}: not a readable .xlsx workbook") and "\n" not in error.message
    else:
        assert checklist.tasks


def test_a_task_table_is_written_only_as_xlsx_and_a_diff_never_as_one(invoke, tmp_path):
    jingmen = REPO / "checklists" / "jingmen-2016-2020.toml"
    for args in (
        ("export", jingmen, "-o", tmp_path / "t.csv"),
        ("template", "-o", tmp_path / "t.docx"),
        ("diff", jingmen, jingmen, "-o", tmp_path / "t.xlsx"),
    ):
        result = invoke("checklist", *args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and not list(tmp_path.glob("t.*")), (
            result.output
        )
