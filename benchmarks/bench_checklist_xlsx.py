"""Benchmark `inspect-cli checklist export` and importing the exported task table, as whole processes against the
typer floor, with each process's CPU time beside its wall time.

Run: .venv/bin/python benchmarks/bench_checklist_xlsx.py
Targets: exporting the Jingmen checklist to .xlsx <= 2x the floor's no-op; importing that workbook <= 2x.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import CLI, FLOOR, PYTHON, REPO, Timings, run_once  # noqa: E402

JINGMEN = REPO / "checklists" / "jingmen-2016-2020.toml"
TARGET = 2.0
ROUNDS = 15


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as _timing.interleaved: run from cached bytecode
    with tempfile.TemporaryDirectory() as folder:
        sheet, again = Path(folder) / "任务分解表.xlsx", Path(folder) / "again.toml"
        subprocess.run(CLI + ["checklist", "export", str(JINGMEN), "-o", str(sheet)], check=True, capture_output=True)
        commands = {
            "floor no-op": FLOOR + ["noop"],
            "export jingmen (140 tasks) to .xlsx": CLI
            + ["checklist", "export", str(JINGMEN), "-o", str(Path(folder) / "out.xlsx"), "--force"],
            "import the exported .xlsx": CLI + ["checklist", "import", str(sheet), "-o", str(again), "--force"],
        }
        wall: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for argv in commands.values():  # warm the file and bytecode caches once
            run_once(argv, env)
        for _ in range(ROUNDS):
            for name, argv in commands.items():
                before = children_cpu()
                wall[name].append(run_once(argv, env))
                cpu[name].append(children_cpu() - before)
        timings = Timings(wall)
        print(f"\nThe Jingmen checklist as an Excel task table (medians of {ROUNDS} interleaved rounds, {PYTHON})")
        for name in commands:
            cpu_ratio = statistics.median(a / b for a, b in zip(cpu[name], cpu["floor no-op"], strict=False))
            print(
                f"  {name:<38} wall {timings[name] * 1000:7.1f} ms {timings.ratio(name, 'floor no-op'):5.2f}x   "
                f"cpu {statistics.median(cpu[name]) * 1000:7.1f} ms {cpu_ratio:5.2f}x floor"
            )
        for name in list(commands)[1:]:
            print(f"  {name}: {timings.ratio(name, 'floor no-op'):.2f}x floor no-op (target <= {TARGET})")
        if again.read_text(encoding="utf-8") != JINGMEN.read_text(encoding="utf-8"):
            raise SystemExit("the imported checklist differs from the exported one")


if __name__ == "__main__":
    main()
