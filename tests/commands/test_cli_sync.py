"""`inspections push`, `pull` and `resolve`: laptops and the office ledger copying finalized inspections and notices
both ways, with the office on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json

import pytest
from conftest import JINGMEN_CHECKLIST, REPO

from inspect_cli.ledger import open_location

ANSWERS = REPO / "sample_reports" / "answers.toml"
NUMBER = "荆法督〔2017〕1号"


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request, tmp_path):
    """The office ledger: a file, or a fresh database on the PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "office.db")
    return request.getfixturevalue("postgres_database")


@pytest.fixture
def run(invoke, monkeypatch):
    """`run(ledger, *args)`: one command on one ledger, which must succeed (unless `code` says otherwise)."""
    monkeypatch.setenv("INSPECT_NOW", "2017-06-01T09:00:00+08:00")

    def command(ledger, *args, code=0):
        result = invoke("--ledger", ledger, *args)
        assert result.exit_code == code, (args, result.output)
        return result

    return command


def walk(run, ledger, on="2017-03-01", answers=ANSWERS, *extra):
    return run(
        ledger,
        "walk",
        JINGMEN_CHECKLIST,
        "--unit",
        "市编办",
        "--inspector",
        "张三",
        "--date",
        on,
        "--answers",
        answers,
        "--finalize",
        *extra,
    )


def counts(result) -> dict:
    return json.loads(result.stdout)


def revise(run, ledger, inspection_id, note, tmp_path):
    """Reopen an inspection, change task 1's note, finalize it again."""
    answers = tmp_path / f"revise-{abs(hash((ledger, note)))}.toml"
    answers.write_text(f'[[answers]]\ntask = "1"\nstatus = "noncompliant"\nnote = "{note}"\n', encoding="utf-8")
    run(ledger, "inspections", "reopen", str(inspection_id), "--reason", "单位补交了材料")
    walk(run, ledger, "2017-03-01", answers, "--resume", str(inspection_id), "--replace")


def test_two_laptops_push_to_the_office_and_pushing_again_copies_nothing(run, office, tmp_path):
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    walk(run, first, "2017-03-01")
    walk(run, second, "2017-03-02")
    assert counts(run(first, "inspections", "push", "--to", office, "--format", "json")) == {
        "copied": 1,
        "unchanged": 0,
        "withdrawn": 0,
        "conflicts": [],
    }
    assert counts(run(second, "inspections", "push", "--to", office, "--format", "json"))["copied"] == 1
    listed = json.loads(run(office, "inspections", "list", "--format", "json").stdout)
    assert sorted(i["date"] for i in listed) == ["2017-03-01", "2017-03-02"]
    again = counts(run(first, "inspections", "push", "--to", office, "--format", "json"))
    assert again == {"copied": 0, "unchanged": 1, "withdrawn": 0, "conflicts": []}
    # the copies prove themselves in the office: hashes, event chain
    assert run(office, "inspections", "verify").exit_code == 0
    with open_location(first) as laptop, open_location(office) as shared:
        original = laptop.inspections()[0]
        copy = shared.inspection_by_uid(original.uid)
        assert copy.content_hash == original.content_hash and copy.revision == original.revision
        assert shared.results(copy.id) == laptop.results(original.id)
        kinds = [e.kind for e in shared.events(copy.id)]
        assert kinds == [e.kind for e in laptop.events(original.id)]


def test_a_revision_changed_on_both_sides_is_a_conflict_and_the_office_keeps_the_first(run, office, tmp_path):
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    walk(run, first)
    run(first, "inspections", "push", "--to", office)
    assert counts(run(second, "inspections", "pull", "--from", office, "--format", "json"))["copied"] == 1
    revise(run, first, 1, "已公开目录清单", tmp_path)
    revise(run, second, 1, "仍未公开", tmp_path)
    with open_location(first) as laptop:
        first_hash = laptop.inspection(1).content_hash
    with open_location(second) as laptop:
        second_hash = laptop.inspection(1).content_hash
    assert counts(run(first, "inspections", "push", "--to", office, "--format", "json"))["copied"] == 1
    refused = run(second, "inspections", "push", "--to", office, "--format", "json", code=1)
    (conflict,) = counts(refused)["conflicts"]
    assert conflict["kind"] == "inspection" and conflict["unit"] == "市编办"
    assert (conflict["source_hash"], conflict["target_hash"]) == (second_hash, first_hash)
    with open_location(office) as shared:
        kept = shared.inspections()[0]
        assert (kept.content_hash, kept.revision) == (first_hash, 2)
        assert shared.results(kept.id)["1"].note == "已公开目录清单"
        assert [r.revision for r in shared.revisions(kept.id)] == [2]
    assert run(office, "inspections", "verify").exit_code == 0
    # the table form says the same on one line per conflict, and nothing is overwritten
    said = run(second, "inspections", "push", "--to", office, code=1)
    assert "conflict: inspection" in said.stderr and "nothing overwritten" in said.stderr
    # "here" is the ledger in use whichever way the copy goes: B's hash on B's push and on B's pull
    assert f"here {second_hash[:16]}, there {first_hash[:16]}" in said.stderr
    pulled = run(second, "inspections", "pull", "--from", office, code=1)
    assert f"here {second_hash[:16]}, there {first_hash[:16]}" in pulled.stderr


def test_notices_travel_with_their_steps_and_deadlines_agree(run, office, tmp_path):
    laptop = str(tmp_path / "laptop.db")
    walk(run, office)
    run(office, "notices", "issue", "1", "--date", "2017-03-10", "--days", "30", "--code", "荆法督")
    assert counts(run(laptop, "inspections", "pull", "--from", office, "--format", "json")) == {
        "copied": 2,
        "unchanged": 0,
        "withdrawn": 0,
        "conflicts": [],
    }
    run(office, "notices", "remind", NUMBER, "--date", "2017-04-01", "--note", "电话催办")
    run(office, "notices", "extend", NUMBER, "--to", "2017-05-31", "--reason", "需市政府审定", "--date", "2017-04-05")
    assert counts(run(laptop, "inspections", "pull", "--from", office, "--format", "json")) == {
        "copied": 1,
        "unchanged": 1,
        "withdrawn": 0,
        "conflicts": [],
    }
    shown = [
        json.loads(run(ledger, "notices", "show", NUMBER, "--format", "json").stdout) for ledger in (office, laptop)
    ]
    for notice in shown:
        notice.pop("id", None)
    assert shown[0] == shown[1]
    report = ["deadlines", JINGMEN_CHECKLIST, "--as-of", "2017-12-01", "--format", "json"]
    assert run(office, *report).stdout == run(laptop, *report).stdout
    assert run(laptop, "inspections", "verify").exit_code == 0
    assert counts(run(laptop, "inspections", "pull", "--from", office, "--format", "json"))["copied"] == 0


def test_a_notice_number_taken_by_another_notice_is_a_conflict(run, office, tmp_path):
    laptop = str(tmp_path / "laptop.db")
    walk(run, office, "2017-03-01")
    run(office, "notices", "issue", "1", "--date", "2017-03-10", "--days", "30", "--code", "荆法督")
    walk(run, laptop, "2017-03-02")
    run(laptop, "notices", "issue", "1", "--date", "2017-03-11", "--days", "20", "--code", "荆法督")
    refused = counts(run(laptop, "inspections", "push", "--to", office, "--format", "json", code=1))
    assert refused["copied"] == 1  # the inspection; its notice's number is the office's own
    (conflict,) = refused["conflicts"]
    assert conflict["kind"] == "notice" and conflict["key"] == NUMBER
    with open_location(office) as shared:
        (row,) = shared.notice_rows(number=NUMBER)
        assert row.issued_on == "2017-03-10"


def test_push_of_a_draft_or_to_itself_is_refused(run, tmp_path):
    laptop = str(tmp_path / "laptop.db")
    run(
        laptop,
        "walk",
        JINGMEN_CHECKLIST,
        "--unit",
        "市编办",
        "--inspector",
        "张三",
        "--date",
        "2017-03-01",
        "--answers",
        ANSWERS,
    )
    refused = run(laptop, "inspections", "push", "1", "--to", str(tmp_path / "office.db"), code=2)
    assert "is a draft; finalize it" in refused.output
    refused = run(laptop, "inspections", "push", "--to", laptop, code=2)
    assert "is the ledger in use" in refused.output


def test_pull_from_an_office_without_a_ledger_copies_nothing(run, postgres_database, tmp_path):
    laptop = str(tmp_path / "laptop.db")
    result = run(laptop, "inspections", "pull", "--from", postgres_database, "--format", "json")
    assert counts(result) == {"copied": 0, "unchanged": 0, "withdrawn": 0, "conflicts": []}


def test_a_record_changed_outside_inspect_cli_is_not_copied(run, tmp_path):
    import sqlite3

    laptop, office = str(tmp_path / "laptop.db"), str(tmp_path / "office.db")
    walk(run, laptop, "2017-03-01")
    walk(run, laptop, "2017-03-02")
    with sqlite3.connect(laptop) as connection:
        connection.execute("UPDATE results SET note = '改过' WHERE inspection_id = 2 AND task_id = '1'")
    refused = counts(run(laptop, "inspections", "push", "--to", office, "--format", "json", code=1))
    assert refused["copied"] == 1
    (conflict,) = refused["conflicts"]
    assert conflict["kind"] == "inspection" and "does not verify" in conflict["reason"]
    with open_location(office) as shared:
        assert [i.date.isoformat() for i in shared.inspections()] == ["2017-03-01"]


def verify_both(run, *ledgers):
    for ledger in ledgers:
        assert run(ledger, "inspections", "verify").exit_code == 0


@pytest.mark.parametrize("keep", ["this", "other"])
def test_two_laptops_in_conflict_settled_by_resolve_then_push_and_pull_agree(run, office, tmp_path, keep):
    """Two laptops revise inspection 1 apart; A's push is copied, B's is a conflict; B settles it against the office
    with `resolve`; then push and pull both ways: exit 0, no conflict, every ledger verifies and holds one revision."""
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    walk(run, first)
    run(first, "inspections", "push", "--to", office)
    run(second, "inspections", "pull", "--from", office)
    revise(run, first, 1, "已公开目录清单", tmp_path)
    revise(run, second, 1, "仍未公开", tmp_path)
    with open_location(first) as laptop, open_location(second) as other_laptop:
        hashes = {"a": laptop.inspection(1).content_hash, "b": other_laptop.inspection(1).content_hash}
    run(first, "inspections", "push", "--to", office)
    (conflict,) = counts(run(second, "inspections", "push", "--to", office, "--format", "json", code=1))["conflicts"]
    assert conflict["inspection"] == 1 and "inspections resolve 1" in conflict["reason"]
    said = run(second, "inspections", "pull", "--from", office, code=1).stderr
    assert "conflict: inspection 1 (市编办)" in said and conflict["key"] not in said

    settled = json.loads(
        run(second, "inspections", "resolve", "1", "--with", office, "--keep", keep, "--format", "json").stdout
    )
    kept_note = "仍未公开" if keep == "this" else "已公开目录清单"
    assert settled["revision"] == 3 and sorted(settled["replaced"]) == sorted(hashes.values())

    for source, target in ((second, office), (first, office), (office, second), (office, first), (second, first)):
        done = counts(run(source, "inspections", "push", "--to", target, "--format", "json"))
        assert done["conflicts"] == []
        done = counts(run(target, "inspections", "pull", "--from", source, "--format", "json"))
        assert done["conflicts"] == []
    verify_both(run, first, second, office)
    held = []
    for ledger in (first, second, office):
        with open_location(ledger) as opened:
            inspection = opened.inspections()[0]
            held.append((inspection.revision, inspection.content_hash))
            assert opened.results(inspection.id)["1"].note == kept_note
            resolved = [e for e in opened.events(inspection.id) if e.kind == "inspection.resolved"]
            if ledger != first:  # logged on both sides of the settlement; laptop A received the revision by pull
                assert len(resolved) == 1 and sorted(json.loads(resolved[0].detail)["replaced"]) == sorted(
                    hashes.values()
                )
            newest = opened.revisions(inspection.id)[-1]
            assert (newest.revision, sorted(newest.previous_hash.split())) == (3, sorted(hashes.values()))
    assert held == [(3, settled["content_hash"])] * 3


def test_resolve_refuses_what_needs_no_settling(run, office, tmp_path):
    laptop = str(tmp_path / "laptop.db")
    walk(run, laptop)
    refused = run(laptop, "inspections", "resolve", "1", "--with", office, "--keep", "this", code=2)
    assert "no ledger" in refused.stderr or "no copy" in refused.stderr
    run(laptop, "inspections", "push", "--to", office)
    refused = run(laptop, "inspections", "resolve", "1", "--with", office, "--keep", "this", code=2)
    assert "the same in both ledgers" in refused.stderr


def test_a_notice_number_clash_is_settled_by_withdrawing_and_issuing_at_the_office(run, office, tmp_path):
    """The documented path: the laptop withdraws its offline 1号, pushes its inspection, the office issues the notice,
    the laptop pulls it; then push and pull both ways: exit 0, no conflict, both verify."""
    laptop = str(tmp_path / "laptop.db")
    walk(run, office, "2017-03-01")
    run(office, "notices", "issue", "1", "--date", "2017-03-10", "--days", "30", "--code", "荆法督")
    walk(run, laptop, "2017-03-02")
    run(laptop, "notices", "issue", "1", "--date", "2017-03-11", "--days", "20", "--code", "荆法督")
    clash = run(laptop, "inspections", "push", "--to", office, code=1).stderr
    assert f"conflict: notice {NUMBER} (市编办)" in clash and f"notices withdraw {NUMBER}" in clash

    run(
        laptop,
        "notices",
        "withdraw",
        NUMBER.replace("〔", "[").replace("〕", "]"),
        "--reason",
        "号已由办公室编给另一份通知书",
    )
    assert json.loads(run(laptop, "notices", "list", "--status", "all", "--format", "json").stdout) == []
    assert counts(run(laptop, "inspections", "push", "--to", office, "--format", "json"))["conflicts"] == []
    with open_location(office) as shared:
        pushed = next(i.id for i in shared.inspections() if i.date.isoformat() == "2017-03-02")
    run(office, "notices", "issue", str(pushed), "--date", "2017-03-12", "--days", "20", "--code", "荆法督")
    second = "荆法督〔2017〕2号"
    for source, target in ((office, laptop), (laptop, office)):
        for command, where in (("push", "--to"), ("pull", "--from")):
            done = counts(run(source, "inspections", command, where, target, "--format", "json"))
            assert done["conflicts"] == []
    verify_both(run, office, laptop)
    on_laptop = json.loads(run(laptop, "notices", "list", "--status", "all", "--format", "json").stdout)
    assert [n["number"] for n in on_laptop] == [second]  # the office's 1号 cannot come: the number is used here
    with open_location(office) as shared:
        assert [row.number for row in shared.notice_rows()] == [NUMBER, second]
        assert shared.notice_rows(number=NUMBER)[0].issued_on == "2017-03-10"
    with open_location(laptop) as own:
        assert own.withdrawn_notice_numbers() == [NUMBER]
        # the number stays used: the next serial issued on the laptop is not 1号 again
        assert own.next_serial("荆法督", 2017) == 3
    refused = run(laptop, "notices", "remind", NUMBER, code=2)
    assert "withdrawn" in refused.stderr


def test_a_push_that_copies_nothing_writes_nothing_and_reads_as_often_however_many_inspections(
    run, tmp_path, monkeypatch
):
    import sqlite3

    connect = sqlite3.connect
    selects = {}
    for size in (1, 3):
        laptop, office = str(tmp_path / f"laptop-{size}.db"), str(tmp_path / f"office-{size}.db")
        for day in range(size):
            walk(run, laptop, f"2017-03-0{day + 1}")
        run(laptop, "notices", "issue", "1", "--date", "2017-03-10", "--days", "30", "--code", "荆法督")
        run(laptop, "inspections", "push", "--to", office)
        statements: list[str] = []

        def traced(*args, statements=statements, **kwargs):
            connection = connect(*args, **kwargs)
            connection.set_trace_callback(statements.append)
            return connection

        monkeypatch.setattr(sqlite3, "connect", traced)
        again = counts(run(laptop, "inspections", "push", "--to", office, "--format", "json"))
        monkeypatch.setattr(sqlite3, "connect", connect)
        assert again == {"copied": 0, "unchanged": size + 1, "withdrawn": 0, "conflicts": []}
        assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
        selects[size] = len([s for s in statements if s.lstrip().upper().startswith("SELECT")])
    assert selects[1] == selects[3]
