"""The notice .docx read back (python-docx and its XML) against GB/T 9704-2012: page, 版头, number, red rule,
title, body on the 22-line grid, issuer and date, 版记 at the foot of the last page, page numbers outside."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
import sample_pipeline
from document_facts import W, docx_facts, field_codes
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING

MM = 36000  # EMU in a millimetre (635 in a twip, 12700 in a point)


@pytest.fixture(scope="module")
def notice(produced):
    return docx.Document(str(produced["notice.docx"]))


def body(document):
    return [p for p in document.paragraphs if p.text.strip()]


def east_asia(run) -> str:
    return run._element.rPr.find(f"{W}rFonts").get(f"{W}eastAsia")


def test_page_is_a4_with_the_standard_margins_and_text_block(notice):
    section = notice.sections[0]
    assert abs(section.page_width / MM - 210) < 1 and abs(section.page_height / MM - 297) < 1
    assert abs(section.top_margin / MM - 37) < 1 and abs(section.left_margin / MM - 28) < 1
    block_width = (section.page_width - section.left_margin - section.right_margin) / MM
    block_height = (section.page_height - section.top_margin - section.bottom_margin) / MM
    assert abs(block_width - 156) < 1 and abs(block_height - 225) < 1


def test_header_is_the_office_name_in_red_xiaobiaosong_centred(notice):
    header = body(notice)[0]
    assert header.text == "荆门市人民政府法制办公室"  # [office] name in sample_reports/inspect.toml
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in header.runs:
        assert east_asia(run) == "方正小标宋简体" and str(run.font.color.rgb) == "FF0000"
        # the office's name fits on the line: at most nine tenths of the 156 mm block
        assert run.font.size.pt * len(header.text) <= 156 / 25.4 * 72 * 0.9


def test_number_two_lines_below_header_and_red_rule_4mm_under_it(notice):
    paragraphs = body(notice)
    number = paragraphs[1]
    assert re.fullmatch(r"荆法督〔\d{4}〕[1-9]\d*号", number.text) and number.text == "荆法督〔2017〕1号"
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia(number.runs[0]) == "仿宋_GB2312" and number.runs[0].font.size.pt == 16
    pitch = notice.sections[0]._sectPr.find(f"{W}docGrid").get(f"{W}linePitch")
    assert number.paragraph_format.space_before.twips == pytest.approx(2 * int(pitch), abs=1)
    rule = number._p.pPr.find(f"{W}pBdr").find(f"{W}bottom")
    assert rule.get(f"{W}color") == "FF0000" and rule.get(f"{W}val") == "single"
    # 4 mm under the number's glyphs, which end about 2 pt above its line's foot
    assert abs((int(rule.get(f"{W}space")) + 2) * 25.4 / 72 - 4) < 1
    # a paragraph border is as wide as the paragraph: no indents, so the text block's width
    assert not number.paragraph_format.left_indent and not number.paragraph_format.right_indent


def test_title_in_er_hao_xiaobiaosong_two_lines_below_the_rule(notice):
    title = body(notice)[2]
    assert title.text == "督办通知书" and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    assert title.paragraph_format.space_before.pt == pytest.approx(2 * 28.95, abs=0.1)


def test_addressee_flush_left_ending_in_colon(notice):
    addressee = body(notice)[3]
    assert addressee.text == "市编办：" and not addressee.paragraph_format.first_line_indent
    assert addressee.alignment in (WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT)


def test_body_in_san_hao_fangsong_on_22_lines_of_28_characters(notice):
    section = notice.sections[0]
    grid = section._sectPr.find(f"{W}docGrid")
    pitch = int(grid.get(f"{W}linePitch"))
    block_twips = (section.page_height - section.top_margin - section.bottom_margin) // 635
    assert block_twips // pitch == 22  # the line pitch gives 22 lines to the page, no more, no fewer
    assert grid.get(f"{W}type") == "lines"
    paragraphs = body(notice)
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("荆门市人民政府法制办公室于"))
    text = [
        p
        for p in paragraphs[start:]
        if p.runs
        and east_asia(p.runs[0]) == "仿宋_GB2312"
        and p.runs[0].font.size.pt == 16
        and p.paragraph_format.first_line_indent
    ]
    assert len(text) >= 8
    width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700
    for paragraph in text:
        assert paragraph.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert paragraph.paragraph_format.line_spacing.twips == pitch
        assert paragraph.paragraph_format.first_line_indent.pt == 32  # 段首空二字
        for run in paragraph.runs:
            condense = int(run._element.rPr.find(f"{W}spacing").get(f"{W}val")) / 20
            # 28 characters fit on a line, 29 do not
            assert 28 * (16 + condense) <= width_pt < 29 * (16 + condense)


def test_issuer_and_date_at_the_right_with_room_for_the_seal(notice):
    paragraphs = notice.paragraphs
    dated = next(i for i, p in enumerate(paragraphs) if p.text == "2017年3月10日")
    issuer, date_line = paragraphs[dated - 1], paragraphs[dated]
    assert issuer.text == "荆门市人民政府法制办公室"
    assert issuer.alignment == date_line.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date_line.paragraph_format.right_indent.pt == 64  # 右空四字
    # blank lines above the issuer for the seal
    assert issuer.paragraph_format.space_before.pt >= 2 * 28.9
    assert not re.search(r"年0|月0", date_line.text)


def test_colophon_between_rules_at_the_foot_of_the_last_page(notice):
    frames = [p for p in notice.paragraphs if p._p.pPr is not None and p._p.pPr.find(f"{W}framePr") is not None]
    assert [p.text.split("：")[0] for p in frames][:1] == ["抄送"]
    cc, printed = frames
    assert cc.text == "抄送：市委依法治市办，市政府办公室。"
    assert printed.text == "荆门市人民政府法制办公室\t2017年3月10日印发"
    # after everything else: the frames are anchored on the last page, the 印发 line's foot on the block's foot
    elements = [p._p for p in notice.paragraphs]
    assert elements.index(printed._p) == len(elements) - 2 and notice.paragraphs[-1].text == ""
    frame = printed._p.pPr.find(f"{W}framePr")
    assert frame.get(f"{W}yAlign") == "bottom" and frame.get(f"{W}vAnchor") == "margin"
    section = notice.sections[0]
    block = (section.page_width - section.left_margin - section.right_margin) / 635
    for paragraph in frames:
        assert abs(int(paragraph._p.pPr.find(f"{W}framePr").get(f"{W}w")) - block) <= 57  # 1 mm
    rules = {side: int(cc._p.pPr.find(f"{W}pBdr").find(f"{W}{side}").get(f"{W}sz")) for side in ("top", "bottom")}
    last = int(printed._p.pPr.find(f"{W}pBdr").find(f"{W}bottom").get(f"{W}sz"))
    assert rules["top"] == last == 8 and rules["bottom"] == 6  # 0.35 mm outside, 0.25 mm between
    assert all(east_asia(r) == "仿宋_GB2312" and r.font.size.pt == 14 for p in frames for r in p.runs)


def test_colophon_without_cc_names_who_prints(invoke, tmp_path, produced, monkeypatch):
    (tmp_path / "inspect.toml").write_text('[office]\nname = "荆门市全面依法治市委员会办公室"\n', encoding="utf-8")
    monkeypatch.setenv("INSPECT_LEDGER", str(produced["notice.docx"].parent / "ledger.db"))
    out = tmp_path / "通知.docx"
    assert invoke("notices", "render", sample_pipeline.NUMBER, "-o", out, "--lang", "zh").exit_code == 0
    document = docx.Document(str(out))
    assert body(document)[0].text == "荆门市全面依法治市委员会办公室"
    frames = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.find(f"{W}framePr") is not None]
    assert [p.text for p in frames] == ["荆门市全面依法治市委员会办公室\t2017年3月10日印发"]
    borders = frames[0]._p.pPr.find(f"{W}pBdr")
    assert borders.find(f"{W}top") is not None and borders.find(f"{W}bottom") is not None


def test_page_numbers_in_si_hao_songti_right_on_odd_left_on_even(notice):
    assert notice.settings.odd_and_even_pages_header_footer
    section = notice.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert field_codes(footer._element) == ["PAGE"]
        assert paragraph.text == "— 1 —"  # the field's last value between 一字线
        assert all(east_asia(r) == "宋体" and r.font.size.pt == 14 for r in paragraph.runs)
    # 一字线 7 mm under the text block: the footer line (exactly 四号) centred 7 mm below it
    dash_from_foot_mm = (section.footer_distance.pt + 7) * 25.4 / 72
    assert abs(section.bottom_margin / MM - 7 - dash_from_foot_mm) < 1


def test_fonts_named_for_word_and_wps_with_fallbacks(produced):
    with zipfile.ZipFile(produced["notice.docx"]) as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
    for font, fallback in (("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "华文中宋"), ("宋体", "SimSun")):
        assert re.search(rf'<w:font w:name="{font}"><w:altName w:val="{fallback}"/><w:charset w:val="86"/>', table)
    assert 'w:eastAsia="仿宋_GB2312"' in styles and 'w:eastAsia="zh-CN"' in styles


def test_same_ledger_gives_the_same_bytes(produced, invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECT_LEDGER", str(produced["notice.docx"].parent / "ledger.db"))
    monkeypatch.setenv("INSPECT_CONFIG", str(sample_pipeline.SAMPLES / "inspect.toml"))
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for out in (first, second):
        assert invoke("notices", "render", sample_pipeline.NUMBER, "-o", out, "--lang", "zh").exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert docx_facts(first) == docx_facts(produced["notice.docx"])


def test_office_example_in_the_docs_is_the_config_it_describes(tmp_path):
    from conftest import REPO

    from inspect_cli.core.config import Office, load_config

    text = (REPO / "docs" / "records.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[office\].*?)```", text, re.S)[1]
    (tmp_path / "office.toml").write_text(example, encoding="utf-8")
    assert load_config(tmp_path / "office.toml").office == Office(
        "荆门市人民政府法制办公室", "市委依法治市办，市政府办公室", "荆门市人民政府法制办公室"
    )
    for picture in re.findall(r"\]\((images/[^)]+\.png)\)", text):
        assert (REPO / "docs" / picture).stat().st_size < 150_000, picture


def test_unknown_office_key_is_refused_with_the_allowed_ones(tmp_path):
    from inspect_cli.core.config import load_config
    from inspect_cli.exceptions import InputError

    (tmp_path / "office.toml").write_text('[office]\nseal = "x"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"\[office\] has unknown key 'seal'; allowed: name, cc, printed_by"):
        load_config(tmp_path / "office.toml")
