"""Shared timing helpers: run whole processes interleaved with the typer floor and report ratios."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = sys.executable
FLOOR = [PYTHON, str(HERE / "floor_app.py")]
CLI = [PYTHON, "-m", "inspect_cli"]


class Run(NamedTuple):
    """One whole process: wall seconds, CPU seconds (user + system) and peak memory in MB."""

    wall: float
    cpu: float
    peak_mb: float


def run_measured(argv: list[str], env: dict | None = None, expect: tuple[int, ...] = (0, 1)) -> Run:
    """Run one whole process, failing loudly if it fails; its own wall time, CPU time and peak memory are taken
    by a small launcher that forks it (_launch.py), so the benchmark's own memory is not counted."""
    import tempfile

    with tempfile.NamedTemporaryFile("r", suffix=".run", encoding="utf-8") as result:
        process = subprocess.run(
            [PYTHON, str(HERE / "_launch.py"), result.name, *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
        wall, cpu, peak_kb, code = result.read().split()
    if int(code) not in expect or process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({code}): {process.stderr.decode()[-500:]}")
    return Run(float(wall), float(cpu), int(peak_kb) / 1024)


def run_once(argv: list[str], env: dict | None = None) -> float:
    """Seconds one whole process takes, failing loudly if it fails."""
    return run_measured(argv, env).wall


class Timings(dict):
    """Median seconds per command, plus each command's median ratio to another measured in the same rounds."""

    def __init__(
        self,
        samples: dict[str, list[float]],
        cpu: dict[str, list[float]] | None = None,
        peaks: dict[str, list[float]] | None = None,
    ) -> None:
        super().__init__({name: statistics.median(values) for name, values in samples.items()})
        self.samples = samples
        self.cpu = {name: statistics.median(values) for name, values in (cpu or {}).items()}
        self.cpu_samples = cpu or {}
        self.peak = {name: max(values) for name, values in (peaks or {}).items()}

    def ratio(self, name: str, base: str) -> float:
        """Median over rounds of time(name) / time(base): each round's pair ran back to back."""
        return statistics.median(a / b for a, b in zip(self.samples[name], self.samples[base], strict=False))

    def cpu_ratio(self, name: str, base: str) -> float:
        """Median over rounds of CPU time(name) / CPU time(base)."""
        return statistics.median(a / b for a, b in zip(self.cpu_samples[name], self.cpu_samples[base], strict=False))


def interleaved(commands, repeats: int = 7, env: dict | None = None) -> Timings:
    """Run the commands in turn, `repeats` rounds, so that machine noise hits all of them alike. `commands` maps
    names to argv, or is a function of the round number (0 warms the caches) for commands that change the ledger."""
    env = dict(env or os.environ)
    # Installed packages run from cached bytecode; this workplace sets PYTHONDONTWRITEBYTECODE, which
    # would make every run recompile inspect_cli (an editable install) but not typer.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    rounds = [commands] * repeats if not callable(commands) else [commands(n) for n in range(repeats + 1)]
    warm = rounds[0] if not callable(commands) else rounds.pop(0)
    samples: dict[str, list[float]] = {name: [] for name in warm}
    cpu: dict[str, list[float]] = {name: [] for name in warm}
    peaks: dict[str, list[float]] = {name: [] for name in warm}
    for argv in warm.values():  # warm the file and bytecode caches once
        run_once(argv, env)
    for batch in rounds:
        for name, argv in batch.items():
            run = run_measured(argv, env)
            samples[name].append(run.wall)
            cpu[name].append(run.cpu)
            peaks[name].append(run.peak_mb)
    return Timings(samples, cpu, peaks)


def report(title: str, timings: Timings, floor_key: str) -> None:
    """Print each median and its median per-round ratio to the floor."""
    print(f"\n{title} (medians of {len(timings.samples[floor_key])} interleaved rounds, {PYTHON})")
    for name, seconds in timings.items():
        cpu = (
            f"   CPU {timings.cpu[name] * 1000:8.1f} ms {timings.cpu_ratio(name, floor_key):5.2f}x"
            if timings.cpu
            else ""
        )
        print(f"  {name:<44} {seconds * 1000:8.1f} ms   {timings.ratio(name, floor_key):5.2f}x floor{cpu}")
