"""The notices list: each notice where it stands as one line, read straight from its stored row and checked
against its seal, without the Notice, Step and Finding a notice's own page is made of (an office lists 5,000)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from inspect_cli.domain.clock import today
from inspect_cli.exceptions import InputError
from inspect_cli.i18n import _
from inspect_cli.ledger.base import SEALED_FIELDS, Ledger, NoticeRow

if TYPE_CHECKING:
    from inspect_cli.core.config import Config
    from inspect_cli.core.workdays import Counted, WorkCalendar

STATUSES = ("open", "overdue", "closed", "all")


def selected_rows(
    ledger: Ledger, unit: str | None, status: str, as_of: date | None
) -> tuple[Iterator[list[NoticeRow]], date, bool]:
    """The stored rows a list of notices by unit and status on `as_of` may show, a batch at a time as they are read
    (those a date rules out passed over unparsed, withdrawn ones left out), the day it is listed on, and whether that
    day is in the past."""
    if status not in STATUSES:
        raise InputError(_("--status {status!r}: use open, overdue, closed or all").format(status=status))
    past, as_of = as_of is not None, as_of or today()
    withdrawn = frozenset(ledger.withdrawn_notice_numbers())
    wanted_open = status in ("open", "overdue")
    # without a date the stored state is the state; with one, rows that cannot match are passed over unparsed
    state = None if past or status == "all" else "open" if wanted_open else "closed"
    day = as_of.isoformat()
    batches = ledger.notice_row_batches(unit=unit or None, state=state, open_on=day if past and wanted_open else None)

    def shown() -> Iterator[list[NoticeRow]]:
        for batch in batches:
            yield [
                row
                for row in batch
                if row.number not in withdrawn
                and not (
                    past
                    and (
                        row.issued_on > day
                        or (wanted_open and row.state == "closed" and row.closed_on and row.closed_on <= day)
                    )
                )
            ]

    return shown(), as_of, past


def wanted(state: str, status: str) -> bool:
    """True when a notice in `state` (open, overdue or closed) is listed under --status `status`."""
    return status == "all" or state == status or (status == "open" and state == "overdue")


_scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # set by the decoder, missing from its stub


def decoded(text: str) -> Any:
    """json.loads(text), through the C scanner alone when the text is one bare JSON value (as stored: details and
    findings are written by json.dumps), sparing json.loads's whitespace matching for each of thousands of values."""
    try:
        value, end = _scan(text, 0)
    except StopIteration:
        end = -1
    return value if end == len(text) else json.loads(text)  # anything else: json.loads, its value or its error


class NoticeListRow(NamedTuple):
    """One line of the notices list: a notice where it stands on the day listed (dates ISO), and whether the row
    and steps it was read from match their seal."""

    number: str
    unit: str
    issued_on: str
    due: str  # the rectification deadline, counted on the calendar in force
    current_due: str  # the deadline in force: the last extension's, else `due`
    reply_due: str
    status: str  # open, overdue or closed on the day listed
    reminders: int
    escalation: str
    closed_on: str | None
    findings: int  # how many
    sealed: bool


def notice_list(
    ledger: Ledger,
    unit: str | None = None,
    status: str = "open",
    as_of: date | None = None,
    calendar: WorkCalendar | None = None,
) -> list[NoticeListRow]:
    """The notices core.notices.list_notices selects, each as the one line the list shows of it, its seal checked on
    the row it was read from: no Notice, Step or Finding is made (an office lists 5,000 notices), the rows are read,
    their seals checked and their lines made a batch at a time, in the same two queries however many there are."""
    batches, as_of, past = selected_rows(ledger, unit, status, as_of)
    day = as_of.isoformat()
    counted = _Deadlines(calendar)
    decode, new = decoded, tuple.__new__
    listed: list[NoticeListRow] = []
    checked = ((row, seal) for rows in batches for row, seal in zip(rows, _seals(rows), strict=True))
    for row, seal in checked:
        state, escalation, closed_on = row.state, row.escalation, row.closed_on or None
        steps = row.steps
        if past and any(step.on > day for step in steps):  # as it stood that day: later steps not applied
            steps = tuple(step for step in steps if step.on <= day)
            closed = next((step for step in steps if step.kind == "close"), None)
            state, closed_on = ("closed", closed.on) if closed else ("open", None)
            escalation = next((decode(s.detail)["to"] for s in reversed(steps) if s.kind == "escalate"), "")
        issue = extended_to = None
        reminders = 0
        for step in steps:
            kind = step.kind
            if kind == "remind":
                reminders += 1
            elif kind == "issue" and issue is None:
                issue = decode(step.detail)
            elif kind == "extend":
                extended_to = decode(step.detail)["to"]
        reply_days = issue.get("reply_days") if issue else None
        if reply_days or (row.counting == "working_days" and row.period):
            due, reply = counted(row, reply_days)
        else:  # nothing counted in working days: the dates stored are the dates
            due, reply = row.due, max(row.reply_due, row.due)
        current_due = extended_to if extended_to is not None else due
        where = "closed" if state == "closed" else "overdue" if day > current_due else "open"
        if wanted(where, status):
            line = (row.number, row.unit, row.issued_on, due, current_due, reply, where, reminders, escalation)
            listed.append(new(NoticeListRow, (*line, closed_on, len(decode(row.findings)), row.seal == seal)))
    return listed


def _seals(rows: list[NoticeRow]) -> list[str]:
    from inspect_cli.domain.canonical import notice_seals

    return notice_seals(SEALED_FIELDS, rows)


def calendar_in_force(config: Config | None = None) -> WorkCalendar:
    """The working-day calendar deadlines are counted on now: the configured years, else official, else estimated."""
    if config is None:
        from inspect_cli.core.config import config_in_force

        config = config_in_force()
    from inspect_cli.core.workdays import WorkCalendar

    return WorkCalendar.from_config(config)


class WorkingDayCounts:
    """Working-day counts on one calendar (None: the calendar in force, read when first needed), remembered: many
    notices share an issue date and a period."""

    def __init__(self, calendar: WorkCalendar | None) -> None:
        self._calendar = calendar
        self.known: dict[tuple[date, int], Counted[date] | None] = {}
        self.spans: dict[tuple[int, int], tuple[tuple[int, str], ...]] = {}

    def add(self, start: date, count: int) -> Counted[date] | None:
        """The date `count` working days after `start`, or None when no calendar can count it."""
        key = (start, count)
        if key not in self.known:
            calendar = self.calendar  # a configuration that cannot be read is an error, not a day left uncounted
            try:
                self.known[key] = calendar.add(start, count)
            except (InputError, OverflowError):
                self.known[key] = None
        return self.known[key]

    @property
    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            self._calendar = calendar_in_force()
        return self._calendar

    def years(self, first: int, last: int) -> tuple[tuple[int, str], ...]:
        """(year, calendar source) of each year from `first` to `last`."""
        key = (first, last)
        if key not in self.spans:
            self.spans[key] = tuple((year, self.calendar.schedule(year).source) for year in range(first, last + 1))
        return self.spans[key]


def deadlines_now(
    row: NoticeRow, issued_on: date, due: date, reply: date, issue: dict[str, Any], counter: WorkingDayCounts
) -> tuple[date, date, str, tuple[tuple[int, str], ...]]:
    """A notice's rectification and reply deadlines counted now on the calendar in force, and the sources they rest
    on: derived from the issue date and the periods, never taken from what was stored when it was issued."""
    counted = []
    if row.counting == "working_days" and row.period:
        found = counter.add(issued_on, row.period)
        if found is not None:
            due = found.value
            counted.append(found)
    if issue.get("reply_days"):
        found = counter.add(issued_on, issue["reply_days"])
        if found is not None:
            reply = found.value
            counted.append(found)
    reply = max(reply, due)  # the written report on the rectification is never due before the rectification
    if not counted:
        return due, reply, row.calendar or "official", ()
    last = max(found.value for found in counted)
    from inspect_cli.core.workdays import weakest

    return due, reply, weakest(found.source for found in counted), counter.years(issued_on.year, last.year)


class _Deadlines:
    """A notice's rectification and reply deadlines (ISO) counted on the calendar in force, as a notice's own page
    counts them; remembered, since many notices share an issue date and periods, and the calendar is read only when
    a deadline is counted in working days."""

    def __init__(self, calendar: WorkCalendar | None) -> None:
        self.calendar = calendar
        self.counts: WorkingDayCounts | None = None
        self.known: dict[tuple[str, str, int | None, int | None, str, str], tuple[str, str]] = {}

    def __call__(self, row: NoticeRow, reply_days: int | None) -> tuple[str, str]:
        key = (row.issued_on, row.counting, row.period, reply_days, row.due, row.reply_due)
        if key not in self.known:
            if self.counts is None:
                self.counts = WorkingDayCounts(self.calendar)
            parse = date.fromisoformat
            issued_on, stored_due, stored_reply = parse(row.issued_on), parse(row.due), parse(row.reply_due)
            due, reply, _source, _years = deadlines_now(
                row, issued_on, stored_due, stored_reply, {"reply_days": reply_days}, self.counts
            )
            self.known[key] = due.isoformat(), reply.isoformat()
        return self.known[key]
