"""Supervision notices (督办通知书): issue, remind, extend, respond, close out (销号) and escalate."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspect_cli.core.notice_list import (
    WorkingDayCounts,
    calendar_in_force,
    deadlines_now,
    decoded,
    selected_rows,
    wanted,
)
from inspect_cli.domain.clock import now_iso
from inspect_cli.domain.models import CalendarSource, Escalation
from inspect_cli.domain.typed_text import clean_text
from inspect_cli.exceptions import CalendarUnavailable, InputError, NotFound, StateError
from inspect_cli.i18n import N_, _
from inspect_cli.ledger.base import Ledger, NoticeRow

if TYPE_CHECKING:  # the configuration and the working-day calendar are loaded only where a deadline is counted
    from inspect_cli.core.config import Config
    from inspect_cli.core.workdays import Counted, WorkCalendar

# Ten years: longer than any rectification or reply period a notice sets.
MAX_PERIOD_DAYS = 3650
_CODE_FORBIDDEN = set("〔〕[]［］()（）【】{}<>《》")
_NUMBER = re.compile(r"^(?P<code>.+?)[〔\[［(（](?P<year>\d{4})[〕\]］)）](?P<serial>\d+)号?$")


@dataclass(frozen=True)
class Finding:
    """One problem a notice orders rectified: the task it breaches, what was found, the evidence seen."""

    task_id: str
    task_text: str
    status: str
    found: str
    evidence: tuple[str, ...] = ()


def finding_content(finding: Finding) -> dict[str, Any]:
    """A finding as stored with its notice (the text a notice's seal covers): every field by name."""
    return {
        "task_id": finding.task_id,
        "task_text": finding.task_text,
        "status": finding.status,
        "found": finding.found,
        "evidence": list(finding.evidence),
    }


@dataclass(frozen=True)
class Step:
    """One step in a notice's life: issue, remind (催办), extend (延期), respond, close (销号), escalate."""

    kind: str
    on: date
    actor: str
    detail: dict[str, Any]
    at: str


@dataclass(frozen=True)
class Notice:
    """A supervision notice and where it stands."""

    id: int
    number: str
    issuer: str
    issued_on: date
    unit: str
    inspection_id: int | None
    requirement: str
    findings: tuple[Finding, ...]
    due: date
    current_due: date
    counting: str
    period: int | None
    reply_due: date
    state: str
    escalation: str
    closed_on: date | None
    closed_by: str | None
    steps: tuple[Step, ...]
    calendar: str = "official"  # the weakest calendar source its working-day deadlines rest on now
    issued_calendar: str = "official"  # the source they rested on when it was issued
    issued_due: date | None = None  # the dates as counted when it was issued (or last stored)
    issued_reply_due: date | None = None
    withdrawn: bool = False
    calendar_years: tuple[tuple[int, str], ...] = ()  # (year, source) of each year its working days cross

    @property
    def reminders(self) -> int:
        return sum(1 for step in self.steps if step.kind == "remind")

    @property
    def extended(self) -> bool:
        return self.current_due != self.due

    def status_on(self, as_of: date) -> str:
        """open, overdue or closed on a given day (overdue: open past the deadline in force)."""
        if self.state == "closed":
            return "closed"
        return "overdue" if as_of > self.current_due else "open"

    @property
    def days_late(self) -> int | None:
        """Days between the original deadline and the close-out, when it was late (lateness is judged on the
        original)."""
        if self.closed_on is None:
            return None
        return max(0, (self.closed_on - self.due).days)


def format_number(code: str, year: int, serial: int) -> str:
    """GB/T 9704-2012 numbering: issuer code, year in 〔〕, serial without 第 or leading zeros."""
    return f"{code}〔{year}〕{serial}号"


def normalise_number(text: str) -> str:
    """Accept `荆法督〔2017〕3号`, `荆法督[2017]3号` or `荆法督(2017)03号` and spell it the standard way.

    The one normalisation of a number: surrounding blanks dropped, the year's brackets made 〔〕, the serial's
    leading zeros and a missing 号 restored. Numbers are stored in this spelling (format_number), so a lookup
    finds exactly the notice whose stored number it spells; the code itself is never changed.
    """
    match = _NUMBER.match(text.strip())
    if not match:
        return text.strip()
    return format_number(match["code"], int(match["year"]), int(match["serial"]))


def check_code(code: str) -> str:
    """The issuer's code (荆法督) as given, or InputError: no blanks, control characters, digits or brackets."""
    bad = [
        char for char in code if char.isdigit() or char in _CODE_FORBIDDEN or unicodedata.category(char)[0] in "CZ"
    ]  # control, format, separator (blanks of every kind)
    if not code or bad or len(code) > 20:
        shown = (
            _(" ({value} not allowed)").format(value=", ".join(repr(char) for char in dict.fromkeys(bad)))
            if bad
            else ""
        )
        raise InputError(
            _(
                "notice code {code!r}{shown}: give the issuer's short code, 1–20 characters without blanks, digits or "
                "brackets, e.g. 荆法督"
            ).format(code=code, shown=shown)
        )
    return code


def _notice(
    row: NoticeRow,
    counter: WorkingDayCounts,
    withdrawn: frozenset[str] = frozenset(),
    with_findings: bool = True,
) -> Notice:
    findings = (
        tuple(Finding(**{**item, "evidence": tuple(item.get("evidence", ()))}) for item in decoded(row.findings))
        if with_findings
        else ()
    )
    parse, decode = date.fromisoformat, decoded
    steps = []
    issue = extended_to = None
    for _id, kind, on, actor, detail, at in row.steps:  # one pass: the steps, the issue's detail, the last extension
        step = Step(kind, parse(on), actor, decode(detail), at)
        steps.append(step)
        if kind == "issue" and issue is None:
            issue = step.detail
        elif kind == "extend":
            extended_to = step.detail["to"]
    issue = issue or {}
    issued_on, issued_due, issued_reply = parse(row.issued_on), parse(row.due), parse(row.reply_due)
    due, reply, source, years = deadlines_now(row, issued_on, issued_due, issued_reply, issue, counter)
    return Notice(
        id=row.id,
        number=row.number,
        issuer=row.issuer,
        issued_on=issued_on,
        unit=row.unit,
        inspection_id=row.inspection_id,
        requirement=row.requirement,
        findings=findings,
        due=due,
        current_due=parse(extended_to) if extended_to is not None else due,
        counting=row.counting,
        period=row.period,
        reply_due=reply,
        state=row.state,
        escalation=row.escalation,
        closed_on=parse(row.closed_on) if row.closed_on else None,
        closed_by=row.closed_by,
        steps=tuple(steps),
        calendar=source,
        issued_calendar=issue.get("calendar") or row.calendar or "official",
        issued_due=issued_due,
        issued_reply_due=issued_reply,
        withdrawn=row.number in withdrawn,
        calendar_years=years,
    )


def stood_on(notice: Notice, day: date) -> Notice | None:
    """The notice as it stood at the end of `day`: None if it was issued later; steps dated after it not applied
    (a notice closed out later is open on it, an extension asked later has not moved its deadline)."""
    if notice.issued_on > day:
        return None
    steps = tuple(step for step in notice.steps if step.on <= day)
    if len(steps) == len(notice.steps):
        return notice
    extensions = [step.detail["to"] for step in steps if step.kind == "extend"]
    escalations = [step.detail["to"] for step in steps if step.kind == "escalate"]
    closed = next((step for step in steps if step.kind == "close"), None)
    return replace(
        notice,
        steps=steps,
        state="closed" if closed else "open",
        current_due=date.fromisoformat(extensions[-1]) if extensions else notice.due,
        escalation=escalations[-1] if escalations else "",
        closed_on=closed.on if closed else None,
        closed_by=closed.actor if closed else None,
    )


def get_notice(ledger: Ledger, number: str, calendar: WorkCalendar | None = None) -> Notice:
    """A notice by its number (any common bracket style), or NotFound; its deadlines counted on `calendar` (default:
    the calendar in force)."""
    wanted = normalise_number(number)
    rows = ledger.notice_rows(number=wanted)
    if not rows:
        raise NotFound(
            _("no notice {wanted} in the ledger; see 'inspect-cli notices list --status all'").format(wanted=wanted)
        )
    return _notice(rows[0], WorkingDayCounts(calendar), frozenset(ledger.withdrawn_notice_numbers()))


def list_notices(
    ledger: Ledger,
    unit: str | None = None,
    status: str = "open",
    as_of: date | None = None,
    calendar: WorkCalendar | None = None,
    with_findings: bool = True,
) -> list[Notice]:
    """Notices filtered by unit and by status on `as_of` (default today): open (overdue included), overdue, closed or
    all. Given a date, the notices as they stood that day: those issued later are absent, steps dated later not
    applied. Withdrawn notices are never listed. `with_findings=False` leaves their findings unread (the deadline
    report reads 10,000 notices)."""
    batches, as_of, past = selected_rows(ledger, unit, status, as_of)
    counter = WorkingDayCounts(calendar)
    notices = []
    for row in (row for batch in batches for row in batch):
        notice = _notice(row, counter, with_findings=with_findings)
        shown = stood_on(notice, as_of) if past else notice
        if shown is not None and wanted(shown.status_on(as_of), status):
            notices.append(shown)
    return notices


def _rectification(
    issued_on: date,
    days: int | None,
    working_days: int | None,
    due: date | None,
    config: Config,
    calendar: WorkCalendar,
) -> tuple[date, str, int | None, Counted[date] | None]:
    """The deadline, its counting and period, and for working days the calendar sources it rests on."""
    given = [x for x in (days, working_days, due) if x is not None]
    if len(given) > 1:
        raise InputError(_("give only one of --days, --working-days and --due"))
    if due is not None:
        if due <= issued_on:
            raise InputError(
                _("--due {due} is not after the issue date {issued_on}").format(due=due, issued_on=issued_on)
            )
        return due, "date", None, None
    if working_days is not None or (days is None and config.working_days):
        count = working_days if working_days is not None else config.working_days
        try:
            counted = calendar.add(issued_on, count)
        except CalendarUnavailable as error:
            raise InputError(
                _(
                    "cannot count a {count}-working-day period from {issued_on}: {message}; give the deadline as --due "
                    "YYYY-MM-DD or a period in calendar days with --days N, or type the year's schedule into "
                    "inspect.toml as [calendar.{year}]"
                ).format(count=count, issued_on=issued_on, message=error.message, year=error.year)
            ) from None
        return counted.value, "working_days", count, counted
    count = days if days is not None else config.days
    if count < 1:
        raise InputError(_("--days must be at least 1"))
    return issued_on + timedelta(days=count), "days", count, None


def _reply(issued_on: date, reply_days: int | None, config: Config, calendar: WorkCalendar) -> Counted[date]:
    """The written reply's deadline: a period in working days, from --reply-days or the config."""
    count = reply_days if reply_days is not None else config.reply_days
    try:
        return calendar.add(issued_on, count)
    except CalendarUnavailable as error:
        # a shorter reply period may stay inside the years that can be counted; never suggest what was just given
        hint = "" if reply_days is not None else _("give a shorter reply period with --reply-days N, or ")
        raise InputError(
            _(
                "cannot count the {count}-working-day reply period from {issued_on}: {message}; {hint}type the year's "
                "schedule into inspect.toml as [calendar.{year}]"
            ).format(count=count, issued_on=issued_on, message=error.message, hint=hint, year=error.year)
        ) from None


def issue_notice(
    ledger: Ledger,
    inspection_id: int,
    config: Config,
    actor: str,
    issued_on: date,
    days: int | None = None,
    working_days: int | None = None,
    due: date | None = None,
    reply_days: int | None = None,
    issuer: str | None = None,
    code: str | None = None,
    requirement: str | None = None,
) -> Notice:
    """Issue one notice covering every noncompliant and partial finding of a finalized inspection."""
    for name, value in (("--days", days), ("--working-days", working_days), ("--reply-days", reply_days)):
        if value is not None and not 0 <= value <= MAX_PERIOD_DAYS:
            raise InputError(
                _("{value} {value2}: give a number of days from 1 to {value3}").format(
                    value=name, value2=value, value3=MAX_PERIOD_DAYS
                )
            )
    from inspect_cli.core.workdays import WorkCalendar, weakest

    calendar = WorkCalendar.from_config(config)
    try:
        deadline, counting, period, counted = _rectification(issued_on, days, working_days, due, config, calendar)
        reply = _reply(issued_on, reply_days, config, calendar)
    except OverflowError:
        raise InputError(
            _(
                "--date {issued_on}: the deadlines would fall after the last date the calendar has (9999-12-31); check "
                "the date"
            ).format(issued_on=issued_on)
        ) from None
    # the written report on the rectification is never due before the rectification itself
    reply_due = max(reply.value, deadline)
    source = weakest(c.source for c in (counted, reply) if c is not None)
    code = check_code(code if code is not None else config.code)
    inspection = ledger.inspection(inspection_id)
    if inspection.state != "finalized":
        raise StateError(
            _("inspection {inspection_id} is a draft; finalize it before issuing a notice").format(
                inspection_id=inspection_id
            )
        )
    if issued_on < inspection.date:
        raise InputError(
            _(
                "--date {issued_on} is before inspection {inspection_id} took place ({date}); a notice follows its "
                "inspection"
            ).format(issued_on=issued_on, inspection_id=inspection_id, date=inspection.date)
        )
    from inspect_cli.core.integrity import require_verified

    require_verified(ledger, inspection_id, N_("the ground of a notice"))
    existing = ledger.notice_by_inspection(inspection_id)
    if existing:
        raise StateError(
            _("notice {existing} was already issued for inspection {inspection_id}").format(
                existing=existing, inspection_id=inspection_id
            )
        )
    results = ledger.results(inspection_id)
    findings = []
    for task in ledger.tasks(inspection_id):
        result = results.get(task.task_id)
        if result and result.status.value in ("noncompliant", "partial"):
            evidence = tuple(
                f"{e.method}：{e.description}" + (f"（{Path(e.file_path).name}）" if e.file_path else "")
                for e in result.evidence
            )
            findings.append(Finding(task.task_id, task.text, result.status.value, result.note, evidence))
    if not findings:
        raise StateError(
            _("inspection {inspection_id} found nothing noncompliant or partial; no notice is needed").format(
                inspection_id=inspection_id
            )
        )
    at = now_iso()
    with ledger.transaction():
        serial = ledger.next_serial(code, issued_on.year)
        number = format_number(code, issued_on.year, serial)
        notice_id = ledger.insert_notice(
            {
                "number": number,
                "code": code,
                "year": issued_on.year,
                "serial": serial,
                "issuer": issuer or config.issuer,
                "issued_on": issued_on.isoformat(),
                "unit": inspection.unit,
                "inspection_id": inspection_id,
                "requirement": requirement or config.requirement,
                "findings": json.dumps([finding_content(f) for f in findings], ensure_ascii=False),
                "due": deadline.isoformat(),
                "current_due": deadline.isoformat(),
                "counting": counting,
                "period": period,
                "reply_due": reply_due.isoformat(),
                "created_at": at,
                "calendar": source,
            }
        )
        # the calendar it was issued under, and the reply period its reply deadline is counted from each time it is read
        detail = {
            "due": deadline.isoformat(),
            "findings": len(findings),
            "calendar": source,
            "reply_days": reply_days if reply_days is not None else config.reply_days,
        }
        ledger.add_notice_step(notice_id, "issue", issued_on, actor, detail, at)
        ledger.log(
            "notice.issued", actor, at, inspection_id, number, {"due": deadline.isoformat(), "findings": len(findings)}
        )
    return get_notice(ledger, number, calendar)


def _open(ledger: Ledger, number: str) -> Notice:
    notice = get_notice(ledger, number)
    if notice.withdrawn:
        raise StateError(_("notice {number} was withdrawn; nothing more can be recorded").format(number=notice.number))
    if notice.state == "closed":
        raise StateError(
            _("notice {number} was closed out on {closed_on}; nothing more can be recorded").format(
                number=notice.number, closed_on=notice.closed_on
            )
        )
    return notice


def _step(
    ledger: Ledger, notice: Notice, kind: str, on: date, actor: str, detail: dict[str, Any], **changes: Any
) -> Notice:
    if on < notice.issued_on:
        raise InputError(
            _("--date {on} is before the notice was issued ({issued_on})").format(on=on, issued_on=notice.issued_on)
        )
    at = now_iso()
    with ledger.transaction():
        ledger.add_notice_step(notice.id, kind, on, actor, detail, at)
        if changes:
            ledger.update_notice(notice.id, **changes)
        ledger.log(f"notice.{kind}", actor, at, notice.inspection_id, notice.number, {"date": on.isoformat(), **detail})
    return get_notice(ledger, notice.number)


def remind(ledger: Ledger, number: str, on: date, actor: str, note: str = "") -> Notice:
    """Record a reminder (催办)."""
    notice = _open(ledger, number)
    return _step(ledger, notice, "remind", on, actor, {"note": clean_text(note), "count": notice.reminders + 1})


def extend(ledger: Ledger, number: str, to: date, reason: str, on: date, actor: str) -> Notice:
    """Extend (延期) the deadline, asked on or before the deadline in force; the original stays on record."""
    notice = _open(ledger, number)
    reason = clean_text(reason)
    if not reason:
        raise InputError(_("an extension needs a reason (--reason)"))
    if on > notice.current_due:
        raise StateError(
            _("notice {number}: an extension must be asked by the deadline {current_due}; {on} is after it").format(
                number=notice.number, current_due=notice.current_due, on=on
            )
        )
    if to <= notice.current_due:
        raise InputError(
            _("--to {to} must be later than the deadline in force {current_due}").format(
                to=to, current_due=notice.current_due
            )
        )
    return _step(
        ledger,
        notice,
        "extend",
        on,
        actor,
        {"from": notice.current_due.isoformat(), "to": to.isoformat(), "reason": reason.strip()},
        current_due=to.isoformat(),
    )


def respond(
    ledger: Ledger, number: str, on: date, actor: str, text: str | None = None, file: Path | None = None
) -> Notice:
    """Record the unit's written reply (整改报告), as text or as a file whose sha256 is kept."""
    notice = _open(ledger, number)
    text = clean_text(text, multiline=True) if text is not None else None
    if bool(text) == bool(file):
        raise InputError(_("give the reply as --text T or --file FILE (one of them)"))
    detail: dict[str, Any] = {}
    if file:
        detail = _file_record(Path(file))
    else:
        detail["text"] = text
    return _step(ledger, notice, "respond", on, actor, detail)


def close(ledger: Ledger, number: str, evidence: list[Path], by: str, on: date) -> Notice:
    """Close the notice out (销号): refused without evidence or without a reply from the unit."""
    notice = _open(ledger, number)
    if not any(step.kind == "respond" for step in notice.steps):
        raise StateError(
            _("notice {number} has no reply from the unit; record it with 'inspect-cli notices respond' first").format(
                number=notice.number
            )
        )
    if not evidence:
        raise InputError(_("closing out needs evidence of the rectification: --evidence FILE (one or more)"))
    by = clean_text(by)
    if not by:
        raise InputError(_("say who verified the rectification with --by NAME"))
    files = [_file_record(Path(path)) for path in evidence]
    late = max(0, (on - notice.due).days)
    return _step(
        ledger,
        notice,
        "close",
        on,
        by,
        {"evidence": files, "days_late": late},
        state="closed",
        closed_on=on.isoformat(),
        closed_by=by.strip(),
    )


def escalate(ledger: Ledger, number: str, to: str, on: date, actor: str, note: str = "") -> Notice:
    """Escalate: 约谈 (summons talk), 挂牌督办 (listed supervision) or 通报 (circular)."""
    try:
        to = Escalation.parse(to).value
    except ValueError:
        raise InputError(_("--to {to!r}: use one of {value}").format(to=to, value=" / ".join(Escalation))) from None
    notice = _open(ledger, number)
    order = list(Escalation)
    if notice.escalation and order.index(Escalation(to)) <= order.index(Escalation(notice.escalation)):
        raise StateError(
            _("notice {number} is already escalated to {escalation}; escalation goes up only ({value})").format(
                number=notice.number,
                escalation=Escalation.name_of(notice.escalation),
                value=" → ".join(e.label for e in Escalation),
            )
        )
    return _step(ledger, notice, "escalate", on, actor, {"to": to, "note": clean_text(note)}, escalation=to)


def _file_record(path: Path) -> dict[str, Any]:
    from inspect_cli.formats.fileio import sha256_of

    return {"file": str(path), "sha256": sha256_of(path)}


def withdraw(ledger: Ledger, number: str, reason: str, on: date, actor: str) -> Notice:
    """Withdraw a notice whose number another ledger gave to a different notice: logged as `notice.withdrawn`; the
    number stays used in this ledger, the notice leaves the lists, the deadlines and push and pull, and its inspection
    is free to be given a notice again (issued where numbers are given, the office)."""
    notice = get_notice(ledger, number)
    if notice.withdrawn:
        raise StateError(_("notice {number} is withdrawn already").format(number=notice.number))
    reason = clean_text(reason)
    if not reason:
        raise InputError(_("say why the notice is withdrawn with --reason"))
    if on < notice.issued_on:
        raise InputError(
            _("--date {on} is before the notice was issued ({issued_on})").format(on=on, issued_on=notice.issued_on)
        )
    uid = ledger.inspection(notice.inspection_id).uid if notice.inspection_id else None
    at = now_iso()
    with ledger.transaction():
        ledger.update_notice(notice.id, inspection_id=None)
        ledger.log(
            "notice.withdrawn",
            actor,
            at,
            notice.inspection_id,
            notice.number,
            {"date": on.isoformat(), "reason": reason, "inspection": uid, "unit": notice.unit},
        )
    return get_notice(ledger, notice.number)


@dataclass(frozen=True)
class CalendarChange:
    """An open notice whose working-day deadlines now count differently from when it was issued."""

    number: str
    source_from: str
    source_to: str
    years: tuple[tuple[int, str], ...]
    due_from: date | None  # None for a notice stored before its issued dates were kept
    due_to: date
    reply_from: date | None
    reply_to: date

    def describe(self) -> str:
        """One line: the calendar and the dates, old → new, naming each year's true source."""
        years = ", ".join(
            _("{year} {source}").format(year=year, source=CalendarSource.name_of(source)) for year, source in self.years
        )
        return _(
            "{number}: calendar {source_from} → {source_to} ({years}): rectify by {due_from} → {due_to}, reply by "
            "{reply_from} → {reply_to}"
        ).format(
            number=self.number,
            source_from=CalendarSource.name_of(self.source_from),
            source_to=CalendarSource.name_of(self.source_to),
            years=years,
            due_from=self.due_from,
            due_to=self.due_to,
            reply_from=self.reply_from,
            reply_to=self.reply_to,
        )


def calendar_changes(notices: list[Notice]) -> list[CalendarChange]:
    """The notices whose deadlines, counted now, differ from those counted when they were issued (a year configured
    or published since, or its configuration corrected): nothing is stored, deadlines are counted each time read."""
    return [
        CalendarChange(
            n.number,
            n.issued_calendar,
            n.calendar,
            n.calendar_years,
            n.issued_due,
            n.due,
            n.issued_reply_due,
            n.reply_due,
        )
        for n in notices
        if (n.issued_calendar, n.issued_due, n.issued_reply_due) != (n.calendar, n.due, n.reply_due)
    ]


def calendar_years(notice: Notice, config: Config | None = None) -> list[tuple[int, str]]:
    """(year, calendar source) of each year the notice's working-day deadlines reach."""
    if notice.calendar_years:
        return list(notice.calendar_years)
    calendar = calendar_in_force(config)
    last = max(notice.reply_due, notice.current_due if notice.counting == "working_days" else notice.reply_due)
    return [(year, calendar.schedule(year).source) for year in range(notice.issued_on.year, last.year + 1)]


def estimated_years_note(years: list[tuple[int, str]]) -> str:
    """One line saying which years a notice's deadlines were estimated in and what to do, or ''."""
    estimated = [year for year, source in years if source == "estimated"]
    if not estimated:
        return ""
    listed = ", ".join(str(year) for year in estimated)
    return _(
        "Note: working days in {listed} are counted on an ESTIMATED calendar (statutory holidays only, no make-up "
        "days: no schedule for {listed} is published or configured); when the State Council notice is out, add "
        "[calendar.{value}] to inspect.toml, see 'inspect-cli calendar show {value}'"
    ).format(listed=listed, value=estimated[0])


def recounts(ledger: Ledger, notice: Notice) -> list[dict[str, Any]]:
    """The `notice.recounted` events of a notice: when, and its dates before and after."""
    return [
        {"at": event.at, **json.loads(event.detail)}
        for event in ledger.events(notice.inspection_id)
        if event.kind == "notice.recounted" and event.subject == notice.number
    ]
