"""Copying finalized records between two ledgers: what is new is copied, what is held alike is left, a record
changed on both sides is a conflict copied nowhere, and `resolve` settles it so both hold one revision."""

from __future__ import annotations

from datetime import date

import pytest

from inspect_cli import i18n
from inspect_cli.core.inspections import finalize, record_answer, reopen, select_tasks, start_inspection
from inspect_cli.core.sync import Conflict, copy_records, resolve
from inspect_cli.domain.models import Status
from inspect_cli.exceptions import InputError, StateError
from inspect_cli.ledger import open_location


@pytest.fixture
def laptop(tmp_path):
    with open_location(tmp_path / "laptop.db") as opened:
        yield opened


@pytest.fixture
def office(tmp_path):
    with open_location(tmp_path / "office.db") as opened:
        yield opened


def _inspect(ledger, jingmen, finalized=True):
    inspection = start_inspection(
        ledger, jingmen, "市编办", ["张三"], date(2017, 3, 1), "", select_tasks(jingmen, "市编办", "1-2")
    )
    record_answer(ledger, inspection.id, "1", Status.noncompliant, "未公开", "张三")
    return finalize(ledger, inspection.id, "张三") if finalized else inspection


def _revise(ledger, inspection_id, note):
    reopen(ledger, inspection_id, "补交材料", "张三")
    record_answer(ledger, inspection_id, "1", Status.noncompliant, note, "张三")
    return finalize(ledger, inspection_id, "张三")


def test_a_new_record_is_copied_and_copying_again_copies_nothing(laptop, office, jingmen):
    _inspect(laptop, jingmen)
    report = copy_records(laptop, office, [1])
    assert (report.copied, report.unchanged, report.conflicts) == (1, 0, ())
    again = copy_records(laptop, office)
    assert (again.copied, again.unchanged) == (0, 1)
    [copied] = office.inspections()
    assert (copied.uid, copied.content_hash) == (laptop.inspection(1).uid, laptop.inspection(1).content_hash)


def test_a_draft_is_not_copied(laptop, office, jingmen):
    _inspect(laptop, jingmen, finalized=False)
    with pytest.raises(InputError, match="inspection 1 is a draft; finalize it before copying it"):
        copy_records(laptop, office, [1])
    assert copy_records(laptop, office).copied == 0 and office.inspections() == []


def test_a_later_revision_follows_and_one_changed_on_both_sides_is_a_conflict(laptop, office, jingmen):
    _inspect(laptop, jingmen)
    copy_records(laptop, office)
    _revise(laptop, 1, "已公开部分")
    assert copy_records(laptop, office).copied == 1  # the office held the revision it follows
    _revise(laptop, 1, "笔记本上的改动")
    _revise(office, 1, "办公室里的改动")
    report = copy_records(laptop, office)
    [conflict] = report.conflicts
    i18n.activate("en")
    assert report.copied == 0 and conflict.kind == "inspection" and conflict.subject() == "inspection 1 (市编办)"
    assert office.results(1)["1"].note == "办公室里的改动"


def test_resolve_leaves_both_ledgers_with_one_revision(laptop, office, jingmen):
    _inspect(laptop, jingmen)
    copy_records(laptop, office)
    _revise(laptop, 1, "笔记本上的改动")
    _revise(office, 1, "办公室里的改动")
    settled = resolve(laptop, office, 1, "other", "张三", "以办公室为准")
    assert settled.kept == "other" and len(set(settled.replaced)) == 2
    assert laptop.inspection(1).content_hash == office.inspection(1).content_hash == settled.content_hash
    assert laptop.results(1)["1"].note == "办公室里的改动"
    assert copy_records(laptop, office).conflicts == ()
    with pytest.raises(StateError, match="is the same in both ledgers"):
        resolve(laptop, office, 1, "this", "张三")
    with pytest.raises(InputError, match="--keep 'mine': use this or other"):
        resolve(laptop, office, 1, "mine", "张三")
    with pytest.raises(InputError, match="name the other ledger with --with"):
        resolve(laptop, laptop, 1, "this", "张三")


def test_a_conflict_names_what_it_is_about():
    i18n.activate("en")
    moved = Conflict("inspection", "uid", "市编办", "a", "b", "changed on both sides", number=3, other_number=5)
    assert moved.subject() == "inspection 3 here, 5 there (市编办)"
    notice = Conflict("notice", "荆法督〔2017〕1号", "市编办", "a", "b", "taken")
    assert notice.subject() == "notice 荆法督〔2017〕1号 (市编办)"
