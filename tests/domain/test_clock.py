"""China Standard Time, and INSPECT_NOW that fixes the clock for reproducible records."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from inspect_cli.domain.clock import CHINA, now, now_iso, today
from inspect_cli.exceptions import InputError


def test_now_is_in_china_to_the_second(monkeypatch):
    monkeypatch.delenv("INSPECT_NOW", raising=False)
    moment = now()
    assert moment.utcoffset() == timedelta(hours=8) and moment.microsecond == 0
    assert abs(moment - datetime.now(CHINA)) < timedelta(seconds=5)


def test_inspect_now_fixes_the_clock_and_a_time_without_offset_is_china_time(monkeypatch):
    monkeypatch.setenv("INSPECT_NOW", "2017-03-01T09:00:00")
    assert now_iso() == "2017-03-01T09:00:00+08:00"
    monkeypatch.setenv("INSPECT_NOW", "2017-12-31T18:30:00+00:00")  # already 1 January in China
    assert now_iso() == "2018-01-01T02:30:00+08:00" and today() == date(2018, 1, 1)


def test_a_bad_inspect_now_is_one_input_error(monkeypatch):
    monkeypatch.setenv("INSPECT_NOW", "yesterday")
    with pytest.raises(InputError, match="INSPECT_NOW='yesterday' is not an ISO date and time"):
        now()
