"""How long each hostile case takes to be refused, as whole processes, beside the typer floor.

Run: .venv/bin/python benchmarks/bench_hostile.py
Target: every case of tests/fixtures/hostile/ (and the large ones tests/hostile.py builds) ends in one `Error:` line,
exit 2, within 5 s of CPU time. Prints each case's CPU and wall seconds, its ratio to the floor's no-op, and the error.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import hostile  # noqa: E402
from _timing import FLOOR, interleaved  # noqa: E402


def main() -> None:
    floor = interleaved({"floor": FLOOR + ["noop"]}, repeats=3)["floor"]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = hostile.environment(folder)
        made = hostile.run(
            (
                "walk",
                hostile.CHECKLIST,
                "--unit",
                "市编办",
                "--inspector",
                "张三",
                "--date",
                "2017-03-01",
                "--answers",
                hostile.ANSWERS,
                "--finalize",
            ),
            env,
            folder,
            60,
        )
        assert made.code == 0, made.stderr
        cases = sorted(hostile.FIXTURES.iterdir()) + hostile.write_large(folder / "large")
        print(f"typer floor (no-op): {floor * 1000:.0f} ms wall")
        print(f"{'case':<62} {'command':<18} {'exit':>4} {'cpu s':>6} {'wall s':>6} {'x floor':>7}")
        worst = 0.0
        for path in cases:
            for command in hostile.commands_for(path, folder / "out.toml"):
                done = hostile.run(command, env, folder, 60)
                worst = max(worst, done.cpu)
                what = " ".join(part for part in command[:2] if not part.startswith("/"))
                print(
                    f"{path.name[:62]:<62} {what[:18]:<18} {done.code:>4} {done.cpu:6.2f} {done.wall:6.2f} "
                    f"{done.wall / floor:7.1f}"
                )
                print(f"    {done.stderr.strip().splitlines()[-1][:150] if done.stderr.strip() else done.stdout[:150]}")
        print(f"most CPU time of any case: {worst:.2f} s (target: under 5 s)")


if __name__ == "__main__":
    main()
