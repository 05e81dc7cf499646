"""`inspect-cli review` through the CLI: JSON keys, Markdown, batch, prefill into the walk."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import CORPUS, JINGMEN_CHECKLIST
from typer.testing import CliRunner

REPORTS = CORPUS / "annual-reports"


def test_json_has_the_documented_keys(invoke):
    result = invoke("review", REPORTS / "tiantai-county-2020.txt", "--checklist", JINGMEN_CHECKLIST, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["unit"], data["year"], data["missing"]) == ("天台县", 2020, [])
    assert [p["part"] for p in data["parts"]] == ["measures", "shortcomings", "leaders", "plans", "other"]
    assert all(set(p) == {"part", "found", "heading"} for p in data["parts"])
    assert {"value", "measure", "sentence"} <= set(data["figures"][0])
    assert {"task_id", "score", "passage"} <= set(data["matches"][0])
    assert isinstance(data["unaddressed"], list)
    assert data["truncated"] is False
    plain = json.loads(invoke("review", REPORTS / "taixia-township-2022.txt", "-f", "json").stdout)
    assert plain["missing"] == ["leaders"] and "matches" not in plain


def test_markdown_brief(invoke, tmp_path):
    out = tmp_path / "brief.md"
    result = invoke("--lang", "zh", "review", REPORTS / "taixia-township-2022.txt", "-o", out)
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 书面督察：太霞乡 2022年度法治政府建设报告")
    assert "**缺少**：党政主要负责人履行推进法治建设第一责任人职责情况" in text
    english = invoke("--lang", "en", "review", REPORTS / "taixia-township-2022.txt").stdout
    assert english.startswith("# Desk review: 太霞乡 annual report on building a rule-of-law government, 2022")
    assert "**Missing:** principal leaders' duties as first responsible for the rule of law" in english


def test_batch_summary(invoke):
    result = invoke("review", REPORTS, "--checklist", JINGMEN_CHECKLIST, "--format", "json")
    rows = {r["unit"]: r for r in json.loads(result.stdout)}
    assert set(rows) == {"天台县", "临沭县", "通州湾示范区", "太霞乡"}
    assert rows["太霞乡"]["missing"] == ["leaders"] and rows["天台县"]["tasks_checked"] == 140
    table = invoke("review", REPORTS)
    assert "通州湾示范区" in table.stdout and "Figures" in table.stdout


def test_bad_inputs(invoke, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert invoke("review", empty).exit_code == 2
    assert "no such file" in invoke("review", tmp_path / "none.txt").stderr
    assert (
        "--prefill needs --checklist" in invoke("review", REPORTS / "tiantai-county-2020.txt", "--prefill", "1").stderr
    )


def test_prefill_shows_in_the_walk(tmp_path):
    ledger = tmp_path / "l.db"
    env = {**os.environ, "INSPECT_LEDGER": str(ledger), "COLUMNS": "100"}

    def run(*args, input=None):
        return subprocess.run(
            [sys.executable, "-m", "inspect_cli", *args],
            input=input,
            text=True,
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )

    run("walk", str(JINGMEN_CHECKLIST), "--unit", "法制办", "--inspector", "张三", "--items", "66-68", input="q\n")
    attached = run(
        "review", str(REPORTS / "tiantai-county-2020.txt"), "-c", str(JINGMEN_CHECKLIST), "--prefill", "1", "-f", "json"
    )
    assert attached.returncode == 0 and "Attached" in attached.stderr
    walk = run("walk", str(JINGMEN_CHECKLIST), "--unit", "法制办", "--inspector", "张三", "--resume", "1", input="q\n")
    assert "The annual report says: 二是切中要点,推进合同审查登记严格化" in walk.stdout


def test_batch_shows_a_progress_bar_on_a_terminal(tmp_path):
    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "inspect_cli", "review", str(REPORTS)],
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=60,
        env={**os.environ, "INSPECT_LEDGER": str(tmp_path / "l.db")},
    )
    child.expect("Reviewing")
    child.expect("通州湾示范区")
    child.expect(pexpect.EOF)


def test_a_capture_cut_short_is_said_in_the_brief(invoke):
    cut = invoke("--lang", "zh", "review", CORPUS / "real" / "reports" / "gulou-street-2025.txt")
    assert cut.exit_code == 0
    assert "# 书面督察：鼓楼街道办事处 2025年度法治政府建设报告" in cut.stdout
    assert "**注意**：报告文本在句中结束" in cut.stdout
    assert "**注意**" not in invoke("--lang", "zh", "review", REPORTS / "taixia-township-2022.txt").stdout
    from inspect_cli.cli import app

    wide = {"COLUMNS": "240"}
    table = CliRunner().invoke(app, ["review", str(CORPUS / "real" / "reports")], env=wide).stdout
    assert "incomplete" in table and "captured:" in table
    assert "incomplete" not in invoke("review", REPORTS).stdout
    assert (
        "未收录"
        in CliRunner().invoke(app, ["--lang", "zh", "review", str(CORPUS / "real" / "reports")], env=wide).stdout
    )
