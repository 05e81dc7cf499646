"""Benchmark `inspect-cli deadlines --format json` as a whole process against the typer floor.

Run: .venv/bin/python benchmarks/bench_deadlines.py
Ledger: a synthetic checklist of 1,000 tasks each naming 100 units (100,000 task x unit obligations),
500 finalized inspections (200 results each) and 10,000 notices. Then 10,000 tasks (1,000,000 obligations).
Targets: <= 4x the floor's no-op; 10x the obligations -> <= 10.5x the time.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from _timing import CLI, FLOOR, interleaved, report  # noqa: E402

from inspect_cli.core.inspections import task_copies  # noqa: E402
from inspect_cli.domain.checklist import Checklist, Task  # noqa: E402
from inspect_cli.domain.models import Status  # noqa: E402
from inspect_cli.formats.checklist_toml import checklist_to_toml, load_checklist  # noqa: E402
from inspect_cli.ledger import open_location  # noqa: E402

UNITS = [f"市第{n}局" for n in range(1, 101)]


def synthetic_checklist(path: Path, tasks: int) -> None:
    years = [date(2016, 12, 31), date(2017, 6, 30), date(2017, 12, 31), date(2018, 12, 31)]
    items = tuple(
        Task(
            id=str(n),
            text=f"建立健全第{n}项工作制度，规范程序，明确责任。",
            lead_units=tuple(UNITS),
            deadline="年底完成",
            due=years[n % 4],
        )
        for n in range(1, tasks + 1)
    )
    path.write_text(checklist_to_toml(Checklist(id="bench", title="基准清单", tasks=items)), encoding="utf-8")


def synthetic_ledger(location: str | Path, checklist_path: Path) -> None:
    """500 finalized inspections of 200 results each and 10,000 notices, in a ledger file or at a URL."""
    checklist = load_checklist(checklist_path)
    copies = task_copies(checklist, list(checklist.tasks[:200]))
    with open_location(location) as ledger:
        with ledger.transaction():
            for n in range(500):
                unit = UNITS[n % len(UNITS)]
                number = ledger.create_inspection(
                    uid=f"u{n}",
                    checklist_id="bench",
                    checklist_title="基准清单",
                    checklist_path=str(checklist_path),
                    checklist_sha256=checklist.sha256,
                    unit=unit,
                    inspectors=("张三",),
                    on=date(2017, 1, 1) + timedelta(days=n % 300),
                    place="",
                    created_at="2017-01-01T09:00:00+08:00",
                    tasks=copies,
                    state="finalized",
                    content_hash="x",
                )
                for task in copies:
                    status = Status.compliant if (n + task.position) % 3 else Status.noncompliant
                    ledger.save_result(
                        number,
                        task.task_id,
                        status,
                        "" if status is Status.compliant else "缺",
                        "2017-01-01T10:00:00+08:00",
                        "张三",
                    )
            findings = json.dumps(
                [{"task_id": "1", "task_text": "任务", "status": "noncompliant", "found": "缺", "evidence": []}],
                ensure_ascii=False,
            )
            for n in range(10_000):
                issued = date(2017, 1, 1) + timedelta(days=n % 365)
                number_id = ledger.insert_notice(
                    {
                        "number": f"督〔{issued.year}〕{n + 1}号",
                        "code": "督",
                        "year": issued.year,
                        "serial": n + 1,
                        "issuer": "办",
                        "issued_on": issued.isoformat(),
                        "unit": UNITS[n % 100],
                        "inspection_id": (n % 500) + 1 if n < 500 else None,
                        "requirement": "整改",
                        "findings": findings,
                        "due": (issued + timedelta(days=30)).isoformat(),
                        "current_due": (issued + timedelta(days=30)).isoformat(),
                        "counting": "days",
                        "period": 30,
                        "reply_due": (issued + timedelta(days=21)).isoformat(),
                        "created_at": "2017-01-01T09:00:00+08:00",
                        "state": "closed" if n % 2 else "open",
                    }
                )
                ledger.add_notice_step(number_id, "issue", issued, "张三", {}, "2017-01-01T09:00:00+08:00")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        small, large = root / "bench-1000.toml", root / "bench-10000.toml"
        synthetic_checklist(small, 1_000)
        synthetic_checklist(large, 10_000)
        ledger = root / "ledger.db"
        synthetic_ledger(ledger, small)
        env = {
            **os.environ,
            "INSPECT_LEDGER": str(ledger),
            "INSPECT_CACHE": str(root / "cache"),
            "INSPECT_CONFIG": str(root / "none.toml"),
        }
        args = ["deadlines", "--format", "json", "--as-of", "2017-06-30"]
        medians = interleaved(
            {
                "floor no-op": FLOOR + ["noop"],
                "deadlines 100k obligations": CLI + args + [str(small)],
                "deadlines 1M obligations": CLI + args + [str(large)],
            },
            repeats=5,
            env=env,
        )
        report("Deadlines (cached checklist; 500 inspections, 10,000 notices)", medians, "floor no-op")
        print(
            f"  100k obligations: {medians.ratio('deadlines 100k obligations', 'floor no-op'):.2f}x floor (target <= 4)"
        )
        print(
            f"  10x obligations: {medians.ratio('deadlines 1M obligations', 'deadlines 100k obligations'):.2f}x time "
            "(target <= 10.5)"
        )


if __name__ == "__main__":
    main()
