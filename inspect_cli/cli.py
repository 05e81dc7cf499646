"""The root `inspect-cli` app: command groups, --version, and the one error handler."""

from __future__ import annotations

import importlib
import os
import re
import sys
from pathlib import Path
from typing import Any, cast

import typer
from typer.core import TyperCommand, TyperGroup

from inspect_cli import __version__, i18n
from inspect_cli.exceptions import EXIT_USAGE, InputError, InspectError
from inspect_cli.i18n import N_, UnknownLanguage, _, normalise
from inspect_cli.settings import CONFIG_HELP, LEDGER_HELP, end_run, start_run
from inspect_cli.settings import config_path_for as config_path

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
    (re.compile(r"^No such command '(?P<name>[^']+)'\.?(?P<rest>.*)$"), N_("No such command '{name}'.")),
    (
        re.compile(r"^Got unexpected extra arguments? ?(?:\(s\))? \((?P<name>.*)\)(?P<rest>)$"),
        N_("Got unexpected extra argument(s) ({name})"),
    ),
    (
        re.compile(r"^Option '(?P<name>[^']+)' requires an argument\.(?P<rest>.*)$"),
        N_("Option '{name}' needs a value."),
    ),
    (
        re.compile(r"^Invalid value for (?P<name>'[^']+'(?: / '[^']+')*): (?P<rest>.*)$"),
        N_("Invalid value for {name}:"),
    ),
)


# The parser's suggestions, which it appends to a usage error after the error's own sentence.
_SUGGESTIONS = (
    (re.compile(r"\.? ?Did you mean (?P<names>.+)\?$"), N_("Did you mean {names}?")),
    (re.compile(r" ?\(Possible options: (?P<names>[^)]+)\)$"), N_("(Possible options: {names})")),
)


def usage_message(error) -> str:
    """A usage error as one line: what is wrong, in plain words, and where to find help."""
    message = " ".join(error.format_message().split())
    suggestion = ""
    for pattern, phrase in _SUGGESTIONS:
        match = pattern.search(message)
        if match:
            message, suggestion = message[: match.start()], _(phrase).format(names=match["names"])
    for pattern, replacement in _PARSER_PHRASES:
        message = pattern.sub(_(replacement) if "\\" not in replacement else replacement, message)
    for pattern, phrase in _USAGE_ERRORS:
        match = pattern.match(message)
        if match:
            message = (_(phrase).format(name=match["name"]) + " " + match["rest"].strip()).strip()
            break
    if suggestion:
        message += " " + suggestion
    context = getattr(error, "ctx", None)
    if context is not None:
        message += " " + _("(see '{command} --help')").format(command=context.command_path)
    return _FULL_WIDTH_BLANKS.sub("", message)


# a blank beside a full-width mark, left by joining phrases with spaces: Chinese sets none
_FULL_WIDTH_BLANKS = re.compile(r"(?<=[，。、；：！？）」』》]) +| +(?=[（「『《，。、；：！？）」』》])")


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


# The help formatter breaks lines only at spaces (a longer run is folded at the column's edge): Chinese help gets a
# break after each full-width mark (、，；：。）), where a reader pauses anyway.
def _translated(item, attribute: str = "help") -> None:
    """Set an attribute of a command or parameter to its English source in the interface language (the source
    is kept, so that the next run in the same process may use another language)."""
    kept = f"_{attribute}_source"
    if not hasattr(item, kept):
        setattr(item, kept, getattr(item, attribute, None))
    source = getattr(item, kept)
    text = _(source) if source else source
    if text:
        # the help formatter keeps the source's line breaks inside a paragraph: a paragraph is one line to it
        text = "\n\n".join(_one_line(paragraph) for paragraph in text.split("\n\n"))
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


def fold_help_text() -> None:
    """Let help text break where Chinese text breaks, and fold at the column's edge what cannot.

    The help formatter wraps only at spaces and cuts a longer word with "…"; a run of Chinese has no spaces. Its
    line breaking is given the table renderer's segmentation (`render.table.words`: between Chinese characters
    and words, never before a closing mark or after an opening one), so no blank is put after a full-width mark
    to make a break; and every help text is made through one highlighter, which is given overflow "fold" for a
    word wider than its column."""
    from rich import _wrap

    from inspect_cli.render.table import words

    _wrap.words = words
    from typer import rich_utils

    highlighter = getattr(rich_utils, "highlighter", None)
    if highlighter is None or getattr(highlighter, "folds", False):
        return

    highlighter_class: Any = type(highlighter)  # rich's, known only at run time

    class Folding(highlighter_class):
        folds = True

        def __call__(self, text):
            highlighted = super().__call__(text)
            highlighted.overflow = "fold"
            return highlighted

    rich_utils.highlighter = Folding()


def translate_help(command) -> None:
    """Put the help of `command` and its options, and the one-line help of its subcommands, into the interface
    language (what its help page shows)."""
    _translated(command)
    for param in command.params:
        _translated(param)
    for sub in getattr(command, "commands", {}).values():
        _translated(sub)
        _translated(sub, "short_help")


def _one_line(paragraph: str) -> str:
    """A paragraph's lines joined into one: with a space between words, without one between Chinese characters
    (where the line may break is the help formatter's business: see `fold_help_text`)."""
    joined = re.sub(r"(?<=[^\x00-\xff])\s*\n\s*(?=[^\x00-\xff])", "", paragraph.strip())
    return _FULL_WIDTH_BLANKS.sub("", " ".join(joined.split()))


def help_shown(command, args: list[str]):
    """The command whose help these arguments show (--help or -h after it, or a group named without one of its
    commands), or None."""
    options, index = root_options(args)
    if "--help" in options or "-h" in options:
        return command
    while hasattr(command, "commands"):
        if index >= len(args) or args[index] in ("--help", "-h"):
            return command
        if args[index] not in command.commands:
            return None
        command = command.commands[args[index]]
        index += 1
    return command if "--help" in args[index:] or "-h" in args[index:] else None


def add_value_names(command) -> None:
    """Show every parameter of `command` and its subcommands in help with a value name (FILE, DATE, N…)."""
    if not getattr(command, "_values_named", False):
        command._values_named = True
        get_params = command.get_params
        command.get_params = lambda ctx: _named(get_params(ctx))  # the help option is made per call
        _named(command.params)
    for sub in getattr(command, "commands", {}).values():
        add_value_names(sub)


_ROOT_OPTIONS_WITH_VALUES = ("--ledger", "--config", "--lang")


def root_options(args: list[str]) -> tuple[dict[str, str], int]:
    """The root's options in the raw arguments, read before they are parsed (`--lang en`, `--lang=en`, `--help`),
    and where the command name is: what follows it is the command's (`report 3 --lang en` is not the root's)."""
    options: dict[str, str] = {}
    index = 0
    while index < len(args) and args[index].startswith("-"):
        name, equals, value = args[index].partition("=")
        index += 1
        if name == "--":
            break
        if name in _ROOT_OPTIONS_WITH_VALUES and not equals:
            value = args[index] if index < len(args) else ""
            index += 1
        options[name] = value
    return options, index


def choose_language(args: list[str]) -> None:
    """Settle the interface language before anything is parsed or shown: --lang, INSPECT_LANG, the config's
    [interface] lang, the locale, else zh. A value that is not a language is passed over here and refused in one
    line by the root command (see `check_language`)."""
    options, _index = root_options(args)
    language = None
    for given in (options.get("--lang"), os.environ.get("INSPECT_LANG")):
        if given and language is None:
            try:
                language = i18n.normalise(given)
            except i18n.UnknownLanguage:
                pass
    if language is None:
        environ = {name: value for name, value in os.environ.items() if name != "INSPECT_LANG"}
        language = i18n.choose(None, _configured_language(options.get("--config")), environ)
    i18n.activate(language)


def check_language(option: str | None) -> None:
    """Refuse a --lang or INSPECT_LANG that names no language (InputError, one line)."""
    for given, prefix in ((option, ""), (os.environ.get("INSPECT_LANG") or None, "INSPECT_LANG: ")):
        if given is not None:
            try:
                normalise(given)
            except UnknownLanguage as error:
                raise InputError(f"{prefix}{error}") from None


def _configured_language(config: str | None) -> str | None:
    """[interface] lang of the config file in force, when it names a language (a broken config is reported later)."""
    path = config_path(Path(config) if config else None)
    if not path.exists():
        return None
    from inspect_cli.core.config import load_config

    try:
        configured = load_config(path).interface_lang
        return normalise(configured) if configured else None
    except (InspectError, UnknownLanguage):
        return None


class _UnreadCommand(TyperCommand):
    """A root command known only by its name and the line the root's help lists it with, until it is read."""


class InspectGroup(TyperGroup):
    """Root group that reads a command only when it is used, and turns every InspectError into `Error: …` on
    stderr and its exit code."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        for name, (_module, _attribute, line) in COMMANDS.items():
            self.commands.setdefault(name, _UnreadCommand(name=name, help=line))

    def load(self, name: str) -> None:
        """Read the command `name` in place of its listed line."""
        if isinstance(self.commands.get(name), _UnreadCommand):
            self.commands[name] = build_command(name)

    def resolve_command(self, ctx, args):
        if args:
            self.load(args[0])
        return super().resolve_command(ctx, args)

    def main(
        self,
        args=None,
        prog_name=None,
        complete_var=None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **kwargs,
    ):
        global _help_shown
        args = list(sys.argv[1:] if args is None else args)
        choose_language(args)
        _options, index = root_options(args)
        if index < len(args):
            self.load(args[index])
        add_value_names(self)
        shown = help_shown(self, args)
        _help_shown = shown is not None
        if shown is not None:
            fold_help_text()
            translate_help(shown)
        return self._main(
            args,
            prog_name=prog_name,
            complete_var=complete_var,
            standalone_mode=standalone_mode,
            windows_expand_args=windows_expand_args,
            **kwargs,
        )

    def _main(self, args: list[str], standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(args, standalone_mode=False, **kwargs)
        try:
            code = super().main(args, standalone_mode=False, **kwargs)
        except typer.Abort:
            typer.echo(_("Aborted."), err=True)
            sys.exit(1)
        except Exception as error:
            # the parser's own usage errors carry a message and an exit code; anything else is a bug
            exit_code = getattr(error, "exit_code", None)
            if not (hasattr(error, "format_message") and isinstance(exit_code, int)):
                raise
            if error.format_message():  # empty when a group was called without a command: its help was shown
                typer.echo(_("Error: {message}").format(message=usage_message(error)), err=True)
            sys.exit(EXIT_USAGE if exit_code == EXIT_USAGE else exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except InspectError as error:
            # one line, whatever a parser's detail quoted in the message spans
            message = " ".join(line.strip() for line in error.message.splitlines() if line.strip())
            typer.echo(_("Error: {message}").format(message=message), err=True)
            raise typer.Exit(error.exit_code) from None
        finally:
            end_run()


app = typer.Typer(
    cls=InspectGroup,
    name="inspect-cli",
    help=(
        "Checklists, on-site walks, deadlines, notices and records for rule-of-law government supervision "
        "(法治政府建设督察)."
    ),
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
    version: bool | None = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    ledger: str | None = typer.Option(None, "--ledger", help=LEDGER_HELP, show_default=False),
    config: Path | None = typer.Option(None, "--config", help=CONFIG_HELP, show_default=False),
    create: bool = typer.Option(
        False,
        "--create",
        help="Let a command that writes make the --ledger file's folder "
        "when it does not exist (a walk makes it anyway).",
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        metavar="[zh|en]",
        show_default=False,
        help="Interface language (default: INSPECT_LANG, else [interface] lang in the "
        "config, else the locale: zh_* is zh, others en; else zh).",
    ),
) -> None:
    """Checklists, on-site walks, deadlines, notices and records for rule-of-law government supervision.

    Example: inspect-cli checklist show checklists/jingmen-2016-2020.toml --unit 编办
    """
    check_language(lang)
    start_run(ledger, config, create)


# The root's commands: name -> (module under inspect_cli.commands, the command or group in it, the line the root's
# help lists it with). A command's module is imported and its options read only when it runs or shows its own help,
# so that start-up does not grow with every command added. The line is its help's first paragraph (a test holds
# them equal).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "walk": ("walk", "walk", N_("Walk an inspector through a unit's tasks, saving every answer at once.")),
    "deadlines": (
        "deadlines",
        "deadlines",
        N_("Show what is overdue or due soon: plan tasks per unit and open notices, most urgent first."),
    ),
    "review": (
        "review",
        "review",
        N_("Read a unit's annual report: unit and year, required parts, claimed figures, tasks addressed."),
    ),
    "report": (
        "report",
        "report",
        N_("Write the inspection record: header, summary figures, findings worst first, notices, signatures."),
    ),
    "scores": (
        "scores",
        "scores",
        N_("Score and rank the units: each unit's latest finalized inspection of the year, task points by weight."),
    ),
    "summary": ("summary", "summary", N_("The office's year in figures, a page for its annual report.")),
    "checklist": (
        "checklist",
        "app",
        N_("Import plans into checklists; validate, list, filter, export to Excel and compare them."),
    ),
    "inspections": (
        "inspections",
        "app",
        N_(
            "List, show, finalize, reopen, export and import inspections; push and "
            "pull them to and from the office ledger."
        ),
    ),
    "notices": (
        "notices",
        "app",
        N_("Supervision notices (督办通知书): issue, remind, extend, respond, close out, escalate."),
    ),
    "ledger": ("ledger_export", "app", N_("Export the rectification ledger (整改台账) and results.")),
    "calendar": (
        "calendar",
        "app",
        N_("Working-day calendars per year: configured in inspect.toml, official, or estimated."),
    ),
}


def build_command(name: str):
    """The command or group `name` of the root, read from its module."""
    module, attribute, _line = COMMANDS[name]
    target = getattr(importlib.import_module(f"inspect_cli.commands.{module}"), attribute)
    if not isinstance(target, typer.Typer):
        holder = typer.Typer(add_completion=False)
        holder.command(name)(target)
        command = typer.main.get_command(holder)
    else:
        command = typer.main.get_group(target)
    command.name = name
    return command


def command_tree():
    """The root command with every command and group in it read (for help checks and catalog extraction)."""
    root = cast("InspectGroup", typer.main.get_command(app))  # the app's cls
    for name in COMMANDS:
        root.load(name)
    return root


def main() -> None:
    """Console-script entry point."""
    for argument in sys.argv[1:]:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            # bytes that are not UTF-8 reach Python as lone surrogates, which no file, ledger or document can hold
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            message = _("argument {value!r} is not UTF-8 text; set the terminal to UTF-8 and type it again")
            typer.echo(_("Error: {message}").format(message=message.format(value=shown)), err=True)
            raise SystemExit(2) from None
    app(prog_name="inspect-cli")
