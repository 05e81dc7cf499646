"""Imports inside functions are for start-up time only: each names a module inspect_cli/lazy_imports.py lists, every
listed module is imported so somewhere, and none of them is loaded by a bare start-up."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from conftest import REPO

PACKAGE = REPO / "inspect_cli"
FILES = sorted(PACKAGE.rglob("*.py"))


def _function_level_imports():
    """(path, line, module) of every import inside a function; `from a import b` gives a.b, or a when a is a module
    of inspect_cli and a.b is not."""
    for path in FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import):
                    yield from ((path, node.lineno, alias.name) for alias in node.names)
                elif isinstance(node, ast.ImportFrom):
                    modules = {f"{node.module}.{alias.name}" for alias in node.names}
                    if node.module.startswith("inspect_cli"):
                        modules = (modules & _PACKAGE_MODULES) or {node.module}
                    yield from ((path, node.lineno, module) for module in sorted(modules))


_PACKAGE_MODULES = {
    ".".join(("inspect_cli", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
    for path in FILES
}


def _lazily_listed(module: str) -> str | None:
    """The name in LAZY_IMPORTS that allows importing `module` inside a function: a module of inspect_cli by its
    own name, a library's module by the package named."""
    from inspect_cli.lazy_imports import LAZY_IMPORTS

    if module.startswith("inspect_cli"):
        return module if module in LAZY_IMPORTS else None
    return next((name for name in LAZY_IMPORTS if module == name or module.startswith(name + ".")), None)


def test_a_function_imports_only_what_start_up_time_asks_it_to():
    unlisted = [
        f"{path.relative_to(REPO)}:{line}: {module}"
        for path, line, module in _function_level_imports()
        if _lazily_listed(module) is None
    ]
    assert unlisted == []


def test_every_module_imported_lazily_is_imported_so_somewhere():
    from inspect_cli.lazy_imports import LAZY_IMPORTS

    used = {_lazily_listed(module) for _path, _line, module in _function_level_imports()}
    assert set(LAZY_IMPORTS) - used == set()


def test_what_is_imported_lazily_is_not_loaded_by_a_bare_start_up_nor_the_help():
    """Loading a listed module at start-up anyway would make its function-level imports pointless; of inspect_cli's
    own, the help loads only the tables module, whose line breaking it uses."""
    from inspect_cli.lazy_imports import LAZY_IMPORTS

    script = (
        "import json, sys\n"
        "import inspect_cli.cli\n"
        "print(json.dumps(sorted(sys.modules)))\n"
        "sys.argv = ['inspect-cli', '--help']\n"
        "try:\n"
        "    inspect_cli.cli.main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    started, helped = (set(json.loads(line)) for line in ran.stdout.splitlines() if line.startswith("["))
    assert {name for name in LAZY_IMPORTS if name in started} == set()
    assert {name for name in LAZY_IMPORTS if name in helped and name.startswith("inspect_cli")} == {
        "inspect_cli.render.table"
    }
