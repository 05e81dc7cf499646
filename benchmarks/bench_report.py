"""Benchmark `inspect-cli report` for an inspection with 1,000 findings, as a whole process.

Run: .venv/bin/python benchmarks/bench_report.py
Target: <= 2x the typer floor's no-op command (same Python, same run).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from _timing import CLI, FLOOR, interleaved, report  # noqa: E402

from inspect_cli.core.inspections import finalize, make_evidence, record_answer, start_inspection  # noqa: E402
from inspect_cli.domain.checklist import Checklist, Task  # noqa: E402
from inspect_cli.domain.models import Status  # noqa: E402
from inspect_cli.formats.checklist_toml import checklist_to_toml, load_checklist  # noqa: E402
from inspect_cli.ledger.sqlite import SQLiteLedger  # noqa: E402


def build(folder: Path) -> Path:
    tasks = tuple(
        Task(
            id=str(n),
            text=f"建立健全第{n}项工作制度，规范程序，明确责任，加强监督检查。",
            lead_units=("市编办",),
            deadline="2017年底完成",
            due=date(2017, 12, 31),
        )
        for n in range(1, 1001)
    )
    path = folder / "c.toml"
    path.write_text(checklist_to_toml(Checklist(id="bench", title="基准清单", tasks=tasks)), encoding="utf-8")
    checklist = load_checklist(path)
    ledger_path = folder / "ledger.db"
    with SQLiteLedger.open(ledger_path) as ledger:
        inspection = start_inspection(
            ledger, checklist, "市编办", ["张三", "李四"], date(2018, 3, 1), "会议室", list(checklist.tasks)
        )
        with ledger.transaction():
            for task in checklist.tasks:
                status = Status.noncompliant if int(task.id) % 2 else Status.partial
                ledger.save_result(
                    inspection.id,
                    task.id,
                    status,
                    f"第{task.id}项：制度未建立，缺少相关材料",
                    "2018-03-01T10:00:00+08:00",
                    "张三",
                )
                ledger.add_evidence(inspection.id, task.id, make_evidence("查阅资料", f"文件{task.id}号"))
        record_answer(ledger, inspection.id, "1", Status.noncompliant, "制度未建立", "张三")
        finalize(ledger, inspection.id, "张三")
    return ledger_path


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ledger = build(folder)
        env = {**os.environ, "INSPECT_LEDGER": str(ledger), "INSPECT_CONFIG": str(folder / "none.toml")}
        medians = interleaved(
            {
                "floor no-op": FLOOR + ["noop"],
                "report, 1,000 findings": CLI + ["report", "1", "-o", str(folder / "record.md")],
            },
            repeats=7,
            env=env,
        )
        report("Inspection record", medians, "floor no-op")
        print(f"  report: {medians.ratio('report, 1,000 findings', 'floor no-op'):.2f}x floor (target <= 2)")


if __name__ == "__main__":
    main()
