"""Inspection records (督察记录) and the rectification ledger (整改台账) export, built from the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from inspect_cli.core.notices import Notice, get_notice, list_notices
from inspect_cli.domain.models import SEVERITY, Evidence, Inspection, Status
from inspect_cli.i18n import N_
from inspect_cli.ledger.base import Ledger


@dataclass(frozen=True)
class StatusCount:
    """How many tasks got one status, and their share of all tasks checked."""

    status: str
    label_zh: str
    label_en: str
    count: int
    share: float


@dataclass(frozen=True)
class EvidenceView:
    """Evidence as printed: method, description, file name (not its path) and sha256."""

    method: str
    description: str
    file_name: str | None
    file_sha256: str | None


@dataclass(frozen=True)
class FindingView:
    """One task's result as printed in a record."""

    task_id: str
    text: str
    section: str
    deadline: str
    due: date | None
    overdue: bool
    status: str
    label_zh: str
    label_en: str
    note: str
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True)
class StatusGroup:
    """The findings of one status, for the worst-first listing."""

    count: StatusCount
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class Record:
    """Everything an inspection record shows."""

    inspection: Inspection
    checklist_files: tuple[str, ...]
    methods: tuple[str, ...]
    total: int
    counts: tuple[StatusCount, ...]
    overdue: tuple[FindingView, ...]
    groups: tuple[StatusGroup, ...]
    notices: tuple[Notice, ...]

    @property
    def finalized(self) -> bool:
        return self.inspection.state == "finalized"

    @property
    def checked(self) -> int:
        """Tasks the inspector answered (a task never reached is not 'checked')."""
        return self.total - sum(c.count for c in self.counts if c.status == Status.not_reviewed.value)


def _evidence(items: tuple[Evidence, ...]) -> tuple[EvidenceView, ...]:
    return tuple(
        EvidenceView(e.method, e.description, Path(e.file_path).name if e.file_path else None, e.file_sha256)
        for e in items
    )


def build_record(ledger: Ledger, inspection_id: int) -> Record:
    """Gather an inspection's record: header, summary figures, findings worst first, its notices."""
    from inspect_cli.core.integrity import require_verified

    require_verified(ledger, inspection_id, N_("reported"))
    inspection = ledger.inspection(inspection_id)
    tasks = ledger.tasks(inspection_id)
    results = ledger.results(inspection_id)
    views = []
    for task in tasks:
        result = results.get(task.task_id)
        status = result.status if result and result.answered_at else Status.not_reviewed
        overdue = (
            task.due is not None
            and task.due < inspection.date
            and status not in (Status.compliant, Status.not_applicable)
        )
        views.append(
            FindingView(
                task.task_id,
                task.text,
                task.section,
                task.deadline,
                task.due,
                overdue,
                status.value,
                status.label_in("zh"),
                status.label_in("en").capitalize(),
                result.note if result else "",
                _evidence(result.evidence) if result else (),
            )
        )
    total = len(views)
    counts = {
        status: StatusCount(
            status.value,
            status.label_in("zh"),
            status.label_in("en").capitalize(),
            sum(1 for v in views if v.status == status.value),
            round(100 * sum(1 for v in views if v.status == status.value) / total, 1) if total else 0.0,
        )
        for status in SEVERITY
    }
    groups = tuple(
        StatusGroup(counts[s], tuple(v for v in views if v.status == s.value)) for s in SEVERITY if counts[s].count
    )
    methods = tuple(dict.fromkeys(e.method for v in views for e in v.evidence))
    number = ledger.notice_by_inspection(inspection_id)  # at most one notice per inspection
    notices = (get_notice(ledger, number),) if number else ()
    files = tuple(
        name
        for name in (
            inspection.checklist_source,
            Path(inspection.checklist_path).name if inspection.checklist_path else "",
        )
        if name
    )
    return Record(
        inspection,
        files,
        methods,
        total,
        tuple(counts[s] for s in SEVERITY),
        # only what was checked and found not done: a record never calls an unchecked task unfinished
        tuple(v for v in views if v.overdue and v.status in (Status.noncompliant.value, Status.partial.value)),
        groups,
        notices,
    )


# ---------------------------------------------------------------- rectification ledger export


@dataclass(frozen=True)
class NoticeFindingRow:
    """One row of the rectification ledger: one finding of one notice."""

    notice: str
    unit: str
    issued_on: date
    task_id: str
    task: str
    problem: str
    deadline: date
    extended_deadline: date | None
    reply_due: date
    reminders: int
    escalation: str
    state: str
    closed_on: date | None


@dataclass(frozen=True)
class ResultRow:
    """One row of the results export: one task of one inspection."""

    inspection: int
    unit: str
    date: date
    checklist: str
    state: str
    task_id: str
    status: str
    note: str
    evidence: int


def notice_rows(ledger: Ledger, unit: str | None, start: date | None, end: date | None) -> list[NoticeFindingRow]:
    """The rectification ledger: a row per notice finding, for notices issued between start and end."""
    rows = []
    for notice in list_notices(ledger, unit=unit, status="all"):
        if (start and notice.issued_on < start) or (end and notice.issued_on > end):
            continue
        for finding in notice.findings:
            rows.append(
                NoticeFindingRow(
                    notice.number,
                    notice.unit,
                    notice.issued_on,
                    finding.task_id,
                    finding.task_text,
                    finding.found,
                    notice.due,
                    notice.current_due if notice.extended else None,
                    notice.reply_due,
                    notice.reminders,
                    notice.escalation,
                    notice.state,
                    notice.closed_on,
                )
            )
    return rows


def result_rows(ledger: Ledger, unit: str | None, start: date | None, end: date | None) -> list[ResultRow]:
    """A row per task of every inspection dated between start and end, read in one query."""
    return [
        ResultRow(
            row.inspection_id,
            row.unit,
            date.fromisoformat(row.on),
            row.checklist_id,
            row.state,
            row.task_id,
            row.status if row.status and row.answered_at else Status.not_reviewed.value,
            row.note or "",
            row.evidence,
        )
        for row in ledger.task_result_rows(unit, start.isoformat() if start else None, end.isoformat() if end else None)
    ]
