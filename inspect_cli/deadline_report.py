"""Gather the deadline report: checklists (cached), the ledger's results and notices, filters and lights."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from inspect_cli.clock import today
from inspect_cli.config import load_config
from inspect_cli.deadlines import Obligation, most_urgent_first, notice_obligations, task_obligations
from inspect_cli.exceptions import InputError, NotFound
from inspect_cli.settings import Settings


def build_report(checklist_paths: list[Path], as_of: date | None, unit: str | None, kind: str | None,
                 soon: int | None, ledger_path: Path | None, config_path: Path | None) -> tuple[list[Obligation], list[str]]:
    """Rows of the deadline report, most urgent first, and any warnings to show."""
    from inspect_cli.checklist_cache import load_cached

    settings = Settings.from_environment(ledger=ledger_path, config=config_path)
    config = load_config(settings.config_path)
    as_of = as_of or today()
    soon_days = config.soon_days if soon is None else soon
    if soon_days < 0:
        raise InputError("--soon must not be negative")
    checklists = [load_cached(path, settings.cache_dir) for path in checklist_paths]
    warnings: list[str] = []
    ledger = None
    if settings.ledger_path.exists():
        from inspect_cli.ledger import Ledger

        ledger = Ledger.open(settings.ledger_path)
    try:
        rows: list[Obligation] = []
        if kind in (None, "task"):
            for checklist in checklists:
                rows += task_obligations(checklist, ledger, as_of, soon_days, config.blue_days)
        if kind in (None, "notice") and ledger is not None:
            try:
                rows += notice_obligations(ledger, as_of, soon_days, config.blue_days)
            except InputError as error:
                raise InputError(f"{error.message} (a notice counted in working days is due outside the calendar)") from None
    finally:
        if ledger is not None:
            ledger.close()
    if unit:
        wanted = _resolve(unit, {row.unit for row in rows}, checklists)
        rows = [row for row in rows if row.unit == wanted]
    return most_urgent_first(rows), warnings


def _resolve(query: str, units: set[str], checklists) -> str:
    from inspect_cli.textnorm import unit_name

    wanted = unit_name(query)
    known = set(units) | {u for c in checklists for u in c.units()}
    if wanted in known:
        return wanted
    matches = sorted(u for u in known if wanted in u)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFound(f"unit {query!r} is ambiguous: it matches {', '.join(matches)}; give more of the name")
    raise NotFound(f"unit {query!r} has no task or notice here; units: {', '.join(sorted(known)) or 'none'}")
