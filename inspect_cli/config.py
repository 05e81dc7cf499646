"""The config file inspect.toml: office defaults for notices and warning lights."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from inspect_cli.exceptions import InputError

SECTIONS = {
    "notices": {"issuer": str, "code": str, "days": int, "working_days": int, "reply_days": int, "requirement": str},
    "deadlines": {"soon_days": int, "blue_days": int},
    "templates": {"record": str, "notice": str},
}


@dataclass(frozen=True)
class Config:
    """Defaults that an office sets once; every one can be overridden on the command line."""

    issuer: str = "依法治市办"
    code: str = "法督"
    days: int = 30
    working_days: int = 0
    reply_days: int = 15
    requirement: str = "请对照督察发现的问题认真整改，于整改期限内完成整改，并在答复期限内将整改情况书面报告（加盖公章）报送督察机关。"
    soon_days: int = 7
    blue_days: int = 30
    record_template: str = ""
    notice_template: str = ""


def load_config(path: Path) -> Config:
    """Read inspect.toml if it exists; unknown sections or keys and wrong types are errors."""
    path = Path(path)
    if not path.exists():
        return Config()
    from inspect_cli.fileio import parse_toml, read_utf8

    data = parse_toml(read_utf8(path, "check --config", "a TOML config file (inspect.toml)"), path, "config file")
    values: dict = {}
    for section, table in data.items():
        if section not in SECTIONS or not isinstance(table, dict):
            raise InputError(f"{path}: unknown section [{section}]; allowed: {', '.join(f'[{s}]' for s in SECTIONS)}")
        for key, value in table.items():
            kind = SECTIONS[section].get(key)
            if kind is None:
                raise InputError(f"{path}: [{section}] has unknown key {key!r}; allowed: {', '.join(SECTIONS[section])}")
            if not isinstance(value, kind) or isinstance(value, bool):
                raise InputError(f"{path}: [{section}] {key} must be {'a whole number' if kind is int else 'a string'}")
            if kind is int and value < 0:
                raise InputError(f"{path}: [{section}] {key} must not be negative")
            values[f"{key}_template" if section == "templates" else key] = value
    known = {f.name for f in fields(Config)}
    return Config(**{k: v for k, v in values.items() if k in known})
