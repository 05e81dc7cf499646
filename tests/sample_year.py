"""A scripted year of an office: four units (two 部门, a 镇, a 街道), two years, notices in every state.

Used by the scores, compare and summary tests and to make sample_reports/scores.md and summary.md. The figures the
tests expect are worked out by hand in the comments below, from the weights and answers here.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

# Six tasks for every unit, weighing 2, 1, 1, 3, 1 and 1 (9 points).
WEIGHTS = {"1": 2, "2": 1, "3": 1, "4": 3, "5": 1, "6": 1}
UNITS = ["市编办", "市财政局", "牌楼镇", "龙泉街道"]
CHECKLIST = 'format = 1\n\n[checklist]\nid = "year"\ntitle = "年度督察清单"\n' + "".join(
    f'\n[[tasks]]\nid = "{task}"\ntext = "任务{task}：建立健全相关制度并抓好落实。"\n'
    f"lead_units = [{', '.join(repr(u).replace(chr(39), chr(34)) for u in UNITS)}]\n"
    f'deadline = "2017年底完成"\ndue = 2017-12-31\nweight = {weight}\n'
    for task, weight in WEIGHTS.items()
)

# (unit, date, answers as letters for tasks 1–6, a note for each finding)
INSPECTIONS = [
    ("市编办", "2016-04-01", "cnnccc"),
    ("市财政局", "2016-05-01", "cccccc"),
    ("市财政局", "2017-02-01", "cccccc"),  # not the year's latest: not scored
    ("市编办", "2017-03-01", "cccccn"),  # 2+1+1+3+1+0 = 8 of 9: 88.9
    ("龙泉街道", "2017-04-01", "ccccnc"),  # 8 of 9: 88.9, ties with 市编办
    ("市财政局", "2017-06-01", "cpccnx"),  # 2+0.5+1+3+0 = 6.5 of 8 (n/a left out): 81.25, less 2 (overdue): 79.3
    ("牌楼镇", "2017-12-01", "ccpccc"),  # 8.5 of 9: 94.4, less 5 (escalated): 89.4
]
LETTERS = {"c": "compliant", "p": "partial", "n": "noncompliant", "x": "not_applicable"}
AS_OF = "2017-12-31"
NOW = "2017-12-31T18:00:00+08:00"


def answers_file(folder: Path, unit: str, on: str, letters: str) -> Path:
    """An answers file for one inspection."""
    lines = []
    for task, letter in zip(WEIGHTS, letters, strict=False):
        lines += ["[[answers]]", f'task = "{task}"', f'status = "{LETTERS[letter]}"']
        if letter in "pn":
            lines.append(f'note = "{unit}任务{task}未完全落实"')
        lines.append("")
    path = folder / f"answers-{unit}-{on}.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def build(folder: Path, monkeypatch) -> Path:
    """Make the scripted year's ledger in `folder` (set as INSPECT_LEDGER); returns the checklist file."""
    from inspect_cli.cli import app

    monkeypatch.setenv("INSPECT_LEDGER", str(folder / "year.db"))
    monkeypatch.setenv("INSPECT_NOW", NOW)
    checklist = folder / "year.toml"
    checklist.write_text(CHECKLIST, encoding="utf-8")
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(app, [str(a) for a in args])
        assert result.exit_code == 0, (args, result.output)
        return result

    for unit, on, letters in INSPECTIONS:
        run(
            "walk",
            checklist,
            "--unit",
            unit,
            "--inspector",
            "张三",
            "--date",
            on,
            "--new",
            "--answers",
            answers_file(folder, unit, on, letters),
            "--finalize",
        )
    # notices, numbered in the order issued: 2016's own, then 2017's four
    run("notices", "issue", "1", "--date", "2016-04-10", "--days", "30", "--code", "荆法督")  # 〔2016〕1号, left open
    run("notices", "issue", "4", "--date", "2017-03-10", "--days", "30", "--code", "荆法督")  # 〔2017〕1号 市编办
    reply = folder / "整改报告.pdf"
    reply.write_bytes(b"%PDF-1.4 reply\n")
    run("notices", "respond", "荆法督〔2017〕1号", "--file", reply, "--date", "2017-03-30")
    run("notices", "close", "荆法督〔2017〕1号", "--evidence", reply, "--by", "张三", "--date", "2017-04-05")  # 26 days
    run("notices", "issue", "5", "--date", "2017-04-15", "--days", "30", "--code", "荆法督")  # 〔2017〕2号 龙泉街道
    run(
        "notices",
        "extend",
        "荆法督〔2017〕2号",
        "--to",
        "2017-06-30",
        "--reason",
        "需区政府审定",
        "--date",
        "2017-05-10",
    )
    run("notices", "respond", "荆法督〔2017〕2号", "--text", "已整改", "--date", "2017-06-10")
    run("notices", "close", "荆法督〔2017〕2号", "--evidence", reply, "--by", "张三", "--date", "2017-06-14")  # 60 days
    run(
        "notices", "issue", "6", "--date", "2017-06-10", "--days", "30", "--code", "荆法督"
    )  # 〔2017〕3号 市财政局: overdue
    run("notices", "remind", "荆法督〔2017〕3号", "--note", "电话催办", "--date", "2017-07-20")
    run("notices", "issue", "7", "--date", "2017-12-20", "--days", "30", "--code", "荆法督")  # 〔2017〕4号 牌楼镇: open
    run("notices", "escalate", "荆法督〔2017〕4号", "--to", "约谈", "--date", "2017-12-25")
    return checklist
