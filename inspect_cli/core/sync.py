"""Copying finalized inspections and notices between two ledgers (a laptop and the office), either way.

An inspection is known in both ledgers by its uid, a notice by its number. What the target lacks is copied; what
it holds alike is left; a revision that follows the target's (its reopening names the target's content hash as
the one it replaced) takes the target's place; anything else changed on both sides is a conflict, reported with
both hashes and never overwritten. Copying again copies nothing.

A conflict is settled by `resolve`: one side's record is made to stand on both, as a new revision naming both
hashes it replaces. A notice number given to different notices is settled by withdrawing one of them
(core/notices.py `withdraw`): a withdrawn notice is never copied, and the number stays used where it was withdrawn.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inspect_cli.domain.clock import now_iso
from inspect_cli.domain.models import Event, Inspection, Revision
from inspect_cli.domain.typed_text import clean_text
from inspect_cli.exceptions import InputError, NotFound, Reason, StateError
from inspect_cli.i18n import _
from inspect_cli.ledger.base import NOTICE_COLUMNS, Ledger, NoticeRow, NoticeStepRow


@dataclass(frozen=True)
class Conflict:
    """A record changed in both ledgers: nothing of it was copied."""

    kind: str  # "inspection" or "notice"
    key: str  # the inspection's uid, or the notice's number
    unit: str
    source: str  # the source's content hash or notice seal
    target: str
    reason: str
    number: int | None = None  # the inspection's number in the source (for a notice: the inspection it came from)
    other_number: int | None = None  # its number in the target

    def subject(self) -> str:
        """What the conflict is about, as a person names it: `inspection 3 (市编办)` or
        `notice 荆法督〔2017〕1号 (市编办)`."""
        if self.kind == "inspection":
            numbers = (
                str(self.number)
                if self.other_number in (None, self.number)
                else _("{here} here, {there} there").format(here=self.number, there=self.other_number)
            )
            return _("inspection {numbers} ({unit})").format(numbers=numbers, unit=self.unit)
        return _("notice {number} ({unit})").format(number=self.key, unit=self.unit)


@dataclass(frozen=True)
class SyncReport:
    """What one push or pull did."""

    copied: int = 0
    unchanged: int = 0
    conflicts: tuple[Conflict, ...] = field(default_factory=tuple)
    withdrawn: int = 0  # notices not copied because one side withdrew them (the number stays used there)


def _event_key(event: Event) -> tuple[str, str, str, str, str]:
    return event.at, event.actor, event.kind, event.subject, event.detail


def _copy_missing_events(source: Ledger, target: Ledger, source_id: int, target_id: int) -> None:
    """Append to the target's log the source's events of an inspection that the target has not recorded."""
    have = {_event_key(event) for event in target.events(target_id)}
    target.log_many(
        [
            (event.kind, event.actor, event.at, target_id, event.subject, json.loads(event.detail))
            for event in source.events(source_id)
            if _event_key(event) not in have
        ]
    )


def _replace_revision(source: Ledger, target: Ledger, found: Inspection, held: Inspection) -> None:
    """Put the source's later revision of an inspection in place of the target's, in one transaction."""
    from inspect_cli.core.integrity import content_hash
    from inspect_cli.domain.canonical import CURRENT_FORM

    results = source.results(found.id)
    known = {revision.revision for revision in target.revisions(held.id)}
    with target.transaction():
        target.remove_results(held.id)
        for result in results.values():
            if result.answered_at:
                target.save_result(
                    held.id, result.task_id, result.status, result.note, result.answered_at, result.answered_by
                )
            for item in result.evidence:
                target.add_evidence(held.id, result.task_id, item)
        for revision in source.revisions(found.id):
            if revision.revision not in known:
                target.add_revision(held.id, revision)
        form = source.content_form(found.id)
        target.set_state(held.id, "finalized", found.content_hash, found.finalized_at, found.revision, form)
        _copy_missing_events(source, target, found.id, held.id)
        if content_hash(target, held.id, form or CURRENT_FORM) != found.content_hash:
            # the copy must hash as the original did; raised inside the transaction, so nothing is kept
            raise StateError(
                _("inspection {uid}: the copy does not match its content hash; nothing copied").format(uid=found.uid),
                Reason.tampered,
            )


def replaced_hashes(revision: Revision) -> list[str]:
    """The content hashes a revision replaces: the one it was reopened from, or both sides' after a `resolve`."""
    return revision.previous_hash.split()


def _follows(source: Ledger, found: Inspection, held: Inspection) -> bool:
    """True when `found` was made from exactly the record `held` is: reopened from it (and finalized again since), or
    settled over it by `resolve`."""
    return any(
        revision.revision > held.revision and held.content_hash in replaced_hashes(revision)
        for revision in source.revisions(found.id)
    )


def _copy_inspection(source: Ledger, target: Ledger, found: Inspection) -> Conflict | bool:
    """Copy one finalized inspection: True if copied, False if the target holds it already, else a Conflict."""
    from inspect_cli.core.inspections import draft_lock, export_inspection, import_inspection

    held = target.inspection_by_uid(found.uid)
    if held is None:
        import_inspection(target, export_inspection(source, found.id, verified=True))
        return True
    if held.state == "finalized" and (held.revision, held.content_hash) == (found.revision, found.content_hash):
        return False
    if held.state == "finalized" and found.revision > held.revision and _follows(source, found, held):
        with draft_lock(target, held):
            _replace_revision(source, target, found, held)
        return True
    if held.state == "finalized" and held.revision > found.revision and _follows(target, held, found):
        return False  # the target holds a later revision made from this one
    if held.state == "draft":
        reason = _("it is being revised (a draft) in the target")
    else:
        reason = _(
            "it was changed in both ledgers since they last agreed; settle it with 'inspect-cli inspections "
            "resolve {number} --with OTHER_LEDGER --keep this|other'"
        ).format(number=found.id)
    return Conflict(
        "inspection",
        found.uid,
        found.unit,
        found.content_hash or "",
        held.content_hash or "",
        reason,
        found.id,
        held.id,
    )


# the columns that say which notice a number names; the rest (deadline in force, state…) change as it runs
_IDENTITY = ("number", "code", "year", "serial", "issuer", "issued_on", "unit", "requirement", "findings")
_PROGRESS = ("current_due", "reply_due", "state", "escalation", "closed_on", "closed_by", "calendar")


def _step_key(step: NoticeStepRow) -> tuple[str, str, str, str, str]:
    return (
        step.kind,
        step.on,
        step.actor,
        json.dumps(json.loads(step.detail), sort_keys=True, ensure_ascii=False),
        step.at,
    )


class _TargetNotices:
    """What the target holds of notices, read once: its rows with their steps by number, and its inspections' ids."""

    def __init__(self, target: Ledger, held: dict[str, tuple[int, str, int, str | None]]) -> None:
        self.rows = {row.number: row for row in target.notice_rows()}
        self.by_inspection = {
            row.inspection_id: row.number for row in self.rows.values() if row.inspection_id is not None
        }
        self.ids = {uid: state[2] for uid, state in held.items()}
        self.uids = {number: uid for uid, number in self.ids.items()}
        self.withdrawn = set(target.withdrawn_notice_numbers())


def _held_alike(row: NoticeRow, uids: dict[int, str], held_notices: _TargetNotices) -> bool:
    """True when the target holds this notice exactly as the source stores it (nothing to copy, nothing to decode)."""
    held = held_notices.rows.get(row.number)
    if held is None or row.number in held_notices.withdrawn:
        return False
    uid = uids.get(row.inspection_id) if row.inspection_id is not None else None
    held_uid = held_notices.uids.get(held.inspection_id) if held.inspection_id is not None else None
    return (
        held_uid == uid
        and all(getattr(held, column) == getattr(row, column) for column in _IDENTITY)
        and [step[1:] for step in held.steps] == [step[1:] for step in row.steps]  # alike but for the row ids
    )


def _copy_notice(
    source: Ledger, target: Ledger, row: NoticeRow, uids: dict[int, str], held_notices: _TargetNotices
) -> Conflict | bool | str | None:
    """Copy one notice: True copied, False held alike or ahead, None skipped (its inspection is not in the target),
    "withdrawn" when the target withdrew the number, else a Conflict; call inside the target's transaction."""
    if row.number in held_notices.withdrawn:
        return "withdrawn"
    uid = uids.get(row.inspection_id) if row.inspection_id is not None else None
    target_inspection_id = held_notices.ids.get(uid) if uid else None
    if uid and target_inspection_id is None:
        return None
    held = held_notices.rows.get(row.number)
    if held is None:
        other = held_notices.by_inspection.get(target_inspection_id) if target_inspection_id else None
        if other:
            return Conflict(
                "notice",
                row.number,
                row.unit,
                row.seal or "",
                "",
                _(
                    "the target issued notice {other} for the same inspection; withdraw the one that must "
                    "give way with 'inspect-cli notices withdraw NUMBER --reason …'"
                ).format(other=other),
                row.inspection_id,
                target_inspection_id,
            )
        record = {column: getattr(row, column) for column in NOTICE_COLUMNS if column != "id"}
        record["inspection_id"] = target_inspection_id
        notice_id = target.insert_notice(record)
        _add_steps(target, notice_id, row.steps)
        if target_inspection_id is not None and row.inspection_id is not None:
            _copy_missing_events(source, target, row.inspection_id, target_inspection_id)
            held_notices.by_inspection[target_inspection_id] = row.number
        return True
    held_uid = held_notices.uids.get(held.inspection_id) if held.inspection_id is not None else None
    if any(getattr(held, column) != getattr(row, column) for column in _IDENTITY) or held_uid != uid:
        return Conflict(
            "notice",
            row.number,
            row.unit,
            row.seal or "",
            held.seal or "",
            _(
                "the number is given to a different notice in the target (to {unit}, issued {issued_on}); "
                "on the side whose notice must give way run 'inspect-cli notices withdraw {number} "
                "--reason …', then issue that notice again at the office"
            ).format(unit=held.unit, issued_on=held.issued_on, number=row.number),
            row.inspection_id,
            held.inspection_id,
        )
    held_steps = [_step_key(step) for step in held.steps]
    steps = [_step_key(step) for step in row.steps]
    if held_steps == steps[: len(held_steps)] and len(steps) > len(held_steps):
        _add_steps(target, held.id, row.steps[len(held_steps) :])
        target.update_notice(held.id, **{column: getattr(row, column) for column in _PROGRESS})
        if target_inspection_id is not None and row.inspection_id is not None:
            _copy_missing_events(source, target, row.inspection_id, target_inspection_id)
        return True
    if steps == held_steps[: len(steps)]:
        return False  # alike, or the target has recorded more since
    return Conflict(
        "notice",
        row.number,
        row.unit,
        row.seal or "",
        held.seal or "",
        _("its steps were recorded differently in the two ledgers"),
        row.inspection_id,
        held.inspection_id,
    )


def _add_steps(target: Ledger, notice_id: int, steps: tuple[NoticeStepRow, ...]) -> None:
    for _id, kind, on, actor, detail, at in steps:
        target.add_notice_step(notice_id, kind, date.fromisoformat(on), actor, json.loads(detail), at)


def copy_records(source: Ledger, target: Ledger, inspection_ids: list[int] | None = None) -> SyncReport:
    """Copy the source's finalized inspections (all, or those numbered) and their notices into the target.

    A set comparison: the target's (uid, revision, content hash) of every inspection is read in one query, and only
    what differs is checked and copied (new inspections in bulk, in one transaction); the notices of both sides,
    with their steps, are read in two queries each and compared as stored, and those that differ are copied in one
    transaction. A sync that copies nothing reads a few rows per record and writes nothing."""
    source_state = source.sync_state()
    held = target.sync_state()
    if inspection_ids:
        found = []
        for inspection_id in inspection_ids:
            inspection = source.inspection(inspection_id)
            if inspection.state != "finalized":
                raise InputError(
                    _("inspection {inspection_id} is a draft; finalize it before copying it to another ledger").format(
                        inspection_id=inspection_id
                    )
                )
            found.append(inspection)
        compared = [(i.id, i.uid, i.revision, i.content_hash) for i in found]
    else:  # compared as the one query of sync_state has them: the inspections themselves are read only if they differ
        compared = sorted(
            (number, uid, revision, digest)
            for uid, (revision, state, number, digest) in source_state.items()
            if state == "finalized"
        )
    copied = unchanged = withdrawn = 0
    conflicts: list[Conflict] = []
    differing_ids = []
    for number, uid, revision, digest in compared:
        have = held.get(uid)
        if have is not None and have[1] == "finalized" and (have[0], have[3]) == (revision, digest):
            unchanged += 1
        else:
            differing_ids.append(number)
    if inspection_ids:
        differ = frozenset(differing_ids)
        differing = [inspection for inspection in found if inspection.id in differ]
    elif differing_ids:
        by_number = {inspection.id: inspection for inspection in source.inspections(state="finalized")}
        differing = [by_number[number] for number in differing_ids]
    else:
        differing = []
    unverified = _unverified(source, differing)
    new = []
    for inspection in differing:
        if inspection.id in unverified:
            conflicts.append(
                Conflict(
                    "inspection",
                    inspection.uid,
                    inspection.unit,
                    inspection.content_hash or "",
                    "",
                    _("it does not verify in {location}: {problem}").format(
                        location=source.location, problem=unverified[inspection.id]
                    ),
                    inspection.id,
                )
            )
        elif inspection.uid not in held:
            new.append(inspection)
        else:
            outcome = _copy_inspection(source, target, inspection)
            if isinstance(outcome, Conflict):
                conflicts.append(outcome)
            elif outcome:
                copied += 1
            else:
                unchanged += 1
    copied += _copy_new(source, target, new)
    uids = {number: uid for uid, (_revision, _state, number, _hash) in source_state.items()}
    wanted = {inspection.id for inspection in found} if inspection_ids else None
    withdrawn_here = set(source.withdrawn_notice_numbers())
    held_notices = _TargetNotices(target, target.sync_state() if copied else held)
    rows = []
    for row in source.notice_rows():
        if wanted is not None and row.inspection_id not in wanted:
            continue
        if row.number in withdrawn_here:
            withdrawn += 1  # a withdrawn notice stays where it was withdrawn
        else:
            rows.append(row)
    differing_notices = [row for row in rows if not _held_alike(row, uids, held_notices)]
    unchanged += len(rows) - len(differing_notices)
    if differing_notices:
        with target.transaction():  # every notice that differs, in one transaction
            outcomes = [_copy_notice(source, target, row, uids, held_notices) for row in differing_notices]
        for notice_outcome in outcomes:
            if isinstance(notice_outcome, Conflict):
                conflicts.append(notice_outcome)
            elif notice_outcome == "withdrawn":
                withdrawn += 1
            elif notice_outcome:
                copied += 1
            elif notice_outcome is False:
                unchanged += 1
    return SyncReport(copied, unchanged, tuple(conflicts), withdrawn)


_TASK_COLUMNS = ("inspection_id", "position", "task_id", "data")
_RESULT_COLUMNS = ("inspection_id", "task_id", "status", "note", "answered_at", "answered_by")
_EVIDENCE_COLUMNS = ("inspection_id", "task_id", "method", "description", "file_path", "file_sha256", "added_at")
_REVISION_COLUMNS = ("inspection_id", "revision", "reason", "previous_hash", "at", "actor")


def _copy_new(source: Ledger, target: Ledger, new: list[Inspection]) -> int:
    """Copy inspections the target has never held, in one transaction: their task copies, results, evidence and
    revisions in bulk, their events appended to the target's chain; each copy must hash as its original did."""
    from inspect_cli.core.integrity import ContentHasher
    from inspect_cli.domain.canonical import CONTENT_FORMS

    if not new:
        return 0
    hasher = ContentHasher()
    made: dict[int, tuple[str, int | None]] = {}  # target number → (content hash, form)
    with target.transaction():
        for stored in source.stored_contents([inspection.id for inspection in new]):
            found = stored.inspection
            form = stored.content_form or next(
                (f for f in CONTENT_FORMS if hasher.digest(stored, f) == found.content_hash), None
            )
            number = target.create_inspection(
                uid=found.uid,
                checklist_id=found.checklist_id,
                checklist_title=found.checklist_title,
                checklist_path=found.checklist_path,
                checklist_sha256=found.checklist_sha256,
                unit=found.unit,
                inspectors=found.inspectors,
                on=found.date,
                place=found.place,
                created_at=found.created_at,
                tasks=[],
                state="finalized",
                revision=found.revision,
                content_hash=found.content_hash,
                finalized_at=found.finalized_at,
                checklist_source=found.checklist_source,
            )
            tasks = []
            for data in stored.task_data:
                _encoded, task_id, position = hasher.task(data)
                tasks.append((number, position, task_id, data))
            target.copy_rows("inspection_tasks", _TASK_COLUMNS, tasks)
            results = stored.results.values()
            target.copy_rows(
                "results",
                _RESULT_COLUMNS,
                [(number, r.task_id, r.status, r.note, r.answered_at, r.answered_by) for r in results if r.answered_at],
            )
            target.copy_rows(
                "evidence",
                _EVIDENCE_COLUMNS,
                [
                    (number, r.task_id, e.method, e.description, e.file_path, e.file_sha256, e.added_at)
                    for r in results
                    for e in r.evidence
                ],
            )
            target.copy_rows(
                "revisions",
                _REVISION_COLUMNS,
                [(number, r.revision, r.reason, r.previous_hash, r.at, r.actor) for r in source.revisions(found.id)],
            )
            target.log_many(
                [
                    (event.kind, event.actor, event.at, number, event.subject, json.loads(event.detail))
                    for event in source.events(found.id)
                ]
            )
            if form is not None:
                target.set_content_form(number, form)
            made[number] = (found.content_hash or "", form)
        for stored in target.stored_contents(list(made)):
            digest, form = made[stored.inspection.id]
            if form is None or hasher.digest(stored, form) != digest:
                # the copy must hash as the original did; raised inside the transaction, so nothing is kept
                raise StateError(
                    _("inspection {uid}: the copy does not match its content hash; nothing copied").format(
                        uid=stored.inspection.uid
                    )
                )
    return len(made)


def _unverified(source: Ledger, found: list[Inspection]) -> dict[int, str]:
    """The first problem of each inspection to be copied that does not verify (a record changed outside inspect-cli
    is never copied); StateError when the end of the source's event log does not."""
    from inspect_cli.core.integrity import check_records

    if not found:
        return {}
    log_problems, problems = check_records(source, [inspection.id for inspection in found])
    if log_problems:
        raise StateError(
            _(
                "{location} does not verify ({ledger_problems}), so nothing is copied from it; see 'inspect-cli "
                "inspections verify'"
            ).format(location=source.location, ledger_problems=log_problems[0]),
            Reason.tampered,
        )
    return {inspection_id: listed[0] for inspection_id, listed in problems.items() if listed}


# ---------------------------------------------------------------- settling a conflict


@dataclass(frozen=True)
class Resolution:
    """What `resolve` made: the revision both ledgers now hold and the two hashes it replaced."""

    inspection_id: int
    unit: str
    revision: int
    content_hash: str
    kept: str  # "this" or "other"
    replaced: tuple[str, str]  # this ledger's hash, then the other's


def _settle(
    ledger: Ledger,
    inspection: Inspection,
    winner: tuple[Ledger, Inspection],
    revision: Revision,
    detail: dict[str, Any],
    actor: str,
    at: str,
) -> str:
    """Make `inspection` in `ledger` the winner's record at `revision`, finalized; returns its new content hash.
    Call inside the ledger's transaction."""
    from inspect_cli.core.integrity import content_hash
    from inspect_cli.domain.canonical import CURRENT_FORM

    source, found = winner
    if source is not ledger:
        ledger.remove_results(inspection.id)
        for result in source.results(found.id).values():
            if result.answered_at:
                ledger.save_result(
                    inspection.id, result.task_id, result.status, result.note, result.answered_at, result.answered_by
                )
            for item in result.evidence:
                ledger.add_evidence(inspection.id, result.task_id, item)
        _copy_missing_events(source, ledger, found.id, inspection.id)
    ledger.add_revision(inspection.id, revision)
    ledger.set_state(inspection.id, "finalized", None, None, revision.revision, CURRENT_FORM)
    digest = content_hash(ledger, inspection.id, CURRENT_FORM)
    ledger.set_state(inspection.id, "finalized", digest, at, revision.revision, CURRENT_FORM)
    ledger.log("inspection.resolved", actor, at, inspection.id, inspection.unit, {**detail, "content_hash": digest})
    ledger.log(
        "inspection.finalized",
        actor,
        at,
        inspection.id,
        inspection.unit,
        {"content_hash": digest, "revision": revision.revision},
    )
    return digest


def resolve(this: Ledger, other: Ledger, inspection_id: int, keep: str, actor: str, reason: str = "") -> Resolution:
    """Settle an inspection changed in both ledgers: the kept side's record stands on both, as a new revision that
    names both content hashes it replaces, logged as `inspection.resolved` on both sides. Afterwards both ledgers
    hold the same revision with the same hash, so push and pull find nothing to copy and no conflict."""
    from inspect_cli.core.inspections import draft_lock
    from inspect_cli.core.integrity import require_verified

    if keep not in ("this", "other"):
        raise InputError(_("--keep {keep!r}: use this or other").format(keep=keep))
    if this.location == other.location:
        raise InputError(
            _("{location}: is the ledger in use; name the other ledger with --with").format(location=this.location)
        )
    mine = this.inspection(inspection_id)
    theirs = other.inspection_by_uid(mine.uid)
    if theirs is None:
        raise NotFound(
            _("{location} has no copy of inspection {id} ({unit}); nothing to settle, push it instead").format(
                location=other.location, id=inspection_id, unit=mine.unit
            )
        )
    for ledger, found in ((this, mine), (other, theirs)):
        if found.state != "finalized":
            raise StateError(
                _("inspection {id} is a draft in {location}; finalize it there first").format(
                    id=found.id, location=ledger.location
                )
            )
        require_verified(ledger, found.id, "settled")
    if (mine.revision, mine.content_hash) == (theirs.revision, theirs.content_hash):
        raise StateError(
            _("inspection {id} ({unit}) is the same in both ledgers (revision {revision}); nothing to settle").format(
                id=inspection_id, unit=mine.unit, revision=mine.revision
            )
        )
    winner = (this, mine) if keep == "this" else (other, theirs)
    loser = theirs if keep == "this" else mine
    at = now_iso()
    number = max(mine.revision, theirs.revision) + 1
    reason = clean_text(reason) or _("settled: the record of {location} kept").format(location=winner[0].location)
    # the record it was made from first, then the one it displaces: both are replaced
    revision = Revision(number, reason, f"{winner[1].content_hash} {loser.content_hash}", at, actor)
    detail = {
        "kept": winner[1].content_hash,
        "replaced": [mine.content_hash, theirs.content_hash],
        "revision": number,
        "with": other.location if keep == "other" else this.location,
    }
    with draft_lock(this, mine), draft_lock(other, theirs):
        with this.transaction(), other.transaction():
            # the other ledger's transaction commits first; if this one then failed, running resolve again settles it.
            # The losing side first: it copies the winner's history before the winner logs the settlement.
            if keep == "this":
                there = _settle(other, theirs, winner, revision, detail, actor, at)
                here = _settle(this, mine, winner, revision, detail, actor, at)
            else:
                here = _settle(this, mine, winner, revision, detail, actor, at)
                there = _settle(other, theirs, winner, revision, detail, actor, at)
            if here != there:
                raise StateError(
                    _(
                        "inspection {id}: the two ledgers would not hold the same record (hashes differ); nothing "
                        "changed"
                    ).format(id=inspection_id)
                )
    return Resolution(
        inspection_id, mine.unit, number, here, keep, (mine.content_hash or "", theirs.content_hash or "")
    )
