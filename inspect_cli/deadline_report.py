"""Gather the deadline report: checklists (cached), the ledger's results and notices, filters and lights."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from inspect_cli.clock import today
from inspect_cli.config import load_config
from inspect_cli.deadlines import Obligation, most_urgent_first, notice_obligations, task_obligations
from inspect_cli.checklist import match_unit
from inspect_cli.exceptions import InputError
from inspect_cli.settings import Settings


def build_report(checklist_paths: list[Path], as_of: date | None, unit: str | None, kind: str | None,
                 soon: int | None, ledger_path: Path | None, config_path: Path | None) -> list[Obligation]:
    """Rows of the deadline report, most urgent first."""
    from inspect_cli.checklist_cache import load_cached

    settings = Settings.from_environment(ledger=ledger_path, config=config_path)
    config = load_config(settings.config_path)
    as_of = as_of or today()
    soon_days = config.soon_days if soon is None else soon
    if soon_days < 0:
        raise InputError("--soon must not be negative")
    checklists = [load_cached(path, settings.cache_dir) for path in checklist_paths]
    ledger = None
    if settings.ledger_path.exists():
        from inspect_cli.ledger import Ledger

        ledger = Ledger.open(settings.ledger_path)
    try:
        notices: list[Obligation] = []
        if kind in (None, "notice") and ledger is not None:
            try:
                notices = notice_obligations(ledger, as_of, soon_days, config.blue_days)
            except InputError as error:
                raise InputError(f"{error.message} (a notice counted in working days is due outside the calendar)") from None
        if unit:
            known = list(dict.fromkeys([u for c in checklists for u in c.units()] + [row.unit for row in notices]))
            unit = match_unit(unit, known, "has no task or notice here")
            notices = [row for row in notices if row.unit == unit]
        rows: list[Obligation] = []
        if kind in (None, "task"):
            for checklist in checklists:
                rows += task_obligations(checklist, ledger, as_of, soon_days, config.blue_days, only_unit=unit)
    finally:
        if ledger is not None:
            ledger.close()
    return most_urgent_first(rows + notices)
