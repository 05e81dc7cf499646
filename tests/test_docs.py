"""The docs match the code: commands named in README and docs exist, examples parse, exit codes agree."""

from __future__ import annotations

import re
import shlex

import pytest
from conftest import REPO

from inspect_cli import exceptions
from inspect_cli.cli import command_tree
from inspect_cli.core.config import load_config

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md")), *sorted((REPO / "docs" / "zh").glob("*.md"))]


def _command_paths():
    root = command_tree()
    paths = set()
    for name, command in root.commands.items():
        paths.add((name,))
        for sub in getattr(command, "commands", {}):
            paths.add((name, sub))
    return paths


def _mentions():
    for doc in DOCS:
        for line in doc.read_text(encoding="utf-8").splitlines():
            for match in re.finditer(r"inspect-cli ((?:[a-z]+)(?: [a-z]+)?)", line):
                yield doc.name, tuple(match[1].split())


@pytest.mark.parametrize("doc, words", sorted(set(_mentions())))
def test_commands_in_docs_exist(doc, words):
    paths = _command_paths()
    groups = {p[0] for p in paths if len(p) == 2}
    assert (words[0],) in paths, f"{doc} names an unknown command: inspect-cli {words[0]}"
    if words[0] in groups and len(words) == 2:
        assert words in paths, f"{doc} names an unknown command: inspect-cli {' '.join(words)}"


def test_readme_test_command_is_what_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = (
        "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/ruff check . && "
        ".venv/bin/ruff format --check . && .venv/bin/mypy && .venv/bin/python -m pytest -n auto"
    )
    assert command in readme and command in ci


def test_exit_codes_in_readme_match_the_code():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code in (exceptions.EXIT_OK, exceptions.EXIT_FINDINGS, exceptions.EXIT_USAGE, exceptions.EXIT_STORAGE):
        assert f"| {code} |" in readme
    assert exceptions.StorageError.exit_code == 3 and exceptions.InputError.exit_code == 2


def test_config_example_in_docs_is_valid(tmp_path):
    text = (REPO / "docs" / "notices-and-deadlines.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[notices\].*?)```", text, re.S)[1]
    path = tmp_path / "inspect.toml"
    path.write_text(example, encoding="utf-8")
    config = load_config(path)
    assert config.code == "荆法督" and config.soon_days == 7 and config.record_template.endswith("record.md.j2")


def test_answers_example_in_docs_is_valid(tmp_path):
    from inspect_cli.core.answers import load_answers

    text = (REPO / "docs" / "walk-and-ledger.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[\[answers\]\].*?)```", text, re.S)[1]
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "0312.jpg").write_bytes(b"jpeg")
    path = tmp_path / "answers.toml"
    path.write_text(example, encoding="utf-8")
    assert [a.task_id for a in load_answers(path)] == ["1", "2"]


def test_checklist_commands_refuse_malformed_files_in_one_line(invoke, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[checklist\n", encoding="utf-8")
    for args in (("checklist", "show", bad), ("checklist", "units", bad), ("deadlines", bad)):
        result = invoke(*args)
        assert result.exit_code == 2 and result.stderr.startswith(f"Error: {bad}:1: malformed TOML")
        assert result.stderr.count("\n") == 1, shlex.join(map(str, args))
