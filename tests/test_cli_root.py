"""The root command: version, help, entry points."""

from __future__ import annotations

import subprocess
import sys

from inspect_cli import __version__


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"inspect-cli {__version__}"


def test_no_arguments_shows_help_and_exits_2(invoke):
    result = invoke()
    assert result.exit_code == 2 and "checklist" in result.output


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "inspect_cli", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.strip() == f"inspect-cli {__version__}"
