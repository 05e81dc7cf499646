"""What every .docx the program writes shares: the GB/T 9704-2012 page, fonts Word and WPS find, fields, fixed bytes."""

from __future__ import annotations

import io
import math
from datetime import date
from xml.sax.saxutils import escape

from inspect_cli.render.package import document_moment, repacked

# GB/T 9704-2012: A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, so 26 mm on the right and 35 mm at the foot
PAGE_MM = (210.0, 297.0)
TOP_MM, LEFT_MM = 37.0, 28.0
BLOCK_MM = (156.0, 225.0)
RIGHT_MM = PAGE_MM[0] - LEFT_MM - BLOCK_MM[0]
BOTTOM_MM = PAGE_MM[1] - TOP_MM - BLOCK_MM[1]
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28

# 字号 in points
SIZE_2, SIZE_3, SIZE_4, SIZE_SMALL_4, SIZE_5 = 22.0, 16.0, 14.0, 12.0, 10.5

TWIPS_PER_MM = 1440 / 25.4
# 22 lines in the 225 mm block: 579 twips (28.95 pt), rounded down so that the 22nd line still fits
LINE_PITCH_TWIPS = int(BLOCK_MM[1] * TWIPS_PER_MM / LINES_PER_PAGE)
# 28 characters of 三号 in the 156 mm line: each one condensed by this many twips (-5: 15.75 pt a character). Word
# alone squeezes characters into a grid of characters (LibreOffice spreads them over two cells each), so the grid
# holds lines only and the characters are narrowed instead, which every word processor honours.
CHAR_CONDENSE_TWIPS = math.floor((BLOCK_MM[0] * 72 / 25.4 / CHARS_PER_LINE - SIZE_3) * 20)

# The fonts named in the documents, and what Word and WPS fall back to on a machine without them (w:altName).
FANGSONG, XIAOBIAOSONG, SONGTI, HEITI, KAITI, LATIN = (
    "仿宋_GB2312",
    "方正小标宋简体",
    "宋体",
    "黑体",
    "楷体_GB2312",
    "Times New Roman",
)
FALLBACKS = {
    FANGSONG: "仿宋",
    XIAOBIAOSONG: "华文中宋",
    SONGTI: "SimSun",
    HEITI: "SimHei",
    KAITI: "楷体",
    LATIN: "Times New Roman",
}
# GB2312 (charset 86) fonts; Windows font families as the font table names them
_FONT_FAMILY = {
    FANGSONG: "modern",
    XIAOBIAOSONG: "script",
    SONGTI: "auto",
    HEITI: "modern",
    KAITI: "modern",
    LATIN: "roman",
}
RED = "FF0000"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def new_document(title: str, day: date | None, lang: str = "zh"):
    """An empty A4 document on the GB/T 9704 page, its default fonts CJK-aware and its properties fixed to `day`."""
    import docx
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.header_distance = Mm(15)
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = "inspect-cli"
    properties.created = properties.modified = document_moment(day)
    properties.revision = 1
    properties.language = "zh-CN" if lang == "zh" else "en-US"
    properties.comments = properties.keywords = properties.subject = properties.category = ""
    _defaults(document, lang)
    _font_table(document)
    return document


def _defaults(document, lang: str) -> None:
    """Body text in 仿宋 (Latin letters and digits in Times New Roman), Chinese as the East Asian language."""
    from docx.oxml import parse_xml

    styles = document.styles.element
    defaults = styles.find(f"{{{_W}}}docDefaults")
    defaults.getparent().remove(defaults)
    styles.insert(
        0,
        parse_xml(
            f'<w:docDefaults xmlns:w="{_W}"><w:rPrDefault><w:rPr>'
            f'<w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:eastAsia="{FANGSONG}" w:cs="{LATIN}" w:hint="eastAsia"/>'
            f'<w:kern w:val="2"/><w:sz w:val="{int(SIZE_3 * 2)}"/><w:szCs w:val="{int(SIZE_3 * 2)}"/>'
            f'<w:lang w:val="{"zh-CN" if lang == "zh" else "en-US"}" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            # no extra space between Chinese and Latin letters or digits: 2017年3月10日 stays one run of type
            '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    # the grid's character pitch is reckoned from the Normal style's size (LibreOffice reads it there, not from
    # the defaults): say it
    from docx.shared import Pt

    document.styles["Normal"].font.size = Pt(SIZE_3)


def _font_table(document) -> None:
    """The font table lists each font with its GB2312 charset and the font to use where it is missing."""
    entries = "".join(
        f'<w:font w:name="{escape(name)}"><w:altName w:val="{escape(FALLBACKS[name])}"/>'
        f'<w:charset w:val="{"00" if name == LATIN else "86"}"/><w:family w:val="{_FONT_FAMILY[name]}"/>'
        f'<w:pitch w:val="{"variable" if name == LATIN else "fixed"}"/></w:font>'
        for name in FALLBACKS
    )
    xml = f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:fonts xmlns:w=\"{_W}\">{entries}</w:fonts>"
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            part._blob = xml.encode("utf-8")


def set_font(
    run,
    name: str,
    size: float,
    bold: bool = False,
    colour: str | None = None,
    latin: str = LATIN,
    condense_twips: int = 0,
) -> None:
    """A run's font: the CJK face for East Asian text, `latin` for letters and digits, its size and colour, and how
    much narrower than its size each character is set (twips, negative)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.size = Pt(size)
    run.font.bold = bold
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute, value in (
        ("w:ascii", latin),
        ("w:hAnsi", latin),
        ("w:eastAsia", name),
        ("w:cs", latin),
        ("w:hint", "eastAsia"),
    ):
        fonts.set(qn(attribute), value)
    if condense_twips:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(condense_twips))
        # w:spacing follows the font, bold, colour and precedes the size in a run's properties
        run._element.rPr.find(qn("w:sz")).addprevious(spacing)


def add_text(
    paragraph,
    text: str,
    font: str = FANGSONG,
    size: float = SIZE_3,
    bold: bool = False,
    colour: str | None = None,
    latin: str = LATIN,
    condense_twips: int = 0,
):
    """A run of text in a paragraph, in the given font and size."""
    run = paragraph.add_run(text)
    set_font(run, font, size, bold, colour, latin, condense_twips)
    return run


def add_field(paragraph, instruction: str, shown: str, font: str, size: float, latin: str = LATIN) -> None:
    """A field (PAGE, NUMPAGES) as Word writes it: begin, instruction, separator, the value last shown, end."""
    from docx.oxml import parse_xml

    for fragment in (
        f'<w:fldChar xmlns:w="{_W}" w:fldCharType="begin"/>',
        f'<w:instrText xmlns:w="{_W}" xml:space="preserve"> {instruction} </w:instrText>',
        f'<w:fldChar xmlns:w="{_W}" w:fldCharType="separate"/>',
        None,
        f'<w:fldChar xmlns:w="{_W}" w:fldCharType="end"/>',
    ):
        run = paragraph.add_run(shown if fragment is None else "")
        set_font(run, font, size, latin=latin)
        if fragment is not None:
            run._element.append(parse_xml(fragment))


# the order WordprocessingML requires of a paragraph's properties
_PARAGRAPH_PROPERTY_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "outlineLvl",
    "rPr",
    "sectPr",
    "pPrChange",
)


def set_property(paragraph, name: str, **attributes):
    """Set one paragraph property (w:snapToGrid, w:framePr, w:pBdr …) in its schema position; returns the element."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = paragraph._p.get_or_add_pPr()
    element = properties.find(qn(f"w:{name}"))
    if element is None:
        element = OxmlElement(f"w:{name}")
        rank = _PARAGRAPH_PROPERTY_ORDER.index(name)
        later = next(
            (
                child
                for child in properties
                if child.tag.split("}")[1] in _PARAGRAPH_PROPERTY_ORDER
                and _PARAGRAPH_PROPERTY_ORDER.index(child.tag.split("}")[1]) > rank
            ),
            None,
        )
        if later is not None:
            later.addprevious(element)
        else:
            properties.append(element)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def paragraph_border(paragraph, side: str, size_eighths: int, colour: str = "000000", space_pt: int = 0) -> None:
    """A single rule along one side of a paragraph (as wide as the paragraph, so as the text block)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = set_property(paragraph, "pBdr")
    rule = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", size_eighths), ("space", space_pt), ("color", colour)):
        rule.set(qn(f"w:{key}"), str(value))
    order = ("top", "left", "bottom", "right", "between", "bar")
    later = next((child for child in borders if order.index(child.tag.split("}")[1]) > order.index(side)), None)
    if later is not None:
        later.addprevious(rule)
    else:
        borders.append(rule)


def document_bytes(document) -> bytes:
    """The saved document, its ZIP entries dated alike so that the same content gives the same bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return repacked(buffer.getvalue())
