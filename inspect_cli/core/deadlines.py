"""What is overdue or due soon: plan tasks per unit and open notices, with warning lights (三色预警)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from inspect_cli.core.workdays import WorkCalendar
from inspect_cli.domain.checklist import Checklist, Task
from inspect_cli.exceptions import InputError
from inspect_cli.i18n import _
from inspect_cli.ledger.base import Ledger

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from inspect_cli.core.workdays import WorkCalendar

# `unknown`: the deadline phrase was not understood (or the row could not be computed): a warning, never green
LIGHTS = ("red", "yellow", "unknown", "blue", "green")
DONE = {"compliant", "not_applicable"}


if TYPE_CHECKING:
    # How the type checker sees a row: one type, whose last three fields a plain task row reads from the class
    # (the two definitions below keep plain rows narrow at run time).

    class Obligation(NamedTuple):
        kind: str
        id: str
        unit: str
        due: date | None
        days_left: int | None
        light: str
        state: str
        checklist: str = ""
        deadline: str = ""
        counting: str = "days"
        working_days_left: int | None = None
        calendar: str = ""
        reason: str = ""

    AnnotatedObligation = Obligation
else:

    class Obligation(NamedTuple):
        """One row of the deadline report: a task for one unit, or an open notice.

        An immutable NamedTuple rather than a frozen dataclass: a report holds 100,000 rows or more,
        and a frozen dataclass costs four times as much to build.
        """

        kind: str
        id: str
        unit: str
        due: date | None
        days_left: int | None
        light: str
        state: str
        checklist: str = ""
        deadline: str = ""
        counting: str = "days"

        # A plain task row has none of these; a wider tuple would slow a 1,000,000-row report, so the rows that
        # have them (notices, rows in error) are AnnotatedObligation.
        working_days_left = None
        calendar = ""
        reason = ""

    # The same fields, then: working days left (notices counted in working days), the weakest calendar source a
    # notice's deadlines rest on, and why part of the row could not be computed.
    AnnotatedObligation = NamedTuple(
        "AnnotatedObligation",
        [*Obligation.__annotations__.items(), ("working_days_left", "int | None"), ("calendar", str), ("reason", str)],
    )


def light_for(days_left: int | None, done: bool, soon_days: int, blue_days: int) -> str:
    """red overdue; yellow due within `soon_days`; blue within `blue_days`; green when done or later."""
    if done or days_left is None:
        return "green"
    if days_left < 0:
        return "red"
    if days_left <= soon_days:
        return "yellow"
    if days_left <= blue_days:
        return "blue"
    return "green"


def _history(
    ledger: Ledger, checklist: Checklist
) -> tuple[dict[str, set[str]], dict[tuple[str, str], list[tuple[date, str]]]]:
    """Task id → units whose latest finalized result is done; and (unit, task) → every (date, status) of
    recurring tasks, whose periods need the whole history."""
    recurring = {task.id for task in checklist.tasks if task.recurrence}
    done: dict[str, set[str]] = {}
    for unit, task_id, _on, status in ledger.latest_finalized_results(checklist.id):
        if status in DONE and task_id not in recurring:
            done.setdefault(task_id, set()).add(unit)
    history: dict[tuple[str, str], list[tuple[date, str]]] = {}
    if recurring:
        for unit, task_id, on, status in ledger.finalized_results(checklist.id):
            if task_id in recurring:
                history.setdefault((unit, task_id), []).append((date.fromisoformat(on), status))
    return done, history


def closed_out_tasks(ledger: Ledger, checklist: Checklist, as_of: date) -> dict[str, set[str]]:
    """Task id → units whose findings on it were rectified by a notice closed out (销号) by `as_of`, when that notice
    came from the unit's latest finalized inspection of the checklist (a later inspection's result rules)."""
    from inspect_cli.core.notices import list_notices

    latest: dict[str, int] = {}
    for inspection in ledger.inspections(checklist_id=checklist.id, state="finalized"):  # newest first
        latest.setdefault(inspection.unit, inspection.id)
    done: dict[str, set[str]] = {}
    for notice in list_notices(ledger, status="closed", as_of=as_of):
        if notice.inspection_id is not None and latest.get(notice.unit) == notice.inspection_id:
            for finding in notice.findings:
                done.setdefault(finding.task_id, set()).add(notice.unit)
    return done


def task_obligations(
    checklist: Checklist,
    ledger: Ledger | None,
    as_of: date,
    soon_days: int,
    blue_days: int,
    only_unit: str | None = None,
    rectified: str = "inspection",
) -> list[Obligation]:
    """Each task × each unit answerable for it (or only `only_unit`), with its state on `as_of`.

    A task is done for a unit when the unit's latest finalized inspection found it compliant or not applicable; with
    `rectified="close-out"` also when the notice issued from that inspection for it was closed out by `as_of`."""
    from inspect_cli.domain.deadline_phrases import TooManyOccurrences, occurrences

    done, history = _history(ledger, checklist) if ledger is not None else ({}, {})
    if rectified == "close-out" and ledger is not None:
        for task_id, closed_units in closed_out_tasks(ledger, checklist, as_of).items():
            done[task_id] = done.get(task_id, set()) | closed_units
    nobody: set[str] = set()
    rows: list[Obligation] = []
    append = rows.append
    # tuple.__new__ skips the NamedTuple's Python-level constructor: a report holds 100,000+ rows
    new = tuple.__new__
    every_unit = checklist.units()
    window: dict[str, tuple[date | None, date | None, date]] = {}
    for task in checklist.tasks:
        units = every_unit if task.for_every_unit else task.units
        if only_unit is not None:
            units = (only_unit,) if only_unit in units else ()
        if task.recurrence:
            if task.recurrence not in window:
                try:
                    around = occurrences(
                        task.recurrence, date(max(1, as_of.year - 2), 1, 1), date(min(9999, as_of.year + 2), 12, 31)
                    )
                    upcoming = next((d for d in around if d >= as_of), None)
                    if upcoming is None:  # the rule has ended (UNTIL, COUNT): its last occurrence is the deadline
                        around = around or occurrences(task.recurrence, min(date(1900, 1, 1), as_of), as_of)
                except TooManyOccurrences as exc:
                    raise InputError(
                        _("{path}: task {task}: recurrence {rule!r}: {detail}").format(
                            path=checklist.path or checklist.id, task=task.id, rule=task.recurrence, detail=exc
                        )
                    ) from None
                except ValueError:  # a rule dateutil cannot follow has no date: its rows say so below
                    around, upcoming = [], None
                if upcoming is None:
                    if not around:  # one bad rule costs its own rows, never the report
                        for unit in units:
                            append(
                                AnnotatedObligation(
                                    "task",
                                    task.id,
                                    unit,
                                    None,
                                    None,
                                    "unknown",
                                    "error",
                                    checklist.id,
                                    task.deadline,
                                    "days",
                                    None,
                                    "",
                                    _("recurrence {recurrence} has no date up to {as_of}").format(
                                        recurrence=task.recurrence, as_of=as_of
                                    ),
                                )
                            )
                        continue
                    upcoming = around[-1]
                earlier = [d for d in around if d < upcoming]
                window[task.recurrence] = (
                    earlier[-2] if len(earlier) > 1 else None,
                    earlier[-1] if earlier else None,
                    upcoming,
                )
            for unit in units:
                rows += _recurring(
                    task,
                    unit,
                    history.get((unit, task.id), ()),
                    window[task.recurrence],
                    as_of,
                    soon_days,
                    blue_days,
                    checklist.id,
                )
            continue
        done_units = done.get(task.id, nobody)
        if task.ongoing or task.due is None:
            # a phrase the importer could not read is not "no deadline": it needs a person to look
            unparsed = not task.ongoing and bool(task.deadline.strip())
            undone_state = "ongoing" if task.ongoing else "unparsed" if unparsed else "no_deadline"
            for unit in units:
                state, light = (
                    ("done", "green") if unit in done_units else (undone_state, "unknown" if unparsed else "green")
                )
                append(
                    new(
                        Obligation,
                        (
                            "task",
                            task.id,
                            unit,
                            None,
                            None,
                            light,
                            state,
                            checklist.id,
                            task.deadline,
                            "days",
                        ),
                    )
                )
            continue
        # one row for units that have done the task and one for those that have not, built once per task
        days_left = (task.due - as_of).days
        head = ("task", task.id)
        undone = (
            task.due,
            days_left,
            light_for(days_left, False, soon_days, blue_days),
            "overdue" if days_left < 0 else "open",
            checklist.id,
            task.deadline,
            "days",
        )
        finished = (task.due, days_left, "green", "done", checklist.id, task.deadline, "days")
        for unit in units:
            append(new(Obligation, head + (unit,) + (finished if unit in done_units else undone)))
    return rows


def _recurring(
    task: Task,
    unit: str,
    past: Sequence[tuple[date, str]],
    window: tuple[date | None, date | None, date],
    as_of: date,
    soon_days: int,
    blue_days: int,
    checklist_id: str,
) -> list[Obligation]:
    """A yearly duty is due at each occurrence and done for a period only by a result dated in that period."""
    before_previous, previous, upcoming = window
    rows: list[Obligation] = []
    common: dict[str, Any] = dict(kind="task", id=task.id, unit=unit, checklist=checklist_id, deadline=task.deadline)

    def done_in(start: date | None, end: date) -> bool:
        return any((start is None or start < on) and on <= end and status in DONE for on, status in past)

    if previous is not None and not done_in(before_previous, previous):
        days = (previous - as_of).days
        rows.append(Obligation(due=previous, days_left=days, light="red", state="overdue", **common))
    done = done_in(previous, upcoming)
    days_left = (upcoming - as_of).days
    rows.append(
        Obligation(
            due=upcoming,
            days_left=days_left,
            light=light_for(days_left, done, soon_days, blue_days),
            state="done" if done else "open",
            **common,
        )
    )
    return rows


def notice_obligations(
    ledger: Ledger,
    as_of: date,
    soon_days: int,
    blue_days: int,
    calendar: WorkCalendar | None = None,
    past: bool = True,
) -> list[Obligation]:
    """Every notice open on `as_of` (`past`: as the ledger stood that day), its deadlines counted on the calendar in
    force, lit by calendar days left, with working days left beside them where the notice counts them."""
    from inspect_cli.core.notices import list_notices

    calendar = calendar or WorkCalendar()
    rows = []
    for notice in list_notices(
        ledger, status="open", as_of=as_of if past else None, calendar=calendar, with_findings=False
    ):
        due = notice.current_due
        days_left = (due - as_of).days
        state = "overdue" if as_of > due else "open"
        light = "red" if state == "overdue" else light_for(days_left, False, soon_days, blue_days)
        working_left, reason = None, ""
        if notice.counting == "working_days":
            try:  # a count that fails costs this row its working days, never the report
                working_left = calendar.between(as_of, due).value
            except InputError as error:
                reason = _("working days left not counted: {message}").format(message=error.message)
        rows.append(
            AnnotatedObligation(
                "notice",
                notice.number,
                notice.unit,
                due,
                days_left,
                light,
                state,
                "",
                "",
                notice.counting,
                working_left,
                notice.calendar,
                reason,
            )
        )
    return rows


def fails(rows: Iterable[Obligation], fail_on: str) -> bool:
    """True when a row matches --fail-on: red, or yellow meaning yellow, unknown (a deadline not understood) or red."""
    if fail_on == "never":
        return False
    wanted = {"red"} if fail_on == "red" else {"red", "yellow", "unknown"}
    return any(row.light in wanted for row in rows)
