"""Working days on the State Council calendar, 调休 weekends included."""

from datetime import date

import pytest

from inspect_cli.exceptions import InputError
from inspect_cli.workdays import add_working_days, is_working_day, known_years, working_days_between


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


def test_outside_the_calendar_is_a_clear_error():
    first, last = known_years()
    with pytest.raises(InputError, match=f"covers {first}–{last} only"):
        add_working_days(date(last, 12, 20), 30)
    with pytest.raises(InputError, match="at least 1"):
        add_working_days(date(2024, 1, 1), 0)
