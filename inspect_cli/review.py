"""Desk review (书面督察) of an annual report: its unit and year, required parts, claimed figures, and
which checklist tasks it speaks to."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from inspect_cli.checklist import Checklist
from inspect_cli.documents import Document, read_document
from inspect_cli.textnorm import fold

PART_KEYS = ("measures", "shortcomings", "leaders", "plans", "other")
REQUIRED_PARTS = ("measures", "shortcomings", "leaders", "plans")
PART_NAMES = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "leaders": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "plans": "下一年度主要安排",
    "other": "其他需要报告的情况",
}
# Checked in this order: a leaders' heading also says 推进法治建设, a shortcomings heading 推进…建设.
_PART_WORDS = (
    ("leaders", re.compile(r"第一责任人|主要负责人|主要负责同志|党政主要领导|主要领导.*职责")),
    ("other", re.compile(r"其他需要报告|其他有关情况|其他情况")),
    ("shortcomings", re.compile(r"不足|存在的问题|问题和|差距|薄弱")),
    ("plans", re.compile(r"下一年度|下一步|下步|主要安排|工作安排|工作思路|工作打算|工作计划|\d{4}年.{0,12}(安排|计划|打算)")),
    ("measures", re.compile(r"举措|成效|主要工作|工作情况|工作开展|工作措施")),
)
_TOP_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,2}\s*[、.．]|、)\s*(?P<title>.+)$")
_BARE_HEADING_MAX = 40
_TITLE = re.compile(r"(?:关于)?(?P<unit>[\u4e00-\u9fff（）()]{2,20}?)(?:人民政府)?(?P<year>(?:19|20)\d{2})\s*年度?"
                    r".{0,16}?法治(?:政府)?建设.{0,12}?(?:报告|情况)")
_OPENING = re.compile(r"^(?P<year>(?:19|20)\d{2})年[,，、]?(?:.{0,30}?领导下[,，])?\s*(?P<unit>(?:我|本)?[\u4e00-\u9fff]{2,12}?"
                      r"(?:示范区|开发区|新区|街道|自治县|县|市|区|乡|镇|局|委员会|委|办|厅|中心))")
_MEASURE = (r"个工作日|工作日|人次|场次|个次|家次|万元|亿元|"
            r"%|％|件|个|份|次|人|项|场|元|家|条|期|批|起|户|篇|部|名|天|小时|所|支|本|册|类|宗|位|单|卷|套|节|课时|学时")
_FIGURE = re.compile(rf"(?<![\d.])(?P<value>\d+(?:\.\d+)?)\s*(?P<measure>(?:余|多)?(?:{_MEASURE}))")
_CHROME = re.compile(r"^(首页|返回|分享|扫一扫|关闭窗口|打印|字号|X|【.*】|上一篇|下一篇|长者浏览模式|通知公告|无障碍|"
                     r"中国政府网|网站地图|.*\|.*\|)")
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

    @property
    def tasks_addressed(self) -> int:
        return len({m.task_id for m in self.matches})


@dataclass(frozen=True)
class _Passage:
    text: str
    line: int


def _body_lines(document: Document) -> list[tuple[int, str]]:
    """Lines of the report proper: web chrome (menus, share links, footers) left out."""
    lines = []
    for line in document.lines:
        text = line.text.strip()
        if not text or _CHROME.match(text):
            continue
        if len(text) <= 12 and not re.search(r"[。，,；：:]", text) and not _TOP_HEADING.match(text):
            continue  # a menu entry or a button, not a sentence or a heading
        lines.append((line.number, text))
    return lines


def identify(lines: list[tuple[int, str]]) -> tuple[str | None, int | None]:
    """The unit and year the report covers, from its title or, failing that, its opening sentence."""
    for _, text in lines[:15]:
        match = _TITLE.search(fold(text).replace(" ", ""))
        if match and not text.startswith(("一、", "（一）", "(一)")):
            unit = re.sub(r"^(关于|中共)", "", match["unit"])
            return unit, int(match["year"])
    for _, text in lines[:15]:
        match = _OPENING.match(fold(text))
        if match and not match["unit"].startswith(("我", "本")):
            return match["unit"], int(match["year"])
    return None, None


def classify_heading(title: str) -> str | None:
    """Which report part a heading introduces, whatever its wording; None if it is no part heading."""
    for key, pattern in _PART_WORDS:
        if pattern.search(title):
            return key
    return None


def find_parts(lines: list[tuple[int, str]]) -> list[Part]:
    """Each part of the report, with the first heading found for it."""
    headings: dict[str, str] = {}
    for _, text in lines:
        heading = _TOP_HEADING.match(text)
        bare = len(text) <= _BARE_HEADING_MAX and not text.endswith(("。", "；", ";"))
        title = heading["title"] if heading else (text if bare else None)
        if title and len(title) <= 80:
            key = classify_heading(title)
            if key and (heading or key not in headings):
                headings.setdefault(key, text)
    return [Part(key, key in headings, headings.get(key)) for key in PART_KEYS]


def find_figures(lines: list[tuple[int, str]]) -> list[Figure]:
    """Every number with a unit of measure, with the sentence it stands in."""
    figures = []
    for number, text in lines:
        for sentence in _SENTENCE_END.split(text):
            for match in _FIGURE.finditer(sentence):
                if sentence[:match.start()].endswith("第"):
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
def _bigrams(text: str) -> Counter:
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
        import heapq

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


def review_document(document: Document, checklist: Checklist | None = None, tasks=None, per_task: int = 3,
                    threshold: float = 0.12) -> Review:
    """Review one report already read; with a checklist, rank passages for each task."""
    lines = _body_lines(document)
    unit, year = identify(lines)
    parts = find_parts(lines)
    missing = tuple(p.part for p in parts if p.part in REQUIRED_PARTS and not p.found)
    figures = tuple(find_figures(lines))
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
                matches.append(Match(task.id, round(score, 3), passages[i].text, passages[i].line))
    return Review(str(document.path), unit, year, tuple(parts), missing, figures, tuple(matches), tuple(unaddressed), checked)


def review_report(path: Path, checklist: Checklist | None = None, tasks=None) -> Review:
    """Read and review one report file (.txt, .html or .docx; UTF-8 or GB18030)."""
    return review_document(read_document(Path(path)), checklist, tasks)


def report_files(folder: Path) -> list[Path]:
    """The reports in a folder, by name."""
    from inspect_cli.documents import DOCX_SUFFIXES, HTML_SUFFIXES

    suffixes = {".txt", ".md"} | HTML_SUFFIXES | DOCX_SUFFIXES
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in suffixes)


def prefill(ledger, inspection_id: int, review: Review, source: str) -> int:
    """Attach the best passages per task to a draft inspection, for the walk to show; never sets a result."""
    from inspect_cli.clock import now_iso
    from inspect_cli.exceptions import StateError

    inspection = ledger.inspection(inspection_id)
    if inspection.state != "draft":
        raise StateError(f"inspection {inspection_id} is finalized; passages are attached to drafts only")
    wanted = ledger.task_ids(inspection_id)
    rows, ranks = [], Counter()
    for match in review.matches:
        if match.task_id in wanted:
            ranks[match.task_id] += 1
            rows.append((match.task_id, ranks[match.task_id], match.score, match.passage))
    at = now_iso()
    with ledger.transaction():
        ledger.replace_passages(inspection_id, source, at, rows)
        ledger.log("review.prefilled", "inspect-cli", at, inspection_id, source, {"passages": len(rows)})
    return len(rows)
