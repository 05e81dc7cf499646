"""Gather the deadline report: checklists (cached), the ledger's results and notices, filters and lights."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from inspect_cli.core.clock import today
from inspect_cli.core.config import load_config
from inspect_cli.core.deadlines import Obligation, most_urgent_first, notice_obligations, task_obligations
from inspect_cli.core.checklist import match_unit
from inspect_cli.exceptions import InputError
from inspect_cli.settings import Settings
from inspect_cli.i18n import _


class DeadlineReport(NamedTuple):
    """The report's rows, most urgent first."""

    rows: list[Obligation]


def build_report(checklist_paths: list[Path], as_of: date | None, unit: str | None, kind: str | None,
                 soon: int | None, settings: Settings) -> DeadlineReport:
    """Rows of the deadline report, most urgent first, as the ledger stood on `as_of`; it only reads: a ledger that
    does not exist yet (a file, or an empty office database) is neither created nor migrated."""
    from inspect_cli.formats.checklist_cache import load_cached

    config = load_config(settings.config_path)
    past, as_of = as_of is not None, as_of or today()
    soon_days = config.soon_days if soon is None else soon
    if soon_days < 0:
        raise InputError(_("--soon must not be negative"))
    checklists = [load_cached(path, settings.cache_dir) for path in checklist_paths]
    ledger = None
    if settings.ledger_exists():
        from inspect_cli.exceptions import NotFound
        from inspect_cli.ledger import open_ledger

        try:
            ledger = open_ledger(settings.ledger, create=False)
        except NotFound:
            ledger = None  # an office database without a ledger yet: nothing is due in it
    try:
        notices: list[Obligation] = []
        if kind in (None, "notice") and ledger is not None:
            from inspect_cli.core.workdays import WorkCalendar

            notices = notice_obligations(ledger, as_of, soon_days, config.blue_days, WorkCalendar.from_config(config),
                                         past)
        if unit:
            known = list(dict.fromkeys([u for c in checklists for u in c.units()] + [row.unit for row in notices]))
            unit = match_unit(unit, known, "has no task or notice here")
            notices = [row for row in notices if row.unit == unit]
        rows: list[Obligation] = []
        if kind in (None, "task"):
            for checklist in checklists:
                rows += task_obligations(checklist, ledger, as_of, soon_days, config.blue_days, only_unit=unit,
                                         rectified=config.rectified)
    finally:
        if ledger is not None:
            ledger.close()
    return DeadlineReport(most_urgent_first(rows + notices))
