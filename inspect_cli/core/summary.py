"""The office's year in figures: units inspected, what was found, notices issued and closed, the ranking."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from inspect_cli.core.config import Config
from inspect_cli.core.scores import UnitScore, latest_of_year, notices_of_year, rank_units, statuses_by_inspection
from inspect_cli.domain.checklist import Checklist
from inspect_cli.domain.models import Status, UnitKind
from inspect_cli.ledger.base import Ledger

KINDS = tuple(kind.value for kind in UnitKind)
_STREET = re.compile(r"(街道|街道办事处|街道办|办事处)$")
_TOWNSHIP = re.compile(r"(乡|镇)(人民政府|政府)?$")


def unit_kind(name: str) -> str:
    """部门, 乡镇 or 街道, as the name's ending tells (街道办事处, 某某镇人民政府 …; anything else is a 部门)."""
    if _STREET.search(name):
        return UnitKind.subdistrict.value
    if _TOWNSHIP.search(name):
        return UnitKind.township.value
    return UnitKind.department.value


@dataclass(frozen=True)
class YearSummary:
    """What an office did in a year, as its annual report needs it."""

    year: int
    as_of: date
    units: tuple[tuple[str, tuple[str, ...]], ...]  # (kind, units) for 部门, 乡镇, 街道
    inspections: int
    tasks_checked: int
    results: tuple[tuple[str, int], ...]  # (status, count) over the tasks checked
    notices_issued: int
    notices_closed: int
    notices_open: int
    notices_overdue: int
    notices_escalated: int
    average_days_to_close: float | None
    notices_by_month: tuple[int, ...]  # issued in January … December
    ranking: tuple[UnitScore, ...]

    @property
    def units_inspected(self) -> int:
        """How many units were inspected."""
        return sum(len(units) for _kind, units in self.units)


def year_summary(
    ledger: Ledger, year: int, config: Config, as_of: date, checklist: Checklist | None = None
) -> YearSummary:
    """The year's figures: every finalized inspection dated in it (of the checklist, when given), the notices
    issued in it, and the ranking of the units by their latest inspection."""
    inspections = [
        i
        for i in ledger.inspections(checklist_id=checklist.id if checklist else None, state="finalized")
        if i.date.year == year
    ]
    kinds: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for inspection in inspections:
        kinds[unit_kind(inspection.unit)].add(inspection.unit)
    counted = ledger.status_counts([inspection.id for inspection in inspections])
    counts = {status: counted.get(status.value, 0) for status in Status if status is not Status.not_reviewed}
    issued = notices_of_year(ledger, year)
    closed = [row for row in issued if row.state == "closed"]
    still_open = [row for row in issued if row.state != "closed"]
    days = [
        (date.fromisoformat(row.closed_on) - date.fromisoformat(row.issued_on)).days for row in closed if row.closed_on
    ]
    months = [0] * 12
    for row in issued:
        months[int(row.issued_on[5:7]) - 1] += 1
    latest = latest_of_year(inspections, year)
    statuses = statuses_by_inspection(ledger, [inspection.id for inspection in latest.values()])
    return YearSummary(
        year=year,
        as_of=as_of,
        units=tuple((kind, tuple(sorted(kinds[kind]))) for kind in KINDS),
        inspections=len(inspections),
        tasks_checked=sum(counts.values()),
        results=tuple((status.value, count) for status, count in counts.items()),
        notices_issued=len(issued),
        notices_closed=len(closed),
        notices_open=len(still_open),
        notices_overdue=sum(1 for row in still_open if date.fromisoformat(row.current_due) < as_of),
        notices_escalated=sum(1 for row in issued if row.escalation),
        average_days_to_close=round(sum(days) / len(days), 1) if days else None,
        notices_by_month=tuple(months),
        ranking=tuple(rank_units(latest, statuses, issued, checklist, config, as_of)),
    )
