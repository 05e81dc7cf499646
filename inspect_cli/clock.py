"""Dates and times as the supervision office sees them: China Standard Time."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "CST")


def now() -> datetime:
    """The current time in China Standard Time, to the second."""
    return datetime.now(CHINA).replace(microsecond=0)


def now_iso() -> str:
    """The current time as an ISO 8601 string with its +08:00 offset."""
    return now().isoformat()


def today() -> date:
    """Today's date in China, whatever the machine's time zone."""
    return now().date()
