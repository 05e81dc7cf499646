"""Records that prove themselves: versioned content hashes, a hash chain over the event log, notice seals, verify."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from inspect_cli.core import canonical
from inspect_cli.core.canonical import CONTENT_FORMS, CURRENT_FORM, chain_link, notice_seal
from inspect_cli.exceptions import Reason, StateError
from inspect_cli.i18n import _

if TYPE_CHECKING:
    from inspect_cli.ledger.base import Ledger

# Triggers that keep the event log and the notice steps append-only; a ledger without them does not verify.
APPEND_ONLY_TRIGGERS = ("events_are_append_only_update", "events_are_append_only_delete",
                        "notice_steps_are_append_only_update", "notice_steps_are_append_only_delete")


# ---------------------------------------------------------------- content hash


def canonical_content(ledger: "Ledger", inspection_id: int, form: int = CURRENT_FORM) -> dict:
    """The content an inspection's hash covers under one canonical form."""
    content = canonical.inspection_content(ledger.inspection(inspection_id), ledger.tasks(inspection_id),
                                           ledger.results(inspection_id))
    return canonical.canonical_content(content, form, f"inspection {inspection_id}")


def hash_content(ledger: "Ledger", inspection_id: int, form: int = CURRENT_FORM) -> str:
    """sha256 of the canonical JSON of an inspection's content under `form`."""
    return canonical.content_hash(ledger.inspection(inspection_id), ledger.tasks(inspection_id),
                                  ledger.results(inspection_id), form)


def detect_form(ledger: "Ledger", inspection_id: int, stored_hash: str) -> int | None:
    """The form under which the content hashes to `stored_hash`, for records finalized before forms were kept."""
    return next((form for form in CONTENT_FORMS if hash_content(ledger, inspection_id, form) == stored_hash), None)


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


def check_log(ledger: "Ledger") -> tuple[int, str | None, list[str]]:
    """(event count, last link, problems) of the event log's chain and the append-only triggers."""
    problems = [_('the append-only trigger {name} is missing').format(name=name) for name in APPEND_ONLY_TRIGGERS
                if name not in ledger.triggers()]
    link = None
    rows = ledger.event_links()
    expected_id = rows[0][0] if rows else 1
    for *event, stored in rows:
        if event[0] != expected_id:
            gap = f"{expected_id}–{event[0] - 1}" if event[0] - 1 > expected_id else str(expected_id)
            problems.append(_("event {gap} missing from the event log").format(gap=gap))
        link = chain_link(link, tuple(event))
        if stored != link:
            problems.append(_("event {event} ({kind}) does not match the event log's chain: it or one before it was changed, removed or reordered").format(event=event[0], kind=event[3]))
            link = stored  # report each break once, not every event after it
        expected_id = event[0] + 1
    if rows and rows[0][0] != 1:
        problems.insert(0, _('event(s) 1–{value} missing from the start of the event log').format(value=rows[0][0] - 1))
    return len(rows), link, problems


def check_inspection(ledger: "Ledger", inspection_id: int, notice_problems: dict[int, list[str]] | None = None) -> InspectionCheck:
    """Verify one inspection: its state against the event log, its content against its hash, its notice's seal."""
    inspection = ledger.inspection(inspection_id)
    problems: list[str] = []
    lifecycle = ledger.lifecycle_events(inspection_id)
    if lifecycle:
        kind, detail = lifecycle[-1]
        detail = json.loads(detail)
        expected_state = "finalized" if kind == "inspection.finalized" else "draft"
        if inspection.state != expected_state:
            problems.append(_('state is {state} but the event log says {expected_state}').format(state=inspection.state, expected_state=expected_state))
        if detail.get("revision") is not None and inspection.revision != detail["revision"]:
            problems.append(_('revision is {revision} but the event log says {revision2}').format(revision=inspection.revision, revision2=detail['revision']))
        if expected_state == "finalized" and detail.get("content_hash") and inspection.content_hash != detail["content_hash"]:
            problems.append(_("stored content hash differs from the one the event log recorded at finalizing"))
    elif inspection.state != "draft":
        problems.append(_("finalized without an inspection.finalized event in the event log"))
    form = ledger.content_form(inspection_id)
    if inspection.state == "finalized":
        if not inspection.content_hash:
            problems.append(_("finalized without a content hash"))
        else:
            if form is None:
                form = detect_form(ledger, inspection_id, inspection.content_hash)
            if form is None or hash_content(ledger, inspection_id, form) != inspection.content_hash:
                problems.append(_("content (tasks, results, notes or evidence) does not match the content hash: "
                                "it was changed after finalizing"))
    problems += (notice_problems or {}).get(inspection_id, [])
    return InspectionCheck(inspection_id, inspection.unit, inspection.state, form, tuple(problems))


def check_notices(ledger: "Ledger") -> dict[int | None, list[str]]:
    """Problems of notices whose row or steps do not match their seal, by the inspection they came from."""
    problems: dict[int | None, list[str]] = {}
    for notice_id, number, inspection_id, stored in ledger.notice_seals():
        if stored != notice_seal(ledger.sealed_notice(notice_id)):
            problems.setdefault(inspection_id, []).append(
                _('notice {number}: its row or steps do not match its seal (changed outside inspect-cli)').format(number=number))
    return problems


def notice_seal_problem(ledger: "Ledger", notice_id: int, number: str) -> str | None:
    """What is wrong with one notice's seal, or None when its row and steps match it."""
    stored = next((seal for found, _, _, seal in ledger.notice_seals() if found == notice_id), None)
    if stored == notice_seal(ledger.sealed_notice(notice_id)):
        return None
    return _('notice {number}: its row or steps do not match its seal (changed outside inspect-cli)').format(number=number)


def require_notice_sealed(ledger: "Ledger", notice_id: int, number: str, action: str) -> None:
    """StateError (exit 2) when a notice was changed outside inspect-cli, so no document is made from it."""
    problem = notice_seal_problem(ledger, notice_id, number)
    if problem:
        raise StateError(_("{problem}, so it cannot be {action}; see 'inspect-cli inspections verify'").format(problem=problem, action=_(action)), Reason.tampered)


def unsealed_notice_numbers(ledger: "Ledger") -> set[str]:
    """Numbers of the notices whose row or steps no longer match their seal."""
    return {number for notice_id, number, _, stored in ledger.notice_seals()
            if stored != notice_seal(ledger.sealed_notice(notice_id))}


def verify(ledger: "Ledger", inspection_ids: list[int] | None = None) -> LedgerCheck:
    """Verify the event log and the inspections asked (every inspection when none are named)."""
    count, head, ledger_problems = check_log(ledger)
    notices = check_notices(ledger)
    ledger_problems += notices.pop(None, [])
    ids = inspection_ids if inspection_ids else sorted(i.id for i in ledger.inspections())
    checks = tuple(check_inspection(ledger, inspection_id, notices) for inspection_id in ids)
    return LedgerCheck(count, head, tuple(ledger_problems), checks)


def require_verified(ledger: "Ledger", inspection_id: int, action: str) -> None:
    """StateError (exit 2) naming what does not match, unless the inspection and the event log verify."""
    check = verify(ledger, [inspection_id])
    if check.ok:
        return
    problems = [*check.ledger_problems, *check.inspections[0].problems]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    raise StateError(_("inspection {inspection_id} does not verify, so it cannot be {action}: {problems}{more}; see 'inspect-cli inspections verify {inspection_id}'").format(inspection_id=inspection_id, action=_(action), problems=problems[0], more=more), Reason.tampered)
