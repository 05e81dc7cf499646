"""Desk review on the four real annual reports, and on their GB18030, .html and .docx forms."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import CORPUS
from inspect_cli.review import classify_heading, find_figures, prefill, review_report

REPORTS = CORPUS / "annual-reports"
EXPECTED = {
    "tiantai-county-2020.txt": ("天台县", 2020, ()),
    "linshu-county-2024.txt": ("临沭县", 2024, ()),
    "tongzhouwan-2024.txt": ("通州湾示范区", 2024, ()),
    "taixia-township-2022.txt": ("太霞乡", 2022, ("leaders",)),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unit_year_and_parts(name):
    unit, year, missing = EXPECTED[name]
    review = review_report(REPORTS / name)
    assert (review.unit, review.year) == (unit, year)
    assert review.missing == missing
    found = {p.part for p in review.parts if p.found}
    assert found >= {"measures", "shortcomings", "plans"}
    assert ("leaders" in found) == (name != "taixia-township-2022.txt")


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

    page.write_text("<html><body><nav><a>首页</a><a>政务公开</a></nav><div class='content'>"
                    + "".join(f"<p>{escape(line)}</p>" for line in text.splitlines())
                    + "</div><div class='footer'>主办单位：南部县人民政府 版权所有</div></body></html>", encoding="utf-8")
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    word = tmp_path / "taixia.docx"
    document.save(word)
    for path in (gbk, page, word):
        review = review_report(path)
        assert (review.unit, review.year, review.missing) == ("太霞乡", 2022, ("leaders",)), path


def test_prefill_attaches_passages_to_a_draft(tmp_path, jingmen):
    from inspect_cli.exceptions import StateError
    from inspect_cli.inspections import finalize, record_answer, select_tasks, start_inspection
    from inspect_cli.ledger import Ledger
    from inspect_cli.models import Status

    review = review_report(REPORTS / "tiantai-county-2020.txt", jingmen)
    with Ledger.open(tmp_path / "l.db") as ledger:
        inspection = start_inspection(ledger, jingmen, "市政府法制办", ["张三"], date(2021, 3, 1), "",
                                      select_tasks(jingmen, "市政府法制办"))
        count = prefill(ledger, inspection.id, review, "tiantai-county-2020.txt")
        assert count > 0
        passages = ledger.passages(inspection.id, "67")
        assert "合同审查登记" in passages[0][1] and passages[0][2] == "tiantai-county-2020.txt"
        assert ledger.results(inspection.id) == {}  # never sets a result
        record_answer(ledger, inspection.id, "67", Status.compliant, "", "张三")
        finalize(ledger, inspection.id, "张三")
        with pytest.raises(StateError, match="drafts only"):
            prefill(ledger, inspection.id, review, "x")
