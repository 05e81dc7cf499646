"""What is overdue or due soon: plan tasks per unit and open notices, with warning lights (三色预警)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inspect_cli.checklist import Checklist, units_of
from inspect_cli.ledger import Ledger

LIGHTS = ("red", "yellow", "blue", "green")
DONE = {"compliant", "not_applicable"}


@dataclass(frozen=True)
class Obligation:
    """One row of the deadline report: a task for one unit, or an open notice."""

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


def _history(ledger: Ledger, checklist: Checklist) -> dict[tuple[str, str], list[tuple[str, str]]]:
    history: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for unit, task_id, on, status in ledger.finalized_results(checklist.id):
        history.setdefault((unit, task_id), []).append((on, status))
    return history


def task_obligations(checklist: Checklist, ledger: Ledger | None, as_of: date, soon_days: int,
                     blue_days: int) -> list[Obligation]:
    """Each task × each unit answerable for it, with its state on `as_of`."""
    from inspect_cli.deadline_phrases import occurrences

    history = _history(ledger, checklist) if ledger is not None else {}
    as_of_text = as_of.isoformat()
    rows: list[Obligation] = []
    every_unit = checklist.units()
    window: dict[str, tuple[date | None, date | None, date]] = {}
    for task in checklist.tasks:
        units = every_unit if task.for_every_unit else task.units
        if task.recurrence and task.recurrence not in window:
            around = occurrences(task.recurrence, date(as_of.year - 2, 1, 1), date(as_of.year + 2, 12, 31))
            upcoming = next(d for d in around if d >= as_of)
            earlier = [d for d in around if d < upcoming]
            window[task.recurrence] = (earlier[-2] if len(earlier) > 1 else None, earlier[-1] if earlier else None, upcoming)
        for unit in units:
            past = history.get((unit, task.id), ())
            common = dict(kind="task", id=task.id, unit=unit, checklist=checklist.id, deadline=task.deadline)
            if task.ongoing or (task.due is None and not task.recurrence):
                done = bool(past) and past[-1][1] in DONE
                state = "done" if done else ("ongoing" if task.ongoing else "no_deadline")
                rows.append(Obligation(due=None, days_left=None, light="green", state=state, **common))
                continue
            if task.recurrence:
                rows += _recurring(task, unit, past, window[task.recurrence], as_of, soon_days, blue_days, common)
                continue
            done = bool(past) and past[-1][1] in DONE
            days_left = (task.due - as_of).days
            state = "done" if done else ("overdue" if task.due.isoformat() < as_of_text else "open")
            rows.append(Obligation(due=task.due, days_left=days_left,
                                   light=light_for(days_left, done, soon_days, blue_days), state=state, **common))
    return rows


def _recurring(task, unit, past, window, as_of, soon_days, blue_days, common) -> list[Obligation]:
    """A yearly duty is due at each occurrence and done for a period only by a result dated in that period."""
    before_previous, previous, upcoming = window
    rows = []

    def done_in(start: date | None, end: date) -> bool:
        low = start.isoformat() if start else ""
        return any(low < on <= end.isoformat() and status in DONE for on, status in past)

    if previous is not None and not done_in(before_previous, previous):
        days = (previous - as_of).days
        rows.append(Obligation(due=previous, days_left=days, light="red", state="overdue", **common))
    done = done_in(previous, upcoming)
    days_left = (upcoming - as_of).days
    rows.append(Obligation(due=upcoming, days_left=days_left, light=light_for(days_left, done, soon_days, blue_days),
                           state="done" if done else "open", **common))
    return rows


def notice_obligations(ledger: Ledger, as_of: date, soon_days: int, blue_days: int) -> list[Obligation]:
    """Every open notice, with days left counted in working days where the notice counts them."""
    from inspect_cli.notices import list_notices
    from inspect_cli.workdays import working_days_between

    rows = []
    for notice in list_notices(ledger, status="open", as_of=as_of):
        if notice.counting == "working_days":
            days_left = working_days_between(as_of, notice.current_due)
        else:
            days_left = (notice.current_due - as_of).days
        state = notice.status_on(as_of)
        light = "red" if state == "overdue" else light_for(days_left, False, soon_days, blue_days)
        rows.append(Obligation(kind="notice", id=notice.number, unit=notice.unit, due=notice.current_due,
                               days_left=days_left, light=light, state=state, counting=notice.counting))
    return rows


def most_urgent_first(rows: list[Obligation]) -> list[Obligation]:
    """Red, yellow, blue, green; within a light the fewest days left first; undated last."""
    rank = {light: n for n, light in enumerate(LIGHTS)}
    return sorted(rows, key=lambda r: (rank[r.light], r.days_left is None, r.days_left if r.days_left is not None else 0,
                                       r.kind, r.unit, _natural(r.id)))


def _natural(text: str) -> tuple:
    import re

    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)


def fails(rows: list[Obligation], fail_on: str) -> bool:
    """True when a row matches --fail-on: red, or yellow meaning yellow or red."""
    if fail_on == "never":
        return False
    wanted = {"red"} if fail_on == "red" else {"red", "yellow"}
    return any(row.light in wanted for row in rows)
