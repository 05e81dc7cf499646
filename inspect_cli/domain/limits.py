"""What inspect-cli reads at most (docs/limits.md): the budgets, and the ones in force for this run.

The run's settings put the config file's [limits] in force when the run starts; until then, and in a library
call, the defaults are.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    """What inspect-cli reads at most; every field is a key of inspect.toml's [limits] table."""

    # bytes of a text file read (plan, checklist, answers file, export, template, config)
    text_bytes: int = 16 * 1024 * 1024
    # bytes of a .docx or .xlsx file (it may hold pictures)
    office_bytes: int = 64 * 1024 * 1024
    # bytes the parts of a .docx or .xlsx unpack to, all together
    unpacked_bytes: int = 128 * 1024 * 1024
    # how many times larger than it is stored one part of a .docx or .xlsx may unpack (parts over 1 MB)
    unpack_ratio: int = 100
    # cells of a sheet (its extent, rows × columns) or of an HTML table, merged cells counted once each
    cells: int = 500_000
    # merged ranges in one sheet
    merged_ranges: int = 10_000
    # rows of a sheet or of the tables of an HTML page or .docx
    rows: int = 50_000
    # columns of a sheet or a table
    columns: int = 1_000
    # how deep HTML elements nest
    html_depth: int = 512
    # lines of a text plan, paragraphs (and table rows) of a .docx or HTML page
    paragraphs: int = 50_000
    # tasks in a checklist or imported from a plan
    tasks: int = 50_000
    # characters of one task's text
    task_chars: int = 5_000
    # characters a user's template writes
    template_output: int = 16 * 1024 * 1024
    # steps a user's template takes (calls, lookups, characters joined, range elements)
    template_steps: int = 2_000_000
    # dates one recurrence rule yields in the window a deadline is judged in
    occurrences: int = 10_000
    # warnings of one kind printed before one line says how many more there are
    warnings: int = 20


NAMES = tuple(field.name for field in fields(Limits))
DEFAULTS = Limits()

_in_force = DEFAULTS


def in_force() -> Limits:
    """The limits of this run: the config file's [limits] over the defaults once the run has started."""
    return _in_force


def put_in_force(limits: Limits) -> None:
    """Make `limits` the ones every check of this run reads (the defaults again to end the run)."""
    global _in_force
    _in_force = limits
