"""The root command: version, help, entry points."""

from __future__ import annotations

import json
import subprocess
import sys

from inspect_cli import __version__


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"inspect-cli {__version__}"


def test_no_arguments_shows_help_and_exits_2(invoke):
    result = invoke()
    assert result.exit_code == 2 and "checklist" in result.output


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "inspect_cli", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == f"inspect-cli {__version__}"


def test_a_failing_ledger_write_is_a_storage_error_with_exit_3(invoke, tmp_path):
    import sqlite3

    from conftest import JINGMEN_CHECKLIST

    from inspect_cli.ledger.sqlite import SQLiteLedger

    SQLiteLedger.open(tmp_path / "ledger.db").close()
    # the database itself refuses the write, as a failing disk would
    with sqlite3.connect(tmp_path / "ledger.db") as connection:
        connection.execute(
            "CREATE TRIGGER failing BEFORE INSERT ON results BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
        )
    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "c"\n', encoding="utf-8")
    result = invoke("walk", JINGMEN_CHECKLIST, "--unit", "编办", "--inspector", "张三", "--answers", answers)
    assert result.exit_code == 3
    assert result.stderr.startswith(
        f"Error: {tmp_path / 'ledger.db'}: the ledger could not be read or written (disk I/O error)"
    )
    assert result.stderr.count("\n") == 1
    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:  # the failed answer left nothing half-written
        assert ledger.results(1) == {}


def test_usage_errors_are_one_plain_line_with_exit_2(invoke):
    cases = [
        (("inspections", "show", "abc"), "Error: Invalid value for 'ID': expected a whole number"),
        (("notices", "list", "--status", "late"), "Error: Invalid value for '--status': 'late' is not one of"),
        (("notices", "list", "--bogus"), "Error: No such option: --bogus"),
        (("notices", "close"), "Error: Missing argument 'NO'."),
    ]
    for args, start in cases:
        result = invoke(*args)
        assert result.exit_code == 2 and result.stderr.startswith(start), (args, result.stderr)
        assert result.stderr.count("\n") == 1 and "╭" not in result.stderr
        assert "Value error" not in result.stderr and "Input should be" not in result.stderr


def _modules_loaded_by(*args: str) -> set[str]:
    """The inspect_cli and prompt_toolkit modules one whole run of `inspect-cli ARGS` imports."""
    code = (
        f"import sys; from inspect_cli.cli import main; sys.argv = ['inspect-cli', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(name for name in sys.modules if name.startswith(('inspect_cli.', 'prompt_toolkit'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_help_does_not_load_the_line_editor():
    assert not any(name.startswith("prompt_toolkit") for name in _modules_loaded_by("--help"))


def test_a_command_is_read_only_when_it_is_used(tmp_path):
    from inspect_cli.cli import COMMANDS

    command_modules = {f"inspect_cli.commands.{module}" for module, _attribute, _line in COMMANDS.values()}
    assert not _modules_loaded_by("--help") & command_modules
    loaded = _modules_loaded_by("--ledger", str(tmp_path / "none.db"), "notices", "list")
    assert loaded & command_modules == {"inspect_cli.commands.notices"}
    assert "inspect_cli.commands.inspections" in _modules_loaded_by("inspections", "--help")


def test_the_root_lists_each_command_with_the_first_paragraph_of_its_help(invoke):
    from inspect_cli.cli import COMMANDS, command_tree

    tree = command_tree()
    for name, (_module, _attribute, line) in COMMANDS.items():
        assert line == " ".join(tree.commands[name].help.split("\n\n")[0].split()), name
    listed = invoke("--help").stdout
    assert [name for name in COMMANDS if f"│ {name} " in listed] == list(COMMANDS)


def test_help_names_values_never_python_types(invoke):
    import re

    from test_meta import COMMANDS

    for command in COMMANDS:
        text = invoke(*command, "--help").stdout
        assert not re.search(r"<(str|int|bool|path|date|list\[\w+\]|float)>", text), (command, text)
    assert "--evidence          FILE" in invoke("notices", "close", "--help").stdout


def test_the_ledger_is_chosen_once_for_the_run_by_flag_variable_or_config(invoke, tmp_path, monkeypatch):
    from conftest import JINGMEN_CHECKLIST

    answers = tmp_path / "a.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "c"\n', encoding="utf-8")
    walk = ("walk", JINGMEN_CHECKLIST, "--unit", "编办", "--inspector", "张三", "--answers", answers)
    # the root command's --ledger, before the command
    assert invoke("--ledger", tmp_path / "root.db", *walk).exit_code == 0
    assert (tmp_path / "root.db").exists() and not (tmp_path / "ledger.db").exists()
    listed = invoke("--ledger", tmp_path / "root.db", "inspections", "list", "--format", "json")
    assert [row["unit"] for row in json.loads(listed.stdout)] == ["市编办"]
    # the same option after the command name still works, and wins
    assert (
        json.loads(
            invoke(
                "--ledger",
                tmp_path / "root.db",
                "inspections",
                "list",
                "--format",
                "json",
                "--ledger",
                tmp_path / "other.db",
            ).stdout
            or "[]"
        )
        == []
    )
    # without a flag: INSPECT_LEDGER; without that: [ledger] location in the config file
    monkeypatch.delenv("INSPECT_LEDGER")
    (tmp_path / "inspect.toml").write_text(f'[ledger]\nlocation = "{tmp_path / "root.db"}"\n', encoding="utf-8")
    assert [row["unit"] for row in json.loads(invoke("inspections", "list", "--format", "json").stdout)] == ["市编办"]
    monkeypatch.setenv("INSPECT_LEDGER", str(tmp_path / "ledger.db"))
    assert invoke("inspections", "list", "--format", "json").stdout.strip() in ("", "[]")


def test_the_global_options_are_in_the_root_help_only(invoke):
    assert "--ledger" in invoke("--help").stdout and "--config" in invoke("--help").stdout
    assert "--ledger" not in invoke("notices", "list", "--help").stdout
