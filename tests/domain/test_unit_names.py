"""Unit names told from other text by their shape; lists of them split only between whole names."""

from __future__ import annotations

import pytest

from inspect_cli.domain.deadline_phrases import looks_like_deadline
from inspect_cli.domain.unit_names import looks_like_unit, read_unit_tail, split_units


@pytest.mark.parametrize(
    "text, units",
    [
        ("市司法局、市财政局", ["市司法局", "市财政局"]),
        ("各县、市、区政府", ["各县、市、区政府"]),
        ("县(市、区)人民政府", ["县（市、区）人民政府"]),
        ("各县(市、区)党委和人民政府", ["各县（市、区）党委和人民政府"]),
        ("开发区、保税区党工委和管委会", ["开发区、保税区党工委和管委会"]),
        ("市司法局及相关部门和各区政府", ["市司法局", "相关部门", "各区政府"]),
        ("市人力资源和社会保障局", ["市人力资源和社会保障局"]),
        ("市财政局、市审计局等部门", ["市财政局", "市审计局"]),
        ("市税务局，市邮政公司等单位", ["市税务局", "市邮政公司"]),
        ("区应急局；各街办（新区）", ["区应急局", "各街办（新区）"]),
        ("市司法局/市财政局", ["市司法局", "市财政局"]),
        ("市委政法委／市司法局", ["市委政法委", "市司法局"]),
    ],
)
def test_lists_split_only_between_whole_names(text, units):
    assert split_units(text) == units


@pytest.mark.parametrize(
    "piece",
    [
        "市司法局",
        "区政务服务中心",
        "各镇人民政府",
        "县供电公司",
        "相关部门",
        "团县委",
        "某街道",
        "各乡镇",
        "市律师协会",
        "县民政局（挂县慈善会牌子）",
    ],
)
def test_unit_shapes(piece):
    assert looks_like_unit(piece)


@pytest.mark.parametrize(
    "piece", ["详见附件", "试行", "2021年底前", "涉及滇池流域项目", "座谈会", "工作组", "没有经过调查研究的不决策"]
)
def test_not_units_when_bare(piece):
    assert not looks_like_unit(piece, strict=True)


@pytest.mark.parametrize(
    "content, lead, responsible, deadline",
    [
        ("县财政局牵头，县发改局、县审计局配合", ("县财政局",), ("县发改局", "县审计局"), ()),
        ("县财政局牵头", ("县财政局",), (), ()),
        ("县财政局负责", ("县财政局",), (), ()),
        ("县财政局、县税务局等负责", (), ("县财政局", "县税务局"), ()),
        ("县财政局、县税务局按职责分工负责", (), ("县财政局", "县税务局"), ()),
        ("县财政局、县税务局，各乡镇", (), ("县财政局", "县税务局", "各乡镇"), ()),
        ("由县财政局牵头，县审计局参与，县国资公司协助", ("县财政局",), ("县审计局", "县国资公司"), ()),
        ("县司法局牵头，2022年6月底前完成", ("县司法局",), (), ("2022年6月底前完成",)),
    ],
)
def test_unlabelled_tails(content, lead, responsible, deadline):
    tail = read_unit_tail(content, looks_like_deadline)
    assert (tail.lead, tail.responsible, tail.deadline) == (lead, responsible, deadline)


@pytest.mark.parametrize(
    "content", ["详见附件", "试行", "涉及滇池流域项目", "重大事项决策、重要人事任免", "座谈会、听证会", "2016—2020年"]
)
def test_brackets_that_are_not_units(content):
    assert read_unit_tail(content, looks_like_deadline) is None


@pytest.mark.parametrize(
    "text, units",
    [
        ("各县市区，市直各有关单位", ["各县市区", "市直各有关单位"]),
        ("各县（市、区）、市直各部门", ["各县（市、区）", "市直各部门"]),
        ("各乡镇（街道）", ["各乡镇（街道）"]),
    ],
)
def test_every_place_of_a_level_is_a_unit(text, units):
    assert split_units(text) == units
    assert all(looks_like_unit(unit, strict=True) for unit in units)


def test_a_unit_marked_as_leading_in_a_list():
    from inspect_cli.domain.unit_names import marked_leads

    assert marked_leads(split_units("区司法局（牵头）、区财政局、区审计局")) == (["区司法局"], ["区财政局", "区审计局"])
    tail = read_unit_tail("区委依法治区办（牵头）、区司法局，2022年11月底前", looks_like_deadline)
    assert (tail.lead, tail.responsible, tail.deadline) == (("区委依法治区办",), ("区司法局",), ("2022年11月底前",))


@pytest.mark.parametrize(
    "text, units",
    [
        ("市司法局 市财政局", ["市司法局", "市财政局"]),
        ("各县(市、区) 党委和人民政府", ["各县（市、区）党委和人民政府"]),
        ("区人民政府 办公室", ["区人民政府办公室"]),
    ],
)
def test_spaces_split_only_whole_names(text, units):
    assert split_units(text) == units


def test_digits_inside_a_name_but_not_a_count():
    assert looks_like_unit("市12345政务服务热线中心", strict=True)
    assert not looks_like_unit("2个部门")


@pytest.mark.parametrize(
    "tail, lead, responsible",
    [
        ("省农业厅等负责", (), ("省农业厅",)),  # X and others: several share it, none named to lead
        ("市司法局等部门负责", (), ("市司法局",)),
        ("省农业厅负责", ("省农业厅",), ()),  # one unit alone leads
    ],
)
def test_an_open_list_that_is_responsible_names_no_lead(tail, lead, responsible):
    read = read_unit_tail(tail, lambda text: False)
    assert (read.lead, read.responsible) == (lead, responsible)


def test_by_their_duties_is_not_part_of_a_name():
    assert split_units("县司法局、各有关部门,乡镇人民政府按职责分工分别负责") == [
        "县司法局",
        "各有关部门",
        "乡镇人民政府",
    ]
    assert split_units("各乡镇按职责负责") == ["各乡镇"]


@pytest.mark.parametrize(
    "tail, lead, responsible",
    [
        ("市发改委、市财政局分别牵头落实", ("市发改委", "市财政局"), ()),
        ("市政务服务中心牵头落实", ("市政务服务中心",), ()),
        ("市住建局、市城管局分别负责", (), ("市住建局", "市城管局")),
    ],
)
def test_each_leading_on_its_own(tail, lead, responsible):
    read = read_unit_tail(tail, looks_like_deadline)
    assert (read.lead, read.responsible) == (lead, responsible)


@pytest.mark.parametrize("name", ["法规司", "财务科", "综合股", "各科室"])
def test_departments_of_ministries_and_offices_are_units(name):
    assert looks_like_unit(name)


def test_a_ministry_tail_without_labels():
    read = read_unit_tail("法治督察局牵头，立法一局、法规司配合", looks_like_deadline)
    assert (read.lead, read.responsible) == (("法治督察局",), ("立法一局", "法规司"))
