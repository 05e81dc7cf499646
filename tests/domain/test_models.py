"""The vocabularies: each word's machine name and its label in either language, how a word is read back, and the
order and grades of results."""

from __future__ import annotations

import pytest

from inspect_cli import i18n
from inspect_cli.domain.models import (
    SEVERITY,
    Change,
    EvidenceMethod,
    InspectionState,
    Labelled,
    Status,
    UnitKind,
    WalkKey,
)


def _vocabularies():
    return sorted(Labelled.__subclasses__(), key=lambda cls: cls.__name__)


@pytest.mark.parametrize("vocabulary", _vocabularies(), ids=lambda cls: cls.__name__)
def test_every_word_reads_back_from_its_name_and_from_its_label_in_either_language(vocabulary):
    for word in vocabulary:
        assert str(word) == word.value
        for language in i18n.LANGUAGES:
            assert vocabulary.parse(word.label_in(language)) is word, (word, language)
        assert vocabulary.parse(f"  {word.value} ") is word


def test_labels_follow_the_interface_language():
    i18n.activate("en")
    assert Status.partial.label == "partial" and InspectionState.name_of("finalized") == "finalized"
    i18n.activate("zh")
    assert Status.partial.label == Status.partial.label_in("zh") != "partial"
    assert Status.compliant.label_in("zh") == "符合"


def test_name_of_passes_over_none_and_keeps_a_word_of_an_older_release():
    assert Status.name_of(None) == "" and Status.name_of("") == ""
    assert Status.name_of("retired_status") == "retired_status"
    assert Change.name_of(Change.improved) == "improved"


def test_a_status_is_read_from_its_key_its_label_or_an_old_alias():
    assert Status.parse("c") is Status.compliant and Status.parse("x") is Status.not_applicable
    assert Status.parse("s") is Status.not_reviewed
    assert Status.parse("部分完成") is Status.partial and Status.parse("未完成") is Status.noncompliant
    assert Status.parse("not applicable") is Status.not_applicable
    with pytest.raises(ValueError, match=r"unknown status 'q'; use one of: compliant, partial"):
        Status.parse("q")  # q quits a walk: it records nothing


def test_findings_are_listed_worst_first_and_only_graded_results_short_of_the_best_need_a_note():
    assert SEVERITY == [
        Status.noncompliant,
        Status.partial,
        Status.not_reviewed,
        Status.not_applicable,
        Status.compliant,
    ]
    assert [s for s in Status if s.needs_note] == [Status.partial, Status.noncompliant]
    assert Status.compliant.grade > Status.partial.grade > Status.noncompliant.grade
    assert Status.not_applicable.grade is None and Status.not_reviewed.grade is None


def test_walk_keys_record_a_status_or_do_something_else():
    assert {key.value for key in WalkKey if key.status} == {"c", "p", "n", "x", "s"}
    assert WalkKey.quit.status is None and WalkKey("e") is WalkKey.evidence
    i18n.activate("en")
    assert WalkKey.partial.meaning == "partial (asks for a note)"


def test_units_are_counted_in_the_documents_language():
    assert UnitKind.department.counted(1, "en") == "1 department"
    assert UnitKind.township.counted(3, "en") == "3 townships"
    assert UnitKind.department.counted(2, "zh") == "2个部门"


def test_an_evidence_method_is_kept_in_chinese_and_shown_in_the_documents_language():
    assert EvidenceMethod.in_language("实地查看", "en") == "site visit"
    assert EvidenceMethod.in_language("实地查看", "zh") == "实地查看"
    assert EvidenceMethod.in_language("电话核实", "en") == "电话核实"  # a method of an older release stays as it is
