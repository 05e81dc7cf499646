"""Import an implementation plan (实施方案) into a checklist, keeping every numbered task."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from inspect_cli.core.checklist import Checklist, Heading, Task
from inspect_cli.core.deadline_phrases import looks_like_deadline, parse_deadline
from inspect_cli.formats.documents import Document, read_document
from inspect_cli.exceptions import InputError
from inspect_cli.core.textnorm import (CLOSERS, OPENERS, PAGE_FURNITURE_RE, int_to_cn, known_simplified, matching_form, split_outside_brackets,
                                  trailing_bracket)
from inspect_cli.core.unit_names import marked_leads, read_unit_tail, split_units
from inspect_cli.i18n import _

_CN = "一二三四五六七八九十百零〇"
# Numbering styles, outermost first; each regex runs on folded text (ASCII brackets and colons).
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_STYLES = (
    ("part", re.compile(rf"^([{_CN}]+)\s*[、.]\s*")),
    ("section", re.compile(rf"^\(\s*([{_CN}]+)\s*\)\s*")),
    ("topic", re.compile(r"^(\d{1,3})\s*(?:\.(?!\d)|、)\s*")),
    ("item", re.compile(r"^(?:\(\s*(\d{1,3})\s*\)|(\d{1,3})\)(?!\d))\s*")),
    ("circled", re.compile(rf"^([{_CIRCLED}])\s*")),
)
_STYLE_ORDER = [style for style, _ in _STYLES]
_CN_DIGITS = {**{c: i for i, c in enumerate("零一二三四五六七八九")}, "〇": 0}
_LABELS = {
    "牵头单位": "lead", "牵头部门": "lead", "主责单位": "lead", "主责部门": "lead", "牵头责任单位": "lead",
    "主办单位": "lead", "牵头处室": "lead",
    "责任单位": "responsible", "责任部门": "responsible", "协同责任单位": "responsible", "协同单位": "responsible",
    "配合单位": "responsible", "协办单位": "responsible", "配合部门": "responsible", "参与单位": "responsible",
    "参与部门": "responsible", "落实单位": "responsible", "实施单位": "responsible", "协助单位": "responsible",
    "责任主体": "responsible", "配合处室": "responsible", "责任处室": "responsible",
    "完成时限": "deadline", "时间要求": "deadline", "完成时间": "deadline", "时限要求": "deadline", "时间节点": "deadline",
    "时间进度": "deadline", "完成期限": "deadline", "进度安排": "deadline", "时限": "deadline",
    # people, not units: read so that the units beside them are, but not kept
    "责任领导": "person", "牵头领导": "person", "分管领导": "person", "牵头负责领导": "person", "责任人": "person",
    "联系人": "person", "牵头市领导": "person", "责任市领导": "person",
}
_LABEL_WORDS = "|".join(sorted(_LABELS, key=len, reverse=True))
_LABEL_RE = re.compile(rf"^\s*({_LABEL_WORDS})\s*:\s*")
# A second label after spaces on the same line starts a new field: `牵头单位：X 完成时限：Y`.
_LABEL_AFTER_SPACE = re.compile(rf"\s+(?=(?:{_LABEL_WORDS})\s*:)")
# `列第一位者为牵头（或汇总）单位（下同）`: the first unit of every list leads, for the rest of the document.
_FIRST_LEADS_NOTE = re.compile(r"[(\[【〔]?\s*(注:|说明:)?\s*(其中|以上|各项)?\s*(责任单位中)?\s*(列|排)(在|于)?(第一位|首位|第一|首)(的|者)?(单位)?(为|是)"
                               r"牵头[^()\[\]【】〔〕]{0,20}[)\]】〕]?")
# Page furniture that follows the last task of a captured page.
_CHROME = re.compile(rf"^\s*[【\[]?({PAGE_FURNITURE_RE}|【)|^\s*(\S{{0,10}}(报|台|社|网|站))?记者\s*\S{{0,4}}\s*$")
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
    unread: str = ""  # a trailing bracket not understood as units, quoted in the warning


def parse_fields(original: str) -> _Fields | None:
    """Parse `牵头单位:X。2016年底完成`-style content (a tail bracket or a field line); None if it is not one."""
    fields = _Fields()
    current: str | None = None
    understood = False
    for clause in _clauses(original):
        new_clause = True
        for piece in split_outside_brackets(clause, ","):
            piece = piece.strip()
            folded = matching_form(piece)
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
            if not value or current == "person":
                continue
            if current == "deadline":
                fields.deadline.append(value)
            else:
                marked, names = marked_leads(split_units(value))
                fields.lead.extend(marked)
                (fields.lead if current == "lead" else fields.responsible).extend(names)
    if not understood:
        rule = parse_deadline("".join(fields.deadline))
        if not (fields.deadline and rule.recognised and rule.has_deadline):
            return None
    return fields


# A label after the task's own sentence on the same line: `任务……。牵头单位：X；完成时限：Y`.
_INLINE_LABEL = re.compile(rf"(?<=[。;.\s])\s*(?:{_LABEL_WORDS})\s*:")


def _inline_fields(original: str, form: str) -> tuple[int, _Fields] | None:
    """Labelled fields that follow the text on its line: where the text ends and the fields, or None."""
    match = _INLINE_LABEL.search(form)
    if not match:
        return None
    fields = parse_fields(original[match.start():])
    return (match.start(), fields) if fields is not None and fields.any() else None


def _clauses(original: str) -> list[str]:
    """Clauses split on 。 and ； outside brackets, and before a label that follows spaces."""
    clauses: list[str] = []
    for clause in split_outside_brackets(original, "。;"):
        form = matching_form(clause)
        cuts = [match.end() for match in _LABEL_AFTER_SPACE.finditer(form)]
        clauses.extend(clause[start:end] for start, end in zip([0, *cuts], [*cuts, len(clause)]))
    return clauses


def _unlabelled_fields(content: str) -> _Fields | None:
    """Fields from a bracket of units without labels (`X牵头，Y配合`, `X、Y等负责`), or None."""
    tail = read_unit_tail(content, looks_like_deadline)
    if tail is None:
        return None
    return _Fields(lead=list(tail.lead), responsible=list(tail.responsible), deadline=list(tail.deadline))


def _bracket_fields(content: str) -> _Fields | None:
    """A bracket's content read as labelled fields, else as units without labels; None if neither."""
    fields = parse_fields(content)
    if fields is not None and fields.any():
        return fields
    return _unlabelled_fields(content)


def _tail(original: str, folded: str) -> tuple[int, _Fields | None] | None:
    """The trailing bracket: where the task text ends and its fields (None when the bracket was not understood)."""
    position = trailing_bracket(folded)
    if position is None:
        return None
    end = len(folded.rstrip(" 。.;"))
    fields = _bracket_fields(original[position + 1:end - 1])
    if fields is not None:
        # `（牵头单位：X）（完成时限：Y）`: a tail may come in several brackets
        earlier = _tail(original[:position], folded[:position])
        if earlier and earlier[1] is not None:
            earlier[1].merge(fields)
            return earlier
    return position, fields


def _number_of(folded: str) -> tuple[str, str, int] | None:
    for style, pattern in _STYLES:
        match = pattern.match(folded)
        if match:
            return style, next(group for group in match.groups() if group), match.end()
    return None


def cn_to_int(numeral: str) -> int | None:
    """Chinese, circled or Arabic numeral (up to 999) as an int: 十一 → 11, 二十 → 20, ③ → 3."""
    if numeral.isdigit() and numeral.isascii():
        return int(numeral)
    if numeral in _CIRCLED:
        return _CIRCLED.index(numeral) + 1
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


@dataclass(frozen=True)
class _Line:
    number: int
    original: str
    form: str
    cells: tuple[str, ...] = ()


def build_checklist(document: Document, checklist_id: str | None = None, title: str | None = None) -> ImportResult:
    """Build a checklist from a document already read into lines."""
    whole = "\n".join(line.text for line in document.lines) + "\n".join(c for line in document.lines for c in line.cells)
    with known_simplified(whole):
        return _build_checklist(document, checklist_id, title)


def _build_checklist(document: Document, checklist_id: str | None, title: str | None) -> ImportResult:
    warnings: list[ImportWarning] = []
    lines: list[_Line] = []
    first_leads = False
    for line in document.lines:
        distinct = list(dict.fromkeys(cell for cell in line.cells if cell.strip()))
        # a table row merged across repeats one cell: read it once
        text = _plain_line(distinct[0] if len(distinct) == 1 else line.text)
        if not text:
            continue
        form = matching_form(text)
        note = _FIRST_LEADS_NOTE.search(form)
        if note:
            first_leads = True
            text, form = (text[:note.start()] + text[note.end():]).rstrip(), (form[:note.start()] + form[note.end():]).rstrip()
        cells = tuple(_plain_line(cell) for cell in line.cells)
        lines.append(_Line(line.number, text, form, cells))
    items, preamble = _Scanner(warnings).scan(lines)
    task_style = _task_style(items)
    if task_style is None:
        raise InputError(_("{path}: no numbered tasks found: no line is numbered like 一、, （一）, 1., (1) or ①, and no table has a 序号 column; is this an implementation plan?").format(path=document.path))
    heading_styles = _STYLE_ORDER[:_STYLE_ORDER.index(task_style)]
    plan_title, period = _title_and_period(preamble)
    plan = _PlanContext(year=_plan_year(preamble, plan_title), first_leads=first_leads)
    parts, sections, topics, tasks = _assemble(items, task_style, heading_styles, plan, warnings)
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


# Table header words, most specific first: 牵头领导 names a person, 牵头单位 a unit.
_COLUMN_ROLES = (
    ("number", re.compile(r"^(序号|编号|序|号|no\.?|#)$", re.IGNORECASE)),
    ("person", re.compile(r"领导|责任人|联系人|负责人")),
    ("lead", re.compile(r"牵头|主办|主责")),
    ("responsible", re.compile(r"责任|配合|协办|参与|协同|落实单位|实施单位|协助|单位|部门")),
    ("deadline", re.compile(r"时限|时间|期限|进度|节点|日期")),
    ("category", re.compile(r"类别|类型|领域|板块|方面|分类")),
    ("task", re.compile(r"任务|措施|工作|内容|事项|目标|要求|举措|项目")),
    ("other", re.compile(r"备注|说明|依据|成果|形式|标准|指标")),
)
_UNIT_COLUMNS = ("lead", "responsible", "deadline")
_LONGEST_UNIT = 25


def _column_roles(cells: tuple[str, ...] | list[str]) -> tuple[str | None, ...] | None:
    """What each column of a header row holds, or None when the row is not a task table's header."""
    roles: list[str | None] = []
    for cell in cells:
        name = "".join(matching_form(cell).split())
        role = next((role for role, pattern in _COLUMN_ROLES if name and len(name) <= 12 and pattern.search(name)), None)
        roles.append(role)
    named = [role for role, cell in zip(roles, cells) if cell.strip()]
    if "task" in named and any(role in _UNIT_COLUMNS for role in named) and named.count(None) <= len(named) // 3:
        return tuple(roles)
    return None


class _Scanner:
    """Reads lines into numbered items: their text, trailing brackets, field lines and table rows."""

    def __init__(self, warnings: list) -> None:
        self.warnings = warnings
        self.items: list[_Item] = []
        self.preamble: list[str] = []
        self.field_targets: list[_Item] = []
        self.columns: tuple[str | None, ...] | None = None
        self.flat_columns: tuple[str | None, ...] | None = None
        self.category = ""
        self.after_chrome = False

    def scan(self, lines: list[_Line]) -> tuple[list[_Item], list[str]]:
        for line in lines:
            targets, self.field_targets = self.field_targets, []
            if line.cells and self._table_row(line):
                continue
            if not line.cells and self._flat_table_row(line):
                continue
            numbered = _number_of(line.form)
            if numbered:
                self._numbered(line, *numbered)
                continue
            field_line = _field_line(line.original, line.form)
            if field_line is not None:
                self._field_line(line, field_line, targets)
                continue
            self._plain(line)
        return self.items, self.preamble

    def _numbered(self, line: _Line, style: str, label: str, start: int) -> None:
        body_original, body_form = line.original[start:], line.form[start:]
        tail = _tail(body_original, body_form)
        fields, text, unread = _Fields(), body_original, ""
        inline = _inline_fields(body_original, body_form) if not (tail and tail[1] is not None) else None
        if tail and tail[1] is not None:
            text, fields = body_original[:tail[0]].rstrip(), tail[1]
        elif inline:
            text, fields = body_original[:inline[0]].rstrip(), inline[1]
        elif tail:
            unread = body_original[tail[0]:len(body_form.rstrip(" 。.;"))]
        self.items.append(_Item(style, label, line.number, text.strip(), fields, continuation_open=not fields.any(),
                                unread=unread))
        self.after_chrome = False

    def _field_line(self, line: _Line, fields: _Fields, targets: list[_Item]) -> None:
        if not self.items:
            self.warnings.append(ImportWarning(line.number, _('unit or deadline line outside any task, not imported: {value}').format(value=line.original[:40])))
            return
        if not targets:
            targets = self._shared_targets()
            if len(targets) > 1:
                self.warnings.append(ImportWarning(
                    line.number, _('unit or deadline line applies to each of the {value} items ({number})–({number2}) above it, which name none of their own').format(value=len(targets), number=targets[0].number, number2=targets[-1].number)))
        for target in targets:
            target.fields.merge(copy.deepcopy(fields))
            target.continuation_open = False
        self.field_targets = targets

    def _shared_targets(self) -> list[_Item]:
        """The last item and the items of its level right before it that have no fields and no line of their own."""
        last = self.items[-1]
        if last.fields.any():
            return [last]
        targets = [last]
        for item in reversed(self.items[:-1]):
            if item.style != last.style or item.fields.any() or item.unread:
                break
            targets.insert(0, item)
        return targets

    def _plain(self, line: _Line) -> None:
        if not self.items:
            self.preamble.append(line.original)
            return
        last = self.items[-1]
        if _CHROME.search(line.form) and len(line.form) <= 40:
            self.after_chrome = True
        if self.after_chrome:
            return
        tail = _tail(line.original, line.form)
        inline = _inline_fields(line.original, line.form) if last.continuation_open else None
        if inline and not (tail and tail[1] is not None):
            last.text += "\n" + line.original[:inline[0]].rstrip()
            last.fields.merge(inline[1])
            last.continuation_open = False
            return
        if tail and tail[1] is not None:
            if last.continuation_open and not last.fields.any():
                # the units of a task wrapped over several lines
                text = line.original[:tail[0]].rstrip()
                last.text += "\n" + text if text else ""
                last.fields.merge(tail[1])
                last.continuation_open = False
                return
            self.warnings.append(ImportWarning(line.number, _('line names a unit or deadline but has no task number, not imported: {value}…').format(value=line.original[:40])))
        elif last.continuation_open:
            # a task wrapped over several lines or paragraphs, before its units and deadline
            last.text += "\n" + line.original
            if tail:
                last.unread = line.original[tail[0]:len(line.form.rstrip(" 。.;"))]
        elif tail and tail[0] == 0:
            self.warnings.append(ImportWarning(line.number, _('line {value!r} after task ({number}) not understood as units, not imported').format(value=line.original[:40], number=last.number)))

    def _table_row(self, line: _Line) -> bool:
        """A row of a real table: a header sets the columns, later rows become items. False if not a task table."""
        roles = _column_roles(line.cells)
        if roles is not None:
            self.columns, self.category = roles, ""
            return True
        if self.columns is None or len({cell for cell in line.cells if cell}) <= 1:
            return False  # not in a task table, or a row merged across (a heading such as 一、依法行政) read as a line
        values: dict[str, list[str]] = {}
        for role, cell in zip(self.columns, line.cells):
            if role and cell and cell not in values.get(role, []):
                values.setdefault(role, []).append(cell)
        text = "\n".join(values.get("task", []))
        if not text:
            return True
        category = " ".join(values.get("category", []))
        if category and category != self.category:
            self.category = category
            count = sum(1 for item in self.items if item.style == "part") + 1
            self.items.append(_Item("part", int_to_cn(count), line.number, category, _Fields(), False))
        number = " ".join(values.get("number", [])).strip().rstrip(".、")
        if cn_to_int(number) is None:
            number = str(sum(1 for item in self.items if item.style == "topic") + 1)
        fields = _Fields(deadline=values.get("deadline", []))
        for role in ("lead", "responsible"):
            for cell in values.get(role, []):
                fields.merge(_unit_cell(cell, role))
        self.items.append(_Item("topic", number, line.number, text, fields, continuation_open=False))
        return True

    def _flat_table_row(self, line: _Line) -> bool:
        """A table flattened to text: a header line of column names, then rows that start with their number."""
        tokens = line.form.split()
        if len(tokens) >= 3:
            roles = _column_roles(tokens)
            if roles is not None and "number" in roles:
                self.flat_columns = roles
                return True
        if self.flat_columns is None:
            return False
        match = re.match(r"^(\d{1,3})\s+\S", line.form)
        if not match:
            return False
        trailing: list[str] = []
        for role in reversed(self.flat_columns):
            if role not in ("lead", "responsible", "deadline", "person"):
                break
            trailing.insert(0, role)
        cells = line.original[len(match[1]):].split()
        if len(cells) <= len(trailing):
            return False
        text_cells, field_cells = cells[:len(cells) - len(trailing)], cells[len(cells) - len(trailing):]
        fields = _Fields()
        for role, cell in zip(trailing, field_cells):
            if role == "deadline":
                fields.deadline.append(cell)
            elif role != "person":
                (fields.lead if role == "lead" else fields.responsible).extend(split_units(cell))
        # a sentence in a unit column means the columns were not where the header says: not a row after all
        if any(len(unit) > _LONGEST_UNIT for unit in fields.lead + fields.responsible) or \
                any("。" in cell for cell in field_cells):
            return False
        self.items.append(_Item("topic", match[1], line.number, " ".join(text_cells), fields, continuation_open=False))
        return True


def _unit_cell(cell: str, role: str) -> _Fields:
    """A table cell of units: a plain list for its column's role, or labelled lines (`牵头单位：X` / `配合单位：Y`)."""
    if any(_LABEL_RE.match(matching_form(part)) for part in cell.splitlines()):
        fields = parse_fields("；".join(cell.splitlines()))
        if fields is not None:
            return fields
    marked, names = marked_leads(split_units(cell))
    return _Fields(lead=marked + (names if role == "lead" else []), responsible=names if role == "responsible" else [])


def _field_line(original: str, folded: str) -> _Fields | None:
    """Fields on a line of their own: `牵头单位：X；完成时限：Y`, possibly wrapped in brackets, or `（X牵头，Y配合）`."""
    stripped = folded.rstrip("。")
    if stripped[:1] in OPENERS and stripped[-1:] in CLOSERS and trailing_bracket(stripped) == 0:
        fields = _bracket_fields(original[1:len(stripped) - 1])
        return fields if fields is not None and fields.any() else None
    if _LABEL_RE.match(folded):
        fields = parse_fields(original)
        return fields if fields is not None and fields.any() else None
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
    deeper = [style for style in reversed(_STYLE_ORDER) if style in used and style != "part"]
    return deeper[0] if deeper else ("part" if "part" in used else None)


_TITLE_WORDS = re.compile(r"方案|要点|分解|意见|计划|通知|规划|清单|任务|措施|分工|安排")
_TITLE_END = re.compile(r"(方案|要点|分解|分解表|意见|计划|规划|清单|分工|任务表|措施|安排)$")
# Page metadata (`文号 | …`, `名 称: …`) is never the title.
_METADATA = re.compile(r"\||^\S{1,2}\s?\S{0,2}\s*:|:$")
_DATE = re.compile(r"(\d{4})\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|-\d{1,2}-\d{1,2})")


def _title_and_period(preamble: list[str]) -> tuple[str, str]:
    candidates = [line.strip() for line in preamble[:40]
                  if len(line.strip()) <= 60 and not _METADATA.search(matching_form(line.strip()))]
    title = next((line for line in candidates if _TITLE_END.search(line.rstrip("。"))), "") or \
        next((line for line in candidates if _TITLE_WORDS.search(line)), "") or (candidates[0] if candidates else "")
    period = ""
    for line in preamble[:3]:
        match = _PERIOD_RE.search(matching_form(line))
        if match:
            period = f"{match[1]}—{match[2]}年"
            break
    return title, period


def _plan_year(preamble: list[str], title: str) -> int | None:
    """The single year a plan is for: from its title, else from the date it was issued; None for a multi-year plan."""
    if _PERIOD_RE.search(matching_form(title)):
        return None
    years = set(re.findall(r"(\d{4})\s*年", matching_form(title)))
    if len(years) == 1:
        return int(years.pop())
    for line in preamble[:40]:
        if _PERIOD_RE.search(matching_form(line)):
            return None
    for line in preamble[:40]:
        years = {int(match[1]) for match in _DATE.finditer(matching_form(line))}
        if len(years) == 1:
            return years.pop()
    return None


@dataclass(frozen=True)
class _PlanContext:
    """What the whole document says about every task: its year, and whether the first unit listed leads."""

    year: int | None
    first_leads: bool


def _assemble(items: list[_Item], task_style: str, heading_styles: list[str], plan: _PlanContext, warnings: list):
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
            warnings.append(ImportWarning(item.line, _('heading {number} carries units or a deadline; they are ignored').format(number=item.number)))
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
    tasks = [_task(item, context, task_id, plan, warnings) for (item, context), task_id in zip(raw_tasks, ids)]
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
            warnings.append(ImportWarning(item.line, _('task numbering jumps from ({value}) to ({number}) after line {value2}; is a task missing?').format(value=last[1], number=item.number, value2=last[2])))
        if number is not None:
            previous[scope] = (number, item.number, item.line)
        task_id = base
        if base in seen:
            count = 2
            while f"{base}-{count}" in seen:
                count += 1
            task_id = f"{base}-{count}"
            warnings.append(ImportWarning(item.line, _('task number ({number}) repeats the one at line {value}; kept as task {task_id}').format(number=item.number, value=seen[base], task_id=task_id)))
        seen[task_id] = item.line
        ids.append(task_id)
    return ids


def _task(item: _Item, context: dict, task_id: str, plan: _PlanContext, warnings: list) -> Task:
    fields = item.fields
    phrase = "，".join(fields.deadline).strip().rstrip("。.;；,，")
    rule = parse_deadline(phrase, plan.year)
    if phrase and not rule.recognised:
        warnings.append(ImportWarning(item.line, _('task ({task_id}): deadline {phrase!r} not understood; kept verbatim with no due date').format(task_id=task_id, phrase=phrase)))
    if rule.assumed_year is not None:
        warnings.append(ImportWarning(item.line, _("task ({task_id}): deadline {phrase!r} names no year; {assumed_year} used, the plan's year").format(task_id=task_id, phrase=phrase, assumed_year=rule.assumed_year)))
    lead = tuple(dict.fromkeys(fields.lead))
    responsible = tuple(dict.fromkeys(u for u in fields.responsible if u not in lead))
    if plan.first_leads and not lead and responsible:
        # the document says the first unit listed leads (列第一位者为牵头单位)
        lead, responsible = responsible[:1], responsible[1:]
    if not (lead or responsible or fields.every_lead or fields.every_responsible):
        if item.unread:
            warnings.append(ImportWarning(item.line, _('task ({task_id}): bracket "{unread}" not understood as units; the task names no lead or responsible unit').format(task_id=task_id, unread=item.unread)))
        else:
            warnings.append(ImportWarning(item.line, _('task ({task_id}) names no lead or responsible unit').format(task_id=task_id)))
    return Task(
        id=task_id, text=item.text, lead_units=lead, responsible_units=responsible,
        every_lead_unit=fields.every_lead, every_responsible_unit=fields.every_responsible,
        deadline=phrase, due=rule.due, recurrence=rule.recurrence, ongoing=rule.ongoing,
        part=context["part"], section=context["section"], topic=context["topic"], line=item.line,
    )
