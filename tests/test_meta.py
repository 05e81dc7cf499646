"""Project-wide checks: every module has its own test module; every command documents itself with an example;
shipped checklists validate."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

from inspect_cli.cli import command_tree
from inspect_cli.formats.checklist_toml import check_checklist

PACKAGE = REPO / "inspect_cli"
TESTS = REPO / "tests"
# Modules whose test module does not follow from their path: the version, the root command, `python -m`, and the
# package __init__ that opens a ledger by its location.
TEST_MODULE_OF = {
    "__init__.py": "test_cli_root.py",
    "cli.py": "test_cli_root.py",
    "__main__.py": "test_cli_root.py",
    "ledger/__init__.py": "ledger/test_locations.py",
}


def _modules() -> list[Path]:
    """Every module of the package that holds code (an empty or docstring-only __init__.py holds none)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__init__.py" and not any(
            not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
            for node in ast.parse(path.read_text(encoding="utf-8")).body
        ):
            continue
        found.append(path.relative_to(PACKAGE))
    return found


def test_module_of(module: Path) -> Path:
    """Where a module's tests live: tests/<layer>/test_<module>.py; a command's in tests/commands/test_cli_<x>.py."""
    given = TEST_MODULE_OF.get(module.as_posix())
    if given:
        return TESTS / given
    prefix = "test_cli_" if module.parts[0] == "commands" else "test_"
    return TESTS.joinpath(*module.parts[:-1], prefix + module.name)


test_module_of.__test__ = False  # a helper, not a test


MODULES = _modules()


def test_the_package_has_modules():
    assert Path("cli.py") in MODULES and Path("ledger/sqlite.py") in MODULES
    assert Path("core/__init__.py") not in MODULES and Path("ledger/__init__.py") in MODULES


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.as_posix())
def test_every_module_has_its_own_test_module(module: Path):
    tests = test_module_of(module)
    assert tests.is_file(), f"inspect_cli/{module.as_posix()} has no test module {tests.relative_to(REPO)}"


# Test modules that hold tests across the modules of a layer rather than of one module.
ACROSS_MODULES = {
    "ledger/test_contract.py",  # every backend against ledger/base.py's interface
    "ledger/test_schema.py",  # the SQLite and PostgreSQL migrations make one schema
    "render/test_registry.py",  # a format registered once is offered and drawn by every command with --format
}


def test_every_test_module_in_a_layer_has_its_module():
    """A test module left behind by a moved or removed module is found too."""
    expected = {test_module_of(module) for module in MODULES} | {TESTS / path for path in ACROSS_MODULES}
    stray = [
        path.relative_to(REPO).as_posix()
        for layer in sorted(path for path in TESTS.iterdir() if path.is_dir() and (PACKAGE / path.name).is_dir())
        for path in sorted(layer.glob("test_*.py"))
        if path not in expected
    ]
    assert stray == []


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
