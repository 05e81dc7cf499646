"""Office files (.docx, .xlsx) as ZIP packages whose bytes depend on their content alone."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

# the earliest moment a ZIP entry can carry; every part of every package is dated so
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def document_moment(day: date | None) -> datetime:
    """The creation time written into a document's properties: noon of the day it speaks of, never the clock."""
    return datetime.combine(day or date(1980, 1, 1), time(12, 0))


def repacked(package: bytes) -> bytes:
    """The same package with every entry dated ZIP_EPOCH, in its original order, deflated at one fixed level."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
