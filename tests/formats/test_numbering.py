"""Plan numbering: styles and values of any size."""

from __future__ import annotations

import pytest

from inspect_cli.formats.numbering import cn_to_int, number_of, numeral


@pytest.mark.parametrize(
    "numeral_text, value",
    [
        ("三", 3),
        ("十一", 11),
        ("二十", 20),
        ("一百零五", 105),
        ("一千零二", 1002),
        ("③", 3),
        ("2000", 2000),
        ("", None),
        ("甲", None),
    ],
)
def test_numerals(numeral_text, value):
    assert cn_to_int(numeral_text) == value


@pytest.mark.parametrize(
    "line, found",
    [
        ("一、总体要求", ("part", "一", 2)),
        ("(三)加强监督", ("section", "三", 3)),
        ("12.完善制度", ("topic", "12", 3)),
        ("(2000)开展评查", ("item", "2000", 6)),
        ("①清理文件", ("circled", "①", 1)),
        ("1.1 严格落实决策程序", ("decimal", "1.1", 4)),
        ("12.30、推行审查", ("decimal", "12.30", 6)),
        ("2021.6.30前完成", None),
        ("2021年工作要点", None),
    ],
)
def test_number_of_a_line(line, found):
    assert number_of(line) == found


def test_numbers_written_in_their_style():
    assert [numeral(2, "section"), numeral(3, "circled"), numeral(12, "topic")] == ["二", "③", "12"]


@pytest.mark.parametrize(
    "line, found",
    [
        ("㈠加强领导", ("section", "一", 1)),
        ("⒉完善制度", ("topic", "2", 1)),
        ("⑶开展评查", ("item", "3", 1)),
        ("一、总体", ("part", "一", 2)),
    ],
)
def test_numbers_set_as_one_glyph(line, found):
    assert number_of(line) == found


@pytest.mark.parametrize(
    "line, found",
    [
        ("第一章 总则", ("part", "一", 4)),
        ("第二部分、主要任务", ("part", "二", 5)),
        ("第三节 监督", ("section", "三", 4)),
        ("第十二条 加快规章清理", ("topic", "12", 5)),
        ("第3条 编制清单", ("topic", "3", 4)),
        ("第一次会议审议通过", None),
        ("第一条件是合法", None),
    ],
)
def test_chapters_and_articles(line, found):
    assert number_of(line) == found
