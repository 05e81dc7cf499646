"""The config file inspect.toml: office defaults for notices and warning lights."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from inspect_cli.domain.limits import NAMES as LIMIT_NAMES
from inspect_cli.domain.limits import Limits
from inspect_cli.exceptions import InputError
from inspect_cli.i18n import LANGUAGES, N_, UnknownLanguage, _, normalise

SECTIONS: dict[str, dict[str, type]] = {
    "notices": {"issuer": str, "code": str, "days": int, "working_days": int, "reply_days": int, "requirement": str},
    "deadlines": {"soon_days": int, "blue_days": int, "rectified": str},
    "templates": {"record": str, "notice": str},
    "ledger": {"location": str},
    "interface": {"lang": str},
    "limits": {name: int for name in LIMIT_NAMES},
    "import": {"columns": str},
    "office": {"name": str, "cc": str, "printed_by": str},
    "scores": {
        "compliant": float,
        "partial": float,
        "noncompliant": float,
        "overdue_notice": float,
        "escalated_notice": float,
    },
}
CALENDAR_KEYS = ("holidays", "workdays")
RECTIFIED = ("inspection", "close-out")
_KIND_NAMES: dict[type, str] = {int: N_("a whole number"), float: N_("a number"), str: N_("a string")}


@dataclass(frozen=True)
class Office:
    """The office that issues notices, as its documents name it: 版头, 抄送, 印发机关."""

    name: str = ""
    cc: str = ""
    printed_by: str = ""


@dataclass(frozen=True)
class Config:
    """Defaults that an office sets once; every one can be overridden on the command line."""

    issuer: str = "依法治市办"
    code: str = "法督"
    days: int = 30
    working_days: int = 0
    reply_days: int = 15
    requirement: str = (
        "请对照督察发现的问题认真整改，于整改期限内完成整改，并在答复期限内将整改情况书面报告（加盖公章）报送督察机关。"
    )
    soon_days: int = 7
    blue_days: int = 30
    # when a task found wanting counts as done for its unit: "inspection" (a later inspection finds it compliant or
    # not applicable) or "close-out" (also once the notice that ordered it rectified is closed out, 销号)
    rectified: str = "inspection"
    record_template: str = ""
    notice_template: str = ""
    # the ledger a command uses when neither --ledger nor INSPECT_LEDGER names one: a file or a postgresql:// URL
    ledger_location: str = ""
    # the interface language (zh or en) when neither --lang nor INSPECT_LANG names one
    interface_lang: str = ""
    # scores (考核): the share of a task's points each result earns, and the points taken off a unit's score
    # (out of 100) for each of its notices overdue, and each escalated
    scores_compliant: float = 1.0
    scores_partial: float = 0.5
    scores_noncompliant: float = 0.0
    scores_overdue_notice: float = 2.0
    scores_escalated_notice: float = 5.0
    # the columns of the office's own task tables, for headers the plan importer does not know: task=3,lead=4,due=6
    import_columns: str = ""
    # [office]: the name in the red header (版头) of a notice, whom it is copied to (抄送), who prints it (印发机关)
    office_name: str = ""
    office_cc: str = ""
    office_printed_by: str = ""
    # (year, days off, weekend days worked) typed in from the State Council notice, per [calendar.YYYY]
    calendars: tuple[tuple[int, tuple[date, ...], tuple[date, ...]], ...] = ()
    # what inspect-cli reads at most ([limits], docs/limits.md)
    limits: Limits = Limits()

    @property
    def office(self) -> Office:
        """The issuing office as its documents name it."""
        return Office(self.office_name.strip(), self.office_cc.strip(), self.office_printed_by.strip())


# The config file of the run in progress, put in place when the run starts; outside a run there is none.
_path_in_force: Path | None = None


def put_in_force(path: Path | None) -> None:
    """Make `path` the config file this run's deadlines are counted by (None: the defaults)."""
    global _path_in_force
    _path_in_force = path


def config_in_force() -> Config:
    """The run's config file, read now (it may have changed since the run started), or the defaults."""
    return load_config(_path_in_force) if _path_in_force is not None else Config()


def load_config(path: Path) -> Config:
    """Read inspect.toml if it exists; unknown sections or keys and wrong types are errors."""
    path = Path(path)
    if not path.exists():
        return Config()
    from inspect_cli.formats.fileio import parse_toml, read_utf8

    text = read_utf8(path, N_("check --config"), N_("a TOML config file (inspect.toml)"))
    data = parse_toml(text, path, N_("config file"))
    values: dict[str, Any] = {}
    limits: dict[str, Any] = {}
    if "calendar" in data:
        values["calendars"] = _calendars(path, text, data.pop("calendar"))
    key: str
    value: Any  # checked against its key's kind below
    for section, table in data.items():
        if section not in SECTIONS or not isinstance(table, dict):
            raise InputError(
                _("{path}: unknown section [{section}]; allowed: {s}, [calendar.YYYY]").format(
                    path=path, section=section, s=", ".join(f"[{s}]" for s in SECTIONS)
                )
            )
        for key, value in table.items():
            kind = SECTIONS[section].get(key)
            if kind is None:
                raise InputError(
                    _("{path}: [{section}] has unknown key {key!r}; allowed: {section2}").format(
                        path=path, section=section, key=key, section2=", ".join(SECTIONS[section])
                    )
                )
            if not _of_kind(value, kind):
                raise InputError(
                    _("{path}: [{section}] {key} must be {string}").format(
                        path=path, section=section, key=key, string=_(_KIND_NAMES[kind])
                    )
                )
            if kind in (int, float) and value < 0:
                raise InputError(
                    _("{path}: [{section}] {key} must not be negative").format(path=path, section=section, key=key)
                )
            if section == "deadlines" and key == "rectified" and value not in RECTIFIED:
                raise InputError(
                    _("{path}: [deadlines] rectified {value!r}: use {choices}").format(
                        path=path, value=value, choices=_(" or ").join(RECTIFIED)
                    )
                )
            if section == "interface" and key == "lang" and not _names_a_language(value):
                raise InputError(
                    _("{path}: [interface] lang {value!r}: use {choices}").format(
                        path=path, value=value, choices=_(" or ").join(LANGUAGES)
                    )
                )
            if section == "scores" and key in ("compliant", "partial", "noncompliant") and value > 1:
                raise InputError(
                    _(
                        "{path}: [scores] {key} is the share of a task's points a result earns: give a number "
                        "from 0 to 1"
                    ).format(path=path, key=key)
                )
            if section == "limits":
                if value < 1:
                    raise InputError(_("{path}: [limits] {key} must be at least 1").format(path=path, key=key))
                limits[key] = value
                continue
            values[
                {
                    "templates": f"{key}_template",
                    "ledger": f"ledger_{key}",
                    "interface": f"interface_{key}",
                    "office": f"office_{key}",
                    "import": f"import_{key}",
                    "scores": f"scores_{key}",
                }.get(section, key)
            ] = float(value) if kind is float else value
    values["limits"] = Limits(**limits)
    known = {f.name for f in fields(Config)}
    return Config(**{k: v for k, v in values.items() if k in known})


def _of_kind(value: object, kind: type) -> bool:
    """Whether a config value is of its key's kind (a whole number is a number too; true and false are not)."""
    accepted = (int, float) if kind is float else kind
    return isinstance(value, accepted) and not isinstance(value, bool)


def _line(text: str, *needles: str) -> int:
    """The line where the last of `needles` appears after the ones before it (1 when not found)."""
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            break
        position = found
    return text.count("\n", 0, position) + 1


def _calendars(path: Path, text: str, table: object) -> tuple[tuple[int, tuple[date, ...], tuple[date, ...]], ...]:
    """[calendar.YYYY] tables: holidays and workdays as dates in that year, no date in both lists."""
    if not isinstance(table, dict):
        raise InputError(
            _("{path}:{calendar}: calendar must be tables like [calendar.2027]").format(
                path=path, calendar=_line(text, "calendar")
            )
        )
    calendars = []
    for key, schedule in table.items():
        header = f"[calendar.{key}]"
        where = f"{path}:{_line(text, header)}"
        if not (key.isdigit() and len(key) == 4) or not isinstance(schedule, dict):
            raise InputError(
                _("{where}: [calendar.{key}] must name a year, e.g. [calendar.2027]").format(where=where, key=key)
            )
        year = int(key)
        unknown = [name for name in schedule if name not in CALENDAR_KEYS]
        if unknown:
            raise InputError(
                _(
                    "{path}:{unknown}: [calendar.{key}] has unknown key {unknown2!r}; allowed: holidays, workdays"
                ).format(path=path, unknown=_line(text, header, unknown[0]), key=key, unknown2=unknown[0])
            )
        lists = {}
        for name in CALENDAR_KEYS:
            values = schedule.get(name, [])
            at = f"{path}:{_line(text, header, name)}"
            if not isinstance(values, list):
                raise InputError(
                    _('{at}: [calendar.{key}] {value} must be a list of dates, e.g. ["{year}-01-01"]').format(
                        at=at, key=key, value=name, year=year
                    )
                )
            days = []
            for value in values:
                day = _calendar_day(value)
                at = f"{path}:{_line(text, header, name, str(value))}"
                if day is None:
                    raise InputError(
                        _("{at}: [calendar.{key}] {value}: {value2!r} is not a date like {year}-01-01").format(
                            at=at, key=key, value=name, value2=value, year=year
                        )
                    )
                if day.year != year:
                    raise InputError(
                        _("{at}: [calendar.{key}] {value}: {day} is not in {year}").format(
                            at=at, key=key, value=name, day=day, year=year
                        )
                    )
                if name == "workdays" and day.weekday() < 5:
                    raise InputError(
                        _(
                            "{at}: [calendar.{key}] workdays: {day} is a weekday; list only the weekend days worked"
                        ).format(at=at, key=key, day=day)
                    )
                days.append(day)
            lists[name] = tuple(sorted(set(days)))
        both = sorted(set(lists["holidays"]) & set(lists["workdays"]))
        if both:
            raise InputError(
                _("{path}:{both}: [calendar.{key}] {both2} is in both holidays and workdays; keep it in one").format(
                    path=path, both=_line(text, header, "workdays", both[0].isoformat()), key=key, both2=both[0]
                )
            )
        calendars.append((year, lists["holidays"], lists["workdays"]))
    return tuple(sorted(calendars))


def _calendar_day(value: object) -> date | None:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _names_a_language(value: str) -> bool:
    """Whether `value` names an interface language as --lang would read it (`zh`, `zh_CN`, `English`…)."""
    try:
        normalise(value)
    except UnknownLanguage:
        return False
    return True
