"""Typed or supplied text is cleaned before it reaches the ledger: no control characters, escapes or bidi tricks."""

from __future__ import annotations

import pytest

from inspect_cli.domain.typed_text import clean_text


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("  缺少会议纪要  ", "缺少会议纪要"),
        ("缺\x1b[D少材料", "缺少材料"),  # a cursor key leaves no stray "[D"
        ("\x1b[31m红色\x1b[0m", "红色"),
        ("\x1b]0;title\x07备注", "备注"),  # an OSC title sequence goes whole
        ("第一行\n第二行\t第三", "第一行 第二行 第三"),
        ("合法\u202e文字", "合法文字"),  # a right-to-left override would make the note read otherwise
        ("a\x00b\x07c", "abc"),
        ("\x9b2J清屏", "清屏"),
    ],
)
def test_one_line(typed, kept):
    assert clean_text(typed) == kept


def test_multiline_keeps_line_breaks_and_folds_the_rest():
    assert clean_text("第一段\r\n第二\t段\n\x1b[1m第三段\x1b[0m\n", multiline=True) == "第一段\n第二 段\n第三段"


def test_a_value_that_is_not_a_string_is_read_as_text():
    assert clean_text(2017) == "2017"
