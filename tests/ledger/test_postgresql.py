"""The office ledger on a real PostgreSQL server: its guard, its errors, concurrent writers and advisory locks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pexpect
import psycopg
import pytest
from conftest import JINGMEN_CHECKLIST, REPO

from inspect_cli.exceptions import EXIT_STORAGE, NotFound, StorageError
from inspect_cli.ledger import open_location

PROMPT = r"\x1b\[0m>"
ANSWERS = REPO / "sample_reports" / "answers.toml"


def cli(*args, ledger: str, input: str | None = None):
    env = {**os.environ, "INSPECT_LEDGER": ledger, "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "inspect_cli", *map(str, args)],
        input=input,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def finalized(ledger: str, unit: str = "市编办", on: str = "2017-03-01") -> subprocess.CompletedProcess:
    """Walk a unit with the sample answers and finalize it."""
    run = cli(
        "walk",
        JINGMEN_CHECKLIST,
        "--unit",
        unit,
        "--inspector",
        "张三",
        "--date",
        on,
        "--answers",
        ANSWERS,
        "--finalize",
        ledger=ledger,
    )
    assert run.returncode == 0, run.stderr
    return run


def test_a_database_that_is_not_a_ledger_is_never_migrated(postgres_database):
    with psycopg.connect(postgres_database, autocommit=True) as connection:
        connection.execute("CREATE TABLE payroll (id int)")
    with pytest.raises(StorageError, match="not an inspect-cli ledger"):
        open_location(postgres_database)
    with psycopg.connect(postgres_database, autocommit=True) as connection:
        tables = {
            name
            for (name,) in connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        }
    assert tables == {"payroll"}


def test_a_ledger_from_a_newer_version_is_refused_untouched(postgres_database):
    from inspect_cli.ledger.postgresql import SCHEMA_VERSION

    open_location(postgres_database).close()
    with psycopg.connect(postgres_database, autocommit=True) as connection:
        marker = connection.execute("SELECT application, schema_version FROM inspect_cli_ledger").fetchone()
    assert marker == ("inspect-cli", SCHEMA_VERSION) and SCHEMA_VERSION >= 8
    with psycopg.connect(postgres_database, autocommit=True) as connection:
        connection.execute("UPDATE inspect_cli_ledger SET schema_version = 99")
    with pytest.raises(StorageError, match="newer than this inspect-cli"):
        open_location(postgres_database)


def test_a_reader_does_not_create_a_ledger_in_an_empty_database(postgres_database):
    with pytest.raises(NotFound, match="no ledger in this database yet"):
        open_location(postgres_database, create=False)
    run = cli("inspections", "list", ledger=postgres_database)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "no ledger in this database yet" in run.stderr


@pytest.mark.parametrize(
    "url, said",
    [
        ("postgresql://postgres@127.0.0.1:1/inspect", "cannot connect to the office ledger"),
        ("postgresql://nobody:secret@127.0.0.1:5432/postgres", "cannot connect to the office ledger"),
        ("postgresql://postgres@127.0.0.1:5432/no_such_database", "cannot connect to the office ledger"),
    ],
)
def test_connection_and_authentication_failures_are_one_line_storage_errors(postgres_server, url, said):
    if "5432" in url and ":5432/" not in postgres_server:
        pytest.skip("these addresses are of the machine's own server; the tests run on another")
    run = cli("inspections", "list", ledger=url)
    assert run.returncode == EXIT_STORAGE, run.stderr
    assert run.stderr.startswith("Error: ") and run.stderr.count("\n") == 1 and said in run.stderr
    assert "secret" not in run.stderr and "Traceback" not in run.stderr


def test_a_lost_connection_is_a_storage_error_and_keeps_what_was_committed(postgres_server, postgres_database):
    finalized(postgres_database)
    ledger = open_location(postgres_database)
    pid = ledger.connection.info.backend_pid
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(StorageError, match="lost the connection to the office ledger") as raised:
        ledger.inspections()
    assert raised.value.exit_code == EXIT_STORAGE
    with pytest.raises(StorageError):
        with ledger.transaction():
            ledger.log("test", "张三", "2017-03-01T10:00:00")
    ledger.close()
    with open_location(postgres_database) as again:
        assert [i.state for i in again.inspections()] == ["finalized"]


@pytest.mark.slow
def test_eight_processes_issuing_notices_at_once_get_serials_one_to_eight(postgres_database):
    for day in range(1, 9):
        finalized(postgres_database, on=f"2017-03-0{day}")
    env = {**os.environ, "INSPECT_LEDGER": postgres_database}
    issuing = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "inspect_cli",
                "notices",
                "issue",
                str(number),
                "--date",
                "2017-03-10",
                "--days",
                "30",
                "--code",
                "荆法督",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(1, 9)
    ]
    outputs = [process.communicate(timeout=120) for process in issuing]
    assert [process.returncode for process in issuing] == [0] * 8, outputs
    numbers = sorted(out.strip() for out, _ in outputs)
    assert numbers == sorted(f"荆法督〔2017〕{serial}号" for serial in range(1, 9))
    listed = json.loads(cli("notices", "list", "--status", "all", "--format", "json", ledger=postgres_database).stdout)
    assert sorted(notice["number"] for notice in listed) == numbers
    assert cli("inspections", "verify", ledger=postgres_database).returncode == 0


WALK = ["walk", str(JINGMEN_CHECKLIST), "--unit", "编办", "--inspector", "张三", "--date", "2017-03-10"]


def walk_answering_task_one(ledger: str):
    """A walk on a pseudo-terminal that has answered task 1 and waits at task 2."""
    env = {**os.environ, "INSPECT_LEDGER": ledger, "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable, ["-m", "inspect_cli", *WALK], env=env, encoding="utf-8", dimensions=(24, 80), timeout=30
    )
    child.expect(PROMPT)
    child.sendline("c")
    child.expect(r"\[2/16\]")
    child.expect(PROMPT)
    return child


@pytest.mark.slow
def test_a_killed_walk_releases_its_advisory_lock(postgres_database):
    child = walk_answering_task_one(postgres_database)
    second = cli(*WALK, "--resume", "1", ledger=postgres_database, input="c\n")
    assert second.returncode == 2 and "inspection 1 is open in another walk" in second.stderr
    child.kill(signal.SIGKILL)
    child.wait()
    # the server notices the dead client and drops its session, and the lock with it
    resumed = cli(*WALK, "--resume", "1", ledger=postgres_database, input="n\nq\n")
    assert resumed.returncode == 0, resumed.stderr
    with open_location(postgres_database) as ledger:
        results = ledger.results(1)
    assert results["1"].status.value == "compliant"


def test_a_walk_whose_server_goes_away_stops_in_one_line_and_keeps_its_answers(postgres_server, postgres_database):
    child = walk_answering_task_one(postgres_database)
    name = postgres_database.rsplit("/", 1)[1]
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
            "AND application_name = 'inspect-cli'",
            (name,),
        )
    child.sendline("x")
    child.expect(pexpect.EOF)
    child.close()
    said = child.before
    assert child.exitstatus == EXIT_STORAGE, said
    assert "Error: " in said and "lost the connection to the office ledger" in said and "Traceback" not in said
    with open_location(postgres_database) as ledger:
        results = ledger.results(1)
    assert results["1"].status.value == "compliant" and "2" not in results


@pytest.mark.slow
def test_three_laptops_pushing_at_once_to_an_empty_office_database_all_succeed(postgres_database, tmp_path):
    laptops = [str(tmp_path / f"laptop{number}.db") for number in range(3)]
    for number, laptop in enumerate(laptops):
        finalized(laptop, on=f"2017-03-0{number + 1}")
    pushing = [
        subprocess.Popen(
            [sys.executable, "-m", "inspect_cli", "--ledger", laptop, "inspections", "push", "--to", postgres_database],
            env=dict(os.environ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for laptop in laptops
    ]
    outputs = [process.communicate(timeout=120) for process in pushing]
    assert [process.returncode for process in pushing] == [0, 0, 0], outputs
    assert len(json.loads(cli("inspections", "list", "--format", "json", ledger=postgres_database).stdout)) == 3
    assert cli("inspections", "verify", ledger=postgres_database).returncode == 0
