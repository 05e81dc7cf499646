"""Text normalisation: one form of each mark, brackets of every kind, traditional characters matched."""

from __future__ import annotations

import pytest

from inspect_cli.domain.textnorm import (
    int_to_cn,
    known_simplified,
    matching_form,
    simplified,
    split_outside_brackets,
    trailing_bracket,
)


@pytest.mark.parametrize(
    "text, start",
    [
        ("任务。（牵头单位：市司法局）", 3),
        ("任务[牵头单位:区卫健局]。", 2),
        ("任务【县司法局牵头】", 2),
        ("任务〔责任单位：县财政局（含国资）〕", 2),
        ("任务（试行）。", 2),
        ("《条例》", None),
        ("没有括号", None),
    ],
)
def test_trailing_bracket_of_any_kind_with_nesting(text, start):
    assert trailing_bracket(matching_form(text)) == start


def test_separators_inside_any_bracket_or_title_do_not_split():
    assert split_outside_brackets("甲【乙、丙】、《丁、戊》、己", "、") == ["甲【乙、丙】", "《丁、戊》", "己"]


def test_traditional_text_is_matched_in_simplified_form_keeping_length():
    original = "牽頭單位：縣司法局；完成時限：年底前"
    assert simplified(original) == "牵头单位：县司法局；完成时限：年底前"
    assert len(matching_form(original)) == len(original)


def test_a_document_without_traditional_characters_skips_conversion():
    with known_simplified("牵头单位：市司法局"):
        assert simplified("牽頭") == "牽頭"  # inside the block nothing is converted
    with known_simplified("牽頭單位：縣司法局；完成時限：年底前"):
        assert simplified("牽頭") == "牵头"
    assert simplified("牽頭") == "牵头"


def test_a_rare_character_outside_gb2312_does_not_make_a_document_traditional():
    with known_simplified("切实做到依法办事，渉及群众利益的事项公开办理"):  # 渉: a variant some plans carry
        assert simplified("牽頭") == "牽頭"


@pytest.mark.parametrize("number, numeral", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五")])
def test_int_to_cn(number, numeral):
    assert int_to_cn(number) == numeral


def test_pinyin_glosses_are_read_past_and_put_back():
    from inspect_cli.domain.textnorm import has_glosses, with_glosses, without_glosses

    line = "(一)加快建設(shè)基地。(牽(qiān)頭單位:市經(jīng)貿(mào)委)"
    assert has_glosses(line) and without_glosses(line) == "(一)加快建設基地。(牽頭單位:市經貿委)"
    assert with_glosses("市經貿委", line) == "市經(jīng)貿(mào)委"
    assert with_glosses("市財政局", line) == "市財政局"
    assert not has_glosses("条例(试行)、中心(PPP)、办法(app)")  # brackets a document means: no tone mark
