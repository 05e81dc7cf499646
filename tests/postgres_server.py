"""A real PostgreSQL server for the tests, and a fresh database per test, dropped afterwards.

The server is the one at INSPECT_TEST_POSTGRES (a postgresql:// URL to an existing database) if set, else the one at
127.0.0.1:5432 if it answers, else a throwaway server started in a temporary folder when PostgreSQL's programs
(initdb, pg_ctl) are installed. Without any of these the tests that need it skip and say why, except under CI
(CI=true), where a missing server fails them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import uuid
from pathlib import Path

import pytest

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def _answers(url: str) -> str | None:
    """None when the server at `url` accepts a connection, else why not."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_throwaway(folder: Path) -> tuple[str, list[str]] | None:
    """Start a private server with initdb and pg_ctl; (admin URL, stop command), or None without the programs."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not (initdb and pg_ctl) or os.geteuid() == 0:  # the server refuses to run as root
        return None
    data, port = folder / "data", _free_port()
    subprocess.run(
        [initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"], check=True, capture_output=True
    )
    subprocess.run(
        [
            pg_ctl,
            "-D",
            str(data),
            "-l",
            str(folder / "log"),
            "-w",
            "-o",
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    return f"postgresql://postgres@127.0.0.1:{port}/postgres", [pg_ctl, "-D", str(data), "-m", "immediate", "stop"]


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    """The admin URL of a PostgreSQL server the tests may create databases on."""
    url = os.environ.get("INSPECT_TEST_POSTGRES") or DEFAULT_URL
    problem = _answers(url)
    stop = None
    if problem and not os.environ.get("INSPECT_TEST_POSTGRES"):
        started = _start_throwaway(tmp_path_factory.mktemp("postgres"))
        if started:
            url, stop = started
            problem = _answers(url)
    if problem:
        reason = f"no PostgreSQL server for the office-ledger tests ({url}: {problem}); set INSPECT_TEST_POSTGRES"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    yield url
    if stop:
        subprocess.run(stop, capture_output=True)


def database_url(server: str, name: str) -> str:
    """The URL of database `name` on the server of `server`."""
    return server.rsplit("/", 1)[0] + "/" + name


def create_database(server: str) -> str:
    """Create an empty database with a fresh name; returns its URL."""
    import psycopg

    name = f"inspect_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return database_url(server, name)


def drop_database(server: str, url: str) -> None:
    """Drop a test database, closing whatever still holds it."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_database(postgres_server):
    """The URL of a fresh, empty database, dropped after the test."""
    url = create_database(postgres_server)
    yield url
    drop_database(postgres_server, url)


@pytest.fixture
def postgres_databases(postgres_server):
    """A factory of fresh databases (each dropped after the test)."""
    made: list[str] = []

    def make() -> str:
        made.append(create_database(postgres_server))
        return made[-1]

    yield make
    for url in made:
        drop_database(postgres_server, url)
