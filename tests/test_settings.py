"""Where the ledger, the config and the cache are: options, then variables, then the config file, then the user
folders; one run's settings built once and overridden by a command's own --ledger or --config."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspect_cli import settings
from inspect_cli.settings import Settings, config_path_for, current, end_run, start_run


@pytest.fixture(autouse=True)
def no_run_in_force():
    end_run()
    yield
    end_run()


def test_an_option_wins_over_the_variable(tmp_path):
    chosen = Settings.from_environment(ledger=str(tmp_path / "given.db"))
    assert chosen.ledger == tmp_path / "given.db" and chosen.ledger_given
    assert Settings.from_environment().ledger == tmp_path / "ledger.db"  # INSPECT_LEDGER, set for every test


def test_the_config_names_the_ledger_when_no_option_or_variable_does(tmp_path, monkeypatch):
    monkeypatch.delenv("INSPECT_LEDGER")
    (tmp_path / "inspect.toml").write_text(
        '[ledger]\nlocation = "postgresql://inspector@office-server/inspect"\n', encoding="utf-8"
    )
    chosen = Settings.from_environment()
    assert chosen.ledger == "postgresql://inspector@office-server/inspect" and chosen.ledger_given
    assert chosen.config_path == tmp_path / "inspect.toml" and chosen.ledger_exists()


def test_without_any_the_ledger_is_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("INSPECT_LEDGER")
    monkeypatch.delenv("INSPECT_CACHE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    chosen = Settings.from_environment()
    assert chosen.ledger == tmp_path / "data" / "inspect-cli" / "ledger.db"
    assert chosen.cache_dir == tmp_path / "cache-home" / "inspect-cli"
    # the default ledger's folder is made by the first write; a named one only with --create
    assert not chosen.ledger_given and chosen.may_make_folder and not chosen.ledger_exists()


def test_a_named_ledger_in_a_missing_folder_is_made_only_with_create(tmp_path):
    from inspect_cli.exceptions import StorageError

    named = Settings.from_environment(ledger=str(tmp_path / "nowhere" / "l.db"))
    assert not named.may_make_folder
    assert Settings.from_environment(ledger=str(tmp_path / "nowhere" / "l.db"), create=True).may_make_folder
    with pytest.raises(StorageError, match="no such folder"):
        named.ledger_exists()


def test_a_path_with_a_tilde_is_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert Settings.from_environment(ledger="~/l.db").ledger == tmp_path / "l.db"
    assert config_path_for(Path("given.toml")) == Path("given.toml")
    assert config_path_for() == tmp_path / "inspect.toml"  # INSPECT_CONFIG


def test_the_limits_come_from_the_configs_limits_table(tmp_path):
    (tmp_path / "inspect.toml").write_text("[limits]\ntext_bytes = 1000\n", encoding="utf-8")
    assert Settings.from_environment().limits.text_bytes == 1000


def test_a_run_builds_its_settings_once_and_a_commands_own_option_overrides_them(tmp_path):
    assert current().ledger == tmp_path / "ledger.db"  # outside a run: from the environment
    built = start_run(str(tmp_path / "root.db"), None, create=True)
    assert current() is built and built.create
    mine = current(ledger=tmp_path / "mine.db")
    assert mine.ledger == tmp_path / "mine.db" and mine.create  # --create of the root still holds
    assert current(config=tmp_path / "other.toml").ledger == tmp_path / "root.db"
    end_run()
    assert settings._run is None and current().ledger == tmp_path / "ledger.db"
