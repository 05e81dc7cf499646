"""The views of single results: their data for JSON (and every general-purpose format) and the text people read
(a sync's counts, a verification, a year's calendar, a notice, an inspection, a checklist's problems)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from inspect_cli.domain.clock import today
from inspect_cli.domain.models import (
    CalendarSource,
    Change,
    DayKind,
    Escalation,
    InspectionState,
    NoticeStatus,
    NoticeStep,
    StepDetail,
)
from inspect_cli.formats.inspection_export import dump_export
from inspect_cli.i18n import N_, _
from inspect_cli.render.output import Page, Printed, View, renderer
from inspect_cli.render.table import json_ready, markdown_for_terminal

# ---------------------------------------------------------------- copying between ledgers


def _sync_record(report) -> dict:
    return {
        "copied": report.copied,
        "unchanged": report.unchanged,
        "withdrawn": report.withdrawn,
        "conflicts": [
            {
                "kind": c.kind,
                "key": c.key,
                "inspection": c.number,
                "unit": c.unit,
                "source_hash": c.source,
                "target_hash": c.target,
                "reason": c.reason,
            }
            for c in report.conflicts
        ],
    }


def sync_view(where: str, pulling: bool = False) -> View:
    """A push or pull: its counts (`where` it copied), each conflict on standard error (`pulling`: this ledger is
    the target)."""

    def counts(report) -> Page:
        conflicts = []
        for conflict in report.conflicts:
            # "here" is always the ledger in use: the target of a pull, the source of a push
            here, there = (conflict.target, conflict.source) if pulling else (conflict.source, conflict.target)
            conflicts.append(
                Printed(
                    _("conflict: {subject}: {reason}; here {source}, there {target}; nothing overwritten").format(
                        subject=conflict.subject(),
                        reason=conflict.reason,
                        source=here[:16] or "-",
                        target=there[:16] or "-",
                    )
                )
            )
        withdrawn = _(", {count} withdrawn (not copied)").format(count=report.withdrawn) if report.withdrawn else ""
        said = _("{copied} copied, {unchanged} unchanged{withdrawn}, {conflicts} conflict(s) ({where})").format(
            copied=report.copied,
            unchanged=report.unchanged,
            withdrawn=withdrawn,
            conflicts=len(report.conflicts),
            where=where,
        )
        return Page(lines=(Printed(said),), warnings=tuple(conflicts))

    return View(record=_sync_record, forms={"table": counts})


def resolution_view(where: str) -> View:
    """A settled conflict: the revision that now stands here and in `where`."""

    def stands(done) -> str:
        return _(
            "inspection {id} ({unit}): revision {revision} ({hash}) now stands here and in {where}; it replaces "
            "{first} and {second}"
        ).format(
            id=done.inspection_id,
            unit=done.unit,
            revision=done.revision,
            hash=done.content_hash[:16],
            where=where,
            first=done.replaced[0][:16],
            second=done.replaced[1][:16],
        )

    return View(
        record=lambda done: {
            "inspection": done.inspection_id,
            "unit": done.unit,
            "revision": done.revision,
            "content_hash": done.content_hash,
            "kept": done.kept,
            "replaced": list(done.replaced),
        },
        forms={"table": stands},
    )


# ---------------------------------------------------------------- integrity


def _verification_lines(check) -> Page:
    lines: list[str] = [Printed(_("ledger: {problem}").format(problem=problem)) for problem in check.ledger_problems]
    for item in check.inspections:
        form = _(", form {form}").format(form=item.content_form) if item.content_form else ""
        if item.ok:
            lines.append(
                _("inspection {inspection_id} ({unit}, {state}{form}): ok").format(
                    inspection_id=item.inspection_id,
                    unit=item.unit,
                    state=InspectionState.name_of(item.state),
                    form=form,
                )
            )
        for problem in item.problems:
            lines.append(
                _("inspection {inspection_id} ({unit}, {state}): {problem}").format(
                    inspection_id=item.inspection_id,
                    unit=item.unit,
                    state=InspectionState.name_of(item.state),
                    problem=problem,
                )
            )
    verdict = _("verified") if check.ok else _("DOES NOT VERIFY")
    lines.append(
        _("{inspections} inspection(s), {events} event(s); event log head {chain_head}; {verdict}").format(
            inspections=len(check.inspections),
            events=check.events,
            chain_head=(check.chain_head or "-")[:16],
            verdict=verdict,
        )
    )
    return Page(lines=tuple(lines))


VERIFICATION = View(
    record=lambda check: {
        "ok": check.ok,
        "events": check.events,
        "chain_head": check.chain_head,
        "ledger_problems": list(check.ledger_problems),
        "inspections": [{**json_ready(c), "ok": c.ok} for c in check.inspections],
    },
    forms={"table": _verification_lines},
)

# ---------------------------------------------------------------- calendars

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def _year_days(schedule) -> Page:
    source = CalendarSource(schedule.source)
    lines: list[str] = [
        _("{year}: {source} — {meaning}").format(year=schedule.year, source=source.label, meaning=source.meaning)
    ]
    days = sorted(
        [(day, DayKind.holiday) for day in schedule.holidays] + [(day, DayKind.workday) for day in schedule.workdays]
    )
    lines += [Printed(f"  {day}  {_(WEEKDAYS[day.weekday()])}  {kind.label}") for day, kind in days]
    notes: tuple[str, ...] = ()
    if schedule.source == "estimated":
        notes = (
            _(
                "When the State Council notice for {year} is out, type it into inspect.toml as [calendar.{year}] "
                "(holidays = days off, workdays = weekend days worked); see docs/notices-and-deadlines.md."
            ).format(year=schedule.year),
        )
    return Page(lines=tuple(lines), notes=notes)


CALENDAR_YEAR = View(
    record=lambda schedule: {
        "year": schedule.year,
        "source": schedule.source,
        "holidays": schedule.holidays,
        "workdays": schedule.workdays,
    },
    forms={"table": _year_days},
)

# ---------------------------------------------------------------- notices


def notice_view(counted_again: list) -> View:
    """One notice with every step of its life; `counted_again`: its deadlines counted again on a later calendar."""

    def record(notice) -> dict:
        data = json_ready(notice)
        data.update(reminders=notice.reminders, days_late=notice.days_late, recounts=counted_again)
        return data

    return View(record=record, forms={"text": lambda notice: Page(lines=tuple(_notice_lines(notice, counted_again)))})


def _notice_lines(notice, counted_again: list):
    from inspect_cli.render.views import status_name

    yield _("{number}  {issuer} → {unit}  issued {issued_on}  [{state}]").format(
        number=notice.number,
        issuer=notice.issuer,
        unit=notice.unit,
        issued_on=notice.issued_on,
        state=NoticeStatus.name_of(notice.status_on(today())),
    )
    extended = " " + _("(extended to {to})").format(to=notice.current_due) if notice.extended else ""
    yield (
        _("Rectify by {due}").format(due=notice.due)
        + extended
        + _("; reply by {reply_due}; reminders {count}").format(reply_due=notice.reply_due, count=notice.reminders)
        + (_("; escalated: {level}").format(level=Escalation.name_of(notice.escalation)) if notice.escalation else "")
    )
    if notice.withdrawn:
        yield _("Withdrawn: the number stays used in this ledger; the notice is neither listed nor copied")
    if notice.calendar == "estimated":
        yield _(
            "Calendar: ESTIMATED — working days in a year nobody has published yet; they are counted again once "
            "the year is configured ('inspect-cli calendar check')"
        )
    for again in counted_again:
        yield _(
            "Counted again on {date} on the {calendar} calendar: rectify by {due_to} (was {due_from}), reply by "
            "{reply_to} (was {reply_from})"
        ).format(
            date=again["date"],
            calendar=CalendarSource.name_of(again["calendar"]),
            due_to=again["due_to"],
            due_from=again["due_from"],
            reply_to=again["reply_to"],
            reply_from=again["reply_from"],
        )
    for finding in notice.findings:
        yield f"- ({finding.task_id}) {finding.task_text}"
        yield "  " + _("{status}: {found}").format(status=status_name(finding.status), found=finding.found)
    for step in notice.steps:
        yield (
            "  "
            + _("{on} {kind} by {actor}").format(on=step.on, kind=NoticeStep.name_of(step.kind), actor=step.actor)
            + f"  {step_detail(step.detail)}"
        ).rstrip()


def step_detail(detail: dict) -> str:
    """A step's details as `key: value` text: files by name and short hash, lists joined."""
    parts = []
    for key, value in detail.items():
        if isinstance(value, list):
            value = "、".join(step_detail(item) if isinstance(item, dict) else str(item) for item in value)
        elif isinstance(value, dict):
            value = step_detail(value)
        if key == "sha256":
            value = f"sha256 {str(value)[:12]}…"
            parts.append(value)
            continue
        if key == "calendar":
            value = CalendarSource.name_of(value)
        elif key == "to" and value in tuple(Escalation):
            value = Escalation.name_of(value)
        if value not in ("", None):
            parts.append(
                _("{key}: {value}").format(key=StepDetail.name_of(key), value=value) if key != "file" else str(value)
            )
    return _("; ").join(parts)


# ---------------------------------------------------------------- inspections


def inspection_view(tasks: list, results: dict, summary) -> View:
    """One inspection: its heading, then every task's result, note and evidence (`summary`: its status counts)."""
    from inspect_cli.render.views import INSPECTION_TASKS, status_counts

    def record(inspection) -> dict:
        data = json_ready(inspection)
        data["checklist"] = inspection.checklist_id
        data["results"] = [json_ready(results[t.task_id]) for t in tasks if t.task_id in results]
        return data

    def page(inspection) -> Page:
        lines = [
            _("Inspection {id} · {unit} · {date} · {state} (revision {revision})").format(
                id=inspection.id,
                unit=inspection.unit,
                date=inspection.date,
                state=InspectionState.name_of(inspection.state),
                revision=inspection.revision,
            ),
            _("Checklist {checklist_id}: {checklist_title}").format(
                checklist_id=inspection.checklist_id, checklist_title=inspection.checklist_title
            ),
            _("Inspectors {names}").format(names="、".join(inspection.inspectors))
            + (" · " + _("place {place}").format(place=inspection.place) if inspection.place else ""),
        ]
        if inspection.content_hash:
            lines.append(Printed(_("Content hash {content_hash}").format(content_hash=inspection.content_hash)))
        lines.append(status_counts(summary))
        rows = [(task, results.get(task.task_id)) for task in tasks]
        return Page(lines=tuple(lines), body=renderer("table").render(rows, INSPECTION_TASKS))

    return View(record=record, forms={"table": page})


def comparison_view(found) -> View:
    """Two inspections task by task, and a line naming them with the count of each change (on standard error under
    Markdown, which may be a file's text)."""
    from inspect_cli.render.views import COMPARE

    def named(_rows) -> str:
        said = _(", ").join(f"{Change.name_of(change)} {count}" for change, count in found.counts().items())
        return _(
            "A: inspection {a} of {unit_a} on {date_a}; B: inspection {b} of {unit_b} on {date_b}. {counts}"
        ).format(
            a=found.a.id,
            unit_a=found.a.unit,
            date_a=found.a.date.isoformat(),
            b=found.b.id,
            unit_b=found.b.unit,
            date_b=found.b.date.isoformat(),
            counts=said,
        )

    return replace(
        COMPARE,
        footers={"table": named},
        forms={"md": lambda rows: Page(body=renderer("md").render(rows, COMPARE), notes=(Printed(named(rows)),))},
    )


# ---------------------------------------------------------------- checklists


def validation_view(files: int, problems: int, marks: int) -> View:
    """Problems and review marks of checklist files, one `file:line: message` line each, and what they add up to."""

    def lines(found) -> Page:
        notes = []
        if not problems:
            notes.append(Printed(_("{files} checklist(s) valid").format(files=files)))
        if marks:
            notes.append(
                Printed(
                    _("{count} review mark(s): check each task against the plan, then delete its review line").format(
                        count=marks
                    )
                )
            )
        return Page(lines=tuple(Printed(str(problem)) for problem in found), notes=tuple(notes))

    return View(forms={"text": lines})


def checklist_diff_view(changes) -> View:
    """The changes from one checklist to the next, then what they add up to (tables and Markdown)."""
    from inspect_cli.render.views import CHECKLIST_DIFF, diff_summary

    def drawn(fmt: str):
        def text(rows) -> str:
            drawn_rows = renderer(fmt).render(rows, CHECKLIST_DIFF) if rows else ""
            return (drawn_rows + "\n" if drawn_rows else "") + diff_summary(changes)

        return text

    return replace(CHECKLIST_DIFF, forms={"table": drawn("table"), "md": drawn("md")})


# ---------------------------------------------------------------- documents


def review_view(with_matches: bool, checklist=None, terminal: bool = True) -> View:
    """A desk review: a Markdown brief (fitted to the terminal when read there), its data for JSON."""
    from inspect_cli.render.review import review_markdown, review_record

    def brief(review) -> str:
        text = review_markdown(review, checklist)
        if terminal:
            return markdown_for_terminal(text)
        return text

    return View(record=lambda review: review_record(review, with_matches), forms={"md": brief})


def summary_view(lang: str) -> View:
    """The office's year: a Markdown page for its annual report in `lang`, its figures as data."""
    from inspect_cli.render.documents import summary_markdown
    from inspect_cli.render.views import summary_record

    return View(record=summary_record, forms={"md": lambda found: summary_markdown(found, lang)})


def _export_text(fmt: str):
    def text(data) -> str:
        return dump_export(data, fmt)

    return text


# a whole inspection for another office, as its export format writes it
INSPECTION_EXPORT = View(forms={"json": _export_text("json"), "toml": _export_text("toml")})


def export_suffix_format(output: Path | None) -> str:
    """The format of an export written to `output`: the one registered for its suffix among json and toml, else
    json."""
    suffix = output.suffix.lower() if output is not None else ""
    return next((name for name in ("toml", "json") if renderer(name).suffix == suffix), "json")
