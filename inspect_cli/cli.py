"""The root `inspect-cli` app: command groups, --version, and the one error handler."""

from __future__ import annotations

import sys
from typing import Optional

import typer
from typer.core import TyperGroup

from inspect_cli import __version__
from inspect_cli.exceptions import EXIT_STORAGE, InspectError


class InspectGroup(TyperGroup):
    """Root group that turns every InspectError into `Error: …` on stderr and its exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except InspectError as error:
            typer.echo(f"Error: {error.message}", err=True)
            raise typer.Exit(error.exit_code) from None
        except Exception as error:
            # sqlite3 is imported only by commands that use the ledger; a failure there is a storage error
            sqlite3 = sys.modules.get("sqlite3")
            if sqlite3 is not None and isinstance(error, sqlite3.Error):
                typer.echo(f"Error: the ledger could not be read or written ({error}); check the disk and the "
                           "--ledger path, then try again", err=True)
                raise typer.Exit(EXIT_STORAGE) from None
            raise


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
) -> None:
    """Checklists, on-site walks, deadlines, notices and records for rule-of-law government supervision.

    Example: inspect-cli checklist show checklists/jingmen-2016-2020.toml --unit 编办
    """


def _register() -> None:
    from inspect_cli.commands import checklist, deadlines, inspections, ledger, notices, report, review, walk

    app.add_typer(checklist.app, name="checklist")
    app.command()(walk.walk)
    from inspect_cli.commands import verify

    inspections.app.command()(verify.verify)
    app.add_typer(inspections.app, name="inspections")
    app.add_typer(notices.app, name="notices")
    app.command()(deadlines.deadlines)
    app.command()(review.review)
    app.command()(report.report)
    app.add_typer(ledger.app, name="ledger")


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
