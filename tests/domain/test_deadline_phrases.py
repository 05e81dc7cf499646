from datetime import date

import pytest

from inspect_cli.domain.deadline_phrases import looks_like_deadline, occurrences, parse_deadline


@pytest.mark.parametrize(
    "phrase, due",
    [
        ("2016年底完成", date(2016, 12, 31)),
        ("2016年底", date(2016, 12, 31)),
        ("2016年底前", date(2016, 12, 31)),
        ("2018年底完成。", date(2018, 12, 31)),
        ("2018年6月底前", date(2018, 6, 30)),
        ("2018年6月底", date(2018, 6, 30)),
        ("2020年2月底前", date(2020, 2, 29)),
        ("2021年2月底", date(2021, 2, 28)),
        ("2020年12月31日前", date(2020, 12, 31)),
        ("2021年上半年", date(2021, 6, 30)),
        ("2021年下半年", date(2021, 12, 31)),
        ("2021年第三季度", date(2021, 9, 30)),
        ("2021年一季度", date(2021, 3, 31)),
        ("2017年内完成", date(2017, 12, 31)),
        ("2021年三季度末", date(2021, 9, 30)),
        ("2021年第二季度底前", date(2021, 6, 30)),
        ("2022年底前完成，长期坚持", date(2022, 12, 31)),
        ("2022年6月底前完成;持续推进", date(2022, 6, 30)),
    ],
)
def test_fixed_dates(phrase, due):
    rule = parse_deadline(phrase)
    assert rule.recognised and rule.due == due
    assert rule.recurrence is None and not rule.ongoing
    assert rule.phrase == phrase


@pytest.mark.parametrize(
    "phrase, rrule, first",
    [
        ("每年第一季度", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1", date(2021, 3, 31)),
        ("每年3月底前", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1", date(2021, 3, 31)),
        ("每年上半年", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=-1", date(2021, 6, 30)),
        ("每年年底前", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1", date(2021, 12, 31)),
        ("每年2月底前", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", date(2021, 2, 28)),
        ("每年一季度末", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1", date(2021, 3, 31)),
    ],
)
def test_recurring_yearly(phrase, rrule, first):
    rule = parse_deadline(phrase)
    assert rule.recurrence == rrule and rule.due is None
    assert occurrences(rule.recurrence, date(2021, 1, 1), date(2022, 12, 31))[0] == first
    assert len(occurrences(rule.recurrence, date(2021, 1, 1), date(2022, 12, 31))) == 2


@pytest.mark.parametrize("phrase", ["长期坚持", "持续推进", "常态化", "长期坚持，常态化推进"])
def test_ongoing(phrase):
    rule = parse_deadline(phrase)
    assert rule.ongoing and rule.due is None and rule.recurrence is None and rule.recognised


@pytest.mark.parametrize("phrase", ["", "各牵头单位落实", "各责任单位落实。"])
def test_no_deadline(phrase):
    rule = parse_deadline(phrase)
    assert rule.recognised and not rule.has_deadline


@pytest.mark.parametrize("phrase", ["2018年前", "明年", "2017年2月30日前", "2018年13月底", "每年", "尽快"])
def test_unrecognised_is_kept_verbatim_and_never_guessed(phrase):
    rule = parse_deadline(phrase)
    assert not rule.recognised
    assert rule.due is None and rule.recurrence is None and not rule.ongoing
    assert rule.phrase == phrase


def test_deadline_fragments_are_told_from_unit_names():
    assert looks_like_deadline("2018年底完成")
    assert looks_like_deadline("每年第一季度")
    assert not looks_like_deadline("市人社局")
    assert not looks_like_deadline("荆门仲裁委员会秘书处")


@pytest.mark.parametrize(
    "phrase, due",
    [
        ("6月底前", date(2022, 6, 30)),
        ("10月底前完成", date(2022, 10, 31)),
        ("年底前", date(2022, 12, 31)),
        ("年内", date(2022, 12, 31)),
        ("年内完成", date(2022, 12, 31)),
        ("11月15日前", date(2022, 11, 15)),
        ("下半年", date(2022, 12, 31)),
        ("第三季度", date(2022, 9, 30)),
    ],
)
def test_a_date_without_a_year_takes_the_plans_year(phrase, due):
    rule = parse_deadline(phrase, 2022)
    assert rule.due == due and rule.assumed_year == 2022
    assert not parse_deadline(phrase).recognised, "without the plan's year it is not guessed"


def test_a_date_with_its_own_year_keeps_it():
    rule = parse_deadline("2021年6月底前", 2022)
    assert rule.due == date(2021, 6, 30) and rule.assumed_year is None


@pytest.mark.parametrize("phrase", ["年内持续推进", "常态化推进", "长期坚持", "持續推進", "全年持续开展"])
def test_more_ongoing_phrases(phrase):
    rule = parse_deadline(phrase, 2022)
    assert rule.ongoing and rule.due is None and rule.assumed_year is None


@pytest.mark.parametrize("text", ["6月底前", "10月底前完成", "年内", "年底前"])
def test_dates_without_a_year_look_like_deadlines(text):
    assert looks_like_deadline(text)


@pytest.mark.parametrize(
    "phrase, due",
    [
        ("2021.6.30", date(2021, 6, 30)),
        ("2021-06-30前", date(2021, 6, 30)),
        ("2021/12/31", date(2021, 12, 31)),
        ("2021.9", date(2021, 9, 30)),
    ],
)
def test_dates_typed_with_dots_dashes_or_slashes(phrase, due):
    assert parse_deadline(phrase).due == due


def test_a_quarter_end_without_a_year_takes_the_plans_year():
    rule = parse_deadline("三季度末", 2023)
    assert rule.due == date(2023, 9, 30) and rule.assumed_year == 2023


@pytest.mark.parametrize(
    "phrase, year, due, assumed",
    [
        ("2023年3月—6月", None, date(2023, 6, 30), None),
        ("2024年3月-6月", None, date(2024, 6, 30), None),
        ("2023年3月-2024年6月", None, date(2024, 6, 30), None),
        ("3月至6月", 2022, date(2022, 6, 30), 2022),
        ("3月至6月", None, None, None),
        ("2023年6月-3月", None, None, None),
    ],
)
def test_a_span_of_time_is_due_at_its_end(phrase, year, due, assumed):
    rule = parse_deadline(phrase, year)
    assert rule.due == due and rule.assumed_year == assumed and rule.recognised == (due is not None)


@pytest.mark.parametrize(
    "phrase, due",
    [
        ("6月底前完成初稿，12月底前正式印发", date(2022, 12, 31)),
        ("6月底前完成初稿，年底前印发", date(2022, 12, 31)),
        ("2023年3月底前完成调研；2023年9月底前出台", date(2023, 9, 30)),
        ("2022年6月底前起草，2023年底前印发", date(2023, 12, 31)),
        ("6月底前完成初稿，争取早日印发", None),
    ],
)
def test_a_task_in_stages_is_due_at_its_last(phrase, due):
    assert parse_deadline(phrase, 2022).due == due
