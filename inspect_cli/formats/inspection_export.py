"""An exported inspection on disk (JSON or TOML), as `inspections export` writes it and `import` reads it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import tomli_w

from inspect_cli.exceptions import InputError
from inspect_cli.i18n import N_, _

# What an export names itself, so that `inspections import` knows the file for one and the form it is in.
EXPORT_FORMAT = "inspect-cli-inspection"
EXPORT_VERSION = 1


def dump_export(data: dict[str, Any], fmt: str) -> str:
    """Serialise an export as JSON or TOML (TOML has no null, so empty values are left out)."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    return tomli_w.dumps(_without_none(data))


def _without_none(value):
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def read_export(path: Path) -> dict[str, Any]:
    """Read an exported inspection (JSON or TOML) and check it is one."""
    from inspect_cli.formats.fileio import parse_json, parse_toml, read_utf8

    path = Path(path)
    kind = N_("a file written by 'inspect-cli inspections export'")
    text = read_utf8(path, N_("check the path"), kind)
    data = parse_json(text, path) if text.lstrip().startswith("{") else parse_toml(text, path)
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT or data.get("version") != EXPORT_VERSION:
        raise InputError(
            _("{path}: not an inspect-cli inspection export (format {value}, version {value2})").format(
                path=path, value=EXPORT_FORMAT, value2=EXPORT_VERSION
            )
        )
    return data
