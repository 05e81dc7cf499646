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
    """Paths in force for one command: the ledger database and the config file."""

    ledger_path: Path
    config_path: Path
    cache_dir: Path

    @classmethod
    def from_environment(cls, ledger: Path | None = None, config: Path | None = None) -> "Settings":
        """Build settings from explicit options, then INSPECT_LEDGER / INSPECT_CONFIG / INSPECT_CACHE, then user folders."""
        ledger_path = ledger or _env_path("INSPECT_LEDGER") or _user_data_dir() / "ledger.db"
        config_path = config or _env_path("INSPECT_CONFIG") or _user_config_dir() / "inspect.toml"
        cache_dir = _env_path("INSPECT_CACHE") or _user_cache_dir()
        return cls(ledger_path=Path(ledger_path), config_path=Path(config_path), cache_dir=Path(cache_dir))


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None
