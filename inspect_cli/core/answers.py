"""Answers files: `[[answers]]` tables written down during a visit and applied to a draft in one go."""

from __future__ import annotations

from pathlib import Path

from inspect_cli.core.inspections import Answer, make_evidence
from inspect_cli.domain.models import Status
from inspect_cli.domain.typed_text import clean_text
from inspect_cli.exceptions import InputError
from inspect_cli.i18n import N_, _


def load_answers(path: Path) -> list[Answer]:
    """Read and check an answers file (TOML `[[answers]]` tables) completely before anything is saved."""
    from inspect_cli.formats.fileio import parse_toml, read_utf8

    path = Path(path)
    data = parse_toml(read_utf8(path, N_("check the --answers path"), N_("a TOML answers file")), path)
    unknown = set(data) - {"answers"}
    entries = data.get("answers")
    if unknown or not isinstance(entries, list) or not entries:
        raise InputError(
            _("{path}: expected [[answers]] tables with task, status, note and optional [[answers.evidence]]").format(
                path=path
            )
        )
    answers = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: answer {number}"
        if not isinstance(entry, dict) or set(entry) - {"task", "status", "note", "evidence"}:
            raise InputError(_("{where}: allowed keys are task, status, note, evidence").format(where=where))
        task_id, note = clean_text(str(entry.get("task", ""))), entry.get("note", "")
        if not task_id:
            raise InputError(_("{where}: task is required").format(where=where))
        try:
            status = Status.parse(entry.get("status", ""))
        except ValueError as exc:
            raise InputError(
                _("{where} (task {task_id}): {detail}").format(where=where, task_id=task_id, detail=exc)
            ) from None
        if not isinstance(note, str) or (status.needs_note and not note.strip()):
            raise InputError(
                _("{where} (task {task_id}): a {status} result needs a note saying what is missing").format(
                    where=where, task_id=task_id, status=status.value
                )
            )
        evidence = []
        items = entry.get("evidence", [])
        for item in items if isinstance(items, list) else [None]:
            if (
                not isinstance(item, dict)
                or set(item) - {"method", "description", "file"}
                or not all(isinstance(value, str) for value in item.values())
            ):
                raise InputError(
                    _(
                        "{where} (task {task_id}): evidence has method, description and optional file, each a string "
                        "in quotes"
                    ).format(where=where, task_id=task_id)
                )
            try:
                evidence.append(
                    make_evidence(
                        item.get("method", ""), item.get("description", ""), item.get("file"), base=path.parent
                    )
                )
            except InputError as exc:
                raise InputError(
                    _("{where} (task {task_id}): {message}").format(where=where, task_id=task_id, message=exc.message)
                ) from None
        answers.append(Answer(task_id, status, clean_text(note), tuple(evidence)))
    return answers
