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

from inspect_cli.core.models import Inspection, Revision
from inspect_cli.exceptions import InputError, NotFound, StateError
from inspect_cli.ledger.base import Ledger
from inspect_cli.i18n import _


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
        """What the conflict is about, as a person names it: `inspection 3 (市编办)` or `notice 荆法督〔2017〕1号 (市编办)`."""
        if self.kind == "inspection":
            numbers = str(self.number) if self.other_number in (None, self.number) else \
                _("{here} here, {there} there").format(here=self.number, there=self.other_number)
            return _("inspection {numbers} ({unit})").format(numbers=numbers, unit=self.unit)
        return _("notice {number} ({unit})").format(number=self.key, unit=self.unit)


@dataclass(frozen=True)
class SyncReport:
    """What one push or pull did."""

    copied: int = 0
    unchanged: int = 0
    conflicts: tuple[Conflict, ...] = field(default_factory=tuple)
    withdrawn: int = 0  # notices not copied because one side withdrew them (the number stays used there)


def _event_key(event) -> tuple:
    return event.at, event.actor, event.kind, event.subject, event.detail


def _copy_missing_events(source: Ledger, target: Ledger, source_id: int, target_id: int) -> None:
    """Append to the target's log the source's events of an inspection that the target has not recorded."""
    have = {_event_key(event) for event in target.events(target_id)}
    for event in source.events(source_id):
        if _event_key(event) not in have:
            target.log(event.kind, event.actor, event.at, target_id, event.subject, json.loads(event.detail))


def _replace_revision(source: Ledger, target: Ledger, found: Inspection, held: Inspection) -> None:
    """Put the source's later revision of an inspection in place of the target's, in one transaction."""
    from inspect_cli.core.inspections import content_hash

    results = source.results(found.id)
    known = {revision.revision for revision in target.revisions(held.id)}
    with target.transaction():
        target.remove_results(held.id)
        for result in results.values():
            if result.answered_at:
                target.save_result(held.id, result.task_id, result.status, result.note, result.answered_at,
                                   result.answered_by)
            for item in result.evidence:
                target.add_evidence(held.id, result.task_id, item)
        for revision in source.revisions(found.id):
            if revision.revision not in known:
                target.add_revision(held.id, revision)
        form = source.content_form(found.id)
        target.set_state(held.id, "finalized", found.content_hash, found.finalized_at, found.revision, form)
        _copy_missing_events(source, target, found.id, held.id)
        if content_hash(target, held.id, form) != found.content_hash:
            # the copy must hash as the original did; raised inside the transaction, so nothing is kept
            raise StateError(_("inspection {uid}: the copy does not match its content hash; nothing copied").format(uid=found.uid))


def replaced_hashes(revision) -> list[str]:
    """The content hashes a revision replaces: the one it was reopened from, or both sides' after a `resolve`."""
    return revision.previous_hash.split()


def _follows(source: Ledger, found: Inspection, held: Inspection) -> bool:
    """True when `found` was made from exactly the record `held` is: reopened from it (and finalized again since), or
    settled over it by `resolve`."""
    return any(revision.revision > held.revision and held.content_hash in replaced_hashes(revision)
               for revision in source.revisions(found.id))


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
        reason = _("it was changed in both ledgers since they last agreed; settle it with 'inspect-cli inspections "
                   "resolve {number} --with OTHER_LEDGER --keep this|other'").format(number=found.id)
    return Conflict("inspection", found.uid, found.unit, found.content_hash or "", held.content_hash or "", reason,
                    found.id, held.id)


# the columns that say which notice a number names; the rest (deadline in force, state…) change as it runs
_IDENTITY = ("number", "code", "year", "serial", "issuer", "issued_on", "unit", "requirement", "findings")
_PROGRESS = ("current_due", "reply_due", "state", "escalation", "closed_on", "closed_by", "calendar")


def _step_key(step) -> tuple:
    kind, on, actor, detail, at = step
    return kind, on, actor, json.dumps(json.loads(detail), sort_keys=True, ensure_ascii=False), at


def _copy_notice(source: Ledger, target: Ledger, row: dict, uids: dict[int, str],
                 withdrawn_there: set[str]) -> Conflict | bool | str | None:
    """Copy one notice: True copied, False held alike or ahead, None skipped (its inspection is not in the target),
    "withdrawn" when the target withdrew the number, else a Conflict."""
    if row["number"] in withdrawn_there:
        return "withdrawn"
    uid = uids.get(row["inspection_id"]) if row["inspection_id"] is not None else None
    held_inspection = target.inspection_by_uid(uid) if uid else None
    if uid and held_inspection is None:
        return None
    target_inspection_id = held_inspection.id if held_inspection else None
    existing = target.notice_rows(number=row["number"])
    steps = [_step_key(step) for step in row["steps"]]
    if not existing:
        other = target.notice_by_inspection(target_inspection_id) if target_inspection_id else None
        if other:
            return Conflict("notice", row["number"], row["unit"], row.get("seal") or "", "",
                            _("the target issued notice {other} for the same inspection; withdraw the one that must "
                              "give way with 'inspect-cli notices withdraw NUMBER --reason …'").format(other=other),
                            row["inspection_id"], target_inspection_id)
        record = {column: value for column, value in row.items() if column not in ("id", "seal", "steps")}
        record["inspection_id"] = target_inspection_id
        with target.transaction():
            notice_id = target.insert_notice(record)
            _add_steps(target, notice_id, row["steps"])
            if held_inspection is not None:
                _copy_missing_events(source, target, row["inspection_id"], held_inspection.id)
        return True
    held = existing[0]
    held_uid = target.inspection(held["inspection_id"]).uid if held["inspection_id"] is not None else None
    if any(held[column] != row[column] for column in _IDENTITY) or held_uid != uid:
        return Conflict("notice", row["number"], row["unit"], row.get("seal") or "", held.get("seal") or "",
                        _("the number is given to a different notice in the target (to {unit}, issued {issued_on}); "
                          "on the side whose notice must give way run 'inspect-cli notices withdraw {number} "
                          "--reason …', then issue that notice again at the office").format(
                            unit=held["unit"], issued_on=held["issued_on"], number=row["number"]),
                        row["inspection_id"], held["inspection_id"])
    held_steps = [_step_key(step) for step in held["steps"]]
    if held_steps == steps[:len(held_steps)] and len(steps) > len(held_steps):
        with target.transaction():
            _add_steps(target, held["id"], row["steps"][len(held_steps):])
            target.update_notice(held["id"], **{column: row[column] for column in _PROGRESS})
            if held_inspection is not None:
                _copy_missing_events(source, target, row["inspection_id"], held_inspection.id)
        return True
    if steps == held_steps[:len(steps)]:
        return False  # alike, or the target has recorded more since
    return Conflict("notice", row["number"], row["unit"], row.get("seal") or "", held.get("seal") or "",
                    _("its steps were recorded differently in the two ledgers"), row["inspection_id"],
                    held["inspection_id"])


def _add_steps(target: Ledger, notice_id: int, steps: list) -> None:
    for kind, on, actor, detail, at in steps:
        target.add_notice_step(notice_id, kind, date.fromisoformat(on), actor, json.loads(detail), at)


def copy_records(source: Ledger, target: Ledger, inspection_ids: list[int] | None = None) -> SyncReport:
    """Copy the source's finalized inspections (all, or those numbered) and their notices into the target."""
    if inspection_ids:
        found = []
        for inspection_id in inspection_ids:
            inspection = source.inspection(inspection_id)
            if inspection.state != "finalized":
                raise InputError(_("inspection {inspection_id} is a draft; finalize it before copying it to another ledger").format(inspection_id=inspection_id))
            found.append(inspection)
    else:
        found = sorted(source.inspections(state="finalized"), key=lambda inspection: inspection.id)
    copied = unchanged = withdrawn = 0
    conflicts: list[Conflict] = []
    unverified = _unverified(source, found)
    for inspection in found:
        if inspection.id in unverified:
            conflicts.append(Conflict("inspection", inspection.uid, inspection.unit, inspection.content_hash or "", "",
                                      _("it does not verify in {location}: {problem}").format(
                                          location=source.location, problem=unverified[inspection.id]),
                                      inspection.id))
            continue
        outcome = _copy_inspection(source, target, inspection)
        if isinstance(outcome, Conflict):
            conflicts.append(outcome)
        elif outcome:
            copied += 1
        else:
            unchanged += 1
    uids = {inspection.id: inspection.uid for inspection in source.inspections()}
    wanted = {inspection.id for inspection in found} if inspection_ids else None
    withdrawn_here, withdrawn_there = set(source.withdrawn_notice_numbers()), set(target.withdrawn_notice_numbers())
    for row in source.notice_rows():
        if wanted is not None and row["inspection_id"] not in wanted:
            continue
        if row["number"] in withdrawn_here:
            withdrawn += 1  # a withdrawn notice stays where it was withdrawn
            continue
        outcome = _copy_notice(source, target, row, uids, withdrawn_there)
        if isinstance(outcome, Conflict):
            conflicts.append(outcome)
        elif outcome == "withdrawn":
            withdrawn += 1
        elif outcome:
            copied += 1
        elif outcome is False:
            unchanged += 1
    return SyncReport(copied, unchanged, tuple(conflicts), withdrawn)


def _unverified(source: Ledger, found: list[Inspection]) -> dict[int, str]:
    """The first problem of each inspection that does not verify (checked once for all: a record changed outside
    inspect-cli is never copied); StateError when the source's event log itself does not."""
    from inspect_cli.core.integrity import verify

    if not found:
        return {}
    check = verify(source, [inspection.id for inspection in found])
    if check.ledger_problems:
        raise StateError(_("{location} does not verify ({ledger_problems}), so nothing is copied from it; see 'inspect-cli inspections verify'").format(location=source.location, ledger_problems=check.ledger_problems[0]))
    return {item.inspection_id: item.problems[0] for item in check.inspections if not item.ok}



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


def _settle(ledger: Ledger, inspection: Inspection, winner: tuple[Ledger, Inspection], revision: Revision,
            detail: dict, actor: str, at: str) -> str:
    """Make `inspection` in `ledger` the winner's record at `revision`, finalized; returns its new content hash.
    Call inside the ledger's transaction."""
    from inspect_cli.core.integrity import CURRENT_FORM
    from inspect_cli.core.inspections import content_hash

    source, found = winner
    if source is not ledger:
        ledger.remove_results(inspection.id)
        for result in source.results(found.id).values():
            if result.answered_at:
                ledger.save_result(inspection.id, result.task_id, result.status, result.note, result.answered_at,
                                   result.answered_by)
            for item in result.evidence:
                ledger.add_evidence(inspection.id, result.task_id, item)
        _copy_missing_events(source, ledger, found.id, inspection.id)
    ledger.add_revision(inspection.id, revision)
    ledger.set_state(inspection.id, "finalized", None, None, revision.revision, CURRENT_FORM)
    digest = content_hash(ledger, inspection.id, CURRENT_FORM)
    ledger.set_state(inspection.id, "finalized", digest, at, revision.revision, CURRENT_FORM)
    ledger.log("inspection.resolved", actor, at, inspection.id, inspection.unit, {**detail, "content_hash": digest})
    ledger.log("inspection.finalized", actor, at, inspection.id, inspection.unit,
               {"content_hash": digest, "revision": revision.revision})
    return digest


def resolve(this: Ledger, other: Ledger, inspection_id: int, keep: str, actor: str, reason: str = "") -> Resolution:
    """Settle an inspection changed in both ledgers: the kept side's record stands on both, as a new revision that
    names both content hashes it replaces, logged as `inspection.resolved` on both sides. Afterwards both ledgers
    hold the same revision with the same hash, so push and pull find nothing to copy and no conflict."""
    from inspect_cli.core.clock import now_iso
    from inspect_cli.core.inspections import draft_lock
    from inspect_cli.core.integrity import require_verified
    from inspect_cli.core.typed_text import clean_text

    if keep not in ("this", "other"):
        raise InputError(_("--keep {keep!r}: use this or other").format(keep=keep))
    if this.location == other.location:
        raise InputError(_("{location}: is the ledger in use; name the other ledger with --with").format(location=this.location))
    mine = this.inspection(inspection_id)
    theirs = other.inspection_by_uid(mine.uid)
    if theirs is None:
        raise NotFound(_("{location} has no copy of inspection {id} ({unit}); nothing to settle, push it instead").format(
            location=other.location, id=inspection_id, unit=mine.unit))
    for ledger, found in ((this, mine), (other, theirs)):
        if found.state != "finalized":
            raise StateError(_("inspection {id} is a draft in {location}; finalize it there first").format(
                id=found.id, location=ledger.location))
        require_verified(ledger, found.id, "settled")
    if (mine.revision, mine.content_hash) == (theirs.revision, theirs.content_hash):
        raise StateError(_("inspection {id} ({unit}) is the same in both ledgers (revision {revision}); nothing to settle").format(
            id=inspection_id, unit=mine.unit, revision=mine.revision))
    winner = (this, mine) if keep == "this" else (other, theirs)
    loser = theirs if keep == "this" else mine
    at = now_iso()
    number = max(mine.revision, theirs.revision) + 1
    reason = clean_text(reason) or _("settled: the record of {location} kept").format(location=winner[0].location)
    # the record it was made from first, then the one it displaces: both are replaced
    revision = Revision(number, reason, f"{winner[1].content_hash} {loser.content_hash}", at, actor)
    detail = {"kept": winner[1].content_hash, "replaced": [mine.content_hash, theirs.content_hash],
              "revision": number, "with": other.location if keep == "other" else this.location}
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
                raise StateError(_("inspection {id}: the two ledgers would not hold the same record (hashes differ); nothing changed").format(id=inspection_id))
    return Resolution(inspection_id, mine.unit, number, here, keep, (mine.content_hash or "", theirs.content_hash or ""))
