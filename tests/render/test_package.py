"""Office packages whose bytes depend on their content alone: every entry dated alike, in its order."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from inspect_cli.render.package import ZIP_EPOCH, document_moment, repacked


def _package(when: tuple, level: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as package:
        for name, text in (("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document>督办</w:document>")):
            package.writestr(zipfile.ZipInfo(name, date_time=when), text)
    return out.getvalue()


def test_two_packages_made_at_different_times_become_the_same_bytes():
    first, second = _package((2017, 3, 10, 9, 0, 0), 1), _package((2026, 12, 5, 21, 0, 0), 9)
    assert first != second and repacked(first) == repacked(second)
    with zipfile.ZipFile(io.BytesIO(repacked(first))) as package:
        assert [entry.filename for entry in package.infolist()] == ["[Content_Types].xml", "word/document.xml"]
        assert {entry.date_time for entry in package.infolist()} == {ZIP_EPOCH}
        assert package.read("word/document.xml").decode() == "<w:document>督办</w:document>"


def test_a_document_is_dated_noon_of_its_day_never_the_clock():
    assert document_moment(date(2017, 3, 10)) == datetime(2017, 3, 10, 12, 0)
    assert document_moment(None) == datetime(1980, 1, 1, 12, 0)
