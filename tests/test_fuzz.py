"""Property-based fuzzing of the file readers and argument parsers: any input ends in a result or an InspectError."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspect_cli.exceptions import InspectError

# bounded so the whole module runs in well under a minute
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_FOLDER = Path(tempfile.mkdtemp(prefix="inspect-fuzz-"))

toml_fragments = st.sampled_from(
    [
        "[",
        "]",
        "{",
        "}",
        "[[answers]]\n",
        "[[tasks]]\n",
        "task = ",
        "status = ",
        "note = ",
        '"',
        "'''",
        "1",
        "n",
        "未公开",
        "=",
        "\n",
        "#",
        ",",
        "method = 1\n",
        "[checklist]\n",
        'id = "x"\n',
        "recurrence = ",
        "FREQ=YEARLY;INTERVAL=0",
        "\x00",
        "\ufeff",
        "\\",
    ]
)
text_soup = st.one_of(st.text(max_size=300), st.lists(toml_fragments, max_size=60).map("".join))
byte_soup = st.one_of(
    st.binary(max_size=400),
    text_soup.map(lambda t: t.encode("utf-8")),
    text_soup.map(lambda t: t.encode("utf-16")[:-1]),
    text_soup.map(lambda t: t.encode("gb18030", errors="replace")),
)


def _file(name: str, data: bytes) -> Path:
    path = _FOLDER / name
    path.write_bytes(data)
    return path


def _only_inspect_errors(call) -> None:
    try:
        call()
    except InspectError as error:
        assert error.message.strip() and "Traceback" not in error.message


def _readers():
    from inspect_cli.core.answers import load_answers
    from inspect_cli.core.config import load_config
    from inspect_cli.formats.checklist_toml import check_checklist
    from inspect_cli.formats.inspection_export import read_export

    return {
        "answers.toml": load_answers,
        "export.json": read_export,
        "checklist.toml": check_checklist,
        "inspect.toml": load_config,
    }


@pytest.mark.parametrize("name", ["answers.toml", "export.json", "checklist.toml", "inspect.toml"])
@FUZZ
@given(data=byte_soup)
def test_toml_and_json_readers(name, data):
    _only_inspect_errors(lambda: _readers()[name](_file(name, data)))


@FUZZ
@given(data=byte_soup, suffix=st.sampled_from([".txt", ".md", ".html", ".docx"]))
def test_document_reader(data, suffix):
    from inspect_cli.formats.documents import read_document

    _only_inspect_errors(lambda: read_document(_file(f"plan{suffix}", data)))


@FUZZ
@given(data=byte_soup)
def test_template_renderer(data):
    from inspect_cli.render.templating import render_template

    _only_inspect_errors(lambda: render_template(_file("mine.md.j2", data), record={"findings": [1, 2]}))


@FUZZ
@given(spec=st.text(alphabet="0123456789-–~,， abc", max_size=40))
def test_items_parser(spec, jingmen):
    from inspect_cli.core.inspections import select_tasks

    _only_inspect_errors(lambda: select_tasks(jingmen, "市编办", items=spec))


@FUZZ
@given(number=st.text(max_size=40), code=st.text(max_size=25))
def test_notice_number_and_code(number, code):
    from inspect_cli.core.notices import check_code, normalise_number

    assert isinstance(normalise_number(number), str)
    _only_inspect_errors(lambda: check_code(code))


@FUZZ
@given(
    rule=st.lists(
        st.sampled_from(
            [
                "FREQ=",
                "YEARLY",
                "MONTHLY",
                "WEEKLY",
                "DAILY",
                "SECONDLY",
                ";",
                "INTERVAL=",
                "COUNT=",
                "UNTIL=",
                "BYMONTH=",
                "BYMONTHDAY=",
                "BYDAY=",
                "0",
                "1",
                "13",
                "30",
                "-1",
                "99999999999",
                "20160101",
                "MO",
                ",",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_recurrence_checker(rule):
    from inspect_cli.domain.checklist import check_recurrence

    assert check_recurrence(rule, (2016, 2020)) is None or "recurrence" in check_recurrence(rule, (2016, 2020))


@FUZZ
@given(value=st.text(max_size=20))
def test_date_option_parser(value):
    import typer

    from inspect_cli.commands.options import parse_date

    try:
        parse_date(value)
    except typer.BadParameter:
        pass


@pytest.fixture(scope="module")
def jingmen():
    from conftest import JINGMEN_CHECKLIST

    from inspect_cli.formats.checklist_toml import load_checklist

    return load_checklist(JINGMEN_CHECKLIST)
