"""On-site inspections: start or resume a draft, record answers, finalize, reopen, export and import."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from inspect_cli.domain.canonical import matching_form, record_content, revision_content
from inspect_cli.domain.checklist import Checklist, Task, concerns, filter_tasks, resolve_unit
from inspect_cli.domain.clock import now_iso
from inspect_cli.domain.models import (
    METHODS,
    SEVERITY,
    Evidence,
    EvidenceMethod,
    Inspection,
    InspectionTask,
    Result,
    Revision,
    Status,
)
from inspect_cli.domain.typed_text import clean_text
from inspect_cli.exceptions import InputError, NotFound, StateError
from inspect_cli.formats.inspection_export import EXPORT_FORMAT, EXPORT_VERSION
from inspect_cli.i18n import N_, _
from inspect_cli.ledger.base import Ledger

# ---------------------------------------------------------------- choosing tasks


def parse_items(spec: str) -> list[tuple[str, str | None]]:
    """`1-20,35` → [("1", "20"), ("35", None)]: task ids and inclusive numeric ranges."""
    parts = []
    for piece in re.split(r"[,，\s]+", spec.strip()):
        if not piece:
            continue
        match = re.fullmatch(r"(\d+)\s*[-–~]\s*(\d+)", piece)
        parts.append((match[1], match[2]) if match else (piece, None))
    if not parts:
        raise InputError(_("--items {spec!r} names no task; write task ids and ranges like 1-20,35").format(spec=spec))
    return parts


def select_tasks(
    checklist: Checklist, unit: str, items: str | None = None, section: str | None = None, every_task: bool = False
) -> list[Task]:
    """The tasks to walk for a unit, in plan order: its own, or --items / --section / --all."""
    unit = resolve_unit(checklist, unit)
    if every_task:
        tasks = list(checklist.tasks)
    elif items:
        wanted: set[str] = set()
        known = {task.id for task in checklist.tasks}
        for first, last in parse_items(items):
            if last is None:
                if first not in known:
                    raise NotFound(_("task {first!r} is not in checklist {id!r}").format(first=first, id=checklist.id))
                wanted.add(first)
                continue
            low, high = int(first), int(last)
            # compared, not enumerated: a range like 1-99999999999 costs no more than 1-20
            span = {task_id for task_id in known if task_id.isdigit() and low <= int(task_id) <= high}
            if not span:
                raise NotFound(
                    _("no task of checklist {id!r} lies in {first}-{last}").format(
                        id=checklist.id, first=first, last=last
                    )
                )
            wanted |= span
        tasks = [task for task in checklist.tasks if task.id in wanted]
    else:
        tasks = [task for task in checklist.tasks if concerns(task, unit)]
    if section:
        allowed = {task.id for task in filter_tasks(checklist, section=section)}
        tasks = [task for task in tasks if task.id in allowed]
    if not tasks:
        raise NotFound(
            _("no task of checklist {id!r} matches for {unit}; check --unit, --items or --section").format(
                id=checklist.id, unit=unit
            )
        )
    return tasks


def task_copies(checklist: Checklist, tasks: list[Task]) -> list[InspectionTask]:
    """Copies of the tasks that an inspection keeps, with their section and topic spelled out."""
    copies = []
    for position, task in enumerate(tasks, start=1):
        section, topic = checklist.section_of(task), checklist.topic_of(task)
        copies.append(
            InspectionTask(
                position=position,
                task_id=task.id,
                text=task.text,
                section=f"{section.label}{section.title}" if section else "",
                topic=f"{topic.label}{topic.title}" if topic else "",
                lead_units=task.lead_units or (("各牵头单位",) if task.every_lead_unit else ()),
                responsible_units=task.responsible_units or (("各责任单位",) if task.every_responsible_unit else ()),
                deadline=task.deadline,
                due=task.due,
                recurrence=task.recurrence,
                ongoing=task.ongoing,
                verify=task.verify,
            )
        )
    return copies


# ---------------------------------------------------------------- starting and locking


def start_inspection(
    ledger: Ledger, checklist: Checklist, unit: str, inspectors: list[str], on: date, place: str, tasks: list[Task]
) -> Inspection:
    """Create a draft inspection holding copies of the tasks; returns it."""
    unit = resolve_unit(checklist, unit)
    inspectors = [clean_text(name) for name in inspectors if clean_text(name)]
    place = clean_text(place)
    if not inspectors:
        raise InputError(_("name at least one inspector with --inspector NAME"))
    at = now_iso()
    with ledger.transaction():
        inspection_id = ledger.create_inspection(
            uid=uuid.uuid4().hex,
            checklist_id=checklist.id,
            checklist_title=checklist.title,
            checklist_path=str(checklist.path or ""),
            checklist_sha256=checklist.sha256,
            unit=unit,
            inspectors=tuple(inspectors),
            on=on,
            place=place,
            created_at=at,
            tasks=task_copies(checklist, tasks),
            checklist_source=checklist.source,
        )
        ledger.log(
            "inspection.started",
            "、".join(inspectors),
            at,
            inspection_id,
            unit,
            {"checklist": checklist.id, "tasks": len(tasks), "date": on.isoformat()},
        )
    return ledger.inspection(inspection_id)


def drafts_for(ledger: Ledger, checklist_id: str, unit: str) -> list[Inspection]:
    """Open drafts for this checklist and unit, newest first."""
    return ledger.inspections(unit=unit, checklist_id=checklist_id, state="draft")


def checklist_changed(inspection: Inspection, checklist: Checklist) -> bool:
    """True when the checklist file differs from the one the inspection was started with."""
    return bool(checklist.sha256) and checklist.sha256 != inspection.checklist_sha256


@contextmanager
def unit_lock(ledger: Ledger, checklist_id: str, unit: str, wait: float = 30.0) -> Iterator[None]:
    """Held while looking for a unit's draft and starting one, so walks started at once make one draft."""
    key = hashlib.sha256(f"{checklist_id}\0{unit}".encode()).hexdigest()[:24]
    with ledger.lock(f"unit-{key}", wait) as held:
        if not held:
            raise StateError(
                _("another walk of {unit} has been starting for {wait:.0f} s; try again").format(unit=unit, wait=wait)
            )
        yield


@contextmanager
def draft_lock(ledger: Ledger, inspection: Inspection) -> Iterator[None]:
    """Hold the inspection for this process; a second writer is refused, readers are not affected."""
    with ledger.lock(inspection.uid) as held:
        if not held:
            raise StateError(
                _(
                    "inspection {id} is open in another walk or command right now; finish or quit that one first "
                    "(read-only commands still work)"
                ).format(id=inspection.id)
            )
        yield


# ---------------------------------------------------------------- answering


def evidence_method(method: str) -> str:
    """The evidence method typed (a name, or its number in the list), or InputError naming the methods."""
    method = clean_text(method)
    if method.isdigit() and 1 <= int(method) <= len(METHODS):
        return METHODS[int(method) - 1]
    try:
        return EvidenceMethod.parse(method).value  # its machine name, or its label in either language
    except ValueError:
        named = " / ".join(f"{number} {found.label}" for number, found in enumerate(EvidenceMethod, start=1))
        raise InputError(
            _("evidence method {method!r} is not one of {value}").format(method=method, value=named)
        ) from None


def make_evidence(method: str, description: str, file: str | Path | None = None, base: Path | None = None) -> Evidence:
    """Evidence from what the inspector typed; a file is hashed (sha256) so it can be verified later."""
    method = evidence_method(method)
    description = clean_text(description)
    if not description:
        raise InputError(
            _("evidence needs a description (document title and number, who was interviewed, what was seen)")
        )
    file_path = sha = None
    if file:
        path = Path(file).expanduser()
        if base is not None and not path.is_absolute():
            path = base / path
        from inspect_cli.formats.fileio import sha256_of

        file_path, sha = str(path), sha256_of(path, N_("an evidence file"))
    return Evidence(method, description, file_path, sha, now_iso())


def _editable(ledger: Ledger, inspection_id: int) -> Inspection:
    inspection = ledger.inspection(inspection_id)
    if inspection.state != "draft":
        raise StateError(
            _(
                "inspection {inspection_id} is finalized; reopen it with 'inspect-cli inspections reopen "
                "{inspection_id} --reason …' to change it"
            ).format(inspection_id=inspection_id)
        )
    lifecycle = ledger.lifecycle_events(inspection_id)
    if lifecycle and lifecycle[-1][0] == "inspection.finalized":
        # a draft by its row but finalized by the event log: the row was reset outside inspect-cli
        raise StateError(
            _(
                "inspection {inspection_id} is a draft in the ledger but the event log says it was finalized; see "
                "'inspect-cli inspections verify {inspection_id}'"
            ).format(inspection_id=inspection_id)
        )
    return inspection


def record_answer(
    ledger: Ledger,
    inspection_id: int,
    task_id: str,
    status: Status,
    note: str,
    actor: str,
    evidence: tuple[Evidence, ...] = (),
    replaced: Result | None = None,
) -> None:
    """Save one task's result (and any evidence) in its own committed transaction.

    `replaced` is the different answer this one overwrites; the event then says what it was, and the evidence given
    for it goes with it (the new answer brings its own).
    """
    _editable(ledger, inspection_id)
    if task_id not in ledger.task_ids(inspection_id):
        raise NotFound(
            _("task {task_id!r} is not part of inspection {inspection_id}").format(
                task_id=task_id, inspection_id=inspection_id
            )
        )
    note = clean_text(note)
    if status.needs_note and not note:
        raise InputError(
            _("task {task_id}: a {status} result needs a note saying what is missing").format(
                task_id=task_id, status=status.value
            )
        )
    at = now_iso()
    with ledger.transaction():
        if replaced is not None and replaced.evidence:
            ledger.remove_task_evidence(inspection_id, task_id)
        ledger.save_result(inspection_id, task_id, status, note, at, actor)
        for item in evidence:
            ledger.add_evidence(inspection_id, task_id, item)
        detail = {"status": status.value, "note": note, "evidence": len(evidence)}
        if replaced is not None:
            detail.update(
                previous_status=replaced.status.value,
                previous_note=replaced.note,
                previous_answered_at=replaced.answered_at,
                previous_evidence=[
                    {"method": item.method, "description": item.description, "file_sha256": item.file_sha256}
                    for item in replaced.evidence
                ],
            )
        ledger.log(
            "result.replaced" if replaced is not None else "result.saved", actor, at, inspection_id, task_id, detail
        )


def add_evidence(ledger: Ledger, inspection_id: int, task_id: str, evidence: Evidence, actor: str) -> None:
    """Attach evidence to a task before or after answering it, in its own transaction."""
    _editable(ledger, inspection_id)
    with ledger.transaction():
        ledger.add_evidence(inspection_id, task_id, evidence)
        ledger.log(
            "evidence.added",
            actor,
            evidence.added_at or now_iso(),
            inspection_id,
            task_id,
            {"method": evidence.method, "description": evidence.description, "file_sha256": evidence.file_sha256},
        )


def first_unanswered(ledger: Ledger, inspection_id: int, first: list[str] | None = None) -> int:
    """Index (0-based) of the first task without an answer, the tasks named in `first` coming first; the task count
    when all are answered."""
    answered = ledger.answered_task_ids(inspection_id)
    tasks = walk_order(ledger.tasks(inspection_id), first or [])
    return next((index for index, task in enumerate(tasks) if task.task_id not in answered), len(tasks))


def unreviewed_tasks(ledger: Ledger, inspection_id: int) -> list[str]:
    """Ids of the tasks without an answer, or answered not reviewed, in plan order."""
    results = ledger.results(inspection_id)
    return [
        task.task_id
        for task in ledger.tasks(inspection_id)
        if task.task_id not in results or results[task.task_id].status is Status.not_reviewed
    ]


@dataclass(frozen=True)
class Summary:
    """Counts per status over an inspection's tasks (unanswered tasks count as not reviewed)."""

    total: int
    counts: dict[str, Any]  # status value → count, worst first


def summarize(tasks: list[InspectionTask], results: dict[str, Result]) -> Summary:
    """Count the statuses of an inspection."""
    counts = Counter(
        results[t.task_id].status.value if t.task_id in results else Status.not_reviewed.value for t in tasks
    )
    return Summary(len(tasks), {status.value: counts.get(status.value, 0) for status in SEVERITY})


@dataclass(frozen=True)
class TaskContext:
    """What is known of one task when the walk shows it: this inspection's answer, the unit's result at its
    previous finalized inspection, and the best passages of the unit's annual report."""

    current: Result | None
    previous: tuple[Inspection, Result] | None
    passages: tuple[tuple[float, str, str], ...]


def task_context(ledger: Ledger, inspection: Inspection, task_id: str, passages: int = 2) -> TaskContext:
    """The answer, last result and report passages of one task of an inspection."""
    return TaskContext(
        ledger.results(inspection.id).get(task_id),
        ledger.previous_result(inspection.checklist_id, inspection.unit, task_id, inspection),
        tuple(ledger.passages(inspection.id, task_id)[:passages]),
    )


@dataclass(frozen=True)
class LastFindings:
    """The unit's previous finalized inspection of the checklist and what it found partial or noncompliant."""

    inspection: Inspection | None
    findings: tuple[Result, ...]

    def task_ids(self) -> list[str]:
        """The ids of the tasks found wanting, in plan order."""
        return [result.task_id for result in self.findings]


def last_findings(ledger: Ledger, inspection: Inspection) -> LastFindings:
    """What the unit's latest finalized inspection of the checklist before this one found wanting."""
    earlier = [
        found
        for found in ledger.inspections(unit=inspection.unit, checklist_id=inspection.checklist_id, state="finalized")
        if (found.date, found.id) < (inspection.date, inspection.id) and found.id != inspection.id
    ]
    if not earlier:
        return LastFindings(None, ())
    previous = max(earlier, key=lambda found: (found.date, found.id))
    results = ledger.results(previous.id)
    order = [task.task_id for task in ledger.tasks(previous.id)]
    findings = tuple(
        results[task_id]
        for task_id in order
        if task_id in results and results[task_id].status in (Status.partial, Status.noncompliant)
    )
    return LastFindings(previous, findings)


def walk_order(tasks: list[InspectionTask], first: list[str]) -> list[InspectionTask]:
    """The tasks with those named in `first` at the front (in that order), the rest after in plan order."""
    wanted = [task for task_id in first for task in tasks if task.task_id == task_id]
    return wanted + [task for task in tasks if task not in wanted]


def walk_state(ledger: Ledger, inspection_id: int) -> tuple[list[InspectionTask], dict[str, Result]]:
    """An inspection's tasks in plan order and its results by task id."""
    return ledger.tasks(inspection_id), ledger.results(inspection_id)


def resumable_draft(ledger: Ledger, inspection_id: int, checklist_id: str, unit: str) -> Inspection:
    """The draft to resume by its number; StateError when it is finalized or of another unit or checklist."""
    inspection = ledger.inspection(inspection_id)
    if inspection.state != "draft":
        raise StateError(
            _(
                "inspection {id} is finalized; reopen it first with 'inspect-cli inspections reopen {id} --reason …'"
            ).format(id=inspection.id)
        )
    if inspection.checklist_id != checklist_id or inspection.unit != unit:
        raise StateError(
            _("inspection {id} is of {unit} against {checklist_id}, not of {unit2} against {checklist_id2}").format(
                id=inspection.id,
                unit=inspection.unit,
                checklist_id=inspection.checklist_id,
                unit2=unit,
                checklist_id2=checklist_id,
            )
        )
    return inspection


# ---------------------------------------------------------------- finalize and reopen


def finalize(ledger: Ledger, inspection_id: int, actor: str) -> Inspection:
    """Lock a draft and record its content hash; refused while a partial/noncompliant result lacks a note."""
    inspection = _editable(ledger, inspection_id)
    missing = [r.task_id for r in ledger.results(inspection_id).values() if r.status.needs_note and not r.note.strip()]
    if missing:
        raise StateError(
            _(
                "inspection {inspection_id} cannot be finalized: task(s) {missing} need a note saying what is missing"
            ).format(inspection_id=inspection_id, missing=", ".join(missing))
        )
    from inspect_cli.core.integrity import content_hash
    from inspect_cli.domain.canonical import CURRENT_FORM

    digest = content_hash(ledger, inspection_id, CURRENT_FORM)
    at = now_iso()
    with ledger.transaction():
        ledger.set_state(inspection_id, "finalized", digest, at, content_form=CURRENT_FORM)
        ledger.log(
            "inspection.finalized",
            actor,
            at,
            inspection_id,
            inspection.unit,
            {"content_hash": digest, "revision": inspection.revision},
        )
    return ledger.inspection(inspection_id)


def reopen(ledger: Ledger, inspection_id: int, reason: str, actor: str) -> Inspection:
    """Make a finalized inspection a draft again as a new revision, recording why."""
    inspection = ledger.inspection(inspection_id)
    if inspection.state != "finalized":
        raise StateError(
            _("inspection {inspection_id} is a draft already; nothing to reopen").format(inspection_id=inspection_id)
        )
    reason = clean_text(reason)
    if not reason:
        raise InputError(_("say why the inspection is reopened with --reason"))
    from inspect_cli.core.integrity import require_verified

    require_verified(ledger, inspection_id, N_("reopened"))
    at = now_iso()
    revision = inspection.revision + 1
    with ledger.transaction():
        ledger.add_revision(inspection_id, Revision(revision, reason, inspection.content_hash or "", at, actor))
        ledger.set_state(inspection_id, "draft", None, None, revision)
        ledger.log(
            "inspection.reopened",
            actor,
            at,
            inspection_id,
            inspection.unit,
            {"reason": reason, "revision": revision, "previous_hash": inspection.content_hash},
        )
    return ledger.inspection(inspection_id)


def discard(ledger: Ledger, inspection_id: int, reason: str, actor: str) -> Inspection:
    """Remove a stray draft and everything recorded in it; the event log keeps what was removed and why."""
    inspection = ledger.inspection(inspection_id)
    if inspection.state != "draft":
        raise StateError(
            _("inspection {inspection_id} is finalized; a finalized record is never discarded").format(
                inspection_id=inspection_id
            )
        )
    if inspection.revision > 1:
        raise StateError(
            _(
                "inspection {inspection_id} was finalized before (revision {revision}); its history is kept: finalize "
                "it again instead"
            ).format(inspection_id=inspection_id, revision=inspection.revision)
        )
    reason = clean_text(reason)
    if not reason:
        raise InputError(_("say why the draft is discarded with --reason"))
    at = now_iso()
    with ledger.transaction():
        ledger.delete_draft(inspection_id)
        ledger.log(
            "inspection.discarded",
            actor,
            at,
            inspection_id,
            inspection.unit,
            {
                "reason": reason,
                "uid": inspection.uid,
                "checklist": inspection.checklist_id,
                "date": inspection.date.isoformat(),
                "answered": inspection.answered_count,
                "tasks": inspection.task_count,
            },
        )
    return inspection


# ---------------------------------------------------------------- answers files


@dataclass(frozen=True)
class Answer:
    """One answer read from an answers file."""

    task_id: str
    status: Status
    note: str
    evidence: tuple[Evidence, ...]


def answer_conflicts(ledger: Ledger, inspection_id: int, answers: list[Answer]) -> list[tuple[Answer, Result]]:
    """Answers that differ (status or note) from an answer already recorded for the same task."""
    recorded = ledger.results(inspection_id)
    conflicts = []
    for answer in answers:
        result = recorded.get(answer.task_id)
        if result is not None and result.answered_at and (result.status, result.note) != (answer.status, answer.note):
            conflicts.append((answer, result))
    return conflicts


def apply_answers(ledger: Ledger, inspection_id: int, answers: list[Answer], actor: str, replace: bool = False) -> int:
    """Save answers after checking every task id belongs to the inspection; returns how many were saved.

    An answer that differs from one already recorded is refused, naming every such task, unless `replace`:
    then each replaced answer is logged as `result.replaced` with what it was.
    """
    known = ledger.task_ids(inspection_id)
    strangers = [answer.task_id for answer in answers if answer.task_id not in known]
    if strangers:
        raise NotFound(
            _("task(s) {strangers} are not part of inspection {inspection_id}; nothing was saved").format(
                strangers=", ".join(strangers), inspection_id=inspection_id
            )
        )
    _editable(ledger, inspection_id)
    differing = answer_conflicts(ledger, inspection_id, answers)
    if differing and not replace:
        listed = "; ".join(
            f"task {answer.task_id}: recorded {_said(result.status, result.note)}, "
            f"file {_said(answer.status, answer.note)}"
            for answer, result in differing
        )
        raise StateError(
            _(
                "inspection {inspection_id} already records other answers for {differing} task(s) ({listed}); nothing "
                "was saved. Add --replace to overwrite them, or --new to start another draft"
            ).format(inspection_id=inspection_id, differing=len(differing), listed=listed)
        )
    conflicts = {answer.task_id: result for answer, result in differing}
    for answer in answers:
        record_answer(
            ledger,
            inspection_id,
            answer.task_id,
            answer.status,
            answer.note,
            actor,
            answer.evidence,
            replaced=conflicts.get(answer.task_id),
        )
    return len(answers)


def _said(status: Status, note: str) -> str:
    return f"{status.value} “{note}”" if note else status.value


# ---------------------------------------------------------------- export and import


def export_inspection(ledger: Ledger, inspection_id: int, verified: bool = False) -> dict[str, Any]:
    """The whole inspection (record, state, revisions, events) as plain data for another office; it must verify
    (`verified`: the caller has checked it already)."""
    from inspect_cli.core.integrity import require_verified

    if not verified:
        require_verified(ledger, inspection_id, N_("exported"))
    inspection = ledger.inspection(inspection_id)
    data = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        **record_content(inspection, ledger.tasks(inspection_id), ledger.results(inspection_id)),
    }
    data["checklist"]["path"] = inspection.checklist_path
    data.update(
        {
            "state": inspection.state,
            "content_hash": inspection.content_hash,
            "content_form": ledger.content_form(inspection_id),
            "created_at": inspection.created_at,
            "finalized_at": inspection.finalized_at,
            "revisions": [revision_content(r) for r in ledger.revisions(inspection_id)],
            "events": [
                {"at": e.at, "actor": e.actor, "kind": e.kind, "subject": e.subject, "detail": json.loads(e.detail)}
                for e in ledger.events(inspection_id)
            ],
        }
    )
    return data


def import_inspection(ledger: Ledger, data: dict[str, Any]) -> tuple[Inspection, bool]:
    """Bring an exported inspection into the ledger; (inspection, False) when it is already there."""
    existing = ledger.inspection_by_uid(data["uid"])
    if existing is not None:
        if existing.revision == data.get("revision") and existing.content_hash == data.get("content_hash"):
            return existing, False
        raise StateError(
            _("the ledger already holds inspection {id} with this id at a different revision; nothing imported").format(
                id=existing.id
            )
        )
    try:
        tasks = [
            InspectionTask(
                **{
                    **task,
                    "due": date.fromisoformat(task["due"]) if task.get("due") else None,
                    **{k: tuple(task.get(k, ())) for k in ("lead_units", "responsible_units", "verify")},
                }
            )
            for task in data["tasks"]
        ]
        with ledger.transaction():
            inspection_id = ledger.create_inspection(
                uid=data["uid"],
                checklist_id=data["checklist"]["id"],
                checklist_title=data["checklist"].get("title", ""),
                checklist_path=data["checklist"].get("path", ""),
                checklist_sha256=data["checklist"]["sha256"],
                unit=data["unit"],
                inspectors=tuple(data["inspectors"]),
                on=date.fromisoformat(data["date"]),
                place=data.get("place", ""),
                created_at=data["created_at"],
                tasks=tasks,
                state=data["state"],
                revision=data["revision"],
                content_hash=data.get("content_hash"),
                finalized_at=data.get("finalized_at"),
                checklist_source=data["checklist"].get("source", ""),
            )
            for result in data["results"]:
                if result.get("answered_at"):
                    ledger.save_result(
                        inspection_id,
                        result["task_id"],
                        Status(result["status"]),
                        result["note"],
                        result["answered_at"],
                        result.get("answered_by", ""),
                    )
                for item in result.get("evidence", []):
                    ledger.add_evidence(
                        inspection_id,
                        result["task_id"],
                        Evidence(
                            item["method"],
                            item["description"],
                            item.get("file_path"),
                            item.get("file_sha256"),
                            item.get("added_at", ""),
                        ),
                    )
            for revision in data.get("revisions", []):
                ledger.add_revision(inspection_id, Revision(**revision))
            for event in data.get("events", []):
                ledger.log(
                    event["kind"],
                    event["actor"],
                    event["at"],
                    inspection_id,
                    event.get("subject", ""),
                    event.get("detail", {}),
                )
            if data["state"] == "finalized":
                from inspect_cli.core.integrity import content_hash

                # exports made before forms were kept name none: the form that matches is the one it was made with
                form = data.get("content_form") or matching_form(
                    ledger.inspection(inspection_id),
                    ledger.tasks(inspection_id),
                    ledger.results(inspection_id),
                    data.get("content_hash") or "",
                )
                if form is None or content_hash(ledger, inspection_id, form) != data.get("content_hash"):
                    # raised inside the transaction, so nothing of the import is kept
                    raise StateError(
                        _(
                            "the export's content does not match its content hash: it was changed after finalizing; "
                            "nothing imported"
                        )
                    )
                ledger.set_content_form(inspection_id, form)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as exc:
        # say what is wrong in the export's terms, not as a Python exception (a list where a table belongs, a number
        # past what a database holds)
        problem = (
            _("it has no {field!r} field").format(field=exc.args[0])
            if isinstance(exc, KeyError) and exc.args
            else _("a field has a value of the wrong kind")
        )
        raise InputError(
            _("the export is incomplete or damaged ({problem}); nothing imported").format(problem=problem)
        ) from exc
    return ledger.inspection(inspection_id), True
