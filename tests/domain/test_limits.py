"""The limits in force (domain/limits.py): the defaults, and the config file's [limits] once a run starts."""

from __future__ import annotations

from inspect_cli import settings
from inspect_cli.domain import limits as domain_limits


def _config(tmp_path, text: str) -> None:
    (tmp_path / "inspect.toml").write_text(text, encoding="utf-8")


def test_the_limits_in_force_are_the_defaults_with_the_config_over_them_once_the_run_starts(tmp_path):
    assert domain_limits.in_force() == domain_limits.Limits()
    _config(tmp_path, "[limits]\nrows = 7\ntask_chars = 9\n")
    assert domain_limits.in_force() == domain_limits.Limits()
    settings.start_run(None, None)
    assert (domain_limits.in_force().rows, domain_limits.in_force().task_chars, domain_limits.in_force().cells) == (
        7,
        9,
        500_000,
    )
    settings.end_run()
    assert domain_limits.in_force() == domain_limits.DEFAULTS
