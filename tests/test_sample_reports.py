"""sample_reports/ is regenerated from its answers file and must not differ (set INSPECT_REGENERATE_SAMPLES=1 to
refresh)."""

from __future__ import annotations

import os

import pytest
from document_facts import document_facts
from sample_pipeline import SAMPLES, generate

# Word and Excel files are compared by what a reader sees in them (text, fonts, sizes, colours, geometry, cells),
# so that a library's equivalent XML is no difference; their bytes are checked for repeatability elsewhere
BINARY = (".docx", ".xlsx")


def test_samples_are_current(tmp_path, monkeypatch):
    files = generate(tmp_path, monkeypatch)
    for name, path in files.items():
        produced = path.read_bytes()
        if os.environ.get("INSPECT_REGENERATE_SAMPLES") == "1":
            (SAMPLES / name).write_bytes(produced)
        committed = SAMPLES / name
        assert committed.exists(), f"{committed} is missing; run INSPECT_REGENERATE_SAMPLES=1 pytest {__file__}"
        if path.suffix in BINARY:
            assert document_facts(path) == document_facts(committed), (
                f"{name} reads differently from the committed one; review the change, then refresh with "
                f"INSPECT_REGENERATE_SAMPLES=1 pytest tests/test_sample_reports.py"
            )
            continue
        assert produced == committed.read_bytes(), (
            f"{name} differs from what the code produces; review the change, then refresh with "
            f"INSPECT_REGENERATE_SAMPLES=1 pytest tests/test_sample_reports.py"
        )


def test_ledger_csv_opens_in_excel_as_utf8():
    data = (SAMPLES / "ledger.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("notice,unit,issued_on,task_id")
    assert "荆法督〔2017〕1号,市编办,2017-03-10,1," in text


@pytest.mark.parametrize("name", ["record.md", "notice.md"])
def test_samples_have_no_moment_of_generation(name):
    text = (SAMPLES / name).read_text(encoding="utf-8")
    assert "2026" not in text and "T09:00:00" not in text


@pytest.mark.parametrize("name", ["record.docx", "notice.docx", "ledger.xlsx"])
def test_office_samples_carry_no_moment_of_generation(name):
    import zipfile

    with zipfile.ZipFile(SAMPLES / name) as package:
        assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        properties = package.read("docProps/core.xml").decode("utf-8")
    assert "2026" not in properties and "2017-0" in properties  # the dates the document speaks of
