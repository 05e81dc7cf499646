"""Shared fixtures: the real corpus, the shipped checklist, and settings pointed at tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from postgres_server import postgres_database, postgres_databases, postgres_server  # noqa: F401 (fixtures)
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("INSPECT_CORPUS", REPO.parent / "shared" / "corpus"))
JINGMEN_PLAN = CORPUS / "plans" / "jingmen-2016-2020.txt"
JINGMEN_CHECKLIST = REPO / "checklists" / "jingmen-2016-2020.toml"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Every test gets its own ledger and config paths, never the user's."""
    monkeypatch.setenv("INSPECT_LEDGER", str(tmp_path / "ledger.db"))
    monkeypatch.setenv("INSPECT_CONFIG", str(tmp_path / "inspect.toml"))
    monkeypatch.setenv("INSPECT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "100")
    # the interface in English unless a test asks for Chinese (the product's default is the locale's, else zh)
    monkeypatch.setenv("INSPECT_LANG", "en")
    monkeypatch.delenv("LANGUAGE", raising=False)
    from inspect_cli import i18n, settings

    i18n.reset()
    settings.end_run()
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner):
    """Run an inspect-cli command in-process and return the result."""
    from inspect_cli.cli import app

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return run


@pytest.fixture(scope="session")
def jingmen_text() -> str:
    return JINGMEN_PLAN.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def jingmen():
    from inspect_cli.formats.checklist_toml import load_checklist

    return load_checklist(JINGMEN_CHECKLIST)


@pytest.fixture(scope="session")
def produced(tmp_path_factory):
    """The worked example (sample_pipeline.generate) run once: name → path of each document, the ledger beside them."""
    import sample_pipeline

    folder = tmp_path_factory.mktemp("sample")
    with pytest.MonkeyPatch.context() as patch:
        files = sample_pipeline.generate(folder, patch)
    return files


@pytest.fixture
def year(tmp_path, monkeypatch, invoke):
    """The scripted year of sample_year.py in a fresh ledger: its checklist, and a runner that checks exit codes."""
    from sample_year import build

    checklist = build(tmp_path, monkeypatch)

    def run(*args, code=0):
        result = invoke(*args)
        assert result.exit_code == code, (args, result.output)
        return result

    return checklist, run
