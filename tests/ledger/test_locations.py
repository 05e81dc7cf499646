"""Where a ledger is (ledger/__init__.py): commands that only read never create or migrate one; a named ledger file
whose folder does not exist is a storage error, made only by a walk or with --create."""

from __future__ import annotations

import pytest
from conftest import JINGMEN_CHECKLIST, REPO

ANSWERS = REPO / "sample_reports" / "answers.toml"
READERS = [
    ("deadlines", str(JINGMEN_CHECKLIST), "--as-of", "2017-12-01", "--format", "json"),
    ("notices", "list", "--status", "all"),
    ("inspections", "list"),
    ("calendar", "check"),
]


def _tables(url: str) -> list[str]:
    import psycopg

    with psycopg.connect(url) as connection:
        return [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            )
        ]


def test_deadlines_on_an_empty_office_database_leaves_it_without_tables(invoke, postgres_database):
    result = invoke(
        "--ledger", postgres_database, "deadlines", JINGMEN_CHECKLIST, "--as-of", "2017-12-01", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().startswith("[")  # the plan's tasks, nothing from a ledger
    for command in READERS[1:]:
        invoke("--ledger", postgres_database, *command)
    assert _tables(postgres_database) == []


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0] + "-" + c[1])
def test_reading_a_ledger_in_a_folder_that_does_not_exist_is_exit_3(invoke, tmp_path, command):
    where = tmp_path / "nowhere" / "ledger.db"
    result = invoke("--ledger", where, *command)
    assert result.exit_code == 3, result.output
    assert f"{where.parent}: no such folder" in result.stderr
    assert not where.parent.exists()


def test_a_write_makes_the_folder_only_with_create_or_a_walk(invoke, tmp_path):
    laptop = tmp_path / "laptop.db"
    walked = invoke(
        "--ledger",
        laptop,
        "walk",
        JINGMEN_CHECKLIST,
        "--unit",
        "市编办",
        "--inspector",
        "张三",
        "--date",
        "2017-03-01",
        "--answers",
        ANSWERS,
        "--finalize",
    )
    assert walked.exit_code == 0, walked.output
    office = tmp_path / "office" / "ledger.db"
    refused = invoke("--ledger", laptop, "inspections", "push", "--to", office)
    assert refused.exit_code == 3 and "--create" in refused.stderr and not office.parent.exists()
    refused = invoke("--ledger", office, "inspections", "pull", "--from", laptop)
    assert refused.exit_code == 3 and "--create" in refused.stderr and not office.parent.exists()
    made = invoke("--create", "--ledger", office, "inspections", "pull", "--from", laptop)
    assert made.exit_code == 0, made.output
    assert office.exists()
    first = tmp_path / "new" / "walks" / "ledger.db"
    walked = invoke(
        "--ledger",
        first,
        "walk",
        JINGMEN_CHECKLIST,
        "--unit",
        "市编办",
        "--inspector",
        "张三",
        "--date",
        "2017-03-01",
        "--answers",
        ANSWERS,
    )
    assert walked.exit_code == 0 and first.exists()
