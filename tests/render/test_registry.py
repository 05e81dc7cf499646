"""A format is one registration: a toy YAML renderer registered here is offered, and drawn, by every command that has
--format (found in the command tree, not listed), on a real ledger, checklist and annual report."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import CORPUS, JINGMEN_CHECKLIST, REPO
from typer.testing import CliRunner

from inspect_cli.cli import app, command_tree
from inspect_cli.render.output import RENDERERS, Renderer, data_of, register, unregister

ANSWERS = REPO / "sample_reports" / "answers.toml"
NUMBER = "荆法督〔2017〕1号"
REPORT = CORPUS / "annual-reports" / "tiantai-county-2020.txt"


def _formatted_commands() -> list[tuple[str, ...]]:
    """The path of every command in the tree that takes --format."""

    def walk(command, path):
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, (*path, name))
        if any("--format" in getattr(param, "opts", ()) for param in command.params):
            yield path

    return list(walk(command_tree(), ()))


# How each command is run on the ledgers the `ledgers` fixture makes: the ledger it reads and its arguments.
RUNS = {
    ("calendar", "show"): ("a", "2017"),
    ("checklist", "diff"): ("a", JINGMEN_CHECKLIST, "{folder}/next.toml"),
    ("checklist", "show"): ("a", JINGMEN_CHECKLIST, "--unit", "编办"),
    ("checklist", "units"): ("a", JINGMEN_CHECKLIST),
    ("checklist", "validate"): ("a", JINGMEN_CHECKLIST, "{folder}/broken.toml"),
    ("deadlines",): ("a", JINGMEN_CHECKLIST, "--as-of", "2017-12-01"),
    ("inspections", "compare"): ("a", "1", "2"),
    ("inspections", "export"): ("a", "1"),
    ("inspections", "list"): ("a",),
    ("inspections", "pull"): ("a", "--from", "{office}"),
    ("inspections", "push"): ("a", "--to", "{office}"),
    ("inspections", "resolve"): ("b", "1", "--with", "{office}", "--keep", "this"),
    ("inspections", "show"): ("a", "1"),
    ("inspections", "verify"): ("a",),
    ("ledger", "export"): ("a",),
    ("notices", "list"): ("a", "--status", "all"),
    ("notices", "show"): ("a", NUMBER),
    ("review",): ("a", REPORT, "--checklist", JINGMEN_CHECKLIST),
    ("scores",): ("a", JINGMEN_CHECKLIST, "--year", "2017"),
    ("summary",): ("a", "--year", "2017"),
}

COMMANDS = _formatted_commands()


def test_the_commands_with_a_format_are_found_in_the_tree_and_each_has_a_run():
    assert len(COMMANDS) >= 20 and ("notices", "list") in COMMANDS
    assert sorted(COMMANDS) == sorted(RUNS)


def _toy_yaml(value, indent: str = "") -> str:
    """Block YAML of plain data, scalars written as JSON (which YAML reads)."""
    if isinstance(value, dict) and value:
        return "\n".join(
            f"{indent}{key}:"
            + (
                f"\n{_toy_yaml(item, indent + '  ')}"
                if isinstance(item, (dict, list)) and item
                else f" {_toy_yaml(item)}"
            )
            for key, item in value.items()
        )
    if isinstance(value, list) and value:
        return "\n".join(f"{indent}- " + _toy_yaml(item, indent + "  ").lstrip() for item in value)
    return (
        json.dumps(value, ensure_ascii=False)
        if not isinstance(value, (dict, list))
        else ("{}" if value == {} else "[]")
    )


@pytest.fixture
def yaml():
    """A YAML format registered for the test: what it drew, as (data, text), in order."""
    drawn: list[tuple[object, str]] = []

    def render(rows, view) -> str:
        data = data_of(rows, view)
        text = "# drawn by the toy YAML renderer\n" + _toy_yaml(data)
        drawn.append((data, text))
        return text

    register(Renderer("yaml", ".yaml", render, general=True))
    yield drawn
    unregister("yaml")
    assert "yaml" not in RENDERERS


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory):
    """Laptop `a` with two finalized inspections of 市编办 (2017 and 2018) and a notice, pushed to the `office`
    ledger; laptop `b` pulled them and revised inspection 1 apart from `a`, so it is in conflict with the office."""
    folder = tmp_path_factory.mktemp("ledgers")
    runner = CliRunner()
    environment = {
        "INSPECT_CONFIG": str(folder / "inspect.toml"),
        "INSPECT_CACHE": str(folder / "cache"),
        "INSPECT_LANG": "en",
        "INSPECT_NOW": "2017-06-01T09:00:00+08:00",
        "COLUMNS": "100",
    }

    def run(ledger: str, *args, code: int = 0):
        done = runner.invoke(app, ["--ledger", str(folder / ledger), *map(str, args)], env=environment)
        assert done.exit_code == code, (args, done.output)
        return done

    def revise(ledger: str, note: str):
        answers = folder / f"{ledger}-revised.toml"
        answers.write_text(f'[[answers]]\ntask = "1"\nstatus = "noncompliant"\nnote = "{note}"\n', encoding="utf-8")
        run(ledger, "inspections", "reopen", "1", "--reason", "单位补交了材料")
        walk(ledger, "2017-03-01", answers, "--resume", "1", "--replace")

    def walk(ledger: str, on: str, answers=ANSWERS, *extra):
        run(
            ledger,
            "walk",
            JINGMEN_CHECKLIST,
            "--unit",
            "市编办",
            "--inspector",
            "张三",
            "--date",
            on,
            "--answers",
            answers,
            "--finalize",
            *extra,
        )

    for on in ("2017-03-01", "2018-03-01"):
        walk("a.db", on)
    run("a.db", "notices", "issue", "1", "--date", "2017-03-10", "--days", "30", "--code", "荆法督")
    run("a.db", "inspections", "push", "--to", folder / "office.db")
    run("b.db", "inspections", "pull", "--from", folder / "office.db")
    revise("a.db", "已公开目录清单")
    revise("b.db", "仍未公开")
    run("a.db", "inspections", "push", "--to", folder / "office.db")
    (folder / "broken.toml").write_text('id = "broken"\n[[tasks]\n', encoding="utf-8")
    # the next version of the checklist: one task's text changed
    plan = JINGMEN_CHECKLIST.read_text(encoding="utf-8")
    (folder / "next.toml").write_text(
        plan.replace("建立行政审批事项目录清单", "建立并公开行政审批事项目录清单", 1), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_with_a_format_offers_and_draws_a_newly_registered_one(path, yaml, ledgers, invoke, tmp_path):
    shown = invoke(*path, "--help")
    # registered long after the command's module made its --format option: offered all the same
    assert "|yaml]" in shown.stdout.replace(" ", ""), shown.stdout

    for name in ("a.db", "b.db", "office.db"):
        shutil.copy(ledgers / name, tmp_path / name)
    ledger, *arguments = RUNS[path]
    arguments = [
        str(a).replace("{office}", str(tmp_path / "office.db")).replace("{folder}", str(ledgers)) for a in arguments
    ]
    result = invoke("--ledger", tmp_path / f"{ledger}.db", *path, *arguments, "--format", "yaml")
    assert result.exit_code in (0, 1, 2), result.output  # 2: the broken checklist validated
    assert yaml, f"{' '.join(path)} did not go through the registered renderer: {result.stdout!r}"
    data, text = yaml[-1]
    assert result.stdout == text + "\n"
    assert data not in ([], {}, None, "")

    # the same data JSON shows, where the command offers JSON
    offered = re.search(r"--format\s+-f\s+\[([a-z|]+)\]", shown.stdout)[1].split("|")
    assert offered[-1] == "yaml"
    if "json" in offered:
        if path[1:] in (("push",), ("pull",), ("resolve",)):
            return  # copying again copies nothing: the second run is not the first
        drawn = invoke("--ledger", tmp_path / f"{ledger}.db", *path, *arguments, "--format", "json")
        assert json.loads(drawn.stdout) == data
