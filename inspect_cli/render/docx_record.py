"""The inspection record (实地督察情况报告) as a .docx to print and sign: header table, figures, findings worst first,
notices, content hash, signatures of the inspectors and of the unit, 第 N 页 共 M 页."""

from __future__ import annotations

from inspect_cli.domain.models import EvidenceMethod
from inspect_cli.i18n import N_, in_language
from inspect_cli.render.docx_base import (
    BLOCK_MM,
    FANGSONG,
    HEITI,
    LATIN,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SIZE_5,
    SIZE_SMALL_4,
    SONGTI,
    XIAOBIAOSONG,
    add_field,
    add_text,
    document_bytes,
    new_document,
    set_property,
)
from inspect_cli.render.templating import cn_date

# The record's words, in English, shown in the document's language through the catalog (--lang chooses it).
WORDS = {
    "title": N_("On-site Inspection Record"),
    "unit": N_("Inspected unit"),
    "basis": N_("Basis of the inspection"),
    "inspectors": N_("Inspectors"),
    "date": N_("Date of the inspection"),
    "place": N_("Place"),
    "method": N_("Methods"),
    "state": N_("State of the record"),
    "checklist": N_("checklist"),
    "finalized": N_("finalized (revision {revision})"),
    "draft": N_("draft (revision {revision}, not finalized)"),
    "summary": N_("1. Summary"),
    "findings": N_("2. Findings"),
    "notices": N_("3. Supervision notices"),
    "signatures": N_("4. Signatures"),
    "covered": N_("{total} tasks, {checked} checked: {counts}."),
    "count": N_("{label} {count} ({share}%)"),
    "joiner": N_("; "),
    "list": N_(", "),
    "overdue": N_("Tasks checked, past their deadline on the inspection date and not done: {count}{ids}."),
    "result": N_("Result"),
    "tasks": N_("Tasks"),
    "share": N_("Share"),
    "task": N_("Task"),
    "finding": N_("Finding"),
    "evidence": N_("Evidence"),
    "deadline": N_("Deadline"),
    "none": N_("none set"),
    "file": N_("file"),
    "notice": N_("{number}: issued {issued}, {findings} finding(s), rectify by {due}, reply by {reply}, {state}."),
    "no_notice": N_("No supervision notice was issued from this inspection."),
    "open": N_("open"),
    "closed": N_("closed"),
    "hash": N_("Content hash (sha256): {hash}"),
    "no_hash": N_("This record is a draft, not finalized: it has no content hash."),
    "inspector": N_("Inspector {name} (signature)"),
    "sign_date": N_("Date"),
    "blank_date": N_("____ / __ / __"),
    "representative": N_("Head of the unit (signature)"),
    "seal": N_("Inspected unit (seal)"),
}
# the page number's words around the two fields: "Page N of M" / "第 N 页 共 M 页" (English needs no word after M)
PAGE_WORDS = (N_("Page "), N_(" of "))
PAGE_TAIL = N_(" pages in all")
_WIDTH_CM = BLOCK_MM[0] / 10


def record_docx(record, lang: str = "zh") -> bytes:
    """The record as a .docx on the GB/T 9704 page, in Chinese or English (same layout)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    words = {key: in_language(message, lang) for key, message in WORDS.items()}
    inspection = record.inspection
    document = new_document(f"{words['title']} {inspection.unit} {inspection.date.isoformat()}", inspection.date, lang)
    day = (lambda d: cn_date(d)) if lang == "zh" else (lambda d: d.isoformat())

    def paragraph(
        text: str = "", font: str = FANGSONG, size: float = SIZE_4, align=None, before: float = 0, after: float = 0
    ):
        para = document.add_paragraph()
        if align is not None:
            para.alignment = align
        para.paragraph_format.space_before, para.paragraph_format.space_after = Pt(before), Pt(after)
        para.paragraph_format.line_spacing = 1.25
        if text:
            add_text(para, text, font, size)
        return para

    paragraph(words["title"], XIAOBIAOSONG, SIZE_2, WD_ALIGN_PARAGRAPH.CENTER, after=SIZE_3)
    state = words["finalized" if record.finalized else "draft"].format(revision=inspection.revision)
    files = words["list"].join(record.checklist_files)
    basis = (
        f"{inspection.checklist_title}（{files}；{words['checklist']} {inspection.checklist_id}，"
        f"sha256 {inspection.checklist_sha256}）"
        if lang == "zh"
        else f"{inspection.checklist_title} ({files}; {words['checklist']} {inspection.checklist_id}, "
        f"sha256 {inspection.checklist_sha256})"
    )
    header = (
        (words["unit"], inspection.unit),
        (words["basis"], basis),
        (words["inspectors"], words["list"].join(inspection.inspectors)),
        (words["date"], day(inspection.date)),
        (words["place"], inspection.place or "—"),
        (words["method"], words["list"].join(EvidenceMethod.in_language(m, lang) for m in record.methods) or "—"),
        (words["state"], state),
    )
    _table(document, None, header, (3.2, _WIDTH_CM - 3.2), label_column=True)

    paragraph(words["summary"], HEITI, SIZE_3, before=SIZE_3, after=SIZE_4 / 2)
    label = "label_zh" if lang == "zh" else "label_en"
    counts = words["joiner"].join(
        words["count"].format(label=getattr(c, label), count=c.count, share=c.share) for c in record.counts
    )
    text = paragraph(words["covered"].format(total=record.total, checked=record.checked, counts=counts))
    text.paragraph_format.first_line_indent = Pt(2 * SIZE_4)
    ids = (
        "".join(f"（{f.task_id}）" for f in record.overdue)
        if lang == "zh"
        else " ".join(f"({f.task_id})" for f in record.overdue)
    )
    text = paragraph(
        words["overdue"].format(count=len(record.overdue), ids=(("：" if lang == "zh" else ": ") + ids) if ids else "")
    )
    text.paragraph_format.first_line_indent = Pt(2 * SIZE_4)
    _table(
        document,
        (words["result"], words["tasks"], words["share"]),
        [(getattr(c, label), str(c.count), f"{c.share}%") for c in record.counts],
        (6.0, 4.0, 4.0),
    )

    paragraph(words["findings"], HEITI, SIZE_3, before=SIZE_3, after=SIZE_4 / 2)
    rows = []
    for group in record.groups:
        for finding in group.findings:
            deadline = finding.deadline or words["none"]
            evidence = [
                (
                    f"（{e.method}）{e.description}"
                    if lang == "zh"
                    else f"({EvidenceMethod.in_language(e.method, 'en')}) {e.description}",
                    f"{words['file']} {e.file_name} sha256 {e.file_sha256}" if e.file_name else "",
                )
                for e in finding.evidence
            ]
            rows.append(
                (
                    f"（{finding.task_id}）{finding.text}\n{words['deadline']}：{deadline}"
                    if lang == "zh"
                    else f"({finding.task_id}) {finding.text}\n{words['deadline']}: {deadline}",
                    getattr(finding, label),
                    finding.note or "—",
                    evidence,
                )
            )
    _table(
        document,
        (words["task"], words["result"], words["finding"], words["evidence"]),
        rows,
        (5.1, 2.4, 3.8, _WIDTH_CM - 11.3),
        size=SIZE_5,
    )

    paragraph(words["notices"], HEITI, SIZE_3, before=SIZE_3, after=SIZE_4 / 2)
    for notice in record.notices or ():
        text = paragraph(
            words["notice"].format(
                number=notice.number,
                issued=day(notice.issued_on),
                findings=len(notice.findings),
                due=day(notice.current_due),
                reply=day(notice.reply_due),
                state=words["closed" if notice.state == "closed" else "open"],
            )
        )
        text.paragraph_format.first_line_indent = Pt(2 * SIZE_4)
    if not record.notices:
        paragraph(words["no_notice"]).paragraph_format.first_line_indent = Pt(2 * SIZE_4)
    hashed = paragraph(
        words["hash"].format(hash=inspection.content_hash) if record.finalized else words["no_hash"],
        size=SIZE_5,
        before=SIZE_4,
    )
    hashed.paragraph_format.keep_with_next = True

    heading = paragraph(words["signatures"], HEITI, SIZE_3, before=SIZE_3, after=SIZE_4 / 2)
    heading.paragraph_format.keep_with_next = True
    colon = "：" if lang == "zh" else ": "
    dated = f"{words['sign_date']}{colon}{words['blank_date']}"
    signatures = [(words["inspector"].format(name=name) + colon.strip(), dated) for name in inspection.inspectors]
    signatures += [(words["representative"] + colon.strip(), dated), (words["seal"] + colon.strip(), "")]
    _widths(_signature_table(document, signatures), (6.9, 3.3, _WIDTH_CM - 10.2))
    tail = in_language(PAGE_TAIL, lang) if lang != "en" else ""
    _page_field(document, tuple(in_language(message, lang) for message in PAGE_WORDS) + (tail,))
    return document_bytes(document)


def _cell_text(cell, text, size: float, font: str = FANGSONG, bold: bool = False) -> None:
    """A cell's text; a line break starts a new paragraph, (text, small) pairs put the small part under it."""
    from docx.shared import Pt

    items = text if isinstance(text, list) else [(text, "")]
    first = True
    for main, small in items or [("", "")]:
        for line, line_size in [(part, size) for part in main.split("\n")] + ([(small, SIZE_5 - 1.5)] if small else []):
            para = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            para.paragraph_format.space_before = para.paragraph_format.space_after = Pt(1)
            add_text(para, line, font, line_size, bold=bold, latin=LATIN)


def _table(document, titles, rows, widths_cm, label_column: bool = False, size: float = SIZE_SMALL_4):
    """A bordered table at the text block's width; its title row repeats on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=0, cols=len(widths_cm))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    if titles:
        cells = table.add_row().cells
        for cell, title in zip(cells, titles, strict=False):
            _cell_text(cell, title, size, HEITI)
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row in rows:
        cells = table.add_row().cells
        for position, (cell, value) in enumerate(zip(cells, row, strict=False)):
            _cell_text(cell, value, size, HEITI if label_column and position == 0 else FANGSONG)
    _widths(table, widths_cm)
    return table


def _widths(table, widths_cm) -> None:
    """Column widths written both in the table's grid (LibreOffice reads these) and in every cell (Word does)."""
    from docx.shared import Cm

    for column, width in zip(table.columns, widths_cm, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def _signature_table(document, rows):
    """The signatures: a line to sign on for each inspector and for the unit's representative, each with a date,
    then room for the unit's seal."""
    from docx.oxml import parse_xml
    from docx.shared import Cm, Pt

    table = document.add_table(rows=0, cols=3)
    table.autofit = False
    for label, dated in rows:
        added = table.add_row()
        added.height = Cm(1.6 if dated else 3.0)  # the seal, about 4 cm across, may overlap the lines above
        for cell, value in zip(added.cells, (label, "", dated), strict=False):
            _cell_text(cell, value, SIZE_4)
            cell.paragraphs[0].paragraph_format.space_before = Pt(SIZE_4)
        if dated:  # the line to sign on
            added.cells[1]._tc.get_or_add_tcPr().append(
                parse_xml(
                    '<w:tcBorders xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tcBorders>'
                )
            )
    # a page never separates a signature from the others
    for row in table.rows:
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True
    return table


def _page_field(document, page_words) -> None:
    """第 N 页 共 M 页 (Page N of M) centred in the footer, from the PAGE and NUMPAGES fields."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    para = document.sections[0].footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_property(para, "snapToGrid", val=0)
    before, middle, after = page_words
    add_text(para, before, SONGTI, SIZE_5, latin=SONGTI)
    add_field(para, "PAGE", "1", SONGTI, SIZE_5, latin=SONGTI)
    add_text(para, middle, SONGTI, SIZE_5, latin=SONGTI)
    add_field(para, "NUMPAGES", "1", SONGTI, SIZE_5, latin=SONGTI)
    if after:
        add_text(para, after, SONGTI, SIZE_5, latin=SONGTI)
