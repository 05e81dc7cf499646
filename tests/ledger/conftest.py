"""Every backend of the ledger interface, for the contract tests: each test runs once per backend."""

from __future__ import annotations

import pytest

# A new backend adds its name here and a branch in `ledger_location`: the same contract tests then run on it.
BACKENDS = ["sqlite"]


def ledger_location(backend: str, request, tmp_path):
    """Where a fresh, empty ledger of this backend is."""
    if backend == "sqlite":
        return tmp_path / "contract.db"
    if backend == "postgresql":
        return request.getfixturevalue("postgres_database")
    raise ValueError(backend)


@pytest.fixture(params=BACKENDS)
def location(request, tmp_path):
    """A fresh ledger location of each backend in turn."""
    return ledger_location(request.param, request, tmp_path)


@pytest.fixture
def ledger(location):
    """A fresh, open ledger of each backend in turn."""
    from inspect_cli.ledger import open_ledger

    with open_ledger(location) as opened:
        yield opened
