"""Desk review (书面督察) of an annual report: its unit and year, required parts, claimed figures, and
which checklist tasks it speaks to."""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, overload

from inspect_cli.domain.checklist import Checklist, Task
from inspect_cli.domain.clock import now_iso
from inspect_cli.domain.models import ReportPart
from inspect_cli.domain.textnorm import PAGE_FURNITURE_RE, fold, known_simplified, simplified
from inspect_cli.exceptions import StateError
from inspect_cli.formats.documents import DOCX_SUFFIXES, HTML_SUFFIXES, Document, read_document
from inspect_cli.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from inspect_cli.ledger.base import Ledger

PART_KEYS = tuple(part.value for part in ReportPart)
REQUIRED_PARTS = tuple(part.value for part in ReportPart if part is not ReportPart.other)
# Checked in this order: a leaders' heading also says 推进法治建设, a shortcomings heading 推进…建设.
_PART_WORDS = (
    ("leaders", re.compile(r"第一责任人|主要负责人|主要负责同志|党政主要领导|主要领导.*职责")),
    ("other", re.compile(r"其他需要报告|其他有关情况|其他情况")),
    ("shortcomings", re.compile(r"不足|存在的问题|问题和|差距|薄弱")),
    (
        "plans",
        re.compile(r"下一年度|下一步|下步|主要安排|工作安排|工作思路|工作打算|工作计划|\d{4}年.{0,12}(安排|计划|打算)"),
    ),
    (
        "measures",
        re.compile(r"举措|成效|做法|主要工作|工作情况|工作开展|工作措施|(?:建设|推进|开展|落实|基本|总体|进展)情况"),
    ),
)
_TOP_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,2}\s*[、.．]|、|第[一二三四五六七八九十]{1,2}部分\s*[、.．:：]?)\s*(?P<title>.+)$"
)
# Items under a part: (一), 1., (1). Their title is the text before the first full stop.
_SUB_HEADING = re.compile(
    r"^\s*(?:[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]|\d{1,2}\s*[.．、](?!\d))\s*(?P<title>.+)$"
)
# An enumerated point inside a paragraph: 一是…。二是…。
_POINT = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,2})是\s*(?P<title>.+)$")
_SUB_TITLE_MAX = 50
_BARE_HEADING_MAX = 40
# A line that ends like a title (…报告, …报告（2023年度）) or announces what follows (现将…报告如下：) heads no part.
_NOT_A_HEADING = re.compile(r"(?:报告|总结)\s*(?:[（(][^)）]*[)）])?$|报告如下|[:：]")
_MEASURE = (
    r"个工作日|工作日|人次|场次|个次|家次|万元|亿元|"
    r"%|％|件|个|份|次|人|项|场|元|家|条|期|批|起|户|篇|部|名|天|小时|所|支|本|册|类|宗|位|单|卷|套|节|课时|学时"
)
_FIGURE = re.compile(rf"(?<![\d.])(?P<value>\d+(?:\.\d+)?)\s*(?P<measure>(?:余|多)?(?:{_MEASURE}))")
_CHROME = re.compile(rf"^({PAGE_FURNITURE_RE}|X|【.*】|.*\|.*\|)")
_SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")
_ITEM_SPLIT = re.compile(r"(?=(?<![\u4e00-\u9fff])[一二三四五六七八九十]是|(?<=[。；;])[一二三四五六七八九十]是)")


@dataclass(frozen=True)
class Part:
    """A required (or optional) part of the report and the heading found for it."""

    part: str
    found: bool
    heading: str | None


@dataclass(frozen=True)
class Figure:
    """A figure the report claims, to be checked on site: value, unit of measure and its sentence."""

    value: str
    measure: str
    sentence: str
    line: int


@dataclass(frozen=True)
class Match:
    """A passage of the report that speaks to a checklist task."""

    task_id: str
    score: float
    passage: str
    line: int


@dataclass(frozen=True)
class Review:
    """The desk review of one report."""

    file: str
    unit: str | None
    year: int | None
    parts: tuple[Part, ...]
    missing: tuple[str, ...]
    figures: tuple[Figure, ...]
    matches: tuple[Match, ...] = ()
    unaddressed: tuple[str, ...] = ()
    tasks_checked: int = 0
    truncated: bool = False  # the text stops short: a part not found may simply not have been captured
    structure_read: bool = True  # False: no heading, item or point was seen, so no part is called missing

    @property
    def tasks_addressed(self) -> int:
        return len({m.task_id for m in self.matches})


@dataclass(frozen=True)
class _Passage:
    text: str
    line: int


_HEAD_LINES = 25  # menus and page chrome may come before the title
_SIGNATURE_LINES = 6
_YEAR = r"(?P<year>(?:19|20)\d{2})\s*年(?!\s*\d)"
_TITLE_LINE = re.compile(r"(?:法治|依法行政).*(?:报告|总结)(?:\((?:19|20)\d{2}\s*年度?\))?$")
_TITLE_MAX = 60
_TITLE_CUT = re.compile(rf"关于|{_YEAR}|法治|依法行政|年度")
_JOINT_PARTY = re.compile(r"^中共[\u4e00-\u9fff]+?委(?:员会)?[、和]?(?=[\u4e00-\u9fff]{2})")
_GOVERNMENT_END = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:人民)?政府$")
_OPENING_YEAR = re.compile(rf"^(?:{_YEAR}(?:度|以来)?|今年以来|一年来|过去一年)\s*[,、]?")
_HEADING_YEAR = re.compile(rf"^\s*[一二三四五六七八九十]{{1,2}}\s*[、.．].{{0,4}}?{_YEAR}")
# 2023年，X县委、县政府… : the Party committee and the government of X report together, so the unit is X.
_PARTY_AND_GOVERNMENT = re.compile(r"^(?:党)?委(?:员会)?[、和与][\u4e00-\u9fff]{0,12}?政府")
_REPORTING = re.compile(rf"现将(?P<unit>[\u4e00-\u9fff]{{2,24}}?)(?:{_YEAR}|本年度|年度|今年|全年|有关|工作|法治|依法)")
# Clauses before the subject: 在…领导下, 为…, 按照…; the subject is the first clause that is none of these.
_ADVERBIAL = re.compile(r"^(?:在|为|按照|根据|依据|围绕|随着|面对|通过|对照|立足)")
_SELF = re.compile(r"^(?:我|本)(?P<level>街道|中心|省|市|县|区|旗|乡|镇|局|委|办|院|厅|所)")
_PLACE_LEVELS = ("省", "市", "县", "区", "旗", "乡", "镇")
_SUFFIXES = tuple(
    sorted(
        {
            # places
            "特别行政区",
            "自治区",
            "自治州",
            "自治县",
            "自治旗",
            "地区",
            "新区",
            "开发区",
            "示范区",
            "高新区",
            "经开区",
            "管理区",
            "社区",
            "街道",
            "省",
            "市",
            "州",
            "盟",
            "县",
            "区",
            "旗",
            "乡",
            "镇",
            # bodies
            "人民政府办公室",
            "人民政府",
            "政府办公室",
            "政府",
            "街道办事处",
            "办事处",
            "党工委",
            "管委会",
            "管理委员会",
            "委员会",
            "办公室",
            "办公厅",
            "中心",
            "局",
            "委",
            "办",
            "厅",
            "部",
            "院",
            "所",
            "室",
            "站",
            "处",
            "队",
        },
        key=len,
        reverse=True,
    )
)
_STEM_MAX = 8
_LATER_STEM_MAX = 6  # 市场监督管理局 after a place name
_UNIT_MAX = 24
# Words that name an activity, not a body: a name holding one is a predicate read too far.
_NOT_IN_UNIT = re.compile(
    r"法治|建设|工作|推进|贯彻|落实|学习|领导|指导|部署|要求|思想|精神|坚持|全面|深入|认真|积极|扎实|持续|进一步|"
    r"干部|全部|内部"
)
# After the first piece of a name, a preposition or conjunction starts the predicate (…司法局在区委领导下).
_PREDICATE_START = tuple("在以为按对把将于和与及从向由据经")
_DETERMINERS = "我本全各该每此其"
# A one-character body suffix followed by one of these is a word of its own (办理, 部署, 局面), not a name's end.
_JOINS_A_WORD = {
    "办": "理好",
    "处": "理置罚",
    "部": "署门分",
    "局": "面势",
    "所": "有属以",
    "站": "位",
    "队": "伍",
    "院": "校",
    "室": "内外",
}
_CJK_LEAD = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class _Line:
    """A line of the report as matched (simplified characters, same length) and as the document writes it."""

    number: int
    text: str
    original: str


# A site's watermark: a name or slogan and a web address, stamped into the text wherever the page breaks.
_WEB_ADDRESS = re.compile(
    r"(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|cc|top|info)(?:/[\w./?=&%-]*)?"
)
_WATERMARK_MAX = 40


def _watermarks(text: str) -> list[str]:
    """Web addresses, each with the words stamped before or after it every time it recurs; longest first."""
    spans = [match.span() for match in _WEB_ADDRESS.finditer(text)]
    marks: set[str] = set()
    for address in {text[start:end] for start, end in spans}:
        where = [(start, end) for start, end in spans if text[start:end] == address]
        before = (
            _common_end([text[max(0, start - _WATERMARK_MAX) : start] for start, _ in where]) if len(where) > 1 else ""
        )
        after = _common_start([text[end : end + _WATERMARK_MAX] for _, end in where]) if len(where) > 1 else ""
        marks.add(before + address + after)
    return sorted(marks, key=len, reverse=True)


def _without(marks: list[str], text: str) -> str:
    for mark in marks:
        text = text.replace(mark, "")
    return text


def _common_end(texts: list[str]) -> str:
    """The longest ending all texts share, cut back to start after punctuation or a line break."""
    shortest = min(texts, key=len)
    size = 0
    while size < len(shortest) and all(t[len(t) - size - 1] == shortest[len(shortest) - size - 1] for t in texts):
        size += 1
    return re.sub(r"^.*[\s。,，;；:：!！?？]", "", shortest[len(shortest) - size :]) if size else ""


def _common_start(texts: list[str]) -> str:
    return _common_end([t[::-1] for t in texts])[::-1]


def _read_lines(document: Document) -> list[_Line]:
    """The document's non-empty lines, watermarks removed, each read through simplified characters."""
    marks = _watermarks("\n".join(line.text for line in document.lines))
    originals = [(line.number, _without(marks, line.text).strip()) for line in document.lines]
    with known_simplified("\n".join(text for _, text in originals)):
        return [_Line(number, simplified(text), text) for number, text in originals if text]


_PAGE_LINE = 200  # a line this long is a page captured as one line, whatever menu words it starts with


def _is_chrome(text: str) -> bool:
    return len(text) < _PAGE_LINE and bool(_CHROME.match(text))


def _body_lines(lines: list[_Line]) -> list[_Line]:
    """Lines of the report proper: web chrome (menus, share links, footers) left out."""
    body: list[_Line] = []
    for index, line in enumerate(lines):
        text = line.text
        if _is_chrome(text):
            continue
        if (
            len(text) <= 12
            and not re.search(r"[。，,；：:]", text)
            and not _TOP_HEADING.match(text)
            and not (body and body[-1].text.endswith(_SENTENCE_CLOSE) and _paragraph_follows(lines, index))
        ):
            continue  # a menu entry or a button, not a sentence or a heading between two paragraphs
        body.append(line)
    return body


def _paragraph_follows(lines: list[_Line], index: int) -> bool:
    return index + 1 < len(lines) and len(lines[index + 1].text) >= _PARAGRAPH_MIN


def _identity_lines(lines: list[_Line]) -> list[str]:
    """Non-empty lines without web chrome, short ones kept: a title may be split, a signature is short."""
    return [line.text for line in lines if not _is_chrome(line.text)]


# Page buttons run onto the end of a page captured as one line.
_TRAILING_CHROME = re.compile(
    r"(?:关闭窗口|打印本页|打印|返回顶部|返回|分享到|扫一扫[^。]*|上一篇[^。]*|下一篇[^。]*)+$"
)
# A page captured as one line: sentences end at a full stop, and a title may run straight into the opening.
# A heading inside such a line starts after a stop or a colon (…报告如下:一、主要做法 …措施。(二)加强监督),
# or after a paragraph's indent (…主要做法　　(一)加强监督).
_SENTENCE_BREAK = re.compile(
    r"(?<=[。！？!?])(?![”」’』)）])|(?<=报告|总结)(?=(?:19|20)\d{2}\s*年(?!\s*\d)|今年以来|一年来)"
    r"|(?:(?<=的报告)|(?<=年度报告|情况报告|工作报告|建设报告|工作总结))(?![。,，:：;；!?！？)）]|如下)"
    r"|(?<=[:：;；”」）)])(?=\s*(?:[一二三四五六七八九十]{1,2}\s*、|[（(][一二三四五六七八九十]{1,3}[)）]))"
    r"|\u3000{2,}|\s{4,}"
)  # a paragraph's indent inside the line
_INDENT = re.compile(r"\u3000{2,}|\s{4,}")


def sentences_of(text: str) -> list[str]:
    """A line cut into its sentences (a title glued to the opening sentence is one of them)."""
    return [piece for piece in (p.strip() for p in _SENTENCE_BREAK.split(text)) if piece]


@overload
def _as_written(found: str, lines: list[_Line]) -> str: ...
@overload
def _as_written(found: str | None, lines: list[_Line]) -> str | None: ...
def _as_written(found: str | None, lines: list[_Line]) -> str | None:
    """Text found in the simplified reading, given back in the characters the document uses."""
    return _written(found, lines) or found


def _written(found: str | None, lines: list[_Line]) -> str | None:
    if not found:
        return None
    for line in lines:
        at = line.text.find(found)
        if at >= 0:
            return line.original[at : at + len(found)]
    return None


def _name_as_written(name: str | None, lines: list[_Line]) -> str | None:
    """A unit name as the document writes it, also when it was put together from two places (潼關縣 + 縣司法局)."""
    whole = _written(name, lines)
    if whole or not name:
        return whole or name
    for cut in range(len(name) - 1, 0, -1):
        head, tail = _written(name[:cut], lines), _written(name[cut:], lines)
        if head and tail:
            return head + tail
    return name


def identify(lines: list[str]) -> tuple[str | None, int | None]:
    """The unit and year the report covers: from its title, else its opening sentence, else its signature."""
    head = [sentence for line in lines[:_HEAD_LINES] for sentence in sentences_of(line)]
    unit, year = _from_title(head)
    if year is None:
        year = _year_from_opening(head)
    if unit is None:
        unit, level = _from_opening(head)
        unit = unit or _signature(
            [s for line in lines[-_SIGNATURE_LINES:] for s in sentences_of(line)][-_SIGNATURE_LINES:]
        )
        if unit is None and level:
            unit = _place_named("\n".join(lines), level)
        elif unit and unit[0] in _PLACE_LEVELS and _words(unit)[0][1] in (unit[0], unit[0] + "政府", unit[0] + "委"):
            # 县司法局, 市政府办公室: a body of "the county"; the county is the one the report names most often
            place = _place_named("\n".join(lines), unit[0])
            unit = _GOVERNMENT_END.sub("", place + unit[1:]) if place else unit
    return unit, year


def leading_unit(text: str) -> str | None:
    """The unit name a phrase starts with, read by the shape of unit names (…县, …街道办事处, …区司法局)."""
    lead = _CJK_LEAD.match(text)
    if not lead:
        return None
    run, end = lead.group(), 0
    while end < len(run):
        piece_end = _name_piece(run, end)
        if piece_end is None or piece_end > _UNIT_MAX or (end and not _name_continues(run, end, piece_end)):
            break
        end = piece_end
    return run[:end] or None


# Word tags (jieba's) that start a predicate: verbs, adverbs, idioms, prepositions (深入, 认真贯彻, 切实, 在).
# Not `l` (set phrases): it tags names' stems too (生态环境, 自然资源, 退役军人).
_PREDICATE_TAGS = ("v", "vd", "d", "ad", "i", "z", "p")


def _name_continues(run: str, start: int, end: int) -> bool:
    """Whether run[start:end] carries a unit name on: it ends where a word ends (县委 is a word: 围绕县 is no
    name), does not open with a verb, and its last word is no reference such as 全区, 我县."""
    words = _words(run)
    ends = {position for position, _word, _tag in words}
    first = next((tag for position, word, tag in words if position - len(word) <= start < position), None)
    last = next((word for position, word, _tag in words if position == end), "")
    return (
        end in ends
        and first is not None
        and first not in _PREDICATE_TAGS
        and not (len(last) == 2 and last[0] in _DETERMINERS)
    )


@lru_cache(maxsize=256)
def _words(run: str) -> tuple[tuple[int, str, str], ...]:
    """The words of a run of Chinese with their tags, each with the position where it ends."""
    import rjieba  # word segmentation; loaded only when a name may go on past its first piece

    words, position = [], 0
    for word, tag in rjieba.tag(run):
        position += len(word)
        words.append((position, word, tag))
    return tuple(words)


def _name_piece(run: str, start: int) -> int | None:
    """Where the next piece of a unit name (a stem and a suffix such as 县, 街道, 司法局) ends, if one starts here."""
    first = start == 0
    stem_max = _STEM_MAX if first else _LATER_STEM_MAX
    for suffix_at in range(start + 1 if first else start, min(len(run), start + stem_max + 1)):
        suffix = next((s for s in _SUFFIXES if run.startswith(s, suffix_at)), None)
        end = suffix_at + len(suffix or "")
        if suffix is None or (end < len(run) and run[end] in _JOINS_A_WORD.get(suffix, "")):
            continue  # 办理, 处置, 部署, 局面: a word, not the end of a name
        if suffix_at == start and len(suffix) == 1 and suffix != "委":
            continue  # a bare 办, 市 or 部 cannot follow a name on its own (X镇办理…, X县市场…); X县委 can
        piece = run[start:end]
        if first and suffix_at == 1 and run[0] in _DETERMINERS:
            return None  # 我县, 全市, 各区: a reference to a unit, not its name
        if _NOT_IN_UNIT.search(run[: suffix_at + len(suffix)]) or (not first and piece.startswith(_PREDICATE_START)):
            return None
        return suffix_at + len(suffix)
    return None


def _whole_unit(text: str) -> str | None:
    """The text itself if it is exactly one unit name."""
    text = "".join(fold(text).split())
    return text if text and leading_unit(text) == text else None


def _titles(head: list[str]) -> Iterator[str]:
    """Title candidates: a short line without sentence punctuation, or two such lines read as one."""
    short = [
        len(t) <= _TITLE_MAX and not re.search(r"[,;:。!?！？]", fold(t)) and not _TOP_HEADING.match(t) for t in head
    ]
    yield from (_title_text(text) for text, ok in zip(head, short, strict=False) if ok)
    yield from (
        _title_text(first + second)
        for first, second, ok, next_ok in zip(head, head[1:], short, short[1:], strict=False)
        if ok and next_ok
    )


def _title_text(text: str) -> str:
    """A title as compared: ASCII punctuation, no spaces, no book-title marks around it."""
    return "".join(fold(text).split()).strip("《》〈〉")


def _from_title(head: list[str]) -> tuple[str | None, int | None]:
    """Unit and year from a title such as X人民政府关于2023年度法治政府建设情况的报告 or X2023年法治政府建设年度报告."""
    year = None
    for title in _titles(head):
        if not _TITLE_LINE.search(title):
            continue
        found = re.search(_YEAR, title)
        unit = _title_unit(title)
        if unit:
            return unit, int(found["year"]) if found else year
        if found and year is None:
            year = int(found["year"])
    return None, year


def _title_unit(title: str) -> str | None:
    title = title.removeprefix("关于")
    cut = _TITLE_CUT.search(title)
    stem = title[: cut.start()] if cut else ""
    stem = _GOVERNMENT_END.sub("", _JOINT_PARTY.sub("", stem))  # 中共X县委、X县人民政府 → X县
    return _whole_unit(stem)


def _sentences(head: list[str]) -> Iterator[str]:
    for text in head:
        yield from (s for s in re.split(r"(?<=[。！？!?])", fold(text)) if s.strip())


def _year_from_opening(head: list[str]) -> int | None:
    """The year an opening sentence starts with (2023年，…), else that of 现将…2023年度…, else of 一、2023年…."""
    for pattern in (_OPENING_YEAR, _REPORTING, _HEADING_YEAR):
        for sentence in _sentences(head):
            found = pattern.search(sentence)
            if found and found["year"]:
                return int(found["year"])
    return None


def _from_opening(head: list[str]) -> tuple[str | None, str | None]:
    """The subject of the opening sentence (2023年，[在…领导下，]X…), else X in 现将X…报告如下; or the level of 我县."""
    level = None
    openings = (sentence[found.end() :] for sentence in _sentences(head) if (found := _OPENING_YEAR.match(sentence)))
    for number, rest in enumerate(openings):
        unit, self_level = _subject(rest)
        if number == 0 and unit:
            return unit, None
        # After 我镇 in the opening, a later 2023年… sentence may name the town; a unit of another kind is someone else.
        if level and unit and unit.endswith(level):
            return unit, None
        level = level or self_level
    for sentence in _sentences(head):
        reporting = _REPORTING.search(sentence)
        if reporting:
            unit, self_match = _whole_unit(reporting["unit"]), _SELF.match(reporting["unit"])
            if unit:
                return unit, None
            level = level or (self_match and self_match["level"])
    return None, level


def _subject(text: str) -> tuple[str | None, str | None]:
    """The unit a sentence is about, or the level of its 我县/本局, skipping 在…领导下 and like clauses."""
    for clause in re.split(r",", text)[:4]:
        clause = clause.strip()
        if not clause or _ADVERBIAL.match(clause):
            continue
        self_level = _SELF.match(clause)
        if self_level:
            return None, self_level["level"]
        unit = leading_unit(clause)
        if unit and unit.endswith("委") and _PARTY_AND_GOVERNMENT.match(clause[len(unit) - 1 :]):
            unit = unit[:-1].removesuffix("党")
        return unit, None
    return None, None


def _signature(tail: list[str]) -> str | None:
    """The issuing unit signed at the end: a line that is one unit name, maybe before a date line."""
    for text in reversed(tail):
        unit = _whole_unit(text)
        if unit:
            return _GOVERNMENT_END.sub("", unit)
    return None


def _place_named(text: str, level: str) -> str | None:
    """For a report that calls itself 我县: the place of that level it names most often, by a place-name tagger."""
    if level not in _PLACE_LEVELS:
        return None
    import rjieba  # word segmentation with place-name tags (ns); loaded only for reports that name no unit

    words = rjieba.tag(text)
    names = Counter(word for word, tag in words if tag == "ns" and word.endswith(level) and len(word) >= len(level) + 2)
    # a place the tagger does not know as a whole: its name tagged ns, then the level as a word of its own (青岭|县)
    names.update(
        word + level
        for (word, tag), (after, _tag) in zip(words, words[1:], strict=False)
        if tag == "ns" and after == level
    )
    return names.most_common(1)[0][0] if names else None


def classify_heading(title: str) -> str | None:
    """Which report part a heading introduces, whatever its wording; None if it is no part heading."""
    for key, pattern in _PART_WORDS:
        if pattern.search(title):
            return key
    return None


def _segments(lines: list[tuple[int, str]]) -> list[tuple[str, bool]]:
    """Each line's sentences in order, each marked whether it is its paragraph's whole text."""
    segments = []
    for _number, text in lines:
        for paragraph in _INDENT.split(text):
            pieces = sentences_of(paragraph)
            segments += [(piece, len(pieces) == 1) for piece in pieces]
    return segments


def find_parts(lines: list[tuple[int, str]]) -> list[Part]:
    """Each part of the report, with the first heading found for it; headings inside a line are found too."""
    headings: dict[str, str] = {}
    thematic: list[str] = []  # headings naming no part, in order, up to the first shortcomings or plans
    opened = False  # a sentence has been read: short lines before it are a title, not a theme
    segments = _segments(lines)
    for index, (text, whole) in enumerate(segments):
        heading = _TOP_HEADING.match(text)
        bare = (
            whole
            and len(text) <= _BARE_HEADING_MAX
            and not text.endswith(("。", "；", ";"))
            and not _NOT_A_HEADING.search(text)
        )
        title = heading["title"] if heading else (text if bare else None)
        if heading and not whole and len(heading["title"]) > _BARE_HEADING_MAX:
            title = re.split(r"[,;。]", fold(heading["title"]), maxsplit=1)[
                0
            ]  # a heading run into its text: the words before it
        if title and len(title) <= 80:
            key = classify_heading(title)
            if key and (heading or key not in headings):
                headings.setdefault(key, text)
            if (
                key is None
                and not {"shortcomings", "plans"} & set(headings)
                and (heading or (opened and _theme(text, segments[index + 1 : index + 2])))
            ):
                thematic.append(text)
        elif "leaders" not in headings and (item := _leaders_item(text, whole)):
            headings["leaders"] = item
        opened = opened or text.endswith(_SENTENCE_CLOSE)
    if "measures" not in headings and thematic:
        headings["measures"] = thematic[0]  # 一、强化组织领导… : thematic headings are the report of work done
    return [Part(key, key in headings, headings.get(key)) for key in PART_KEYS]


def _theme(text: str, following: list[tuple[str, bool]]) -> bool:
    """An unnumbered thematic heading: a short phrase without punctuation, figures or a name, before a paragraph."""
    return (
        not re.search(r"[\d,;:。、!?“”\"'《》()]", fold(text))
        and _whole_unit(text) is None
        and bool(following)
        and len(following[0][0]) >= _PARAGRAPH_MIN
    )


def structure_seen(lines: list[tuple[int, str]], parts: list[Part] | None = None) -> bool:
    """Whether the text shows any structure a part could be read from: a part heading, a numbered item or a point."""
    found = find_parts(lines) if parts is None else parts
    return any(part.found for part in found) or any(
        _TOP_HEADING.match(text) or _SUB_HEADING.match(text) or _POINT.match(text) for text, _whole in _segments(lines)
    )


def _leaders_item(text: str, whole: bool = True) -> str | None:
    """The leaders' duties as an item inside a part: 2.落实第一责任人职责。…, (一)…第一责任人职责,
    二是…第一责任人职责。"""
    item = _SUB_HEADING.match(text) or _POINT.match(text)
    if not item:
        return None
    title = re.split(r"[。；;：:]", item["title"], maxsplit=1)[0]
    if not whole:
        title = title[:_SUB_TITLE_MAX]  # an item title run into its text inside a one-line page: its first words
    if len(title) <= _SUB_TITLE_MAX and classify_heading(title) == "leaders":
        return text[: len(text) - len(item["title"]) + len(title)]
    return None


def cut_short(lines: list[tuple[int, str]]) -> bool:
    """Whether the text stops short: mid-sentence, on an ellipsis or open quote, or on a heading with nothing under
    it."""
    paragraphs = [text for _, text in lines if len(text) >= _PARAGRAPH_MIN]
    if paragraphs:
        paragraphs[-1] = _TRAILING_CHROME.sub("", paragraphs[-1]).rstrip()
    if not lines:
        return False
    last = _TRAILING_CHROME.sub("", lines[-1][1]).rstrip()
    if _ends_on_heading(last) and not any(text.startswith("附件") for _, text in lines[-3:]):
        return True
    if last.endswith(("...", "…")) and not last.endswith("……"):
        return True  # a capture's "read more" ellipsis, not the writer's ……
    if last.count("“") > last.count("”") or last.count("《") > last.count("》"):
        return True
    return bool(paragraphs) and not paragraphs[-1].endswith(_SENTENCE_CLOSE)


def _ends_on_heading(text: str) -> bool:
    """A last line that is a heading (一、…, (二)…, 存在的不足和原因): the part it opens was not captured."""
    if text.endswith(_SENTENCE_CLOSE) or len(text) > _BARE_HEADING_MAX:
        return False
    return bool(_TOP_HEADING.match(text) or _SUB_HEADING.match(text) or classify_heading(text))


_PARAGRAPH_MIN = 30
_SENTENCE_CLOSE = ("。", "！", "？", "!", "?", "”", "」", "』", "）", ")", "…", ".")


def find_figures(lines: list[tuple[int, str]]) -> list[Figure]:
    """Every number with a unit of measure, with the sentence it stands in."""
    figures = []
    for number, text in lines:
        for sentence in _SENTENCE_END.split(text):
            for match in _FIGURE.finditer(sentence):
                if sentence[: match.start()].endswith("第"):
                    continue  # an ordinal (第3个), not a quantity
                figures.append(Figure(match["value"], match["measure"].replace("％", "%"), sentence.strip(), number))
    return figures


def _passages(lines: list[tuple[int, str]]) -> list[_Passage]:
    passages = []
    for number, text in lines:
        if len(text) < 15 or _TOP_HEADING.match(text):
            continue
        for piece in _ITEM_SPLIT.split(text):
            piece = piece.strip()
            if len(piece) >= 15:
                passages.append(_Passage(piece, number))
    return passages


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


@lru_cache(maxsize=4096)
def _bigrams(text: str) -> Counter[str]:
    """Character bigrams of the Chinese text (the words of Chinese run together without spaces)."""
    grams: list[str] = []
    for run in _CJK_RUN.findall(text):
        grams.extend(map(str.__add__, run[:-1], run[1:]))
    return Counter(grams)


def _tf(count: int) -> float:
    return 1.0 + math.log(count)


@lru_cache(maxsize=4096)
def _query(text: str) -> tuple[tuple[str, float], ...]:
    """A text's bigrams with sublinear term frequencies, computed once per task text."""
    return tuple((gram, _tf(count)) for gram, count in _bigrams(text).items())


class _Index:
    """TF-IDF over character bigrams with an inverted index, for ranking passages against tasks."""

    def __init__(self, passages: list[_Passage]) -> None:
        self.passages = passages
        counts = [_bigrams(p.text) for p in passages]
        frequency = Counter(gram for count in counts for gram in count)
        total = len(passages) or 1
        self.idf = {gram: math.log((1 + total) / (1 + df)) + 1 for gram, df in frequency.items()}
        self.unseen = math.log(1 + total) + 1
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        idf = self.idf
        for index, count in enumerate(counts):
            weights = [(gram, _tf(tf) * idf[gram]) for gram, tf in count.items()]
            norm = math.sqrt(sum(w * w for _, w in weights)) or 1.0
            for gram, weight in weights:
                self.postings[gram].append((index, weight / norm))

    def rank(self, text: str, limit: int) -> list[tuple[int, float]]:
        """The `limit` best passages for a text, as (passage index, cosine score)."""
        idf, postings, unseen = self.idf, self.postings, self.unseen
        scores: dict[int, float] = defaultdict(float)
        norm2 = 0.0
        for gram, tf in _query(text):
            weight = tf * idf.get(gram, unseen)
            norm2 += weight * weight
            for index, passage_weight in postings.get(gram, ()):
                scores[index] += weight * passage_weight
        norm = math.sqrt(norm2) or 1.0
        best = heapq.nlargest(limit, scores.items(), key=lambda item: item[1])
        return [(index, score / norm) for index, score in best]


def review_document(
    document: Document,
    checklist: Checklist | None = None,
    tasks: Iterable[Task] | None = None,
    per_task: int = 3,
    threshold: float = 0.12,
) -> Review:
    """Review one report already read; with a checklist, rank passages for each task."""
    read = _read_lines(document)
    body = _body_lines(read)
    lines = [(line.number, line.text) for line in body]
    by_number = {line.number: line for line in read}
    unit, year = identify(_identity_lines(read))
    parts = [Part(p.part, p.found, _as_written(p.heading, body)) for p in find_parts(lines)]
    structure_read = structure_seen(lines, parts)
    missing = tuple(p.part for p in parts if p.part in REQUIRED_PARTS and not p.found) if structure_read else ()
    figures = tuple(
        Figure(f.value, f.measure, _as_written(f.sentence, [by_number[f.line]]), f.line) for f in find_figures(lines)
    )
    matches: list[Match] = []
    unaddressed: list[str] = []
    checked = 0
    if checklist is not None:
        passages = _passages(lines)
        index = _Index(passages)
        for task in tasks if tasks is not None else checklist.tasks:
            checked += 1
            ranked = [(i, s) for i, s in index.rank(task.text, per_task) if s >= threshold]
            if not ranked:
                unaddressed.append(task.id)
            for i, score in ranked:
                passage = passages[i]
                matches.append(
                    Match(task.id, round(score, 3), _as_written(passage.text, [by_number[passage.line]]), passage.line)
                )
    truncated = cut_short([(line.number, line.text) for line in read if not _is_chrome(line.text)])
    return Review(
        str(document.path),
        _name_as_written(unit, read),
        year,
        tuple(parts),
        missing,
        figures,
        tuple(matches),
        tuple(unaddressed),
        checked,
        truncated,
        structure_read,
    )


def review_report(path: Path, checklist: Checklist | None = None, tasks: Iterable[Task] | None = None) -> Review:
    """Read and review one report file (.txt, .html or .docx; UTF-8 or GB18030)."""
    return review_document(read_document(Path(path)), checklist, tasks)


def report_files(folder: Path) -> list[Path]:
    """The reports in a folder, by name."""
    suffixes = {".txt", ".md"} | HTML_SUFFIXES | DOCX_SUFFIXES
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in suffixes)


def prefill(ledger: Ledger, inspection_id: int, review: Review, source: str) -> int:
    """Attach the best passages per task to a draft inspection, for the walk to show; never sets a result."""
    inspection = ledger.inspection(inspection_id)
    if inspection.state != "draft":
        raise StateError(
            _("inspection {inspection_id} is finalized; passages are attached to drafts only").format(
                inspection_id=inspection_id
            )
        )
    wanted = ledger.task_ids(inspection_id)
    rows: list[tuple[str, int, float, str]] = []
    ranks: Counter[str] = Counter()
    for match in review.matches:
        if match.task_id in wanted:
            ranks[match.task_id] += 1
            rows.append((match.task_id, ranks[match.task_id], match.score, match.passage))
    at = now_iso()
    with ledger.transaction():
        ledger.replace_passages(inspection_id, source, at, rows)
        ledger.log("review.prefilled", "inspect-cli", at, inspection_id, source, {"passages": len(rows)})
    return len(rows)
