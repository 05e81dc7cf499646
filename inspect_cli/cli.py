"""The root `inspect-cli` app: command groups, --version, and the one error handler."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

from inspect_cli import __version__
from inspect_cli.commands.options import CONFIG_HELP, LEDGER_HELP
from inspect_cli.exceptions import EXIT_USAGE, InspectError
from inspect_cli.i18n import N_
from inspect_cli.settings import activate, deactivate


# The argument parser validates with pydantic; its phrases are replaced by plain ones.
_PARSER_PHRASES = (
    (re.compile(r"Value error, "), ""),
    (re.compile(r"Input should be a valid integer[^.']*"), N_("expected a whole number")),
    (re.compile(r"Input should be a valid number[^.']*"), N_("expected a number")),
    (re.compile(r"Input should be a valid (\w+)[^.']*"), r"expected a \1"),
    (re.compile(r"Input should be ([^,.]+)"), r"expected \1"),
)


# The parser's own usage errors, said again through the catalog (its copy of click translates none of them).
_USAGE_ERRORS = (
    (re.compile(r"^Missing option '(?P<name>[^']+)'\.?(?P<rest>.*)$"), N_("Missing option '{name}'.")),
    (re.compile(r"^Missing argument '(?P<name>[^']+)'\.?(?P<rest>.*)$"), N_("Missing argument '{name}'.")),
    (re.compile(r"^No such option: (?P<name>\S+)(?P<rest>.*)$"), N_("No such option: {name}")),
    (re.compile(r"^No such command '(?P<name>[^']+)'\.(?P<rest>.*)$"), N_("No such command '{name}'.")),
    (re.compile(r"^Got unexpected extra arguments? ?(?:\(s\))? \((?P<name>.*)\)(?P<rest>)$"),
     N_("Got unexpected extra argument(s) ({name})")),
    (re.compile(r"^Option '(?P<name>[^']+)' requires an argument\.(?P<rest>.*)$"), N_("Option '{name}' needs a value.")),
    (re.compile(r"^Invalid value for (?P<name>'[^']+'(?: / '[^']+')*): (?P<rest>.*)$"), N_("Invalid value for {name}:")),
)


def usage_message(error) -> str:
    """A usage error as one line: what is wrong, in plain words, and where to find help."""
    from inspect_cli.i18n import _

    message = " ".join(error.format_message().split())
    for pattern, replacement in _PARSER_PHRASES:
        message = pattern.sub(_(replacement) if "\\" not in replacement else replacement, message)
    for pattern, phrase in _USAGE_ERRORS:
        match = pattern.match(message)
        if match:
            message = (_(phrase).format(name=match["name"]) + " " + match["rest"].strip()).strip()
            break
    context = getattr(error, "ctx", None)
    if context is not None:
        message += " " + _("(see '{command} --help')").format(command=context.command_path)
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


# The help formatter wraps lines only at spaces and cuts a longer run with "…": Chinese help gets a break after
# each full-width mark (、，；：。）), where a reader pauses anyway.
_CJK_BREAK = re.compile(r"([、，；：。）])(?=[^\s、，；：。）])")


def _translated(item, attribute: str = "help") -> None:
    """Set an attribute of a command or parameter to its English source in the interface language (the source
    is kept, so that the next run in the same process may use another language)."""
    from inspect_cli.i18n import _, language

    kept = f"_{attribute}_source"
    if not hasattr(item, kept):
        setattr(item, kept, getattr(item, attribute, None))
    source = getattr(item, kept)
    text = _(source) if source else source
    if text and language() == "zh":
        text = _CJK_BREAK.sub(r"\1 ", text)
    if text:
        # help is plain text: a bracket ([ledger] location) is shown, never read as a style tag
        text = re.sub(r"(?<!\\)\[", r"\\[", text)
    setattr(item, attribute, text)


# Set for a run that shows help: only then is the help of every command and option put into the language.
_help_shown = False


def _named(params: list) -> list:
    for param in params:
        if _help_shown:
            _translated(param)
        if not hasattr(param, "type_descriptor") or getattr(param, "_value_named", False):
            continue
        param._value_named = True
        if param.metavar is None:
            param.metavar = _value_name(param) or None
        if param.param_type_name == "argument" or param.metavar is None:
            # an argument's value name is shown as its name, and a flag takes no value: no type column
            param.display_type_rich = lambda ctx: None
    return params


def translate_help(command) -> None:
    """Put the help of `command` and its options, and the one-line help of its subcommands, into the interface
    language (what its help page shows)."""
    _translated(command)
    for param in command.params:
        _translated(param)
    for sub in getattr(command, "commands", {}).values():
        _translated(sub)
        _translated(sub, "short_help")


def help_shown(command, args: list[str]):
    """The command whose help these arguments show (--help or -h after it, or a group named without one of its
    commands), or None."""
    index = 0
    while index < len(args) and args[index].startswith("-"):
        if args[index] in ("--help", "-h"):
            return command
        index += 2 if args[index] in _ROOT_OPTIONS_WITH_VALUES else 1
    while hasattr(command, "commands"):
        if index >= len(args) or args[index] in ("--help", "-h"):
            return command
        if args[index] not in command.commands:
            return None
        command = command.commands[args[index]]
        index += 1
    return command if "--help" in args[index:] or "-h" in args[index:] else None


def name_values(command) -> None:
    """Show every parameter of `command` and its subcommands in help with a value name (FILE, DATE, N…)."""
    if not getattr(command, "_values_named", False):
        command._values_named = True
        get_params = command.get_params
        command.get_params = lambda ctx: _named(get_params(ctx))  # the help option is made per call
        _named(command.params)
    for sub in getattr(command, "commands", {}).values():
        name_values(sub)


_ROOT_OPTIONS_WITH_VALUES = ("--ledger", "--config", "--lang")


def _option_value(args: list[str], name: str) -> str | None:
    """The value of a root option in the raw arguments (`--lang en` or `--lang=en` before the command name), before
    they are parsed; a command's own option of the same name (`report 3 --lang en`) is not the root's."""
    index = 0
    while index < len(args):
        argument = args[index]
        if argument == "--" or not argument.startswith("-"):
            break  # the command name: what follows is the command's
        if argument == name and index + 1 < len(args):
            return args[index + 1]
        if argument.startswith(name + "="):
            return argument.split("=", 1)[1]
        index += 2 if argument in _ROOT_OPTIONS_WITH_VALUES else 1
    return None


def choose_language(args: list[str]) -> None:
    """Settle the interface language before anything is parsed or shown: --lang, INSPECT_LANG, the config's
    [interface] lang, the locale, else zh. A value that is not a language is passed over here and refused in one
    line by the root command (see `check_language`)."""
    from inspect_cli import i18n

    language = None
    for given in (_option_value(args, "--lang"), os.environ.get("INSPECT_LANG")):
        if given and language is None:
            try:
                language = i18n.normalise(given)
            except InspectError:
                pass
    if language is None:
        environ = {name: value for name, value in os.environ.items() if name != "INSPECT_LANG"}
        language = i18n.choose(None, _configured_language(_option_value(args, "--config")), environ)
    i18n.activate(language)


def check_language(option: str | None) -> None:
    """Refuse a --lang or INSPECT_LANG that names no language (InputError, one line)."""
    from inspect_cli.i18n import normalise

    if option is not None:
        normalise(option)
    variable = os.environ.get("INSPECT_LANG")
    if variable:
        try:
            normalise(variable)
        except InspectError as error:
            raise type(error)(f"INSPECT_LANG: {error.message}") from None


def _configured_language(config: str | None) -> str | None:
    """[interface] lang of the config file in force, when it names a language (a broken config is reported later)."""
    from inspect_cli.settings import config_path_for as config_path

    path = config_path(Path(config) if config else None)
    if not path.exists():
        return None
    try:
        from inspect_cli.core.config import load_config
        from inspect_cli.i18n import normalise

        configured = load_config(path).interface_lang
        return normalise(configured) if configured else None
    except InspectError:
        return None


class InspectGroup(TyperGroup):
    """Root group that turns every InspectError into `Error: …` on stderr and its exit code."""

    def main(self, args=None, *more, standalone_mode: bool = True, **kwargs):
        global _help_shown
        args = list(sys.argv[1:] if args is None else args)
        choose_language(args)
        name_values(self)
        shown = help_shown(self, args)
        _help_shown = shown is not None
        if shown is not None:
            translate_help(shown)
        return self._main(args, *more, standalone_mode=standalone_mode, **kwargs)

    def _main(self, *args, standalone_mode: bool = True, **kwargs):
        from inspect_cli.i18n import _

        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except typer.Abort:
            typer.echo(_("Aborted."), err=True)
            sys.exit(1)
        except Exception as error:
            # the parser's own usage errors carry a message and an exit code; anything else is a bug
            if not (hasattr(error, "format_message") and isinstance(getattr(error, "exit_code", None), int)):
                raise
            if error.format_message():  # empty when a group was called without a command: its help was shown
                typer.echo(_("Error: {message}").format(message=usage_message(error)), err=True)
            sys.exit(EXIT_USAGE if error.exit_code == EXIT_USAGE else error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except InspectError as error:
            from inspect_cli.i18n import _

            typer.echo(_("Error: {message}").format(message=error.message), err=True)
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
    lang: Optional[str] = typer.Option(None, "--lang", metavar="[zh|en]", show_default=False,
                                       help="Interface language (default: INSPECT_LANG, else [interface] lang in the "
                                            "config, else the locale: zh_* is zh, others en; else zh)."),
) -> None:
    """Checklists, on-site walks, deadlines, notices and records for rule-of-law government supervision.

    Example: inspect-cli checklist show checklists/jingmen-2016-2020.toml --unit 编办
    """
    check_language(lang)
    activate(ledger, config)


def _register() -> None:
    from inspect_cli.commands import calendar, checklist, deadlines, inspections, ledger_export as ledger, notices, report, review, walk

    app.add_typer(checklist.app, name="checklist")
    app.command()(walk.walk)
    from inspect_cli.commands import compare, scores, summary, sync, verify

    inspections.app.command()(verify.verify)
    inspections.app.command()(compare.compare)
    inspections.app.command()(sync.push)
    inspections.app.command()(sync.pull)
    app.add_typer(inspections.app, name="inspections")
    app.add_typer(notices.app, name="notices")
    app.command()(deadlines.deadlines)
    app.command()(review.review)
    app.command()(report.report)
    app.command()(scores.scores)
    app.command()(summary.summary)
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
