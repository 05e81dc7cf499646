"""The one error hierarchy: exit codes, reasons, and the checklist error that counts its problems."""

from __future__ import annotations

import pytest

from inspect_cli import i18n
from inspect_cli.exceptions import (
    EXIT_STORAGE,
    EXIT_USAGE,
    CalendarUnavailable,
    ChecklistInvalid,
    InputError,
    InspectError,
    NotFound,
    Reason,
    StateError,
    StorageError,
)


@pytest.mark.parametrize(
    "error, exit_code, reason",
    [
        (InputError("x"), EXIT_USAGE, Reason.bad_input),
        (NotFound("x"), EXIT_USAGE, Reason.not_found),
        (StateError("x"), EXIT_USAGE, Reason.wrong_state),
        (StorageError("x"), EXIT_STORAGE, Reason.storage),
        (CalendarUnavailable(2150), EXIT_USAGE, Reason.no_calendar),
        (ChecklistInvalid(["a.toml:1: x"]), EXIT_USAGE, Reason.invalid_checklist),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_each_error_has_its_exit_code_and_reason(error, exit_code, reason):
    assert isinstance(error, InspectError)
    assert (error.exit_code, error.reason) == (exit_code, reason)


def test_a_reason_given_overrides_the_default_and_the_message_is_kept_as_given():
    error = InputError("a.toml: 编办 matches two units", Reason.ambiguous)
    assert error.reason is Reason.ambiguous and error.message == str(error) == "a.toml: 编办 matches two units"
    assert NotFound("x").reason is Reason.not_found


def test_a_checklist_error_shows_its_first_problem_and_counts_the_rest():
    assert ChecklistInvalid(["a.toml:3: no id"]).message == "a.toml:3: no id"
    one_more = ChecklistInvalid(["a.toml:3: no id", "a.toml:9: no text"])
    assert one_more.message == "a.toml:3: no id (and 1 more problem; run 'inspect-cli checklist validate')"
    three_more = ChecklistInvalid([f"a.toml:{n}: x" for n in range(4)])
    assert three_more.message.endswith("(and 3 more problems; run 'inspect-cli checklist validate')")
    assert len(three_more.problems) == 4


def test_the_checklist_error_counts_in_chinese_too(monkeypatch):
    monkeypatch.setenv("INSPECT_LANG", "zh")
    i18n.reset()
    i18n.activate("zh")
    message = ChecklistInvalid(["a.toml:3: x", "a.toml:4: y", "a.toml:5: z"]).message
    assert message.startswith("a.toml:3: x") and "2" in message and "more problems" not in message


def test_a_calendar_error_names_the_year():
    error = CalendarUnavailable(2150)
    assert error.year == 2150 and "2150" in error.message
