"""Shared timing helpers: run whole processes interleaved with the typer floor and report ratios."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = sys.executable
FLOOR = [PYTHON, str(HERE / "floor_app.py")]
CLI = [PYTHON, "-m", "inspect_cli"]


def run_once(argv: list[str], env: dict | None = None) -> float:
    """Seconds one whole process takes, failing loudly if it fails."""
    start = time.perf_counter()
    result = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({result.returncode}): {result.stderr.decode()[-500:]}")
    return elapsed


def interleaved(commands: dict[str, list[str]], repeats: int = 7, env: dict | None = None) -> dict[str, float]:
    """Median seconds per command, running the commands in turn so that machine noise hits all alike."""
    env = dict(env or os.environ)
    # Installed packages run from cached bytecode; this workplace sets PYTHONDONTWRITEBYTECODE, which
    # would make every run recompile inspect_cli (an editable install) but not typer.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for name, argv in commands.items():  # warm the file cache once
        run_once(argv, env)
    for _ in range(repeats):
        for name, argv in commands.items():
            times[name].append(run_once(argv, env))
    return {name: statistics.median(values) for name, values in times.items()}


def report(title: str, medians: dict[str, float], floor_key: str) -> None:
    """Print each median with its ratio to the floor."""
    floor = medians[floor_key]
    print(f"\n{title} (median of interleaved runs, {PYTHON})")
    for name, seconds in medians.items():
        print(f"  {name:<40} {seconds * 1000:8.1f} ms   {seconds / floor:5.2f}x floor")
