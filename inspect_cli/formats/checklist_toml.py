"""Checklist format v1 on disk: reading a checklist TOML file with every problem at its line, and writing one."""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from inspect_cli.domain.checklist import Checklist, Heading, Task, check_recurrence, plan_years
from inspect_cli.domain.limits import in_force
from inspect_cli.exceptions import ChecklistInvalid
from inspect_cli.i18n import N_, _

FORMAT_VERSION = 1

TOP_KEYS = {"format", "checklist", "parts", "sections", "topics", "tasks"}
META_KEYS = {"id", "title", "source", "source_sha256", "period"}
HEADING_KEYS = {
    "parts": {"number", "title"},
    "sections": {"part", "number", "title"},
    "topics": {"part", "section", "number", "title"},
}
TASK_KEYS = {
    "id",
    "text",
    "lead_units",
    "responsible_units",
    "every_lead_unit",
    "every_responsible_unit",
    "deadline",
    "due",
    "recurrence",
    "ongoing",
    "part",
    "section",
    "topic",
    "tags",
    "weight",
    "verify",
    "line",
    "review",
}


@dataclass(frozen=True)
class Problem:
    """One validation problem, printed as `file:line: message`."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


# ---------------------------------------------------------------- loading and validation


def load_checklist(path: Path) -> Checklist:
    """Load and validate a checklist file; raise ChecklistInvalid listing every problem."""
    checklist, problems = check_checklist(path)
    if problems or checklist is None:  # a checklist is read whenever there is no problem
        raise ChecklistInvalid(problems)
    return checklist


def check_checklist(path: Path) -> tuple[Checklist | None, list[Problem]]:
    """Validate a checklist file, returning what loaded and every problem found."""
    from inspect_cli.formats.fileio import read_input

    path = Path(path)
    name = str(path)
    raw = read_input(
        path, N_("import a checklist with 'inspect-cli checklist import PLAN'"), N_("a checklist .toml file")
    )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(name, 1, _("not UTF-8 text; a checklist is a UTF-8 TOML file"))]
    if not text.strip():
        return None, [Problem(name, 1, _("the file is empty; a checklist needs [checklist] and [[tasks]]"))]
    from inspect_cli.formats.fileio import MAX_NESTING, nesting_depth, toml_parser

    if nesting_depth(text) > MAX_NESTING:
        return None, [
            Problem(
                name,
                1,
                _("arrays or tables nest more than {MAX_NESTING} deep; a checklist never does").format(
                    MAX_NESTING=MAX_NESTING
                ),
            )
        ]
    tomllib = toml_parser()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_toml_problem(name, exc)]
    lines = _LineMap(text)
    validator = _Validator(name, data, lines)
    checklist = validator.run()
    if checklist is not None:
        checklist = replace(checklist, path=path, sha256=hashlib.sha256(raw).hexdigest())
    return checklist, validator.problems


def review_marks(path: Path) -> list[Problem]:
    """Each review mark of a valid checklist file as `file:line: review: …`, at the line of the task's review key."""
    from inspect_cli.formats.fileio import read_input, toml_parser

    text = read_input(Path(path)).decode("utf-8-sig")
    lines = _LineMap(text)
    marks: list[Problem] = []
    for index, entry in enumerate(toml_parser().loads(text).get("tasks", [])):
        for mark in entry.get("review", ()):
            marks.append(Problem(str(path), lines.key("tasks", index, "review"), f"review: {mark}"))
    return marks


def _toml_problem(name: str, exc: Exception) -> Problem:
    message = str(exc)
    line = getattr(exc, "lineno", None)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if line is None and match:
        line = int(match[1])
    message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
    return Problem(name, line or 1, _("malformed TOML: {message}").format(message=message))


class _LineMap:
    """Finds the line of a table header or key, since tomllib reports no positions for values."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        self.starts: list[int] = []  # every table header line, [x] or [[x]], in order
        for number, line in enumerate(self.lines, start=1):
            match = re.match(r"\s*\[(\[)?\s*([A-Za-z_.]+)\s*\]", line)
            if match:
                self.starts.append(number)
                if match[1]:
                    self.headers.setdefault(match[2], []).append(number)

    def table(self, array: str, index: int) -> int:
        found = self.headers.get(array, [])
        return found[index] if index < len(found) else 1

    def key(self, array: str | None, index: int, key: str) -> int:
        if array is None:  # top-level keys come before the first table
            start, end = 1, (self.starts[0] - 1 if self.starts else len(self.lines))
        else:
            start = self.table(array, index)
            following = bisect_right(self.starts, start)
            end = self.starts[following] - 1 if following < len(self.starts) else len(self.lines)
        pattern = re.compile(rf"\s*\"?{re.escape(key)}\"?\s*=")
        for number in range(start, end + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return start


class _Validator:
    def __init__(self, name: str, data: dict[str, Any], lines: _LineMap) -> None:
        self.name, self.data, self.lines = name, data, lines
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.name, line, message))

    def run(self) -> Checklist | None:
        data = self.data
        for key in data:
            if key not in TOP_KEYS:
                self.problem(
                    self.lines.key(None, 0, key),
                    _("unknown top-level key {key!r}; allowed: {value}").format(
                        key=key, value=", ".join(sorted(TOP_KEYS))
                    ),
                )
        version = data.get("format", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            self.problem(
                self.lines.key(None, 0, "format"),
                _("format {version!r} is not supported; this version reads format {FORMAT_VERSION}").format(
                    version=version, FORMAT_VERSION=FORMAT_VERSION
                ),
            )
        meta = data.get("checklist")
        if not isinstance(meta, dict):
            self.problem(1, _("missing [checklist] table with id and title"))
            meta = {}
        meta_line = next((n for n, line in enumerate(self.lines.lines, 1) if line.strip() == "[checklist]"), 1)
        self.period = plan_years(period if isinstance(period := meta.get("period"), str) else "")
        for key, value in meta.items():
            if key not in META_KEYS:
                self.problem(
                    meta_line,
                    _("[checklist]: unknown key {key!r}; allowed: {value}").format(
                        key=key, value=", ".join(sorted(META_KEYS))
                    ),
                )
            elif not isinstance(value, str):
                self.problem(meta_line, _("[checklist]: {key} must be a string").format(key=key))
        for key in ("id", "title"):
            if meta and not meta.get(key):
                self.problem(meta_line, _("[checklist]: {key} is required").format(key=key))
        headings = {level: self._headings(level) for level in ("parts", "sections", "topics")}
        tasks = self._tasks(headings)
        if not isinstance(data.get("tasks"), list) or not data.get("tasks"):
            self.problem(1, _("no [[tasks]]: a checklist needs at least one task"))
        if self.problems:
            return None
        return Checklist(
            id=meta["id"],
            title=meta["title"],
            tasks=tuple(tasks),
            parts=tuple(headings["parts"].values()),
            sections=tuple(headings["sections"].values()),
            topics=tuple(headings["topics"].values()),
            source=meta.get("source", ""),
            source_sha256=meta.get("source_sha256", ""),
            period=meta.get("period", ""),
        )

    def _headings(self, array: str) -> dict[tuple[str | None, ...], Heading]:
        level = array[:-1]
        found: dict[tuple[str | None, ...], Heading] = {}
        entries = self.data.get(array, [])
        if not isinstance(entries, list):
            self.problem(
                self.lines.key(None, 0, array),
                _("{array} must be an array of tables ([[{array}]])").format(array=array),
            )
            return found
        for index, entry in enumerate(entries):
            line = self.lines.table(array, index)
            if not isinstance(entry, dict):
                self.problem(line, _("{array} entries must be tables").format(array=array))
                continue
            for key in entry:
                if key not in HEADING_KEYS[array]:
                    self.problem(
                        self.lines.key(array, index, key),
                        _("[[{array}]]: unknown key {key!r}").format(array=array, key=key),
                    )
            if not all(isinstance(entry.get(key, ""), str) for key in HEADING_KEYS[array]):
                self.problem(
                    line, _("[[{array}]]: number, title and parent references must be strings").format(array=array)
                )
                continue
            if not entry.get("number"):
                self.problem(line, _("[[{array}]]: number is required").format(array=array))
                continue
            heading = Heading(level, entry["number"], entry.get("title", ""), entry.get("part"), entry.get("section"))
            if heading.key in found:
                self.problem(line, f"duplicate {level} {heading.number!r}")
            found[heading.key] = heading
        return found

    def _tasks(self, headings: dict[str, dict[tuple[str | None, ...], Heading]]) -> list[Task]:
        tasks: list[Task] = []
        seen: dict[str, int] = {}
        entries = self.data.get("tasks", [])
        if not isinstance(entries, list):
            return tasks
        from inspect_cli.formats.limits import check

        limits = in_force()
        check(self.name, N_("tasks of a checklist"), len(entries), "tasks", limits)
        self.task_chars = limits.task_chars
        for index, entry in enumerate(entries):
            line = self.lines.table("tasks", index)
            if not isinstance(entry, dict):
                self.problem(line, _("tasks entries must be tables ([[tasks]])"))
                continue
            task = self._task(entry, index, line, headings)
            if task is None:
                continue
            if task.id in seen:
                self.problem(
                    self.lines.key("tasks", index, "id"),
                    _("duplicate task id {id!r} (first at line {value})").format(id=task.id, value=seen[task.id]),
                )
            else:
                seen[task.id] = self.lines.key("tasks", index, "id")
            tasks.append(task)
        return tasks

    def _task(
        self, entry: dict[str, Any], index: int, line: int, headings: dict[str, dict[tuple[str | None, ...], Heading]]
    ) -> Task | None:
        def at(key: str) -> int:
            return self.lines.key("tasks", index, key)

        before = len(self.problems)
        for key in entry:
            if key not in TASK_KEYS:
                self.problem(
                    at(key),
                    _("task: unknown key {key!r}; allowed: {value}").format(
                        key=key, value=", ".join(sorted(TASK_KEYS))
                    ),
                )
        expected: dict[str, type | tuple[type, ...]] = {
            "id": str,
            "text": str,
            "deadline": str,
            "recurrence": str,
            "part": str,
            "section": str,
            "topic": str,
            "every_lead_unit": bool,
            "every_responsible_unit": bool,
            "ongoing": bool,
            "due": date,
            "weight": (int, float),
            "line": int,
        }
        for key, kind in expected.items():
            if key in entry and (
                not isinstance(entry[key], kind) or (kind in (int, (int, float)) and isinstance(entry[key], bool))
            ):
                kind_names: dict[object, str] = {
                    str: "a string",
                    bool: _("true or false"),
                    date: _("a date like 2017-12-31"),
                    int: _("an integer"),
                }
                wanted = kind_names.get(kind, "a number")
                hint = _(" (an impossible or quoted date?)") if key == "due" else ""
                self.problem(
                    at(key),
                    _("task: {key} must be {wanted}, not {value!r}{hint}").format(
                        key=key, wanted=wanted, value=entry[key], hint=hint
                    ),
                )
        for key in ("lead_units", "responsible_units", "tags", "verify", "review"):
            if key in entry and not (isinstance(entry[key], list) and all(isinstance(v, str) for v in entry[key])):
                self.problem(at(key), _("task: {key} must be a list of strings").format(key=key))
        if not entry.get("id"):
            self.problem(line, _("task: id is required"))
        if not entry.get("text"):
            self.problem(line, _("task: text is required"))
        elif isinstance(entry["text"], str) and len(entry["text"]) > self.task_chars:
            self.problem(
                at("text"),
                _(
                    "task: text has {count:,} characters, more than the limit of {limit:,}; raise "
                    "[limits] task_chars in inspect.toml if it is right"
                ).format(count=len(entry["text"]), limit=self.task_chars),
            )
        if isinstance(entry.get("due"), date) and type(entry["due"]) is not date:
            self.problem(at("due"), _("task: due must be a date without a time"))
        if entry.get("due") is not None and (entry.get("recurrence") or entry.get("ongoing")):
            self.problem(at("due"), _("task: a recurring or ongoing task has no due date"))
        if isinstance(entry.get("recurrence"), str):
            from inspect_cli.domain.deadline_phrases import validate_recurrence

            error = check_recurrence(entry["recurrence"], self.period) or validate_recurrence(entry["recurrence"])
            if error:
                self.problem(at("recurrence"), f"task: {error}")
        if (
            isinstance(entry.get("weight"), (int, float))
            and not isinstance(entry.get("weight"), bool)
            and entry["weight"] < 0
        ):
            self.problem(at("weight"), _("task: weight must not be negative"))
        if len(self.problems) > before:
            return None
        part, section, topic = entry.get("part"), entry.get("section"), entry.get("topic")
        if part is not None and (part,) not in headings["parts"]:
            self.problem(at("part"), _("task: part {part!r} is not among [[parts]]").format(part=part))
        if section is not None and (part, section) not in headings["sections"]:
            self.problem(
                at("section"),
                _("task: section {section!r} is not among [[sections]] of part {part!r}").format(
                    section=section, part=part
                ),
            )
        if topic is not None and (part, section, topic) not in headings["topics"]:
            self.problem(at("topic"), _("task: topic {topic!r} is not among [[topics]]").format(topic=topic))
        return Task(
            id=entry["id"],
            text=entry["text"],
            lead_units=tuple(entry.get("lead_units", ())),
            responsible_units=tuple(entry.get("responsible_units", ())),
            every_lead_unit=entry.get("every_lead_unit", False),
            every_responsible_unit=entry.get("every_responsible_unit", False),
            deadline=entry.get("deadline", ""),
            due=entry.get("due"),
            recurrence=entry.get("recurrence"),
            ongoing=entry.get("ongoing", False),
            part=part,
            section=section,
            topic=topic,
            tags=tuple(entry.get("tags", ())),
            weight=entry.get("weight"),
            verify=tuple(entry.get("verify", ())),
            line=entry.get("line"),
            review=tuple(entry.get("review", ())),
        )


# ---------------------------------------------------------------- writing


def checklist_to_toml(checklist: Checklist) -> str:
    """Serialise a checklist as format-v1 TOML text (deterministic: same checklist, same bytes)."""
    meta = {"id": checklist.id, "title": checklist.title}
    for key in ("source", "source_sha256", "period"):
        if getattr(checklist, key):
            meta[key] = getattr(checklist, key)
    tables: list[tuple[str | None, dict[str, Any]]] = [(None, {"format": FORMAT_VERSION}), ("[checklist]", meta)]
    for heading in checklist.parts:
        tables.append(("[[parts]]", {"number": heading.number, "title": heading.title}))
    for heading in checklist.sections:
        tables.append(
            ("[[sections]]", _drop_none({"part": heading.part, "number": heading.number, "title": heading.title}))
        )
    for heading in checklist.topics:
        tables.append(
            (
                "[[topics]]",
                _drop_none(
                    {"part": heading.part, "section": heading.section, "number": heading.number, "title": heading.title}
                ),
            )
        )
    tables += [("[[tasks]]", _task_table(task)) for task in checklist.tasks]
    literals = iter(_toml_literals(value for _, table in tables for value in table.values()))
    out = ["# inspect-cli checklist, format 1: see docs/checklist-format.md"]
    for header, table in tables:
        if header:
            out += ["", header]
        out += [f"{key} = {next(literals)}" for key in table]
    return "\n".join(out) + "\n"


def _toml_literals(values) -> list[str]:
    """TOML literals for the values, one line each; arrays of strings stay on one line."""
    # The layout (one key per line, short arrays inline) is ours, so that every task starts at a
    # `[[tasks]]` line that validation errors can point to.
    return [
        ("[" + ", ".join(map(_toml_scalar, value)) + "]") if isinstance(value, (list, tuple)) else _toml_scalar(value)
        for value in values
    ]


def _toml_scalar(value) -> str:
    if isinstance(value, str):
        # A JSON string is a TOML basic string once DEL is escaped too (TOML 1.0, "String"); the
        # json module's C encoder is ~15x faster than tomli_w on the 100k-task plans.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, date)):
        return value.isoformat() if isinstance(value, date) else str(value)
    import tomli_w

    return tomli_w.dumps({"v": value}).split(" = ", 1)[1].rstrip("\n")


def _drop_none(table: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in table.items() if value is not None}


def _task_table(task: Task) -> dict[str, Any]:
    table: dict[str, Any] = {"id": task.id}
    for key in ("part", "section", "topic"):
        if getattr(task, key) is not None:
            table[key] = getattr(task, key)
    table["text"] = task.text
    table["lead_units"] = list(task.lead_units)
    table["responsible_units"] = list(task.responsible_units)
    if task.every_lead_unit:
        table["every_lead_unit"] = True
    if task.every_responsible_unit:
        table["every_responsible_unit"] = True
    table["deadline"] = task.deadline
    if task.due is not None:
        table["due"] = task.due
    if task.recurrence:
        table["recurrence"] = task.recurrence
    if task.ongoing:
        table["ongoing"] = True
    if task.tags:
        table["tags"] = list(task.tags)
    if task.weight is not None:
        table["weight"] = task.weight
    if task.verify:
        table["verify"] = list(task.verify)
    if task.line is not None:
        table["line"] = task.line
    if task.review:
        table["review"] = list(task.review)
    return table
