"""`inspect-cli inspections …` through the CLI."""

from __future__ import annotations

import json

from conftest import JINGMEN_CHECKLIST

WALK = ["walk", str(JINGMEN_CHECKLIST), "--unit", "编办", "--inspector", "张三", "--date", "2017-03-10"]


def walk_with(invoke, tmp_path, text, *extra):
    answers = tmp_path / "a.toml"
    answers.write_text(text, encoding="utf-8")
    return invoke(*WALK, "--answers", answers, *extra)


def test_list_and_show_json(invoke, tmp_path):
    assert invoke("inspections", "list", "--format", "json").stdout.strip() == "[]"
    walk_with(
        invoke,
        tmp_path,
        '[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未建立"\n[[answers.evidence]]\nmethod = '
        '"查阅资料"\ndescription = "目录"\n',
    )
    other = tmp_path / "b.toml"
    other.write_text('[[answers]]\ntask = "8"\nstatus = "c"\n', encoding="utf-8")
    assert (
        invoke(
            "walk",
            JINGMEN_CHECKLIST,
            "--unit",
            "人社局",
            "--inspector",
            "李四",
            "--date",
            "2018-01-05",
            "--answers",
            other,
        ).exit_code
        == 0
    )
    listed = json.loads(invoke("inspections", "list", "--format", "json").stdout)
    assert [(i["id"], i["unit"], i["date"], i["state"], i["checklist"]) for i in listed] == [
        (2, "市人社局", "2018-01-05", "draft", "jingmen-2016-2020"),
        (1, "市编办", "2017-03-10", "draft", "jingmen-2016-2020"),
    ]
    shown = json.loads(invoke("inspections", "show", "1", "--format", "json").stdout)
    for key in ("id", "checklist", "unit", "inspectors", "date", "place", "state", "results"):
        assert key in shown
    assert shown["inspectors"] == ["张三"] and shown["state"] == "draft"
    result = shown["results"][0]
    assert (result["task_id"], result["status"], result["note"]) == ("1", "noncompliant", "未建立")
    assert result["evidence"][0]["method"] == "查阅资料" and result["answered_at"]
    table = invoke("inspections", "list")
    assert "市人社局" in table.stdout and "1/16" in table.stdout


def test_finalize_reopen_export_import_cli(invoke, tmp_path, monkeypatch):
    walk_with(invoke, tmp_path, '[[answers]]\ntask = "1"\nstatus = "c"\n')
    done = invoke("inspections", "finalize", "1", "--by", "张三")
    assert done.exit_code == 0 and "finalized (revision 1)" in done.stdout
    again = invoke("inspections", "finalize", "1")
    assert again.exit_code == 2 and "is finalized" in again.stderr
    assert invoke("inspections", "reopen", "1", "--reason", "补交材料").stdout.startswith(
        "Inspection 1 reopened as revision 2"
    )
    invoke("inspections", "finalize", "1")
    out = tmp_path / "export.toml"
    assert invoke("inspections", "export", "1", "-o", out).exit_code == 0
    monkeypatch.setenv("INSPECT_LEDGER", str(tmp_path / "other.db"))
    first = invoke("inspections", "import", out)
    assert first.exit_code == 0 and "Imported as inspection 1" in first.stdout
    second = invoke("inspections", "import", out)
    assert "Already in the ledger as inspection 1" in second.stdout
    exported_again = invoke("inspections", "export", "1", "--format", "toml")
    assert exported_again.stdout.strip() == out.read_text(encoding="utf-8").strip()


def test_unknown_inspection_and_bad_files(invoke, tmp_path):
    walk_with(invoke, tmp_path, '[[answers]]\ntask = "1"\nstatus = "c"\n')
    result = invoke("inspections", "show", "9")
    assert result.exit_code == 2 and result.stderr.startswith("Error: no inspection 9")
    bad = tmp_path / "x.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    result = invoke("inspections", "import", bad)
    assert result.exit_code == 2 and "not an inspect-cli inspection export" in result.stderr


def test_discard_removes_a_draft_and_logs_it_but_never_a_finalized_one(invoke, tmp_path, monkeypatch):
    from inspect_cli.ledger.sqlite import SQLiteLedger

    monkeypatch.setenv("INSPECT_LEDGER", str(tmp_path / "l.db"))
    walk_with(invoke, tmp_path, '[[answers]]\ntask = "1"\nstatus = "c"\n', "--finalize")
    walk_with(invoke, tmp_path, '[[answers]]\ntask = "1"\nstatus = "c"\n')
    assert invoke("inspections", "discard", "2").exit_code == 2  # --reason is required
    result = invoke("inspections", "discard", "2", "--reason", "误开的重复草稿", "--by", "张三")
    assert result.exit_code == 0 and "Draft inspection 2 of 市编办 (1/16 answered) discarded" in result.stdout
    refused = invoke("inspections", "discard", "1", "--reason", "x")
    assert refused.exit_code == 2 and "a finalized record is never discarded" in refused.stderr
    with SQLiteLedger.open(tmp_path / "l.db") as ledger:
        assert [i.id for i in ledger.inspections()] == [1]
        assert ledger.results(2) == {}
        event = [e for e in ledger.events(2) if e.kind == "inspection.discarded"][0]
    assert event.actor == "张三" and json.loads(event.detail)["reason"] == "误开的重复草稿"
    invoke("inspections", "reopen", "1", "--reason", "补充")
    reopened = invoke("inspections", "discard", "1", "--reason", "x")
    assert reopened.exit_code == 2 and "was finalized before" in reopened.stderr


def test_list_finds_a_unit_by_a_unique_part_and_names_the_filter_when_nothing_matches(invoke, tmp_path):
    walk_with(invoke, tmp_path, '[[answers]]\ntask = "1"\nstatus = "c"\n')
    found = invoke("inspections", "list", "--unit", "编办", "--format", "json")
    assert [row["unit"] for row in json.loads(found.stdout)] == ["市编办"]
    none = invoke("inspections", "list", "--unit", "气象局")
    assert none.exit_code == 0 and none.stderr == "No inspections match --unit 气象局.\n"
    drafts = invoke("inspections", "list", "--unit", "编办", "--state", "finalized")
    assert drafts.stderr == "No inspections match --unit 编办 --state finalized.\n"
    bogus = invoke("inspections", "list", "--state", "bogus")
    assert bogus.exit_code == 2 and bogus.stderr.count("\n") == 1
    assert bogus.stderr.startswith("Error: Invalid value for '--state': 'bogus' is not one of 'draft', 'finalized'")


def test_a_damaged_export_is_refused_in_plain_words(invoke, tmp_path):
    walk_with(invoke, tmp_path, '[[answers]]\ntask = "1"\nstatus = "c"\n', "--finalize")
    exported = json.loads(invoke("inspections", "export", "1").stdout)
    missing = {**exported, "uid": "other"}
    del missing["tasks"]
    (tmp_path / "missing.json").write_text(json.dumps(missing, ensure_ascii=False), encoding="utf-8")
    result = invoke("inspections", "import", tmp_path / "missing.json")
    assert result.exit_code == 2 and "(it has no 'tasks' field); nothing imported" in result.stderr
    assert "KeyError" not in result.stderr
