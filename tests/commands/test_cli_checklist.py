"""`inspect-cli checklist …` end to end through the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import JINGMEN_CHECKLIST, JINGMEN_PLAN


def test_import_writes_checklist_and_prints_summary(invoke, tmp_path):
    out = tmp_path / "jm.toml"
    result = invoke("checklist", "import", JINGMEN_PLAN, "-o", out, "--id", "jingmen-2016-2020")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == JINGMEN_CHECKLIST.read_text(encoding="utf-8")
    assert (
        "Imported 140 tasks in 3 parts, 7 sections and 40 topics; 33 distinct units; 3 tasks without a deadline"
        in " ".join(result.stderr.split())
    )


def test_import_refuses_to_overwrite_without_force(invoke, tmp_path):
    out = tmp_path / "jm.toml"
    out.write_text("keep me", encoding="utf-8")
    result = invoke("checklist", "import", JINGMEN_PLAN, "-o", out)
    assert result.exit_code == 2 and "already exists; use --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert invoke("checklist", "import", JINGMEN_PLAN, "-o", out, "--force").exit_code == 0


def test_import_to_stdout_and_warnings_with_lines(invoke, tmp_path):
    plan = tmp_path / "p.txt"
    plan.write_text(
        "方案\n一、任务\n(1)甲。(牵头单位:市司法局。2017年底完成)\n(3)丙。(牵头单位:市司法局。2017年底完成)\n",
        encoding="utf-8",
    )
    result = invoke("checklist", "import", plan, "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# inspect-cli checklist")
    assert f"Warning: {plan}:4: task numbering jumps from (1) to (3)" in result.stderr


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"", "empty.txt", "the file is empty"),
        (b"\x00\x01\x02\x03binary", "blob.txt", "binary file"),
        ("没有编号的文字。".encode(), "prose.txt", "no numbered tasks"),
        (b"not a zip", "broken.docx", "not a readable .docx"),
    ],
)
def test_import_bad_input_is_one_line_exit_2(invoke, tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke("checklist", "import", path, "-o", tmp_path / "out.toml")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert not (tmp_path / "out.toml").exists()


def test_import_directory_and_missing(invoke, tmp_path):
    for target, message in ((tmp_path, "is a directory"), (tmp_path / "nope.txt", "no such file")):
        result = invoke("checklist", "import", target)
        assert result.exit_code == 2 and message in result.stderr and result.stderr.startswith("Error: ")


def test_import_unreadable_file(invoke, tmp_path, monkeypatch):
    # root can read any file, so the permission error is raised where the read happens
    from pathlib import Path

    path = tmp_path / "secret.txt"
    path.write_text("(1)x", encoding="utf-8")
    original = Path.read_bytes

    def denied(self):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = invoke("checklist", "import", path)
    assert result.exit_code == 2 and "cannot be read (Permission denied)" in result.stderr


def test_validate_ok_and_bad(invoke, tmp_path):
    ok = invoke("checklist", "validate", JINGMEN_CHECKLIST)
    assert ok.exit_code == 0 and ok.stdout == ""
    bad = tmp_path / "bad.toml"
    bad.write_text(
        JINGMEN_CHECKLIST.read_text(encoding="utf-8").replace('id = "2"\n', 'id = "1"\n', 1), encoding="utf-8"
    )
    result = invoke("checklist", "validate", JINGMEN_CHECKLIST, bad)
    assert result.exit_code == 2
    line = next(
        n
        for n, text in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1)
        if text == 'id = "1"' and n > _first_id_line(bad)
    )
    assert result.stdout.strip().splitlines() == [
        f"{bad}:{line}: duplicate task id '1' (first at line {_first_id_line(bad)})"
    ]
    as_json = invoke("checklist", "validate", bad, "--format", "json")
    assert as_json.exit_code == 2
    assert json.loads(as_json.stdout) == [
        {"file": str(bad), "line": line, "message": f"duplicate task id '1' (first at line {_first_id_line(bad)})"}
    ]


def _first_id_line(path):
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text == 'id = "1"')


def test_validate_malformed_toml_and_missing(invoke, tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text('[checklist]\nid = "x"\ntitle = 未加引号\n', encoding="utf-8")
    result = invoke("checklist", "validate", bad, tmp_path / "missing.toml")
    assert result.exit_code == 2
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith(f"{bad}:3: malformed TOML")
    assert lines[1].startswith(f"{tmp_path / 'missing.toml'}:0: no such file")


def test_show_json_has_the_documented_keys(invoke):
    result = invoke("checklist", "show", JINGMEN_CHECKLIST, "--unit", "编办", "--format", "json")
    assert result.exit_code == 0
    tasks = json.loads(result.stdout)
    assert [t["id"] for t in tasks][:4] == ["1", "2", "4", "7"]
    first = tasks[0]
    for key in (
        "id",
        "section",
        "topic",
        "text",
        "lead_units",
        "responsible_units",
        "deadline",
        "due",
        "recurrence",
        "ongoing",
    ):
        assert key in first
    assert first["section"] == "依法全面履行政府职能" and first["topic"] == "深化行政审批制度改革"
    assert first["due"] == "2016-12-31" and first["recurrence"] is None and first["ongoing"] is False
    shared = next(t for t in tasks if t["id"] == "127")
    assert shared["every_lead_unit"] is True and shared["due"] is None


def test_show_table_lines_up_cjk_within_terminal_width(invoke, monkeypatch):
    from wcwidth import wcswidth

    monkeypatch.setenv("COLUMNS", "80")
    result = invoke("checklist", "show", JINGMEN_CHECKLIST, "--unit", "市编办")
    assert result.exit_code == 0
    table = [line for line in result.stdout.splitlines() if line[:1] in "┌├│└"]
    widths = {wcswidth(line) for line in table}
    assert widths == {80} or (len(widths) == 1 and widths.pop() <= 80)
    assert "16 task(s)" in result.stdout

    # every row's column borders stand at the same display columns
    def borders(line):
        col, positions = 0, []
        for char in line:
            if char in "│┼├┤┌┐└┘┬┴":
                positions.append(col)
            col += wcswidth(char)
        return positions

    assert len({tuple(borders(line)) for line in table}) == 1


def test_show_filters_csv_and_md(invoke):
    result = invoke("checklist", "show", JINGMEN_CHECKLIST, "--section", "政府合同", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["66", "67", "68"] and rows[0]["lead_units"] == "市政府法制办"
    result = invoke("checklist", "show", JINGMEN_CHECKLIST, "--due-before", "2016-12-31", "--unit", "编办", "-f", "md")
    assert result.stdout.count("\n| ") == 0 or result.stdout.startswith("| 编号")
    assert "No tasks" not in result.output
    result = invoke("checklist", "show", JINGMEN_CHECKLIST, "--due-before", "2017-01-01", "--unit", "编办", "-f", "md")
    assert [line.split("|")[1].strip() for line in result.stdout.splitlines()[2:]] == ["1", "2", "4", "11"]


def test_show_unknown_or_ambiguous_unit_lists_candidates(invoke):
    result = invoke("checklist", "show", JINGMEN_CHECKLIST, "--unit", "市政府")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: unit '市政府' is ambiguous: it matches 市政府办公室, 市政府应急办, 市政府法制办"
    )
    result = invoke("checklist", "show", JINGMEN_CHECKLIST, "--unit", "气象局")
    assert result.exit_code == 2 and "units: 市编办, 市行政审批局" in result.stderr


def test_show_bad_date_is_usage_error(invoke):
    result = invoke("checklist", "show", JINGMEN_CHECKLIST, "--due-before", "明年")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_units(invoke):
    result = invoke("checklist", "units", JINGMEN_CHECKLIST, "--format", "json")
    rows = json.loads(result.stdout)
    assert len(rows) == 33
    # the two tasks addressed to every unit are counted in the total, and said to be
    assert rows[0] == {"unit": "市政府办公室", "lead": 30, "responsible": 0, "every_unit": 2, "total": 32}
    assert all(row["lead"] + row["responsible"] + row["every_unit"] == row["total"] for row in rows)
    table = invoke("checklist", "units", JINGMEN_CHECKLIST)
    assert "市编办" in table.stdout and "Total" in table.stdout and "All units" in table.stdout
    assert "合计" in invoke("--lang", "zh", "checklist", "units", JINGMEN_CHECKLIST).stdout


def test_show_csv_file_starts_with_a_bom_like_the_ledger_export(invoke, tmp_path):
    from conftest import JINGMEN_CHECKLIST

    target = tmp_path / "tasks.csv"
    assert invoke("checklist", "show", JINGMEN_CHECKLIST, "--format", "csv", "-o", target).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data[3:].decode("utf-8").startswith("id,section,topic,text")


def test_import_columns_option_reads_a_pasted_table_with_an_unknown_header(invoke, tmp_path):
    plan = tmp_path / "table.txt"
    plan.write_text(
        "某局重点任务表\n| 序 | 干什么 | 谁办 | 帮手 | 附记 | 截止 |\n"
        "| 1 | 清理并公布行政规范性文件目录 | 市司法局 | 市政府办公室 | 无 | 2024年6月底前 |\n"
        "| 2 | 开展行政执法案卷评查 | 市司法局 | 各执法部门 | 无 | 每年第一季度 |\n",
        encoding="utf-8",
    )
    refused = invoke("checklist", "import", plan, "-o", tmp_path / "no.toml")
    assert refused.exit_code == 2
    assert "序 | 干什么 | 谁办 | 帮手 | 附记 | 截止" in refused.stderr and "--columns" in refused.stderr
    out = tmp_path / "table.toml"
    result = invoke("checklist", "import", plan, "-o", out, "--columns", "number=1,task=2,lead=3,responsible=4,due=6")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert 'text = "清理并公布行政规范性文件目录"' in text and 'lead_units = ["市司法局"]' in text
    assert 'responsible_units = ["各执法部门"]' in text and "due = 2024-06-30" in text
    assert "Imported 2 tasks" in result.stderr
    bad = invoke("checklist", "import", plan, "-o", out, "--force", "--columns", "lead=3")
    assert bad.exit_code == 2 and "task=3" in bad.stderr


def test_review_marks_are_counted_on_import_and_listed_by_validate(invoke, tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "方案\n1.甲项工作。(市司法局牵头,市公安局配合)\n2.乙项工作。(牵头单位:市司法局。2024年底前)\n"
        "3.丙项工作。(牵头单位:区行政审批服务局;责任单位:区政",
        encoding="utf-8",
    )
    out = tmp_path / "plan.toml"
    imported = invoke("checklist", "import", plan, "-o", out)
    assert imported.exit_code == 0
    assert f"2 task(s) carry a review mark: list them with 'inspect-cli checklist validate {out}'" in " ".join(
        imported.stderr.split()
    )
    assert f"{plan}:4: the document looks cut off" in imported.stderr
    validated = invoke("checklist", "validate", out)
    assert validated.exit_code == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    review_lines = [n for n, line in enumerate(lines, 1) if line.startswith("review = ")]
    listed = validated.stdout.splitlines()
    assert [line.split(": review: ")[0] for line in listed] == [f"{out}:{review_lines[0]}", f"{out}:{review_lines[1]}"]
    assert "units: read from a bracket without labels" in listed[0] and "cut off" in listed[1]
    checked = out.read_text(encoding="utf-8").replace(lines[review_lines[0] - 1] + "\n", "")
    checked = checked.replace(lines[review_lines[1] - 1] + "\n", "")
    out.write_text(checked, encoding="utf-8")
    assert invoke("checklist", "validate", out).exit_code == 0


def test_import_columns_from_the_config_file(invoke, tmp_path):
    plan = tmp_path / "table.txt"
    plan.write_text(
        "某局重点任务表\n| 序 | 干什么 | 谁办 | 截止 |\n"
        "| 1 | 清理并公布行政规范性文件目录 | 市司法局 | 2024年6月底前 |\n",
        encoding="utf-8",
    )
    config = tmp_path / "inspect.toml"
    config.write_text('[import]\ncolumns = "number=1,task=2,lead=3,due=4"\n', encoding="utf-8")
    result = invoke("--config", config, "checklist", "import", plan, "-o", "-")
    assert result.exit_code == 0, result.output
    assert 'lead_units = ["市司法局"]' in result.stdout and "due = 2024-06-30" in result.stdout
    overridden = invoke("--config", config, "checklist", "import", plan, "-o", "-", "--columns", "task=2,responsible=3")
    assert 'responsible_units = ["市司法局"]' in overridden.stdout and "due = " not in overridden.stdout
    config.write_text('[import]\ncolumns = "lead=3"\n', encoding="utf-8")
    bad = invoke("--config", config, "checklist", "import", plan, "-o", "-")
    assert bad.exit_code == 2 and f"{config}: [import] --columns: say which column holds the task" in bad.stderr
