"""`inspect-cli notices`: issue supervision notices and follow them to close-out."""

from __future__ import annotations

import enum
from dataclasses import replace
from datetime import date
from pathlib import Path

import typer

from inspect_cli.commands.options import (
    ByOption,
    ConfigOption,
    Lang,
    LedgerOption,
    actor,
    date_option,
    document_language,
    format_option,
    ledger_unit,
    load_office_config,
    nothing_matches,
    open_ledger,
    read_ledger,
)
from inspect_cli.domain.clock import today
from inspect_cli.domain.models import CalendarSource, Escalation, NoticeStatus
from inspect_cli.exceptions import InputError
from inspect_cli.i18n import N_, _
from inspect_cli.render.output import Format, emit, stream, write

app = typer.Typer(
    help="Supervision notices (督办通知书): issue, remind, extend, respond, close out, escalate.", no_args_is_help=True
)


# the --status filter: every notice status, and all of them
StatusFilter = enum.Enum(  # type: ignore[misc]  # members made from NoticeStatus's, which mypy cannot list
    "StatusFilter", {**{status.name: status.value for status in NoticeStatus}, "all": "all"}, type=str
)


NumberArgument = typer.Argument(
    ..., metavar="NO", help="Notice number, e.g. 荆法督〔2017〕3号 (also [2017] or (2017))."
)


def _on(value: date | None) -> date:
    return value or today()


def _report(notice, verb: str) -> None:
    typer.echo(f"{notice.number}: {verb}")


@app.command("issue")
def issue(
    inspection_id: int = typer.Argument(..., metavar="INSPECTION_ID", help="A finalized inspection."),
    on: date | None = date_option("Issue date (default: today).", "--date"),
    days: int | None = typer.Option(None, "--days", help="Rectification period in calendar days."),
    working_days: int | None = typer.Option(None, "--working-days", help="Rectification period in working days."),
    due: date | None = date_option("Rectification deadline as a date.", "--due"),
    reply_days: int | None = typer.Option(None, "--reply-days", help="Working days for the written reply."),
    issuer: str | None = typer.Option(None, "--issuer", help="Issuing office (default: from inspect.toml)."),
    code: str | None = typer.Option(None, "--code", help="Issuer code for the number, e.g. 荆法督."),
    by: str | None = ByOption,
    ledger: LedgerOption = None,
    config: ConfigOption = None,
) -> None:
    """Issue a notice for every noncompliant and partial finding of a finalized inspection.

    Prints the notice number (e.g. 荆法督〔2017〕3号); serials run per code and
    year with no gaps. `--days 30` from 2017-03-10 is due 2017-04-09; with
    `--working-days N` the first working day after the issue date is day 1.

    Example: inspect-cli notices issue 3 --date 2017-03-10 --days 30 --code 荆法督
    """
    from inspect_cli.core.notices import calendar_years, estimated_years_note, issue_notice

    settings = load_office_config(config)
    with open_ledger(ledger) as opened:
        notice = issue_notice(
            opened,
            inspection_id,
            settings,
            actor(by),
            _on(on),
            days=days,
            working_days=working_days,
            due=due,
            reply_days=reply_days,
            issuer=issuer,
            code=code,
        )
    years = calendar_years(notice, settings)
    typer.echo(notice.number)

    calendars = ", ".join(
        _("{source} calendar for {year}").format(source=CalendarSource(source).label, year=year)
        for year, source in years
    )
    typer.echo(
        _(
            "Issued to {unit}: {findings} finding(s); rectify by {due}, reply by {reply_due}; working days counted "
            "on the {calendars}"
        ).format(
            unit=notice.unit,
            findings=len(notice.findings),
            due=notice.due,
            reply_due=notice.reply_due,
            calendars=calendars,
        ),
        err=True,
    )
    note = estimated_years_note(years)
    if note:
        typer.echo(note, err=True)


@app.command()
def remind(
    number: str = NumberArgument,
    note: str = typer.Option("", "--note", help="What was said or sent."),
    on: date | None = date_option("Date of the reminder (default: today).", "--date"),
    by: str | None = ByOption,
    ledger: LedgerOption = None,
) -> None:
    """Record a reminder (催办); reminders are counted.

    Example: inspect-cli notices remind 荆法督〔2017〕3号 --note "电话催办" --date 2017-04-01
    """
    from inspect_cli.core.notices import remind as do_remind

    with open_ledger(ledger) as opened:
        notice = do_remind(opened, number, _on(on), actor(by), note)
    _report(notice, _("reminder {count} recorded").format(count=notice.reminders))


@app.command()
def extend(
    number: str = NumberArgument,
    to: date = date_option("The new deadline.", "--to"),
    reason: str = typer.Option(..., "--reason", help="Why the unit needs more time.", show_default=False),
    on: date | None = date_option("Date the extension was asked (default: today).", "--date"),
    by: str | None = ByOption,
    ledger: LedgerOption = None,
) -> None:
    """Extend (延期) the deadline; only before the deadline in force. The original stays on record.

    Example: inspect-cli notices extend 荆法督〔2017〕3号 --to 2017-05-31 --reason "需市政府审定" --date 2017-04-05
    """
    from inspect_cli.core.notices import extend as do_extend

    if to is None:
        raise typer.BadParameter(_("give the new deadline with --to YYYY-MM-DD"), param_hint="--to")
    with open_ledger(ledger) as opened:
        notice = do_extend(opened, number, to, reason, _on(on), actor(by))
    _report(notice, _("deadline extended from {due} (original) to {to}").format(due=notice.due, to=notice.current_due))


@app.command()
def respond(
    number: str = NumberArgument,
    file: Path | None = typer.Option(None, "--file", help="The unit's rectification report (整改报告) as a file."),
    text: str | None = typer.Option(None, "--text", help="The reply as text."),
    on: date | None = date_option("Date the reply arrived (default: today).", "--date"),
    by: str | None = ByOption,
    ledger: LedgerOption = None,
) -> None:
    """Record the unit's written reply (整改报告).

    Example: inspect-cli notices respond 荆法督〔2017〕3号 --file 整改报告.pdf --date 2017-04-20
    """
    from inspect_cli.core.notices import respond as do_respond

    with open_ledger(ledger) as opened:
        notice = do_respond(opened, number, _on(on), actor(by), text=text, file=file)
    _report(notice, _("reply recorded"))


@app.command()
def close(
    number: str = NumberArgument,
    evidence: list[Path] = typer.Option(
        [], "--evidence", metavar="FILE", help="File proving the rectification; repeat for several."
    ),
    by: str | None = typer.Option(
        None, "--by", metavar="NAME", help="Who verified the rectification (default: the login name)."
    ),
    on: date | None = date_option("Close-out date (default: today).", "--date"),
    ledger: LedgerOption = None,
) -> None:
    """Close a notice out (销号) once the unit has replied and the fix is verified.

    Example: inspect-cli notices close 荆法督〔2017〕3号 --evidence 复查记录.pdf --by 张三 --date 2017-05-02
    """
    from inspect_cli.core.notices import close as do_close

    with open_ledger(ledger) as opened:
        notice = do_close(opened, number, list(evidence), actor(by), _on(on))
    late = (
        ", " + _("{days} day(s) after the original deadline").format(days=notice.days_late) if notice.days_late else ""
    )
    _report(notice, _("closed out on {on} by {by}").format(on=notice.closed_on, by=notice.closed_by) + late)


@app.command()
def escalate(
    number: str = NumberArgument,
    to: Escalation = typer.Option(..., "--to", help="约谈, 挂牌督办 or 通报.", show_default=False),
    note: str = typer.Option("", "--note", help="Details."),
    on: date | None = date_option("Date (default: today).", "--date"),
    by: str | None = ByOption,
    ledger: LedgerOption = None,
) -> None:
    """Escalate a notice: 约谈 (summons talk), 挂牌督办 (listed supervision) or 通报 (circular).

    Example: inspect-cli notices escalate 荆法督〔2017〕3号 --to 约谈 --date 2017-05-10
    """
    from inspect_cli.core.notices import escalate as do_escalate

    with open_ledger(ledger) as opened:
        notice = do_escalate(opened, number, to.value, _on(on), actor(by), note)
    _report(notice, _("escalated to {level}").format(level=Escalation.name_of(notice.escalation)))


@app.command()
def withdraw(
    number: str = NumberArgument,
    reason: str = typer.Option(
        ..., "--reason", help="Why it gives way, e.g. the office gave the number to another notice.", show_default=False
    ),
    on: date | None = date_option("Date of the withdrawal (default: today).", "--date"),
    by: str | None = ByOption,
    ledger: LedgerOption = None,
) -> None:
    """Withdraw a notice whose number another ledger gave to a different notice (a push or pull conflict).

    Run it on the side whose notice must give way, usually a laptop that issued
    a number offline. The withdrawal is logged; the number stays used in this
    ledger; the notice leaves the lists, the deadlines and push and pull, and
    its inspection can be given a notice again: issue it at the office and pull.

    Example: inspect-cli notices withdraw 荆法督〔2017〕1号 --reason "号已由办公室编给另一份通知书"
    """
    from inspect_cli.core.notices import withdraw as do_withdraw

    with open_ledger(ledger, create=False) as opened:
        notice = do_withdraw(opened, number, reason, _on(on), actor(by))
    _report(notice, _("withdrawn; the number stays used in this ledger"))


@app.command("list")
def list_(
    unit: str | None = typer.Option(
        None, "--unit", "-u", metavar="UNIT", help="Only notices to this unit (exact name or a unique part: 编办)."
    ),
    status: StatusFilter = typer.Option(StatusFilter("open"), "--status", help="open, overdue, closed or all."),
    as_of: date | None = date_option(
        "Show the notices as they stood on this date: those issued later are absent, "
        "steps recorded for later dates not applied (default: today).",
        "--as-of",
    ),
    output_format: str = format_option(Format.table, Format.json, Format.csv),
    ledger: LedgerOption = None,
) -> None:
    """List notices with their deadlines, reminders and status.

    Deadlines in working days are counted on the calendar in force each time
    they are shown. Withdrawn notices are not listed.

    Example: inspect-cli notices list --status overdue --format csv
    """

    from inspect_cli.core.notice_list import notice_list
    from inspect_cli.render.views import NOTICES

    def listed(opened):
        # each listed notice's seal is checked on the row it is listed from
        return notice_list(opened, unit=ledger_unit(unit, opened), status=status.value, as_of=as_of)

    notices = read_ledger(ledger, listed, [])
    broken = [n.number for n in notices if not n.sealed]
    if broken:
        typer.echo(
            _(
                "Warning: {broken} changed outside inspect-cli (row or steps do not match the seal); see 'inspect-cli "
                "inspections verify'"
            ).format(broken="、".join(broken)),
            err=True,
        )
    nothing = nothing_matches("notices", unit, status=status.value)
    stream(notices, output_format, view=replace(NOTICES, empty=nothing))


@app.command()
def show(
    number: str = NumberArgument,
    output_format: str = format_option(Format.text, Format.json, help_text="text or json."),
    ledger: LedgerOption = None,
) -> None:
    """Show a notice: findings, deadlines and every step of its life.

    Example: inspect-cli notices show 荆法督〔2017〕3号 --format json
    """
    from inspect_cli.core.integrity import notice_seal_problem
    from inspect_cli.core.notices import get_notice, recounts
    from inspect_cli.render.reports import notice_view

    with open_ledger(ledger, create=False) as opened:
        notice = get_notice(opened, number)
        counted_again = recounts(opened, notice)
        problem = notice_seal_problem(opened, notice.id, notice.number)
    if problem:
        typer.echo(_("Warning: {problem}; see 'inspect-cli inspections verify'").format(problem=problem), err=True)
    emit(notice, output_format, view=notice_view(counted_again))


@app.command()
def render(
    number: str = NumberArgument,
    output: Path | None = typer.Option(
        None, "--output", "-o", help="FILE.md or FILE.docx (default: Markdown on standard output)."
    ),
    lang: Lang | None = typer.Option(
        None, "--lang", help="zh or en (default: the interface language).", show_default=False
    ),
    template: Path | None = typer.Option(None, "--template", help="Your own Jinja2 notice template (sandboxed)."),
    ledger: LedgerOption = None,
    config: ConfigOption = None,
) -> None:
    """Render a notice as a document (督办通知书): Markdown, or a printable A4 .docx.

    Example: inspect-cli notices render 荆法督〔2017〕1号 -o 督办通知书.docx
    """
    from inspect_cli.core.notices import get_notice
    from inspect_cli.render.documents import notice_markdown, write_document, writes_document

    if output is not None and str(output) != "-" and output.suffix.lower() not in (".md", ".markdown", ".txt", ".docx"):
        raise InputError(
            _("{output}: notices are written as Markdown (.md) or Word (.docx); {suffix} is not one of them").format(
                output=output, suffix=output.suffix or _("a name without a suffix")
            )
        )
    configured = load_office_config(config)
    template = template or (Path(configured.notice_template) if configured.notice_template else None)
    from inspect_cli.core.integrity import require_notice_sealed

    with open_ledger(ledger, create=False) as opened:
        notice = get_notice(opened, number)
        require_notice_sealed(opened, notice.id, notice.number, N_("rendered"))
        if output is not None and writes_document("notice", output):
            write_document(
                "notice", output, notice, _inspection_of(opened, notice), configured.office, document_language(lang)
            )
            typer.echo(_("Wrote {output}").format(output=output), err=True)
            return
        text = notice_markdown(notice, _inspection_of(opened, notice), document_language(lang), template)
    write(text, output)


def _inspection_of(ledger, notice):
    """The inspection a notice was issued from, if it names one."""
    return ledger.inspection(notice.inspection_id) if notice.inspection_id else None
