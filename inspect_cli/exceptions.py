"""The one error hierarchy: every error a user can cause carries a ready message and an exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_STORAGE = 3


class InspectError(Exception):
    """An error meant for the user: `message` is printed as `Error: message`."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(InspectError):
    """Bad input: a file that cannot be read or understood, or a bad option value."""


class ChecklistInvalid(InputError):
    """A checklist file breaks the format; `problems` lists every `file:line: message`."""

    def __init__(self, problems: list) -> None:
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more problem(s); run 'inspect-cli checklist validate')" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")


class NotFound(InputError):
    """Something named on the command line (a unit, a task, an inspection) does not exist."""


class StateError(InputError):
    """The action is not allowed in the current state (finalized inspection, closed notice...)."""


class StorageError(InspectError):
    """The ledger cannot be opened, read or written."""

    exit_code = EXIT_STORAGE


class CalendarUnavailable(InputError):
    """No source can say which days of a year are working days (not configured, beyond the library's tables)."""

    def __init__(self, year: int) -> None:
        super().__init__(f"no holiday calendar can be computed for {year}")
        self.year = year
