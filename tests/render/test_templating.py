"""Templates: the shipped ones by kind and language, the user's own in a sandbox with a step limit, errors named by
file and line, and dates written the Chinese way."""

from __future__ import annotations

from datetime import date

import pytest
from record_samples import inspect

from inspect_cli.core.records import build_record
from inspect_cli.exceptions import InputError
from inspect_cli.ledger.sqlite import SQLiteLedger
from inspect_cli.render.documents import record_markdown
from inspect_cli.render.templating import TEMPLATE_DIR, cn_date, render_template, shipped_template


@pytest.fixture
def ledger(tmp_path):
    with SQLiteLedger.open(tmp_path / "l.db") as opened:
        yield opened


def test_user_template_and_sandbox(tmp_path, ledger, jingmen):
    inspect(ledger, jingmen, "缺")
    own = tmp_path / "mine.md.j2"
    own.write_text("单位：{{ record.inspection.unit }}，共 {{ record.total }} 项\n", encoding="utf-8")
    assert record_markdown(build_record(ledger, 1), template=own) == "单位：市编办，共 16 项\n"
    evil = tmp_path / "evil.md.j2"
    evil.write_text("ok\n{{ record.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"evil.md.j2:2: refused by the template sandbox"):
        record_markdown(build_record(ledger, 1), template=evil)
    evil.write_text("{{ ''.__class__.__base__.__subclasses__() }}", encoding="utf-8")
    with pytest.raises(InputError, match="sandbox"):
        record_markdown(build_record(ledger, 1), template=evil)
    broken = tmp_path / "broken.md.j2"
    broken.write_text("line one\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken.md.j2:2: template syntax error"):
        record_markdown(build_record(ledger, 1), template=broken)
    unknown = tmp_path / "unknown.md.j2"
    unknown.write_text("{{ nothing.here }}", encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown.md.j2:1: template error: 'nothing' is undefined"):
        record_markdown(build_record(ledger, 1), template=unknown)


def test_the_shipped_templates_by_kind_and_language():
    assert shipped_template("record", "zh") == TEMPLATE_DIR / "record.zh.md.j2"
    assert shipped_template("notice", "en").is_file() and shipped_template("summary", "en").is_file()
    with pytest.raises(InputError, match="--lang 'fr': use zh or en"):
        shipped_template("record", "fr")


def test_dates_are_written_the_chinese_way():
    assert cn_date(date(2017, 3, 1)) == "2017年3月1日"
    assert cn_date("2017年底") == "2017年底"  # a phrase, not a date, is kept as written
    assert cn_date(None) == "" and cn_date("") == ""


def test_a_template_that_loops_without_end_is_stopped(tmp_path):
    looping = tmp_path / "loop.md.j2"
    looping.write_text("{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}")
    with pytest.raises(InputError, match="loop.md.j2"):
        render_template(looping)
