"""Hostile inputs, run as a user would: every reading command in its own process, with no terminal and a time limit.

Each case in tests/fixtures/hostile/ (and each large one built by tests/hostile.py) must end in one `Error: …` line
naming the file, exit 2, no traceback, and leave the ledger as it was. The sweep then feeds generated inputs to
every reading command: exit codes in the documented set, no traceback, output in time. It is quick by default;
INSPECT_SWEEP=long (or `--sweep-long`) runs the nightly profile of 2,000+ inputs.

How long each case takes (CPU time) is measured by benchmarks/bench_hostile.py; the limit here only catches a hang.
"""

from __future__ import annotations

import os
import random
import shutil

import hostile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HANG = 30.0  # seconds: far beyond any case (each takes well under 5 s of CPU), so a slow machine never flakes


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A folder with a ledger holding inspection 1 of 市编办, finalized."""
    folder = tmp_path_factory.mktemp("hostile-office")
    made = hostile.run(
        (
            "walk",
            hostile.CHECKLIST,
            "--unit",
            "市编办",
            "--inspector",
            "张三",
            "--date",
            "2017-03-01",
            "--answers",
            hostile.ANSWERS,
            "--finalize",
        ),
        hostile.environment(folder),
        folder,
        HANG,
    )
    assert made.code == 0, made.stderr
    return folder


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return {path.name: path for path in hostile.write_large(tmp_path_factory.mktemp("hostile-large"))}


SMALL_CASES = sorted(path.name for path in hostile.FIXTURES.iterdir())
CASES = [
    (name, index)
    for name in SMALL_CASES + sorted(hostile.LARGE)
    for index in range(len(hostile.ROLES[name.split(".")[1]]))
]


def test_the_small_cases_in_the_repository_are_the_ones_the_builders_make(tmp_path):
    hostile.write_small(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == SMALL_CASES
    for name in SMALL_CASES:
        assert (tmp_path / name).read_bytes() == (hostile.FIXTURES / name).read_bytes(), name


@pytest.mark.parametrize(("name", "index"), CASES, ids=[f"{name}-{index}" for name, index in CASES])
def test_a_hostile_case_is_one_line_naming_the_file_and_exit_2(name, index, office, large, tmp_path):
    path = large.get(name) or hostile.FIXTURES / name
    before = hostile.ledger_dump(office / "ledger.db")
    command = hostile.commands_for(path, tmp_path / "out.toml")[index]
    done = hostile.run(command, hostile.environment(office), tmp_path, HANG)
    assert done.in_time, (command, done.wall)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.code == 2, (done.code, done.stderr[-2000:])
    error = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
    assert len(error) == 1 and done.stderr.endswith("\n") and done.stderr.count("\n") == 1, done.stderr[-2000:]
    assert path.name in error[0], error[0]
    cause = name.split("--")[0]
    if cause.startswith("limit-"):  # the limit is named, with the key that raises it
        assert f"[limits] {cause.removeprefix('limit-')}" in error[0], error[0]
    assert hostile.ledger_dump(office / "ledger.db") == before
    assert not (tmp_path / "out.toml").exists()


# ------------------------------------------------------------------ the sweep

LONG = os.environ.get("INSPECT_SWEEP", "") == "long"
# quick: two inputs per reader; long (nightly): 190 per reader, over 2,000 runs of a command in all
SWEEP = settings(
    max_examples=190 if LONG else 2,
    deadline=None,
    derandomize=not LONG,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

fragments = st.sampled_from(
    [
        "1. 推进政务公开",
        "（一）",
        "一、",
        "（责任单位：市司法局）",
        "2017年底前完成",
        "每年",
        "<p>",
        "</p>",
        "<table>",
        "<tr>",
        '<td colspan="999" rowspan="99999">',
        "</td>",
        "<div>",
        "<option>",
        "[[tasks]]\n",
        "[[answers]]\n",
        'task = "1"\n',
        'status = "n"\n',
        'note = "x"\n',
        "recurrence = ",
        '"FREQ=YEARLY;BYDAY=+60MO"',
        "{{",
        "}}",
        "{%",
        "%}",
        "range(",
        "namespace(",
        "99999999999999999999999",
        "\x00",
        "\ufeff",
        "\\",
        '"',
        "'''",
        "\n",
        " " * 5,
        "9" * 40,
        "[limits]\n",
        "cells = ",
        "-1",
        "0",
    ]
)
text_inputs = st.one_of(st.text(max_size=400), st.lists(fragments, max_size=80).map("".join))
byte_inputs = st.one_of(
    st.binary(max_size=600),
    text_inputs.map(lambda text: text.encode("utf-8")),
    text_inputs.map(lambda text: text.encode("gb18030", errors="replace")),
)


def _mutated_container(seed: int) -> bytes:
    """One of the office cases with bytes flipped: a zip whose parts are damaged in a new way each time."""
    rng = random.Random(seed)
    name = rng.choice([n for n in SMALL_CASES if n.endswith((".xlsx", ".docx"))])
    data = bytearray((hostile.FIXTURES / name).read_bytes())
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


SWEEP_TARGETS = {
    "plan.txt": byte_inputs,
    "plan.md": byte_inputs,
    "plan.html": byte_inputs,
    "report.html": byte_inputs,
    "plan.docx": st.integers(0, 2**32).map(_mutated_container),
    "plan.xlsx": st.integers(0, 2**32).map(_mutated_container),
    "template.md.j2": byte_inputs,
    "checklist.toml": byte_inputs,
    "answers.toml": byte_inputs,
    "export.json": byte_inputs,
    "config.toml": byte_inputs,
}


@pytest.fixture(scope="module")
def tally():
    """How many inputs the sweep ran, and how many ended in a traceback or past the time limit (printed at the end)."""
    counts = {"inputs": 0, "tracebacks": 0, "over_time": 0}
    yield counts
    print(
        f"\nsweep ({'long' if LONG else 'quick'}): {counts['inputs']} inputs, {counts['tracebacks']} tracebacks, "
        f"{counts['over_time']} over the time limit"
    )


@pytest.mark.parametrize("target", sorted(SWEEP_TARGETS))
def test_the_sweep(target, office, tally, tmp_path):
    ledger = office / "ledger.db"
    backup = tmp_path / "ledger.db"
    shutil.copy(ledger, backup)

    @SWEEP
    @given(data=SWEEP_TARGETS[target])
    def sweep(data):
        path = tmp_path / f"input.{target}"
        path.write_bytes(data)
        for command in hostile.commands_for(path, tmp_path / "out.toml"):
            before = hostile.ledger_dump(ledger)
            done = hostile.run(command, hostile.environment(office), tmp_path, HANG)
            tally["inputs"] += 1
            tally["tracebacks"] += "Traceback" in done.stderr + done.stdout
            tally["over_time"] += not done.in_time
            assert done.in_time, (command, data[:200])
            assert "Traceback" not in done.stderr + done.stdout, (command, data[:200], done.stderr[-3000:])
            assert done.code in hostile.DOCUMENTED_EXITS, (done.code, done.stderr[-2000:])
            if done.code != 0:
                assert hostile.ledger_dump(ledger) == before, (command, data[:200])
        # a command that succeeded may have added to the ledger: start the next input from the same one
        shutil.copy(backup, ledger)

    sweep()
    verified = hostile.run(("inspections", "verify"), hostile.environment(office), tmp_path, HANG)
    assert verified.code == 0, verified.stdout + verified.stderr
