"""A checklist: a plan's tasks with their units and deadlines, and the rules for picking a unit's tasks (the TOML
file itself is read and written by formats/checklist_toml.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from inspect_cli.domain.textnorm import comparable, unit_name
from inspect_cli.exceptions import NotFound, Reason
from inspect_cli.i18n import _


@dataclass(frozen=True)
class Heading:
    """A part (一、), section ((一)) or topic (1.) of the plan; `part`/`section` name its parents."""

    level: str
    number: str
    title: str
    part: str | None = None
    section: str | None = None

    @property
    def key(self) -> tuple[str | None, ...]:
        return (
            (self.part, self.section, self.number)
            if self.level == "topic"
            else ((self.part, self.number) if self.level == "section" else (self.number,))
        )

    @property
    def label(self) -> str:
        if self.level == "part":
            return f"{self.number}、"
        if self.level == "section":
            return f"（{self.number}）"
        return f"{self.number}."


@dataclass(frozen=True)
class Task:
    """One numbered task of the plan, with its units and deadline."""

    id: str
    text: str
    lead_units: tuple[str, ...] = ()
    responsible_units: tuple[str, ...] = ()
    every_lead_unit: bool = False
    every_responsible_unit: bool = False
    deadline: str = ""
    due: date | None = None
    recurrence: str | None = None
    ongoing: bool = False
    part: str | None = None
    section: str | None = None
    topic: str | None = None
    tags: tuple[str, ...] = ()
    weight: float | None = None
    verify: tuple[str, ...] = ()
    line: int | None = None
    # What the importer could not read from a label or column it knows ("units: read from an unlabelled
    # tail"): kept in the TOML until an inspector has checked the task and removed the mark.
    review: tuple[str, ...] = ()

    @property
    def units(self) -> tuple[str, ...]:
        """Lead then responsible units, without repeats."""
        return tuple(dict.fromkeys(self.lead_units + self.responsible_units))

    @property
    def for_every_unit(self) -> bool:
        return self.every_lead_unit or self.every_responsible_unit


@dataclass(frozen=True)
class Checklist:
    """A loaded checklist: metadata, the plan's headings and its tasks in plan order."""

    id: str
    title: str
    tasks: tuple[Task, ...]
    parts: tuple[Heading, ...] = ()
    sections: tuple[Heading, ...] = ()
    topics: tuple[Heading, ...] = ()
    source: str = ""
    source_sha256: str = ""
    period: str = ""
    path: Path | None = None
    sha256: str = ""
    # filled on first use by heading(); the only mutable part, and not part of the value
    _index: dict[tuple[str, tuple[str | None, ...]], Heading] = field(default_factory=dict, compare=False, repr=False)

    def units(self) -> list[str]:
        """Every unit named by a task, in order of first mention."""
        return list(dict.fromkeys(unit for task in self.tasks for unit in task.units))

    def heading(self, level: str, key: tuple[str | None, ...]) -> Heading | None:
        """The part, section or topic heading with this key, if any."""
        if not self._index:
            for heading in (*self.parts, *self.sections, *self.topics):
                self._index[(heading.level, heading.key)] = heading
        return self._index.get((level, key))

    def section_of(self, task: Task) -> Heading | None:
        """The section heading of a task, or its part when the plan has no section there."""
        if task.section is not None:
            return self.heading("section", (task.part, task.section))
        if task.part is not None:
            return self.heading("part", (task.part,))
        return None

    def topic_of(self, task: Task) -> Heading | None:
        """The topic heading of a task, if it has one."""
        if task.topic is None:
            return None
        return self.heading("topic", (task.part, task.section, task.topic))


# What a plan's recurring task can repeat by (RFC 5545 RRULE parts); a plan's periods are years, months, weeks.
_RRULE_FREQS = ("YEARLY", "MONTHLY", "WEEKLY")
_RRULE_PARTS = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYMONTH",
    "BYMONTHDAY",
    "BYDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYSETPOS",
    "WKST",
}
MAX_INTERVAL = 100


def check_recurrence(rule: str, period: tuple[int, int]) -> str | None:
    """Why a recurrence cannot be used, or None: FREQ yearly, monthly or weekly, a finite INTERVAL of 1–100, and
    at least one occurrence in the plan's period (its years, else 2000–2099); checked before dateutil sees it."""
    text = rule.strip()
    text = text[6:] if text.upper().startswith("RRULE:") else text
    parts: dict[str, str] = {}
    for piece in text.split(";"):
        key, sep, value = piece.partition("=")
        key = key.strip().upper()
        if not sep or key not in _RRULE_PARTS or key in parts or not value.strip():
            return _(
                "recurrence {rule!r}: {part!r} is not a part this reads; use FREQ=YEARLY, MONTHLY or WEEKLY with "
                "{parts}"
            ).format(rule=rule, part=piece.strip(), parts=", ".join(sorted(_RRULE_PARTS - {"FREQ"})))
        parts[key] = value.strip()
    if parts.get("FREQ", "").upper() not in _RRULE_FREQS:
        return _("recurrence {rule!r}: FREQ must be YEARLY, MONTHLY or WEEKLY").format(rule=rule)
    for key, high in (("INTERVAL", MAX_INTERVAL), ("COUNT", 10_000)):
        if key in parts and not (parts[key].isascii() and parts[key].isdigit() and 1 <= int(parts[key]) <= high):
            return _("recurrence {rule!r}: {key} must be a whole number from 1 to {high}").format(
                rule=rule, key=key, high=high
            )
    from inspect_cli.domain.deadline_phrases import occurrences

    try:
        found = occurrences(text, date(period[0], 1, 1), date(period[1], 12, 31))
    except (ValueError, TypeError, OverflowError) as exc:
        return _("recurrence {rule!r} is not a valid RFC 5545 RRULE: {exc}").format(rule=rule, exc=exc)
    if not found:
        return _("recurrence {rule!r} has no occurrence in the plan's period {start}–{end}").format(
            rule=rule, start=period[0], end=period[1]
        )
    return None


def plan_years(period: str) -> tuple[int, int]:
    """The first and last year a plan's period names (2016—2020年 → (2016, 2020)), else 2000–2099."""
    years = sorted(int(year) for year in re.findall(r"(?<!\d)(\d{4})(?!\d)", period or "") if 1900 <= int(year) <= 2999)
    return (years[0], years[-1]) if years else (2000, 2099)


# ---------------------------------------------------------------- filtering


def resolve_unit(checklist: Checklist, query: str) -> str:
    """The unit named exactly, or by a unique part of its name (`编办` → `市编办`); else NotFound."""
    return match_unit(query, checklist.units(), _("is not named in checklist {id!r}").format(id=checklist.id))


def match_unit(query: str, units: list[str], unknown: str) -> str:
    """`query` among `units`: exactly, or by a unique part of a name; NotFound listing candidates otherwise."""
    wanted = unit_name(query)
    if wanted in units:
        return wanted
    candidates = [unit for unit in units if wanted and wanted in unit]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise NotFound(
            _("unit {query!r} is ambiguous: it matches {candidates}; give more of the name").format(
                query=query, candidates=_(", ").join(candidates)
            ),
            Reason.ambiguous,
        )
    raise NotFound(
        _("unit {query!r} {unknown}; units: {none}").format(
            query=query, unknown=unknown, none=_(", ").join(units) or _("none")
        )
    )


def concerns(task: Task, unit: str) -> bool:
    """True when the task is addressed to the unit: as lead or responsible, or to every unit."""
    return task.for_every_unit or unit in task.units


def filter_tasks(
    checklist: Checklist, unit: str | None = None, section: str | None = None, due_before: date | None = None
) -> list[Task]:
    """Tasks matching every given filter, in plan order."""
    tasks = list(checklist.tasks)
    if unit is not None:
        resolved = resolve_unit(checklist, unit)
        tasks = [task for task in tasks if concerns(task, resolved)]
    if section is not None:
        tasks = [task for task in tasks if _in_section(checklist, task, section)]
    if due_before is not None:
        tasks = [task for task in tasks if task.due is not None and task.due < due_before]
    return tasks


def _in_section(checklist: Checklist, task: Task, query: str) -> bool:
    wanted = comparable(query).strip("()、.")
    candidates = [checklist.heading("part", (task.part,)), checklist.section_of(task), checklist.topic_of(task)]
    for heading in candidates:
        if heading is None:
            continue
        if wanted == comparable(heading.number) or (len(wanted) > 1 and wanted in comparable(heading.title)):
            return True
    return False


def unit_counts(checklist: Checklist) -> list[tuple[str, int, int, int, int]]:
    """Each unit with its number of tasks as lead, as responsible, addressed to every unit (各牵头单位落实) without
    naming it, and in all (the three added)."""
    rows = []
    for unit in checklist.units():
        lead = sum(1 for task in checklist.tasks if unit in task.lead_units)
        responsible = sum(
            1 for task in checklist.tasks if unit in task.responsible_units and unit not in task.lead_units
        )
        total = sum(1 for task in checklist.tasks if concerns(task, unit))
        rows.append((unit, lead, responsible, total - lead - responsible, total))
    return rows


@dataclass(frozen=True)
class TaskView:
    """A task as shown to users: its place in the plan spelled out."""

    id: str
    section: str | None
    topic: str | None
    text: str
    lead_units: tuple[str, ...]
    responsible_units: tuple[str, ...]
    every_lead_unit: bool
    every_responsible_unit: bool
    deadline: str
    due: date | None
    recurrence: str | None
    ongoing: bool
    part_number: str | None
    section_number: str | None
    topic_number: str | None
    tags: tuple[str, ...]
    weight: float | None
    verify: tuple[str, ...]

    @property
    def units_label(self) -> str:
        names = list(self.lead_units) + [f"{u}(责任)" for u in self.responsible_units]
        if self.every_lead_unit:
            names.append("各牵头单位")
        if self.every_responsible_unit:
            names.append("各责任单位")
        return "、".join(names)

    @property
    def place_label(self) -> str:
        return " ".join(x for x in (self.section_label, f"{self.topic_number}." if self.topic_number else "") if x)

    @property
    def section_label(self) -> str:
        if self.section_number:
            return f"({self.section_number})"
        return f"{self.part_number}、" if self.part_number else ""


def task_views(checklist: Checklist, tasks: list[Task] | None = None) -> list[TaskView]:
    """Views of the given tasks (default: all), with section and topic titles resolved."""
    views = []
    for task in checklist.tasks if tasks is None else tasks:
        section, topic = checklist.section_of(task), checklist.topic_of(task)
        views.append(
            TaskView(
                id=task.id,
                section=section.title if section else None,
                topic=topic.title if topic else None,
                text=task.text,
                lead_units=task.lead_units,
                responsible_units=task.responsible_units,
                every_lead_unit=task.every_lead_unit,
                every_responsible_unit=task.every_responsible_unit,
                deadline=task.deadline,
                due=task.due,
                recurrence=task.recurrence,
                ongoing=task.ongoing,
                part_number=task.part,
                section_number=task.section,
                topic_number=task.topic,
                tags=task.tags,
                weight=task.weight,
                verify=task.verify,
            )
        )
    return views


@dataclass(frozen=True)
class UnitCount:
    """A unit and the number of tasks that concern it."""

    unit: str
    lead: int
    responsible: int
    every_unit: int  # tasks addressed to every unit, not naming this one
    total: int


def unit_summary(checklist: Checklist) -> list[UnitCount]:
    """Each unit with its task counts, most tasks first."""
    rows = [UnitCount(*row) for row in unit_counts(checklist)]
    return sorted(rows, key=lambda row: -row.total)


def place(task: Task) -> str:
    """Where a task stands: `二、（一）3.`, or empty when it is under no heading."""
    return "".join(
        (
            f"{task.part}、" if task.part else "",
            f"（{task.section}）" if task.section else "",
            f"{task.topic}." if task.topic else "",
        )
    )
