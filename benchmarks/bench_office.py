"""Benchmark the office ledger on SQLite and PostgreSQL side by side: one action in a small and a large ledger,
lists, the full verify, deadlines at a million obligations, and syncs that copy nothing.

Run: .venv/bin/python benchmarks/bench_office.py [--quick] [--only issue,list,verify,sync,deadlines]
Server: INSPECT_BENCH_POSTGRES (an admin URL), else postgresql://postgres@127.0.0.1:5432/postgres; the benchmark
creates its own databases and drops them afterwards.
Ledgers (the shipped Jingmen checklist, 140 tasks): an office of 1,000 finalized inspections x 140 results
(140,000 results, 142,000 events) with 5,000 notices, and a laptop-sized one of 10 inspections with 50 notices,
on each backend; the 100k- and 1M-obligation deadline ledgers of bench_deadlines.py.
Every figure is a median of interleaved rounds with the typer floor measured in the same run; CPU time (user +
system of the process) is printed beside wall time, since the machine is shared.
Targets:
  notices issue, 1,000 inspections / 10 inspections           <= 1.3x  (both backends)
  notices list --status all over 5,000 notices                <= 2x floor (SQLite), <= 3x floor (PostgreSQL)
  inspections verify over 140,000 results                     <= 2 s (CPU time)
  deadlines at 1M obligations                                 peak memory <= 250 MB; 1M / 100k time <= 11x
  push and pull that copy nothing, 1,000 / 10 inspections     <= 1.5x
"""

from __future__ import annotations

import json
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
from _timing import CLI, FLOOR, interleaved, report, run_measured  # noqa: E402
from bench_deadlines import synthetic_checklist, synthetic_ledger  # noqa: E402

from inspect_cli.core.inspections import task_copies  # noqa: E402
from inspect_cli.domain import canonical  # noqa: E402
from inspect_cli.domain.canonical import chain_link, checkpoint_seal  # noqa: E402
from inspect_cli.domain.models import Result, Status  # noqa: E402
from inspect_cli.formats.checklist_toml import load_checklist  # noqa: E402
from inspect_cli.ledger import open_location  # noqa: E402

SERVER = os.environ.get("INSPECT_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
CHECKLIST = HERE.parent / "checklists" / "jingmen-2016-2020.toml"
CHECKPOINT_EVERY = 256  # as ledger/sql.py stores them
# inspections at the end of each office ledger left without a notice, one issued per round
FREE = 8
AT = "2017-03-01T10:00:00+08:00"


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


def office_ledger(location: str | Path, inspections: int, notices_each: int = 5) -> None:
    """Finalized inspections of every Jingmen task (each answer an event, chained as the program chains them),
    and `notices_each` notices per inspection: one issued from it (all but the last FREE), the rest standalone."""
    checklist = load_checklist(CHECKLIST)
    copies = task_copies(checklist, list(checklist.tasks))
    events: list[tuple] = []
    link = None

    def log(kind: str, inspection_id: int | None, subject: str, detail: dict) -> None:
        nonlocal link
        event = (
            len(events) + 1,
            AT,
            "张三",
            kind,
            inspection_id,
            subject,
            json.dumps(detail, ensure_ascii=False, sort_keys=True),
        )
        link = chain_link(link, event)
        events.append((*event, link))

    with open_location(location) as ledger, ledger.transaction():
        for n in range(inspections):
            unit = f"单位{n % 50}"
            number = ledger.create_inspection(
                uid=uuid.uuid4().hex,
                checklist_id=checklist.id,
                checklist_title=checklist.title,
                checklist_path=str(CHECKLIST),
                checklist_sha256=checklist.sha256,
                unit=unit,
                inspectors=("张三",),
                on=date(2017, 1, 1) + timedelta(days=n % 300),
                place="",
                created_at=AT,
                tasks=copies,
            )
            log("inspection.started", number, unit, {})
            results = {}
            for task in copies:
                status = Status.partial if (n + task.position) % 7 == 0 else Status.compliant
                note = "部分完成" if status is Status.partial else ""
                results[task.task_id] = Result(task.task_id, status, note, AT, "张三")
                log("result.saved", number, task.task_id, {"status": status.value, "note": note})
            ledger.copy_rows(
                "results",
                ("inspection_id", "task_id", "status", "note", "answered_at", "answered_by"),
                [(number, r.task_id, r.status.value, r.note, r.answered_at, r.answered_by) for r in results.values()],
            )
            digest = canonical.content_hash(ledger.inspection(number), copies, results)
            ledger.set_state(number, "finalized", digest, AT, content_form=canonical.CURRENT_FORM)
            log("inspection.finalized", number, unit, {"content_hash": digest, "revision": 1})
        findings = json.dumps(
            [{"task_id": "1", "task_text": "任务", "status": "partial", "found": "缺", "evidence": []}],
            ensure_ascii=False,
        )
        notices, steps = [], []
        for n in range(inspections * notices_each):
            issued = date(2017, 6, 1) + timedelta(days=n % 200)
            tied = n + 1 if n < inspections - FREE else None
            due = (issued + timedelta(days=30)).isoformat()
            row = {
                "id": n + 1,
                "number": f"督〔2017〕{n + 1}号",
                "code": "督",
                "year": 2017,
                "serial": n + 1,
                "issuer": "办",
                "issued_on": issued.isoformat(),
                "unit": f"单位{n % 50}",
                "inspection_id": tied,
                "requirement": "整改",
                "findings": findings,
                "due": due,
                "current_due": due,
                "counting": "days",
                "period": 30,
                "reply_due": (issued + timedelta(days=21)).isoformat(),
                "state": "closed" if n % 2 else "open",
                "escalation": "",
                "closed_on": None,
                "closed_by": None,
                "created_at": AT,
                "calendar": "official",
            }
            step = (n + 1, n + 1, "issue", issued.isoformat(), "张三", "{}", AT)
            # sealed as ledger.seal_notice seals: every column and the steps (id, kind, on, actor, detail, at)
            seal = canonical.notice_seal({**row, "steps": [list(step[:1] + step[2:])]})
            notices.append((*row.values(), seal))
            steps.append(step)
            log("notice.issued", tied, row["number"], {"due": due, "findings": 1})
        ledger.copy_rows("notices", (*row, "seal"), notices)
        ledger.copy_rows("notice_steps", ("id", "notice_id", "kind", "on_date", "actor", "detail", "at"), steps)
        ledger.copy_rows("events", ("id", "at", "actor", "kind", "inspection_id", "subject", "detail", "chain"), events)
        ledger.copy_rows(
            "chain_checkpoints",
            ("event_id", "chain", "seal"),
            [(row[0], row[7], checkpoint_seal(row[0], row[7])) for row in events if row[0] % CHECKPOINT_EVERY == 0],
        )
    if str(location).startswith("postgresql://"):  # rows given their own ids: the next ids follow them
        import psycopg

        with psycopg.connect(str(location), autocommit=True) as connection:
            for table in ("notices", "notice_steps"):
                connection.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                )


def timed(label: str, build) -> None:
    started = time.perf_counter()
    build()
    print(f"  built {label} in {time.perf_counter() - started:.1f} s")


FLOOR_NOOP = FLOOR + ["noop"]


def bench_issue(office: dict, env: dict, repeats: int) -> None:
    """notices issue in the 10- and the 1,000-inspection ledger, a new inspection each round."""

    def issue_round(n: int) -> dict:
        return {
            "floor no-op": FLOOR_NOOP,
            **{
                f"notices issue, {size:,} inspections, {backend}": CLI
                + [
                    "--ledger",
                    office[backend][size],
                    "notices",
                    "issue",
                    str(size - FREE + 1 + n),
                    "--date",
                    "2017-12-01",
                    "--days",
                    "30",
                    "--code",
                    "荆法督",
                ]
                for backend in office
                for size in (10, 1_000)
            },
        }

    issued = interleaved(issue_round, repeats=min(repeats, FREE - 1), env=env)
    report("notices issue: one notice from one inspection", issued, "floor no-op")
    for backend in office:
        large, small = (f"notices issue, {size:,} inspections, {backend}" for size in (1_000, 10))
        print(
            f"  {backend}: 1,000 / 10 inspections {issued.ratio(large, small):.2f}x wall, "
            f"{issued.cpu_ratio(large, small):.2f}x CPU (target <= 1.3)"
        )


def bench_list(office: dict, env: dict, repeats: int) -> None:
    """notices list --status all over the 5,000 notices of the 1,000-inspection ledger."""
    listed = interleaved(
        {
            "floor no-op": FLOOR_NOOP,
            **{
                f"notices list --status all, 5,000 notices, {backend}": CLI
                + ["--ledger", office[backend][1_000], "notices", "list", "--status", "all", "--format", "json"]
                for backend in office
            },
        },
        repeats=repeats,
        env=env,
    )
    report("notices list --status all --format json over 5,000 notices", listed, "floor no-op")
    for backend, target in (("SQLite", 2), ("PostgreSQL", 3)):
        name = f"notices list --status all, 5,000 notices, {backend}"
        print(
            f"  {backend}: {listed.ratio(name, 'floor no-op'):.2f}x floor wall, "
            f"{listed.cpu_ratio(name, 'floor no-op'):.2f}x floor CPU (target <= {target})"
        )


def bench_verify(office: dict, env: dict, repeats: int) -> None:
    """The full verify of the 1,000-inspection ledger (140,000 results, 142,000 events, 5,000 notices)."""
    verified = interleaved(
        {
            "floor no-op": FLOOR_NOOP,
            **{
                f"inspections verify, 140,000 results, {backend}": CLI
                + ["--ledger", office[backend][1_000], "inspections", "verify", "--format", "json"]
                for backend in office
            },
        },
        repeats=repeats,
        env=env,
    )
    report("inspections verify over 1,000 inspections x 140 results", verified, "floor no-op")
    for backend in office:
        name = f"inspections verify, 140,000 results, {backend}"
        print(f"  {backend}: {verified[name]:.2f} s wall, {verified.cpu[name]:.2f} s CPU (target <= 2 s)")


def bench_sync(root: Path, env: dict, repeats: int, databases: list[str]) -> None:
    """Laptops of 10 and 1,000 inspections pushed once to an office of each backend, then pushed and pulled again."""
    laptops = {size: str(root / f"laptop-{size}.db") for size in (10, 1_000)}
    for size, path in laptops.items():
        timed(
            f"laptop of {size:,} inspections and {size:,} notices, SQLite",
            lambda path=path, size=size: office_ledger(path, size, 1),
        )
    targets = {
        "SQLite": {size: str(root / f"synced-{size}.db") for size in laptops},
        "PostgreSQL": {size: new_database() for size in laptops},
    }
    databases += list(targets["PostgreSQL"].values())
    print("\nFirst push of each laptop (one run each)")
    for backend in targets:
        for size, laptop in laptops.items():
            run = run_measured(CLI + ["--ledger", laptop, "inspections", "push", "--to", targets[backend][size]], env)
            print(f"  {size:>5,} inspections into {backend:<10} {run.wall:6.2f} s wall  {run.cpu:6.2f} s CPU")
    synced = interleaved(
        {
            "floor no-op": FLOOR_NOOP,
            **{
                f"{way} copying nothing, {size:,} inspections, {backend}": CLI
                + [
                    "--ledger",
                    laptops[size],
                    "inspections",
                    way,
                    "--to" if way == "push" else "--from",
                    targets[backend][size],
                ]
                for way in ("push", "pull")
                for backend in targets
                for size in laptops
            },
        },
        repeats=repeats,
        env=env,
    )
    report("push and pull that copy nothing (laptop on SQLite)", synced, "floor no-op")
    for way in ("push", "pull"):
        for backend in targets:
            large, small = (f"{way} copying nothing, {size:,} inspections, {backend}" for size in (1_000, 10))
            print(
                f"  {way} {backend}: 1,000 / 10 inspections {synced.ratio(large, small):.2f}x wall, "
                f"{synced.cpu_ratio(large, small):.2f}x CPU (target <= 1.5)"
            )


def bench_deadlines(root: Path, env: dict, repeats: int, databases: list[str]) -> None:
    """deadlines --format json at 100k and 1M obligations on each backend."""
    small, large = root / "bench-1000.toml", root / "bench-10000.toml"
    synthetic_checklist(small, 1_000)
    synthetic_checklist(large, 10_000)
    ledgers = {"SQLite": str(root / "deadlines.db"), "PostgreSQL": new_database()}
    databases.append(ledgers["PostgreSQL"])
    for backend, location in ledgers.items():
        timed(
            f"the deadlines ledger (500 inspections, 10,000 notices), {backend}",
            lambda location=location: synthetic_ledger(location, small),
        )
    args = ["deadlines", "--format", "json", "--as-of", "2017-06-30"]
    deadlines = interleaved(
        {
            "floor no-op": FLOOR_NOOP,
            **{
                f"deadlines {label}, {backend}": CLI + ["--ledger", location] + args + [str(path)]
                for backend, location in ledgers.items()
                for label, path in (("100k", small), ("1M", large))
            },
        },
        repeats=repeats,
        env=env,
    )
    report("deadlines --format json (cached checklist; 500 inspections, 10,000 notices)", deadlines, "floor no-op")
    for backend in ledgers:
        big, little = f"deadlines 1M, {backend}", f"deadlines 100k, {backend}"
        print(
            f"  {backend}: 1M / 100k obligations {deadlines.ratio(big, little):.2f}x wall, "
            f"{deadlines.cpu_ratio(big, little):.2f}x CPU (target <= 11); peak memory at 1M "
            f"{deadlines.peak[big]:.0f} MB, at 100k {deadlines.peak[little]:.0f} MB (target <= 250 MB)"
        )


def main() -> None:
    quick = "--quick" in sys.argv  # fewer rounds, for a busy machine
    repeats = 3 if quick else 5
    only = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv else None
    sections = set(only or ("issue", "list", "verify", "sync", "deadlines"))
    databases: list[str] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            env = {**os.environ, "INSPECT_CACHE": str(root / "cache"), "INSPECT_CONFIG": str(root / "none.toml")}
            print("Ledgers")
            office: dict = {"SQLite": {}, "PostgreSQL": {}}
            for size in (10, 1_000) if sections & {"issue", "list", "verify"} else ():
                office["SQLite"][size] = str(root / f"office-{size}.db")
                office["PostgreSQL"][size] = new_database()
                databases.append(office["PostgreSQL"][size])
                for backend in office:
                    timed(
                        f"{size:,} inspections x 140 results, {size * 5:,} notices, {backend}",
                        lambda backend=backend, size=size: office_ledger(office[backend][size], size),
                    )
            if "issue" in sections:
                bench_issue(office, env, repeats)
            if "list" in sections:
                bench_list(office, env, repeats)
            if "verify" in sections:
                bench_verify(office, env, repeats)
            if "sync" in sections:
                bench_sync(root, env, repeats, databases)
            if "deadlines" in sections:
                bench_deadlines(root, env, repeats, databases)
    finally:
        for url in databases:
            drop_database(url)


if __name__ == "__main__":
    main()
