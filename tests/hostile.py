"""Hostile inputs: the cases that once ended in a traceback or ran past a minute, and how each reading command is run.

A case's file name says what it is: `CAUSE--WHAT.ROLE.EXT`. CAUSE is `limit-KEY` (refused by the limit KEY of
[limits]) or `parse` (a parser's failure); ROLE says which commands read it (`ROLES`). The small cases are kept in
tests/fixtures/hostile/ (written by `python tests/hostile.py`); the few that are large only because of what they
test (100,000 rows, 200,000 nested tags) are built from `LARGE` into a temporary folder when the tests run.
"""

from __future__ import annotations

import io
import os
import re
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "hostile"
CHECKLIST = REPO / "checklists" / "jingmen-2016-2020.toml"
ANSWERS = REPO / "sample_reports" / "answers.toml"
# the exit codes a command documents: ok, findings, bad input, storage
DOCUMENTED_EXITS = {0, 1, 2, 3}

WALK = ("walk", str(CHECKLIST), "--unit", "编办", "--inspector", "张三", "--date", "2017-03-01", "--items", "1")

# each role: the commands that read such a file ({} is the file)
ROLES = {
    "plan": [("checklist", "import", "{}", "-o", "{out}", "--force")],
    "report": [("review", "{}", "--checklist", str(CHECKLIST))],
    "template": [("report", "1", "--template", "{}")],
    "checklist": [
        ("deadlines", "{}", "--as-of", "2017-06-01"),
        ("walk", "{}", "--unit", "编办", "--inspector", "张三", "--date", "2017-03-01", "--items", "1", "--new"),
    ],
    "answers": [(*WALK, "--new", "--answers", "{}")],
    "export": [("inspections", "import", "{}")],
    "config": [("--config", "{}", "deadlines", str(CHECKLIST), "--as-of", "2017-06-01")],
}


def role_of(path: Path) -> str:
    return path.name.split(".")[1]


def commands_for(path: Path, out: Path) -> list[tuple[str, ...]]:
    """The command lines that read `path`, by its role."""
    return [
        tuple(part.replace("{}", str(path)).replace("{out}", str(out)) for part in command)
        for command in ROLES[role_of(path)]
    ]


class Run:
    """One command's outcome: exit code, output, wall and CPU seconds, and whether it finished within its time."""

    def __init__(self, args, code, stdout, stderr, wall, cpu, in_time):
        self.args, self.code, self.stdout, self.stderr = args, code, stdout, stderr
        self.wall, self.cpu, self.in_time = wall, cpu, in_time


def run(args, env: dict, cwd: Path, limit: float) -> Run:
    """Run `python -m inspect_cli ARGS` with no terminal; stopped when it runs past `limit` seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "inspect_cli", *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
    )
    try:
        stdout, stderr = process.communicate(timeout=limit)
        in_time = True
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        in_time = False
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(
        args,
        process.returncode,
        stdout.decode("utf-8", "replace"),
        stderr.decode("utf-8", "replace"),
        wall,
        cpu,
        in_time,
    )


def environment(folder: Path) -> dict:
    """A run's environment: its own ledger, config and cache in `folder`, English messages, no colour."""
    return {
        **os.environ,
        "INSPECT_LEDGER": str(folder / "ledger.db"),
        "INSPECT_CONFIG": str(folder / "inspect.toml"),
        "INSPECT_CACHE": str(folder / "cache"),
        "INSPECT_LANG": "en",
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "INSPECT_NOW": "2017-06-01T09:00:00+08:00",
    }


def ledger_dump(path: Path) -> list[str]:
    """Every row of a SQLite ledger, as SQL: equal dumps, equal ledgers."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


# ------------------------------------------------------------------ builders


def _zip(parts: dict[str, bytes | str], level: int = 6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in parts.items():  # a fixed time: the same case is the same bytes
            archive.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED, level)
    return buffer.getvalue()


def _workbook_parts() -> dict[str, bytes]:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "1. 推进政务公开（责任单位：市编办）"
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    # openpyxl writes the time of saving: a fixed one makes the same case the same bytes
    parts["docProps/core.xml"] = re.sub(
        rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2020-01-01T00:00:00Z", parts["docProps/core.xml"]
    )
    return parts


_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def xlsx(sheet: str, dimension: str = "A1") -> bytes:
    """A workbook whose first sheet's XML is `sheet` (the part between <worksheet> and </worksheet>)."""
    parts = _workbook_parts()
    parts["xl/worksheets/sheet1.xml"] = (f'{_SHEET_HEAD}<dimension ref="{dimension}"/>{sheet}</worksheet>').encode()
    return _zip(parts)


def xlsx_raw_sheet(xml: bytes) -> bytes:
    parts = _workbook_parts()
    parts["xl/worksheets/sheet1.xml"] = xml
    return _zip(parts)


def docx(body: str) -> bytes:
    """A .docx whose document body is `body` (WordprocessingML between <w:body> and </w:body>)."""
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    ).encode()
    return _zip(parts)


def _checklist_with(task_one: dict[str, str | None]) -> bytes:
    """The shipped checklist with task 1's keys replaced by `task_one` (TOML values as written; None removes one)."""
    text = CHECKLIST.read_text(encoding="utf-8")
    start = text.index('[[tasks]]\nid = "1"\n')
    end = text.index("[[tasks]]", start + 1)
    block = text[start:end]
    for key, value in task_one.items():
        if value is None:
            block = re.sub(rf"^{key} = .*\n", "", block, count=1, flags=re.M)
            continue
        block, found = re.subn(
            rf"^{key} = .*$", lambda _m, key=key, value=value: f"{key} = {value}", block, count=1, flags=re.M
        )
        if not found:
            block = block.replace('id = "1"\n', f'id = "1"\n{key} = {value}\n', 1)
    return (text[:start] + block + text[end:]).encode("utf-8")


def _export(**changes) -> bytes:
    """An inspection export of the sample answers with top-level `changes`."""
    import json

    data = {
        "format": "inspect-cli-inspection",
        "version": 1,
        "uid": "hostile-0001",
        "checklist": {"id": "jingmen-2016-2020", "title": "t", "sha256": "0" * 64, "path": "", "source": ""},
        "unit": "市编办",
        "inspectors": ["张三"],
        "date": "2017-03-01",
        "place": "",
        "created_at": "2017-03-01T09:00:00",
        "state": "draft",
        "revision": 0,
        "content_hash": None,
        "finalized_at": None,
        "tasks": [
            {
                "position": 1,
                "task_id": "1",
                "text": "任务",
                "section": "",
                "topic": "",
                "lead_units": ["市编办"],
                "responsible_units": [],
                "deadline": "",
                "due": None,
                "recurrence": None,
                "ongoing": False,
                "verify": [],
            }
        ],
        "results": [
            {
                "task_id": "1",
                "status": "compliant",
                "note": "",
                "answered_at": "2017-03-01T10:00:00",
                "answered_by": "张三",
                "evidence": [],
            }
        ],
        "revisions": [],
        "events": [],
    }
    for path, value in changes.items():
        target = data
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[int(keys[-1]) if isinstance(target, list) else keys[-1]] = value
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _numbered_plan(count: int) -> bytes:
    """A plan of `count` numbered tasks, about 45 bytes each."""
    lines = ["某市法治政府建设实施方案", "一、主要任务"]
    lines += [f"{n}. 完善制度（责任单位：市司法局）" for n in range(1, count + 1)]
    return "\n".join(lines).encode("utf-8")


def _zip_bomb() -> bytes:
    """A workbook whose sheet unpacks to 200 MB from about 0.2 MB."""
    parts = _workbook_parts()
    padding = b"<!--" + b" " * (200 * 1024 * 1024) + b"-->"
    parts["xl/worksheets/sheet1.xml"] = _SHEET_HEAD.encode() + padding + b"<sheetData/></worksheet>"
    return _zip(parts, level=9)


SMALL = {
    # .xlsx
    "parse--sheet-xml-cut-short.plan.xlsx": lambda: xlsx_raw_sheet(
        _SHEET_HEAD.encode() + b'<sheetData><row r="1"><c r'
    ),
    "parse--sheet-date-cell-not-a-date.plan.xlsx": lambda: xlsx(
        '<sheetData><row r="1"><c r="A1" t="d"><v>x</v></c></row></sheetData>'
    ),
    "parse--sheet-row-number-not-a-number.plan.xlsx": lambda: xlsx(
        '<sheetData><row r="x"><c r="A1" t="n"><v>y</v></c></row></sheetData>'
    ),
    "parse--sheet-not-xml.plan.xlsx": lambda: xlsx_raw_sheet(b"\x00\x01 not xml at all"),
    "limit-rows--one-cell-at-xfd1048576.plan.xlsx": lambda: xlsx(
        '<sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        "XFD1048576",
    ),
    "limit-rows--cell-at-xfd1048576-dimension-a1.plan.xlsx": lambda: xlsx(
        '<sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    ),
    "limit-columns--cell-at-xfd1.plan.xlsx": lambda: xlsx(
        '<sheetData><row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    ),
    "limit-cells--dimension-a1-all1000.plan.xlsx": lambda: xlsx(
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>', "A1:ALL1000"
    ),
    "limit-cells--merge-a1-xfd1048576.plan.xlsx": lambda: xlsx(
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is>'
        '</c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    ),
    "limit-cells--merge-c3-zz9000.plan.xlsx": lambda: xlsx(
        '<sheetData><row r="3"><c r="C3" t="inlineStr"><is><t>x</t></is>'
        '</c></row></sheetData><mergeCells count="1"><mergeCell ref="C3:ZZ9000"/></mergeCells>'
    ),
    # .docx
    "parse--document-xml-cut-short.plan.docx": lambda: docx("<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p><w:p><w:r"),
    "parse--numbering-level-not-a-number.plan.docx": lambda: _docx_bad_numbering(),
    "parse--not-a-zip.plan.docx": lambda: b"PK\x03\x04" + b"\x00" * 200,
    # HTML
    "limit-cells--span-1000-on-2000-rows.plan.html": lambda: (
        "<table>" + '<tr><td colspan="1000" rowspan="1000">督察</td></tr>' * 2000 + "</table>"
    ).encode(),
    # templates
    "parse--lipsum-a-million.template.md.j2": lambda: b"{{ lipsum(10**6) }}\n",
    "parse--range-past-the-sandbox.template.md.j2": lambda: b"{% for i in range(10**12) %}x{% endfor %}\n",
    "parse--division-by-zero.template.md.j2": lambda: b"{% set none = 0 %}{{ 1 / none }}\n",
    "parse--value-error.template.md.j2": lambda: b'{{ "{:d}".format("x") }}\n',
    "parse--type-error.template.md.j2": lambda: b'{{ "a" + 1 }}\n',
    "limit-template_steps--namespace-doubling.template.md.j2": lambda: (
        b'{% set ns = namespace(s="xx") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}\n'
    ),
    "limit-template_steps--format-width.template.md.j2": lambda: b'{{ "%0999999999d" % 1 }}\n',
    # recurrence rules
    "parse--recurrence-byday-past-the-month.checklist.toml": lambda: _checklist_with(
        {"recurrence": '"FREQ=MONTHLY;BYDAY=9MO"', "due": None}
    ),
    "parse--recurrence-byeaster-huge.checklist.toml": lambda: _checklist_with(
        {"recurrence": '"FREQ=YEARLY;BYEASTER=99999"', "due": None}
    ),
    # exports and answers
    "parse--integer-past-the-database.export.json": lambda: _export(results__0__answered_at=10**30),
    "parse--event-time-past-the-database.export.json": lambda: _export(
        events=[{"kind": "k", "actor": "a", "at": 10**30}]
    ),
    "parse--checklist-is-a-list.export.json": lambda: _export(checklist=["jingmen"]),
    "parse--task-is-a-string.export.json": lambda: _export(tasks=["1"]),
    "parse--nul-in-evidence-path.answers.toml": lambda: (
        '[[answers]]\ntask = "1"\nstatus = "c"\nnote = ""\n'
        '[[answers.evidence]]\nmethod = "查阅资料"\ndescription = "目录"\n'
        'file = "a\\u0000b.jpg"\n'
    ).encode(),
    "parse--integer-note.answers.toml": lambda: (
        b'[[answers]]\ntask = "1"\nstatus = "n"\nnote = 99999999999999999999999\n'
    ),
    # config
    "parse--limit-not-a-number.config.toml": lambda: b'[limits]\ncells = "many"\n',
    "parse--limit-zero.config.toml": lambda: b"[limits]\nrows = 0\n",
}


def _docx_bad_numbering() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("一、总体要求", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/numbering.xml"] = re.sub(rb'w:ilvl="0"', b'w:ilvl="x"', parts["word/numbering.xml"])
    return _zip(parts)


LARGE = {
    "limit-unpacked_bytes--200mb-from-200kb.plan.xlsx": _zip_bomb,
    "limit-rows--100000-rows.plan.xlsx": lambda: xlsx(
        "<sheetData>"
        + "".join(
            f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{n}. 任务</t></is></c></row>' for n in range(1, 100_001)
        )
        + "</sheetData>",
        "A1:A100000",
    ),
    "limit-paragraphs--100000-paragraphs.plan.docx": lambda: docx(
        "".join(f"<w:p><w:r><w:t>{n}. 推进依法行政</w:t></w:r></w:p>" for n in range(1, 100_001))
    ),
    "limit-html_depth--200000-nested-p.plan.html": lambda: b"<html><body>" + b"<p>x" * 200_000 + b"</body></html>",
    "limit-html_depth--200000-nested-option.plan.html": lambda: b"<select>" + b"<option>x" * 200_000 + b"</select>",
    "limit-paragraphs--200000-numbered-tasks.plan.txt": lambda: _numbered_plan(200_000),
    "limit-paragraphs--nearly-16mb-of-warnings.plan.txt": lambda: (
        (("（责任单位：市司法局）没有编号的一行" * 3)[:50] + "\n").encode() * 105_000
    ),
    "limit-task_chars--200000-character-task.checklist.toml": lambda: _checklist_with(
        {"text": '"' + "推进政务公开" * 33_334 + '"'}
    ),
}


def write_small(folder: Path = FIXTURES) -> None:
    """Write the small cases into `folder` (the fixtures in the repository)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in SMALL.items():
        (folder / name).write_bytes(build())


def write_large(folder: Path) -> list[Path]:
    """Build the large cases into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in LARGE.items():
        path = folder / name
        if not path.exists():
            path.write_bytes(build())
        paths.append(path)
    return paths


if __name__ == "__main__":
    write_small()
    print(f"wrote {len(SMALL)} cases into {FIXTURES}")
