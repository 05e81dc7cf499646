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


class Timings(dict):
    """Median seconds per command, plus each command's median ratio to another measured in the same rounds."""

    def __init__(self, samples: dict[str, list[float]]) -> None:
        super().__init__({name: statistics.median(values) for name, values in samples.items()})
        self.samples = samples

    def ratio(self, name: str, base: str) -> float:
        """Median over rounds of time(name) / time(base): each round's pair ran back to back."""
        return statistics.median(a / b for a, b in zip(self.samples[name], self.samples[base]))


def interleaved(commands: dict[str, list[str]], repeats: int = 7, env: dict | None = None) -> Timings:
    """Run the commands in turn, `repeats` rounds, so that machine noise hits all of them alike."""
    env = dict(env or os.environ)
    # Installed packages run from cached bytecode; this workplace sets PYTHONDONTWRITEBYTECODE, which
    # would make every run recompile inspect_cli (an editable install) but not typer.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():  # warm the file and bytecode caches once
        run_once(argv, env)
    for _ in range(repeats):
        for name, argv in commands.items():
            samples[name].append(run_once(argv, env))
    return Timings(samples)


def report(title: str, timings: Timings, floor_key: str) -> None:
    """Print each median and its median per-round ratio to the floor."""
    print(f"\n{title} (medians of {len(timings.samples[floor_key])} interleaved rounds, {PYTHON})")
    for name, seconds in timings.items():
        print(f"  {name:<40} {seconds * 1000:8.1f} ms   {timings.ratio(name, floor_key):5.2f}x floor")
