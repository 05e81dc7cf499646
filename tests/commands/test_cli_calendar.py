"""`inspect-cli calendar show|check`, and notices and deadlines across the end of the published calendar."""

from __future__ import annotations

import json

import pytest
from conftest import JINGMEN_CHECKLIST

from inspect_cli.core.workdays import official_years

JM = str(JINGMEN_CHECKLIST)
LAST = official_years()[-1]  # the last year the installed library publishes
CONFIGURED_2027 = """\
[calendar.2027]
holidays = ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"]
workdays = ["2027-02-20"]
"""


@pytest.fixture
def finalized(invoke, tmp_path):
    """A finalized inspection of 市编办 with one noncompliant finding."""
    answers = tmp_path / "answers.toml"
    answers.write_text('[[answers]]\ntask = "1"\nstatus = "n"\nnote = "未公开"\n', encoding="utf-8")

    def make(on: str) -> None:
        result = invoke(
            "walk", JM, "--unit", "编办", "--inspector", "张三", "--date", on, "--answers", answers, "--finalize"
        )
        assert result.exit_code == 0, result.output

    return make


def test_show_2026_is_official_with_the_make_up_saturdays(invoke):
    shown = invoke("calendar", "show", "2026", "--format", "json")
    assert shown.exit_code == 0
    year = json.loads(shown.stdout)
    assert set(year) == {"year", "source", "holidays", "workdays"}
    assert (year["year"], year["source"]) == (2026, "official")
    assert {"2026-02-14", "2026-02-28"} <= set(year["workdays"])
    assert "2026-02-17" in year["holidays"]


def test_show_an_unpublished_year_is_estimated(invoke):
    unpublished = max(2028, LAST + 2)
    shown = invoke("calendar", "show", str(unpublished))
    assert shown.exit_code == 0
    assert shown.stdout.startswith(f"{unpublished}: estimated")
    assert f"[calendar.{unpublished}]" in shown.stderr
    assert json.loads(invoke("calendar", "show", str(unpublished), "-f", "json").stdout)["workdays"] == []


def test_a_configured_year_wins_over_every_library(invoke, tmp_path):
    (tmp_path / "inspect.toml").write_text(
        '[calendar.2026]\nholidays = ["2026-03-02"]\nworkdays = ["2026-03-07"]\n', encoding="utf-8"
    )
    year = json.loads(invoke("calendar", "show", "2026", "-f", "json").stdout)
    assert year == {"year": 2026, "source": "configured", "holidays": ["2026-03-02"], "workdays": ["2026-03-07"]}


def test_show_a_year_nothing_can_compute(invoke):
    shown = invoke("calendar", "show", "2150")
    assert shown.exit_code == 2
    assert shown.stderr.startswith("Error: ") and "[calendar.2150]" in shown.stderr and "Traceback" not in shown.output


def test_a_bad_configured_year_is_an_error_with_its_line(invoke, tmp_path):
    config = tmp_path / "inspect.toml"
    config.write_text(
        '[notices]\ndays = 20\n\n[calendar.2027]\nholidays = ["2027-01-01", "2028-01-03"]\n', encoding="utf-8"
    )
    shown = invoke("calendar", "show", "2027")
    assert (
        shown.exit_code == 2
        and f"Error: {config}:5: [calendar.2027] holidays: 2028-01-03 is not in 2027" in shown.stderr
    )


def test_working_days_across_new_year_succeed_and_say_the_year_is_estimated(invoke, finalized, monkeypatch):
    monkeypatch.setenv("INSPECT_NOW", "2026-11-23T10:00:00+08:00")
    finalized("2026-11-20")
    issued = invoke("notices", "issue", "1", "--working-days", "30")
    assert issued.exit_code == 0, issued.output
    assert "official calendar for 2026, estimated calendar for 2027" in issued.stderr
    note = [line for line in issued.stderr.splitlines() if line.startswith("Note:")]
    assert len(note) == 1 and "ESTIMATED" in note[0] and "[calendar.2027]" in note[0]
    number = issued.stdout.strip()
    shown = json.loads(invoke("notices", "show", number, "-f", "json").stdout)
    assert shown["calendar"] == "estimated" and shown["counting"] == "working_days" and shown["due"].startswith("2027-")
    assert "ESTIMATED" in invoke("notices", "show", number).stdout


def test_calendar_days_on_the_last_day_of_the_year_succeed(invoke, finalized, monkeypatch):
    # the default 15-working-day reply period reaches into the next year
    monkeypatch.setenv("INSPECT_NOW", "2026-12-31T10:00:00+08:00")
    finalized("2026-12-30")
    issued = invoke("notices", "issue", "1", "--days", "30")
    assert issued.exit_code == 0, issued.output
    assert "rectify by 2027-01-30" in issued.stderr and "estimated calendar for 2027" in issued.stderr


def test_deadlines_in_an_estimated_year_are_listed_and_never_exit_2(invoke, finalized, monkeypatch):
    monkeypatch.setenv("INSPECT_NOW", "2026-11-23T10:00:00+08:00")
    finalized("2026-11-20")
    number = invoke("notices", "issue", "1", "--working-days", "30").stdout.strip()
    for fail_on in ("never", "red", "yellow"):
        result = invoke("deadlines", "--as-of", "2027-01-04", "--format", "json", "--fail-on", fail_on)
        assert result.exit_code in (0, 1), result.output
        rows = json.loads(result.stdout)
        assert [(r["id"], r["calendar"]) for r in rows] == [(number, "estimated")]
        assert rows[0]["working_days_left"] is not None and rows[0]["days_left"] >= rows[0]["working_days_left"]
    table = invoke("deadlines", "--as-of", "2027-01-04")
    assert "*" in table.stdout and "ESTIMATED" in table.stdout


def test_a_notice_in_working_days_follows_the_calendar_each_time_it_is_read(invoke, finalized, monkeypatch, tmp_path):
    """15 working days over an estimated 2027; the year configured; the configuration corrected: `deadlines` and
    `notices list` show the due date counted on the calendar in force each time, and `calendar check` says old → new."""
    monkeypatch.setenv("INSPECT_NOW", "2027-01-25T10:00:00+08:00")
    finalized("2027-01-22")
    # a 15-working-day period from 25 January runs into the Spring Festival week
    number = invoke("notices", "issue", "1", "--working-days", "15").stdout.strip()

    def due_dates() -> tuple[str, str, str]:
        [row] = json.loads(invoke("deadlines", "--format", "json").stdout)
        [listed] = json.loads(invoke("notices", "list", "--format", "json").stdout)
        assert row["due"] == listed["current_due"] == listed["due"]
        return row["due"], row["calendar"], listed["reply_due"]

    estimated = due_dates()
    assert estimated[1] == "estimated"
    check = invoke("calendar", "check")
    assert check.exit_code == 1 and "[calendar.2027]" in check.stderr and "→" not in check.stderr

    config = tmp_path / "inspect.toml"
    config.write_text(CONFIGURED_2027, encoding="utf-8")
    configured = due_dates()
    # the configured schedule takes 10–11 February off but makes Saturday 20 February a working day
    assert configured[1] == "configured" and configured[0] != estimated[0]
    check = invoke("calendar", "check")
    assert check.exit_code == 0, check.output
    assert (
        f"{number}: calendar estimated → configured (2027 configured): rectify by {estimated[0]} → {configured[0]}"
    ) in check.stderr

    # the office corrects the configuration: 20 February is not worked after all, 12 February is a day off too
    config.write_text(
        CONFIGURED_2027.replace('workdays = ["2027-02-20"]', "workdays = []").replace(
            '"2027-02-11"]', '"2027-02-11", "2027-02-12"]'
        ),
        encoding="utf-8",
    )
    corrected = due_dates()
    assert corrected[1] == "configured" and corrected[0] > configured[0]
    shown = json.loads(invoke("notices", "show", number, "-f", "json").stdout)
    assert (shown["due"], shown["calendar"], shown["issued_calendar"]) == (corrected[0], "configured", "estimated")
    assert f"rectify by {estimated[0]} → {corrected[0]}" in invoke("calendar", "check").stderr
    # reading wrote nothing: the notice's last event is its issue, its row still holds the dates counted at issue
    from inspect_cli.ledger import open_location

    with open_location(tmp_path / "ledger.db", create=False) as ledger:
        assert ledger.events()[-1].kind == "notice.issued"
        [row] = ledger.notice_rows()
        assert (row.due, row.calendar) == (estimated[0], "estimated")


def test_a_closed_notice_leaves_calendar_check(invoke, finalized, monkeypatch, tmp_path):
    monkeypatch.setenv("INSPECT_NOW", "2027-01-25T10:00:00+08:00")
    finalized("2027-01-22")
    number = invoke("notices", "issue", "1", "--working-days", "15").stdout.strip()
    evidence = tmp_path / "复查记录.txt"
    evidence.write_text("已整改", encoding="utf-8")
    assert invoke("notices", "respond", number, "--text", "已整改").exit_code == 0
    assert invoke("notices", "close", number, "--evidence", evidence, "--by", "李四").exit_code == 0
    (tmp_path / "inspect.toml").write_text(CONFIGURED_2027, encoding="utf-8")
    check = invoke("calendar", "check")
    assert check.exit_code == 0 and number not in check.stderr
    after = json.loads(invoke("notices", "show", number, "-f", "json").stdout)
    assert (after["state"], after["calendar"]) == ("closed", "configured")


def test_a_period_that_cannot_be_counted_names_the_options_that_help(invoke, finalized, monkeypatch):
    # the holidays library's lunar tables end with 2100: nothing can count working days in 2101
    monkeypatch.setenv("INSPECT_NOW", "2100-12-20T10:00:00+08:00")
    finalized("2100-12-17")
    working = invoke("notices", "issue", "1", "--working-days", "30")
    assert working.exit_code == 2
    assert "--due" in working.stderr and "--days" in working.stderr and "--working-days" not in working.stderr
    calendar_days = invoke("notices", "issue", "1", "--days", "30")
    assert calendar_days.exit_code == 2
    assert "--reply-days" in calendar_days.stderr and "--days" not in calendar_days.stderr.replace("--reply-days", "")
    reply = invoke("notices", "issue", "1", "--days", "30", "--reply-days", "10")
    assert reply.exit_code == 2 and "--reply-days" not in reply.stderr and "[calendar.2101]" in reply.stderr
    assert invoke("notices", "issue", "1", "--days", "30", "--reply-days", "9").exit_code == 0


def test_one_row_that_cannot_be_counted_does_not_stop_the_report(invoke, finalized, monkeypatch, tmp_path):
    config = tmp_path / "inspect.toml"
    config.write_text("[calendar.2150]\nholidays = []\n", encoding="utf-8")
    monkeypatch.setenv("INSPECT_NOW", "2150-12-01T10:00:00+08:00")
    finalized("2150-12-01")
    assert invoke("notices", "issue", "1", "--working-days", "5").exit_code == 0
    config.write_text("", encoding="utf-8")  # the office drops the year again
    result = invoke("deadlines", JM, "--unit", "编办", "--as-of", "2150-12-02", "--format", "json", "--fail-on", "red")
    assert result.exit_code == 1, result.output  # the plan's tasks are long overdue
    rows = json.loads(result.stdout)
    [notice] = [r for r in rows if r["kind"] == "notice"]
    assert notice["working_days_left"] is None and "2150" in notice["reason"] and notice["days_left"] == 6
    assert len(rows) > 1
    table = invoke("deadlines", "--kind", "notice", "--as-of", "2150-12-02")
    assert table.exit_code == 0 and "working days left not counted" in table.stdout


def test_check_lists_this_year_and_the_next_two(invoke, monkeypatch):
    monkeypatch.setenv("INSPECT_NOW", f"{LAST}-11-23T10:00:00+08:00")
    check = invoke("calendar", "check")
    assert check.exit_code == 0  # no open notice reaches an estimated year
    lines = check.stdout
    assert str(LAST) in lines and str(LAST + 1) in lines and str(LAST + 2) in lines
    assert "official" in lines and "estimated" in lines
