"""Scores and rankings (考核): each unit's latest finalized inspection of a year, weighed task by task.

A task is worth its `weight` in the checklist (1 when none is given). A result earns a share of it: compliant 1,
partial 0.5, noncompliant 0 by default ([scores] in inspect.toml); not applicable and not reviewed are left out of
the points possible. The score is 100 × earned / possible, less the points taken off for each of the unit's
notices of that year that is overdue, and for each escalated, never below 0; one decimal. Units with equal scores
share a rank (1, 2, 2, 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inspect_cli.core.config import Config
from inspect_cli.domain.checklist import Checklist
from inspect_cli.domain.models import Inspection, Status
from inspect_cli.ledger.base import Ledger, NoticeRow


@dataclass(frozen=True)
class NoticeCounts:
    """A unit's notices of the year by where they stand."""

    open: int = 0
    overdue: int = 0
    closed: int = 0
    escalated: int = 0


@dataclass(frozen=True)
class UnitScore:
    """One unit's score for a year."""

    rank: int
    unit: str
    inspection: int
    date: date
    score: float
    earned: float
    possible: float
    deductions: float
    checked: int
    findings: int
    notices: NoticeCounts


def shares(config: Config) -> dict[Status, float]:
    """The share of a task's points each graded result earns."""
    return {
        Status.compliant: config.scores_compliant,
        Status.partial: config.scores_partial,
        Status.noncompliant: config.scores_noncompliant,
    }


def points(statuses: dict[str, Status], weights: dict[str, float], share: dict[Status, float]) -> tuple[float, float]:
    """(earned, possible) over the graded results (task id → status): each task's weight, times its share."""
    earned = possible = 0.0
    for task_id, status in statuses.items():
        if status in share:
            weight = weights.get(task_id, 1.0)
            possible += weight
            earned += weight * share[status]
    return earned, possible


def statuses_by_inspection(ledger: Ledger, inspection_ids: list[int]) -> dict[int, dict[str, Status]]:
    """Each inspection's results as task id → status, read at once."""
    found: dict[int, dict[str, Status]] = {inspection_id: {} for inspection_id in inspection_ids}
    as_status = {status.value: status for status in Status}  # a dict lookup: 70,000 results in a year's summary
    for inspection_id, task_id, status in ledger.result_statuses(inspection_ids):
        found[inspection_id][task_id] = as_status[status]
    return found


def notice_counts(rows: list[NoticeRow], as_of: date) -> NoticeCounts:
    """How many of the notices are open, overdue on `as_of`, closed and escalated."""
    open_ = overdue = closed = escalated = 0
    for row in rows:
        if row.state == "closed":
            closed += 1
        else:
            open_ += 1
            overdue += date.fromisoformat(row.current_due) < as_of
        escalated += bool(row.escalation)
    return NoticeCounts(open_, overdue, closed, escalated)


def competition_ranks(values: list[float]) -> list[int]:
    """1-based ranks of values sorted best first, equal values sharing a rank (1, 2, 2, 4)."""
    ranks, previous = [], None
    for position, value in enumerate(values, start=1):
        ranks.append(ranks[-1] if value == previous else position)
        previous = value
    return ranks


def latest_of_year(inspections: list[Inspection], year: int) -> dict[str, Inspection]:
    """Each unit's latest finalized inspection dated in `year` (by date, then number)."""
    latest: dict[str, Inspection] = {}
    for inspection in inspections:
        if inspection.state == "finalized" and inspection.date.year == year:
            held = latest.get(inspection.unit)
            if held is None or (inspection.date, inspection.id) > (held.date, held.id):
                latest[inspection.unit] = inspection
    return latest


def unit_scores(
    ledger: Ledger, checklist: Checklist | None, year: int, config: Config, as_of: date, unit: str | None = None
) -> list[UnitScore]:
    """Every unit's score for `year` on the checklist (on any checklist, every task weighing 1, when None), best
    first; only `unit`'s when given."""
    latest = latest_of_year(
        ledger.inspections(checklist_id=checklist.id if checklist else None, state="finalized"), year
    )
    if unit is not None:
        latest = {name: found for name, found in latest.items() if name == unit}
    statuses = statuses_by_inspection(ledger, [inspection.id for inspection in latest.values()])
    return rank_units(latest, statuses, notices_of_year(ledger, year), checklist, config, as_of)


def notices_of_year(ledger: Ledger, year: int) -> list[NoticeRow]:
    """The notices issued in `year`, without their steps (a withdrawn notice is not counted)."""
    withdrawn = set(ledger.withdrawn_notice_numbers())
    return [
        row for row in ledger.notice_rows(steps=False) if row.issued_on[:4] == str(year) and row.number not in withdrawn
    ]


def rank_units(
    latest: dict[str, Inspection],
    statuses: dict[int, dict[str, Status]],
    notices: list[NoticeRow],
    checklist: Checklist | None,
    config: Config,
    as_of: date,
) -> list[UnitScore]:
    """Score each unit's inspection (its results given as task id → status) and rank them, best first."""
    weights = {
        task.id: float(task.weight) if task.weight is not None else 1.0
        for task in (checklist.tasks if checklist else ())
    }
    share = shares(config)
    by_unit: dict[str, list[NoticeRow]] = {}
    for row in notices:
        by_unit.setdefault(row.unit, []).append(row)
    scored = []
    for name, inspection in latest.items():
        results = statuses[inspection.id]
        earned, possible = points(results, weights, share)
        counts = notice_counts(by_unit.get(name, []), as_of)
        deductions = counts.overdue * config.scores_overdue_notice + counts.escalated * config.scores_escalated_notice
        base = 100.0 * earned / possible if possible else 0.0
        score = round(max(0.0, base - deductions) + 1e-9, 1)
        checked = sum(1 for status in results.values() if status is not Status.not_reviewed)
        findings = sum(1 for status in results.values() if status in (Status.partial, Status.noncompliant))
        scored.append((score, name, inspection, earned, possible, deductions, checked, findings, counts))
    scored.sort(key=lambda item: (-item[0], item[1]))
    ranks = competition_ranks([item[0] for item in scored])
    return [
        UnitScore(
            rank,
            name,
            inspection.id,
            inspection.date,
            score,
            round(earned, 2),
            round(possible, 2),
            round(deductions, 2),
            checked,
            findings,
            counts,
        )
        for rank, (score, name, inspection, earned, possible, deductions, checked, findings, counts) in zip(
            ranks, scored, strict=False
        )
    ]
