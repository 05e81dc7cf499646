"""Plan import on other offices' real plans, compared task by task with what a careful reader finds.

Run as a script to print the per-document figures:
    .venv/bin/python tests/test_real_plans.py
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import CORPUS  # noqa: E402

from inspect_cli.domain.textnorm import comparable  # noqa: E402
from inspect_cli.exceptions import InputError  # noqa: E402
from inspect_cli.formats.plan_import import import_plan  # noqa: E402

REAL_PLANS = CORPUS / "real" / "plans"
PLAN_FILES = sorted(path for path in REAL_PLANS.glob("*") if path.suffix in (".txt", ".html"))
THRESHOLD = 0.95
_PUNCTUATION = " \t\n,.;:!?'\"，。；：、！？“”‘’·…—-"


def unit_key(name: str) -> str:
    """A unit name as the corpus README compares it: NFKC, surrounding punctuation removed."""
    return "".join(unicodedata.normalize("NFKC", name).split()).strip(_PUNCTUATION)


def _matched(tasks, expected: list[dict]) -> list:
    """Each expected task's imported task: the first after the previous match whose text holds its fragment.

    The expected files list tasks in plan order, so a short fragment (长效机制) is looked for after the task before it.
    """
    matched, start = [], 0
    for entry in expected:
        wanted = comparable(entry["fragment"])
        index = next((i for i in range(start, len(tasks)) if wanted in comparable(tasks[i].text)), None)
        matched.append(tasks[index] if index is not None else None)
        start = index + 1 if index is not None else start
    return matched


@dataclass(frozen=True)
class Outcome:
    """How one expected task came out of the import: found, units exact, deadline fields exact."""

    fragment: str
    found: bool
    units_exact: bool
    deadline_exact: bool
    got: str
    marked: bool = False  # the task carries a review mark

    @property
    def exact(self) -> bool:
        return self.units_exact and self.deadline_exact

    @property
    def silently_wrong(self) -> bool:
        """Wrong, or not found, with no review mark saying so."""
        return not self.exact and not self.marked


def compare(task, expected: dict) -> Outcome:
    """Compare one imported task (or None) with one expected entry of NAME.expected.json."""
    fragment = expected["fragment"]
    if task is None:
        return Outcome(fragment, False, False, False, "not found")
    lead = [unit_key(u) for u in task.lead_units]
    responsible = [unit_key(u) for u in task.responsible_units]
    want_lead = [unit_key(u) for u in expected["lead_units"]]
    want_responsible = [unit_key(u) for u in expected["responsible_units"]]
    if expected.get("split_ambiguous"):
        units_exact = sorted(set(lead + responsible)) == sorted(set(want_lead + want_responsible))
    else:
        units_exact = lead == want_lead and responsible == want_responsible
    due = task.due.isoformat() if task.due else None
    deadline_exact = (
        comparable(task.deadline) == comparable(expected["deadline"])
        and due == expected["due"]
        and (task.recurrence is not None) == expected["recurring"]
        and task.ongoing == expected["ongoing"]
    )
    got = f"lead={list(task.lead_units)} resp={list(task.responsible_units)} deadline={task.deadline!r} due={due}"
    return Outcome(fragment, True, units_exact, deadline_exact, got, bool(task.review))


@dataclass(frozen=True)
class DocumentFigures:
    """One document's figures: tasks expected, found, exact on units, on deadlines, on both; refused or not."""

    name: str
    refused: str
    outcomes: tuple[Outcome, ...]
    imported_tasks: int
    warnings: int

    def count(self, attribute: str) -> int:
        return sum(1 for outcome in self.outcomes if getattr(outcome, attribute))


def measure(path: Path) -> DocumentFigures:
    """Import one real plan and compare every expected task."""
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    try:
        result = import_plan(path)
    except InputError as error:
        outcomes = tuple(Outcome(entry["fragment"], False, False, False, "refused") for entry in expected)
        return DocumentFigures(path.name, error.message, outcomes, 0, 0)
    tasks = result.checklist.tasks
    outcomes = tuple(compare(task, entry) for task, entry in zip(_matched(tasks, expected), expected, strict=False))
    return DocumentFigures(path.name, "", outcomes, len(tasks), len(result.warnings))


@pytest.fixture(scope="module")
def figures() -> list[DocumentFigures]:
    return [measure(path) for path in PLAN_FILES]


def table(all_figures: list[DocumentFigures]) -> str:
    """The per-document figures as a plain text table."""
    rows = [
        "document                              expected found units deadline exact marked silent imported warnings "
        "refused"
    ]
    totals = [0, 0, 0, 0, 0, 0, 0]
    for doc in all_figures:
        counts = [
            len(doc.outcomes),
            doc.count("found"),
            doc.count("units_exact"),
            doc.count("deadline_exact"),
            doc.count("exact"),
            doc.count("marked"),
            doc.count("silently_wrong"),
        ]
        totals = [a + b for a, b in zip(totals, counts, strict=False)]
        rows.append(
            f"{doc.name:38}{counts[0]:8}{counts[1]:6}{counts[2]:6}{counts[3]:9}{counts[4]:6}{counts[5]:7}"
            f"{counts[6]:7}{doc.imported_tasks:9}{doc.warnings:9} {'yes' if doc.refused else 'no'}"
        )
    rows.append(
        f"{'total':38}{totals[0]:8}{totals[1]:6}{totals[2]:6}{totals[3]:9}{totals[4]:6}{totals[5]:7}{totals[6]:7}"
    )
    return "\n".join(rows)


def test_the_corpus_is_there():
    assert len(PLAN_FILES) >= 9, f"expected the real plans in {REAL_PLANS}"


@pytest.mark.parametrize("path", PLAN_FILES, ids=[path.stem for path in PLAN_FILES])
def test_no_real_plan_is_refused(path):
    assert measure(path).refused == ""


def assert_exact_share(figures: list[DocumentFigures], threshold: float) -> None:
    """At least `threshold` of the expected tasks come out with units and deadline exact; the misses listed if not."""
    outcomes = [outcome for doc in figures for outcome in doc.outcomes]
    exact = sum(1 for outcome in outcomes if outcome.exact)
    misses = [f"{doc.name}: {o.fragment}: {o.got}" for doc in figures for o in doc.outcomes if not o.exact]
    assert exact / len(outcomes) >= threshold, "\n".join(misses)


def assert_nothing_silent(figures: list[DocumentFigures]) -> None:
    """Every task whose units or deadline differ from what a reader finds carries a review mark."""
    silent = [f"{doc.name}: {o.fragment}: {o.got}" for doc in figures for o in doc.outcomes if o.silently_wrong]
    assert not silent, "\n".join(silent)


def print_figures(plan_files: list[Path]) -> None:
    """The figures of each plan as a table; with -v, every miss and refusal after it."""
    measured = [measure(path) for path in plan_files]
    print(table(measured))
    if "-v" in sys.argv:
        for doc in measured:
            if doc.refused:
                print(f"REFUSED {doc.name}: {doc.refused}")
            for outcome in doc.outcomes:
                if not outcome.exact:
                    print(f"MISS {doc.name}: {outcome.fragment}: {outcome.got}{' [marked]' if outcome.marked else ''}")


def test_units_and_deadlines_match_what_a_reader_finds(figures):
    print("\n" + table(figures))
    assert_exact_share(figures, THRESHOLD)


def test_nothing_wrong_is_silent(figures):
    """Every task whose units or deadline differ from what a reader finds carries a review mark."""
    assert_nothing_silent(figures)


if __name__ == "__main__":
    print_figures(PLAN_FILES)


def _relaid_rows(name: str) -> list[tuple[str, str, str, str]]:
    """A real plan's tasks as table rows (number, task, lead, others), cut out of its text here in the test."""
    text = unicodedata.normalize("NFKC", (REAL_PLANS / name).read_text(encoding="utf-8"))
    rows = []
    for number, task, lead, others in re.findall(r"^(\d+)\.\s*(.+)\(([^()]+?)牵头,(.+?)配合\)$", text, re.MULTILINE):
        rows.append((number, task, lead, others))
    return rows


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_real_plan_relaid_as_a_table(tmp_path, suffix):
    rows = _relaid_rows("guandu-2016-wenzengzhang.txt")
    assert len(rows) == 4
    headers = ("序号", "重点任务", "牵头单位", "配合单位")
    path = tmp_path / f"relaid{suffix}"
    if suffix == ".docx":
        import docx

        document = docx.Document()
        document.add_paragraph("稳增长促发展若干政策措施任务分解表")
        table = document.add_table(rows=1 + len(rows), cols=4)
        for row, values in enumerate([headers, *rows]):
            for column, value in enumerate(values):
                table.cell(row, column).text = value
        document.save(path)
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.active.append(headers)
        for values in rows:
            workbook.active.append(list(values))
        workbook.save(path)
    tasks = import_plan(path).checklist.tasks
    expected = json.loads((REAL_PLANS / "guandu-2016-wenzengzhang.expected.json").read_text(encoding="utf-8"))
    outcomes = [compare(task, entry) for task, entry in zip(_matched(tasks, expected), expected, strict=False)]
    assert all(outcome.exact for outcome in outcomes), [outcome.got for outcome in outcomes if not outcome.exact]


@pytest.mark.parametrize("layout", ["pipe rows", "one cell per line", "pipe rows with merged cells"])
def test_a_real_plan_relaid_as_a_table_pasted_from_a_web_page(tmp_path, layout):
    rows = _relaid_rows("guandu-2016-wenzengzhang.txt")
    headers = ("序号", "类别", "重点任务", "牵头单位", "配合单位")
    table = [headers, *[(number, "稳增长", task, lead, others) for number, task, lead, others in rows]]
    if layout == "pipe rows":
        text = "\n".join(" | ".join(row) + " |" for row in table)
    elif layout == "pipe rows with merged cells":  # the category cell written on its first row only
        text = "\n".join(" | ".join(row if index < 2 else (row[0], *row[2:])) + " |" for index, row in enumerate(table))
    else:
        text = "\n|\n".join(cell for row in table for cell in row) + "\n|"
    path = tmp_path / "relaid.txt"
    path.write_text("稳增长促发展若干政策措施任务分解表\n" + text + "\n", encoding="utf-8")
    tasks = import_plan(path).checklist.tasks
    expected = json.loads((REAL_PLANS / "guandu-2016-wenzengzhang.expected.json").read_text(encoding="utf-8"))
    outcomes = [compare(task, entry) for task, entry in zip(_matched(tasks, expected), expected, strict=False)]
    assert all(outcome.exact for outcome in outcomes), [outcome.got for outcome in outcomes if not outcome.exact]
    assert {task.part for task in tasks} == {"一"}
