"""Working days per year from the configured, official or estimated calendar, 调休 weekends included."""

from datetime import date

import pytest

from inspect_cli.core.workdays import WorkCalendar, official_years, weakest
from inspect_cli.exceptions import CalendarUnavailable, InputError


def is_working_day(day: date) -> bool:
    return WorkCalendar().is_working_day(day)


def add_working_days(start: date, count: int) -> date:
    return WorkCalendar().add(start, count).value


def working_days_between(start: date, end: date) -> int:
    return WorkCalendar().between(start, end).value


def test_spring_festival_2024_with_make_up_sundays():
    # 2024: holiday 10–17 February; Sunday 4 and Sunday 18 February were working days (国办发明电〔2023〕7号)
    assert is_working_day(date(2024, 2, 4)) and is_working_day(date(2024, 2, 18))
    assert not is_working_day(date(2024, 2, 12))
    assert add_working_days(date(2024, 2, 8), 1) == date(2024, 2, 9)
    assert add_working_days(date(2024, 2, 8), 2) == date(2024, 2, 18)
    assert add_working_days(date(2024, 2, 8), 3) == date(2024, 2, 19)
    assert add_working_days(date(2024, 2, 2), 1) == date(2024, 2, 4)


def test_national_day_2024_with_make_up_weekend_days():
    # holiday 1–7 October; Sunday 29 September and Saturday 12 October were working days
    assert add_working_days(date(2024, 9, 27), 1) == date(2024, 9, 29)
    assert add_working_days(date(2024, 9, 27), 2) == date(2024, 9, 30)
    assert add_working_days(date(2024, 9, 27), 3) == date(2024, 10, 8)
    assert add_working_days(date(2024, 10, 10), 2) == date(2024, 10, 12)
    # 23–27 Sep (5), Sun 29 (6), 30 (7), 8–11 Oct (11), Sat 12 (12), 14–16 (15)
    assert add_working_days(date(2024, 9, 20), 15) == date(2024, 10, 16)


def test_fifteen_working_days_is_not_fifteen_calendar_days():
    assert add_working_days(date(2024, 9, 30), 15) == date(2024, 10, 25)
    assert (add_working_days(date(2024, 9, 30), 15) - date(2024, 9, 30)).days == 25


def test_working_days_between_counts_both_ways():
    assert working_days_between(date(2024, 9, 27), date(2024, 10, 8)) == 3
    assert working_days_between(date(2024, 10, 8), date(2024, 9, 27)) == -3
    assert working_days_between(date(2024, 3, 1), date(2024, 3, 1)) == 0


def test_a_period_must_be_at_least_one_day():
    with pytest.raises(InputError, match="at least 1"):
        add_working_days(date(2024, 1, 1), 0)


# --- sources: configured, official, estimated -------------------------------------------------------------------


def test_official_2026_has_the_state_council_make_up_saturdays():
    # 国务院办公厅关于2026年部分节假日安排的通知: Saturdays 14 and 28 February 2026 are working days
    schedule = WorkCalendar().schedule(2026)
    assert schedule.source == "official"
    assert {date(2026, 2, 14), date(2026, 2, 28)} <= set(schedule.workdays)
    assert date(2026, 2, 16) in schedule.holidays
    assert official_years()[0] <= 2004 and official_years()[-1] >= 2026


def test_a_notice_can_move_a_working_day_into_the_year_before():
    # the 2006 schedule made Saturday 31 December 2005 a working day
    assert date(2005, 12, 31) in WorkCalendar().schedule(2005).workdays
    assert is_working_day(date(2005, 12, 31))


def test_unpublished_year_is_estimated_from_the_statutory_holidays():
    estimated = WorkCalendar().schedule(official_years()[-1] + 2)
    assert estimated.source == "estimated" and estimated.workdays == ()
    year = estimated.year
    assert {
        date(year, 1, 1),
        date(year, 5, 1),
        date(year, 5, 2),
        date(year, 10, 1),
        date(year, 10, 2),
        date(year, 10, 3),
    } <= set(estimated.holidays)
    # 春节 eve and days 1–3, 清明, 端午, 中秋: 13 statutory days, fewer only when two fall on one date
    assert 12 <= len(estimated.holidays) <= 13


def test_estimated_2028_lunar_holidays_are_on_their_dates():
    # 2028: 春节 26 January (eve 25th), 清明 4 April, 端午 28 May; 中秋 3 October falls on National Day
    schedule = WorkCalendar().schedule(2028)
    assert schedule.source == "estimated"
    assert {
        date(2028, 1, 25),
        date(2028, 1, 26),
        date(2028, 1, 27),
        date(2028, 1, 28),
        date(2028, 4, 4),
        date(2028, 5, 28),
    } <= set(schedule.holidays)
    assert not WorkCalendar().is_working_day(date(2028, 1, 26)) and WorkCalendar().is_working_day(date(2028, 1, 31))


def test_configured_year_wins_over_the_library():
    calendar = WorkCalendar({2026: ((date(2026, 3, 2),), (date(2026, 3, 7),))})
    assert calendar.schedule(2026).source == "configured"
    assert not calendar.is_working_day(date(2026, 3, 2)) and calendar.is_working_day(date(2026, 3, 7))
    # the library's make-up Saturday is not in the configured schedule, so it is a day off
    assert not calendar.is_working_day(date(2026, 2, 14))


def test_fifteen_working_days_count_a_configured_make_up_saturday():
    configured = WorkCalendar({2027: ((date(2027, 2, 8), date(2027, 2, 9)), (date(2027, 2, 20),))})
    # from Wednesday 10 February: 11, 12, 15–19, Saturday 20, 22–26, 1 March, 2 March is the 15th
    counted = configured.add(date(2027, 2, 10), 15)
    assert (counted.value, counted.source) == (date(2027, 3, 2), "configured")
    # without the make-up Saturday (the estimate has none) the 15th working day is a day later
    assert WorkCalendar().add(date(2027, 2, 10), 15).value == date(2027, 3, 3)
    assert configured.between(date(2027, 2, 10), date(2027, 3, 2)).value == 15


# --- the boundary between years ---------------------------------------------------------------------------------


def test_counting_across_new_year_names_the_weakest_source():
    last = official_years()[-1]
    counted = WorkCalendar().add(date(last, 12, 20), 30)
    assert counted.value.year == last + 1
    assert counted.source == "estimated" and counted.estimated_years == (last + 1,)
    inside = WorkCalendar().add(date(last, 11, 2), 10)
    assert inside.source == "official" and inside.estimated_years == ()


def test_new_years_day_is_off_in_every_source_and_the_count_is_continuous():
    last = official_years()[-1]
    calendar = WorkCalendar()
    assert not calendar.is_working_day(date(last + 1, 1, 1)) and not calendar.is_working_day(date(last, 1, 1))
    # counting day by day across 31 December gives the same date as counting in one go
    first = calendar.add(date(last, 12, 24), 3).value
    assert calendar.add(first, 3).value == calendar.add(date(last, 12, 24), 6).value
    assert calendar.between(date(last, 12, 24), calendar.add(date(last, 12, 24), 6).value).value == 6


def test_year_beyond_the_lunar_tables_is_a_clear_error_unless_configured():
    with pytest.raises(CalendarUnavailable, match="2150"):
        WorkCalendar().schedule(2150)
    assert WorkCalendar({2150: ((), ())}).add(date(2150, 1, 1), 1).value == date(2150, 1, 2)


def test_weakest_source():
    assert weakest(["configured", "official"]) == "official"
    assert weakest(["configured", "estimated", "official"]) == "estimated"
    assert weakest(["configured"]) == "configured"
