"""Working days (工作日) per year, from the best source there is for that year.

In order: a schedule the office typed into inspect.toml (`configured`), the State Council schedule as
published in the `holidays` library, make-up working weekends (调休) included (`official`), and for
years nobody has published yet an `estimated` schedule: weekends off, the statutory holidays on
their dates (the lunar ones computed by the library), no make-up days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from inspect_cli.exceptions import CalendarUnavailable, InputError
from inspect_cli.i18n import _

SOURCES = ("configured", "official", "estimated")  # strongest first
_STRENGTH = {source: rank for rank, source in enumerate(SOURCES)}


@dataclass(frozen=True)
class YearSchedule:
    """One year's days off and worked weekend days, and where they come from."""

    year: int
    source: str
    holidays: tuple[date, ...]
    workdays: tuple[date, ...]


@dataclass(frozen=True)
class Counted:
    """A working-day result (a date or a count) and the weakest source of the years it crosses."""

    value: object
    source: str
    estimated_years: tuple[int, ...] = ()


def weakest(sources: Iterable[str]) -> str:
    """The least reliable of some sources: estimated, then official, then configured."""
    return max(sources, key=_STRENGTH.__getitem__, default="official")


def official_years() -> tuple[int, ...]:
    """The years whose State Council schedule the installed holidays library carries."""
    from holidays.countries.china import ChinaStaticHolidays

    # every published schedule moves at least one day (a make-up working weekend), so the years with
    # special entries are exactly the years the library has the State Council notice for
    return tuple(sorted(ChinaStaticHolidays.special_public_holidays))


def _library_schedule(year: int) -> YearSchedule:
    from holidays.countries.china import China

    published = official_years()
    if year in published:
        # a notice can move days into the previous year (e.g. a working Saturday on 31 December)
        days = China(years=[year, year + 1] if year + 1 in published else [year])
        return YearSchedule(
            year,
            "official",
            tuple(sorted(d for d in days if d.year == year)),
            tuple(sorted(d for d in days.weekend_workdays if d.year == year)),
        )
    statutory = China(years=year, observed=False, language="zh_CN")
    if not any("春节" in name for name in statutory.values()):
        raise CalendarUnavailable(year)  # beyond the library's lunar tables
    return YearSchedule(year, "estimated", tuple(sorted(statutory)), ())


def configured_schedule(year: int, holidays: Iterable[date], workdays: Iterable[date]) -> YearSchedule:
    """A schedule the office typed in from the State Council notice."""
    return YearSchedule(year, "configured", tuple(sorted(holidays)), tuple(sorted(workdays)))


@dataclass(frozen=True)
class WorkCalendar:
    """Working days on every year's best source; `configured` maps a year to (holidays, workdays)."""

    configured: Mapping[int, tuple[tuple[date, ...], tuple[date, ...]]] = field(default_factory=dict)
    _years: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_config(cls, config) -> WorkCalendar:
        """The calendar with the years configured in inspect.toml."""
        return cls({year: (off, on) for year, off, on in getattr(config, "calendars", ())})

    def schedule(self, year: int) -> YearSchedule:
        """The year's schedule from its best source."""
        entry = self._entry(year)
        return entry[0]

    def _entry(self, year: int) -> tuple[YearSchedule, frozenset, frozenset]:
        entry = self._years.get(year)
        if entry is None:
            if year in self.configured:
                off, on = self.configured[year]
                schedule = configured_schedule(year, off, on)
            else:
                schedule = _library_schedule(year)
            entry = self._years[year] = (schedule, frozenset(schedule.holidays), frozenset(schedule.workdays))
        return entry

    def is_working_day(self, day: date) -> bool:
        """True on working days, 调休 weekends included."""
        _source, off, on = self._entry(day.year)
        if day in on:
            return True
        return day.weekday() < 5 and day not in off

    def _sources(self, first: date, last: date) -> tuple[str, tuple[int, ...]]:
        years = [self.schedule(year) for year in range(first.year, last.year + 1)]
        return (weakest(s.source for s in years), tuple(s.year for s in years if s.source == "estimated"))

    def add(self, start: date, count: int) -> Counted:
        """The date `count` working days after `start` (the first working day after `start` is day 1)."""
        if count < 1:
            raise InputError(_("a working-day period must be at least 1 day"))
        day, counted = start, 0
        while counted < count:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return Counted(day, *self._sources(start + timedelta(days=1), day))

    def between(self, start: date, end: date) -> Counted:
        """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
        if end == start:
            return Counted(0, self.schedule(start.year).source)
        low, high = (start, end) if end > start else (end, start)
        day, counted = low, 0
        while day < high:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return Counted(counted if end > start else -counted, *self._sources(low + timedelta(days=1), high))
