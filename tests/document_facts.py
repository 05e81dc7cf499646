"""A .docx or .xlsx read back as the facts a reader sees: text, fonts, sizes, colours, geometry, cells and formats.

Golden documents are compared by these facts, so that a library's different but equivalent XML is no difference,
and any change a reader would notice is one.
"""

from __future__ import annotations

import io
from pathlib import Path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EMU_PER_MM = 36000


def mm(length) -> float:
    """A python-docx length in millimetres, to a tenth."""
    return round(length / EMU_PER_MM, 1)


def run_facts(run) -> dict:
    """A run's text and how it is set."""
    fonts = run._element.rPr.find(f"{W}rFonts") if run._element.rPr is not None else None
    return {
        "text": run.text,
        "east_asia": fonts.get(f"{W}eastAsia") if fonts is not None else None,
        "size": run.font.size.pt if run.font.size else None,
        "colour": str(run.font.color.rgb) if run.font.color and run.font.color.type else None,
    }


def paragraph_facts(paragraph) -> dict:
    """A paragraph's text, alignment, indents, spacing, borders, frame and its runs."""
    properties = paragraph._p.pPr
    layout = paragraph.paragraph_format
    borders = {}
    frame = None
    if properties is not None:
        border_element = properties.find(f"{W}pBdr")
        for rule in border_element if border_element is not None else ():
            borders[rule.tag.replace(W, "")] = {key.replace(W, ""): value for key, value in rule.attrib.items()}
        frame_element = properties.find(f"{W}framePr")
        if frame_element is not None:
            frame = {key.replace(W, ""): value for key, value in frame_element.attrib.items()}
    return {
        "text": paragraph.text,
        "align": str(paragraph.alignment) if paragraph.alignment is not None else None,
        "first_line_indent_pt": layout.first_line_indent.pt if layout.first_line_indent is not None else None,
        "line_spacing_twips": round(layout.line_spacing.twips) if hasattr(layout.line_spacing, "twips") else None,
        "line_rule": str(layout.line_spacing_rule) if layout.line_spacing_rule is not None else None,
        "borders": borders,
        "frame": frame,
        "runs": [run_facts(r) for r in paragraph.runs if r.text],
    }


def field_codes(element) -> list[str]:
    """The field instructions (PAGE, NUMPAGES) inside an element."""
    return [text.text.strip() for text in element.iter(f"{W}instrText")]


def docx_facts(path_or_bytes) -> dict:
    """Everything the tests compare about a .docx."""
    import docx

    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    grid = section._sectPr.find(f"{W}docGrid")
    footers = {}
    for name, footer in (("odd", section.footer), ("even", section.even_page_footer)):
        if not footer.is_linked_to_previous:
            footers[name] = {
                "paragraphs": [paragraph_facts(p) for p in footer.paragraphs],
                "fields": field_codes(footer._element),
            }
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return {
        "page_mm": [mm(section.page_width), mm(section.page_height)],
        "margins_mm": {
            "top": mm(section.top_margin),
            "bottom": mm(section.bottom_margin),
            "left": mm(section.left_margin),
            "right": mm(section.right_margin),
        },
        "footer_distance_mm": mm(section.footer_distance),
        "grid": {key.replace(W, ""): value for key, value in grid.attrib.items()} if grid is not None else None,
        "odd_and_even": document.settings.odd_and_even_pages_header_footer,
        "paragraphs": [paragraph_facts(p) for p in document.paragraphs],
        "tables": tables,
        "footers": footers,
        "title": document.core_properties.title,
    }


def xlsx_facts(path_or_bytes) -> dict:
    """Everything the tests compare about a .xlsx: per sheet its cells (typed), formats, fills, widths, panes."""
    from openpyxl import load_workbook

    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    workbook = load_workbook(io.BytesIO(data))
    sheets = {}
    for sheet in workbook.worksheets:
        sheets[sheet.title] = {
            "cells": [[repr(cell.value) for cell in row] for row in sheet.iter_rows()],
            "formats": [[cell.number_format for cell in row] for row in sheet.iter_rows()],
            "fills": [
                [cell.fill.fgColor.rgb if cell.fill.fill_type else None for cell in row] for row in sheet.iter_rows()
            ],
            "wrapped": [[bool(cell.alignment.wrap_text) for cell in row] for row in sheet.iter_rows(min_row=2)],
            "widths": {key: dimension.width for key, dimension in sorted(sheet.column_dimensions.items())},
            "freeze": sheet.freeze_panes,
        }
    return sheets


def document_facts(path: Path) -> dict:
    """The facts of a .docx or .xlsx file, by its suffix."""
    return docx_facts(path) if path.suffix == ".docx" else xlsx_facts(path)
