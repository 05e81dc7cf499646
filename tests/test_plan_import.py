"""Plan import on the real Jingmen plan, its rewrites (GB18030, .docx, .html) and the other layout."""

from __future__ import annotations

import re
from datetime import date

import pytest

from conftest import JINGMEN_PLAN
from inspect_cli.exceptions import InputError
from inspect_cli.plan_import import import_plan
from inspect_cli.textnorm import comparable


@pytest.fixture(scope="module")
def imported():
    return import_plan(JINGMEN_PLAN, checklist_id="jingmen-2016-2020")


def by_id(result):
    return {task.id: task for task in result.checklist.tasks}


def test_all_140_tasks_in_plan_order(imported):
    ids = [task.id for task in imported.checklist.tasks]
    assert ids == [str(n) for n in range(1, 141)]
    assert imported.warnings == ()


def test_metadata_and_hierarchy(imported):
    checklist = imported.checklist
    assert checklist.title == "荆门市法治政府建设实施方案"
    assert checklist.period == "2016—2020年"
    assert checklist.source == "jingmen-2016-2020.txt"
    assert len(checklist.source_sha256) == 64
    assert [p.number for p in checklist.parts] == ["一", "二", "三"]
    assert [s.number for s in checklist.sections] == list("一二三四五六七")
    assert checklist.sections[6].title == "全面提高依法行政能力"  # "(七) 全面…" has a space after the marker
    assert [t.number for t in checklist.topics] == [str(n) for n in range(1, 41)]
    assert imported.summary == {"tasks": 140, "parts": 3, "sections": 7, "topics": 40, "units": 33,
                                "without_deadline": 3, "warnings": 0}


# (task id, lead units, responsible units, every lead, every responsible, deadline phrase, due)
IRREGULAR_TAILS = [
    ("1", ("市编办",), (), False, False, "2016年底完成", date(2016, 12, 31)),
    ("85", ("市人社局",), (), False, False, "2017年底", date(2017, 12, 31)),
    ("87", ("市委组织部",), (), False, False, "2017年底", date(2017, 12, 31)),
    ("89", (), ("市政府法制办",), False, False, "2017年底完成", date(2017, 12, 31)),
    ("105", ("市委政法委",), (), False, False, "2017年底完成", date(2017, 12, 31)),
    ("110", ("市经管局",), (), False, False, "2018年底完成", date(2018, 12, 31)),
    ("111", ("市人社局",), (), False, False, "2018年底完成", date(2018, 12, 31)),
    ("112", ("荆门仲裁委员会秘书处",), (), False, False, "2018年底完成", date(2018, 12, 31)),
    ("122", ("市公务员局",), (), False, False, "2016年底完成", date(2016, 12, 31)),
    ("125", ("市委办公室", "市政府办公室"), (), False, False, "2016年底完成", date(2016, 12, 31)),
    ("127", (), (), True, False, "", None),
    ("128", (), (), False, True, "", None),
    ("129", ("市政府法制办",), (), False, False, "", None),
]


@pytest.mark.parametrize("task_id, lead, responsible, every_lead, every_responsible, deadline, due", IRREGULAR_TAILS)
def test_irregular_tail(imported, task_id, lead, responsible, every_lead, every_responsible, deadline, due):
    task = by_id(imported)[task_id]
    assert task.lead_units == lead
    assert task.responsible_units == responsible
    assert task.every_lead_unit is every_lead
    assert task.every_responsible_unit is every_responsible
    assert task.deadline == deadline
    assert task.due == due
    assert not re.search(r"[(（](牵头|责任|各)", task.text[-40:]), "the tail bracket stays out of the text"


def test_task_text_and_place(imported):
    task = by_id(imported)["105"]
    assert task.text.startswith("建立健全多元化纠纷解决机制。")
    assert task.text.endswith("提升处置群体性事件的能力。")
    assert (task.part, task.section, task.topic, task.line) == ("二", "六", "26", 143)
    assert by_id(imported)["140"].section is None and by_id(imported)["140"].topic == "40"


def _same_fields(a, b):
    fields = ("id", "lead_units", "responsible_units", "every_lead_unit", "every_responsible_unit",
              "due", "recurrence", "ongoing", "part", "section", "topic")
    for x, y in zip(a.checklist.tasks, b.checklist.tasks, strict=True):
        assert [getattr(x, f) for f in fields] == [getattr(y, f) for f in fields], x.id
        assert comparable(x.text) == comparable(y.text), x.id
        assert comparable(x.deadline) == comparable(y.deadline), x.id


def _full_width(text: str) -> str:
    return text.replace("(", "（").replace(")", "）").replace(":", "：").replace(",", "，")


def test_full_width_gb18030_imports_the_same(tmp_path, imported, jingmen_text):
    plan = tmp_path / "plan-gbk.txt"
    plan.write_bytes(_full_width(jingmen_text).encode("gb18030"))
    result = import_plan(plan)
    assert result.encoding == "gb18030"
    assert len(result.checklist.tasks) == 140 and result.warnings == ()
    _same_fields(result, imported)
    assert "（" in by_id(result)["2"].text  # the text is kept as written


def test_utf8_with_bom_and_crlf(tmp_path, imported, jingmen_text):
    plan = tmp_path / "plan.md"
    plan.write_bytes(b"\xef\xbb\xbf" + jingmen_text.replace("\n", "\r\n").encode("utf-8"))
    result = import_plan(plan)
    _same_fields(result, imported)
    assert result.checklist.title == "荆门市法治政府建设实施方案"


def test_docx_imports_the_same(tmp_path, imported, jingmen_text):
    import docx

    document = docx.Document()
    lines = jingmen_text.splitlines()
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        document.add_paragraph(_full_width(line))
    path = tmp_path / "plan.docx"
    document.save(path)
    result = import_plan(path)
    assert len(result.checklist.tasks) == 140
    _same_fields(result, imported)


def test_html_page_with_navigation_imports_the_same(tmp_path, imported, jingmen_text):
    from html import escape

    lines = jingmen_text.splitlines()
    body = "\n".join(f"<p>{escape(line)}</p>" for line in lines[1:])
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{lines[0]} - 荆门市人民政府</title>
<style>p {{ margin: 0 }}</style><script>var x = "(1)脚本(牵头单位:假单位。2016年底完成)";</script></head>
<body><div class="top-nav"><a href="/">(1)首页</a> <a href="/zw">(2)政务公开(牵头单位:导航。2016年底完成)</a></div>
<nav><ul><li>1.网站地图</li><li>一、机构概况</li></ul></nav>
<div class="article"><h1>{escape(lines[0])}</h1>
{body}
</div>
<div class="share">分享到:(3)微信</div>
<footer><p>(141)主办:荆门市人民政府办公室(牵头单位:网站。2016年底完成)</p></footer>
</body></html>"""
    path = tmp_path / "plan.html"
    path.write_text(page, encoding="utf-8")
    result = import_plan(path)
    assert [t.id for t in result.checklist.tasks] == [str(n) for n in range(1, 141)]
    _same_fields(result, imported)
    assert result.checklist.title == "荆门市法治政府建设实施方案"
    assert by_id(result)["1"].line > 1  # the page's own line, for warnings


OTHER_LAYOUT = """某市2021年法治政府建设工作要点

为深入推进依法行政，制定本要点。
（一）深入推进依法行政
1．健全依法决策机制，严格落实重大行政决策程序。
牵头单位：市司法局
配合单位：市政府办公室、市发改委
完成时限：2021年6月底前
2、加强规范性文件备案审查，
实行有件必备、有备必审。
牵头单位：市司法局；完成时限：2021年上半年
3. 按时报告法治政府建设年度情况。
责任单位：各县（市、区）政府
完成时限：每年第一季度
（二）严格规范公正文明执法
4．全面推行行政执法三项制度。
牵头单位：市司法局
协办单位：市公安局
完成时限：长期坚持
5．加强行政执法人员培训。
（牵头单位：市司法局；时间要求：2021年第三季度）
6．完善行政执法监督机制。
牵头单位：市司法局
完成时限：持续推进
"""


def test_other_layout_units_and_deadlines_on_own_lines(tmp_path):
    plan = tmp_path / "要点.txt"
    plan.write_text(OTHER_LAYOUT, encoding="utf-8")
    result = import_plan(plan)
    tasks = by_id(result)
    assert list(tasks) == ["1", "2", "3", "4", "5", "6"]
    assert result.checklist.title == "某市2021年法治政府建设工作要点"
    assert [s.title for s in result.checklist.sections] == ["深入推进依法行政", "严格规范公正文明执法"]
    assert tasks["1"].lead_units == ("市司法局",) and tasks["1"].responsible_units == ("市政府办公室", "市发改委")
    assert tasks["1"].due == date(2021, 6, 30) and tasks["1"].deadline == "2021年6月底前"
    assert tasks["2"].text == "加强规范性文件备案审查，\n实行有件必备、有备必审。"
    assert tasks["2"].due == date(2021, 6, 30) and tasks["2"].deadline == "2021年上半年"
    assert tasks["3"].responsible_units == ("各县（市、区）政府",) and tasks["3"].lead_units == ()
    assert tasks["3"].recurrence == "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1" and tasks["3"].due is None
    assert tasks["4"].ongoing and tasks["4"].due is None and tasks["4"].responsible_units == ("市公安局",)
    assert tasks["5"].due == date(2021, 9, 30) and tasks["5"].section == "二"
    assert tasks["6"].ongoing
    assert result.warnings == ()


def test_numbering_restarting_under_each_section_is_qualified(tmp_path):
    plan = tmp_path / "restart.txt"
    plan.write_text("工作方案\n（一）第一部分\n1.任务甲。（牵头单位：市司法局。2021年底前）\n2.任务乙。（牵头单位：市司法局。2021年底前）\n"
                    "（二）第二部分\n1.任务丙。（牵头单位：市财政局。2022年底前）\n", encoding="utf-8")
    result = import_plan(plan)
    assert [t.id for t in result.checklist.tasks] == ["一.1", "一.2", "二.1"]


def test_gaps_duplicates_and_unplaced_lines_are_warned_with_line_numbers(tmp_path):
    plan = tmp_path / "gappy.txt"
    plan.write_text(
        "方案\n一、任务\n(1)甲。(牵头单位:市司法局。2017年底完成)\n(2)乙。(牵头单位:市司法局。2017年底完成)\n"
        "(4)丁。(牵头单位:市司法局。2017年底完成)\n(4)丁二。(牵头单位:市司法局。2017年底完成)\n"
        "戊没有编号。(牵头单位:市财政局。2017年底完成)\n(5)己。(牵头单位:市司法局。明年完成)\n", encoding="utf-8")
    result = import_plan(plan)
    assert [t.id for t in result.checklist.tasks] == ["1", "2", "4", "4-2", "5"]
    messages = {w.line: w.message for w in result.warnings}
    assert "jumps from (2) to (4)" in messages[5]
    assert "repeats the one at line 5" in messages[6] and "4-2" in messages[6]
    assert "no task number" in messages[7]
    assert "明年完成" in messages[8] and "not understood" in messages[8]
    assert by_id(result)["5"].deadline == "明年完成" and by_id(result)["5"].due is None


@pytest.mark.parametrize("content, suffix, expected", [
    (b"", ".txt", "empty"),
    (b"   \n\n", ".txt", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ".txt", "binary"),
    ("只是一段话，没有编号。\n第二行。".encode(), ".txt", "no numbered tasks"),
    (b"PK\x03\x04 not really a zip", ".docx", "not a readable .docx"),
    (b"x", ".pdf", "unsupported file type"),
])
def test_bad_documents_raise_input_error(tmp_path, content, suffix, expected):
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected):
        import_plan(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        import_plan(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        import_plan(tmp_path)


def test_markdown_plan_with_headings_and_bold(tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text("# 某县法治政府建设工作要点\n\n## 一、总体要求\n\n### （一）依法履职\n\n"
                    "**1. 编制权责清单。**（牵头单位：县编办；完成时限：2021年底前）\n\n"
                    "- 2. 公开权责清单。（牵头单位：县政府办公室。2021年6月底前）\n", encoding="utf-8")
    result = import_plan(plan)
    assert result.checklist.title == "某县法治政府建设工作要点"
    tasks = by_id(result)
    assert list(tasks) == ["1", "2"] and tasks["1"].text == "编制权责清单。"
    assert tasks["1"].lead_units == ("县编办",) and tasks["1"].due == date(2021, 12, 31)
    assert tasks["2"].due == date(2021, 6, 30) and tasks["2"].section == "一" and tasks["2"].part == "一"
