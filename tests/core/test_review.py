"""Desk review on the four real annual reports, and on their GB18030, .html and .docx forms."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import CORPUS

from inspect_cli.core.review import classify_heading, find_figures, prefill, report_files, review_report

REPORTS = CORPUS / "annual-reports"
EXPECTED = {
    "tiantai-county-2020.txt": ("天台县", 2020, ()),
    "linshu-county-2024.txt": ("临沭县", 2024, ()),
    "tongzhouwan-2024.txt": ("通州湾示范区", 2024, ()),
    "taixia-township-2022.txt": ("太霞乡", 2022, ("leaders",)),
}


@pytest.mark.parametrize("name", [path.name for path in report_files(REPORTS)])
def test_unit_year_and_parts(name):
    assert name in EXPECTED, f"describe {name} in EXPECTED: every report in the folder is measured"
    unit, year, missing = EXPECTED[name]
    review = review_report(REPORTS / name)
    assert review.structure_read
    assert (review.unit, review.year) == (unit, year)
    assert review.missing == missing
    found = {p.part for p in review.parts if p.found}
    assert found >= {"measures", "shortcomings", "plans"}
    assert ("leaders" in found) == (name != "taixia-township-2022.txt")
    assert not review.truncated  # whole reports end with a full stop


def test_headings_whatever_their_wording():
    assert classify_heading("二、主要负责同志履行推进法治政府建设第一责任人职责情况") == "leaders"
    assert classify_heading("三、2024年度推进法治政府建设存在的不足和原因") == "shortcomings"
    assert classify_heading("下一步工作思路") == "plans"
    assert classify_heading("四、2025年推进法治政府建设的主要安排") == "plans"
    assert classify_heading("一、依法行政和法治政府建设工作举措及成效") == "measures"
    assert classify_heading("五、其他需要报告的情况") == "other"
    assert classify_heading("(一)扎实推进依法行政") is None


def test_heading_order_does_not_matter():
    linshu = review_report(REPORTS / "linshu-county-2024.txt")  # puts part 3 (leaders) second
    headings = {p.part: p.heading for p in linshu.parts}
    assert headings["leaders"].startswith("二、党政主要负责人")
    assert headings["shortcomings"].startswith("三、")


def test_taixia_broken_plans_heading_is_found():
    taixia = review_report(REPORTS / "taixia-township-2022.txt")
    assert {p.part: p.heading for p in taixia.parts}["plans"] == "、下一步工作思路"


def test_figures_claimed():
    figures = find_figures([(7, "审查合同139件,出庭应诉率达100%。制发行政执法监督通知书10份,2020年完成。")])
    assert [(f.value, f.measure, f.line) for f in figures] == [("139", "件", 7), ("100", "%", 7), ("10", "份", 7)]
    assert figures[2].sentence == "制发行政执法监督通知书10份,2020年完成。"
    tiantai = review_report(REPORTS / "tiantai-county-2020.txt")
    assert any(f.value == "129" and f.measure == "条" for f in tiantai.figures)
    assert not any(f.measure == "年" for f in tiantai.figures)


def test_contract_passage_ranks_first_for_a_contract_task(jingmen):
    review = review_report(REPORTS / "tiantai-county-2020.txt", jingmen)
    firsts = {}
    for match in review.matches:
        firsts.setdefault(match.task_id, match)
    contract_tasks = [firsts[t] for t in ("66", "67", "68") if t in firsts]
    assert any("合同审查登记" in m.passage and "139" in m.passage for m in contract_tasks)
    assert review.tasks_checked == 140
    assert set(review.unaddressed).isdisjoint({m.task_id for m in review.matches})
    assert len(review.unaddressed) + review.tasks_addressed == 140
    for task_id in firsts:  # best first per task
        scores = [m.score for m in review.matches if m.task_id == task_id]
        assert scores == sorted(scores, reverse=True)


def test_same_report_as_gb18030_html_and_docx(tmp_path):
    import docx

    text = (REPORTS / "taixia-township-2022.txt").read_text(encoding="utf-8")
    gbk = tmp_path / "taixia-gbk.txt"
    gbk.write_bytes(text.encode("gb18030"))
    page = tmp_path / "taixia.html"
    from html import escape

    page.write_text(
        "<html><body><nav><a>首页</a><a>政务公开</a></nav><div class='content'>"
        + "".join(f"<p>{escape(line)}</p>" for line in text.splitlines())
        + "</div><div class='footer'>主办单位：南部县人民政府 版权所有</div></body></html>",
        encoding="utf-8",
    )
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    word = tmp_path / "taixia.docx"
    document.save(word)
    for path in (gbk, page, word):
        review = review_report(path)
        assert (review.unit, review.year, review.missing) == ("太霞乡", 2022, ("leaders",)), path


def test_prefill_attaches_passages_to_a_draft(tmp_path, jingmen):
    from inspect_cli.core.inspections import finalize, record_answer, select_tasks, start_inspection
    from inspect_cli.domain.models import Status
    from inspect_cli.exceptions import StateError
    from inspect_cli.ledger.sqlite import SQLiteLedger

    review = review_report(REPORTS / "tiantai-county-2020.txt", jingmen)
    with SQLiteLedger.open(tmp_path / "l.db") as ledger:
        inspection = start_inspection(
            ledger, jingmen, "市政府法制办", ["张三"], date(2021, 3, 1), "", select_tasks(jingmen, "市政府法制办")
        )
        count = prefill(ledger, inspection.id, review, "tiantai-county-2020.txt")
        assert count > 0
        passages = ledger.passages(inspection.id, "67")
        assert "合同审查登记" in passages[0][1] and passages[0][2] == "tiantai-county-2020.txt"
        assert ledger.results(inspection.id) == {}  # never sets a result
        record_answer(ledger, inspection.id, "67", Status.compliant, "", "张三")
        finalize(ledger, inspection.id, "张三")
        with pytest.raises(StateError, match="drafts only"):
            prefill(ledger, inspection.id, review, "x")


def review_text(folder, text: str):
    """Review a report written to a real file."""
    path = folder / "report.txt"
    path.write_text(text, encoding="utf-8")
    return review_report(path)


# Openings and headings in other common forms, written here (names invented) to check that the rules for
# layouts reach beyond the corpus: a district bureau, a township with a title split over two lines, a joint
# Party-and-government title, a report that names itself only as 我镇 and signs at the end.
DISTRICT_BUREAU = """云溪区司法局2023年度法治政府建设情况报告
发布时间：2024年02月01日  来源：云溪区司法局
2023年，区司法局在区委、区政府的坚强领导下，坚持以习近平法治思想为指导，全面履行法治政府建设各项职责。现将有关情况报告如下：
一、主要做法和成效
（一）深化执法监督。全年开展行政执法案卷评查2次，评查案卷120件。
二、党政主要负责人履行推进法治建设第一责任人职责情况
局党组书记、局长带头学法述法，全年主持专题会议4次。
三、存在的不足和原因
执法人员法律素养参差不齐。
四、2024年工作计划
持续深化行政执法监督。
"""
TOWNSHIP_TWO_LINE_TITLE = """松林乡人民政府
关于2022年度法治政府建设工作情况的报告
2022年，在县委、县政府的正确领导下，我乡深入推进依法行政，法治政府建设取得新成效。
现将本年度工作情况、存在不足及下一步安排报告如下：
一、主要做法和成效
（一）健全工作机制。成立以乡党委书记为组长的法治建设领导小组，全年召开专题会议3次，研究解决法治建设重点难点问题，推动各项任务落实落细，确保"""
JOINT_TITLE = """中共青岭县委 青岭县人民政府关于2021年度
法治政府建设情况的报告
2021年，青岭县坚持以习近平法治思想为指导，深入推进法治政府建设。
一、2021年法治政府建设工作开展情况
（一）加强组织领导。
1.落实第一责任人职责。县委、县政府主要负责同志带头研究部署法治建设工作。
二、存在的问题
三、下一步工作打算
"""
SIGNED_TOWN = """2023年，我镇坚持以习近平法治思想为指导，扎实推进依法行政。
一、强化组织领导，压实法治责任
镇党委、镇政府定期研究法治建设工作。
二、存在的问题和不足
基层执法力量薄弱。
三、2024年工作打算
加强执法队伍建设。
青禾镇人民政府
2024年1月15日
"""


@pytest.mark.parametrize(
    "text, unit, year, missing",
    [
        (DISTRICT_BUREAU, "云溪区司法局", 2023, ()),
        (TOWNSHIP_TWO_LINE_TITLE, "松林乡", 2022, ("shortcomings", "leaders", "plans")),
        (JOINT_TITLE, "青岭县", 2021, ()),
        (SIGNED_TOWN, "青禾镇", 2023, ("leaders",)),
    ],
    ids=["district-bureau", "township-two-line-title", "joint-title", "signed-town"],
)
def test_other_common_layouts(tmp_path, text, unit, year, missing):
    review = review_text(tmp_path, text)
    assert (review.unit, review.year, review.missing) == (unit, year, missing)
    assert {p.part: p.heading for p in review.parts}["measures"].startswith("一、")


def test_unit_names_read_by_their_shape():
    from inspect_cli.core.review import leading_unit

    assert leading_unit("云溪区司法局在区委、区政府的坚强领导下") == "云溪区司法局"
    assert leading_unit("北岸街道办事处坚持以习近平新时代中国特色社会主义思想为指导") == "北岸街道办事处"
    assert leading_unit("市政府办公室深入学习贯彻") == "市政府办公室"
    assert leading_unit("青岭县人民政府办公室2023年度") == "青岭县人民政府办公室"
    assert leading_unit("青岭县市场监督管理局认真落实") == "青岭县市场监督管理局"
    assert leading_unit("司法部党组深入学习贯彻") == "司法部"
    assert leading_unit("青岭县干部群众法治意识明显增强") == "青岭县"
    assert leading_unit("青禾镇办理行政许可98件") == "青禾镇"
    assert leading_unit("青岭县委、县政府高度重视") == "青岭县委"
    assert leading_unit("将法治政府建设纳入发展规划") is None
    assert leading_unit("全面落实中央决策部署") is None
    assert leading_unit("全市司法行政系统在市委领导下") is None
    assert leading_unit("我县坚持") is None


def test_unit_and_year_from_other_openings(tmp_path):
    review = review_text(
        tmp_path,
        "今年以来，青岭县委、县政府高度重视法治政府建设，坚持依法行政。\n"
        "发布日期：2022年3月1日\n一、2021年法治政府建设主要举措和成效\n（一）加强组织领导。\n",
    )
    assert (review.unit, review.year) == ("青岭县", 2021)


def test_part_headings_numbered_as_sections_and_a_summary_title(tmp_path):
    review = review_text(
        tmp_path,
        "《青岭县司法局2022年法治政府建设工作总结》\n"
        "第一部分 主要做法和成效\n全年办理行政复议案件12件。\n"
        "第二部分 存在的问题和不足\n执法力量不足。\n"
        "第三部分 2023年工作计划\n加强队伍建设。\n",
    )
    assert (review.unit, review.year, review.missing) == ("青岭县司法局", 2022, ("leaders",))
    assert {p.part: p.heading for p in review.parts}["measures"] == "第一部分 主要做法和成效"


def test_a_report_that_says_our_bureau_is_not_given_another_bodys_name(tmp_path):
    assert (
        review_text(
            tmp_path,
            "2023年，我局坚持依法行政，扎实推进法治政府建设。\n一、主要举措和成效\n"
            "2023年区委依法治区办组织开展法治督察，我局全面配合。\n",
        ).unit
        is None
    )
    assert (
        review_text(tmp_path, "2023年，我镇坚持依法行政。\n一、主要举措和成效\n2023年青禾镇办理行政许可98件。\n").unit
        == "青禾镇"
    )


# A page captured as one line: a site's watermark stamped before the title and inside a phrase, the title running
# into the opening sentence, part 1 under a heading glued to its text, the leaders' duties as an enumerated point.
ONE_LINE_PAGE = (
    "青禾网—公文范文每日更新www.qinghe-wen.com青岭县人民政府关于2023年度法治政府建设情况的报告"
    "2023年,县政府坚持依法行政,法治政府建设取得新成效。一、坚持党的领导,压实法治建设责任坚持学法在先,"
    "以法治思想引领法治政府建设。一是深入学习法治思想。县政府常务会议专题学法12次。二是履行法治建设第一"
    "青禾网—公文范文每日更新www.qinghe-wen.com责任人职责。县政府主要负责同志研究法治建设工作8次。"
    "三是完善推进机制。开展法治督察,印发督办单6份,推动问题整改落实到位。"
)


def test_a_page_that_is_one_line(tmp_path):
    review = review_text(tmp_path, ONE_LINE_PAGE)
    assert (review.unit, review.year) == ("青岭县", 2023)
    headings = {p.part: p.heading for p in review.parts if p.found}
    assert headings["measures"].startswith("一、坚持党的领导")
    assert headings["leaders"] == "二是履行法治建设第一责任人职责"  # the watermark inside the phrase is gone
    assert review.missing == ("shortcomings", "plans") and review.structure_read and not review.truncated
    # the same page with its line breaks, the watermark stamped on lines of its own: the same reading
    mark = "青禾网—公文范文每日更新www.qinghe-wen.com"
    lines = review_text(tmp_path, ONE_LINE_PAGE.replace(mark, "").replace("。", f"。\n{mark}\n"))
    assert (lines.unit, lines.year, lines.missing) == ("青岭县", 2023, ("shortcomings", "plans"))
    assert not any("青禾网" in (p.heading or "") for p in lines.parts)


UNNUMBERED_THEMES = """2022年,松林镇坚持依法行政,扎实推进法治政府建设,各项工作取得积极成效。
强化组织领导
镇党委定期研究法治建设工作,全年召开专题会议4次,研究解决重点难点问题,推动各项任务落实落细落到位。
规范行政执法
全面推行行政执法三项制度,全年办理行政执法案件36件,案卷评查合格率100%,执法规范化水平明显提升。
"""


def test_unnumbered_thematic_headings_are_the_work_done(tmp_path):
    review = review_text(tmp_path, UNNUMBERED_THEMES)
    assert {p.part: p.heading for p in review.parts}["measures"] == "强化组织领导"
    assert review.unit == "松林镇" and review.missing == ("shortcomings", "leaders", "plans")


@pytest.mark.parametrize(
    "sentence, unit",
    [
        ("县司法局紧紧围绕县委、县政府中心工作", "县司法局"),
        ("区司法局紧紧围绕全区中心工作", "区司法局"),
        ("区司法局立足全区实际", "区司法局"),
        ("青岭县综合行政执法局围绕中心", "青岭县综合行政执法局"),
        ("青岭县发展和改革局深入推进", "青岭县发展和改革局"),
        ("青岭县生态环境分局切实履行", "青岭县生态环境分局"),
        ("县退役军人事务局坚持", "县退役军人事务局"),
    ],
)
def test_the_unit_name_stops_where_the_verb_begins(sentence, unit):
    from inspect_cli.core.review import leading_unit

    assert leading_unit(sentence) == unit


def test_a_bureau_of_the_county_is_named_with_the_county(tmp_path):
    # "the county's bureau": the county is the one the report names most often
    review = review_text(
        tmp_path,
        "2022年,县司法局紧紧围绕县委、县政府中心工作,服务青岭县高质量发展。\n"
        "一、主要措施和成效\n制定《青岭县行政应诉工作规则》,全年办理行政复议案件12件,纠错3件。\n",
    )
    assert review.unit == "青岭县司法局"


TRADITIONAL = """松林鄉2023年法治政府建設情況報告
發布時間:2024-03-01 信息來源:青嶺縣松林鄉
2023年,松林鄉深入貫徹習近平法治思想,全面推進法治政府建設。現將有關情況匯報如下:
一、2023年度推進法治政府建設的主要舉措和成效
(一)加強組織領導。鄉黨委定期研究法治建設工作,全年召開專題會議4次。
二、2023年度推進法治政府建設存在的不足和原因
法治隊伍建設有待加強,執法人員專業素質參差不齊。
三、黨政主要負責人履行推進法治建設第一責任人職責情況
鄉黨委書記帶頭學法,全年主持專題學法3次。
四、2024年工作安排
持續加強法治隊伍建設,提升執法人員素質。
"""


def test_a_report_in_traditional_characters(tmp_path):
    review = review_text(tmp_path, TRADITIONAL)
    assert (review.unit, review.year, review.missing) == ("松林鄉", 2023, ())  # the name as the document writes it
    headings = {p.part: p.heading for p in review.parts}
    assert headings["leaders"] == "三、黨政主要負責人履行推進法治建設第一責任人職責情況"
    assert any(f.value == "4" and "專題會議" in f.sentence for f in review.figures)
    bureau = review_text(
        tmp_path,
        "2022年,縣司法局緊緊圍繞縣委、縣政府中心工作,服務青嶺縣高質量發展。\n一、主要措施和成效\n"
        "制定《青嶺縣行政應訴工作規則》,全年辦理行政復議案件12件,糾錯3件。\n",
    )
    assert bureau.unit == "青嶺縣司法局"  # the county's name and the bureau's, each as written


def test_a_report_whose_structure_cannot_be_seen_says_so(tmp_path, invoke):
    prose = (
        "2023年,松林镇坚持依法行政,扎实推进法治政府建设,全年召开专题会议4次,办理行政执法案件36件。"
        "镇党委书记带头学法述法,推动法治建设各项任务落实。"
    )
    review = review_text(tmp_path, prose + "\n" + prose + "\n")
    assert not review.structure_read
    assert review.missing == () and not any(p.found for p in review.parts)
    brief = invoke("review", tmp_path / "report.txt").stdout
    assert "Could not read the structure" in brief and "缺少" not in brief
    assert "未能识别本报告的结构" in invoke("--lang", "zh", "review", tmp_path / "report.txt").stdout
    assert json.loads(invoke("review", tmp_path / "report.txt", "-f", "json").stdout)["structure_read"] is False


@pytest.mark.parametrize(
    "ending",
    [
        "二、存在的不足和原因",
        "(三)加强执法监督",
        "全年开展法治宣传活动20场,发放“法治...",
        "全年开展法治宣传活动20场,编印《法治手册",
    ],
)
def test_a_capture_cut_short_on_a_heading_an_ellipsis_or_an_open_quote(tmp_path, ending):
    text = (
        "2023年,松林镇扎实推进法治政府建设。\n一、主要举措和成效\n"
        "全年办理行政执法案件36件,案卷评查合格率100%,执法水平明显提升。\n"
    )
    assert not review_text(tmp_path, text).truncated
    assert review_text(tmp_path, text + ending + "\n").truncated
