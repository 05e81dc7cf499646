"""Records that prove themselves: versioned content hashes, a hash chain over the event log, notice seals, verify."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from datetime import date
from itertools import chain
from typing import TYPE_CHECKING, Any

from inspect_cli.domain import canonical
from inspect_cli.domain.canonical import CONTENT_FORMS, CURRENT_FORM, chain_link, checkpoint_seal, notice_seal
from inspect_cli.domain.models import InspectionTask
from inspect_cli.exceptions import Reason, StateError
from inspect_cli.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable

    from inspect_cli.ledger.base import Checkpoint, Ledger, SealedNotice, StoredContent

# Triggers that keep the event log and the notice steps append-only; a ledger without them does not verify.
APPEND_ONLY_TRIGGERS = (
    "events_are_append_only_update",
    "events_are_append_only_delete",
    "notice_steps_are_append_only_update",
    "notice_steps_are_append_only_delete",
)
LIFECYCLE_KINDS = ("inspection.finalized", "inspection.reopened")


# ---------------------------------------------------------------- content hash


def content_hash(ledger: Ledger, inspection_id: int, form: int = CURRENT_FORM) -> str:
    """sha256 of the canonical JSON of an inspection's content under `form` (what was found, not where files sit)."""
    return canonical.content_hash(
        ledger.inspection(inspection_id), ledger.tasks(inspection_id), ledger.results(inspection_id), form
    )


# ---------------------------------------------------------------- verify


@dataclass(frozen=True)
class InspectionCheck:
    """The outcome of verifying one inspection."""

    inspection_id: int
    unit: str
    state: str
    content_form: int | None
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class LedgerCheck:
    """The outcome of verifying a ledger: the event log, the append-only triggers, and each inspection asked."""

    events: int
    chain_head: str | None
    ledger_problems: tuple[str, ...]
    inspections: tuple[InspectionCheck, ...]

    @property
    def ok(self) -> bool:
        return not self.ledger_problems and all(check.ok for check in self.inspections)


def _chain_problem(event: tuple[Any, ...]) -> str:
    return _(
        "event {event} ({kind}) does not match the event log's chain: it or one before it was changed, removed or "
        "reordered"
    ).format(event=event[0], kind=event[3])


# domain/canonical.py's chain_link encodes each event with json.dumps(ensure_ascii=False, separators=(",", ":")):
# one encoder made once gives the same bytes without building an encoder per event (150,000 of them in a verify)
_EVENT_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _link_events(
    rows: Iterable[tuple[Any, ...]], link: str | None, expected_id: int, problems: list[str]
) -> tuple[int, str | None, int]:
    """Re-link events in one ordered pass from `link`; (events read, last link, next id expected)."""
    count = 0
    sha256 = hashlib.sha256
    for row in rows:
        count += 1
        event_id = row[0]
        if event_id != expected_id:
            gap = f"{expected_id}–{event_id - 1}" if event_id - 1 > expected_id else str(expected_id)
            problems.append(_("event {gap} missing from the event log").format(gap=gap))
        link = sha256(f"{link or ''}\n{_EVENT_ENCODER(list(row[:7]))}".encode()).hexdigest()
        if row[7] != link:
            problems.append(_chain_problem(row))
            link = row[7]  # report each break once, not every event after it
        expected_id = event_id + 1
    return count, link, expected_id


def _trigger_problems(ledger: Ledger) -> list[str]:
    present = ledger.triggers()
    return [
        _("the append-only trigger {name} is missing").format(name=name)
        for name in APPEND_ONLY_TRIGGERS
        if name not in present
    ]


def check_log(ledger: Ledger) -> tuple[int, str | None, list[str]]:
    """(event count, last link, problems) of the whole event log's chain, its checkpoints and the append-only
    triggers, read in one ordered pass."""
    problems = _trigger_problems(ledger)
    rows = ledger.event_links_after(0)
    first = next(rows, None)
    if first is None:
        return 0, None, problems
    if first[0] != 1:
        problems.append(_("event(s) 1–{value} missing from the start of the event log").format(value=first[0] - 1))
    count, link, _next = _link_events(chain([first], rows), None, first[0], problems)
    problems += _checkpoint_problems(ledger, ledger.checkpoints(), {})
    return count, link, problems


def _checkpoint_problems(ledger: Ledger, checkpoints: list[Checkpoint], links: dict[int, str]) -> list[str]:
    """Checkpoints whose seal or link no longer match (links: event id → stored link, read when not given)."""
    problems = []
    missing = [point.event_id for point in checkpoints if point.event_id not in links]
    if missing:
        links = {**links, **ledger.event_chain(missing)}
    for point in checkpoints:
        if point.seal != checkpoint_seal(point.event_id, point.chain):
            problems.append(
                _(
                    "the event log's checkpoint at event {event_id} does not match its seal (changed outside "
                    "inspect-cli)"
                ).format(event_id=point.event_id)
            )
        elif links.get(point.event_id) != point.chain:
            problems.append(
                _(
                    "event {event_id} does not match the event log's checkpoint: events up to it were changed, removed "
                    "or re-linked"
                ).format(event_id=point.event_id)
            )
    return problems


def check_chain_end(ledger: Ledger) -> list[str]:
    """Problems of the event log from its latest checkpoint (itself checked against its seal) to its last event."""
    problems = _trigger_problems(ledger)
    point = ledger.latest_checkpoint()
    link, after = None, 0
    if point is not None:
        problems += _checkpoint_problems(ledger, [point], {})
        link, after = point.chain, point.event_id
    _link_events(ledger.event_links_after(after), link, after + 1, problems)
    return problems


def check_lifecycle_links(ledger: Ledger, inspection_id: int) -> list[str]:
    """Problems of the links of an inspection's finalize and reopen events and of the events either side of them."""
    problems: list[str] = []
    rows = {row[0]: row for row in ledger.lifecycle_links(inspection_id)}
    for event_id, row in sorted(rows.items()):
        if row[4] != inspection_id or row[3] not in LIFECYCLE_KINDS:
            continue
        before = rows.get(event_id - 1)
        if event_id > 1 and before is None:
            problems.append(_("event {gap} missing from the event log").format(gap=event_id - 1))
        elif chain_link(before[7] if before else None, row[:7]) != row[7]:
            problems.append(_chain_problem(row))
        after = rows.get(event_id + 1)
        if after is not None and chain_link(row[7], after[:7]) != after[7]:
            problems.append(_chain_problem(after))
    return list(dict.fromkeys(problems))


class ContentHasher:
    """Content hashes of stored records, each distinct task copy decoded and encoded once (a ledger's 140,000
    task copies are mostly the same few hundred checklist tasks). The parts come from domain/canonical.py's encoders
    and forms; only the joining of the whole record's JSON is done here, as json.dumps would join it."""

    def __init__(self) -> None:
        self._tasks: dict[str, tuple[str, str, int]] = {}

    def task(self, data: str) -> tuple[str, str, int]:
        """A stored task copy as (canonical JSON of its hashed fields, task id, position)."""
        found = self._tasks.get(data)
        if found is None:
            fields = json.loads(data)
            known = {name: value for name, value in fields.items() if name in _TASK_FIELDS}
            known["due"] = date.fromisoformat(known["due"]) if known.get("due") else None
            for name in ("lead_units", "responsible_units", "verify"):
                known[name] = tuple(known.get(name, ()))
            task = InspectionTask(**known)
            found = self._tasks[data] = (_canonical_json(canonical.task_content(task)), task.task_id, task.position)
        return found

    def digest(self, stored: StoredContent, form: int) -> str:
        """sha256 of a stored record's canonical content under `form` (the bytes canonical.content_hash hashes)."""
        inspection = stored.inspection
        tasks, order = [], {}
        for data in stored.task_data:
            encoded, task_id, position = self.task(data)
            tasks.append(encoded)
            order[task_id] = position
        results = []
        for task_id in sorted(stored.results, key=lambda task_id: order.get(task_id, 0)):
            _id, status, note, answered_at, answered_by, evidence = stored.results[task_id]
            # the fields of canonical.result_content, from the stored row
            result = {
                "task_id": task_id,
                "status": status,
                "note": note,
                "answered_at": answered_at,
                "answered_by": answered_by,
                "evidence": [canonical.evidence_content(item) for item in evidence],
            }
            if evidence:  # how evidence files are named differs between forms: canonical.py shapes them
                result = canonical.covered_content({"uid": "", "checklist": {"source": ""}, "results": [result]}, form)[
                    "results"
                ][0]
            results.append(result)
        # everything else of the record, shaped by the form, without the task copies and results
        head = canonical.covered_content(
            canonical.record_content(inspection, [], {}), form, f"inspection {inspection.id}"
        )
        parts = {key: _canonical_json(value) for key, value in head.items()}
        parts["tasks"] = "[" + ",".join(tasks) + "]"
        parts["results"] = _canonical_json(results)
        # the same bytes json.dumps(sort_keys=True, separators=(",", ":")) makes of the whole content
        text = "{" + ",".join(f"{json.dumps(key)}:{parts[key]}" for key in sorted(parts)) + "}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


_TASK_FIELDS = {field.name for field in fields(InspectionTask)}


def _canonical_json(value: Any) -> str:
    return (
        canonical.canonical_bytes(value).decode("utf-8")
        if isinstance(value, (dict, list))
        else json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    )


def _content_check(
    stored: StoredContent, hasher: ContentHasher, notice_problems: dict[int | None, list[str]]
) -> InspectionCheck:
    """Verify one stored record: its state against its lifecycle events, its content against its hash, its notices."""
    inspection = stored.inspection
    problems: list[str] = []
    if stored.lifecycle:
        kind, detail = stored.lifecycle[-1]
        detail = json.loads(detail)
        expected_state = "finalized" if kind == "inspection.finalized" else "draft"
        if inspection.state != expected_state:
            problems.append(
                _("state is {state} but the event log says {expected_state}").format(
                    state=inspection.state, expected_state=expected_state
                )
            )
        if detail.get("revision") is not None and inspection.revision != detail["revision"]:
            problems.append(
                _("revision is {revision} but the event log says {revision2}").format(
                    revision=inspection.revision, revision2=detail["revision"]
                )
            )
        if (
            expected_state == "finalized"
            and detail.get("content_hash")
            and inspection.content_hash != detail["content_hash"]
        ):
            problems.append(_("stored content hash differs from the one the event log recorded at finalizing"))
    elif inspection.state != "draft":
        problems.append(_("finalized without an inspection.finalized event in the event log"))
    form = stored.content_form
    if inspection.state == "finalized":
        if not inspection.content_hash:
            problems.append(_("finalized without a content hash"))
        else:
            if form is None:
                form = next((f for f in CONTENT_FORMS if hasher.digest(stored, f) == inspection.content_hash), None)
            if form is None or hasher.digest(stored, form) != inspection.content_hash:
                problems.append(
                    _(
                        "content (tasks, results, notes or evidence) does not match the content hash: "
                        "it was changed after finalizing"
                    )
                )
    problems += notice_problems.get(inspection.id, [])
    return InspectionCheck(inspection.id, inspection.unit, inspection.state, form, tuple(problems))


def _seal_problem(notice: SealedNotice) -> str | None:
    if notice.seal == notice_seal(notice.sealed):
        return None
    return _("notice {number}: its row or steps do not match its seal (changed outside inspect-cli)").format(
        number=notice.number
    )


def check_notices(ledger: Ledger, inspection_id: int | None = None) -> dict[int | None, list[str]]:
    """Problems of notices (all, or an inspection's) whose row or steps do not match their seal, by the inspection
    they came from; the seals are read in two queries."""
    problems: dict[int | None, list[str]] = {}
    for notice in ledger.sealed_notices(inspection_id=inspection_id):
        problem = _seal_problem(notice)
        if problem:
            problems.setdefault(notice.inspection_id, []).append(problem)
    return problems


def notice_seal_problem(ledger: Ledger, notice_id: int, number: str) -> str | None:
    """What is wrong with one notice's seal, or None when its row and steps match it."""
    found = [notice for notice in ledger.sealed_notices(number=number) if notice.notice_id == notice_id]
    if not found:
        return _("notice {number}: its row or steps do not match its seal (changed outside inspect-cli)").format(
            number=number
        )
    return _seal_problem(found[0])


def require_notice_sealed(ledger: Ledger, notice_id: int, number: str, action: str) -> None:
    """StateError (exit 2) when a notice was changed outside inspect-cli, so no document is made from it."""
    problem = notice_seal_problem(ledger, notice_id, number)
    if problem:
        raise StateError(
            _("{problem}, so it cannot be {action}; see 'inspect-cli inspections verify'").format(
                problem=problem, action=_(action)
            ),
            Reason.tampered,
        )


def unsealed_notice_numbers(ledger: Ledger, unit: str | None = None, state: str | None = None) -> set[str]:
    """Numbers of the notices (all, or of a unit or state) whose row or steps no longer match their seal."""
    return {notice.number for notice in ledger.sealed_notices(unit=unit, state=state) if _seal_problem(notice)}


def verify(ledger: Ledger, inspection_ids: list[int] | None = None) -> LedgerCheck:
    """Verify the whole event log and the inspections asked (every inspection when none are named)."""
    count, head, ledger_problems = check_log(ledger)
    notices = check_notices(ledger)
    ledger_problems += notices.pop(None, [])
    ids = inspection_ids if inspection_ids else ledger.inspection_ids()
    hasher = ContentHasher()
    checks = tuple(_content_check(stored, hasher, notices) for stored in ledger.stored_contents(ids))
    return LedgerCheck(count, head, tuple(ledger_problems), checks)


def check_records(ledger: Ledger, inspection_ids: list[int]) -> tuple[list[str], dict[int, list[str]]]:
    """(problems of the event log from its latest checkpoint, problems of each record named): each record's content
    and state, its notices' seals and the links of its lifecycle events; nothing else in the ledger is read."""
    hasher = ContentHasher()
    found: dict[int, list[str]] = {}
    notices = None
    for stored in ledger.stored_contents(inspection_ids):  # NotFound for a number no inspection has, first
        if notices is None:
            notices = check_notices(ledger, inspection_ids[0]) if len(inspection_ids) == 1 else check_notices(ledger)
        inspection_id = stored.inspection.id
        found[inspection_id] = [
            *check_lifecycle_links(ledger, inspection_id),
            *_content_check(stored, hasher, notices).problems,
        ]
    return check_chain_end(ledger), found


def check_record(ledger: Ledger, inspection_id: int) -> list[str]:
    """What does not match in one inspection's record (check_records): the event log's end first."""
    log_problems, found = check_records(ledger, [inspection_id])
    return [*log_problems, *found[inspection_id]]


def require_verified(ledger: Ledger, inspection_id: int, action: str) -> None:
    """StateError (exit 2) naming what does not match, unless the inspection's record verifies (check_record)."""
    problems = check_record(ledger, inspection_id)
    if not problems:
        return
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    raise StateError(
        _(
            "inspection {inspection_id} does not verify, so it cannot be {action}: {problems}{more}; see 'inspect-cli "
            "inspections verify {inspection_id}'"
        ).format(inspection_id=inspection_id, action=_(action), problems=problems[0], more=more),
        Reason.tampered,
    )
