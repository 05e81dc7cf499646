"""The inspection record (实地督察情况报告) as a .docx to print and sign: header table, figures, findings worst first,
notices, content hash, signatures of the inspectors and of the unit, 第 N 页 共 M 页."""

from __future__ import annotations

from inspect_cli.core.records import Record
from inspect_cli.render.docx_base import (BLOCK_MM, FANGSONG, HEITI, LATIN, SIZE_2, SIZE_3, SIZE_4, SIZE_5,
                                          SIZE_SMALL_4, SONGTI, XIAOBIAOSONG, add_field, add_text, document_bytes,
                                          new_document, set_property)
from inspect_cli.render.templating import cn_date

# The record's words in each language it is written in (a document's language is chosen per document, by --lang).
WORDS = {
    "zh": {
        "title": "实地督察情况报告", "unit": "被督察单位", "basis": "督察依据", "inspectors": "督察人员", "date": "督察日期",
        "place": "督察地点", "method": "督察方式", "state": "记录状态", "checklist": "清单",
        "finalized": "已定稿（第 {revision} 版）", "draft": "草稿（第 {revision} 版，未定稿）",
        "summary": "一、总体情况", "findings": "二、检查结果", "notices": "三、督办通知书", "signatures": "四、签字",
        "covered": "本次涉及任务 {total} 项，已检查 {checked} 项：{counts}。",
        "count": "{label} {count} 项（{share}%）", "joiner": "；", "list": "、",
        "overdue": "经检查，检查日已过完成时限而未完成的任务 {count} 项{ids}。",
        "result": "结果", "tasks": "项数", "share": "占比", "task": "任务", "finding": "发现问题", "evidence": "证据",
        "deadline": "完成时限", "none": "未规定", "file": "文件",
        "notice": "{number}：{issued}签发，问题 {findings} 项，整改期限{due}，答复期限{reply}，状态：{state}。",
        "no_notice": "本次督察未下发督办通知书。", "open": "整改中", "closed": "已销号",
        "hash": "内容哈希（sha256）：{hash}", "no_hash": "本记录为草稿，未定稿，无内容哈希。",
        "inspector": "督察人员 {name}（签字）", "sign_date": "日期", "blank_date": "　　年　月　日",
        "representative": "被督察单位负责人（签字）", "seal": "被督察单位（盖章）",
        "page": ("第 ", " 页 共 ", " 页"),
    },
    "en": {
        "title": "On-site Inspection Record", "unit": "Inspected unit", "basis": "Checklist", "inspectors": "Inspectors",
        "date": "Date", "place": "Place", "method": "Methods", "state": "State", "checklist": "checklist",
        "finalized": "finalized (revision {revision})", "draft": "draft (revision {revision}, not finalized)",
        "summary": "1. Summary", "findings": "2. Findings", "notices": "3. Supervision notices", "signatures": "4. Signatures",
        "covered": "{total} tasks, {checked} checked: {counts}.", "count": "{label} {count} ({share}%)",
        "joiner": "; ", "list": ", ",
        "overdue": "Tasks checked, past their deadline on the inspection date and not done: {count}{ids}.",
        "result": "Result", "tasks": "Tasks", "share": "Share", "task": "Task", "finding": "Finding",
        "evidence": "Evidence", "deadline": "Deadline", "none": "none set", "file": "file",
        "notice": "{number}: issued {issued}, {findings} finding(s), rectify by {due}, reply by {reply}, {state}.",
        "no_notice": "No supervision notice was issued from this inspection.", "open": "open", "closed": "closed",
        "hash": "Content hash (sha256): {hash}", "no_hash": "This record is a draft, not finalized: it has no content hash.",
        "inspector": "Inspector {name} (signature)", "sign_date": "Date", "blank_date": "____ / __ / __",
        "representative": "Head of the unit (signature)", "seal": "Inspected unit (seal)",
        "page": ("Page ", " of ", ""),
    },
}
_WIDTH_CM = BLOCK_MM[0] / 10


def record_docx(record, lang: str = "zh") -> bytes:
    """The record as a .docx on the GB/T 9704 page, in Chinese or English (same layout)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    words = WORDS[lang]
    inspection = record.inspection
    document = new_document(f"{words['title']} {inspection.unit} {inspection.date.isoformat()}", inspection.date, lang)
    day = (lambda d: cn_date(d)) if lang == "zh" else (lambda d: d.isoformat())

    def paragraph(text: str = "", font: str = FANGSONG, size: float = SIZE_4, align=None, before: float = 0,
                  after: float = 0):
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
    basis = (f"{inspection.checklist_title}（{files}；{words['checklist']} {inspection.checklist_id}，"
             f"sha256 {inspection.checklist_sha256}）" if lang == "zh" else
             f"{inspection.checklist_title} ({files}; {words['checklist']} {inspection.checklist_id}, "
             f"sha256 {inspection.checklist_sha256})")
    header = ((words["unit"], inspection.unit), (words["basis"], basis),
              (words["inspectors"], words["list"].join(inspection.inspectors)),
              (words["date"], day(inspection.date)), (words["place"], inspection.place or "—"),
              (words["method"], words["list"].join(record.methods) or "—"), (words["state"], state))
    _table(document, None, header, (3.2, _WIDTH_CM - 3.2), label_column=True)

    paragraph(words["summary"], HEITI, SIZE_3, before=SIZE_3, after=SIZE_4 / 2)
    label = "label_zh" if lang == "zh" else "label_en"
    counts = words["joiner"].join(words["count"].format(label=getattr(c, label), count=c.count, share=c.share)
                                  for c in record.counts)
    text = paragraph(words["covered"].format(total=record.total, checked=record.checked, counts=counts))
    text.paragraph_format.first_line_indent = Pt(2 * SIZE_4)
    ids = "".join(f"（{f.task_id}）" for f in record.overdue) if lang == "zh" else \
        " ".join(f"({f.task_id})" for f in record.overdue)
    text = paragraph(words["overdue"].format(count=len(record.overdue), ids=(("：" if lang == "zh" else ": ") + ids)
                                             if ids else ""))
    text.paragraph_format.first_line_indent = Pt(2 * SIZE_4)
    _table(document, (words["result"], words["tasks"], words["share"]),
           [(getattr(c, label), str(c.count), f"{c.share}%") for c in record.counts], (6.0, 4.0, 4.0))

    paragraph(words["findings"], HEITI, SIZE_3, before=SIZE_3, after=SIZE_4 / 2)
    rows = []
    for group in record.groups:
        for finding in group.findings:
            deadline = finding.deadline or words["none"]
            evidence = [(f"（{e.method}）{e.description}" if lang == "zh" else f"({e.method}) {e.description}",
                         f"{words['file']} {e.file_name} sha256 {e.file_sha256}" if e.file_name else "")
                        for e in finding.evidence]
            rows.append((f"（{finding.task_id}）{finding.text}\n{words['deadline']}：{deadline}" if lang == "zh" else
                         f"({finding.task_id}) {finding.text}\n{words['deadline']}: {deadline}",
                         getattr(finding, label), finding.note or "—", evidence))
    _table(document, (words["task"], words["result"], words["finding"], words["evidence"]), rows,
           (5.1, 2.4, 3.8, _WIDTH_CM - 11.3), size=SIZE_5)

    paragraph(words["notices"], HEITI, SIZE_3, before=SIZE_3, after=SIZE_4 / 2)
    for notice in record.notices or ():
        text = paragraph(words["notice"].format(
            number=notice.number, issued=day(notice.issued_on), findings=len(notice.findings),
            due=day(notice.current_due), reply=day(notice.reply_due), state=words["closed" if notice.state == "closed"
                                                                                  else "open"]))
        text.paragraph_format.first_line_indent = Pt(2 * SIZE_4)
    if not record.notices:
        paragraph(words["no_notice"]).paragraph_format.first_line_indent = Pt(2 * SIZE_4)
    hashed = paragraph(words["hash"].format(hash=inspection.content_hash) if record.finalized else words["no_hash"],
                       size=SIZE_5, before=SIZE_4)
    hashed.paragraph_format.keep_with_next = True

    heading = paragraph(words["signatures"], HEITI, SIZE_3, before=SIZE_3, after=SIZE_4 / 2)
    heading.paragraph_format.keep_with_next = True
    colon = "：" if lang == "zh" else ": "
    dated = f"{words['sign_date']}{colon}{words['blank_date']}"
    signatures = [(words["inspector"].format(name=name) + colon.strip(), dated) for name in inspection.inspectors]
    signatures += [(words["representative"] + colon.strip(), dated), (words["seal"] + colon.strip(), "")]
    _widths(_signature_table(document, signatures), (6.9, 3.3, _WIDTH_CM - 10.2))
    _page_field(document, words["page"])
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
        for cell, title in zip(cells, titles):
            _cell_text(cell, title, size, HEITI)
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row in rows:
        cells = table.add_row().cells
        for position, (cell, value) in enumerate(zip(cells, row)):
            _cell_text(cell, value, size, HEITI if label_column and position == 0 else FANGSONG)
    _widths(table, widths_cm)
    return table


def _widths(table, widths_cm) -> None:
    """Column widths written both in the table's grid (LibreOffice reads these) and in every cell (Word does)."""
    from docx.shared import Cm

    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
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
        for cell, value in zip(added.cells, (label, "", dated)):
            _cell_text(cell, value, SIZE_4)
            cell.paragraphs[0].paragraph_format.space_before = Pt(SIZE_4)
        if dated:  # the line to sign on
            added.cells[1]._tc.get_or_add_tcPr().append(parse_xml(
                '<w:tcBorders xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tcBorders>'))
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
