"""Where inspect-cli keeps its data: one settings object that every path comes from."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from inspect_cli.i18n import N_

if TYPE_CHECKING:
    from inspect_cli.domain.limits import Limits

APP_NAME = "inspect-cli"
# How --ledger and --config are found, as their help says it (the root's options and every command's).
LEDGER_HELP = N_(
    "Ledger: a file, or a postgresql:// URL (default: INSPECT_LEDGER, else [ledger] location in the config, "
    "else a file in the user data folder)."
)
CONFIG_HELP = N_("Config file inspect.toml (default: INSPECT_CONFIG, else the user config folder).")


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
    ledger_given: bool = True  # named by --ledger, INSPECT_LEDGER or the config, not the default in the user folder
    create: bool = False  # --create: a write may make the named ledger's missing folder

    @classmethod
    def from_environment(
        cls, ledger: str | Path | None = None, config: Path | None = None, create: bool = False
    ) -> Settings:
        """Build settings from explicit options, then INSPECT_LEDGER / INSPECT_CONFIG / INSPECT_CACHE, then
        `[ledger] location` in the config file, then the user folders."""
        from inspect_cli.ledger import is_url

        config_path = config_path_for(config)
        location = str(ledger or "") or os.environ.get("INSPECT_LEDGER", "") or _configured_ledger(config_path)
        if is_url(location):
            where: str | Path = location
        else:
            where = Path(location).expanduser() if location else _user_data_dir() / "ledger.db"
        cache_dir = _env_path("INSPECT_CACHE") or _user_cache_dir()
        return cls(
            ledger=where, config_path=config_path, cache_dir=Path(cache_dir), ledger_given=bool(location), create=create
        )

    @cached_property
    def limits(self) -> Limits:
        """What inspect-cli reads at most: the defaults, with the config file's [limits] over them."""
        from inspect_cli.core.config import load_config

        return load_config(self.config_path).limits

    def ledger_exists(self) -> bool:
        """Whether there is a ledger to read (a reader never creates one)."""
        from inspect_cli.ledger import ledger_exists

        return ledger_exists(self.ledger, self.ledger_given)

    @property
    def may_make_folder(self) -> bool:
        """Whether a write may make the ledger's folder: the default one, or a named one with --create."""
        return self.create or not self.ledger_given


# The run in progress: the root command's --ledger and --config, and the settings built once from them.
_run: tuple[str | None, Path | None, Settings] | None = None


# Whether this run put a config file's limits and path in force; without a config file the defaults stand and
# nothing more is read or loaded.
_configured = False


def start_run(ledger: str | None, config: Path | None, create: bool = False) -> Settings:
    """Build this run's settings from the root command's options; every command then uses them, and the lower
    layers are handed the limits and the config file in force."""
    global _run, _configured
    _run = (ledger, config, Settings.from_environment(ledger=ledger, config=config, create=create))
    built = _run[2]
    if built.config_path.exists():
        from inspect_cli.core import config as office_config
        from inspect_cli.domain import limits

        limits.put_in_force(built.limits)
        office_config.put_in_force(built.config_path)
        _configured = True
    return built


def end_run() -> None:
    """Forget this run's settings, limits and config file (the next run, or a library call, builds its own)."""
    global _run, _configured
    _run = None
    if _configured:
        from inspect_cli.core import config as office_config
        from inspect_cli.domain import limits

        limits.put_in_force(limits.DEFAULTS)
        office_config.put_in_force(None)
        _configured = False


def current(ledger: str | Path | None = None, config: Path | None = None) -> Settings:
    """The settings in force: this run's, unless a command's own --ledger or --config (given after the command
    name) overrides them; outside a run, built from the environment."""
    if _run is None:
        return Settings.from_environment(ledger=ledger, config=config)
    root_ledger, root_config, built = _run
    if ledger is None and config is None:
        return built
    return Settings.from_environment(ledger=ledger or root_ledger, config=config or root_config, create=built.create)


def config_path_for(config: Path | None = None) -> Path:
    """The config file in force: --config, else INSPECT_CONFIG, else inspect.toml in the user config folder."""
    return Path(config or _env_path("INSPECT_CONFIG") or _user_config_dir() / "inspect.toml")


def _configured_ledger(config_path: Path) -> str:
    """`[ledger] location` of the config file, if it names one (read only when no option or variable does)."""
    if not config_path.exists():
        return ""
    from inspect_cli.core.config import load_config

    return load_config(config_path).ledger_location


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None
