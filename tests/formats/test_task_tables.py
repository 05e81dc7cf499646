"""Task tables: columns from header words, from --columns, or from what the cells hold."""

from __future__ import annotations

import pytest

from inspect_cli.exceptions import InputError
from inspect_cli.formats.task_tables import category_first, column_roles, fit, headerless_tables, parse_columns


def test_header_words_split_by_spaces_or_line_breaks():
    assert column_roles(("序 号", "工作任务", "牵头 单位", "责任\n单位", "完成\n时限", "责任领导")) == (
        "number",
        "task",
        "lead",
        "responsible",
        "deadline",
        "person",
    )
    assert column_roles(("姓名", "职务", "电话")) is None


def test_two_task_columns_make_the_first_the_category():
    assert category_first(("task", "task", "responsible")) == ("category", "task", "responsible")
    assert category_first(("category", "task", "task")) == ("category", "task", "task")


def test_columns_named_by_the_user():
    assert parse_columns("task=3,lead=4,due=6") == (None, None, "task", "lead", None, "deadline")
    assert parse_columns(" number=1, task=2, responsible=3 ") == ("number", "task", "responsible")
    for bad in ("", "task=0", "lead=3", "task=2,who=3", "task=2,lead=2", "task=x", "task=99999"):
        with pytest.raises(InputError):
            parse_columns(bad)


def test_cells_fit_the_columns_they_read_as():
    columns = ("category", "task", "responsible")
    assert fit(columns, ["", "及时更新网站信息。", "各科室"]) > fit(columns, ["及时更新网站信息。", "各科室", ""])


class _Row:
    def __init__(self, *cells: str) -> None:
        self.cells = cells


def test_a_table_without_a_header_guessed_from_its_cells():
    rows = [
        _Row("1", "全面清理行政规范性文件,公布目录。", "县司法局", "2022年6月底前"),
        _Row("2", "推行行政执法公示制度。", "县各执法部门", "长期坚持"),
    ]
    assert headerless_tables(rows) == {0: ("number", "task", "responsible", "deadline")}
    assert headerless_tables([_Row("序号", "任务", "单位"), *rows]) == {}  # a header: not guessed
    assert headerless_tables([_Row("甲", "乙"), _Row("丙", "丁")]) == {}  # nothing says task table


def test_a_key_value_row_naming_a_task():
    from inspect_cli.formats.task_tables import key_task_text

    assert key_task_text(["工作任务：", "修订规范性文件管理办法"]) == "修订规范性文件管理办法"
    assert key_task_text(["工作内容", "责任单位"]) == ""  # a header row of a two-column table
    assert key_task_text(["牵头单位:", "市司法局"]) == ""
    # a real table's two columns, key and value with no colon (a 督办 sheet): the value is no column's name
    assert key_task_text(["工作任务", "推进公共法律服务中心规范化建设"]) == "推进公共法律服务中心规范化建设"
    assert key_task_text(["工作任务", "完成时限"]) == ""


def test_a_header_merged_over_two_rows_takes_its_roles_from_the_lower_row():
    from inspect_cli.formats.task_tables import sub_header_roles

    top = column_roles(("序号", "重点任务", "责任单位", "", "完成时限"))
    assert sub_header_roles(top, ("", "", "牵头单位", "配合单位", "")) == (
        "number",
        "task",
        "lead",
        "responsible",
        "deadline",
    )
    assert sub_header_roles(top, ("", "", "牵头", "配合", "")) == ("number", "task", "lead", "responsible", "deadline")
    assert sub_header_roles(top, ("1", "压缩企业开办时间", "县市场监管局", "县税务局", "3月底前")) is None


def test_a_column_of_units_and_their_people_is_a_unit_column():
    assert column_roles(("序号", "工作任务", "责任单位及责任人", "完成时限")) == (
        "number",
        "task",
        "responsible",
        "deadline",
    )
    assert column_roles(("序号", "工作任务", "责任领导", "牵头单位")) == ("number", "task", "person", "lead")
