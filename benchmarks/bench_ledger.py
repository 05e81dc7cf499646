"""Benchmark the ledger: time to save one answer (in-process) and the size of a large ledger.

Run: .venv/bin/python benchmarks/bench_ledger.py
Target: median <= 5 ms per saved answer (each answer is its own durable transaction).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from inspect_cli.core.inspections import make_evidence, record_answer, start_inspection, task_copies  # noqa: E402
from inspect_cli.domain.models import Status  # noqa: E402
from inspect_cli.formats.checklist_toml import load_checklist  # noqa: E402
from inspect_cli.ledger.sqlite import SQLiteLedger  # noqa: E402

CHECKLIST = REPO / "checklists" / "jingmen-2016-2020.toml"


def time_answers(folder: Path, count: int = 500) -> list[float]:
    checklist = load_checklist(CHECKLIST)
    with SQLiteLedger.open(folder / "answers.db") as ledger:
        inspection = start_inspection(
            ledger, checklist, "市编办", ["张三"], date(2017, 3, 10), "", list(checklist.tasks)
        )
        ids = [task.id for task in checklist.tasks]
        times = []
        for n in range(count):
            status = (Status.compliant, Status.partial, Status.noncompliant)[n % 3]
            note = "" if status is Status.compliant else f"第{n}次: 缺少相关材料"
            evidence = (make_evidence("查阅资料", f"文件{n}"),) if n % 5 == 0 else ()
            start = time.perf_counter()
            record_answer(ledger, inspection.id, ids[n % len(ids)], status, note, "张三", evidence)
            times.append(time.perf_counter() - start)
    return times


def big_ledger(folder: Path, inspections: int = 1000) -> int:
    checklist = load_checklist(CHECKLIST)
    copies = task_copies(checklist, list(checklist.tasks))
    units = checklist.units()
    path = folder / "big.db"
    with SQLiteLedger.open(path) as ledger:
        for n in range(inspections):
            with ledger.transaction():
                number = ledger.create_inspection(
                    uid=f"uid-{n}",
                    checklist_id=checklist.id,
                    checklist_title=checklist.title,
                    checklist_path=str(CHECKLIST),
                    checklist_sha256=checklist.sha256,
                    unit=units[n % len(units)],
                    inspectors=("张三", "李四"),
                    on=date(2017, 1, 1),
                    place="会议室",
                    created_at="2017-01-01T09:00:00+08:00",
                    tasks=copies,
                )
                for task in copies:
                    status = Status.partial if task.position % 7 == 0 else Status.compliant
                    ledger.save_result(
                        number,
                        task.task_id,
                        status,
                        "缺少部分材料" if status is Status.partial else "",
                        "2017-01-01T10:00:00+08:00",
                        "张三",
                    )
                    ledger.log(
                        "result.saved",
                        "张三",
                        "2017-01-01T10:00:00+08:00",
                        number,
                        task.task_id,
                        {"status": status.value},
                    )
        ledger.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.stat().st_size


def main() -> None:
    with tempfile.TemporaryDirectory(dir=REPO) as folder:
        times = sorted(time_answers(Path(folder)))
        median = statistics.median(times) * 1000
        p99 = times[int(len(times) * 0.99) - 1] * 1000
        print(
            f"save one answer ({len(times)} answers, synchronous=FULL, WAL): median {median:.2f} ms, "
            f"p99 {p99:.2f} ms (target median <= 5 ms)"
        )
        size = big_ledger(Path(folder))
        print(f"ledger with 1,000 inspections x 140 tasks (results + events): {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
