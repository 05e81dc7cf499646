"""Benchmark `inspect-cli review DIR --checklist` on 100 reports as a whole process against the typer floor.

Run: .venv/bin/python benchmarks/bench_review.py
The reports are the four corpus reports repeated with variations (unit names, years, figures, shuffled
paragraphs). Target: <= 10x the floor's no-op command.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _timing import CLI, FLOOR, REPO, interleaved, report  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "annual-reports"
CHECKLIST = REPO / "checklists" / "jingmen-2016-2020.toml"


def variations(folder: Path, count: int = 100) -> None:
    rng = random.Random(7)
    sources = sorted(CORPUS.glob("*.txt"))
    for n in range(count):
        source = sources[n % len(sources)]
        lines = source.read_text(encoding="utf-8").splitlines()
        head, body = lines[:8], lines[8:]
        rng.shuffle(body)
        text = "\n".join(head + body)
        text = text.replace("2024", str(2018 + n % 7)).replace("139", str(100 + n))
        (folder / f"report-{n:03d}-{source.stem}.txt").write_text(text, encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name) / "reports"
        folder.mkdir()
        variations(folder)
        medians = interleaved(
            {
                "floor no-op": FLOOR + ["noop"],
                "review 1 report": CLI
                + ["review", str(CORPUS / "tiantai-county-2020.txt"), "-c", str(CHECKLIST), "-f", "json"],
                "review 100 reports": CLI + ["review", str(folder), "-c", str(CHECKLIST), "-f", "json"],
            },
            repeats=5,
        )
        report("Desk review against the 140-task checklist", medians, "floor no-op")
        print(f"  100 reports: {medians.ratio('review 100 reports', 'floor no-op'):.2f}x floor (target <= 10)")


if __name__ == "__main__":
    main()
