"""Records and notices as documents: Markdown through the templates, and a printable .docx notice."""

from __future__ import annotations

from pathlib import Path

from inspect_cli.core.models import Inspection, Status
from inspect_cli.i18n import N_, in_language
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
    from inspect_cli.core.models import Status

    results = [(Status(status).label_in(lang), count) for status, count in summary.results]
    from inspect_cli.core.models import UnitKind

    return render_template(shipped_template("summary", lang), summary=summary, results=results,
                           unit_kind=lambda kind, count: UnitKind(kind).counted(count, lang),
                           unit_kind_name=lambda kind: UnitKind(kind).label_in(lang))


def notice_docx(notice: Notice, inspection: Inspection | None, path: Path, lang: str = "zh") -> None:
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
    document.core_properties.title = f"{in_language(N_('Supervision notice'), lang)} {notice.number}"

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

    def say(message: str, **values) -> str:
        return in_language(message, lang).format(**values)

    def day(value) -> str:
        return cn_date(value) if lang == "zh" else value.isoformat()

    paragraph(say(N_("Supervision notice")), WD_ALIGN_PARAGRAPH.CENTER, 22, name=TITLE_FONT)
    paragraph(notice.number, WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(say(N_("To {unit}:"), unit=notice.unit))
    when = day(inspection.date) if inspection else day(notice.issued_on)
    paragraph(say(N_("On {date} {issuer} inspected your unit's rule-of-law government construction on site and found "
                     "the following problems, which you are required to rectify:"), issuer=notice.issuer, date=when),
              indent=True)
    for number, finding in enumerate(notice.findings, start=1):
        label = Status(finding.status).label_in(lang)
        paragraph(say(N_("{number}. Task ({task_id}) not met: {task}"), number=number, task_id=finding.task_id,
                      task=finding.task_text), indent=True)
        paragraph(say(N_("Found ({result}): {found}"), result=label, found=finding.found), indent=True)
        for item in finding.evidence:
            paragraph(say(N_("Evidence: {evidence}"), evidence=item), indent=True)
    paragraph(say(N_("Requirement: {requirement}"), requirement=notice.requirement), indent=True)
    extended = say(N_(" Extended on request to {date} (the original deadline stays on record)."),
                   date=day(notice.current_due)) if notice.extended else ""
    paragraph(say(N_("Rectify by: {date}.{extended}"), date=day(notice.due), extended=extended), indent=True)
    paragraph(say(N_("Reply: send a written rectification report, sealed, to {issuer} by {date}; the office will "
                     "re-inspect."), issuer=notice.issuer, date=day(notice.reply_due)), indent=True)
    paragraph(say(N_("Objections may be raised in writing with {issuer} within 5 working days of receipt."),
                  issuer=notice.issuer), indent=True)
    paragraph()
    paragraph(notice.issuer, WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(day(notice.issued_on), WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph()
    paragraph(say(N_("Received by (unit seal) ____________  Name ________  Date ____-__-__")), size=14)
    buffer = io.BytesIO()
    document.save(buffer)
    atomic_write(path, buffer.getvalue())
