"""The worked example in sample_reports/: one command sequence, used by the test and to refresh the files."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_reports"
CHECKLIST = REPO / "checklists" / "jingmen-2016-2020.toml"
NUMBER = "荆法督〔2017〕1号"


def golden(name: str, produced: str) -> None:
    """`produced` is sample_reports/NAME; INSPECT_REGENERATE_SAMPLES=1 writes it there instead."""
    path = SAMPLES / name
    if os.environ.get("INSPECT_REGENERATE_SAMPLES") == "1":
        path.write_text(produced, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run INSPECT_REGENERATE_SAMPLES=1 pytest on its test"
    assert produced == path.read_text(encoding="utf-8"), (
        f"{name} differs; review, then refresh with INSPECT_REGENERATE_SAMPLES=1"
    )


def generate(folder: Path, monkeypatch) -> dict[str, Path]:
    """Run the example from a fresh ledger into `folder`; returns the files written."""
    from inspect_cli.cli import app

    monkeypatch.setenv("INSPECT_LEDGER", str(folder / "ledger.db"))
    monkeypatch.setenv("INSPECT_NOW", "2017-03-01T09:00:00+08:00")
    monkeypatch.setenv("INSPECT_LANG", "zh")  # the worked example is a Chinese office's
    monkeypatch.setenv("INSPECT_CONFIG", str(SAMPLES / "inspect.toml"))  # its [office]: the notice's 版头 and 版记
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(app, [str(a) for a in args])
        assert result.exit_code == 0, (args, result.output)
        return result

    # run from the repository with the answers named relative to it: the evidence files' paths, which the record's
    # hash covers, are then the same in every clone
    monkeypatch.chdir(REPO)
    run(
        "walk",
        CHECKLIST,
        "--unit",
        "市编办",
        "--inspector",
        "张三",
        "--inspector",
        "李四",
        "--place",
        "市编办三楼会议室",
        "--date",
        "2017-03-01",
        "--answers",
        SAMPLES.relative_to(REPO) / "answers.toml",
        "--finalize",
    )
    run(
        "notices",
        "issue",
        "1",
        "--date",
        "2017-03-10",
        "--days",
        "30",
        "--code",
        "荆法督",
        "--issuer",
        "荆门市人民政府法制办公室",
        "--by",
        "张三",
    )
    run("notices", "remind", NUMBER, "--date", "2017-04-01", "--note", "电话催办", "--by", "张三")
    names = ("record.md", "notice.md", "ledger.csv", "record.docx", "notice.docx", "ledger.xlsx")
    files = {name: folder / name for name in names}
    run("report", "1", "-o", files["record.md"])
    run("notices", "render", NUMBER, "-o", files["notice.md"])
    run("ledger", "export", "--what", "notices", "-o", files["ledger.csv"])
    run("report", "1", "-o", files["record.docx"])
    run("notices", "render", NUMBER, "-o", files["notice.docx"])
    run("ledger", "export", "-o", files["ledger.xlsx"])
    return files
