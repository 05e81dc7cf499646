"""Limits on what is read (formats/limits.py): each checked before the work, named in one line, raised in
inspect.toml."""

from __future__ import annotations

import pytest
from conftest import JINGMEN_CHECKLIST, JINGMEN_PLAN

from inspect_cli import settings
from inspect_cli.exceptions import InputError
from inspect_cli.formats import limits


def _config(tmp_path, text: str) -> None:
    (tmp_path / "inspect.toml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("text", ['[limits]\nrows = "many"\n', "[limits]\nrows = 0\n", "[limits]\nrowz = 5\n"])
def test_a_limit_that_is_not_a_positive_whole_number_is_refused(tmp_path, invoke, text):
    _config(tmp_path, text)
    refused = invoke("checklist", "show", JINGMEN_CHECKLIST)
    assert refused.exit_code == 2 and refused.stderr.count("\n") == 1 and "[limits]" in refused.stderr


def test_a_plan_past_the_paragraphs_limit_is_refused_and_raising_the_limit_reads_it(tmp_path, invoke):
    lines = len(JINGMEN_PLAN.read_text(encoding="utf-8").split("\n"))
    _config(tmp_path, f"[limits]\nparagraphs = {lines - 1}\n")
    refused = invoke("checklist", "import", JINGMEN_PLAN, "-o", tmp_path / "plan.toml")
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"Error: {JINGMEN_PLAN}: lines or paragraphs: {lines:,} is more than the limit of "
        f"{lines - 1:,}; raise [limits] paragraphs in inspect.toml if the file is right\n"
    )
    assert not (tmp_path / "plan.toml").exists()
    _config(tmp_path, f"[limits]\nparagraphs = {lines}\n")
    assert invoke("checklist", "import", JINGMEN_PLAN, "-o", tmp_path / "plan.toml").exit_code == 0


def test_a_plan_of_20000_numbered_tasks_is_within_the_limits(tmp_path):
    from inspect_cli.formats.documents import read_document

    lines = ["某市法治政府建设实施方案", "一、主要任务"]
    lines += [
        f"{n}. 完善第{n}项制度建设，推进依法行政。（责任单位：市司法局，完成时限：2020年底前）"
        for n in range(1, 20_001)
    ]
    plan = tmp_path / "plan.txt"
    plan.write_text("\n".join(lines), encoding="utf-8")
    assert len(read_document(plan).lines) == 20_002


def test_html_depth_is_counted_as_the_page_will_be_built(tmp_path):
    # <p> left open inside <p> nests in the built tree; closed paragraphs side by side do not
    limits.check_html(tmp_path / "flat.html", "<body>" + "<p>段落</p>" * 5_000 + "</body>")
    limits.check_html(tmp_path / "lists.html", "<ul>" + "<li>一项</li>" * 600 + "</ul><br>" * 600)
    with pytest.raises(InputError, match=r"depth of nested HTML elements: 513 is more than the limit of 512"):
        limits.check_html(tmp_path / "open.html", "<p>段落" * 600)


def test_a_rowspan_counts_only_the_rows_the_page_has(tmp_path):
    # ten rows spanning 99,999,999 rows fill ten rows: read, as browsers do
    table = "<table>" + '<tr><td rowspan="99999999">甲</td><td>乙</td></tr>' * 10 + "</table>"
    limits.check_html(tmp_path / "spans.html", table)
    with pytest.raises(InputError, match=r"\[limits\] cells"):
        limits.check_html(tmp_path / "wide.html", "<table>" + '<tr><td colspan="1000">甲</td></tr>' * 501 + "</table>")


def test_a_sheet_is_measured_from_its_xml_before_any_cell_is_built(tmp_path):
    import hostile

    within = hostile.xlsx(
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>1. 任务</t></is></c></row></sheetData>'
        '<mergeCells count="1"><mergeCell ref="A1:C3"/></mergeCells>',
        "A1:C3",
    )
    limits.check_xlsx(tmp_path / "ok.xlsx", within)
    many = "".join(f'<mergeCell ref="A{n}:B{n}"/>' for n in range(1, 12))
    _config(tmp_path, "[limits]\nmerged_ranges = 10\n")
    settings.start_run(None, None)
    with pytest.raises(InputError, match=r"merged ranges of a sheet: 11 is more than the limit of 10"):
        limits.check_xlsx(tmp_path / "merges.xlsx", hostile.xlsx(f"<sheetData/><mergeCells>{many}</mergeCells>"))


def test_a_part_that_unpacks_far_past_its_stored_size_is_refused_before_unpacking(tmp_path):
    import hostile

    bomb = hostile._zip({"word/document.xml": b" " * (2 * 1024 * 1024)}, level=9)
    with pytest.raises(InputError, match=r"times one part unpacks its stored size: .* \[limits\] unpack_ratio"):
        limits.check_zip(tmp_path / "bomb.docx", bomb, ".docx")


def test_a_recurrence_past_the_occurrences_limit_names_the_checklist(tmp_path, invoke):
    text = JINGMEN_CHECKLIST.read_text(encoding="utf-8")
    start = text.index('[[tasks]]\nid = "1"\n')
    text = text[:start] + text[start:].replace("due = 2016-12-31\n", "", 1)
    checklist = tmp_path / "recurring.toml"
    checklist.write_text(
        text.replace('[[tasks]]\nid = "1"\n', '[[tasks]]\nid = "1"\nrecurrence = "FREQ=WEEKLY"\n', 1), encoding="utf-8"
    )
    assert invoke("deadlines", checklist, "--as-of", "2018-06-01").exit_code in (0, 1)
    _config(tmp_path, "[limits]\noccurrences = 100\n")
    refused = invoke("deadlines", checklist, "--as-of", "2018-06-01")
    assert refused.exit_code == 2 and refused.stderr.count("\n") == 1
    assert str(checklist) in refused.stderr and "more than 100 dates" in refused.stderr


def test_past_the_warnings_limit_one_line_says_how_many_more(tmp_path, invoke):
    # 31 tasks all numbered 1: 30 warnings of one kind ("task number (1) repeats the one at line 3")
    lines = ["某市法治政府建设实施方案", "一、主要任务"]
    lines += [f"1. 推进第{n}项工作。（责任单位：市政府办，完成时限：2017年底前）" for n in range(31)]
    plan = tmp_path / "plan.txt"
    plan.write_text("\n".join(lines), encoding="utf-8")
    imported = invoke("checklist", "import", plan, "-o", tmp_path / "plan.toml")
    assert imported.exit_code == 0, imported.output
    warnings = [line for line in imported.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 21, imported.stderr
    assert warnings[-1].startswith(f"Warning: {plan}: … and 10 more like")


def test_a_warning_kind_leaves_out_what_varies_from_line_to_line():
    one = limits.warning_kind("task (12): deadline '2017年' names no year; kept verbatim")
    assert one == limits.warning_kind("task (3): deadline '明年' names no year; kept verbatim")
    assert one != limits.warning_kind("task (3) names no lead or responsible unit")
