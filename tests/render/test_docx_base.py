"""The .docx page and its parts: the GB/T 9704 A4 page, CJK-aware fonts, fields, paragraph properties in schema
order, and bytes that depend on the content alone."""

from __future__ import annotations

import io
from datetime import date

import docx
from document_facts import W, field_codes, mm, paragraph_facts

from inspect_cli.render.docx_base import (
    BLOCK_MM,
    FANGSONG,
    LATIN,
    LINE_PITCH_TWIPS,
    SIZE_3,
    add_field,
    add_text,
    document_bytes,
    new_document,
    paragraph_border,
    set_property,
)


def _reopened(document):
    return docx.Document(io.BytesIO(document_bytes(document)))


def test_a_new_document_is_the_gb_9704_page_with_its_properties_fixed_to_the_day():
    document = _reopened(new_document("督办通知书", date(2017, 3, 10)))
    section = document.sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
    assert (mm(section.top_margin), mm(section.left_margin)) == (37.0, 28.0)
    assert mm(section.page_width - section.left_margin - section.right_margin) == BLOCK_MM[0]
    assert mm(section.page_height - section.top_margin - section.bottom_margin) == BLOCK_MM[1]
    properties = document.core_properties
    assert properties.title == "督办通知书" and properties.author == "inspect-cli"
    assert properties.created.date() == date(2017, 3, 10) and properties.language == "zh-CN"
    assert new_document("Notice", None, "en").core_properties.language == "en-US"
    # 22 lines of 3号 type fill the text block
    assert LINE_PITCH_TWIPS * 22 <= BLOCK_MM[1] * 1440 / 25.4 < (LINE_PITCH_TWIPS + 1) * 22


def test_text_is_set_in_the_cjk_face_with_latin_letters_in_times():
    document = new_document("t", date(2017, 3, 10))
    paragraph = document.add_paragraph()
    add_text(paragraph, "2017年3月10日", bold=True, colour="FF0000", condense_twips=-8)
    [run] = paragraph_facts(_reopened(document).paragraphs[0])["runs"]
    assert run == {"text": "2017年3月10日", "east_asia": FANGSONG, "size": SIZE_3, "colour": "FF0000"}
    fonts = _reopened(document).paragraphs[0].runs[0]._element.rPr
    assert fonts.find(f"{W}rFonts").get(f"{W}ascii") == LATIN
    assert fonts.find(f"{W}spacing").get(f"{W}val") == "-8"


def test_a_page_number_is_a_field_word_updates():
    document = new_document("t", None)
    paragraph = document.add_paragraph()
    add_field(paragraph, "PAGE", "1", FANGSONG, 14)
    reopened = _reopened(document).paragraphs[0]
    assert field_codes(reopened._p) == ["PAGE"] and reopened.text == "1"
    kinds = [c.get(f"{W}fldCharType") for c in reopened._p.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"]


def test_paragraph_properties_keep_the_order_the_schema_requires():
    document = new_document("t", None)
    paragraph = document.add_paragraph()
    set_property(paragraph, "jc", val="center")
    set_property(paragraph, "snapToGrid", val=0)
    paragraph_border(paragraph, "bottom", 12, "FF0000")
    paragraph_border(paragraph, "top", 4)
    order = [child.tag.replace(W, "") for child in paragraph._p.pPr]
    assert order == ["pBdr", "snapToGrid", "jc"]
    assert [rule.tag.replace(W, "") for rule in paragraph._p.pPr.find(f"{W}pBdr")] == ["top", "bottom"]
    assert paragraph_facts(_reopened(document).paragraphs[0])["borders"]["bottom"]["color"] == "FF0000"
    assert set_property(paragraph, "jc", val="right") is paragraph._p.pPr.find(f"{W}jc")  # set again, not added


def test_the_same_content_gives_the_same_bytes():
    def made():
        document = new_document("督办通知书", date(2017, 3, 10))
        add_text(document.add_paragraph(), "市编办：")
        return document_bytes(document)

    assert made() == made()
