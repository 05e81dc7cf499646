"""Every `inspect-cli …` example in README and docs parses: its command, options, choices and dates exist."""

from __future__ import annotations

import re
import shlex

import pytest
from conftest import REPO

from inspect_cli.cli import add_value_names, command_tree

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md")), *sorted((REPO / "docs" / "zh").glob("*.md"))]


def _examples():
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for block in re.findall(r"```sh\n(.*?)```", text, re.S):
            for line in block.replace("\\\n", " ").splitlines():
                for part in line.split("&&"):
                    part = part.strip()
                    if part.startswith("inspect-cli "):
                        yield doc.name, part


def _concrete(example: str) -> list[str]:
    """The example as arguments: optional `[--x a|b]` groups kept with their first choice."""
    example = re.sub(r"\[(--[^\]]+)\]", lambda m: m[1].split("|")[0], example)
    words = shlex.split(example, comments=True)[1:]
    # value placeholders stand for a value of their kind
    samples = {"DATE": "2017-03-10", "FILE": "file.txt", "N": "1"}
    return [samples.get(word, word) for word in words if word != "..."]


@pytest.mark.parametrize("doc, example", sorted(set(_examples())))
def test_doc_example_parses(doc, example):
    command = command_tree()
    add_value_names(command)
    args = _concrete(example)
    path = []
    # the root command's own options (--ledger URL, --config FILE) come before the command name
    root_options = {name for param in command.params for name in param.opts}
    while args and args[0] in root_options:
        args = args[2:]
    while hasattr(command, "commands"):
        assert args and args[0] in command.commands, f"{doc}: unknown command in {example}"
        path.append(args[0])
        command = command.commands[args.pop(0)]
    # parsing converts every value (dates, numbers, choices) and checks required options, without running
    command.make_context(" ".join(["inspect-cli", *path]), args, resilient_parsing=False)
