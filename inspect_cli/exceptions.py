"""The one error hierarchy: every error a user can cause carries a ready message, an exit code and a reason code.

The message is for the person reading it (in the interface language); the reason is for the program: code that
must tell one error from another compares `error.reason`, never the message's text.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

from inspect_cli.i18n import _, ngettext

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_STORAGE = 3


class Reason(str, enum.Enum):
    """Why an operation was refused, for the program to decide on (the message says it to the person)."""

    bad_input = "bad_input"  # a file, an option or a value that cannot be read or understood
    invalid_checklist = "invalid_checklist"  # a checklist file breaks the format
    not_found = "not_found"  # a unit, task, inspection or notice named that does not exist
    ambiguous = "ambiguous"  # a name that matches more than one unit
    wrong_state = "wrong_state"  # not allowed in the current state (finalized inspection, closed notice)
    tampered = "tampered"  # a record or the event log does not verify
    no_calendar = "no_calendar"  # no source says which days of a year are working days
    storage = "storage"  # the ledger cannot be opened, read or written


class InspectError(Exception):
    """An error meant for the user: `message` is printed as `Error: message`; `reason` says which kind it is."""

    exit_code = EXIT_USAGE
    default_reason = Reason.bad_input

    def __init__(self, message: str, reason: Reason | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason or self.default_reason


class InputError(InspectError):
    """Bad input: a file that cannot be read or understood, or a bad option value."""


class ChecklistInvalid(InputError):
    """A checklist file breaks the format; `problems` lists every `file:line: message`."""

    default_reason = Reason.invalid_checklist

    def __init__(self, problems: Sequence[object]) -> None:
        self.problems = problems
        first = problems[0]
        more = ""
        if len(problems) > 1:
            more = ngettext(
                " (and {count} more problem; run 'inspect-cli checklist validate')",
                " (and {count} more problems; run 'inspect-cli checklist validate')",
                len(problems) - 1,
            ).format(count=len(problems) - 1)
        super().__init__(f"{first}{more}")


class NotFound(InputError):
    """Something named on the command line (a unit, a task, an inspection) does not exist."""

    default_reason = Reason.not_found


class StateError(InputError):
    """The action is not allowed in the current state (finalized inspection, closed notice...)."""

    default_reason = Reason.wrong_state


class StorageError(InspectError):
    """The ledger cannot be opened, read or written."""

    exit_code = EXIT_STORAGE
    default_reason = Reason.storage


class CalendarUnavailable(InputError):
    """No source can say which days of a year are working days (not configured, beyond the library's tables)."""

    default_reason = Reason.no_calendar

    def __init__(self, year: int) -> None:
        super().__init__(_("no holiday calendar can be computed for {year}").format(year=year))
        self.year = year
