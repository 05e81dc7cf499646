"""Dates and times as the supervision office sees them: China Standard Time."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

from inspect_cli.exceptions import InputError
from inspect_cli.i18n import _

CHINA = timezone(timedelta(hours=8), "CST")


def now() -> datetime:
    """The current time in China Standard Time, to the second; INSPECT_NOW fixes it for reproducible records."""
    fixed = os.environ.get("INSPECT_NOW")
    if fixed:
        try:
            moment = datetime.fromisoformat(fixed)
        except ValueError:
            raise InputError(
                _("INSPECT_NOW={fixed!r} is not an ISO date and time like 2017-03-01T09:00:00+08:00").format(
                    fixed=fixed
                )
            ) from None
        return (moment if moment.tzinfo else moment.replace(tzinfo=CHINA)).astimezone(CHINA)
    return datetime.now(CHINA).replace(microsecond=0)


def now_iso() -> str:
    """The current time as an ISO 8601 string with its +08:00 offset."""
    return now().isoformat()


def today() -> date:
    """Today's date in China, whatever the machine's time zone."""
    return now().date()
