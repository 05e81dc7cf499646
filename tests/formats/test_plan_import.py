"""Plan import on the real Jingmen plan, its rewrites (GB18030, .docx, .html) and the other layout."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import JINGMEN_PLAN

from inspect_cli.domain.textnorm import comparable
from inspect_cli.exceptions import InputError
from inspect_cli.formats.plan_import import import_plan


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
    assert imported.summary == {
        "tasks": 140,
        "parts": 3,
        "sections": 7,
        "topics": 40,
        "units": 33,
        "without_deadline": 3,
        "warnings": 0,
        "review": 0,
    }


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
    fields = (
        "id",
        "lead_units",
        "responsible_units",
        "every_lead_unit",
        "every_responsible_unit",
        "due",
        "recurrence",
        "ongoing",
        "part",
        "section",
        "topic",
    )
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
    plan.write_text(
        "工作方案\n（一）第一部分\n1.任务甲。（牵头单位：市司法局。2021年底前）\n2.任务乙。（牵头单位：市司法局。2021年底前）\n"
        "（二）第二部分\n1.任务丙。（牵头单位：市财政局。2022年底前）\n",
        encoding="utf-8",
    )
    result = import_plan(plan)
    assert [t.id for t in result.checklist.tasks] == ["一.1", "一.2", "二.1"]


def test_gaps_duplicates_and_unplaced_lines_are_warned_with_line_numbers(tmp_path):
    plan = tmp_path / "gappy.txt"
    plan.write_text(
        "方案\n一、任务\n(1)甲。(牵头单位:市司法局。2017年底完成)\n(2)乙。(牵头单位:市司法局。2017年底完成)\n"
        "(4)丁。(牵头单位:市司法局。2017年底完成)\n(4)丁二。(牵头单位:市司法局。2017年底完成)\n"
        "戊没有编号。(牵头单位:市财政局。2017年底完成)\n(5)己。(牵头单位:市司法局。明年完成)\n",
        encoding="utf-8",
    )
    result = import_plan(plan)
    # the line without a number names its own units: a task, marked for review
    assert [t.id for t in result.checklist.tasks] == ["1", "2", "4", "4-2", "一.1", "5"]
    assert by_id(result)["一.1"].review[0].startswith("number: none in the document")
    messages = {w.line: w.message for w in result.warnings}
    assert "jumps from (2) to (4)" in messages[5]
    assert "repeats the one at line 5" in messages[6] and "4-2" in messages[6]
    assert "no task number" in messages[7]
    assert "明年完成" in messages[8] and "not understood" in messages[8]
    assert by_id(result)["5"].deadline == "明年完成" and by_id(result)["5"].due is None


@pytest.mark.parametrize(
    "content, suffix, expected",
    [
        (b"", ".txt", "empty"),
        (b"   \n\n", ".txt", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ".txt", "binary"),
        ("只是一段话，没有编号。\n第二行。".encode(), ".txt", "no numbered tasks"),
        (b"PK\x03\x04 not really a zip", ".docx", "not a readable .docx"),
        (b"x", ".pdf", "unsupported file type"),
    ],
)
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
    plan.write_text(
        "# 某县法治政府建设工作要点\n\n## 一、总体要求\n\n### （一）依法履职\n\n"
        "**1. 编制权责清单。**（牵头单位：县编办；完成时限：2021年底前）\n\n"
        "- 2. 公开权责清单。（牵头单位：县政府办公室。2021年6月底前）\n",
        encoding="utf-8",
    )
    result = import_plan(plan)
    assert result.checklist.title == "某县法治政府建设工作要点"
    tasks = by_id(result)
    assert list(tasks) == ["1", "2"] and tasks["1"].text == "编制权责清单。"
    assert tasks["1"].lead_units == ("县编办",) and tasks["1"].due == date(2021, 12, 31)
    assert tasks["2"].due == date(2021, 6, 30) and tasks["2"].section == "一" and tasks["2"].part == "一"


def _import_text(tmp_path, text: str, name: str = "plan.txt"):
    plan = tmp_path / name
    plan.write_text(text, encoding="utf-8")
    return import_plan(plan)


def _messages(result) -> str:
    return "\n".join(warning.message for warning in result.warnings)


@pytest.mark.parametrize("opening, closing", [("（", "）"), ("(", ")"), ("[", "]"), ("【", "】"), ("〔", "〕")])
def test_unlabelled_unit_tails_in_every_bracket_kind(tmp_path, opening, closing):
    result = _import_text(
        tmp_path,
        "某县工作要点\n"
        f"1.清理证明事项。{opening}县司法局牵头，县发改局、县公安局配合{closing}\n"
        f"2.公开权责清单。{opening}县委编办、县政府办公室等负责{closing}\n"
        f"3.推进电子证照。{opening}县数据资源局负责{closing}\n"
        f"4.培训执法人员。{opening}县司法局，各乡镇人民政府{closing}\n",
    )
    tasks = by_id(result)
    assert tasks["1"].text == "清理证明事项。"
    assert (tasks["1"].lead_units, tasks["1"].responsible_units) == (("县司法局",), ("县发改局", "县公安局"))
    assert (tasks["2"].lead_units, tasks["2"].responsible_units) == ((), ("县委编办", "县政府办公室"))
    assert (tasks["3"].lead_units, tasks["3"].responsible_units) == (("县数据资源局",), ())
    assert tasks["4"].responsible_units == ("县司法局", "各乡镇人民政府")
    assert "names no" not in _messages(result)


def test_a_labelled_tail_with_a_bracket_nested_inside(tmp_path):
    result = _import_text(
        tmp_path, "某区工作要点\n1、开展复工复产。[牵头单位：区经信局；责任单位：各街办（新区）、区商务局]\n"
    )
    task = by_id(result)["1"]
    assert task.lead_units == ("区经信局",) and task.responsible_units == ("各街办（新区）", "区商务局")
    assert task.text == "开展复工复产。"


def test_traditional_labels_are_read_and_the_text_kept_as_written(tmp_path):
    result = _import_text(
        tmp_path,
        "某縣2022年法治政府建設工作要點\n"
        "1.推行證明事項告知承諾制。\n牽頭單位：縣司法局\n責任單位：縣直各部門\n完成時限：2022年6月底前\n"
        "2.規範行政執法。（縣市場監管局牽頭；持續推進）\n",
    )
    tasks = by_id(result)
    assert tasks["1"].text == "推行證明事項告知承諾制。"
    assert tasks["1"].lead_units == ("縣司法局",) and tasks["1"].responsible_units == ("縣直各部門",)
    assert tasks["1"].due == date(2022, 6, 30) and tasks["1"].deadline == "2022年6月底前"
    assert tasks["2"].lead_units == ("縣市場監管局",) and tasks["2"].ongoing and tasks["2"].deadline == "持續推進"


@pytest.mark.parametrize(
    "label, role",
    [
        ("牵头责任单位", "lead"),
        ("主办单位", "lead"),
        ("牵头部门", "lead"),
        ("协同责任单位", "responsible"),
        ("协办单位", "responsible"),
        ("落实单位", "responsible"),
        ("实施单位", "responsible"),
        ("责任部门", "responsible"),
        ("配合部门", "responsible"),
        ("参与部门", "responsible"),
    ],
)
def test_more_unit_labels(tmp_path, label, role):
    result = _import_text(tmp_path, f"要点\n1.任务甲。\n{label}：市司法局、市财政局\n时间进度：2021年底前\n")
    task = by_id(result)["1"]
    units = task.lead_units if role == "lead" else task.responsible_units
    assert units == ("市司法局", "市财政局") and task.due == date(2021, 12, 31)


def test_the_first_listed_unit_leads_when_the_document_says_so(tmp_path):
    result = _import_text(
        tmp_path,
        "2021年重点工作责任分解\n"
        "1.优化营商环境。\n责任单位：发改局、市场监管局、行政审批局（列第一位者为牵头单位，下同）\n"
        "2.推进数字政府。\n责任单位：大数据中心、财政局\n"
        "3.办好民生实事。\n牵头单位：民政局\n责任单位：财政局\n",
    )
    tasks = by_id(result)
    assert (tasks["1"].lead_units, tasks["1"].responsible_units) == (("发改局",), ("市场监管局", "行政审批局"))
    assert (tasks["2"].lead_units, tasks["2"].responsible_units) == (("大数据中心",), ("财政局",))
    assert (tasks["3"].lead_units, tasks["3"].responsible_units) == (("民政局",), ("财政局",))


def test_a_unit_line_after_several_items_applies_to_each_with_a_warning(tmp_path):
    result = _import_text(
        tmp_path,
        "某区2023年依法治区工作要点\n（一）加强制度建设\n"
        "(1)开展规范性文件清理。\n(2)建立合法性审查台账。\n(3)公布规范性文件目录。\n"
        "牵头单位：区司法局\n配合单位：区政府办公室\n完成时间：2023年10月底前\n"
        "（二）加强执法监督\n(4)开展执法案卷评查。\n牵头单位：区司法局\n",
    )
    tasks = by_id(result)
    for task_id in ("1", "2", "3"):
        assert tasks[task_id].lead_units == ("区司法局",) and tasks[task_id].responsible_units == ("区政府办公室",)
        assert tasks[task_id].due == date(2023, 10, 31)
    assert tasks["4"].lead_units == ("区司法局",) and tasks["4"].due is None
    assert [w.message for w in result.warnings] == [
        "unit or deadline line applies to each of the 3 items (1)–(3) above it, which name none of their own"
    ]


def test_the_task_level_is_the_one_carrying_units_even_the_outermost(tmp_path):
    result = _import_text(
        tmp_path,
        "工作安排\n一、完善制度建设。做好文件制定工作。(市政府法制局及相关部门)\n"
        "二、强化文件管理。落实合法性审查。(市政府办公室、各县区政府)\n三、加强基层工作。根",
    )
    tasks = by_id(result)
    assert list(tasks) == ["一", "二", "三"]
    assert tasks["一"].responsible_units == ("市政府法制局", "相关部门")
    assert tasks["二"].responsible_units == ("市政府办公室", "各县区政府")
    assert "task (三) names no lead or responsible unit" in _messages(result)


@pytest.mark.parametrize("marks", [("1﹒", "2﹒"), ("1．", "2．"), ("①", "②"), ("1、", "2、"), ("（1）", "（2）")])
def test_more_numbering_styles(tmp_path, marks):
    result = _import_text(tmp_path, f"要点\n{marks[0]}任务甲。（市司法局牵头）\n{marks[1]}任务乙。（市财政局牵头）\n")
    assert [task.lead_units for task in result.checklist.tasks] == [("市司法局",), ("市财政局",)]
    assert [task.text for task in result.checklist.tasks] == ["任务甲。", "任务乙。"]


def test_a_month_without_a_year_takes_the_plans_year_with_a_warning(tmp_path):
    result = _import_text(
        tmp_path,
        "某市2020年政府重点工作责任分解\n1.开展专项整治。（市公安局牵头，10月底前完成）\n"
        "2.推进立法。（市司法局负责，年内持续推进）\n",
    )
    tasks = by_id(result)
    assert tasks["1"].due == date(2020, 10, 31) and tasks["1"].deadline == "10月底前完成"
    assert tasks["2"].ongoing and tasks["2"].due is None
    assert _messages(result) == "task (1): deadline '10月底前完成' names no year; 2020 used, the plan's year"


def test_a_month_without_a_year_in_a_multi_year_plan_is_not_guessed(tmp_path):
    result = _import_text(
        tmp_path, "某市法治政府建设实施方案（2021—2025年）\n1.开展专项整治。（市公安局牵头，10月底前完成）\n"
    )
    assert by_id(result)["1"].due is None and "names no year, nor does the plan" in _messages(result)


def test_page_chrome_after_the_last_task_is_not_appended(tmp_path):
    result = _import_text(
        tmp_path,
        "要点\n1.任务甲。\n牵头单位：市司法局\n2.任务乙，全文较长\n还有一段\n"
        "详见某某网\n某某日报记者张三\n分享到：\n打印本页 【关闭】\n",
    )
    assert by_id(result)["2"].text == "任务乙，全文较长\n还有一段"


def test_a_bracket_not_understood_is_quoted_in_the_warning(tmp_path):
    result = _import_text(tmp_path, "要点\n1.任务甲。（市司法局牵头）\n2.任务乙（试行办法另行制定）\n")
    assert (
        _messages(result) == 'task (2): bracket "（试行办法另行制定）" not understood as units; '
        "the task names no lead or responsible unit"
    )
    assert by_id(result)["2"].text == "任务乙（试行办法另行制定）"


def test_items_without_units_import_with_warnings_rather_than_refusal(tmp_path):
    result = _import_text(tmp_path, "意见\n一、总体要求\n1.总体要求。坚持依法行政。\n2.目标任务。建成法治政府。\n")
    assert [task.id for task in result.checklist.tasks] == ["1", "2"]
    assert len(result.warnings) == 2


def test_a_table_flattened_to_text(tmp_path):
    result = _import_text(
        tmp_path,
        "某市2024年重点任务分解表\n序号 重点任务 牵头单位 配合单位 完成时限\n"
        "1 制定年度 立法计划 市司法局 市人大法工委、市政府办公室 3月底前\n"
        "2 开展执法培训 市司法局 各县（市、区）政府 每年第二季度\n",
    )
    tasks = by_id(result)
    assert tasks["1"].text == "制定年度 立法计划"
    assert tasks["1"].lead_units == ("市司法局",) and tasks["1"].responsible_units == ("市人大法工委", "市政府办公室")
    assert tasks["1"].due == date(2024, 3, 31)
    assert tasks["2"].responsible_units == ("各县（市、区）政府",) and tasks["2"].recurrence


TABLE_ROWS = [
    ("1", "依法治理", "修订行政规范性文件管理办法", "市司法局", "市政府办公室、市财政局", "2021年6月底前"),
    ("2", "依法治理", "开展行政执法案卷评查", "市司法局", "各县（市、区）政府", "每年第四季度"),
    ("3", "政务服务", "推行一网通办", "市数据资源局", "市直各部门", "长期坚持"),
]


@pytest.mark.parametrize(
    "headers",
    [
        ("序号", "类别", "工作任务", "牵头单位", "责任单位", "完成时限"),
        ("编号", "领域", "主要任务", "牵头部门", "配合单位", "时间要求"),
        ("序 号", "板块", "具体措施", "主办单位", "协办单位", "完成时间"),
    ],
)
def test_docx_and_xlsx_task_tables_with_varied_headers(tmp_path, headers):
    import docx
    from openpyxl import Workbook

    document = docx.Document()
    document.add_paragraph("某市2021年法治政府建设工作要点")
    table = document.add_table(rows=1 + len(TABLE_ROWS), cols=len(headers))
    for row, values in enumerate([headers, *TABLE_ROWS]):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    table.cell(1, 1).merge(table.cell(2, 1))  # the category spans its rows
    docx_path = tmp_path / "table.docx"
    document.save(docx_path)

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["某市2021年法治政府建设工作要点"])
    sheet.append(list(headers))
    for values in TABLE_ROWS:
        sheet.append(list(values))
    sheet["B4"] = None
    sheet.merge_cells("B3:B4")
    xlsx_path = tmp_path / "table.xlsx"
    workbook.save(xlsx_path)

    for path in (docx_path, xlsx_path):
        result = import_plan(path)
        tasks = by_id(result)
        assert list(tasks) == ["1", "2", "3"], path
        assert [part.title for part in result.checklist.parts] == ["依法治理", "政务服务"]
        assert tasks["1"].text == "修订行政规范性文件管理办法" and tasks["2"].part == "一"
        assert tasks["1"].lead_units == ("市司法局",) and tasks["1"].responsible_units == ("市政府办公室", "市财政局")
        assert tasks["1"].due == date(2021, 6, 30)
        assert tasks["2"].responsible_units == ("各县（市、区）政府",) and tasks["2"].recurrence
        assert tasks["3"].ongoing and tasks["3"].part == "二"
        assert result.warnings == ()


def test_html_task_table(tmp_path):
    rows = "".join(
        f"<tr><td>{n}</td><td>{task}</td><td>{lead}</td><td>{others}</td><td>{when}</td></tr>"
        for n, _, task, lead, others, when in TABLE_ROWS
    )
    page = tmp_path / "table.html"
    page.write_text(
        "<html><body><h1>某市工作要点</h1><table><tr><th>序号</th><th>重点工作</th><th>牵头单位</th>"
        f"<th>参与单位</th><th>时限</th></tr>{rows}</table></body></html>",
        encoding="utf-8",
    )
    tasks = by_id(import_plan(page))
    assert tasks["2"].text == "开展行政执法案卷评查" and tasks["2"].lead_units == ("市司法局",)
    assert tasks["1"].responsible_units == ("市政府办公室", "市财政局") and tasks["3"].ongoing


# Excerpts written for these tests in layouts of the same families as the real plans, to check the rules
# are not fitted to the corpus: each pairs units and deadline placements the corpus does not combine.
INVENTED_EXCERPTS = {
    "province_sections_as_tasks": (
        "某省2023年法治政府建设工作要点\n"
        "（一）深化审批改革。推行“马上办”。（省发展改革委牵头，省财政厅、省自然资源厅按职责分工负责）\n"
        "（二）推进综合执法。（省司法厅牵头，各市（州）人民政府负责）\n"
        "（三）健全复议体制。牵头单位：省司法厅；完成时限：年底前。\n"
        "（四）加强普法。牵头单位：省委宣传部、省司法厅 完成时限：长期坚持\n"
    ),
    "traditional_circled": (
        "某縣2022年法治政府建設工作要點\n一、深化改革\n"
        "①推行告知承諾制。【牽頭單位：縣司法局；責任單位：縣直各部門；完成時限：6月底前】\n"
        "②編制權責清單。【縣委編辦牽頭，縣直各部門配合，年底前完成】\n"
        "二、規範執法\n③落實執法三項制度。（縣司法局、縣市場監管局等負責，持續推進）\n"
    ),
    "flattened_with_person_column": (
        "某县2022年重点工作任务分解\n序号 工作任务 责任领导 牵头单位 责任单位 完成时限\n"
        "1 建设县城污水处理厂 张三 县住建局 县发改局、县财政局 2022年12月底前\n"
        "2 完成高标准农田建设 李四 县农业农村局 各乡镇 年内\n"
    ),
}
INVENTED_EXPECTED = {
    "province_sections_as_tasks": [
        (("省发展改革委",), ("省财政厅", "省自然资源厅"), None, False),
        (("省司法厅",), ("各市（州）人民政府",), None, False),
        (("省司法厅",), (), date(2023, 12, 31), False),
        (("省委宣传部", "省司法厅"), (), None, True),
    ],
    "traditional_circled": [
        (("縣司法局",), ("縣直各部門",), date(2022, 6, 30), False),
        (("縣委編辦",), ("縣直各部門",), date(2022, 12, 31), False),
        ((), ("縣司法局", "縣市場監管局"), None, True),
    ],
    "flattened_with_person_column": [
        (("县住建局",), ("县发改局", "县财政局"), date(2022, 12, 31), False),
        (("县农业农村局",), ("各乡镇",), date(2022, 12, 31), False),
    ],
}


@pytest.mark.parametrize("name", sorted(INVENTED_EXCERPTS))
def test_invented_excerpts_in_other_layouts(tmp_path, name):
    result = _import_text(tmp_path, INVENTED_EXCERPTS[name])
    got = [(t.lead_units, t.responsible_units, t.due, t.ongoing) for t in result.checklist.tasks]
    assert got == INVENTED_EXPECTED[name]
    assert "no lead or responsible unit" not in _messages(result) and "not understood" not in _messages(result)


def _layout_examples():
    from conftest import REPO

    text = (REPO / "docs" / "import.md").read_text(encoding="utf-8")
    section = text.split("## How the importer reads a plan")[1].split("## Review marks")[0]
    return re.findall(r"```text\n(.*?)```", section, re.S)


@pytest.mark.parametrize("example", _layout_examples())
def test_every_layout_example_in_the_docs_imports_with_units(tmp_path, example):
    result = _import_text(tmp_path, "某县2022年工作要点\n" + example)
    assert result.checklist.tasks
    assert all(task.lead_units or task.responsible_units for task in result.checklist.tasks), result.checklist.tasks


def test_the_table_example_in_the_docs_imports_from_a_workbook(tmp_path):
    from conftest import REPO
    from openpyxl import Workbook

    text = (REPO / "docs" / "import.md").read_text(encoding="utf-8")
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("| 序号") or line.startswith("| 1 |")
    ]
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(tmp_path / "t.xlsx")
    task = import_plan(tmp_path / "t.xlsx").checklist.tasks[0]
    assert task.lead_units == ("县司法局",) and task.due == date(2022, 6, 30)


def test_a_table_row_merged_across_is_a_heading(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    for row, values in enumerate(
        [
            ("序号", "工作任务", "牵头单位"),
            ("一、依法行政", "", ""),
            ("1", "修订文件管理办法", "县司法局"),
            ("2", "公开权责清单", "县委编办"),
        ]
    ):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    table.cell(1, 0).merge(table.cell(1, 2))
    path = tmp_path / "merged.docx"
    document.save(path)
    result = import_plan(path)
    assert [part.title for part in result.checklist.parts] == ["依法行政"]
    assert [(t.id, t.part, t.lead_units) for t in result.checklist.tasks] == [
        ("1", "一", ("县司法局",)),
        ("2", "一", ("县委编办",)),
    ]


def test_invented_html_excerpt_with_a_leader_label_and_every_place_units(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<html><body><div class="content"><p>某市2021年依法行政工作要点</p><p>一、推进政府职能转变</p>'
        "<p>1．深化“证照分离”改革。</p><p>（责任领导：王五；牵头单位：市市场监管局；配合单位：各县市区，市直各有关单位）</p>"
        "<p>2．优化政务服务，9月底前实现全覆盖。（市政务服务中心牵头，各县（市、区）配合，2021年9月底前）</p>"
        "<p>3．加强公共法律服务。（市司法局负责）</p>"
        '<div class="share">分享到：微信</div><p>【打印本页】【关闭窗口】</p></div></body></html>',
        encoding="utf-8",
    )
    result = import_plan(page)
    got = [(t.lead_units, t.responsible_units, t.due) for t in result.checklist.tasks]
    assert got == [
        (("市市场监管局",), ("各县市区", "市直各有关单位"), None),
        (("市政务服务中心",), ("各县（市、区）",), date(2021, 9, 30)),
        (("市司法局",), (), None),
    ]
    assert result.checklist.tasks[0].text == "深化“证照分离”改革。" and result.warnings == ()


def test_a_line_that_only_mentions_reporters_is_still_task_text(tmp_path):
    result = _import_text(
        tmp_path,
        "要点\n1.保障采访权利\n加强对新闻记者\n（市委宣传部牵头）\n2.任务乙。（市司法局牵头）\n本报记者 李四\n",
    )
    assert by_id(result)["1"].text == "保障采访权利\n加强对新闻记者" and by_id(result)["1"].lead_units == (
        "市委宣传部",
    )


def test_invented_excerpt_with_a_lead_marked_inside_the_list_and_a_dotted_date(tmp_path):
    result = _import_text(
        tmp_path,
        "某区2022年法治政府建设工作要点\n1.推进行政执法“三项制度”。\n"
        "责任单位：区司法局（牵头）、区各行政执法部门\n完成时限：2022.12.31\n"
        "2.开展法治督察。（区委依法治区办（牵头）、区司法局，2022年11月底前）\n",
    )
    got = [(t.lead_units, t.responsible_units, t.due) for t in result.checklist.tasks]
    assert got == [
        (("区司法局",), ("区各行政执法部门",), date(2022, 12, 31)),
        (("区委依法治区办",), ("区司法局",), date(2022, 11, 30)),
    ]
    assert result.warnings == ()


def test_a_tail_in_two_brackets(tmp_path):
    result = _import_text(tmp_path, "要点\n1.完善复议机制（试行）。（牵头单位：市司法局）（完成时限：2021年底前）\n")
    task = by_id(result)["1"]
    assert task.text == "完善复议机制（试行）。" and task.lead_units == ("市司法局",) and task.due == date(2021, 12, 31)


def test_a_table_cell_with_labelled_lines_or_one_unit_a_line(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["序号", "主要任务", "责任单位", "完成时限"])
    workbook.active.append([1, "修订文件管理办法", "牵头单位：县司法局\n配合单位：县财政局、县审计局", "2022年6月底前"])
    workbook.active.append([2, "公开权责清单", "县委编办（牵头）\n县政府办公室", "年底前"])
    workbook.save(tmp_path / "cells.xlsx")
    tasks = by_id(import_plan(tmp_path / "cells.xlsx"))
    assert (tasks["1"].lead_units, tasks["1"].responsible_units) == (("县司法局",), ("县财政局", "县审计局"))
    assert (tasks["2"].lead_units, tasks["2"].responsible_units) == (("县委编办",), ("县政府办公室",))


def test_a_bracket_line_not_understood_after_a_task_is_warned_about(tmp_path):
    result = _import_text(
        tmp_path, "要点\n1.任务甲。（市司法局牵头）\n（此项工作由各地自行安排）\n2.任务乙。（市财政局牵头）\n"
    )
    assert _messages(result) == "line '（此项工作由各地自行安排）' after task (1) not understood as units, not imported"


def test_a_first_leads_note_outside_brackets_keeps_the_units_before_it(tmp_path):
    result = _import_text(
        tmp_path, "2021年工作分解\n1.优化营商环境。\n责任单位：市发改局、市税务局。注：列第一位的为牵头单位\n"
    )
    task = by_id(result)["1"]
    assert (task.lead_units, task.responsible_units) == (("市发改局",), ("市税务局",))


def test_a_docx_numbered_by_word_itself(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("某县2022年法治政府建设工作要点")
    document.add_paragraph("推行告知承诺制。（县司法局牵头，县直各部门配合，6月底前）", style="List Number")
    document.add_paragraph("编制权责清单。（县委编办负责）", style="List Number")
    document.save(tmp_path / "auto.docx")
    result = import_plan(tmp_path / "auto.docx")
    assert [(t.id, t.lead_units, t.due) for t in result.checklist.tasks] == [
        ("1", ("县司法局",), date(2022, 6, 30)),
        ("2", ("县委编办",), None),
    ]


# ---------------------------------------------------------------- layouts read through the document model


def test_pasted_pipe_table_with_merged_category_cells_and_numbers_inside_the_cell(tmp_path):
    result = _import_text(
        tmp_path,
        "某中心2023年政务公开工作任务\n"
        "工作任务 | 具体要求 | 责任部门 |\n"
        "一、做好财政信息公开。 | 1.推进预算、决算及相关报表公开。 | 财务科 |\n"
        "2.及时更新网站频道的各类概况信息。 | 办公室牵头,各科室配合 | |\n"
        "二、加强政策解读。 | 3.开展多角度、全方位的政策解读。 | 各科室 |\n",
    )
    tasks = by_id(result)
    assert list(tasks) == ["1", "2", "3"]
    assert tasks["1"].text == "推进预算、决算及相关报表公开。" and tasks["1"].responsible_units == ("财务科",)
    assert (tasks["2"].lead_units, tasks["2"].responsible_units, tasks["2"].part) == (("办公室",), ("各科室",), "一")
    assert [(part.number, part.title) for part in result.checklist.parts] == [
        ("一", "做好财政信息公开"),
        ("二", "加强政策解读"),
    ]
    assert all(not task.review for task in tasks.values())


def test_key_value_rows_are_field_lines(tmp_path):
    result = _import_text(tmp_path, "方案\n1.开展执法案卷评查。\n牵头单位: | 市司法局 |\n完成时限: | 2024年6月底前 |\n")
    task = by_id(result)["1"]
    assert (task.lead_units, task.due) == (("市司法局",), date(2024, 6, 30))


def test_unnumbered_projects_under_headings_with_their_own_labels(tmp_path):
    result = _import_text(
        tmp_path,
        "某市2021年度立法工作计划\n一、制定项目(2件)\n某市养犬管理条例\n起草单位:市公安局\n"
        "报送审议时间:2021年10月底\n某市停车管理办法\n起草单位:市交通运输局\n报送审议时间:2021年12月底\n"
        "二、调研项目(1件)\n1.某市物业管理条例\n责任单位:市住房城乡建设局\n",
    )
    tasks = result.checklist.tasks
    assert [(task.id, task.text, task.responsible_units, task.due) for task in tasks] == [
        ("一.1", "某市养犬管理条例", ("市公安局",), date(2021, 10, 31)),
        ("一.2", "某市停车管理办法", ("市交通运输局",), date(2021, 12, 31)),
        ("1", "某市物业管理条例", ("市住房城乡建设局",), None),
    ]
    assert tasks[0].part == "一" and not any(task.review for task in tasks)


def test_a_damaged_number_is_read_from_the_sequence_with_a_warning(tmp_path):
    result = _import_text(
        tmp_path,
        "方案\n一、产业\n(一)建设汽车产业基地。(牵头单位:市经贸委)\n"
        "?。ǘ┩推进石化基地建设。(牵头单位:市发改委)\n(三)建设物流园区。(牵头单位:市交委)\n",
    )
    tasks = by_id(result)
    assert list(tasks) == ["一", "二", "三"] and tasks["二"].lead_units == ("市发改委",)
    assert "read as (二)" in tasks["二"].review[0] and any(w.line == 4 and "(二)" in w.message for w in result.warnings)


def test_a_line_the_numbers_around_it_contradict_is_a_task_without_a_number(tmp_path):
    result = _import_text(
        tmp_path,
        "方案\n(一)建设汽车产业基地。(牵头单位:市经贸委)\n另行建设仓储中心。(牵头单位:市发改委)\n"
        "(二)建设物流园区。(牵头单位:市交委)\n",
    )
    assert list(by_id(result)) == ["一", "p1", "二"] and "imported as a task without a number" in _messages(result)
    assert by_id(result)["p1"].review and by_id(result)["p1"].lead_units == ("市发改委",)


def test_tasks_without_numbers_under_numbered_headings(tmp_path):
    result = _import_text(
        tmp_path,
        "某区2021年重点工作责任分解\n一、扩大有效投资\n加快重大项目建设，确保按期开工。（区发改局牵头落实）\n"
        "推进老旧小区改造。（区住建局、区城管局分别牵头落实）\n二、优化营商环境\n"
        "深化“放管服”改革。（区司法局牵头，区市场监管局配合）\n",
    )
    assert [(t.id, t.part, t.text, t.lead_units, t.responsible_units) for t in result.checklist.tasks] == [
        ("一.1", "一", "加快重大项目建设，确保按期开工。", ("区发改局",), ()),
        ("一.2", "一", "推进老旧小区改造。", ("区住建局", "区城管局"), ()),
        ("二.1", "二", "深化“放管服”改革。", ("区司法局",), ("区市场监管局",)),
    ]
    assert [part.title for part in result.checklist.parts] == ["扩大有效投资", "优化营商环境"]


def test_notes_inside_the_unit_bracket(tmp_path):
    result = _import_text(
        tmp_path,
        "实施细则\n1.争取专项资金。(责任单位:市财政局,各县区人民政府。以下政策措施均需各县区人民政府落实,不再单独列出)\n"
        "2.落实减税政策。(责任单位:市税务局、县政府办公室,乡镇人民政府按职责分工分别负责)\n",
    )
    tasks = by_id(result)
    assert (tasks["1"].responsible_units, tasks["1"].deadline) == (("市财政局", "各县区人民政府"), "")
    assert any("以下政策措施均需" in mark for mark in tasks["1"].review)
    assert tasks["2"].responsible_units == ("市税务局", "县政府办公室", "乡镇人民政府")
    first_leads = _import_text(
        tmp_path,
        "政策措施\n1.降低用地成本。(責任單位:市稅務局、市財政局,排在首位的爲牽頭單位,下同)\n"
        "2.降低用电成本。(責任單位:市發展改革局、供電局)\n",
        "hant.txt",
    )
    assert [(task.lead_units, task.responsible_units) for task in first_leads.checklist.tasks] == [
        (("市稅務局",), ("市財政局",)),
        (("市發展改革局",), ("供電局",)),
    ]


def test_a_document_cut_off_inside_its_last_task_says_so(tmp_path):
    result = _import_text(
        tmp_path, "方案\n1.甲项工作。(牵头单位:市司法局)\n2.乙项工作。(牵头单位:区行政审批服务局;责任单位:区政"
    )
    task = by_id(result)["2"]
    assert (task.text, task.lead_units, task.responsible_units) == ("乙项工作。", ("区行政审批服务局",), ())
    assert task.review[0].startswith("cut off") and any(w.line == 3 and "cut off" in w.message for w in result.warnings)
    whole = _import_text(
        tmp_path, "方案\n1.甲项工作。(牵头单位:市司法局)\n2.乙项工作。\n责任单位:市营商环境局\n", "whole.txt"
    )
    assert not any("cut off" in w.message for w in whole.warnings)


def test_task_numbers_of_any_size(tmp_path):
    text = "方案\n" + "\n".join(f"({n})开展第{n}项工作。(牵头单位:市司法局。2021年底前完成)" for n in range(1, 2001))
    result = _import_text(tmp_path, text)
    assert [task.id for task in result.checklist.tasks] == [str(n) for n in range(1, 2001)] and result.warnings == ()


def test_columns_named_for_a_header_not_understood(tmp_path):
    from inspect_cli.formats.task_tables import parse_columns

    text = "任务表\n| 类 | 事 | 谁 | 何时 |\n| 公开 | 清理并公布行政规范性文件目录 | 办公室 | 2024年6月底前 |\n"
    with pytest.raises(InputError) as refused:
        _import_text(tmp_path, text)
    assert "类 | 事 | 谁 | 何时" in refused.value.message and "--columns" in refused.value.message
    plan = tmp_path / "plan.txt"
    task = import_plan(plan, columns=parse_columns("task=2,lead=3,due=4")).checklist.tasks[0]
    assert (task.text, task.lead_units, task.due) == ("清理并公布行政规范性文件目录", ("办公室",), date(2024, 6, 30))
    partly = _import_text(
        tmp_path,
        "任务表\n| 序号 | 工作任务 | 谁办 | 完成时限 |\n| 1 | 清理文件 | 办公室 | 2024年6月底前 |\n",
        "partly.txt",
    )
    assert any(w.line == 2 and "谁办" in w.message and "--columns" in w.message for w in partly.warnings)
    for bad in ("task=0", "lead=3", "task=2,who=3", "task=2,lead=2"):
        with pytest.raises(InputError):
            parse_columns(bad)


def test_unnumbered_table_rows_with_units_and_roles_in_one_cell(tmp_path):
    result = _import_text(
        tmp_path,
        "重点任务分工\n| 重点任务 | 具体措施 | 责任单位 |\n"
        "| 优化营商环境 | 推行“一网通办”,压缩办理时限。 | 市政务服务中心牵头落实 |\n"
        "| 扩大有效投资 | 加快重大项目建设,确保按期开工。 | 市发改委、市财政局分别牵头落实 |\n",
    )
    tasks = result.checklist.tasks
    assert [(task.text, task.lead_units) for task in tasks] == [
        ("推行“一网通办”,压缩办理时限。", ("市政务服务中心",)),
        ("加快重大项目建设,确保按期开工。", ("市发改委", "市财政局")),
    ]
    assert [part.title for part in result.checklist.parts] == ["优化营商环境", "扩大有效投资"]


def test_key_value_rows_with_several_fields(tmp_path):
    result = _import_text(tmp_path, "方案\n1.开展执法案卷评查。\n| 牵头单位 | 市司法局 | 配合单位 | 市公安局 |\n")
    task = by_id(result)["1"]
    assert (task.lead_units, task.responsible_units) == (("市司法局",), ("市公安局",))


def test_one_cell_per_line_with_a_number_column_and_a_merged_cell_after_it(tmp_path):
    cells = [
        "序号",
        "重点工作",
        "工作措施",
        "牵头单位",
        "配合单位",
        "完成时限",
        "1",
        "推进依法行政",
        "全面推行行政执法公示制度。",
        "区司法局",
        "区各执法部门",
        "2022年6月底前",
        "2",
        "健全重大行政决策程序。",
        "区政府办公室",
        "区司法局",
        "2022年12月底前",
        "3",
        "强化监督",
        "自觉接受人大监督。",
        "区政府办公室",
        "各镇街",
        "长期坚持",
    ]
    result = _import_text(tmp_path, "\n|\n".join(cells) + "\n|\n")
    assert [(t.id, t.part, t.text, t.lead_units, t.responsible_units, t.deadline) for t in result.checklist.tasks] == [
        ("1", "一", "全面推行行政执法公示制度。", ("区司法局",), ("区各执法部门",), "2022年6月底前"),
        ("2", "一", "健全重大行政决策程序。", ("区政府办公室",), ("区司法局",), "2022年12月底前"),
        ("3", "二", "自觉接受人大监督。", ("区政府办公室",), ("各镇街",), "长期坚持"),
    ]
    assert result.warnings == ()


def test_labels_read_by_their_ending(tmp_path):
    from inspect_cli.formats.plan_import import parse_fields

    assert parse_fields("承担部门：县民政局").responsible == ["县民政局"]
    assert parse_fields("提交时间：2022年9月底").deadline == ["2022年9月底"]
    assert parse_fields("办理时限：2022年9月底").deadline == ["2022年9月底"]
    assert parse_fields("工作时间：每周一至周五") is None  # a time of day is not a deadline
    assert parse_fields("有关部门：要加强配合") is None


def test_a_pasted_table_with_no_header_is_read_by_what_its_cells_hold(tmp_path):
    result = _import_text(
        tmp_path,
        "某局重点任务\n"
        "| 1 | 全面清理行政规范性文件,公布现行有效目录。 | 县司法局 | 2022年6月底前 |\n"
        "| 2 | 推行行政执法公示制度,规范执法行为。 | 县各执法部门 | 长期坚持 |\n",
    )
    tasks = result.checklist.tasks
    assert [(t.id, t.responsible_units, t.deadline) for t in tasks] == [
        ("1", ("县司法局",), "2022年6月底前"),
        ("2", ("县各执法部门",), "长期坚持"),
    ]
    assert all("no header" in task.review[0] for task in tasks) and "no header" in _messages(result)


def test_a_pasted_table_not_understood_beside_numbered_tasks_is_warned_about(tmp_path):
    result = _import_text(
        tmp_path, "方案\n1.开展执法评查。(牵头单位:市司法局)\n| 甲 | 乙 | 丙 |\n| 子 | 丑 | 寅 |\n| 卯 | 辰 | 巳 |\n"
    )
    assert any(w.line == 3 and "甲 | 乙 | 丙" in w.message and "--columns" in w.message for w in result.warnings)
    chrome = _import_text(tmp_path, "首页 | 政务公开 | |\n方案\n1.开展执法评查。(牵头单位:市司法局)\n", "chrome.txt")
    assert chrome.warnings == ()


def test_pinyin_glosses_inside_labels_and_names(tmp_path):
    result = _import_text(
        tmp_path,
        "重點工作事項\n(一)加快建設(shè)汽車產業基地。(牽(qiān)頭(tóu)單位:市經(jīng)貿(mào)委;配合單(dān)位:市發(fā)改委)\n",
    )
    task = result.checklist.tasks[0]
    assert task.text == "加快建設(shè)汽車產業基地。"
    assert (task.lead_units, task.responsible_units) == (("市經(jīng)貿(mào)委",), ("市發(fā)改委",))


def test_tasks_written_as_key_value_rows(tmp_path):
    result = _import_text(
        tmp_path,
        "重点任务清单\n工作任务: | 修订规范性文件管理办法 |\n牵头单位: | 市司法局 |\n完成时限: | 2024年6月底前 |\n"
        "工作任务: | 开展行政执法案卷评查 |\n责任单位: | 各执法部门 |\n完成时限: | 每年第四季度 |\n",
    )
    assert [(t.text, t.lead_units, t.responsible_units, t.deadline) for t in result.checklist.tasks] == [
        ("修订规范性文件管理办法", ("市司法局",), (), "2024年6月底前"),
        ("开展行政执法案卷评查", (), ("各执法部门",), "每年第四季度"),
    ]


@pytest.mark.parametrize(
    "note", ["排在首位的为牵头单位，下同", "列第一位者为牵头单位", "排名第一的为牵头单位", "排第一个的单位为牵头单位"]
)
def test_ways_of_saying_the_first_listed_leads(tmp_path, note):
    result = _import_text(tmp_path, f"政策措施\n1.降低用地成本。（责任单位：市税务局、市财政局，{note}）\n")
    task = result.checklist.tasks[0]
    assert (task.lead_units, task.responsible_units) == (("市税务局",), ("市财政局",))


def test_a_remark_after_the_units_is_a_note(tmp_path):
    result = _import_text(
        tmp_path,
        "政策措施\n1.降低用地成本。（责任单位：各县区人民政府，下同）\n2.降低用电成本。（责任单位：市发改委，不再一一列出）\n",
    )
    assert [task.responsible_units for task in result.checklist.tasks] == [("各县区人民政府",), ("市发改委",)]
    assert "下同" in result.checklist.tasks[0].review[0]


def test_a_title_line_then_one_line_with_units_is_one_task(tmp_path):
    result = _import_text(
        tmp_path,
        "方案\n(1)加强行政执法监督\n建立健全执法监督制度。（牵头单位：县司法局）\n"
        "(2)推进政务公开\n公开权责清单。（牵头单位：县政府办公室）\n",
    )
    assert [(t.id, t.text, t.lead_units) for t in result.checklist.tasks] == [
        ("1", "加强行政执法监督\n建立健全执法监督制度。", ("县司法局",)),
        ("2", "推进政务公开\n公开权责清单。", ("县政府办公室",)),
    ]


def test_labels_spread_to_a_column_width_and_role_words_as_labels(tmp_path):
    result = _import_text(
        tmp_path,
        "某县2022年工作安排\n1．完善公众参与机制。\n牵 头 单 位：县司法局\n配 合 单 位：县信访局\n"
        "完 成 时 限：2022年12月\n2．推行法律顾问制度。\n牵头：县司法局；配合：各乡镇人民政府\n",
    )
    tasks = by_id(result)
    assert tasks["1"].lead_units == ("县司法局",) and tasks["1"].responsible_units == ("县信访局",)
    assert tasks["1"].due == date(2022, 12, 31)
    assert tasks["2"].lead_units == ("县司法局",) and tasks["2"].responsible_units == ("各乡镇人民政府",)


def test_a_unit_of_no_units_shape_carries_a_review_mark(tmp_path):
    result = _import_text(
        tmp_path,
        "某县工作要点\n1.完善财务制度。\n责任单位：县财政局/财务管理有关工作\n"
        "2.推进政务公开。\n责任单位：县政府办公室\n",
    )
    tasks = by_id(result)
    assert tasks["1"].responsible_units == ("县财政局/财务管理有关工作",)
    assert any("县财政局/财务管理有关工作" in mark for mark in tasks["1"].review)
    assert not tasks["2"].review
