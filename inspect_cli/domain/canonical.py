"""The bytes a finalized inspection's content hash covers, the event chain and notice seals: never change a released
form, add one."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from inspect_cli.domain.models import Evidence, Inspection, InspectionTask, Result, Revision
from inspect_cli.exceptions import StateError
from inspect_cli.i18n import _

# The canonical forms a finalized inspection's content hash has been made with. A form is never changed once
# released: a record keeps the form it was hashed with, so it verifies under every later version.
#   1: the whole content, with the inspection's uid and evidence files by full path, no source plan
#   2: as 1 without the uid and with evidence files by name only (the same record hashes alike in two ledgers)
#   3: as 2 with the checklist's source plan
#   4: as 3 with evidence files by the path recorded, as the record shows it (a file moved to another folder in the
#      record is a change)
CONTENT_FORMS = (1, 2, 3, 4)
CURRENT_FORM = 4

# Every encoder below names its fields one by one, so no change to display code reaches hashed bytes. A field
# added to a model is left out of the hash until a new form takes it in (tests/domain/test_canonical.py checks).


def task_content(task: InspectionTask) -> dict[str, Any]:
    """An inspection's copy of a checklist task, as hashed."""
    return {
        "position": task.position,
        "task_id": task.task_id,
        "text": task.text,
        "section": task.section,
        "topic": task.topic,
        "lead_units": list(task.lead_units),
        "responsible_units": list(task.responsible_units),
        "deadline": task.deadline,
        "due": task.due.isoformat() if task.due is not None else None,
        "recurrence": task.recurrence,
        "ongoing": task.ongoing,
        "verify": list(task.verify),
    }


def evidence_content(item: Evidence) -> dict[str, Any]:
    """One piece of evidence, as hashed."""
    return {
        "method": item.method,
        "description": item.description,
        "file_path": item.file_path,
        "file_sha256": item.file_sha256,
        "added_at": item.added_at,
    }


def result_content(result: Result) -> dict[str, Any]:
    """One task's result, as hashed."""
    return {
        "task_id": result.task_id,
        "status": result.status.value,
        "note": result.note,
        "answered_at": result.answered_at,
        "answered_by": result.answered_by,
        "evidence": [evidence_content(item) for item in result.evidence],
    }


def revision_content(revision: Revision) -> dict[str, Any]:
    """One reopening of a finalized inspection, as exported."""
    return {
        "revision": revision.revision,
        "reason": revision.reason,
        "previous_hash": revision.previous_hash,
        "at": revision.at,
        "actor": revision.actor,
    }


def record_content(inspection: Inspection, tasks: list[InspectionTask], results: dict[str, Result]) -> dict[str, Any]:
    """Everything that defines an inspection's record (the export's body and the base of every form)."""
    position = {task.task_id: task.position for task in tasks}
    return {
        "uid": inspection.uid,
        "checklist": {
            "id": inspection.checklist_id,
            "title": inspection.checklist_title,
            "sha256": inspection.checklist_sha256,
            "source": inspection.checklist_source,
        },
        "unit": inspection.unit,
        "inspectors": list(inspection.inspectors),
        "date": inspection.date.isoformat(),
        "place": inspection.place,
        "revision": inspection.revision,
        "tasks": [task_content(task) for task in tasks],
        "results": [
            result_content(results[task_id])
            for task_id in sorted(results, key=lambda task_id: position.get(task_id, 0))
        ],
    }


def covered_content(content: dict[str, Any], form: int = CURRENT_FORM, subject: str = "inspection") -> dict[str, Any]:
    """The part of an inspection's content that `form` covers (`content` is left as it was)."""
    if form not in CONTENT_FORMS:
        raise StateError(
            _("{subject}: content form {form} is unknown to this inspect-cli; upgrade it").format(
                subject=subject, form=form
            )
        )
    content = json.loads(json.dumps(content))  # a deep copy: the forms below edit it
    if form < 3:
        del content["checklist"]["source"]
    if form >= 2:
        del content["uid"]  # the same record in two ledgers hashes alike
    if form in (2, 3):
        for result in content["results"]:
            for item in result["evidence"]:
                if item["file_path"]:
                    item["file_path"] = Path(item["file_path"]).name  # files are identified by name and sha256
    return content


def canonical_bytes(value: dict[str, Any] | list[Any]) -> bytes:
    """The one JSON encoding that is hashed: sorted keys, no spaces, Chinese as UTF-8."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def content_hash(
    inspection: Inspection, tasks: list[InspectionTask], results: dict[str, Result], form: int = CURRENT_FORM
) -> str:
    """sha256 of an inspection's canonical content under `form`."""
    content = covered_content(record_content(inspection, tasks, results), form, f"inspection {inspection.id}")
    return hashlib.sha256(canonical_bytes(content)).hexdigest()


def matching_form(
    inspection: Inspection, tasks: list[InspectionTask], results: dict[str, Result], stored_hash: str
) -> int | None:
    """The form under which the content hashes to `stored_hash`, for records finalized before forms were kept."""
    return next((form for form in CONTENT_FORMS if content_hash(inspection, tasks, results, form) == stored_hash), None)


def chain_link(previous: str | None, event: tuple[object, ...]) -> str:
    """The link of one event: sha256 over the previous link and the event's id, time, actor, kind, subject, detail."""
    payload = json.dumps(list(event), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{previous or ''}\n{payload}".encode()).hexdigest()


def checkpoint_seal(event_id: int, chain: str) -> str:
    """The seal of a checkpoint of the event log: sha256 over the event's number and its link."""
    return hashlib.sha256(f"checkpoint\n{event_id}\n{chain}".encode()).hexdigest()


def notice_seal(notice: dict[str, Any]) -> str:
    """sha256 over a notice's columns and its steps."""
    return hashlib.sha256(canonical_bytes(notice)).hexdigest()


def notice_seals(names: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """notice_seal of each row's leading values, named by `names` (more values may follow): the same bytes, written
    into one template per row a column at a time by C functions, where a dict each through the encoder costs twice
    as much (a list checks 5,000 seals as it reads them)."""
    if not rows:
        return []
    columns = list(zip(*rows, strict=False))[: len(names)]
    order = sorted(range(len(names)), key=names.__getitem__)  # canonical_bytes sorts the keys
    written = [_column_json(columns[i]) for i in order]
    keys = (_text_json(names[i]).replace("%", "%%") for i in order)
    template = "{" + ",".join(f"{key}:{placeholder}" for key, (placeholder, _) in zip(keys, written, strict=True)) + "}"
    texts = zip(*(values for _placeholder, values in written), strict=True)
    sha256 = hashlib.sha256
    return [sha256((template % text).encode("utf-8")).hexdigest() for text in texts]


# How the encoder canonical_bytes runs writes a text (ensure_ascii=False), and any other value; its C part made
# once where the interpreter has it, sparing the set-up json.dumps makes for each value.
_text_json: Callable[[str], str] = json.encoder.encode_basestring
_value_encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_make_encoder = getattr(json.encoder, "c_make_encoder", None)
_value_chunks = _make_encoder(None, None, _text_json, None, ":", ",", True, False, True) if _make_encoder else None


def _value_json(value: Any) -> str:
    return "".join(_value_chunks(value, 0)) if _value_chunks is not None else _value_encoder.encode(value)


# a text the encoder writes as it is, between quotes: no quote, backslash or control character
_PLAIN_TEXT = re.compile(r'[^"\\\x00-\x1f]*')


def _column_json(values: Sequence[Any]) -> tuple[str, Sequence[Any]]:
    """How the values of one column are put into a template as canonical_bytes writes them: a placeholder and what
    fills it (plain texts and whole numbers as they are, anything else as its JSON text)."""
    kinds = set(map(type, values))
    if kinds == {str}:
        if _PLAIN_TEXT.fullmatch("".join(values)):
            return '"%s"', values
        return "%s", list(map(_text_json, values))
    if kinds == {int}:  # bool is a kind of its own
        return "%d", values
    if kinds <= {str, type(None)}:
        return "%s", [_text_json(value) if value is not None else "null" for value in values]
    if kinds <= {int, type(None)}:
        return "%s", [int.__repr__(value) if value is not None else "null" for value in values]
    return "%s", list(map(_value_json, values))
