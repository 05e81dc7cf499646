"""The supervision notice (督办通知书) as a 公文 laid out by GB/T 9704-2012, ready to print, sign and seal."""

from __future__ import annotations

import unicodedata

from inspect_cli.core.config import Office
from inspect_cli.core.notices import Notice
from inspect_cli.domain.models import Inspection, Status
from inspect_cli.i18n import N_, in_language
from inspect_cli.render.docx_base import (
    BLOCK_MM,
    BOTTOM_MM,
    CHAR_CONDENSE_TWIPS,
    FANGSONG,
    HEITI,
    KAITI,
    LINE_PITCH_TWIPS,
    RED,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SONGTI,
    TWIPS_PER_MM,
    XIAOBIAOSONG,
    add_field,
    add_text,
    document_bytes,
    new_document,
    paragraph_border,
    set_property,
)
from inspect_cli.render.templating import cn_date

TITLE = N_("Supervision notice")
# the 版头's 发文机关标志: as large as the line allows, never larger than this
MAX_HEADER_PT = 42.0
# 发文机关标志: its top edge 35 mm under the top of the text block
HEADER_TOP_MM = 35.0
# the red rule 4 mm under the number; the rules of the 版记 0.35 mm (outer) and 0.25 mm (inner), in eighths of a point
RULE_GAP_MM = 4.0
THICK_RULE, THIN_RULE = 8, 6
# blank lines above the issuer: where the seal is pressed over issuer and date
SEAL_LINES = 2
_PITCH_PT = LINE_PITCH_TWIPS / 20
_BLOCK_PT = BLOCK_MM[0] * 72 / 25.4


def text_width(text: str) -> float:
    """Width in characters of the body size: a Chinese character is one, a digit or Latin letter a half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def header_size(name: str) -> float:
    """The 发文机关标志's size: the office's name fills at most nine tenths of the line, in whole points."""
    return float(min(MAX_HEADER_PT, int(_BLOCK_PT * 0.9 / max(text_width(name), 1))))


def notice_docx(notice: Notice, inspection: Inspection | None, office: Office, lang: str = "zh") -> bytes:
    """A notice as a GB/T 9704-2012 公文 (.docx bytes): red 版头, number, red rule, title, body on the 22 × 28 grid,
    issuer and date with room for the seal, 版记 at the foot of the last page, page numbers — N — outside."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    def say(message: str, **values) -> str:
        return in_language(message, lang).format(**values)

    def day(value) -> str:
        return cn_date(value) if lang == "zh" else value.isoformat()

    document = new_document(f"{say(TITLE)} {notice.number}", notice.issued_on)
    _grid(document)

    def paragraph(
        text: str = "",
        font: str = FANGSONG,
        size: float = SIZE_3,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent: bool = True,
        before_lines: float = 0,
        colour: str | None = None,
    ):
        para = document.add_paragraph()
        para.alignment = align
        layout = para.paragraph_format
        layout.line_spacing_rule, layout.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(_PITCH_PT)
        layout.space_before = Pt(_PITCH_PT * before_lines) if before_lines else Pt(0)
        layout.space_after = Pt(0)
        if indent:  # 段首空二字
            layout.first_line_indent = Pt(2 * SIZE_3)
        if text:
            add_text(para, text, font, size, colour=colour, condense_twips=CHAR_CONDENSE_TWIPS if size == SIZE_3 else 0)
        return para

    name = office.name or notice.issuer
    size = header_size(name)
    header = document.add_paragraph()
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    header.paragraph_format.space_before = Mm(HEADER_TOP_MM)
    set_property(header, "snapToGrid", val=0)
    add_text(header, name, XIAOBIAOSONG, size, colour=RED, latin=XIAOBIAOSONG)

    number = paragraph(notice.number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before_lines=2)
    # the red rule: the number line's lower border, as wide as the text block; its glyphs end ~2 pt above the line
    paragraph_border(number, "bottom", THICK_RULE, RED, space_pt=round(RULE_GAP_MM * 72 / 25.4) - 2)

    paragraph(say(TITLE), XIAOBIAOSONG, SIZE_2, WD_ALIGN_PARAGRAPH.CENTER, indent=False, before_lines=2)
    paragraph(say(N_("To {unit}:"), unit=notice.unit), indent=False, before_lines=1)
    when = day(inspection.date) if inspection else day(notice.issued_on)
    paragraph(
        say(
            N_(
                "On {date} {issuer} inspected your unit's rule-of-law government construction on site and found "
                "the following problems, which are to be rectified."
            ),
            issuer=notice.issuer,
            date=when,
        )
    )
    paragraph(say(N_("1. Problems found")), HEITI)
    for count, finding in enumerate(notice.findings, start=1):
        label = Status(finding.status).label_in(lang)
        number = _chinese_number(count) if lang == "zh" else str(count)
        # 基本符合 is a task not fully carried out, not a breach
        heading = (
            N_("({number}) Task ({task_id}) not met: {task}")
            if finding.status == "noncompliant"
            else N_("({number}) Task ({task_id}) not fully carried out: {task}")
        )
        paragraph(say(heading, number=number, task_id=finding.task_id, task=finding.task_text), KAITI)
        paragraph(say(N_("Found ({result}): {found}"), result=label, found=finding.found))
        for item in finding.evidence:
            paragraph(say(N_("Evidence: {evidence}"), evidence=item))
    paragraph(say(N_("2. Rectification required")), HEITI)
    paragraph(notice.requirement)
    extended = (
        say(N_(" Extended on request to {date} (the original deadline stays on record)."), date=day(notice.current_due))
        if notice.extended
        else ""
    )
    paragraph(say(N_("Rectify by: {date}.{extended}"), date=day(notice.due), extended=extended))
    paragraph(say(N_("3. Reply and its deadline")), HEITI)
    paragraph(
        say(
            N_("Send a written rectification report, sealed, to {issuer} by {date}; the office will re-inspect."),
            issuer=notice.issuer,
            date=day(notice.reply_due),
        )
    )
    paragraph(
        say(
            N_("Objections may be raised in writing with {issuer} within 5 working days of receipt."),
            issuer=notice.issuer,
        )
    )

    # 发文机关署名 centred over the 成文日期, which stands four characters from the right (GB/T 9704 7.3.5.1)
    issued = day(notice.issued_on)
    issuer = paragraph(notice.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, before_lines=SEAL_LINES + 1)
    issuer.paragraph_format.right_indent = Pt(
        max(0.0, 4 + (text_width(issued) - text_width(notice.issuer)) / 2) * SIZE_3
    )
    date_line = paragraph(issued, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    date_line.paragraph_format.right_indent = Pt(4 * SIZE_3)
    receipt = paragraph(say(N_("Received by (unit seal):")), before_lines=1)
    receipt.paragraph_format.keep_with_next = True  # the receipt's two lines are signed together, on one page
    paragraph(say(N_("Signed by:              Date:")))
    _colophon(document, office, notice, say, day)
    _page_numbers(document)
    return document_bytes(document)


def _grid(document) -> None:
    """The section's line grid: 22 lines to the page (行网格), as Word's page setup states it."""
    from docx.oxml.ns import qn

    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def _colophon(document, office: Office, notice: Notice, say, day) -> None:
    """The 版记 at the foot of the last page: 抄送, then 印发机关 and 印发日期, between rules as wide as the text block
    (thick above and below, thin between), the last rule on the block's lower edge (GB/T 9704-2012 7.4).

    Each line is a frame of its own (w:framePr): the 印发 line aligned to the bottom of the text block, the 抄送 line
    set one line above it. Word, WPS and LibreOffice all place frames and draw their paragraph borders alike; a
    floating table, the other way, LibreOffice leaves in the text flow when it is as wide as the text.
    """
    from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.shared import Pt

    width = round(BLOCK_MM[0] * TWIPS_PER_MM)
    printed_height = LINE_PITCH_TWIPS + THICK_RULE * 20 // 8  # a line and its lower rule, in twips
    lines = ([("cc", say(N_("Copies to: {cc}."), cc=office.cc))] if office.cc else []) + [("printed", "")]
    for kind, text in lines:
        para = document.add_paragraph()
        frame = {"w": width, "wrap": "notBeside", "hAnchor": "margin", "xAlign": "center", "vAnchor": "margin"}
        if kind == "printed":
            frame["yAlign"] = "bottom"
        else:
            cc_height = LINE_PITCH_TWIPS + (THICK_RULE + THIN_RULE) * 20 // 8
            frame["y"] = round(BLOCK_MM[1] * TWIPS_PER_MM) - printed_height - cc_height
        set_property(para, "framePr", **frame)
        layout = para.paragraph_format
        layout.line_spacing_rule, layout.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(_PITCH_PT)
        layout.left_indent = layout.right_indent = Pt(SIZE_4)  # 左右各空一字
        if kind == "cc":
            paragraph_border(para, "top", THICK_RULE)
            paragraph_border(para, "bottom", THIN_RULE)
            add_text(para, text, FANGSONG, SIZE_4)
            continue
        if not office.cc:
            paragraph_border(para, "top", THICK_RULE)
        paragraph_border(para, "bottom", THICK_RULE)
        layout.tab_stops.add_tab_stop(Pt(_BLOCK_PT - SIZE_4), WD_TAB_ALIGNMENT.RIGHT)
        add_text(
            para,
            say(
                N_("{office}\tprinted {date}"),
                office=office.printed_by or office.name or notice.issuer,
                date=day(notice.issued_on),
            ),
            FANGSONG,
            SIZE_4,
        )
    # the frames' anchor: a hairline paragraph, so that it never starts a page of its own
    end = document.add_paragraph()
    end.paragraph_format.line_spacing_rule, end.paragraph_format.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(1)
    set_property(end, "snapToGrid", val=0)


def _page_numbers(document) -> None:
    """— N — in 四号宋体 under the text block: odd pages on the right, even pages on the left, one character in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    # the dashes' middle 7 mm under the text block; the footer line exactly one 四号 high
    section.footer_distance = Mm(BOTTOM_MM - 7.0) - Pt(SIZE_4 / 2)
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        para = footer.paragraphs[0]
        para.alignment = align
        layout = para.paragraph_format
        layout.line_spacing_rule, layout.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(SIZE_4)
        set_property(para, "snapToGrid", val=0)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            layout.right_indent = Pt(SIZE_4)
        else:
            layout.left_indent = Pt(SIZE_4)
        add_text(para, "— ", SONGTI, SIZE_4, latin=SONGTI)
        add_field(para, "PAGE", "1", SONGTI, SIZE_4, latin=SONGTI)
        add_text(para, " —", SONGTI, SIZE_4, latin=SONGTI)


def _chinese_number(count: int) -> str:
    """一 … 九十九, for the （一） of the second level of headings."""
    digits = "零一二三四五六七八九"
    if count < 10:
        return digits[count]
    tens, ones = divmod(count, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
