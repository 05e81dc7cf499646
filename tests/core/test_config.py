"""inspect.toml: defaults, overrides and bad files."""

import pytest

from inspect_cli.core.config import Config, load_config
from inspect_cli.exceptions import InputError


def test_missing_file_gives_defaults(tmp_path):
    assert load_config(tmp_path / "none.toml") == Config()


def test_values_are_read(tmp_path):
    path = tmp_path / "inspect.toml"
    path.write_text(
        '[notices]\nissuer = "荆门市人民政府法制办公室"\ncode = "荆法督"\ndays = 20\nreply_days = 10\n'
        "[deadlines]\nsoon_days = 5\nblue_days = 45\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert (config.issuer, config.code, config.days, config.reply_days, config.soon_days, config.blue_days) == (
        "荆门市人民政府法制办公室",
        "荆法督",
        20,
        10,
        5,
        45,
    )


@pytest.mark.parametrize(
    "text, message",
    [
        ('[notices]\ncolour = "red"\n', "unknown key 'colour'"),
        ("[lights]\nsoon = 3\n", "unknown section [lights]"),
        ('[notices]\ndays = "30"\n', "days must be a whole number"),
        ("[deadlines]\nsoon_days = -1\n", "must not be negative"),
        ("[notices\n", "not a valid config file"),
    ],
)
def test_bad_config_is_an_error(tmp_path, text, message):
    path = tmp_path / "inspect.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("[", "\\[").replace("]", "\\]")):
        load_config(path)


def test_calendar_years_are_read_as_dates(tmp_path):
    path = tmp_path / "inspect.toml"
    path.write_text(
        '[calendar.2027]\nholidays = ["2027-01-01", 2027-02-08]\nworkdays = ["2027-02-20"]\n\n'
        '[calendar.2028]\nholidays = ["2028-01-01"]\n',
        encoding="utf-8",
    )
    from datetime import date

    assert load_config(path).calendars == (
        (2027, (date(2027, 1, 1), date(2027, 2, 8)), (date(2027, 2, 20),)),
        (2028, (date(2028, 1, 1),), ()),
    )


@pytest.mark.parametrize(
    "text, message",
    [
        ('[calendar.2027]\nholidays = ["2027-02-30"]\n', ":2: [calendar.2027] holidays: '2027-02-30' is not a date"),
        (
            '[notices]\ndays = 3\n[calendar.2027]\nholidays = ["2027-01-01"]\nworkdays = ["2026-12-26"]\n',
            ":5: [calendar.2027] workdays: 2026-12-26 is not in 2027",
        ),
        (
            '[calendar.2027]\nholidays = ["2027-02-20"]\nworkdays = ["2027-02-20"]\n',
            ":3: [calendar.2027] 2027-02-20 is in both holidays and workdays",
        ),
        ('[calendar.2027]\nworkdays = ["2027-02-22"]\n', ":2: [calendar.2027] workdays: 2027-02-22 is a weekday"),
        ('[calendar.2027]\nholiday = ["2027-01-01"]\n', ":2: [calendar.2027] has unknown key 'holiday'"),
        ("[calendar.next]\nholidays = []\n", ":1: [calendar.next] must name a year"),
        ('[calendar.2027]\nholidays = "2027-01-01"\n', ":2: [calendar.2027] holidays must be a list of dates"),
    ],
)
def test_bad_calendar_year_is_an_error_with_file_and_line(tmp_path, text, message):
    path = tmp_path / "inspect.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_config(path)
    assert error.value.message.startswith(f"{path}{message}")


def test_the_2026_state_council_notice_typed_in_matches_the_official_schedule(tmp_path):
    # 国务院办公厅关于2026年部分节假日安排的通知, typed in as docs/notices-and-deadlines.md shows
    from datetime import date, timedelta

    from inspect_cli.core.workdays import WorkCalendar

    path = tmp_path / "inspect.toml"
    path.write_text(DOCS_2026_EXAMPLE, encoding="utf-8")
    configured, official = WorkCalendar.from_config(load_config(path)), WorkCalendar()
    assert configured.schedule(2026).source == "configured" and official.schedule(2026).source == "official"
    day = date(2026, 1, 1)
    while day.year == 2026:
        assert configured.is_working_day(day) == official.is_working_day(day), day
        day += timedelta(days=1)


def _docs_example() -> str:
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent.parent / "docs" / "notices-and-deadlines.md").read_text(
        encoding="utf-8"
    )
    start = doc.index("```toml\n[calendar.2026]") + len("```toml\n")
    return doc[start : doc.index("```", start)]


DOCS_2026_EXAMPLE = _docs_example()


def test_interface_lang_is_read_as_the_lang_option_reads_it(tmp_path):
    from inspect_cli.core.config import load_config
    from inspect_cli.exceptions import InputError

    path = tmp_path / "inspect.toml"
    path.write_text('[interface]\nlang = "zh_CN"\n', encoding="utf-8")
    assert load_config(path).interface_lang == "zh_CN"
    path.write_text('[interface]\nlang = "fr"\n', encoding="utf-8")
    with pytest.raises(InputError):
        load_config(path)
