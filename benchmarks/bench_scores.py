"""Benchmark `scores` and `summary` as whole processes against the typer floor.

Run: .venv/bin/python benchmarks/bench_scores.py
Ledger: 500 finalized inspections of the shipped 140-task checklist (100 units, five each, through 2017) with a
result for every task, and 10,000 notices. Target: each <= 3x the floor's no-op.
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
from inspect_cli.domain.models import Status  # noqa: E402
from inspect_cli.formats.checklist_toml import load_checklist  # noqa: E402
from inspect_cli.ledger import open_location  # noqa: E402

CHECKLIST = HERE.parent / "checklists" / "jingmen-2016-2020.toml"
UNITS = [f"市第{n}局" for n in range(1, 51)] + [f"第{n}镇" for n in range(1, 41)] + [f"第{n}街道" for n in range(1, 11)]
STATUSES = (Status.compliant, Status.compliant, Status.partial, Status.noncompliant, Status.not_applicable)


def build(path: Path) -> None:
    checklist = load_checklist(CHECKLIST)
    copies = task_copies(checklist, list(checklist.tasks))
    at = "2017-01-01T09:00:00+08:00"
    with open_location(path) as ledger, ledger.transaction():
        for n in range(500):
            unit = UNITS[n % len(UNITS)]
            number = ledger.create_inspection(
                uid=f"u{n}",
                checklist_id=checklist.id,
                checklist_title=checklist.title,
                checklist_path=str(CHECKLIST),
                checklist_sha256=checklist.sha256,
                unit=unit,
                inspectors=("张三",),
                on=date(2017, 1, 2) + timedelta(days=n % 360),
                place="",
                created_at=at,
                tasks=copies,
                state="finalized",
                content_hash="x",
            )
            for task in copies:
                status = STATUSES[(n + task.position) % len(STATUSES)]
                ledger.save_result(
                    number,
                    task.task_id,
                    status,
                    "" if status in (Status.compliant, Status.not_applicable) else "缺",
                    at,
                    "张三",
                )
        findings = json.dumps(
            [{"task_id": "1", "task_text": "任务", "status": "noncompliant", "found": "缺", "evidence": []}],
            ensure_ascii=False,
        )
        for n in range(10_000):
            issued = date(2017, 1, 1) + timedelta(days=n % 365)
            notice = ledger.insert_notice(
                {
                    "number": f"督〔2017〕{n + 1}号",
                    "code": "督",
                    "year": 2017,
                    "serial": n + 1,
                    "issuer": "办",
                    "issued_on": issued.isoformat(),
                    "unit": UNITS[n % len(UNITS)],
                    "inspection_id": n + 1 if n < 500 else None,
                    "requirement": "整改",
                    "findings": findings,
                    "due": (issued + timedelta(days=30)).isoformat(),
                    "current_due": (issued + timedelta(days=30)).isoformat(),
                    "counting": "days",
                    "period": 30,
                    "reply_due": (issued + timedelta(days=21)).isoformat(),
                    "created_at": at,
                    "state": "closed" if n % 2 else "open",
                    "closed_on": (issued + timedelta(days=20)).isoformat() if n % 2 else None,
                    "escalation": "约谈" if n % 7 == 0 else "",
                }
            )
            ledger.add_notice_step(notice, "issue", issued, "张三", {}, at)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        ledger = root / "ledger.db"
        build(ledger)
        env = {
            **os.environ,
            "INSPECT_LEDGER": str(ledger),
            "INSPECT_CACHE": str(root / "cache"),
            "INSPECT_CONFIG": str(root / "none.toml"),
            "INSPECT_LANG": "zh",
        }
        medians = interleaved(
            {
                "floor no-op": FLOOR + ["noop"],
                "scores (json)": CLI
                + ["scores", str(CHECKLIST), "--year", "2017", "--as-of", "2017-12-31", "--format", "json"],
                "summary (md)": CLI
                + ["summary", "--year", "2017", "--checklist", str(CHECKLIST), "--as-of", "2017-12-31"],
            },
            repeats=5,
            env=env,
        )
        report("Scores and summary (500 inspections x 140 tasks, 10,000 notices)", medians, "floor no-op")
        for name in ("scores (json)", "summary (md)"):
            print(f"  {name}: {medians.ratio(name, 'floor no-op'):.2f}x floor (target <= 3)")


if __name__ == "__main__":
    main()
