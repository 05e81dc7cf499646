"""Every string the program shows a person passes through the message catalog: the source is walked with `ast`,
and a literal with words in it (Latin letters or Chinese) that reaches a screen, an error or a table header
without `_()`, `N_()` or `ngettext()` fails the test, naming the file and line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "inspect_cli"
CATALOG_CALLS = {"_", "N_", "ngettext"}
# calls whose first argument is shown to a person
SHOWN = {"echo", "secho", "print", "say", "prompt", "confirm", "BadParameter", "style"}
# keyword arguments that hold text shown to a person
SHOWN_KEYWORDS = {"message", "empty", "prompt", "warning"}
WORDS = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]")


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def reaching(expression: ast.expr | None):
    """The literals of an expression that end up in its text (not those a called function merely reads)."""
    if expression is None:
        return
    if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
        yield expression
    elif isinstance(expression, ast.JoinedStr):
        for part in expression.values:
            yield from reaching(part.value if isinstance(part, ast.FormattedValue) else part)
    elif isinstance(expression, ast.BinOp):
        yield from reaching(expression.left)
        yield from reaching(expression.right)
    elif isinstance(expression, ast.IfExp):
        yield from reaching(expression.body)
        yield from reaching(expression.orelse)
    elif isinstance(expression, ast.BoolOp):
        for value in expression.values:
            yield from reaching(value)
    elif isinstance(expression, (ast.Tuple, ast.List)):
        for element in expression.elts:
            yield from reaching(element)
    elif isinstance(expression, ast.Call):
        name = _name(expression.func)
        if name in CATALOG_CALLS:
            return
        if name == "format" and isinstance(expression.func, ast.Attribute):
            yield from reaching(expression.func.value)
            for argument in [*expression.args, *(keyword.value for keyword in expression.keywords)]:
                yield from reaching(argument)
        elif name == "join" and isinstance(expression.func, ast.Attribute):
            yield from reaching(expression.func.value)


def _exception_classes(tree: ast.Module) -> set[str]:
    from inspect_cli import exceptions

    return {name for name in dir(exceptions) if isinstance(getattr(exceptions, name), type)} | {
        "ValueError", "TypeError", "KeyError", "RuntimeError", "Exit"}


def shown_literals(source: str, filename: str = "<source>") -> list[str]:
    """`file:line: text` of every literal with words that reaches a person without the catalog."""
    tree = ast.parse(source, filename)
    errors = _exception_classes(tree)
    found = []

    def flag(expression):
        for literal in reaching(expression):
            if WORDS.search(literal.value):
                found.append(f"{filename}:{literal.lineno}: {literal.value!r}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and _name(node.exc.func) in errors:
            for argument in node.exc.args[:1]:
                flag(argument)
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in SHOWN or (name in errors and name not in ("ValueError", "KeyError", "TypeError", "RuntimeError")):
                for argument in node.args[:1]:
                    flag(argument)
            if name == "Column":
                flag(node.args[0] if node.args else None)
            for keyword in node.keywords:
                if keyword.arg in SHOWN_KEYWORDS:
                    flag(keyword.value)
    return found


def test_every_shown_literal_goes_through_the_catalog():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += shown_literals(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    assert found == [], "\n".join(found)


def test_the_check_finds_a_planted_literal():
    planted = 'import typer\ndef f(x):\n    typer.echo(f"Wrote {x}")\n    raise InputError("bad " + x)\n'
    assert shown_literals(planted) == ["<source>:3: 'Wrote '", "<source>:4: 'bad '"]
    passed = 'def f(x):\n    typer.echo(_("Wrote {x}").format(x=x))\n    raise InputError(_("bad {x}").format(x=x))\n'
    assert shown_literals(passed) == []
