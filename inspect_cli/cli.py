"""The root `inspect-cli` app: command groups, --version, and the one error handler."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

from inspect_cli import __version__
from inspect_cli.commands.options import CONFIG_HELP, LEDGER_HELP
from inspect_cli.exceptions import EXIT_USAGE, InspectError
from inspect_cli.settings import activate, deactivate


# The argument parser validates with pydantic; its phrases are replaced by plain ones.
_PARSER_PHRASES = (
    (re.compile(r"Value error, "), ""),
    (re.compile(r"Input should be a valid integer[^.']*"), "expected a whole number"),
    (re.compile(r"Input should be a valid number[^.']*"), "expected a number"),
    (re.compile(r"Input should be a valid (\w+)[^.']*"), r"expected a \1"),
    (re.compile(r"Input should be ([^,.]+)"), r"expected \1"),
)


def usage_message(error) -> str:
    """A usage error as one line: what is wrong, in plain words, and where to find help."""
    message = " ".join(error.format_message().split())
    for pattern, replacement in _PARSER_PHRASES:
        message = pattern.sub(replacement, message)
    context = getattr(error, "ctx", None)
    if context is not None:
        message += f" (see '{context.command_path} --help')"
    return message


_VALUE_NAMES = {"by": "NAME", "inspector": "NAME", "issuer": "OFFICE", "to": "DATE"}


def _value_name(param) -> str:
    """What a parameter's value is called in help: FILE, DATE, N, UNIT, CHECKLIST…; never a Python type."""
    described = param.type_descriptor
    annotation = described.annotation
    element = getattr(annotation, "__args__", (annotation,))[0] if described.is_list else annotation
    if param.param_type_name == "argument":
        name = param.name.upper()
        return name[:-1] if described.is_list and name.endswith("S") else name  # usage adds `...` itself
    if described.is_choice:
        return "[" + "|".join(str(getattr(choice, "value", choice)) for choice in described.choices or ()) + "]"
    if element is bool:
        return ""
    if getattr(element, "__name__", "") == "Path":
        return "FILE"
    if getattr(element, "__name__", "") == "date":
        return "DATE"
    if element is int:
        return "N"
    return _VALUE_NAMES.get(param.name, param.name.upper())


def _named(params: list) -> list:
    for param in params:
        if not hasattr(param, "type_descriptor") or getattr(param, "_value_named", False):
            continue
        param._value_named = True
        if param.metavar is None:
            param.metavar = _value_name(param) or None
        if param.param_type_name == "argument" or param.metavar is None:
            # an argument's value name is shown as its name, and a flag takes no value: no type column
            param.display_type_rich = lambda ctx: None
    return params


def name_values(command) -> None:
    """Show every parameter of `command` and its subcommands in help with a value name (FILE, DATE, N…)."""
    if not getattr(command, "_values_named", False):
        command._values_named = True
        get_params = command.get_params
        command.get_params = lambda ctx: _named(get_params(ctx))  # the help option is made per call
        _named(command.params)
    for sub in getattr(command, "commands", {}).values():
        name_values(sub)


class InspectGroup(TyperGroup):
    """Root group that turns every InspectError into `Error: …` on stderr and its exit code."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        name_values(self)
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except typer.Abort:
            typer.echo("Aborted.", err=True)
            sys.exit(1)
        except Exception as error:
            # the parser's own usage errors carry a message and an exit code; anything else is a bug
            if not (hasattr(error, "format_message") and isinstance(getattr(error, "exit_code", None), int)):
                raise
            if error.format_message():  # empty when a group was called without a command: its help was shown
                typer.echo(f"Error: {usage_message(error)}", err=True)
            sys.exit(EXIT_USAGE if error.exit_code == EXIT_USAGE else error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except InspectError as error:
            typer.echo(f"Error: {error.message}", err=True)
            raise typer.Exit(error.exit_code) from None
        finally:
            deactivate()


app = typer.Typer(
    cls=InspectGroup,
    name="inspect-cli",
    help="Checklists, on-site walks, deadlines, notices and records for rule-of-law government supervision (法治政府建设督察).",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"inspect-cli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ledger: Optional[str] = typer.Option(None, "--ledger", help=LEDGER_HELP, show_default=False),
    config: Optional[Path] = typer.Option(None, "--config", help=CONFIG_HELP, show_default=False),
) -> None:
    """Checklists, on-site walks, deadlines, notices and records for rule-of-law government supervision.

    Example: inspect-cli checklist show checklists/jingmen-2016-2020.toml --unit 编办
    """
    activate(ledger, config)


def _register() -> None:
    from inspect_cli.commands import calendar, checklist, deadlines, inspections, ledger_export as ledger, notices, report, review, walk

    app.add_typer(checklist.app, name="checklist")
    app.command()(walk.walk)
    from inspect_cli.commands import sync, verify

    inspections.app.command()(verify.verify)
    inspections.app.command()(sync.push)
    inspections.app.command()(sync.pull)
    app.add_typer(inspections.app, name="inspections")
    app.add_typer(notices.app, name="notices")
    app.command()(deadlines.deadlines)
    app.command()(review.review)
    app.command()(report.report)
    app.add_typer(ledger.app, name="ledger")
    app.add_typer(calendar.app, name="calendar")


_register()


def main() -> None:
    """Console-script entry point."""
    for argument in sys.argv[1:]:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            # bytes that are not UTF-8 reach Python as lone surrogates, which no file, ledger or document can hold
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            typer.echo(f"Error: argument {shown!r} is not UTF-8 text; set the terminal to UTF-8 and type it again", err=True)
            raise SystemExit(2)
    app(prog_name="inspect-cli")
