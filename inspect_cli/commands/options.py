"""Options and argument parsers shared by several commands."""

from __future__ import annotations

import enum
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from inspect_cli.exceptions import NotFound, Reason
from inspect_cli.i18n import N_, _, language
from inspect_cli.ledger import open_location
from inspect_cli.render.output import Format, allowed_formats, offered
from inspect_cli.settings import CONFIG_HELP, LEDGER_HELP, current


def parse_date(value: str | None) -> date | None:
    """Parse an ISO date (2017-03-10) for an option, or explain the expected form."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            _("{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2017-03-10").format(value=value)
        ) from None


# Given before the command (inspect-cli --ledger FILE notices list), these are the root command's options; the same
# options after the command name still work, and win, but are not repeated in every command's help.
LedgerOption = Annotated[str | None, typer.Option("--ledger", help=LEDGER_HELP, show_default=False, hidden=True)]
ConfigOption = Annotated[Path | None, typer.Option("--config", help=CONFIG_HELP, show_default=False, hidden=True)]
ChecklistArgument = Annotated[Path, typer.Argument(help="Checklist .toml file.", show_default=False)]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
]


def date_option(help_text: str, *names: str) -> Any:
    """A date option parsed as YYYY-MM-DD."""
    return typer.Option(None, *names, help=help_text, parser=parse_date, metavar="YYYY-MM-DD")


class _FormatOption(typer.models.OptionInfo):
    """--format, whose choices are the registered formats the command's view is drawn in, read each time the command
    is built: a format registered later is offered too."""

    declared: tuple[str, ...] = ()

    # read from the registry in place of the metavar typer stored
    @property
    def metavar(self) -> str:  # type: ignore[override]
        return allowed_formats(offered(self.declared))


def format_option(default: Format | None, *others: Format, help_text: str = N_("Output format.")) -> Any:
    """--format/-f taking one of the formats this command's view is drawn in (the first is the default) or a
    general-purpose one; any other is refused as a usage error, like an unknown choice."""
    declared = tuple(f.value for f in (default, *others) if f is not None)

    def only_offered(value):
        allowed = offered(declared)
        if value is not None and value not in allowed:
            listed = ", ".join(repr(name) for name in allowed)
            raise typer.BadParameter(_("{value!r} is not one of {offered}.").format(value=value, offered=listed))
        return value

    option = typer.Option(
        default.value if default is not None else None,
        "--format",
        "-f",
        help=help_text,
        callback=only_offered,
        autocompletion=lambda incomplete: [name for name in offered(declared) if name.startswith(incomplete)],
        show_default=default is not None,
    )
    option.__class__ = _FormatOption
    option.declared = declared
    return option


class Lang(str, enum.Enum):
    """--lang for documents."""

    zh = "zh"
    en = "en"


def document_language(lang: Lang | None) -> str:
    """The language of a record or notice: --lang, else the interface language."""
    return lang.value if lang is not None else language()


ByOption = typer.Option(None, "--by", help="Who does this (default: the login name).")


def actor(by: str | None) -> str:
    """Who a step is recorded for: --by, or the login name."""
    import getpass

    return by or getpass.getuser()


def load_office_config(path: Path | None):
    """The config file named by --config, INSPECT_CONFIG or the default location."""
    from inspect_cli.core.config import load_config

    return load_config(current(config=path).config_path)


def read_ledger(path: str | Path | None, read, default):
    """`read(ledger)` on the ledger if it exists; `default` when there is no ledger yet (a reader never creates one)."""
    if not current(ledger=path).ledger_exists():
        return default
    with open_ledger(path, create=False) as opened:
        return read(opened)


def open_ledger(path: str | Path | None, create: bool = True):
    """Open the ledger named by --ledger, INSPECT_LEDGER or the default location (a named ledger's missing folder is
    made only with --create)."""
    settings = current(ledger=path)
    return open_location(settings.ledger, create=create, make_folder=settings.may_make_folder)


def ledger_unit(query: str | None, ledger) -> str | None:
    """The ledger's unit that --unit names (exactly or by a unique part: 编办 → 市编办), `query` itself when no
    unit in the ledger matches (so the caller reports nothing found), None without --unit."""
    if query is None:
        return None
    from inspect_cli.domain.checklist import match_unit

    try:
        return match_unit(query, ledger.units(), "")
    except NotFound as error:
        if error.reason is Reason.ambiguous:
            raise
        return query


def nothing_matches(what: str, unit: str | None, **filters) -> str:
    """`No inspections match --unit 编办 --state draft` (or `No inspections in the ledger yet`)."""
    named = " ".join(
        f"--{name.replace('_', '-')} {value}" for name, value in (("unit", unit), *filters.items()) if value is not None
    )
    kind = _(WHAT_NAMES.get(what, what))
    if named:
        return _("No {what} match {filters}.").format(what=kind, filters=named)
    return _("No {what} in the ledger yet.").format(what=kind)


WHAT_NAMES = {"inspections": N_("inspections"), "notices": N_("notices"), "results": N_("results")}
