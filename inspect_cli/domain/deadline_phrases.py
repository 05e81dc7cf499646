"""Turn the deadline phrases of Chinese plans (`2016年底完成`, `每年第一季度`, `长期坚持`) into dates and rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from inspect_cli.domain.limits import in_force
from inspect_cli.domain.textnorm import simplified
from inspect_cli.i18n import _

# Words that only mark completion ("by", "finish") and carry no date information.
_TRAILERS = re.compile(r"(之前|以前|前|完成|落实到位|到位|内|为止)+$")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ONGOING = ("长期坚持", "持续推进", "常态化", "长期", "持续", "经常性", "贯穿全年")
# Phrases that mark a standing duty wherever they stand: 年内持续推进, 常态化推进, 长期坚持.
_ONGOING_ANYWHERE = re.compile(r"长期坚持|持续推进|常态化|持续开展|长期执行|全年持续")
_CLAUSE = re.compile(r"[，,；;]")
_NO_DEADLINE = re.compile(r"^各(牵头|责任|相关)单位(负责)?落实$")

_YEAR_END = re.compile(r"^(\d{4})年(年底|底|末|年末|全年)?$")
# "2018年前" means before 2018 began, not by its end: too ambiguous to turn into a date.
_BEFORE_YEAR = re.compile(r"^\d{4}年(以|之)?前")
_MONTH_END = re.compile(r"^(\d{4})年(\d{1,2})月(底|末|份|中旬|上旬|下旬)?$")
_DAY = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_HALF = re.compile(r"^(\d{4})年(上|下)半年$")
_QUARTER = re.compile(r"^(\d{4})年(?:第)?([一二三四1-4])季度(?:末|底)?$")

_YEARLY_QUARTER = re.compile(r"^(?:第)?([一二三四1-4])季度(?:末|底)?$")
_YEARLY_MONTH = re.compile(r"^(\d{1,2})月(底|末)?$")
_YEARLY_DAY = re.compile(r"^(\d{1,2})月(\d{1,2})日$")
_YEARLY_HALF = re.compile(r"^(上|下)半年$")
_YEARLY_END = re.compile(r"^(年底|底|年末)$")
# Dates that name no year (`6月底前`, `年底前`, `年内`): they take the plan's year when it is known.
_NO_YEAR_END = re.compile(r"^(年底|年末|年内|全年|今年底|今年年底|今年内|本年度?内?|当年)$")
_NO_YEAR_MONTH = re.compile(r"^(\d{1,2})月(底|末|份)?$")
_NO_YEAR_DAY = re.compile(r"^(\d{1,2})月(\d{1,2})日$")
_NO_YEAR_HALF = re.compile(r"^(上|下)半年$")
_NO_YEAR_QUARTER = re.compile(r"^(?:第)?([一二三四1-4])季度(?:末|底)?$")


@dataclass(frozen=True)
class DeadlineRule:
    """What a deadline phrase means: a fixed `due` date, a yearly `recurrence`, `ongoing`, or nothing."""

    phrase: str
    due: date | None = None
    recurrence: str | None = None
    ongoing: bool = False
    recognised: bool = True
    assumed_year: int | None = None

    @property
    def has_deadline(self) -> bool:
        """True when the phrase sets a date, a recurrence or an ongoing duty."""
        return self.due is not None or self.recurrence is not None or self.ongoing


def _month_end(year: int, month: int) -> date:
    from dateutil.relativedelta import relativedelta

    return date(year, month, 1) + relativedelta(day=31)


# Dates typed with dots, dashes or slashes, as tables often hold them: 2021.6.30, 2021-06, 2021/6/30.
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{4})\s*[./\-]\s*(\d{1,2})(?:\s*[./\-]\s*(\d{1,2}))?(?![\d.])")


def _written_date(match: re.Match[str]) -> str:
    year, month, day = match[1], int(match[2]), match[3]
    return f"{year}年{month}月{int(day)}日" if day else f"{year}年{month}月"


def _normalised_phrase(phrase: str) -> str:
    text = _NUMERIC_DATE.sub(_written_date, simplified(phrase).strip())
    text = re.sub(r"[\s。.,，;；、]+", "", text)
    text = text.replace("年底前", "年底")
    return _TRAILERS.sub("", text) or text


@lru_cache(maxsize=4096)
def parse_deadline(phrase: str | None, default_year: int | None = None) -> DeadlineRule:
    """Interpret one deadline phrase; an unrecognised phrase comes back with `recognised=False` and no date.

    A date without a year (`6月底前`) takes `default_year` and says so in `assumed_year`; without one it is not guessed.
    """
    verbatim = (phrase or "").strip()
    if not verbatim:
        return DeadlineRule(phrase="")
    if _BEFORE_YEAR.match(re.sub(r"\s", "", verbatim)):  # digits and 年前 read the same in both scripts
        return DeadlineRule(phrase=verbatim, recognised=False)
    core = _normalised_phrase(verbatim)
    if _NO_DEADLINE.match(core):
        return DeadlineRule(phrase=verbatim)
    ongoing = (
        core in _ONGOING or any(core.startswith(word) for word in _ONGOING[:3]) or bool(_ONGOING_ANYWHERE.search(core))
    )
    clauses = _CLAUSE.split(verbatim)
    if (
        ongoing and len(clauses) > 1
    ):  # 2023年底前完成，长期坚持: the date is what can be checked; the phrase keeps the rest
        first = parse_deadline(clauses[0], default_year)
        if first.due is not None:
            return DeadlineRule(phrase=verbatim, due=first.due, assumed_year=first.assumed_year)
    if core in _ONGOING or any(core.startswith(word) for word in _ONGOING[:3]) or _ONGOING_ANYWHERE.search(core):
        return DeadlineRule(phrase=verbatim, ongoing=True)
    if core.startswith("每年"):
        rule = _yearly_rule(core[2:])
        if rule:
            return DeadlineRule(phrase=verbatim, recurrence=rule)
        return DeadlineRule(phrase=verbatim, recognised=False)
    if core in ("每季度", "每个季度"):
        return DeadlineRule(phrase=verbatim, recurrence="FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1")
    if core in ("每半年",):
        return DeadlineRule(phrase=verbatim, recurrence="FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1")
    if core in ("每月", "每个月"):
        return DeadlineRule(phrase=verbatim, recurrence="FREQ=MONTHLY;BYMONTHDAY=-1")
    due = _fixed_date(core)
    if due is not None:
        return DeadlineRule(phrase=verbatim, due=due)
    span = _range_end(core, default_year)
    if span is not None:
        return DeadlineRule(phrase=verbatim, due=span[0], assumed_year=span[1])
    if len(clauses) > 1:  # 6月底前完成初稿，12月底前正式印发: stages, the task is done at the last
        stages = [stage for clause in clauses if (stage := _stage_date(clause, default_year)) is not None]
        if len(stages) == len(clauses):
            last = max(stages, key=lambda stage: stage[0])
            return DeadlineRule(phrase=verbatim, due=last[0], assumed_year=last[1])
    if default_year is not None:
        due = _fixed_date(_with_year(core, default_year))
        if due is not None:
            return DeadlineRule(phrase=verbatim, due=due, assumed_year=default_year)
    return DeadlineRule(phrase=verbatim, recognised=False)


_STAGE = re.compile(
    r"^(?:((?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日|底|末)?|年内|[上下]半年|(?:第)?[一二三四1-4]季度(?:末|底)?))"
    r"(?:之前|以前|前)|((?:\d{4}年)?年?底))"
)  # the core writes 年底前 as 年底


def _stage_date(clause: str, default_year: int | None) -> tuple[date, int | None] | None:
    """The date a stage of a task (`12月底前正式印发`) is due by, or None when the clause does not start with one."""
    match = _STAGE.match(_normalised_phrase(clause))
    if not match:
        return None
    rule = parse_deadline(match[1] or match[2], default_year)
    return (rule.due, rule.assumed_year) if rule.due else None


_RANGE = re.compile(r"^(.+?)[—–\-~～至到]+(.+)$")


def _range_end(core: str, default_year: int | None) -> tuple[date, int | None] | None:
    """A span of time (`2023年3月—6月`, `3月至6月`) is due at its end; both ends must read as dates."""
    match = _RANGE.match(core)
    if not match:
        return None
    start, end = match[1], match[2]
    year = re.match(r"(\d{4})年", start)
    assumed = None if year else default_year
    if year is None and assumed is None:
        return None
    year_text = year[1] if year else str(assumed)
    start_date = _fixed_date(start) or _fixed_date(_with_year(start, int(year_text)))
    end_date = _fixed_date(end) or _fixed_date(_with_year(end, int(year_text)))
    if start_date is None or end_date is None or end_date < start_date:
        return None
    return end_date, assumed


def _with_year(core: str, year: int) -> str:
    """The core of a phrase without a year, written with one: 6月底 → 2020年6月底; anything else unchanged."""
    core = re.sub(r"^(今年|本年|当年)", "", core) or core
    if _NO_YEAR_END.match(core) or core in ("年", "底", "内", "度"):
        return f"{year}年底"
    if (
        _NO_YEAR_MONTH.match(core)
        or _NO_YEAR_DAY.match(core)
        or _NO_YEAR_HALF.match(core)
        or _NO_YEAR_QUARTER.match(core)
    ):
        return f"{year}年{core}"
    return core


def _fixed_date(core: str) -> date | None:
    try:
        if m := _YEAR_END.match(core):
            return date(int(m[1]), 12, 31)
        if m := _MONTH_END.match(core):
            if m[2] and 1 <= int(m[2]) <= 12 and m[3] in (None, "底", "末"):
                return _month_end(int(m[1]), int(m[2]))
            return None
        if m := _DAY.match(core):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _HALF.match(core):
            return date(int(m[1]), 6, 30) if m[2] == "上" else date(int(m[1]), 12, 31)
        if m := _QUARTER.match(core):
            return _month_end(int(m[1]), 3 * _CN_DIGITS[m[2]])
    except ValueError:  # impossible dates such as 2017年2月30日 are not guessed
        return None
    return None


def _yearly_rule(rest: str) -> str | None:
    if m := _YEARLY_QUARTER.match(rest):
        return f"FREQ=YEARLY;BYMONTH={3 * _CN_DIGITS[m[1]]};BYMONTHDAY=-1"
    if m := _YEARLY_MONTH.match(rest):
        month = int(m[1])
        return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY=-1" if 1 <= month <= 12 else None
    if m := _YEARLY_DAY.match(rest):
        month, day = int(m[1]), int(m[2])
        try:
            date(2000, month, day)  # a leap year, so 2月29日 is allowed
        except ValueError:
            return None
        return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"
    if m := _YEARLY_HALF.match(rest):
        return "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=-1" if m[1] == "上" else "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1"
    if _YEARLY_END.match(rest):
        return "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1"
    return None


_DEADLINE_LIKE = re.compile(
    r"\d{4}年|每(年|季|半年|月)|长期|持续|常态|年底|月底|季度|半年|^各(牵头|责任|相关)单位(负责)?落实|"
    r"^(年内|今年|本年|全年|年末)|^\d{1,2}月(\d{1,2}日|底|末|份|中旬|上旬|下旬)?(前|之前|以前)?(完成)?$"
)


def looks_like_deadline(text: str) -> bool:
    """True when a fragment reads as a time limit rather than a unit name (used to split plan tails)."""
    return bool(_DEADLINE_LIKE.search(text.strip()))


class TooManyOccurrences(ValueError):
    """A rule yields more dates in a window than [limits] occurrences allows."""


def occurrences(recurrence: str, start: date, end: date) -> list[date]:
    """Due dates of a recurring rule between start and end inclusive; ValueError when the rule cannot be used
    (dateutil's own errors included) or yields more dates than the occurrences limit."""
    from dateutil.rrule import rrulestr

    most = in_force().occurrences
    last = datetime(end.year, end.month, end.day)
    found: list[date] = []
    try:
        for moment in rrulestr(recurrence, dtstart=datetime(start.year, start.month, start.day)):
            if moment > last:
                break
            found.append(moment.date())
            if len(found) > most:
                raise TooManyOccurrences(
                    _(
                        "more than {most:,} dates from {start} to {end}; raise [limits] occurrences "
                        "in inspect.toml if the rule is right"
                    ).format(most=most, start=start, end=end)
                )
    except (IndexError, KeyError, TypeError, OverflowError) as exc:  # dateutil fails this way on some BY… parts
        raise ValueError(f"{type(exc).__name__}: {exc}") from None
    return found


def validate_recurrence(recurrence: str) -> str | None:
    """Return an error message if the RRULE string cannot be used, else None."""
    try:
        occurrences(recurrence, date(2020, 1, 1), date(2020, 12, 31))
    except (ValueError, TypeError) as exc:
        return _("recurrence {recurrence!r} is not a valid RFC 5545 RRULE: {problem}").format(
            recurrence=recurrence, problem=exc
        )
    return None
