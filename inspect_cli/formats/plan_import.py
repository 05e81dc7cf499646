"""Import an implementation plan (实施方案) into a checklist, keeping every numbered task."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from inspect_cli.domain.checklist import Checklist, Heading, Task
from inspect_cli.domain.deadline_phrases import looks_like_deadline, parse_deadline
from inspect_cli.domain.textnorm import (
    CLOSERS,
    OPENERS,
    PAGE_FURNITURE_RE,
    has_glosses,
    int_to_cn,
    known_simplified,
    matching_form,
    split_outside_brackets,
    trailing_bracket,
    with_glosses,
    without_glosses,
)
from inspect_cli.domain.unit_names import looks_like_unit, marked_leads, read_unit_tail, split_units
from inspect_cli.exceptions import InputError
from inspect_cli.formats.documents import Document, read_document
from inspect_cli.formats.numbering import STYLE_ORDER, cn_to_int, number_of, numeral
from inspect_cli.formats.task_tables import (
    category_first,
    column_roles,
    fit,
    headerless_tables,
    key_task_text,
    looks_like_header,
    sub_header_roles,
)
from inspect_cli.i18n import _

_TERMINAL = '。.;!?)]】〕”"》>'
_UNNUMBERED = "unnumbered"  # a project under a heading with labels of its own but no number
# What mojibake leaves where a number was: `?。ǘ┩` before the text.
_LEADING_JUNK = re.compile(r"^[^\w\u4e00-\u9fff]+")
_LABELS = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "主责单位": "lead",
    "主责部门": "lead",
    "牵头责任单位": "lead",
    "主办单位": "lead",
    "牵头处室": "lead",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "协同责任单位": "responsible",
    "协同单位": "responsible",
    "配合单位": "responsible",
    "协办单位": "responsible",
    "配合部门": "responsible",
    "参与单位": "responsible",
    "参与部门": "responsible",
    "落实单位": "responsible",
    "实施单位": "responsible",
    "协助单位": "responsible",
    "责任主体": "responsible",
    "配合处室": "responsible",
    "责任处室": "responsible",
    "完成时限": "deadline",
    "时间要求": "deadline",
    "完成时间": "deadline",
    "时限要求": "deadline",
    "时间节点": "deadline",
    "时间进度": "deadline",
    "完成期限": "deadline",
    "进度安排": "deadline",
    "时限": "deadline",
    # people, not units: read so that the units beside them are, but not kept
    "起草单位": "responsible",
    "承办单位": "responsible",
    "负责单位": "responsible",
    "承担单位": "responsible",
    "报送时间": "deadline",
    "报送审议时间": "deadline",
    "报送议案时间": "deadline",
    "提请审议时间": "deadline",
    "责任领导": "person",
    "牵头领导": "person",
    "分管领导": "person",
    "牵头负责领导": "person",
    "责任人": "person",
    "联系人": "person",
    "牵头市领导": "person",
    "责任市领导": "person",
    # a role word alone before a colon, as unit cells write it: `牵头：X<br>配合：Y`
    "牵头": "lead",
    "主办": "lead",
    "主责": "lead",
    "配合": "responsible",
    "协办": "responsible",
    "参与": "responsible",
    "协同": "responsible",
    "协助": "responsible",
}
# A label spread out to the width of a column (`牵 头 单 位：`), as Word documents justify them.
_SPACED_LABEL = re.compile(r"^(\s*(?:[\u4e00-\u9fff][ \t\u3000]+){1,6}[\u4e00-\u9fff])(\s*[:：])")
_LABEL_WORDS = "|".join(sorted(_LABELS, key=len, reverse=True))
# Labels not listed above are read by their ending: `起草单位`, `报送审议时间` (never `各单位`, `有关部门`).
_GENERIC_LABEL = (
    r"(?!各|有关|相关|其他)(?:[\u4e00-\u9fff]{1,4}(?:单位|部门|科室|处室)|[\u4e00-\u9fff]{0,4}(?:时限|期限)|"
    r"[\u4e00-\u9fff]{0,4}(?:完成|报送|提交|办结|截止|审议|出台|上报)时间)"
)
_LABEL_RE = re.compile(rf"^\s*({_LABEL_WORDS}|{_GENERIC_LABEL})\s*:\s*")


def _label_role(word: str) -> str:
    """What a field label names: lead, responsible, deadline or person."""
    if word in _LABELS:
        return _LABELS[word]
    if word.endswith(("时间", "时限", "期限")):
        return "deadline"
    return "lead" if "牵头" in word or word.startswith(("主办", "主责")) else "responsible"


# A second label after spaces on the same line starts a new field: `牵头单位：X 完成时限：Y`.
_LABEL_AFTER_SPACE = re.compile(rf"\s+(?=(?:{_LABEL_WORDS})\s*:)")
# `列第一位者为牵头（或汇总）单位（下同）`: the first unit of every list leads, for the rest of the document.
_FIRST_LEADS_NOTE = re.compile(
    r"[(\[【〔]?\s*(注:|说明:)?\s*(其中|以上|各项)?\s*(责任单位中)?\s*(列|排名?|位列)(在|于)?(第一位|首位|第一个?|首)(的|者|位)?(单位)?(为|是)"
    r"牵头[^()\[\]【】〔〕]{0,20}[)\]】〕]?"
)
# Page furniture that follows the last task of a captured page.
_CHROME = re.compile(rf"^\s*[【\[]?({PAGE_FURNITURE_RE}|【)|^\s*(\S{{0,10}}(报|台|社|网|站))?记者\s*\S{{0,4}}\s*$")
_ROLE_WORDS = re.compile(r"牵头|配合|协办|协助|参与|负责")
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
    def summary(self) -> dict[str, Any]:
        tasks = self.checklist.tasks
        return {
            "tasks": len(tasks),
            "parts": len(self.checklist.parts),
            "sections": len(self.checklist.sections),
            "topics": len(self.checklist.topics),
            "units": len(self.checklist.units()),
            "without_deadline": sum(1 for t in tasks if not (t.due or t.recurrence or t.ongoing)),
            "warnings": len(self.warnings),
            "review": sum(1 for t in tasks if t.review),
        }


@dataclass
class _Fields:
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: list[str] = field(default_factory=list)
    every_lead: bool = False
    every_responsible: bool = False
    notes: list[str] = field(default_factory=list)  # sentences in a unit bracket that are neither units nor a deadline
    unlabelled: bool = False  # units read from a bracket without labels, by their shape
    shared_from: int = 0  # the line of a unit line that several items above it share
    generic: list[str] = field(
        default_factory=list
    )  # labels read by their ending (`起草单位`), which do not say who leads

    def any(self) -> bool:
        return bool(self.lead or self.responsible or self.deadline or self.every_lead or self.every_responsible)

    def merge(self, other: _Fields) -> None:
        self.lead += other.lead
        self.responsible += other.responsible
        self.deadline += other.deadline
        self.every_lead |= other.every_lead
        self.every_responsible |= other.every_responsible
        self.notes += other.notes
        self.unlabelled |= other.unlabelled
        self.shared_from = self.shared_from or other.shared_from
        self.generic += other.generic


@dataclass
class _Item:
    style: str
    number: str
    line: int
    text: str
    fields: _Fields
    continuation_open: bool = True
    unread: str = ""  # a trailing bracket not understood as units, quoted in the warning
    from_row: bool = False
    inferred: bool = False  # numbered from the sequence around it: its own number is missing or damaged
    under_title: bool = False  # a line with units right after a title: a task of its own, or the title's body
    review: list[str] = field(default_factory=list)


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
                current = _label_role(label[1])
                if label[1] not in _LABELS and current == "responsible":  # `牵头科室` says who leads
                    fields.generic.append(label[1])
                value = piece[label.end() :].strip()
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
                if looks_like_deadline(folded):
                    current = "deadline"
                elif new_clause:
                    # after a full stop a short unlabelled clause is the time limit, even one not understood;
                    # a sentence (`以下政策措施均需…落实`) is a note: neither units nor a deadline
                    current = "note" if _is_sentence(folded) else "deadline"
                elif (
                    current in ("lead", "responsible") and _SENTENCE_WORDS.search(folded) and not looks_like_unit(piece)
                ):
                    current = "note"  # `责任单位：X，下同`: a remark after the units
            new_clause = False
            if not value or current == "person":
                continue
            if current == "note":
                fields.notes.append(value)
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


_SENTENCE_WORDS = re.compile(r"以下|以上|下同|不再|均需|均由|均要|需要|应当|请")


def _is_sentence(folded: str) -> bool:
    """True for a clause that says something (a note), not a short time limit such as `年底前完成初稿`."""
    return len(folded) > 12 or bool(_SENTENCE_WORDS.search(folded))


# A label after the task's own sentence on the same line: `任务……。牵头单位：X；完成时限：Y`.
_INLINE_LABEL = re.compile(rf"(?<=[。;.\s])\s*(?:{_LABEL_WORDS})\s*:")


def _inline_fields(original: str, form: str) -> tuple[int, _Fields] | None:
    """Labelled fields that follow the text on its line: where the text ends and the fields, or None."""
    match = _INLINE_LABEL.search(form)
    if not match:
        return None
    fields = parse_fields(original[match.start() :])
    return (match.start(), fields) if fields is not None and fields.any() else None


def _clauses(original: str) -> list[str]:
    """Clauses split on 。 and ； outside brackets, and before a label that follows spaces."""
    clauses: list[str] = []
    for clause in split_outside_brackets(original, "。;"):
        form = matching_form(clause)
        cuts = [match.end() for match in _LABEL_AFTER_SPACE.finditer(form)]
        clauses.extend(clause[start:end] for start, end in zip([0, *cuts], [*cuts, len(clause)], strict=False))
    return clauses


def _unlabelled_fields(content: str) -> _Fields | None:
    """Fields from a bracket of units without labels (`X牵头，Y配合`, `X、Y等负责`), or None."""
    tail = read_unit_tail(content, looks_like_deadline)
    if tail is None:
        return None
    return _Fields(
        lead=list(tail.lead), responsible=list(tail.responsible), deadline=list(tail.deadline), unlabelled=True
    )


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
    fields = _bracket_fields(original[position + 1 : end - 1])
    if fields is not None:
        # `（牵头单位：X）（完成时限：Y）`: a tail may come in several brackets
        earlier = _tail(original[:position], folded[:position])
        if earlier and earlier[1] is not None:
            earlier[1].merge(fields)
            return earlier
    return position, fields


def import_plan(
    path: Path, checklist_id: str | None = None, title: str | None = None, columns: tuple[str | None, ...] | None = None
) -> ImportResult:
    """Read a plan document and build its checklist; every numbered task is kept or warned about."""
    document = read_document(Path(path))
    return build_checklist(document, checklist_id=checklist_id, title=title, columns=columns)


@dataclass(frozen=True)
class _Line:
    number: int
    original: str
    form: str
    cells: tuple[str, ...] = ()
    pasted: bool = False  # a row of a table pasted as text: merged cells left out, not repeated
    starts_task: bool = False  # the value of a `工作任务: | … |` row: a task whose fields follow as rows of their own


def _key_value_row(cells: list[str]) -> str:
    """`牵头单位: | X | 完成时限 | Y |`: labels each followed by its value, read as the field line
    `牵头单位:X;完成时限:Y`; "" when the row is not one."""
    if not cells or len(cells) % 2:
        return ""
    fields = []
    for label, value in zip(cells[::2], cells[1::2], strict=False):
        form = matching_form(label).strip().rstrip(":").strip()
        match = _LABEL_RE.match(form + ":")
        if not match or match.end() != len(form) + 1:
            return ""
        if "".join(matching_form(value).split()) in _LABELS:
            return ""  # `牵头单位 | 配合单位`: two column names, a header's second line, not a key and its value
        fields.append(f"{label.strip().rstrip(':：')}：{value.strip()}")
    return "；".join(fields)


def build_checklist(
    document: Document,
    checklist_id: str | None = None,
    title: str | None = None,
    columns: tuple[str | None, ...] | None = None,
) -> ImportResult:
    """Build a checklist from a document already read; `columns` names a table's columns when its header is not
    known."""
    whole = "\n".join(line.text for line in document.lines) + "\n".join(
        c for line in document.lines for c in line.cells
    )
    with known_simplified(whole):
        return _build_checklist(document, checklist_id, title, columns)


def _build_checklist(
    document: Document, checklist_id: str | None, title: str | None, columns: tuple[str | None, ...] | None
) -> ImportResult:
    warnings: list[ImportWarning] = []
    lines: list[_Line] = []
    first_leads = False
    glossed: list[str] = []  # lines with pinyin glosses, read without them, the glosses put back in what is kept
    for block in document.blocks:
        cells = block.cells
        if has_glosses(block.text):
            glossed.append(block.text)
            cells = tuple(without_glosses(cell) for cell in cells)
            block = replace(block, text=without_glosses(block.text), cells=cells)
        distinct = list(dict.fromkeys(cell for cell in cells if cell.strip()))
        # a table row merged across repeats one cell: read it once
        text = _plain_line(distinct[0] if len(distinct) == 1 else block.text)
        key_value = _key_value_row(distinct)
        if key_value:
            text, cells = key_value, ()
        key_task = key_task_text(distinct)
        if key_task:
            lines.append(_Line(block.line, key_task, matching_form(key_task), starts_task=True))
            continue
        if not text:
            continue
        text = _SPACED_LABEL.sub(lambda match: "".join(match[1].split()) + match[2], text)
        form = matching_form(text)
        note = _FIRST_LEADS_NOTE.search(form)
        if note:
            first_leads = True
            start, end = note.start(), note.end()
            if form[end - 1] in CLOSERS and form[start] not in OPENERS:
                end -= 1  # the note ends the unit bracket: keep the bracket's own close
                while start > 0 and form[start - 1] in ",;、 ":
                    start -= 1
            text, form = (text[:start] + text[end:]).rstrip(), (form[:start] + form[end:]).rstrip()
        lines.append(_Line(block.line, text, form, tuple(_plain_line(cell) for cell in cells), block.pasted))
    scanner = _Scanner(warnings, columns)
    items, preamble = scanner.scan(lines)
    cut = scanner.cut_off(lines[-1].number if lines else 0)
    if cut is not None:
        warnings.append(
            ImportWarning(
                cut.line,
                _("the document looks cut off: it ends inside this task, at line {line}").format(line=lines[-1].number),
            )
        )
        cut.review.append(
            _("cut off: the document ends inside this task (line {line}); check it against the whole document").format(
                line=lines[-1].number
            )
        )
        _read_cut_bracket(cut)
    task_style = _task_style(items)
    if task_style is None and scanner.unknown_header is not None:
        header = scanner.unknown_header
        raise InputError(
            _(
                "{path}:{line}: no numbered tasks found, and the columns of the table headed {header} are "
                "not understood; name them, for example --columns task=2,lead=3,due=4"
            ).format(path=document.path, line=header.number, header=" | ".join(header.cells))
        )
    if scanner.unknown_header is not None and scanner.unread_rows >= _TABLE_ROWS:
        header = scanner.unknown_header
        warnings.append(
            ImportWarning(
                header.number,
                _(
                    "the table headed {header} is not read: its columns are not understood; name them with --columns, "
                    "for example --columns task=2,lead=3,due=4"
                ).format(header=" | ".join(header.cells)),
            )
        )
    if task_style is None:
        raise InputError(
            _(
                "{path}: no numbered tasks found: no line is numbered like 一、, （一）, 1., (1) or ①, and no table "
                "has a 序号 column; is this an implementation plan?"
            ).format(path=document.path)
        )
    heading_styles = STYLE_ORDER if task_style == _UNNUMBERED else STYLE_ORDER[: STYLE_ORDER.index(task_style)]
    plan_title, period = _title_and_period(preamble)
    plan = _PlanContext(year=_plan_year(preamble, plan_title), first_leads=first_leads, glossed="\n".join(glossed))
    parts, sections, topics, tasks = _assemble(items, task_style, heading_styles, plan, warnings)
    stem = document.path.stem
    checklist = Checklist(
        id=checklist_id or re.sub(r"[^\w.-]+", "-", stem).strip("-") or "checklist",
        title=title or plan_title or stem,
        tasks=tuple(tasks),
        parts=tuple(parts),
        sections=tuple(sections),
        topics=tuple(topics),
        source=document.name,
        source_sha256=document.sha256,
        period=period,
    )
    warnings.sort(key=lambda w: w.line)
    return ImportResult(checklist=checklist, warnings=tuple(warnings), encoding=document.encoding)


_MARKDOWN_LEAD = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*+]\s+(?=[(（一二三四五六七八九十\d]))")


def _plain_line(text: str) -> str:
    """A line without Markdown heading, quote or list marks and without wrapping bold marks."""
    text = _MARKDOWN_LEAD.sub("", text.strip())
    for mark in ("**", "__"):
        if text.startswith(mark):
            text = text[len(mark) :].replace(mark, "", 1)
    return text.strip()


_LONGEST_UNIT = 25


class _Scanner:
    """Reads lines into numbered items: their text, trailing brackets, field lines and table rows."""

    def __init__(self, warnings: list[Any], forced_columns: tuple[str | None, ...] | None = None) -> None:
        self.warnings = warnings
        self.items: list[_Item] = []
        self.preamble: list[str] = []
        self.field_targets: list[_Item] = []
        self.columns: tuple[str | None, ...] | None = None
        self.flat_columns: tuple[str | None, ...] | None = None
        self.category = ""
        self.above: tuple[str, ...] = ()  # the previous row of a pasted table, whose merged cells a short row shares
        self.after_chrome = False
        self.forced_columns = forced_columns
        self.unknown_header: _Line | None = None
        self.columns_guessed = False
        self.header_above = False  # the row before was a table's header
        self.unread_rows = 0  # rows of pasted tables whose columns are not understood
        self.last: tuple[_Item | None, _Line, bool] | None = None
        self.loose: _Line | None = None  # a line after a finished task: a project's name if unit labels follow

    def scan(self, lines: list[_Line]) -> tuple[list[_Item], list[str]]:
        headerless = {} if self.forced_columns else headerless_tables(lines)
        for index, line in enumerate(lines):
            targets, self.field_targets = self.field_targets, []
            if index in headerless:
                self.columns, self.category, self.above = headerless[index], "", ()
                self.columns_guessed = True
                self.warnings.append(
                    ImportWarning(
                        line.number,
                        _(
                            "a table with no header: its columns read by what their cells hold; name them with "
                            "--columns if they are wrong"
                        ),
                    )
                )
            if line.cells and self._table_row(line):
                continue
            if not line.cells and self._flat_table_row(line):
                continue
            numbered = number_of(line.form)
            if numbered:
                self._numbered(line, *numbered)
                continue
            if line.starts_task:
                count = sum(1 for item in self.items if item.style == _UNNUMBERED) + 1
                self._append(_Item(_UNNUMBERED, str(count), line.number, line.original, _Fields()), line, False)
                continue
            field_line = _field_line(line.original, line.form)
            if field_line is not None:
                self._field_line(line, field_line, targets)
                continue
            self._plain(line)
        self._check_inferred()
        self._bodies_under_titles()
        return self.items, self.preamble

    def _bodies_under_titles(self) -> None:
        """A title followed by one line with units is a task and its body (`(1)加强执法监督` /
        `建立…。（牵头单位：X）`); where some title has several such lines, the titles are headings over tasks without
        numbers."""
        if any(
            item.under_title and following.style == _UNNUMBERED
            for item, following in zip(self.items, self.items[1:], strict=False)
        ):
            return
        kept: list[_Item] = []
        for item in self.items:
            if item.under_title and kept:
                title = kept[-1]
                title.text += "\n" + item.text
                title.fields, title.review = item.fields, title.review + item.review
                continue
            kept.append(item)
        self.items = kept

    def _append(self, item: _Item, line: _Line, gave_fields: bool = True) -> None:
        self.items.append(item)
        self._consumed(item, line, gave_fields)

    def _consumed(self, item: _Item | None, line: _Line, gave_fields: bool) -> None:
        """Remember the last line read into an item, to tell whether the document ends inside it."""
        self.last = (item, line, gave_fields)
        self.loose = None if item is not None else self.loose

    def _numbered(self, line: _Line, style: str, label: str, start: int) -> None:
        body_original, body_form = line.original[start:], line.form[start:]
        tail = _tail(body_original, body_form)
        fields, text, unread = _Fields(), body_original, ""
        inline = _inline_fields(body_original, body_form) if not (tail and tail[1] is not None) else None
        if tail and tail[1] is not None:
            text, fields = body_original[: tail[0]].rstrip(), tail[1]
        elif inline:
            text, fields = body_original[: inline[0]].rstrip(), inline[1]
        elif tail:
            unread = body_original[tail[0] : len(body_form.rstrip(" 。.;"))]
        self._append(
            _Item(style, label, line.number, text.strip(), fields, continuation_open=not fields.any(), unread=unread),
            line,
            fields.any(),
        )
        self.after_chrome = False

    def _field_line(self, line: _Line, fields: _Fields, targets: list[_Item]) -> None:
        if not self.items:
            self.warnings.append(
                ImportWarning(
                    line.number,
                    _("unit or deadline line outside any task, not imported: {value}").format(value=line.original[:40]),
                )
            )
            return
        if not targets and self.loose is not None and _project_name(self.loose.form):
            # a project with no number of its own under a heading, named on the line before its labels
            project = self.loose
            count = sum(1 for item in self.items if item.style == _UNNUMBERED) + 1
            self.items.append(
                _Item(_UNNUMBERED, str(count), project.number, project.original.strip(), _Fields(), False)
            )
            targets = [self.items[-1]]
        if not targets:
            targets = self._shared_targets()
            if len(targets) > 1:
                self.warnings.append(
                    ImportWarning(
                        line.number,
                        _(
                            "unit or deadline line applies to each of the {value} items ({number})–({number2}) above "
                            "it, which name none of their own"
                        ).format(value=len(targets), number=targets[0].number, number2=targets[-1].number),
                    )
                )
                fields.shared_from = line.number
        for target in targets:
            target.fields.merge(copy.deepcopy(fields))
            target.continuation_open = False
        self.field_targets = targets
        self._consumed(targets[-1], line, True)

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
            last.text += "\n" + line.original[: inline[0]].rstrip()
            last.fields.merge(inline[1])
            last.continuation_open = False
            self._consumed(last, line, True)
            return
        if tail and tail[1] is not None:
            if last.continuation_open and not last.fields.any() and _title(last):
                # a heading, then a task with no number naming its own units (or a task's title, then its body:
                # told apart once the lines after it are read, in _bodies_under_titles)
                self._unnumbered(line, tail[0], tail[1])
                self.items[-1].under_title = True
                return
            if last.continuation_open and not last.fields.any():
                # the units of a task wrapped over several lines
                text = line.original[: tail[0]].rstrip()
                last.text += "\n" + text if text else ""
                last.fields.merge(tail[1])
                last.continuation_open = False
                self._consumed(last, line, True)
                return
            if self._inferred(line, tail[0], tail[1]):
                return
            self.warnings.append(
                ImportWarning(
                    line.number,
                    _("line names a unit or deadline but has no task number, not imported: {value}…").format(
                        value=line.original[:40]
                    ),
                )
            )
        elif last.continuation_open:
            # a task wrapped over several lines or paragraphs, before its units and deadline
            last.text += "\n" + line.original
            if tail:
                last.unread = line.original[tail[0] : len(line.form.rstrip(" 。.;"))]
            self._consumed(last, line, False)
            return
        elif tail and tail[0] == 0:
            self.warnings.append(
                ImportWarning(
                    line.number,
                    _("line {value!r} after task ({number}) not understood as units, not imported").format(
                        value=line.original[:40], number=last.number
                    ),
                )
            )
        self._consumed(None, line, False)
        self.loose = line

    def cut_off(self, last_line: int) -> _Item | None:
        """The task the document ends inside when it looks cut off (mid-sentence, half a unit name), else None."""
        if self.last is None:
            return None
        item, line, gave_fields = self.last
        if item is None or line.number != last_line:
            return None
        units = item.fields.lead + item.fields.responsible
        if gave_fields and units:
            return None if looks_like_unit(units[-1]) else item
        if item.from_row or gave_fields:
            return None if item.fields.any() else item
        return None if line.form.rstrip()[-1:] in _TERMINAL else item

    def _unnumbered(self, line: _Line, end: int, fields: _Fields) -> None:
        count = sum(1 for item in self.items if item.style == _UNNUMBERED) + 1
        self._append(_Item(_UNNUMBERED, str(count), line.number, line.original[:end].strip(), fields, False), line)

    def _inferred(self, line: _Line, end: int, fields: _Fields) -> bool:
        """A task whose number is missing or damaged (mojibake), numbered after the task before it; False if none is."""
        last = self.items[-1]
        if last.style == _UNNUMBERED and len(line.original[:end].strip()) >= _SHORTEST_TASK:
            self._unnumbered(line, end, fields)  # one more task without a number, like the one before it
            return True
        number = cn_to_int(last.number)
        if not last.fields.any() or number is None or last.style not in STYLE_ORDER:
            return False
        label = numeral(number + 1, last.style)
        text = _LEADING_JUNK.sub("", line.original[:end]).strip()
        if len(text) < _SHORTEST_TASK:
            return False  # a bracket with little or nothing before it is a remark, not a task
        item = _Item(last.style, label, line.number, text, fields, continuation_open=False, inferred=True)
        self._append(item, line)
        return True

    def _check_inferred(self) -> None:
        """Keep an inferred number only where the numbers after it agree; otherwise the line is not a task."""
        kept: list[_Item] = []
        pending: list[_Item] = []
        for item in [*self.items, None]:
            if item is not None and item.inferred:
                pending.append(item)
                continue
            if pending:
                last_inferred = cn_to_int(pending[-1].number)  # a number made from the sequence: never None
                agrees = (
                    item is None
                    or item.style != pending[0].style
                    or (last_inferred is not None and cn_to_int(item.number) == last_inferred + 1)
                )
                for inferred in pending:
                    if agrees:
                        self.warnings.append(
                            ImportWarning(
                                inferred.line,
                                _(
                                    "the task number is missing or damaged; read as ({label}) from the numbers around "
                                    "it"
                                ).format(label=inferred.number),
                            )
                        )
                        inferred.review.append(
                            _(
                                "number: missing or damaged in the document, read as ({label}) from "
                                "the numbers around it"
                            ).format(label=inferred.number)
                        )
                        kept.append(inferred)
                    else:
                        # not the next number: a task without one, as the reader sees it
                        self.warnings.append(
                            ImportWarning(
                                inferred.line,
                                _(
                                    "the line has no task number but names its units; imported as a task without a "
                                    "number"
                                ),
                            )
                        )
                        inferred.review.append(
                            _("number: none in the document; read as a task because it names its own units")
                        )
                        inferred.style, inferred.inferred = _UNNUMBERED, False
                        kept.append(inferred)
                pending = []
            if item is not None:
                kept.append(item)
        self.items = kept

    def _table_row(self, line: _Line) -> bool:
        """A row of a table: a header sets the columns, later rows become items. False if not a task table."""
        roles = None if self.forced_columns else column_roles(line.cells)
        below_header, self.header_above = self.header_above, roles is not None
        if roles is None and below_header and self.columns is not None:
            refined = sub_header_roles(self.columns, line.cells)
            if refined is not None:  # the second line of a header merged over two rows (责任单位 over 牵头 | 配合)
                self.columns = refined
                return True
        if roles is not None:
            self.columns, self.category, self.above = category_first(roles), "", ()
            self.columns_guessed = False
            unknown = [cell for cell, role in zip(line.cells, roles, strict=False) if cell.strip() and role is None]
            if unknown:
                self.warnings.append(
                    ImportWarning(
                        line.number,
                        _(
                            "the table's columns {names} are not understood and not read; name every column with "
                            "--columns, for example --columns task=2,lead=3,due=4"
                        ).format(names="、".join(unknown)),
                    )
                )
            return True
        if self.forced_columns and self.columns is None:
            self.columns, self.category, self.above = self.forced_columns, "", ()
            if looks_like_header(line.cells):
                return True
        if self.columns is None or len({cell for cell in line.cells if cell}) <= 1:
            if line.pasted and len(line.cells) > 1 and self.columns is None:
                self.unknown_header = self.unknown_header or line
                self.unread_rows += 1
            return False  # not in a task table, or a row merged across (a heading such as 一、依法行政) read as a line
        cells, number = self._aligned(line, self.columns)
        values: dict[str, list[str]] = {}
        for role, cell in zip(self.columns, cells, strict=False):
            if role and cell and cell not in values.get(role, []):
                values.setdefault(role, []).append(cell)
        text = "\n".join(values.get("task", []))
        if not text:
            return True
        category = " ".join(values.get("category", []))
        if category and category != self.category:
            self.category = category
            numbered = number_of(matching_form(category))
            count = sum(1 for item in self.items if item.style == "part") + 1
            label, title = (
                (numbered[1], category[numbered[2] :].rstrip("。.")) if numbered else (int_to_cn(count), category)
            )
            self.items.append(_Item("part", label, line.number, title, _Fields(), False))
        number = number or " ".join(values.get("number", [])).strip().rstrip(".、")
        own = number_of(matching_form(text))
        if own and own[0] in ("topic", "item") and cn_to_int(number) is None:
            number, text = own[1], text[own[2] :]  # the task's number written inside its cell: `1.积极推进…`
        if cn_to_int(number) is None:
            number = str(sum(1 for item in self.items if item.style == "topic") + 1)
        fields = _Fields(deadline=values.get("deadline", []))
        for role in ("lead", "responsible"):
            for cell in values.get(role, []):
                fields.merge(_unit_cell(cell, role))
        item = _Item("topic", number, line.number, text, fields, continuation_open=False, from_row=True)
        if self.columns_guessed:
            item.review.append(_("units: the table has no header; columns read by what their cells hold"))
        self._append(item, line)
        return True

    def _aligned(self, line: _Line, columns: tuple[str | None, ...]) -> tuple[list[str], str]:
        """A row's cells under the header's columns, and its number when a cell holds it with no column of its own.

        A table pasted as text leaves merged cells out: its rows may be short of cells on the left, which the
        row above holds; whether a short row lines up on the left or the right is decided by what its cells hold.
        """
        cells = list(line.cells)
        number = ""
        if not line.pasted or self.forced_columns:
            return cells, number  # cells repeated where merged, or columns the user named by position
        if len(cells) > len(columns) and "number" not in columns:
            position = next((i for i, cell in enumerate(cells) if cell.isdigit()), None)
            if position is not None:
                number = cells.pop(position)
        while cells and not cells[-1]:
            cells.pop()
        missing = len(columns) - len(cells)
        if missing > 0:
            # the merged cells left out sit together somewhere in the row: where the cells then fit best
            # (ties go to the end: a short row is first taken to lack its last cells)
            gap = max(range(len(cells), -1, -1), key=lambda at: fit(columns, cells[:at] + [""] * missing + cells[at:]))
            carried = [
                self.above[i] if i < len(self.above) and columns[i] in ("category", None) else ""
                for i in range(gap, gap + missing)
            ]
            cells = cells[:gap] + carried + cells[gap:]
        self.above = tuple(cells)
        return cells, number

    def _flat_table_row(self, line: _Line) -> bool:
        """A table flattened to text: a header line of column names, then rows that start with their number."""
        tokens = line.form.split()
        if len(tokens) >= 3:
            roles = column_roles(tokens)
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
        cells = line.original[len(match[1]) :].split()
        if len(cells) <= len(trailing):
            return False
        text_cells, field_cells = cells[: len(cells) - len(trailing)], cells[len(cells) - len(trailing) :]
        fields = _Fields()
        for role, cell in zip(trailing, field_cells, strict=False):
            if role == "deadline":
                fields.deadline.append(cell)
            elif role != "person":
                (fields.lead if role == "lead" else fields.responsible).extend(split_units(cell))
        # a sentence in a unit column means the columns were not where the header says: not a row after all
        if any(len(unit) > _LONGEST_UNIT for unit in fields.lead + fields.responsible) or any(
            "。" in cell for cell in field_cells
        ):
            return False
        self.items.append(_Item("topic", match[1], line.number, " ".join(text_cells), fields, continuation_open=False))
        return True


def _read_cut_bracket(item: _Item) -> None:
    """The units of a bracket the document's end cut open (`（牵头单位：X；责任单位：区政`), the cut name left out."""
    form = matching_form(item.text)
    opener = max(form.rfind(char) for char in OPENERS)
    if opener < 0 or any(char in CLOSERS for char in form[opener:]):
        return
    fields = _bracket_fields(item.text[opener + 1 :])
    if fields is None or not fields.any():
        return
    for names in (fields.responsible, fields.lead):
        if names and not looks_like_unit(names[-1]):
            names.pop()  # half a name: where the capture stopped
            break
    item.text, item.fields = item.text[:opener].rstrip(), fields


def _title(item: _Item) -> bool:
    """An item that is only a title so far (`一、扩大有效投资`): one short line, no sentence, no units of its own."""
    return (
        item.style in STYLE_ORDER
        and "\n" not in item.text
        and not item.unread
        and len(item.text) <= _LONGEST_TITLE
        and not any(mark in item.text for mark in "。；;，,")
    )


_LONGEST_TITLE = 30


def _project_name(form: str) -> bool:
    """A line that names a project (`某市养犬管理条例`), not a sentence explaining the task before it."""
    return len(form.strip()) <= _LONGEST_PROJECT and form.rstrip()[-1:] not in "。;,:"


_LONGEST_PROJECT = 50
_TABLE_ROWS = 2  # a pasted line or two of `a | b` is page chrome; more is a table
_SHORTEST_TASK = 4


def _unit_cell(cell: str, role: str) -> _Fields:
    """A table cell of units: a plain list for its column's role, labelled lines (`牵头单位：X` / `配合单位：Y`),
    or units with their roles (`办公室牵头，各科室配合`)."""
    if any(_LABEL_RE.match(matching_form(part)) for part in cell.splitlines()):
        fields = parse_fields("；".join(cell.splitlines()))
        if fields is not None:
            return fields
    if _ROLE_WORDS.search(matching_form(cell)):
        fields = _unlabelled_fields(cell)
        if fields is not None:
            fields.unlabelled = False  # the column says these are units
            return fields
    marked, names = marked_leads(split_units(cell))
    return _Fields(lead=marked + (names if role == "lead" else []), responsible=names if role == "responsible" else [])


def _field_line(original: str, folded: str) -> _Fields | None:
    """Fields on a line of their own: `牵头单位：X；完成时限：Y`, possibly wrapped in brackets, or
    `（X牵头，Y配合）`."""
    stripped = folded.rstrip("。")
    if stripped[:1] in OPENERS and stripped[-1:] in CLOSERS and trailing_bracket(stripped) == 0:
        fields = _bracket_fields(original[1 : len(stripped) - 1])
        return fields if fields is not None and fields.any() else None
    if _LABEL_RE.match(folded):
        fields = parse_fields(original)
        return fields if fields is not None and fields.any() else None
    return None


def _task_style(items: list[_Item]) -> str | None:
    """The numbering style whose items carry units or deadlines; failing that, the innermost one used."""
    with_fields: dict[str, int] = {}
    for item in items:
        if item.fields.any() and item.style != _UNNUMBERED:
            with_fields[item.style] = with_fields.get(item.style, 0) + 1
    if with_fields:
        return max(with_fields, key=lambda style: (with_fields[style], STYLE_ORDER.index(style)))
    if any(item.style == _UNNUMBERED and item.fields.any() for item in items):
        return _UNNUMBERED  # tasks without numbers under numbered headings
    used = {item.style for item in items if item.style != _UNNUMBERED}
    deeper = [style for style in reversed(STYLE_ORDER) if style in used and style != "part"]
    return deeper[0] if deeper else ("part" if "part" in used else None)


_TITLE_WORDS = re.compile(r"方案|要点|分解|意见|计划|通知|规划|清单|任务|措施|分工|安排")
_TITLE_END = re.compile(r"(方案|要点|分解|分解表|意见|计划|规划|清单|分工|任务表|措施|安排)$")
# Page metadata (`文号 | …`, `名 称: …`) is never the title.
_METADATA = re.compile(r"\||^\S{1,2}\s?\S{0,2}\s*:|:$")
_DATE = re.compile(r"(\d{4})\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|-\d{1,2}-\d{1,2})")


def _title_and_period(preamble: list[str]) -> tuple[str, str]:
    candidates = [
        line.strip()
        for line in preamble[:40]
        if len(line.strip()) <= 60 and not _METADATA.search(matching_form(line.strip()))
    ]
    titled = [line for line in candidates if _TITLE_END.search(line.rstrip("。"))]
    # a title naming its year (某市2022年…分解表) over a bare one (a sheet named 任务分解)
    title = (
        next((line for line in titled if re.search(r"\d{4}\s*年", line)), "")
        or next(iter(titled), "")
        or next((line for line in candidates if _TITLE_WORDS.search(line)), "")
        or (candidates[0] if candidates else "")
    )
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
    glossed: str = ""  # the lines written with pinyin glosses, as the document writes them


def _assemble(items: list[_Item], task_style: str, heading_styles: list[str], plan: _PlanContext, warnings: list[Any]):
    parts: list[Heading] = []
    sections: list[Heading] = []
    topics: list[Heading] = []
    current: dict[str, str | None] = {"part": None, "section": None, "topic": None}
    raw_tasks: list[tuple[_Item, dict[str, str | None]]] = []
    for item in items:
        if item.style in (task_style, _UNNUMBERED):
            raw_tasks.append((item, dict(current)))
            continue
        if item.style not in heading_styles:
            # deeper than the task level (e.g. (1) under tasks numbered 1.): part of the task text
            if raw_tasks:
                raw_tasks[-1][0].text += "\n" + f"({item.number})" + item.text
                raw_tasks[-1][0].fields.merge(item.fields)
            continue
        title, _newline, project = item.text.partition("\n")
        if item.fields.any() and project.strip():
            # a heading, then a project with no number whose labels follow it: the project is a task under it
            raw_tasks_under = _Item(_UNNUMBERED, "", item.line, project.strip(), item.fields, False, review=item.review)
            item = _without_fields(item)
            pending_project = raw_tasks_under
        else:
            pending_project = None
        if item.fields.any():
            warnings.append(
                ImportWarning(
                    item.line,
                    _("heading {number} carries units or a deadline; they are ignored").format(number=item.number),
                )
            )
        if item.style == "part":
            current = {"part": item.number, "section": None, "topic": None}
            parts.append(Heading("part", item.number, title))
        elif item.style == "section":
            current = {"part": current["part"], "section": item.number, "topic": None}
            sections.append(Heading("section", item.number, title, part=current["part"]))
        else:
            current = {**current, "topic": item.number}
            topics.append(Heading("topic", item.number, title, part=current["part"], section=current["section"]))
        if pending_project is not None:
            raw_tasks.append((pending_project, dict(current)))
    ids = _task_ids(raw_tasks, warnings)
    tasks = [
        _task(item, context, task_id, plan, warnings) for (item, context), task_id in zip(raw_tasks, ids, strict=False)
    ]
    return _unique(parts), _unique(sections), _unique(topics), tasks


def _without_fields(item: _Item) -> _Item:
    return _Item(item.style, item.number, item.line, item.text, _Fields(), item.continuation_open)


def _unique(headings: list[Heading]) -> list[Heading]:
    """Headings without repeats of the same path, first one kept."""
    seen: dict[tuple[str | None, ...], Heading] = {}
    for heading in headings:
        seen.setdefault(heading.key, heading)
    return list(seen.values())


def _task_ids(raw_tasks: list[tuple[_Item, dict[str, str | None]]], warnings: list[Any]) -> list[str]:
    """The plan's own numbers as ids, qualified by heading when numbering restarts under each one."""
    numbers = [cn_to_int(item.number) if item.style != _UNNUMBERED else None for item, _ in raw_tasks]
    restarts = any(
        later is not None and earlier is not None and later <= earlier and raw_tasks[i + 1][1] != raw_tasks[i][1]
        for i, (earlier, later) in enumerate(zip(numbers, numbers[1:], strict=False))
    )
    ids: list[str] = []
    seen: dict[str, int] = {}
    previous: dict[tuple[str, ...], tuple[int, str, int]] = {}
    unnumbered: dict[tuple[str, ...], int] = {}
    for (item, context), number in zip(raw_tasks, numbers, strict=False):
        scope = tuple(v for v in (context["part"], context["section"], context["topic"]) if v) if restarts else ()
        base = ".".join([*scope[-1:], item.number]) if restarts else item.number
        if item.style == _UNNUMBERED:
            heading = tuple(v for v in (context["part"], context["section"], context["topic"]) if v)
            unnumbered[heading] = unnumbered.get(heading, 0) + 1
            base = ".".join([*heading[-1:], str(unnumbered[heading])]) if heading else f"p{unnumbered[heading]}"
        last = previous.get(scope)
        if number is not None and last is not None and number > last[0] + 1:
            warnings.append(
                ImportWarning(
                    item.line,
                    _(
                        "task numbering jumps from ({value}) to ({number}) after line {value2}; is a task missing?"
                    ).format(value=last[1], number=item.number, value2=last[2]),
                )
            )
        if number is not None:
            previous[scope] = (number, item.number, item.line)
        task_id = base
        if base in seen:
            count = 2
            while f"{base}-{count}" in seen:
                count += 1
            task_id = f"{base}-{count}"
            warnings.append(
                ImportWarning(
                    item.line,
                    _("task number ({number}) repeats the one at line {value}; kept as task {task_id}").format(
                        number=item.number, value=seen[base], task_id=task_id
                    ),
                )
            )
        seen[task_id] = item.line
        ids.append(task_id)
    return ids


def _task(item: _Item, context: dict[str, Any], task_id: str, plan: _PlanContext, warnings: list[Any]) -> Task:
    fields = item.fields
    phrase = "，".join(fields.deadline).strip().rstrip("。.;；,，")
    rule = parse_deadline(phrase, plan.year)
    review = list(item.review)
    if phrase and not rule.recognised:
        if plan.year is None and parse_deadline(phrase, 2000).assumed_year is not None:
            warnings.append(
                ImportWarning(
                    item.line,
                    _("task ({task_id}): deadline {phrase!r} names no year, nor does the plan; no due date").format(
                        task_id=task_id, phrase=phrase
                    ),
                )
            )
            review.append(
                _("deadline: {phrase} names no year, nor does the plan; set due by hand").format(phrase=phrase)
            )
        else:
            warnings.append(
                ImportWarning(
                    item.line,
                    _("task ({task_id}): deadline {phrase!r} not understood; kept verbatim with no due date").format(
                        task_id=task_id, phrase=phrase
                    ),
                )
            )
            review.append(_("deadline: {phrase} not understood as a date; set due by hand").format(phrase=phrase))
    if rule.assumed_year is not None:
        warnings.append(
            ImportWarning(
                item.line,
                _("task ({task_id}): deadline {phrase!r} names no year; {assumed_year} used, the plan's year").format(
                    task_id=task_id, phrase=phrase, assumed_year=rule.assumed_year
                ),
            )
        )
        review.append(
            _("deadline: {phrase} names no year; {year}, the plan's year, used").format(
                phrase=phrase, year=rule.assumed_year
            )
        )
    if fields.unlabelled:
        review.append(_("units: read from a bracket without labels, by the shape of the names"))
    for label in dict.fromkeys(fields.generic):
        review.append(
            _("units: the label {label} does not say who leads; its units read as responsible").format(label=label)
        )
    if fields.shared_from:
        review.append(
            _("units: from line {line}, below several tasks that name none of their own").format(
                line=fields.shared_from
            )
        )
    for note in fields.notes:
        review.append(_("note inside the unit bracket, read as neither units nor deadline: {note}").format(note=note))
    lead = tuple(dict.fromkeys(fields.lead))
    responsible = tuple(dict.fromkeys(u for u in fields.responsible if u not in lead))
    text = item.text
    if plan.glossed:
        lead, responsible = (tuple(with_glosses(name, plan.glossed) for name in names) for names in (lead, responsible))
        text = "\n".join(with_glosses(line, plan.glossed) for line in text.split("\n"))
    if plan.first_leads and not lead and responsible:
        # the document says the first unit listed leads (列第一位者为牵头单位)
        lead, responsible = responsible[:1], responsible[1:]
    odd = [name for name in lead + responsible if not looks_like_unit(name)]
    if odd:  # a name of no unit's shape: glued names, a stray word, or a cell read under the wrong column
        review.append(
            _("units: {names} do not read as unit names; check them against the plan").format(names="、".join(odd))
        )
    if not (lead or responsible or fields.every_lead or fields.every_responsible):
        if item.unread:
            warnings.append(
                ImportWarning(
                    item.line,
                    _(
                        'task ({task_id}): bracket "{unread}" not understood as units; the task names no lead or '
                        "responsible unit"
                    ).format(task_id=task_id, unread=item.unread),
                )
            )
        else:
            warnings.append(
                ImportWarning(
                    item.line, _("task ({task_id}) names no lead or responsible unit").format(task_id=task_id)
                )
            )
        review.append(_("units: none found"))
    return Task(
        id=task_id,
        text=text,
        lead_units=lead,
        responsible_units=responsible,
        every_lead_unit=fields.every_lead,
        every_responsible_unit=fields.every_responsible,
        deadline=phrase,
        due=rule.due,
        recurrence=rule.recurrence,
        ongoing=rule.ongoing,
        part=context["part"],
        section=context["section"],
        topic=context["topic"],
        line=item.line,
        review=tuple(dict.fromkeys(review)),
    )
