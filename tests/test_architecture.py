"""The layers keep to their imports: typer only at the interface, the core free of the outer layers."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "inspect_cli"
FILES = sorted(PACKAGE.rglob("*.py"))


def _layer(path: Path) -> str:
    """The first folder under inspect_cli/, or the top-level module's name."""
    return path.relative_to(PACKAGE).with_suffix("").parts[0]


def _imports(path: Path):
    """(dotted name, line) of every import, lazy ones inside functions included; `from a import b` gives a.b."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield from ((f"{node.module}.{alias.name}", node.lineno) for alias in node.names)


def _breaches(layers: set[str], forbidden: tuple[str, ...]) -> list[str]:
    """Imports from the given layers of any module under one of the `forbidden` dotted prefixes."""
    return [
        f"{path.relative_to(REPO)}:{line}: {name}"
        for path in FILES
        if _layer(path) in layers
        for name, line in _imports(path)
        if any(name == prefix or name.startswith(prefix + ".") for prefix in forbidden)
    ]


def test_typer_is_imported_only_by_commands_the_root_app_and_the_walk():
    outside = {_layer(path) for path in FILES} - {"commands", "cli", "walk"}
    assert _breaches(outside, ("typer", "click")) == []


def test_the_core_imports_nothing_from_commands_render_or_walk():
    assert (
        _breaches(
            {"core"}, ("inspect_cli.commands", "inspect_cli.render", "inspect_cli.walk", "inspect_cli.cli", "typer")
        )
        == []
    )


def test_database_drivers_are_imported_only_by_the_ledger_backends():
    outside = {_layer(path) for path in FILES} - {"ledger"}
    assert _breaches(outside, ("sqlite3", "psycopg", "psycopg_pool")) == []


def test_only_the_ledger_factory_names_a_backend():
    outside = {_layer(path) for path in FILES} - {"ledger"}
    assert _breaches(outside, ("inspect_cli.ledger.sqlite", "inspect_cli.ledger.postgresql")) == []


def test_no_sql_outside_the_ledger():
    import re

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


def test_the_renderer_is_handed_its_data():
    assert _breaches({"render"}, ("inspect_cli.ledger", "inspect_cli.commands", "inspect_cli.walk", "typer")) == []


def test_every_format_option_uses_the_one_format_enum():
    import re

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
