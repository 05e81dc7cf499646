"""Working days (工作日) on the State Council holiday calendar, make-up working weekends (调休) included."""

from __future__ import annotations

from datetime import date, timedelta

from inspect_cli.exceptions import InputError


def _calendar():
    import chinese_calendar

    return chinese_calendar


def known_years() -> tuple[int, int]:
    """The first and last year the holiday calendar covers."""
    calendar = _calendar()
    years = [day.year for day in calendar.holidays] + [day.year for day in calendar.workdays]
    return min(years), max(years)


def is_working_day(day: date) -> bool:
    """True on working days, including 调休 weekends; InputError outside the calendar's known years."""
    try:
        return _calendar().is_workday(day)
    except NotImplementedError:
        first, last = known_years()
        raise InputError(f"the working-day calendar covers {first}–{last} only, not {day.isoformat()}; "
                         "give a calendar period (--days N) or a date (--due YYYY-MM-DD) instead") from None


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start`: the first working day after `start` is day 1."""
    if count < 1:
        raise InputError("a working-day period must be at least 1 day")
    day, counted = start, 0
    while counted < count:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
    if end == start:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign > 0 else (end, start)
    day, counted = low, 0
    while day < high:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return sign * counted
