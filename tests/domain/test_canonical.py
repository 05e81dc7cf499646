"""The content hash of a finalized inspection never changes: the sample inspection and ledgers of earlier releases."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
import sample_pipeline

from inspect_cli.core.integrity import content_hash
from inspect_cli.domain import canonical
from inspect_cli.domain.models import Evidence, InspectionTask, Result, Revision
from inspect_cli.ledger.sqlite import SQLiteLedger

OLD = Path(__file__).parent.parent / "fixtures" / "old_ledgers"

# Taken from the sample inspection and the fixtures before the hashed content got its own encoder. A record keeps
# the form it was hashed with, so every released form must go on hashing to the same value.
OLD_LEDGER_HASHES = {
    "schema2-adcff21": {
        1: "e44852b82e62350099a8532b73be9727874a2210ace4c785eeebf377b04e3f29",
        2: "489b1e7f49957c3dfc6e04c2a4f75fbebeb5b94e605220af67a1dadace39ba74",
        3: "c462a519b9b49c223ddcd5ed6af35d801ce60f16b44bb30dd3546346e67c58be",
    },
    "schema3-1fc63dc": {
        1: "c0c825dd7f26c40f897b1ce9ce2f64d26691a9eb9704c7ba50c4c19a29e27856",
        2: "c0cecb8280b021473e59a13fa0d958101c1f46d6178f2e13b6fd6470cb1bde23",
        3: "a4dc14f8e09608cad3a08cbc6cc70537e07efca03166b6d575d37bc10e33d0fa",
    },
    "schema4-f4523c4": {
        1: "d4b44fad7037aad7bd3a233386147ad540795cf5dd87f973ddf0830d9d288366",
        2: "a903978a54dfe8018fa064222aea5ab197af202ccdeb925b3326953c21684be7",
        3: "b26dd03464e3f073703e2befe933877302d43a963d67190783aac1751f6f3285",
    },
}
# form 1 covers the inspection's uid, which is new on every run of the sample, so only forms 2 and 3 are pinned
SAMPLE_HASHES = {
    2: "92f5d9becc66767a591d0a169ac928b80d949231249834827b1501a167d38ec5",
    3: "d5b7e29e26562b784ac6f96036aac98dc746581ae587a278cc468538d7006cd7",
}
# form 4 covers the evidence files' paths as recorded (the sample's are relative to the repository)
FORM_4_SAMPLE_HASH = "1a5284dba07bbde78ad95b82eca00378bbbdb3b9d920037231ba6b3c5038a406"


def test_every_old_ledger_fixture_is_pinned():
    assert sorted(p.stem for p in OLD.glob("schema*.sqlite")) == sorted(OLD_LEDGER_HASHES)


@pytest.mark.parametrize("name", sorted(OLD_LEDGER_HASHES))
def test_content_hashes_of_ledgers_made_by_earlier_releases_are_unchanged(name, tmp_path):
    path = tmp_path / f"{name}.sqlite"
    shutil.copy(OLD / f"{name}.sqlite", path)
    exported = json.loads((OLD / f"{name}-export.json").read_text(encoding="utf-8"))
    with SQLiteLedger.open(path) as ledger:  # opening migrates the copy to the current schema
        assert ledger.inspection(1).content_hash == exported["content_hash"]
        assert ledger.content_form(1) in OLD_LEDGER_HASHES[name]
        assert OLD_LEDGER_HASHES[name][ledger.content_form(1)] == exported["content_hash"]
        assert {form: content_hash(ledger, 1, form) for form in OLD_LEDGER_HASHES[name]} == OLD_LEDGER_HASHES[name]


def test_content_hash_of_the_sample_inspection_is_unchanged(tmp_path, monkeypatch):
    sample_pipeline.generate(tmp_path, monkeypatch)
    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:
        inspection = ledger.inspection(1)
        assert inspection.state == "finalized"
        assert (ledger.content_form(1), inspection.content_hash) == (4, content_hash(ledger, 1, 4))
        assert {form: content_hash(ledger, 1, form) for form in SAMPLE_HASHES} == SAMPLE_HASHES


def test_form_4_hashes_evidence_files_by_the_path_recorded(tmp_path, monkeypatch):
    sample_pipeline.generate(tmp_path, monkeypatch)
    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:
        assert {e.file_path for result in ledger.results(1).values() for e in result.evidence if e.file_path} == {
            "sample_reports/evidence/catalogue-binder.jpg",
            "sample_reports/evidence/inspection-ledger-scan.pdf",
        }
        assert content_hash(ledger, 1, 4) == FORM_4_SAMPLE_HASH


@pytest.mark.parametrize(
    ("model", "encode"),
    [
        (InspectionTask, canonical.task_content),
        (Result, canonical.result_content),
        (Evidence, canonical.evidence_content),
        (Revision, canonical.revision_content),
    ],
)
def test_the_canonical_encoders_name_every_field_of_their_model(model, encode, tmp_path, monkeypatch):
    # a field added to a model is hashed only through a new content form: this test is where that is decided
    sample_pipeline.generate(tmp_path, monkeypatch)
    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:
        tasks = ledger.tasks(1)
        instances = {
            InspectionTask: tasks[0],
            Result: next(iter(ledger.results(1).values())),
            Evidence: next(e for r in ledger.results(1).values() for e in r.evidence),
            Revision: Revision(2, "补充证据", "0" * 64, "2017-03-02T09:00:00+08:00", "张三"),
        }
    assert list(encode(instances[model])) == [field.name for field in dataclasses.fields(model)]


def test_the_hashed_bytes_do_not_depend_on_display_code(tmp_path, monkeypatch):
    import inspect_cli.render.table as table

    sample_pipeline.generate(tmp_path, monkeypatch)
    monkeypatch.setattr(table, "json_ready", lambda value: {"changed": "for display"})
    with SQLiteLedger.open(tmp_path / "ledger.db") as ledger:
        assert content_hash(ledger, 1, 3) == SAMPLE_HASHES[3]


# values a notice column may hold, and some it never should: every one must be written as canonical_bytes writes it
_AWKWARD = [
    "",
    "督〔2017〕1号",
    'quote " backslash \\ slash / percent %s %%',
    "\x00\x01\x1f\x7f control, \t\n\r blanks, \u2028\u2029 separators",
    "😀 astral, é combining e\u0301",
    '[{"task_id": "1", "found": "缺"}]',
    None,
    0,
    -1,
    2**63 - 1,
    -(2**70),
    True,
    False,
    1.5,
    -0.0,
    float("inf"),
    float("nan"),
    [],
    [[1, "issue", "2017-03-10", "张三", '{"reply_days": 10}', "2017-03-10T09:00:00+08:00"]],
    {"b": 1, "a": [None, {"d": "x", "c": 2}]},
]


def test_the_seals_of_many_notices_are_the_seal_of_each(tmp_path):
    names = ("number", "steps", "id", "findings", "a%s", "closed_on", "period")
    rows = [
        tuple(_AWKWARD[(row * 7 + column * 3) % len(_AWKWARD)] for column in range(len(names))) + ("more",)
        for row in range(len(_AWKWARD) * 3)
    ]
    # columns of one kind each (text, whole numbers, with or without nulls) take shorter paths than mixed ones
    texts = [value for value in _AWKWARD if isinstance(value, str)]
    alike = [
        (texts[n % len(texts)], [], n, "[]", texts[-n % len(texts)], None if n % 2 else "2017-04-01", n or None)
        for n in range(len(texts) * 2)
    ]
    for given in (rows, alike):
        expected = [canonical.notice_seal(dict(zip(names, row, strict=False))) for row in given]
        assert canonical.notice_seals(names, given) == expected
    assert canonical.notice_seals(names, []) == []
    # a column of texts is written as it is unless one of them holds a character the encoder escapes
    for char in ('"', "\\", "\x00", "\n", "\x1f", "\x7f", "\u2028", "é", "%"):
        column = [("plain",), (f"a{char}b",)]
        expected = [canonical.notice_seal({"text": text}) for (text,) in column]
        assert canonical.notice_seals(("text",), column) == expected


def test_the_seals_of_stored_notices_are_those_they_were_stored_with(tmp_path):
    from inspect_cli.ledger.base import SEALED_FIELDS, sealed_form

    path = tmp_path / "old.sqlite"
    shutil.copy(OLD / "schema4-f4523c4.sqlite", path)
    with SQLiteLedger.open(path) as ledger:  # the migration sealed the notice the old release stored
        rows = ledger.notice_rows()
        assert rows and all(row.seal for row in rows)
        assert canonical.notice_seals(SEALED_FIELDS, rows) == [row.seal for row in rows]
        assert [canonical.notice_seal(sealed_form(row)) for row in rows] == [row.seal for row in rows]
        assert [sealed_form(row) for row in rows] == [ledger.sealed_notice(row.id) for row in rows]
