"""The layers keep to their imports: the contracts in pyproject.toml ([tool.importlinter]) hold, catch a breach,
and say what docs/architecture.md's table says; what the contracts cannot express is checked here by reading the
source."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "inspect_cli"
FILES = sorted(PACKAGE.rglob("*.py"))
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _layer(path: Path) -> str:
    """The first folder under inspect_cli/, or the top-level module's name."""
    return path.relative_to(PACKAGE).with_suffix("").parts[0]


def _lint_imports(project: Path) -> subprocess.CompletedProcess:
    """lint-imports run on the package and contracts in `project`, as a developer runs it there."""
    environment = {**os.environ, "PYTHONPATH": str(project), "COLUMNS": "200"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _contracts() -> list[dict]:
    from importlinter.api import read_configuration

    return read_configuration(str(REPO / "pyproject.toml"))["contracts_options"]


def test_the_import_contracts_hold():
    linted = _lint_imports(REPO)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    assert f"Contracts: {len(_contracts())} kept, 0 broken." in linted.stdout


def test_the_contracts_catch_a_core_module_that_opens_a_backend_itself(tmp_path):
    """A copy of the package with one planted module in core/ that names the SQLite backend, the driver and typer:
    the layers, the driver, the typer and the backend contracts each report it."""
    shutil.copytree(PACKAGE, tmp_path / "inspect_cli", ignore=shutil.ignore_patterns("__pycache__", "locale"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "inspect_cli" / "core" / "planted.py").write_text(
        "import sqlite3\n\nimport typer\n\nfrom inspect_cli.ledger.sqlite import SQLiteLedger\n"
        "from inspect_cli.render.output import emit\n",
        encoding="utf-8",
    )
    linted = _lint_imports(tmp_path)
    assert linted.returncode == 1
    broken = re.findall(r"^(.+) BROKEN$", linted.stdout, re.M)
    assert broken == [
        "The layers of docs/architecture.md: each imports only from the layers below it",
        "Database drivers are imported only under ledger/",
        "typer (and its click) only in commands/, walk/ and cli.py",
        "Outside ledger/ only the ledger factory and its interface are named, never a backend",
    ]
    chains = re.findall(r"^-\s+inspect_cli\.core\.planted -> (\S+) \(l\.(\d+)\)$", linted.stdout, re.M)
    assert chains == [
        ("inspect_cli.render.output", "6"),
        ("sqlite3", "1"),
        ("typer", "3"),
        ("inspect_cli.ledger.sqlite", "5"),
    ]
    assert f"Contracts: {len(_contracts()) - 4} kept, 4 broken." in linted.stdout


def _table_rows() -> dict[str, set[str]]:
    """docs/architecture.md's layer table: each layer's name and the layers its "may import" column names."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text[text.index("| layer |") :].split("\n\n")[0].splitlines()
    header = [cell.strip() for cell in table[0].strip("|").split("|")]
    rows = {}
    for line in table[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        (name,) = re.findall(r"`(\w+)(?:/|\.py)`", cells[0])
        allowed = cells[header.index("may import")]
        rows[name] = set(re.findall(r"`(\w+)(?:/|\.py)`", allowed))
    return rows


def test_the_layer_table_of_the_docs_says_what_the_contracts_hold():
    """Each layer may import the layers below it, less a whole layer a forbidden contract keeps from it."""
    (layers,) = [contract for contract in _contracts() if contract["type"] == "layers"]
    levels = [[name.strip() for name in re.split(r"[|:]", level)] for level in layers["layers"]]
    from_contracts = {
        name: {lower for below in levels[depth + 1 :] for lower in below}
        for depth, level in enumerate(levels)
        for name in level
    }
    for contract in _contracts():
        if contract["type"] == "forbidden":
            for source in contract["source_modules"]:
                from_contracts[source.removeprefix("inspect_cli.")] -= {
                    forbidden.removeprefix("inspect_cli.") for forbidden in contract["forbidden_modules"]
                }
    assert _table_rows() == from_contracts


def test_no_sql_outside_the_ledger():
    statement = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA)\s")
    clause = re.compile(r"\b(WHERE|FROM|JOIN)\s+\w+\s*(=|\w+\s*=|$)")
    found = []
    for path in FILES:
        if _layer(path) == "ledger":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if statement.match(text) or (clause.search(text) and ("?" in text or "'" in text)):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {text[:60]!r}")
    assert found == []


def test_every_format_option_uses_the_one_format_enum():
    ladders = [
        f"{path.relative_to(REPO)}"
        for path in FILES
        if re.search(
            r"^class \w+\((str, )?enum\.Enum\):\n(\s+\"\"\".*\"\"\"\n)?\s+(table|json|csv|md|text) = ",
            path.read_text(encoding="utf-8"),
            re.M,
        )
        and path.name != "output.py"
    ]
    assert ladders == []


def test_the_walk_reads_and_writes_through_the_core():
    """The walk hands its open ledger to core functions; it calls no storage method itself."""
    calls = [
        f"{path.relative_to(REPO)}:{node.lineno}: ledger.{node.func.attr}()"
        for path in FILES
        if _layer(path) == "walk"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in ("ledger", "opened")
    ]
    assert calls == []


def test_commands_and_the_walk_never_branch_on_the_output_format():
    """What a format looks like is the renderer's and the view's business: no `output_format is Format.json`,
    `fmt == "csv"` or `output_format in (…)` in a command or the walk."""

    def names_a_format(node) -> bool:
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Format":
            return True
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
        return name in ("fmt", "format") or name.endswith("_format")

    branches = [
        f"{path.relative_to(REPO)}:{node.lineno}"
        for path in FILES
        if _layer(path) in ("commands", "walk")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Compare) and any(names_a_format(side) for side in (node.left, *node.comparators))
    ]
    assert branches == []
