"""Benchmark the office ledger: `deadlines` on PostgreSQL beside SQLite, and a laptop pushing 1,000 inspections.

Run: .venv/bin/python benchmarks/bench_office.py
Server: INSPECT_BENCH_POSTGRES (an admin URL), else postgresql://postgres@127.0.0.1:5432/postgres; the benchmark
creates its own databases and drops them afterwards.
Workloads: the 100k-obligation `deadlines --format json` ledger of bench_deadlines.py on each backend; 1,000
finalized inspections of 16 tasks each (with their events) pushed from a SQLite laptop to an empty office ledger
of each backend, then pushed again (nothing to copy).
Target: PostgreSQL `deadlines` within 2x of SQLite.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from _timing import CLI, FLOOR, interleaved, report, run_once  # noqa: E402
from bench_deadlines import synthetic_checklist, synthetic_ledger  # noqa: E402

from inspect_cli.formats.checklist_toml import load_checklist  # noqa: E402
from inspect_cli.core.inspections import content_hash, task_copies  # noqa: E402
from inspect_cli.core.models import Status  # noqa: E402
from inspect_cli.ledger import open_ledger  # noqa: E402

SERVER = os.environ.get("INSPECT_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
CHECKLIST = HERE.parent / "checklists" / "jingmen-2016-2020.toml"


def new_database() -> str:
    import psycopg

    name = f"inspect_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return SERVER.rsplit("/", 1)[0] + "/" + name


def drop_database(url: str) -> None:
    import psycopg

    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def laptop_ledger(path: Path, inspections: int) -> None:
    """Finalized inspections of one checklist's 16 tasks of a unit, each with its hash and its events."""
    checklist = load_checklist(CHECKLIST)
    copies = task_copies(checklist, [task for task in checklist.tasks if "市编办" in task.lead_units])
    with open_ledger(path) as ledger:
        for n in range(inspections):
            at = "2017-03-01T10:00:00+08:00"
            with ledger.transaction():
                number = ledger.create_inspection(
                    uid=uuid.uuid4().hex, checklist_id=checklist.id, checklist_title=checklist.title,
                    checklist_path=str(CHECKLIST), checklist_sha256=checklist.sha256, unit=f"单位{n % 50}",
                    inspectors=("张三",), on=date(2017, 1, 1) + timedelta(days=n % 300), place="", created_at=at,
                    tasks=copies)
                ledger.log("inspection.started", "张三", at, number, f"单位{n % 50}", {})
                for task in copies:
                    status = Status.compliant if (n + task.position) % 4 else Status.partial
                    ledger.save_result(number, task.task_id, status, "" if status is Status.compliant else "部分完成",
                                       at, "张三")
                digest = content_hash(ledger, number)
                ledger.set_state(number, "finalized", digest, at, content_form=3)
                ledger.log("inspection.finalized", "张三", at, number, f"单位{n % 50}", {"content_hash": digest, "revision": 1})


def main() -> None:
    databases: list[str] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            checklist = root / "bench-1000.toml"
            synthetic_checklist(checklist, 1_000)
            on_file = root / "office.db"
            on_server = new_database()
            databases.append(on_server)
            started = time.perf_counter()
            synthetic_ledger(on_file, checklist)
            synthetic_ledger(on_server, checklist)
            print(f"built the deadlines ledgers in {time.perf_counter() - started:.1f} s")
            env = {**os.environ, "INSPECT_CACHE": str(root / "cache"), "INSPECT_CONFIG": str(root / "none.toml")}
            args = ["deadlines", "--format", "json", "--as-of", "2017-06-30", str(checklist)]
            medians = interleaved({
                "floor no-op": FLOOR + ["noop"],
                "deadlines 100k, SQLite": CLI + ["--ledger", str(on_file)] + args,
                "deadlines 100k, PostgreSQL": CLI + ["--ledger", on_server] + args,
            }, repeats=5, env=env)
            report("Deadlines on each backend (500 inspections, 10,000 notices)", medians, "floor no-op")
            print(f"  PostgreSQL / SQLite: {medians.ratio('deadlines 100k, PostgreSQL', 'deadlines 100k, SQLite'):.2f}x "
                  "(target <= 2)")

            laptop = root / "laptop.db"
            laptop_ledger(laptop, 1_000)
            print("\nPush of 1,000 finalized inspections from a SQLite laptop (one run each)")
            for name, office in (("SQLite office", str(root / "pushed.db")), ("PostgreSQL office", new_database())):
                if office.startswith("postgresql"):
                    databases.append(office)
                push = CLI + ["--ledger", str(laptop), "inspections", "push", "--to", office]
                first, again = run_once(push, env), run_once(push, env)
                print(f"  {name:<20} first push {first:6.2f} s   again (nothing to copy) {again:6.2f} s")
    finally:
        for url in databases:
            drop_database(url)


if __name__ == "__main__":
    main()
