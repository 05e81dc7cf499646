"""Every string the program shows a person passes through the message catalog: the source is walked with `ast`,
and a literal with words in it (Latin letters or Chinese) that reaches a screen, an error or a table header
without `_()`, `N_()` or `ngettext()` fails the test, naming the file and line."""

from __future__ import annotations

import ast
import re

from conftest import REPO

PACKAGE = REPO / "inspect_cli"
CATALOG_CALLS = {"_", "N_", "ngettext"}
# calls whose first argument is shown to a person
SHOWN = {"echo", "secho", "print", "say", "prompt", "confirm", "BadParameter", "style"}
# keyword arguments that hold text shown to a person
SHOWN_KEYWORDS = {"message", "empty", "prompt", "warning", "label"}
WORDS = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]")
# an English phrase: two words in a row
PHRASE = re.compile(r"[A-Za-z]{2,}[ ,;:'()]+[A-Za-z]{2,}")
# text for programs, not people: the program's name and command lines, options, RRULEs, SQL, TOML comments
MACHINE = re.compile(
    r"\s*(inspect-cli\b|--[a-z]|FREQ=|#|(SELECT|INSERT|CREATE|UPDATE|DELETE|WITH|ALTER|DROP|PRAGMA|BEGIN)\b"
    r"|<|\"? ?(xml|w):|[a-z]{2}-[A-Z]{2}$|yyyy|\.[a-z]+$)"
)
# names of fonts and styles a word processor knows them by
STYLE_NAMES = {"Times New Roman", "Table Grid"}
# calls whose string arguments are patterns, SQL or names, not text for people
NOT_SHOWN = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "sub",
    "findall",
    "finditer",
    "split",
    "execute",
    "executescript",
    "_query",
    "getLogger",
    "getenv",
    "get",
    # a document kind names a writer; a task sheet's column titles are read back in either language
    "refuse_office_suffix",
    "writes_document",
    "write_document",
    "SheetColumn",
}
# constants that hold a file format's words, written and read back whatever the interface language
FILE_FORMAT_WORDS = {"META_PROPERTIES", "EVERY_LEAD", "EVERY_RESPONSIBLE", "SHEET_TITLES"}


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
        "ValueError",
        "TypeError",
        "KeyError",
        "RuntimeError",
        "Exit",
    }


def phrases_outside_the_catalog(source: str, filename: str = "<source>") -> list[str]:
    """`file:line: text` of every English phrase anywhere in the code outside the catalog, docstrings, help
    (which the catalog takes from the command tree), patterns, SQL and machine text."""
    tree = ast.parse(source, filename)
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            getattr(target, "id", "") in FILE_FORMAT_WORDS for target in node.targets
        ):
            exempt.update(id(sub) for sub in ast.walk(node.value))
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            exempt.add(id(body[0].value))
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in CATALOG_CALLS | NOT_SHOWN or name.endswith("_option") or name in ("Option", "Argument", "Typer"):
                exempt.update(id(sub) for sub in ast.walk(node))
            for keyword in node.keywords:
                if keyword.arg in ("help", "metavar", "short_help", "epilog"):
                    exempt.update(id(sub) for sub in ast.walk(keyword.value))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in exempt
            and PHRASE.search(node.value)
            and not MACHINE.match(node.value)
            and node.value not in STYLE_NAMES
        ):
            found.append(f"{filename}:{node.lineno}: {node.value!r}")
    return found


def shown_literals(source: str, filename: str = "<source>") -> list[str]:
    """`file:line: text` of every literal with words that reaches a person without the catalog."""
    tree = ast.parse(source, filename)
    errors = _exception_classes(tree)
    found = []

    def flag(expression):
        for literal in reaching(expression):
            if WORDS.search(literal.value) and not MACHINE.match(literal.value):
                found.append(f"{filename}:{literal.lineno}: {literal.value!r}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and _name(node.exc.func) in errors:
            for argument in node.exc.args[:1]:
                flag(argument)
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in SHOWN or (
                name in errors and name not in ("ValueError", "KeyError", "TypeError", "RuntimeError")
            ):
                for argument in node.args[:1]:
                    flag(argument)
            if name == "Column":
                flag(node.args[0] if node.args else None)
            for keyword in node.keywords:
                if keyword.arg in SHOWN_KEYWORDS:
                    flag(keyword.value)
    return sorted(set(found), key=lambda line: int(line.split(":")[1]))


def test_every_shown_literal_goes_through_the_catalog():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source, name = path.read_text(encoding="utf-8"), str(path.relative_to(REPO))
        found += shown_literals(source, name)
        if path.parent.name != "ledger":  # the storage layer speaks SQL; its errors are checked as raised
            found += phrases_outside_the_catalog(source, name)
    assert found == [], "\n".join(found)


def test_the_check_finds_a_planted_literal():
    planted = (
        'import typer\ndef f(x):\n    typer.echo(f"Wrote {x}")\n    raise InputError("bad " + x)\n'
        '    problems.append(f"state is {x} but the log says so")\n'
    )
    assert shown_literals(planted) == ["<source>:3: 'Wrote '", "<source>:4: 'bad '"]
    assert phrases_outside_the_catalog(planted) == ["<source>:5: 'state is '", "<source>:5: ' but the log says so'"]
    passed = (
        'def f(x):\n    """A docstring is for developers."""\n    typer.echo(_("Wrote {x}").format(x=x))\n'
        '    raise InputError(_("bad {x}").format(x=x))\n    problems.append(_("state is {x}").format(x=x))\n'
        '    run(f"inspect-cli walk {x}")\n'
    )
    assert shown_literals(passed) == [] and phrases_outside_the_catalog(passed) == []
