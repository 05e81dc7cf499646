"""Records and notices as documents: Markdown through the templates, and a printable .docx notice."""

from __future__ import annotations

from pathlib import Path

from inspect_cli.core.models import Inspection
from inspect_cli.core.notices import Notice
from inspect_cli.core.records import Record
from inspect_cli.render.templating import cn_date, render_template, shipped_template

# GB/T 9704-2012 page: A4 with its margins; 仿宋 body text in 三号 (16 pt), the title in 二号 (22 pt)
BODY_FONT, TITLE_FONT = "仿宋_GB2312", "方正小标宋简体"
FALLBACK_FONT = "宋体"


def notice_markdown(notice: Notice, inspection: Inspection | None, lang: str = "zh", template: Path | None = None,
                    heading: str = "#") -> str:
    """A notice (and the inspection it was issued from) as Markdown, from the shipped template or the user's own."""
    path = template or shipped_template("notice", lang)
    return render_template(path, notice=notice, inspection=inspection, heading=heading)


def record_markdown(record: Record, lang: str = "zh", template: Path | None = None,
                    notice_template: Path | None = None) -> str:
    """An inspection record as Markdown, with its notices in full."""
    notices = [notice_markdown(n, record.inspection, lang, notice_template, heading="###") for n in record.notices]
    return render_template(template or shipped_template("record", lang), record=record, notice_texts=notices)


def summary_markdown(summary, lang: str = "zh") -> str:
    """The office's year as a Markdown page, with its ranking and Mermaid charts."""
    labels = {"compliant": ("符合", "compliant"), "partial": ("基本符合", "partial"),
              "noncompliant": ("不符合", "noncompliant"), "not_applicable": ("不适用", "not applicable")}
    results = [(labels[status][0 if lang == "zh" else 1], count) for status, count in summary.results]
    return render_template(shipped_template("summary", lang), summary=summary, results=results)


def notice_docx(notice: Notice, inspection: Inspection | None, path: Path) -> None:
    """Write a notice as a .docx an office can print: A4, centred title, number below, CJK fonts named."""
    import io

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from inspect_cli.formats.fileio import atomic_write

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    document.core_properties.title = f"督办通知书 {notice.number}"

    def font(run, name: str, size: float, bold: bool = False) -> None:
        run.font.name = name
        run.font.size = Pt(size)
        run.font.bold = bold
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)

    normal = document.styles["Normal"]
    normal.font.name = FALLBACK_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    def paragraph(text: str = "", align=None, size: float = 16, bold: bool = False, name: str = BODY_FONT, indent: bool = False):
        para = document.add_paragraph()
        if align is not None:
            para.alignment = align
        if indent:
            para.paragraph_format.first_line_indent = Pt(32)
        font(para.add_run(text), name, size, bold)
        return para

    paragraph("督办通知书", WD_ALIGN_PARAGRAPH.CENTER, 22, name=TITLE_FONT)
    paragraph(notice.number, WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(f"{notice.unit}：")
    when = cn_date(inspection.date) if inspection else cn_date(notice.issued_on)
    paragraph(f"{notice.issuer}于{when}对你单位开展了法治政府建设实地督察，发现以下问题，现予督办：", indent=True)
    for number, finding in enumerate(notice.findings, start=1):
        label = "不符合" if finding.status == "noncompliant" else "基本符合"
        # 基本符合 is a task not fully carried out, not a breach
        heading = "违反任务" if finding.status == "noncompliant" else "未完全落实任务"
        paragraph(f"{number}. {heading}（{finding.task_id}）：{finding.task_text}", indent=True)
        paragraph(f"存在问题（{label}）：{finding.found}", indent=True)
        for item in finding.evidence:
            paragraph(f"证据：{item}", indent=True)
    paragraph(f"整改要求：{notice.requirement}", indent=True)
    extended = f"经申请已延期至{cn_date(notice.current_due)}（原期限仍予记录）。" if notice.extended else ""
    paragraph(f"整改期限：{cn_date(notice.due)}前。{extended}", indent=True)
    paragraph(f"答复方式和期限：请于{cn_date(notice.reply_due)}前将整改情况以书面报告（加盖公章）报送{notice.issuer}，"
              "督察机关将适时复查。", indent=True)
    paragraph(f"如对督察意见有异议，可自收到本通知书之日起5个工作日内向{notice.issuer}书面提出。", indent=True)
    paragraph()
    paragraph(notice.issuer, WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(cn_date(notice.issued_on), WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph()
    paragraph("签收：被督察单位（盖章）____________　签收人________　签收日期____年__月__日", size=14)
    buffer = io.BytesIO()
    document.save(buffer)
    atomic_write(path, buffer.getvalue())
