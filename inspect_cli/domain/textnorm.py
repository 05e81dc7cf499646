"""Length-preserving normalisation of full-width punctuation, so parsers match one form of each mark."""

from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    import opencc

# One character in, one character out: offsets found in the normalised text index the original.
_FULLWIDTH = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "：": ":",
        "，": ",",
        "；": ";",
        "．": ".",
        "﹒": ".",
        "\u3000": " ",
        "\xa0": " ",
        **{chr(0xFF10 + d): str(d) for d in range(10)},
    }
)
_UNIT_FORM = str.maketrans({"(": "（", ")": "）"})
# Every bracket kind plans use; a tail may be any of them, and separators inside any of them do not split.
# What a web page puts around a document it shows (menus, share and print links, footers): the words its lines
# start with, for the plan importer and the desk review alike.
PAGE_FURNITURE = (
    "详见",
    "分享到",
    "分享",
    "打印本页",
    "关闭窗口",
    "关闭",
    "打印",
    "字体",
    "字号",
    "责任编辑",
    "来源:",
    "扫一扫",
    "上一篇",
    "下一篇",
    "返回顶部",
    "返回",
    "首页",
    "相关链接",
    "附件下载",
    "长者浏览模式",
    "通知公告",
    "无障碍",
    "中国政府网",
    "网站地图",
)
PAGE_FURNITURE_RE = "|".join(re.escape(word) for word in PAGE_FURNITURE)

OPENERS = "([【〔［{｛"
CLOSERS = ")]】〕］}｝"
# Title marks only keep separators inside them whole; they never hold a tail.
_SPLIT_OPENERS = OPENERS + "《〈"
_SPLIT_CLOSERS = CLOSERS + "》〉"


def fold(text: str) -> str:
    """Full-width brackets, colons, commas, semicolons, digits and spaces to ASCII, keeping length."""
    return text.translate(_FULLWIDTH)


def unit_name(text: str) -> str:
    """The canonical spelling of a unit name: no stray spaces, full-width brackets as printed."""
    return "".join(fold(text).split()).translate(_UNIT_FORM)


def comparable(text: str) -> str:
    """A form for comparing text written with different punctuation widths (NFKC, no spaces)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s.json")


_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


# A simplified document may hold a rare character or two outside GB2312 (a variant, a typo); a traditional one
# has dozens (國, 區, 單 …). Up to this many distinct ones, the text is taken as simplified without loading OpenCC.
_RARE_OUTSIDE_GB2312 = 3


def _plainly_simplified(text: str, rare: int = 0) -> bool:
    """True when the Chinese characters are in GB2312, the simplified set, but for up to `rare` distinct others."""
    han = _NOT_HAN.sub("", text)
    try:
        han.encode("gb2312")
        return True
    except UnicodeEncodeError:
        if not rare:
            return False
    outside = {char for char in set(han) if not _in_gb2312(char)}
    return len(outside) <= rare


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


# Set while reading a document already found to hold no traditional characters: no conversion is needed.
_ALL_SIMPLIFIED: ContextVar[bool] = ContextVar("all_simplified", default=False)


@contextmanager
def known_simplified(text: str) -> Iterator[None]:
    """Within this block, skip conversion when the whole `text` converts to itself (one OpenCC call, not thousands)."""
    token = _ALL_SIMPLIFIED.set(_plainly_simplified(text, _RARE_OUTSIDE_GB2312) or _converter().convert(text) == text)
    try:
        yield
    finally:
        _ALL_SIMPLIFIED.reset(token)


def simplified(text: str) -> str:
    """Traditional characters converted to simplified ones (OpenCC), keeping length so offsets still index the
    original."""
    if _ALL_SIMPLIFIED.get() or _plainly_simplified(text):
        return text
    converted: str = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    # a phrase conversion changed the length: convert character by character instead
    return "".join(piece if len(piece := _converter().convert(char)) == 1 else char for char in text)


def matching_form(text: str) -> str:
    """The form every pattern is matched on: simplified characters, ASCII punctuation, same length as the text."""
    return fold(simplified(text))


def int_to_cn(number: int) -> str:
    """An int up to 99 as a Chinese numeral: 11 → 十一, 20 → 二十."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    if tens == 0:
        return digits[ones]
    return f"{'' if tens == 1 else digits[tens]}十{digits[ones] if ones else ''}"


def trailing_bracket(folded: str) -> int | None:
    """Where the bracket that ends the text opens (any bracket kind, nesting allowed), or None."""
    end = len(folded.rstrip(" 。.;"))
    if end == 0 or folded[end - 1] not in CLOSERS:
        return None
    depth = 0
    for position in range(end - 1, -1, -1):
        char = folded[position]
        if char in CLOSERS:
            depth += 1
        elif char in OPENERS:
            depth -= 1
            if depth == 0:
                return position
    return None


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split on any of `separators` except inside brackets of any kind, e.g. 各县(市、区)政府 stays whole."""
    folded = fold(text)
    if not any(separator in folded for separator in separators):
        return [text]
    pieces, depth, start = [], 0, 0
    for position, char in enumerate(folded):
        if char in _SPLIT_OPENERS:
            depth += 1
        elif char in _SPLIT_CLOSERS:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            pieces.append(text[start:position])
            start = position + 1
    pieces.append(text[start:])
    return pieces


# A pinyin gloss some mirror sites print after a character: 經(jīng), 貿（mào）. A tone mark tells it from a bracket
# of Latin letters a document means (an abbreviation, an English name).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（][a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*[)）]")
_OPTIONAL_GLOSS = rf"(?:[(（][a-zü{_TONED}]+[)）])?"


def without_glosses(text: str) -> str:
    """The text without the pinyin glosses a mirror site put after characters: 市經(jīng)貿(mào)委 → 市經貿委."""
    return _GLOSS.sub("", text) if "(" in text or "（" in text else text


def has_glosses(text: str) -> bool:
    """True when the text holds pinyin glosses after characters."""
    return bool(_GLOSS.search(text))


def with_glosses(text: str, source: str) -> str:
    """`text` as `source` writes it, glosses included (市經貿委 → 市經(jīng)貿(mào)委); unchanged when not found
    there."""
    if not text:
        return text
    pattern = "".join(re.escape(char) + (_OPTIONAL_GLOSS if "\u4e00" <= char <= "\u9fff" else "") for char in text)
    match = re.search(pattern, source)
    return match[0] if match else text
