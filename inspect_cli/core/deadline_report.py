"""Gather the deadline report: checklists (cached), the ledger's results and notices, filters and lights."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from inspect_cli.core.config import Config
from inspect_cli.core.deadlines import LIGHTS, Obligation, notice_obligations, task_obligations
from inspect_cli.core.workdays import WorkCalendar
from inspect_cli.domain.checklist import Checklist, match_unit
from inspect_cli.domain.clock import today
from inspect_cli.exceptions import InputError
from inspect_cli.i18n import _

if TYPE_CHECKING:
    from inspect_cli.ledger.base import Ledger


class UrgentRows:
    """The report's rows, most urgent first, without a sorted copy: rows are put in buckets by their urgency (a
    light and the days left: a few hundred distinct values for a million rows), each bucket in plan order, and
    read bucket by bucket."""

    def __init__(self, rows: Iterable[Obligation]) -> None:
        rank = {light: n * 10_000_000 for n, light in enumerate(LIGHTS)}
        buckets: dict[int, list[Obligation]] = {}
        for row in rows:
            key = rank[row.light] + (9_999_999 if row.days_left is None else 5_000_000 + row.days_left)
            bucket = buckets.get(key)
            if bucket is None:
                bucket = buckets[key] = []
            bucket.append(row)
        self._buckets = [buckets[key] for key in sorted(buckets)]
        self._count = sum(map(len, self._buckets))

    def __iter__(self) -> Iterator[Obligation]:
        return chain.from_iterable(self._buckets)

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def annotated(self) -> Iterator[Obligation]:
        """The rows that carry a calendar or a reason (notices, rows in error), most urgent first."""
        return (row for row in self if len(row) > len(Obligation._fields))


class DeadlineReport(NamedTuple):
    """The report's rows, most urgent first."""

    rows: UrgentRows


def build_report(
    checklists: list[Checklist],
    ledger: Ledger | None,
    as_of: date | None,
    unit: str | None,
    kind: str | None,
    soon: int | None,
    config: Config,
) -> DeadlineReport:
    """Rows of the deadline report, most urgent first, as the ledger (None: there is none yet) stood on `as_of`; it
    only reads."""
    past, as_of = as_of is not None, as_of or today()
    soon_days = config.soon_days if soon is None else soon
    if soon_days < 0:
        raise InputError(_("--soon must not be negative"))
    notices: list[Obligation] = []
    if kind in (None, "notice") and ledger is not None:
        notices = notice_obligations(ledger, as_of, soon_days, config.blue_days, WorkCalendar.from_config(config), past)
    if unit:
        known = list(dict.fromkeys([u for c in checklists for u in c.units()] + [row.unit for row in notices]))
        unit = match_unit(unit, known, _("has no task or notice here"))
        notices = [row for row in notices if row.unit == unit]
    tasks: list[list[Obligation]] = []
    if kind in (None, "task"):
        for checklist in checklists:
            tasks.append(
                task_obligations(
                    checklist,
                    ledger,
                    as_of,
                    soon_days,
                    config.blue_days,
                    only_unit=unit,
                    rectified=config.rectified,
                )
            )
    # the task rows come before the notices, so ties keep plan order and notices follow tasks, as a stable sort would
    return DeadlineReport(UrgentRows(chain(*tasks, notices)))
