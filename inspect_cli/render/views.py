"""The column sets of every list the program shows, in one place: table headers, CSV fields, JSON records.

A header word is written once here; the interface language turns it into the reader's language.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _json_text

from inspect_cli.domain.models import (
    CalendarSource,
    Change,
    DeadlineState,
    Escalation,
    InspectionState,
    Light,
    NoticeStatus,
    ObligationKind,
    ReportPart,
    Status,
)
from inspect_cli.i18n import N_, _, in_language
from inspect_cli.render.output import View, renderer
from inspect_cli.render.table import Column, json_ready

# ---------------------------------------------------------------- checklists

CHECKLIST_TASKS = View(
    columns=(
        Column(N_("No."), lambda v: v.id),
        Column(N_("Section"), lambda v: v.place_label),
        Column(N_("Task"), lambda v: v.text, wrap=True),
        Column(N_("Unit"), lambda v: v.units_label, wrap=True, max_width=24),
        Column(N_("Deadline"), lambda v: v.deadline or (_("ongoing") if v.ongoing else ""), wrap=True, max_width=14),
    ),
    fields=(
        "id",
        "section",
        "topic",
        "text",
        "lead_units",
        "responsible_units",
        "every_lead_unit",
        "every_responsible_unit",
        "deadline",
        "due",
        "recurrence",
        "ongoing",
    ),
    empty=N_("No tasks match."),
    footers={"table": lambda views: f"{len(views)} task(s)"},
)

CHECKLIST_UNITS = View(
    columns=(
        Column(N_("Unit"), lambda r: r.unit),
        Column(N_("Lead"), lambda r: r.lead, align="right"),
        Column(N_("Responsible"), lambda r: r.responsible, align="right"),
        Column(N_("All units"), lambda r: r.every_unit, align="right"),
        Column(N_("Total"), lambda r: r.total, align="right"),
    )
)


def _diff_value(change, side: str) -> str:
    """A changed field's old or new value as a reader writes it: units with 、, a deadline with its date."""
    value = getattr(change, side)
    if isinstance(value, dict):  # a deadline
        meaning = value["due"] or value["recurrence"] or ("长期" if value["ongoing"] else "")
        text = value["phrase"] or "—"
        return f"{text}（{meaning}）" if meaning and str(meaning) != value["phrase"] else text
    if isinstance(value, tuple):
        return "、".join(value) or "—"
    return "—" if value is None or value == "" else str(value)


def _diff_label(item) -> str:
    return _(item.label) if item is not None else ""


def _diff_record(change) -> dict:
    return {
        "change": change.change.value,
        "old_id": change.old_id,
        "new_id": change.new_id,
        "field": change.field.value if change.field else None,
        "old": json_ready(change.old),
        "new": json_ready(change.new),
        "text": change.text,
    }


CHECKLIST_DIFF = View(
    columns=(
        Column(N_("Change"), lambda c: _diff_label(c.change)),
        Column(N_("Old No."), lambda c: c.old_id or ""),
        Column(N_("New No."), lambda c: c.new_id or ""),
        Column(N_("Field"), lambda c: _diff_label(c.field)),
        Column(
            N_("Was"), lambda c: _diff_value(c, "old") if c.old is not None or c.field else "", wrap=True, max_width=30
        ),
        Column(
            N_("Now"), lambda c: _diff_value(c, "new") if c.new is not None or c.field else "", wrap=True, max_width=30
        ),
        Column(N_("Task"), lambda c: c.text, wrap=True, max_width=30),
    ),
    record=_diff_record,
)


def diff_summary(result) -> str:
    """`2 added, 1 removed, 0 moved, 3 changed`, in the interface language."""
    from inspect_cli.core.checklist_diff import Change

    return _("{added} added, {removed} removed, {moved} moved, {changed} changed").format(
        **{change.value: result.count(change) for change in Change}
    )


# ---------------------------------------------------------------- inspections

INSPECTIONS = View(
    columns=(
        Column(N_("No."), lambda r: r.id, align="right"),
        Column(N_("Date"), lambda r: r.date),
        Column(N_("Unit"), lambda r: r.unit),
        Column(N_("Checklist"), lambda r: r.checklist_id, wrap=True),
        Column(N_("State"), lambda r: InspectionState.name_of(r.state)),
        Column(N_("Progress"), lambda r: f"{r.answered_count}/{r.task_count}", align="right"),
        Column(N_("Inspectors"), lambda r: "、".join(r.inspectors), wrap=True),
    ),
    record=lambda r: {**json_ready(r), "checklist": r.checklist_id},
)


INSPECTION_TASKS = View(
    columns=(
        Column(N_("No."), lambda pair: pair[0].task_id),
        Column(N_("Task"), lambda pair: pair[0].text, wrap=True),
        Column(N_("Result"), lambda pair: status_name(pair[1].status if pair[1] else "not_reviewed")),
        Column(N_("Note"), lambda pair: pair[1].note if pair[1] else "", wrap=True),
        Column(
            N_("Evidence"),
            lambda pair: "；".join(f"{e.method}:{e.description}" for e in pair[1].evidence) if pair[1] else "",
            wrap=True,
        ),
    )
)

# ---------------------------------------------------------------- notices


def _deadline_in_force(row) -> str:
    return row.current_due if row.current_due == row.due else f"{row.due}→{row.current_due}"


_NOTICE_FIELDS = (
    "number",
    "unit",
    "issued_on",
    "due",
    "current_due",
    "reply_due",
    "status",
    "reminders",
    "escalation",
    "closed_on",
    "findings",
)

# rows of the notices list (core.notice_list.NoticeListRow), whose leading fields are these; the seal check stays out
NOTICES = View(
    columns=(
        Column(N_("Number"), lambda r: r.number),
        Column(N_("Unit"), lambda r: r.unit, wrap=True),
        Column(N_("Issued"), lambda r: r.issued_on),
        Column(N_("Due by"), _deadline_in_force),
        Column(N_("State"), lambda r: NoticeStatus.name_of(r.status)),
        Column(N_("Urged"), lambda r: r.reminders, align="right"),
        Column(N_("Escalated"), lambda r: Escalation.name_of(r.escalation)),
    ),
    fields=_NOTICE_FIELDS,
    record=lambda r: dict(zip(_NOTICE_FIELDS, r, strict=False)),
    json_row=lambda: _notice_json_row,
)


def _notice_json_row(row) -> str:
    """A notices-list row as the object json.dumps(indent=2) writes of its record inside an array: its values
    written into one template by C functions (an office lists 5,000)."""
    number, unit, issued_on, due, current_due, reply_due, status, reminders, escalation, closed_on, findings = row[
        : len(_NOTICE_FIELDS)
    ]
    text = _json_text
    return _NOTICE_JSON % (
        text(number),
        text(unit),
        text(issued_on),
        text(due),
        text(current_due),
        text(reply_due),
        text(status),
        reminders,
        text(escalation),
        "null" if closed_on is None else text(closed_on),
        findings,
    )


_NOTICE_JSON = "  {\n" + ",\n".join(f'    "{name}": %s' for name in _NOTICE_FIELDS) + "\n  }"


# ---------------------------------------------------------------- calendars

CALENDAR_YEARS = View(
    columns=(
        Column(N_("Year"), lambda r: r[0]),
        Column(N_("Source"), lambda r: CalendarSource.name_of(r[1])),
        Column(N_("Open notices"), lambda r: r[2], align="right"),
    )
)

# ---------------------------------------------------------------- deadlines

# the terminal colour of each light (its word comes from the Light vocabulary)
LIGHT_COLOURS = {Light.red: 31, Light.yellow: 33, Light.blue: 34, Light.green: 32, Light.unknown: 35}
DEADLINE_FIELDS = (
    "kind",
    "id",
    "unit",
    "due",
    "days_left",
    "working_days_left",
    "light",
    "state",
    "calendar",
    "reason",
)


def _light(row, colour: bool) -> str:
    light = Light(row.light)
    label, code = light.label, LIGHT_COLOURS[light]
    return f"\x1b[{code}m\x1b[1m{label}\x1b[0m" if colour else label


def _due(row) -> str:
    if row.due is None:
        return "?" if row.state == "unparsed" else ""
    return f"{row.due}*" if row.calendar == "estimated" else str(row.due)


def _days(row) -> str:
    if row.days_left is None:
        return ""
    if row.counting == "working_days":
        working = "?" if row.working_days_left is None else row.working_days_left
        return _("{days} d/{working} wd").format(days=row.days_left, working=working)
    return _("{days} d").format(days=row.days_left)


def deadlines_view(colour: bool) -> View:
    """The deadline report: lights (coloured on a terminal), kinds, ids, units, deadlines, days left, states."""
    return View(
        columns=(
            Column(N_("Light"), lambda r: _light(r, colour)),
            Column(N_("Kind"), lambda r: ObligationKind.name_of(r.kind)),
            Column(N_("No."), lambda r: r.id),
            Column(N_("Unit"), lambda r: r.unit, wrap=True),
            Column(N_("Due"), _due),
            Column(N_("Left"), _days, align="right"),
            Column(N_("State"), lambda r: DeadlineState.name_of(r.state)),
        ),
        fields=DEADLINE_FIELDS,
        record=deadline_record,
        data=deadline_data,
        json=deadlines_json,
        json_row=deadline_json_row,
        empty=N_("Nothing to report."),
        footers={"table": deadline_notes},
    )


def deadline_notes(rows) -> str:
    """Under the deadline table: a mark for counts on an estimated calendar, and why a row could not be judged."""
    annotated = list(rows.annotated())  # notices and rows in error: the only rows with a calendar or a reason
    lines = []
    if any(row.calendar == "estimated" for row in annotated):
        lines.append(
            _(
                "* counted on an ESTIMATED calendar year; type the State Council notice into inspect.toml as "
                "[calendar.YYYY] (see 'inspect-cli calendar check')"
            )
        )
    lines += [f"{row.id} {row.unit}: {row.reason}" for row in annotated if row.reason]
    return "\n".join(lines)


def deadline_record(row) -> dict:
    """A deadline row as a CSV record: a notice's calendar columns filled in, a task's left empty."""
    return {
        **json_ready(row),
        "working_days_left": row.working_days_left,
        "calendar": row.calendar,
        "reason": row.reason,
    }


def deadline_data(row) -> dict:
    """A deadline row as JSON shows it: every key, a task's calendar keys and a row's missing reason null."""
    return {
        "kind": row.kind,
        "id": row.id,
        "unit": row.unit,
        "due": row.due.isoformat() if row.due is not None else None,
        "days_left": row.days_left,
        "light": row.light,
        "state": row.state,
        "working_days_left": row.working_days_left,
        "calendar": row.calendar or None,
        "reason": row.reason or None,
    }


def deadlines_json(rows: list) -> str:
    """The deadline report as a JSON array, one object per line, fast enough for 100,000 rows."""
    encode = deadline_json_row()
    lines = [encode(row) for row in rows]
    return ("[\n" + ",\n".join(lines) + "\n]" if lines else "[]") + "\n"


def deadline_json_row():
    """An encoder of deadline rows as one-line JSON objects, every row with every key, for a report streamed row
    by row."""
    from inspect_cli.core.deadlines import Obligation

    plain_width = len(Obligation._fields)  # wider rows are AnnotatedObligation: notices, rows in error
    # ids, units and the due/days/light/state tails repeat across rows, so each is encoded once
    text: dict[str, str] = {}
    tails: dict = {}

    def quoted(value: str) -> str:
        found = text.get(value)
        if found is None:
            found = text[value] = json.dumps(value, ensure_ascii=False)
        return found

    def encode(r) -> str:
        key: tuple[object, ...]
        if len(r) == plain_width:
            key = (r.due, r.days_left, r.light, r.state)
        else:
            key = (r.kind, r.due, r.days_left, r.light, r.state, r.working_days_left, r.calendar, r.reason)
        tail = tails.get(key)
        if tail is None:
            due = f'"{r.due.isoformat()}"' if r.due is not None else "null"
            days = "null" if r.days_left is None else r.days_left
            # every row has every key the docs list: a task's calendar keys and a row's missing reason are null
            working = "null" if r.working_days_left is None else r.working_days_left
            calendar = f'"{r.calendar}"' if r.calendar else "null"
            reason = json.dumps(r.reason, ensure_ascii=False) if r.reason else "null"
            extra = f', "working_days_left": {working}, "calendar": {calendar}, "reason": {reason}'
            tail = tails[key] = (
                f', "due": {due}, "days_left": {days}, "light": "{r.light}", "state": "{r.state}"{extra}}}'
            )
        return f'{{"kind": "{r.kind}", "id": {quoted(r.id)}, "unit": {quoted(r.unit)}{tail}'

    return encode


# ---------------------------------------------------------------- desk review


def _missing_parts(review) -> str:
    if not review.structure_read:
        return _("structure not read")
    parts = _(", ").join(ReportPart(key).label for key in review.missing)
    if review.truncated:  # a part the capture does not reach is not a finding
        return _("not captured: {parts} (text incomplete)").format(parts=parts) if parts else _("— (text incomplete)")
    return parts or "—"


def _review_record(review) -> dict:
    from inspect_cli.render.review import summary_record

    return summary_record(review)


REVIEW_SUMMARY: View = View(
    columns=(
        Column(N_("File"), lambda r: r.file.rsplit("/", 1)[-1], wrap=True),
        Column(N_("Unit"), lambda r: r.unit or "?"),
        Column(N_("Report year"), lambda r: r.year or "?"),
        Column(N_("Missing parts"), _missing_parts, wrap=True),
        Column(N_("Figures"), lambda r: len(r.figures), align="right"),
        Column(
            N_("Tasks addressed"),
            lambda r: f"{r.tasks_addressed}/{r.tasks_checked}" if r.tasks_checked else "—",
            align="right",
        ),
    ),
    record=_review_record,
    # a folder's reviews in a brief are its table
    forms={"md": lambda reviews: renderer("table").render(reviews, REVIEW_SUMMARY)},
)


# The 整改台账's column titles for people (`ledger export --headers zh`, the .xlsx); scripts read the field names.
LEDGER_TITLES = {
    "notice": N_("Notice number"),
    "unit": N_("Unit"),
    "issued_on": N_("Issued on"),
    "task_id": N_("Task number"),
    "task": N_("Task"),
    "problem": N_("Problem found"),
    "deadline": N_("Rectification deadline"),
    "extended_deadline": N_("Extended deadline"),
    "reply_due": N_("Reply deadline"),
    "reminders": N_("Reminders"),
    "escalation": N_("Escalation"),
    "state": N_("State"),
    "closed_on": N_("Closed out on"),
    "inspection": N_("Inspection number"),
    "date": N_("Inspection date"),
    "checklist": N_("Checklist"),
    "status": N_("Result"),
    "note": N_("Note"),
    "evidence": N_("Evidence items"),
    "light": N_("Warning light"),
}


def ledger_title(field: str, language: str) -> str:
    """A ledger column's title in a language."""
    return in_language(LEDGER_TITLES[field], language)


def ledger_word(field: str, value, language: str, inspections: bool = False):
    """A ledger cell in a language: a state, result or escalation by its word, any other value as it is."""
    vocabulary = {
        "escalation": Escalation,
        "status": Status,
        "state": InspectionState if inspections else NoticeStatus,
    }.get(field)
    if vocabulary is None or not value:
        return value
    try:
        return vocabulary(value).label_in(language)
    except ValueError:  # a word an older release wrote: kept as it is
        return value


def ledger_export_view(fields: tuple[str, ...], titles: str) -> View:
    """The columns of a ledger export, titled by field name (en), or in Chinese titles and words (zh)."""
    if titles != "zh":
        return View(fields=fields)
    inspections = "inspection" in fields

    def in_chinese(row) -> dict:
        return {field: ledger_word(field, value, "zh", inspections) for field, value in json_ready(row).items()}

    return View(fields=fields, titles=tuple(ledger_title(f, "zh") for f in fields), record=in_chinese)


def status_name(status) -> str:
    """A status (or its value) in the interface language; empty for none."""
    return Status.name_of(status)


def _score_record(row) -> dict:
    """A unit's score for JSON: the notices as one object."""
    return {
        "rank": row.rank,
        "unit": row.unit,
        "inspection": row.inspection,
        "date": row.date.isoformat(),
        "score": row.score,
        "earned": row.earned,
        "possible": row.possible,
        "deductions": row.deductions,
        "tasks_checked": row.checked,
        "findings": row.findings,
        "notices": json_ready(row.notices),
    }


def _score_flat(row) -> dict:
    """A unit's score for CSV: one column per count."""
    record = _score_record(row)
    notices = record.pop("notices")
    return {**record, **{f"notices_{key}": value for key, value in notices.items()}}


SCORES = View(
    columns=(
        Column(N_("Rank"), lambda r: r.rank, align="right"),
        Column(N_("Unit"), lambda r: r.unit, wrap=True),
        Column(N_("Score"), lambda r: f"{r.score:.1f}", align="right"),
        Column(N_("Points"), lambda r: f"{r.earned:g}/{r.possible:g}", align="right"),
        Column(N_("Deducted"), lambda r: f"{r.deductions:g}" if r.deductions else "", align="right"),
        Column(N_("Checked"), lambda r: r.checked, align="right"),
        Column(N_("Findings"), lambda r: r.findings, align="right"),
        Column(
            N_("Notices open/overdue/closed"),
            lambda r: f"{r.notices.open}/{r.notices.overdue}/{r.notices.closed}",
            align="right",
        ),
        Column(N_("Inspection"), lambda r: f"{r.inspection} · {r.date.isoformat()}"),
    ),
    record=_score_flat,
    data=_score_record,
    fields=(
        "rank",
        "unit",
        "inspection",
        "date",
        "score",
        "earned",
        "possible",
        "deductions",
        "tasks_checked",
        "findings",
        "notices_open",
        "notices_overdue",
        "notices_closed",
        "notices_escalated",
    ),
)


COMPARE = View(
    columns=(
        Column(N_("No."), lambda r: r.task),
        Column(N_("Task"), lambda r: r.text, wrap=True, max_width=30),
        Column("A", lambda r: status_name(r.a)),
        Column("B", lambda r: status_name(r.b)),
        Column(N_("Change"), lambda r: Change.name_of(r.change)),
        Column(N_("Note"), lambda r: r.note_b or r.note_a, wrap=True),
    ),
    record=lambda r: {"task": r.task, "a": r.a, "b": r.b, "change": r.change, "note_a": r.note_a, "note_b": r.note_b},
)


def summary_record(summary) -> dict:
    """The year's figures for JSON."""
    return {
        "year": summary.year,
        "as_of": summary.as_of.isoformat(),
        "units": {kind: list(units) for kind, units in summary.units},
        "units_inspected": summary.units_inspected,
        "inspections": summary.inspections,
        "tasks_checked": summary.tasks_checked,
        "results": dict(summary.results),
        "notices": {
            "issued": summary.notices_issued,
            "closed": summary.notices_closed,
            "open": summary.notices_open,
            "overdue": summary.notices_overdue,
            "escalated": summary.notices_escalated,
        },
        "average_days_to_close": summary.average_days_to_close,
        "notices_by_month": list(summary.notices_by_month),
        "ranking": [_score_record(row) for row in summary.ranking],
    }


def status_counts(summary) -> str:
    """`noncompliant 2  partial 1 …`: an inspection's counts per status, worst first, in the interface language."""
    return "  ".join(f"{status_name(status)} {count}" for status, count in summary.counts.items())
