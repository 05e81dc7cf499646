"""Import an implementation plan (实施方案) into a checklist, keeping every numbered task."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from inspect_cli.checklist import Checklist, Heading, Task
from inspect_cli.deadline_phrases import looks_like_deadline, parse_deadline
from inspect_cli.documents import Document, read_document
from inspect_cli.exceptions import InputError
from inspect_cli.textnorm import fold, split_outside_brackets, unit_name

_CN = "一二三四五六七八九十百零〇"
# Numbering styles, outermost first; each regex runs on folded text (ASCII brackets and colons).
_STYLES = (
    ("part", re.compile(rf"^([{_CN}]+)\s*、\s*")),
    ("section", re.compile(rf"^\(\s*([{_CN}]+)\s*\)\s*")),
    ("topic", re.compile(r"^(\d+)\s*(?:\.(?!\d)|、)\s*")),
    ("item", re.compile(r"^\(\s*(\d+)\s*\)\s*")),
)
_STYLE_ORDER = [style for style, _ in _STYLES]
_CN_DIGITS = {**{c: i for i, c in enumerate("零一二三四五六七八九")}, "〇": 0}
_LABELS = {
    "牵头单位": "lead", "牵头部门": "lead", "主责单位": "lead",
    "责任单位": "responsible", "责任部门": "responsible",
    "配合单位": "responsible", "协办单位": "responsible", "配合部门": "responsible", "参与单位": "responsible",
    "完成时限": "deadline", "时间要求": "deadline", "完成时间": "deadline", "时限要求": "deadline", "时间节点": "deadline",
}
_LABEL_RE = re.compile(rf"^\s*({'|'.join(_LABELS)})\s*:\s*")
_EVERY_RE = re.compile(r"^各(牵头|责任)单位(负责)?落实$")
_PERIOD_RE = re.compile(r"(\d{4})\s*[—–\-~至到]+\s*(\d{4})\s*年?")


@dataclass(frozen=True)
class ImportWarning:
    """Something the importer could not place or understand, with the line it is on."""

    line: int
    message: str


@dataclass(frozen=True)
class ImportResult:
    """The checklist built from a plan, the warnings raised, and the figures of its summary."""

    checklist: Checklist
    warnings: tuple[ImportWarning, ...]
    encoding: str

    @property
    def summary(self) -> dict:
        tasks = self.checklist.tasks
        return {
            "tasks": len(tasks),
            "parts": len(self.checklist.parts),
            "sections": len(self.checklist.sections),
            "topics": len(self.checklist.topics),
            "units": len(self.checklist.units()),
            "without_deadline": sum(1 for t in tasks if not (t.due or t.recurrence or t.ongoing)),
            "warnings": len(self.warnings),
        }


@dataclass
class _Fields:
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: list[str] = field(default_factory=list)
    every_lead: bool = False
    every_responsible: bool = False

    def any(self) -> bool:
        return bool(self.lead or self.responsible or self.deadline or self.every_lead or self.every_responsible)

    def merge(self, other: "_Fields") -> None:
        self.lead += other.lead
        self.responsible += other.responsible
        self.deadline += other.deadline
        self.every_lead |= other.every_lead
        self.every_responsible |= other.every_responsible


@dataclass
class _Item:
    style: str
    number: str
    line: int
    text: str
    fields: _Fields
    continuation_open: bool = True


def parse_fields(original: str) -> _Fields | None:
    """Parse `牵头单位:X。2016年底完成`-style content (a tail bracket or a field line); None if it is not one."""
    fields = _Fields()
    current: str | None = None
    understood = False
    for clause in split_outside_brackets(original, "。;"):
        new_clause = True
        for piece in split_outside_brackets(clause, ","):
            piece = piece.strip()
            folded = fold(piece)
            if not piece:
                continue
            label = _LABEL_RE.match(folded)
            if label:
                current = _LABELS[label[1]]
                value = piece[label.end():].strip()
                understood = True
            else:
                value = piece
                if _EVERY_RE.match(folded):
                    fields.every_lead |= folded.startswith("各牵头")
                    fields.every_responsible |= folded.startswith("各责任")
                    understood = True
                    continue
                if current is None and not looks_like_deadline(folded):
                    return None
                # after a full stop an unlabelled clause is the time limit, even one not understood
                if new_clause or looks_like_deadline(folded):
                    current = "deadline"
            new_clause = False
            if not value:
                continue
            if current == "deadline":
                fields.deadline.append(value)
            else:
                target = fields.lead if current == "lead" else fields.responsible
                target.extend(unit_name(u) for u in split_outside_brackets(value, "、") if u.strip())
    if not understood:
        rule = parse_deadline("".join(fields.deadline))
        if not (fields.deadline and rule.recognised and rule.has_deadline):
            return None
    return fields


def _tail(original: str, folded: str) -> tuple[int, _Fields] | None:
    """Find a trailing bracket holding units or a deadline; return where the task text ends and its fields."""
    end = len(folded.rstrip(" 。.;"))
    if end == 0 or folded[end - 1] != ")":
        return None
    depth = 0
    for position in range(end - 1, -1, -1):
        char = folded[position]
        if char == ")":
            depth += 1
        elif char == "(":
            depth -= 1
            if depth == 0:
                fields = parse_fields(original[position + 1:end - 1])
                return (position, fields) if fields is not None else None
    return None


def _number_of(folded: str) -> tuple[str, str, int] | None:
    for style, pattern in _STYLES:
        match = pattern.match(folded)
        if match:
            return style, match[1], match.end()
    return None


def cn_to_int(numeral: str) -> int | None:
    """Chinese or Arabic numeral (up to 999) as an int: 十一 → 11, 二十 → 20."""
    if numeral.isdigit():
        return int(numeral)
    total, current = 0, 0
    for char in numeral:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def import_plan(path: Path, checklist_id: str | None = None, title: str | None = None) -> ImportResult:
    """Read a plan document and build its checklist; every numbered task is kept or warned about."""
    document = read_document(Path(path))
    return build_checklist(document, checklist_id=checklist_id, title=title)


def build_checklist(document: Document, checklist_id: str | None = None, title: str | None = None) -> ImportResult:
    """Build a checklist from a document already read into lines."""
    warnings: list[ImportWarning] = []
    lines = [(line.number, text, fold(text)) for line in document.lines for text in [_plain_line(line.text)]]
    lines = [entry for entry in lines if entry[1]]
    items, preamble = _scan(lines, warnings)
    task_style = _task_style(items)
    if task_style is None:
        raise InputError(f"{document.path}: no numbered tasks found (numbering like (1), （1）, 1. or 一、); "
                         "is this an implementation plan?")
    heading_styles = _STYLE_ORDER[:_STYLE_ORDER.index(task_style)]
    plan_title, period = _title_and_period(preamble)
    parts, sections, topics, tasks = _assemble(items, task_style, heading_styles, warnings)
    stem = document.path.stem
    checklist = Checklist(
        id=checklist_id or re.sub(r"[^\w.-]+", "-", stem).strip("-") or "checklist",
        title=title or plan_title or stem,
        tasks=tuple(tasks), parts=tuple(parts), sections=tuple(sections), topics=tuple(topics),
        source=document.name, source_sha256=document.sha256, period=period,
    )
    warnings.sort(key=lambda w: w.line)
    return ImportResult(checklist=checklist, warnings=tuple(warnings), encoding=document.encoding)


_MARKDOWN_LEAD = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*+]\s+(?=[(（一二三四五六七八九十\d]))")


def _plain_line(text: str) -> str:
    """A line without Markdown heading, quote or list marks and without wrapping bold marks."""
    text = _MARKDOWN_LEAD.sub("", text.strip())
    for mark in ("**", "__"):
        if text.startswith(mark):
            text = text[len(mark):].replace(mark, "", 1)
    return text.strip()


def _scan(lines: list, warnings: list) -> tuple[list[_Item], list[str]]:
    """Split lines into numbered items (with their continuation and field lines) and the preamble."""
    items: list[_Item] = []
    preamble: list[str] = []
    for number, original, folded in lines:
        numbered = _number_of(folded)
        if numbered:
            style, label, start = numbered
            body_original, body_folded = original[start:], folded[start:]
            tail = _tail(body_original, body_folded)
            fields = _Fields()
            text = body_original
            if tail:
                text, fields = body_original[:tail[0]].rstrip(), tail[1]
            items.append(_Item(style, label, number, text.strip(), fields, continuation_open=not tail))
            continue
        field_line = _field_line(original, folded)
        if field_line is not None:
            if items and items[-1].style not in ("part", "section"):
                items[-1].fields.merge(field_line)
                items[-1].continuation_open = False
            else:
                warnings.append(ImportWarning(number, f"unit or deadline line outside any task, not imported: {original[:40]}"))
            continue
        if not items:
            preamble.append(original)
            continue
        last = items[-1]
        if _tail(original, folded):
            warnings.append(ImportWarning(number, f"line names a unit or deadline but has no task number, not imported: {original[:40]}…"))
        elif last.continuation_open and last.style not in ("part", "section"):
            # a task wrapped over several lines or paragraphs, before its units and deadline
            last.text += "\n" + original
    return items, preamble


def _field_line(original: str, folded: str) -> _Fields | None:
    """Fields on a line of their own: `牵头单位：X；完成时限：Y`, possibly wrapped in brackets."""
    if folded.startswith("(") and folded.rstrip("。").endswith(")"):
        fields = parse_fields(original[1:len(folded.rstrip("。")) - 1])
        return fields if fields is not None and fields.any() else None
    if _LABEL_RE.match(folded):
        return parse_fields(original)
    return None


def _task_style(items: list[_Item]) -> str | None:
    """The numbering style whose items carry units or deadlines; failing that, the innermost one used."""
    with_fields: dict[str, int] = {}
    for item in items:
        if item.fields.any():
            with_fields[item.style] = with_fields.get(item.style, 0) + 1
    if with_fields:
        return max(with_fields, key=lambda style: (with_fields[style], _STYLE_ORDER.index(style)))
    used = {item.style for item in items}
    return next((style for style in reversed(_STYLE_ORDER) if style in used and style != "part"), None)


def _title_and_period(preamble: list[str]) -> tuple[str, str]:
    title = preamble[0].strip() if preamble else ""
    period = ""
    for line in preamble[:3]:
        match = _PERIOD_RE.search(fold(line))
        if match:
            period = f"{match[1]}—{match[2]}年"
            break
    return title, period


def _assemble(items: list[_Item], task_style: str, heading_styles: list[str], warnings: list):
    parts: list[Heading] = []
    sections: list[Heading] = []
    topics: list[Heading] = []
    current = {"part": None, "section": None, "topic": None}
    raw_tasks: list[tuple[_Item, dict]] = []
    for item in items:
        if item.style == task_style:
            raw_tasks.append((item, dict(current)))
            continue
        if item.style not in heading_styles:
            # deeper than the task level (e.g. (1) under tasks numbered 1.): part of the task text
            if raw_tasks:
                raw_tasks[-1][0].text += "\n" + f"({item.number})" + item.text
                raw_tasks[-1][0].fields.merge(item.fields)
            continue
        if item.fields.any():
            warnings.append(ImportWarning(item.line, f"heading {item.number} carries units or a deadline; they are ignored"))
        title = item.text.split("\n")[0]
        if item.style == "part":
            current = {"part": item.number, "section": None, "topic": None}
            parts.append(Heading("part", item.number, title))
        elif item.style == "section":
            current = {"part": current["part"], "section": item.number, "topic": None}
            sections.append(Heading("section", item.number, title, part=current["part"]))
        else:
            current = {**current, "topic": item.number}
            topics.append(Heading("topic", item.number, title, part=current["part"], section=current["section"]))
    ids = _task_ids(raw_tasks, warnings)
    tasks = [_task(item, context, task_id, warnings) for (item, context), task_id in zip(raw_tasks, ids)]
    return _unique(parts), _unique(sections), _unique(topics), tasks


def _unique(headings: list[Heading]) -> list[Heading]:
    """Headings without repeats of the same path, first one kept."""
    seen: dict = {}
    for heading in headings:
        seen.setdefault(heading.key, heading)
    return list(seen.values())


def _task_ids(raw_tasks: list, warnings: list) -> list[str]:
    """The plan's own numbers as ids, qualified by heading when numbering restarts under each one."""
    numbers = [cn_to_int(item.number) for item, _ in raw_tasks]
    restarts = any(
        later is not None and earlier is not None and later <= earlier and raw_tasks[i + 1][1] != raw_tasks[i][1]
        for i, (earlier, later) in enumerate(zip(numbers, numbers[1:]))
    )
    ids: list[str] = []
    seen: dict[str, int] = {}
    previous: dict = {}
    for (item, context), number in zip(raw_tasks, numbers):
        scope = tuple(v for v in (context["part"], context["section"], context["topic"]) if v) if restarts else ()
        base = ".".join([*scope[-1:], item.number]) if restarts else item.number
        last = previous.get(scope)
        if number is not None and last is not None and number > last[0] + 1:
            warnings.append(ImportWarning(item.line, f"task numbering jumps from ({last[1]}) to ({item.number}) after line "
                                                     f"{last[2]}; is a task missing?"))
        if number is not None:
            previous[scope] = (number, item.number, item.line)
        task_id = base
        if base in seen:
            count = 2
            while f"{base}-{count}" in seen:
                count += 1
            task_id = f"{base}-{count}"
            warnings.append(ImportWarning(item.line, f"task number ({item.number}) repeats the one at line {seen[base]}; kept as task {task_id}"))
        seen[task_id] = item.line
        ids.append(task_id)
    return ids


def _task(item: _Item, context: dict, task_id: str, warnings: list) -> Task:
    fields = item.fields
    phrase = "，".join(fields.deadline).strip().rstrip("。.;；,，")
    rule = parse_deadline(phrase)
    if phrase and not rule.recognised:
        warnings.append(ImportWarning(item.line, f"task ({task_id}): deadline {phrase!r} not understood; kept verbatim with no due date"))
    lead = tuple(dict.fromkeys(fields.lead))
    responsible = tuple(dict.fromkeys(u for u in fields.responsible if u not in lead))
    if not (lead or responsible or fields.every_lead or fields.every_responsible):
        warnings.append(ImportWarning(item.line, f"task ({task_id}) names no lead or responsible unit"))
    return Task(
        id=task_id, text=item.text, lead_units=lead, responsible_units=responsible,
        every_lead_unit=fields.every_lead, every_responsible_unit=fields.every_responsible,
        deadline=phrase, due=rule.due, recurrence=rule.recurrence, ongoing=rule.ongoing,
        part=context["part"], section=context["section"], topic=context["topic"], line=item.line,
    )
