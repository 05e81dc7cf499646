"""Files written by inspect-cli (formats/fileio.py): whole or not at all, and shared as the umask says."""

from __future__ import annotations

import os
import stat

import pytest
from conftest import JINGMEN_CHECKLIST, REPO

from inspect_cli.formats.fileio import atomic_write


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    saved = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(saved)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path, umask, mask, expected):
    umask(mask)
    atomic_write(tmp_path / "记录.md", "# 记录\n")
    assert mode(tmp_path / "记录.md") == expected


def test_a_replaced_file_keeps_its_mode(tmp_path, umask):
    target = tmp_path / "台账.csv"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o664)
    atomic_write(target, "new")
    assert mode(target) == 0o664 and target.read_text(encoding="utf-8") == "new"


def test_records_notices_and_csv_written_by_commands_are_readable_by_the_office(invoke, tmp_path, umask):
    umask(0o022)
    walked = invoke(
        "walk",
        JINGMEN_CHECKLIST,
        "--unit",
        "市编办",
        "--inspector",
        "张三",
        "--date",
        "2017-03-01",
        "--answers",
        REPO / "sample_reports" / "answers.toml",
        "--finalize",
    )
    assert walked.exit_code == 0, walked.output
    assert invoke("notices", "issue", "1", "--date", "2017-03-10", "--days", "30", "--code", "荆法督").exit_code == 0
    written = [tmp_path / "record.md", tmp_path / "notice.docx", tmp_path / "ledger.csv"]
    assert invoke("report", "1", "-o", written[0]).exit_code == 0
    assert invoke("notices", "render", "荆法督〔2017〕1号", "-o", written[1]).exit_code == 0
    assert invoke("ledger", "export", "-o", written[2]).exit_code == 0
    assert [mode(path) for path in written] == [0o644] * 3
