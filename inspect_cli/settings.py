"""Where inspect-cli keeps its data: one settings object that every path comes from."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "inspect-cli"


def _user_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def _user_config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def _user_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Settings:
    """What is in force for one command: where the ledger is (a file or a server URL), the config file, the cache."""

    ledger: str | Path
    config_path: Path
    cache_dir: Path

    @classmethod
    def from_environment(cls, ledger: str | Path | None = None, config: Path | None = None) -> "Settings":
        """Build settings from explicit options, then INSPECT_LEDGER / INSPECT_CONFIG / INSPECT_CACHE, then
        `[ledger] location` in the config file, then the user folders."""
        from inspect_cli.ledger import is_url

        config_path = Path(config or _env_path("INSPECT_CONFIG") or _user_config_dir() / "inspect.toml")
        location = str(ledger or "") or os.environ.get("INSPECT_LEDGER", "") or _configured_ledger(config_path)
        if is_url(location):
            where: str | Path = location
        else:
            where = Path(location).expanduser() if location else _user_data_dir() / "ledger.db"
        cache_dir = _env_path("INSPECT_CACHE") or _user_cache_dir()
        return cls(ledger=where, config_path=config_path, cache_dir=Path(cache_dir))

    def ledger_exists(self) -> bool:
        """Whether there is a ledger to read (a reader never creates one)."""
        from inspect_cli.ledger import ledger_exists

        return ledger_exists(self.ledger)


def _configured_ledger(config_path: Path) -> str:
    """`[ledger] location` of the config file, if it names one (read only when no option or variable does)."""
    if not config_path.exists():
        return ""
    from inspect_cli.core.config import load_config

    return load_config(config_path).ledger_location


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None
