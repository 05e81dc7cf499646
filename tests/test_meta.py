"""Project-wide checks: every command documents itself with an example; shipped checklists validate."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

from inspect_cli.cli import command_tree
from inspect_cli.formats.checklist_toml import check_checklist


def _commands(group, path=()):
    for name, sub in group.commands.items():
        if hasattr(sub, "commands"):
            yield from _commands(sub, (*path, name))
        else:
            yield (*path, name)


COMMANDS = sorted(_commands(command_tree()))


def test_there_are_commands():
    assert ("checklist", "import") in COMMANDS


@pytest.mark.parametrize("language, example", [("en", "Example: "), ("zh", "示例：")])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_every_command_has_help_with_an_example(invoke, command, language, example):
    result = invoke("--lang", language, *command, "--help")
    assert result.exit_code == 0
    assert example + "inspect-cli " + command[0] in result.stdout, result.stdout


@pytest.mark.parametrize("path", sorted((REPO / "checklists").glob("*.toml")), ids=lambda p: p.name)
def test_every_shipped_checklist_validates(path: Path):
    _, problems = check_checklist(path)
    assert problems == []
