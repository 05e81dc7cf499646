"""The numbers plans put before their items (一、 （一） 1. (1) ①, 第一章 第一条): their styles, outermost first, and
their values."""

from __future__ import annotations

import re
import unicodedata

from inspect_cli.domain.textnorm import int_to_cn

_CN = "一二三四五六七八九十百千零〇"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Numbering styles, outermost first; each regex runs on folded text (ASCII brackets and colons).
# One-character forms, ㈠ ⒈ ⑴, are the same numbers set as a single glyph.
STYLES = (
    ("part", re.compile(rf"^(?:([{_CN}]+)\s*[、.]|第([{_CN}]+)(?:章|部分)(?:\s+|[、.:]))\s*")),
    ("section", re.compile(rf"^(?:\(\s*([{_CN}]+)\s*\)|([㈠-㈩])|第([{_CN}]+)节(?:\s+|[、.:]))\s*")),
    ("topic", re.compile(rf"^(?:(\d{{1,6}})\s*(?:\.(?!\d)|、)|([⒈-⒛])|第([{_CN}\d]+)条(?:\s+|[、.:]))\s*")),
    # 1.1, 2.3: a topic's items numbered under it, as technical documents number them
    ("decimal", re.compile(r"^(\d{1,3}\.\d{1,4})(?![.\d])[.、]?\s*")),
    ("item", re.compile(r"^(?:\(\s*(\d{1,6})\s*\)|(\d{1,6})\)(?!\d)|([⑴-⒇]))\s*")),
    ("circled", re.compile(rf"^([{CIRCLED}])\s*")),
)
STYLE_ORDER = [style for style, _ in STYLES]
_CN_DIGITS = {**{c: i for i, c in enumerate("零一二三四五六七八九")}, "〇": 0}
_CN_UNITS = {"百": 100, "千": 1000}


def number_of(folded: str) -> tuple[str, str, int] | None:
    """The numbering a folded line starts with: its style, its numeral and where the text after it starts; or None."""
    for style, pattern in STYLES:
        match = pattern.match(folded)
        if match:
            found = next(group for group in match.groups() if group)
            if len(found) == 1 and not found.isascii() and style != "circled":
                found = unicodedata.normalize("NFKC", found).strip("(). ")  # ㈠ → 一, ⒈ → 1, ⑴ → 1
            if style == "topic" and not found.isdigit():  # 第十二条 is article 12
                found = str(cn_to_int(found))
            return style, found, match.end()
    return None


def cn_to_int(numeral: str) -> int | None:
    """Chinese, circled or Arabic numeral as an int: 十一 → 11, 二十 → 20, ③ → 3, 2000 → 2000."""
    if not numeral:
        return None
    if numeral.isdigit() and numeral.isascii():
        return int(numeral)
    if numeral in CIRCLED:
        return CIRCLED.index(numeral) + 1
    total, current = 0, 0
    for char in numeral:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[char]
            current = 0
        else:
            return None
    return total + current


def numeral(value: int, style: str) -> str:
    """A number written in a numbering style: 2 → 二 for parts and sections, ② for circled items, else 2."""
    if style in ("part", "section"):
        return int_to_cn(value)
    if style == "circled" and 1 <= value <= len(CIRCLED):
        return CIRCLED[value - 1]
    return str(value)
