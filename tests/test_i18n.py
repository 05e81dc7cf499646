"""The interface language: the catalogs are complete and compiled, the language is chosen as documented, and help,
errors, prompts and tables speak it while machine output does not change."""

from __future__ import annotations

import csv
import gettext
import io
import json
import os
import re
import subprocess
import sys

import pexpect
import pytest
from babel.messages.pofile import read_po
from conftest import JINGMEN_CHECKLIST, REPO

from inspect_cli import i18n

sys.path.insert(0, str(REPO / "tools"))
import catalogs  # noqa: E402


def _catalog(language: str):
    with catalogs.po_path(language).open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_message_has_a_translation_that_is_neither_empty_nor_fuzzy(language):
    missing = [
        message.id
        for message in _catalog(language)
        if message.id
        and (not message.string or message.fuzzy or (isinstance(message.string, tuple) and not all(message.string)))
    ]
    assert missing == []


def test_the_catalogs_hold_exactly_the_messages_of_the_source():
    assert catalogs.check() == []


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_compiled_catalogs_are_those_of_the_sources(language):
    compiled = gettext.GNUTranslations(open(catalogs.po_path(language).with_suffix(".mo"), "rb"))
    for message in _catalog(language):
        if message.id and isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string, message.id


def test_chinese_keeps_every_placeholder_of_the_english():
    for message in _catalog("zh"):
        if message.id and isinstance(message.id, str):
            placeholders = sorted(re.findall(r"\{[^{}]*\}", message.id))
            assert sorted(re.findall(r"\{[^{}]*\}", message.string)) == placeholders, message.id


@pytest.mark.parametrize(
    "option, variable, configured, environ, chosen",
    [
        ("en", "zh", "zh", {"LANG": "zh_CN.UTF-8"}, "en"),  # --lang first
        (None, "zh", "en", {"LANG": "en_US.UTF-8"}, "zh"),  # then INSPECT_LANG
        (None, None, "en", {"LANG": "zh_CN.UTF-8"}, "en"),  # then [interface] lang
        (None, None, None, {"LANG": "zh_CN.UTF-8"}, "zh"),  # then the locale
        (None, None, None, {"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL before LANG
        (None, None, None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, None, None, {"LANG": "C.UTF-8"}, "zh"),  # C names no language
        (None, None, None, {}, "zh"),
    ],
)
def test_the_language_is_chosen_in_the_documented_order(option, variable, configured, environ, chosen):
    environ = dict(environ, **({"INSPECT_LANG": variable} if variable else {}))
    assert i18n.choose(option, configured, environ) == chosen


def cli(*args, env=None, input=None):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("INSPECT_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")
    }
    return subprocess.run(
        [sys.executable, "-m", "inspect_cli", *map(str, args)],
        capture_output=True,
        text=True,
        env={**environment, "COLUMNS": "100", **(env or {})},
        input=input,
        timeout=60,
        check=False,
    )


def test_a_chinese_locale_gives_chinese_help():
    shown = cli("--help", env={"LANG": "zh_CN.UTF-8"})
    assert shown.returncode == 0
    assert "法治政府建设督察工具" in shown.stdout and "命令" in shown.stdout and "督办通知书" in shown.stdout
    assert "Show the version" not in shown.stdout


def test_english_is_one_option_away():
    shown = cli("--lang", "en", "notices", "issue", "--help", env={"LANG": "zh_CN.UTF-8"})
    assert (
        "Issue a notice for every noncompliant" in shown.stdout and "Example: inspect-cli notices issue" in shown.stdout
    )


@pytest.mark.parametrize(
    "language, said", [("zh", "错误：台账中没有督办通知书 不存在"), ("en", "Error: no notice 不存在 in the ledger")]
)
def test_an_error_is_one_line_in_either_language_with_the_same_exit_code(tmp_path, language, said):
    from inspect_cli.ledger import open_location

    open_location(tmp_path / "l.db").close()
    shown = cli("--lang", language, "--ledger", tmp_path / "l.db", "notices", "show", "不存在")
    assert shown.returncode == 2
    assert shown.stderr.startswith(said) and shown.stderr.count("\n") == 1 and shown.stdout == ""


def test_a_usage_error_is_chinese_too():
    shown = cli("--lang", "zh", "notices", "issue")
    assert shown.returncode == 2 and shown.stderr.startswith("错误：缺少参数") and shown.stderr.count("\n") == 1
    assert "（见 'inspect-cli notices issue --help'）" in shown.stderr


@pytest.mark.parametrize(
    "language, said",
    [
        ("zh", ["错误：没有命令 'walkk'。是否要输入 'walk'？", "错误：没有选项：--stat（可用的选项：--status）"]),
        (
            "en",
            [
                "Error: No such command 'walkk'. Did you mean 'walk'?",
                "Error: No such option: --stat (Possible options: --status)",
            ],
        ),
    ],
)
def test_the_parsers_suggestions_are_in_the_interface_language(language, said):
    for args, start in zip((("walkk",), ("notices", "list", "--stat")), said, strict=False):
        shown = cli("--lang", language, *args)
        assert shown.returncode == 2 and shown.stderr.startswith(start), shown.stderr
        assert shown.stderr.count("\n") == 1


def test_the_config_file_sets_the_language_and_an_unknown_language_is_refused(tmp_path):
    config = tmp_path / "inspect.toml"
    config.write_text('[interface]\nlang = "en"\n', encoding="utf-8")
    shown = cli("--config", config, "--help", env={"LANG": "zh_CN.UTF-8"})
    assert "Show the version and exit." in shown.stdout
    refused = cli("--lang", "fr", "calendar", "show", "2027")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "use zh or en" in refused.stderr


def test_a_file_and_line_stay_as_they_are_in_a_chinese_error(tmp_path):
    broken = tmp_path / "plan.toml"
    broken.write_text('format = 1\n[checklist]\nid = "x"\ntitle = "t"\n\n[[tasks]]\nid = "1"\n', encoding="utf-8")
    shown = cli("--lang", "zh", "checklist", "validate", broken)
    assert shown.returncode == 2 and f"{broken}:" in shown.stdout + shown.stderr


@pytest.mark.slow
def test_tables_take_the_interface_language_and_machine_output_does_not(tmp_path):
    import sample_pipeline

    os.environ.pop("INSPECT_LEDGER", None)
    ledger = tmp_path / "l.db"
    answered = cli(
        "walk",
        JINGMEN_CHECKLIST,
        "--unit",
        "市编办",
        "--inspector",
        "张三",
        "--date",
        "2017-03-01",
        "--answers",
        sample_pipeline.SAMPLES / "answers.toml",
        "--finalize",
        env={"INSPECT_LEDGER": str(ledger)},
    )
    assert answered.returncode == 0, answered.stderr
    cli("--ledger", ledger, "notices", "issue", "1", "--date", "2017-03-10", "--days", "30", "--code", "荆法督")
    zh = cli("--lang", "zh", "--ledger", ledger, "notices", "list", "--status", "all")
    en = cli("--lang", "en", "--ledger", ledger, "notices", "list", "--status", "all")
    assert "文号" in zh.stdout and "Number" in en.stdout and "文号" not in en.stdout
    as_json = [
        cli("--lang", language, "--ledger", ledger, "notices", "list", "--status", "all", "--format", "json").stdout
        for language in ("zh", "en")
    ]
    assert as_json[0] == as_json[1] and json.loads(as_json[0])[0]["number"] == "荆法督〔2017〕1号"
    exports = {
        language: cli("--lang", language, "--ledger", ledger, "ledger", "export").stdout for language in ("zh", "en")
    }
    assert exports["zh"] == exports["en"] and exports["en"].startswith("notice,unit,issued_on,task_id")
    titled = cli("--ledger", ledger, "ledger", "export", "--headers", "zh").stdout
    header, first = list(csv.reader(io.StringIO(titled)))[:2]
    assert header[:4] == ["文号", "单位", "签发日期", "任务编号"] and first[0] == "荆法督〔2017〕1号"


@pytest.mark.parametrize(
    "language, task, note, evidence, saved",
    [
        ("zh", r"\[1/16\] 任务（1）", "说明：缺少什么？", "证据方式：", "已保存。"),
        ("en", r"\[1/16\] Task \(1\)", "Note: what is missing?", "Evidence method:", "Saved."),
    ],
)
def test_the_walk_speaks_the_interface_language_on_a_terminal(tmp_path, language, task, note, evidence, saved):
    env = {key: value for key, value in os.environ.items() if key not in ("LANG", "LC_ALL", "LANGUAGE", "INSPECT_LANG")}
    env.update(INSPECT_LEDGER=str(tmp_path / "l.db"), NO_COLOR="1")
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "inspect_cli",
            "--lang",
            language,
            "walk",
            str(JINGMEN_CHECKLIST),
            "--unit",
            "编办",
            "--inspector",
            "张三",
            "--date",
            "2017-03-10",
        ],
        env=env,
        encoding="utf-8",
        dimensions=(24, 80),
        timeout=20,
    )
    child.expect(task)
    child.expect(r"\x1b\[0m>")
    child.sendline("p")
    child.expect(re.escape(note))
    child.sendline("目录未公开")
    child.expect(re.escape(evidence))
    child.sendline("")
    child.expect(r"\[2/16\]")
    child.expect(r"\x1b\[0m>")
    child.sendline("q")
    child.expect(re.escape(saved))
    child.expect(pexpect.EOF)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["notices"],
        ["notices", "--help"],
        ["--ledger", "x.db", "notices", "-h"],
        ["notices", "issue", "--help"],
        ["inspections", "push", "-h"],
    ],
)
def test_every_help_page_is_chinese(args, tmp_path):
    shown = cli("--lang", "zh", *args, env={"INSPECT_LEDGER": str(tmp_path / "l.db")})
    assert shown.returncode in (0, 2)  # a group named alone shows its help and exits 2, as usage
    assert "Show this message" not in shown.stdout and "显示本帮助并退出" in shown.stdout


def test_a_language_that_is_none_is_refused_in_one_line_wherever_it_is_given(tmp_path):
    from_variable = cli("calendar", "show", "2027", env={"INSPECT_LANG": "fr"})
    assert from_variable.returncode == 2 and from_variable.stderr.count("\n") == 1
    assert "INSPECT_LANG" in from_variable.stderr and "Traceback" not in from_variable.stderr
    config = tmp_path / "inspect.toml"
    config.write_text('[interface]\nlang = "fr"\n', encoding="utf-8")
    from_config = cli("--config", config, "calendar", "show", "2027", env={"INSPECT_LANG": "en"})
    assert from_config.returncode == 2 and f"{config}: [interface] lang 'fr': use zh or en" in from_config.stderr
    no_value = cli("--lang")
    assert no_value.returncode == 2 and no_value.stderr.startswith("错误：选项 '--lang' 需要一个值。")


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("columns", [60, 80])
def test_no_help_page_cuts_its_text_short(runner, language, columns):
    from test_meta import COMMANDS

    from inspect_cli.cli import app

    pages = sorted({command[:depth] for command in COMMANDS for depth in range(len(command) + 1)})
    for page in pages:
        shown = runner.invoke(app, ["--lang", language, *page, "--help"], env={"COLUMNS": str(columns)})
        lines = shown.stdout.splitlines()
        assert shown.exit_code == 0 and max(map(len, lines)) <= columns, (page, shown.stdout)
        assert not [line for line in lines if "…" in line], (page, shown.stdout)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_help_paragraphs_are_filled_not_broken_where_the_source_was(runner, language):
    from test_meta import COMMANDS
    from wcwidth import wcswidth

    from inspect_cli.cli import app

    columns = 80
    for page in sorted({command[:depth] for command in COMMANDS for depth in range(len(command) + 1)}):
        shown = runner.invoke(app, ["--lang", language, *page, "--help"], env={"COLUMNS": str(columns)}).stdout
        description = shown.split("╭")[0].splitlines()[3:]  # after the usage line, before the first panel
        for line, following in zip(description, description[1:], strict=False):
            if line.strip() and following.strip():
                # a line is broken early when the next line's first word would have fitted on it
                first_word = following.split()[0]
                assert wcswidth(line.rstrip()) + 1 + wcswidth(first_word) > columns - 2, (page, line, following)
        # the same in a group's list of commands (its last panel): a row continued on the next line filled its own
        last_panel = shown.split("╭─ ")[-1].splitlines()
        if any(len(command) > len(page) and command[: len(page)] == page for command in COMMANDS):
            rows = [line[1:-1] for line in last_panel[1:] if line.startswith("│")]
            start = re.match(r"\s*\S+\s+", rows[0]).end()  # where the descriptions begin
            for row, following in zip(rows, rows[1:], strict=False):
                if following.strip() and not following[:start].strip():  # a row's continuation
                    room = wcswidth(row) - start - 1
                    assert wcswidth(row[start:].rstrip()) + 1 + wcswidth(following.split()[0]) > room, (
                        page,
                        row,
                        following,
                    )


@pytest.mark.parametrize(
    "language, said",
    [("zh", "错误：参数 '\ufffd.toml' 不是 UTF-8 文本"), ("en", "Error: argument '\ufffd.toml' is not UTF-8 text")],
)
def test_an_argument_that_is_not_utf8_is_refused_in_the_interface_language(language, said):
    environment = {key: value for key, value in os.environ.items() if key not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    shown = subprocess.run(
        [sys.executable, "-m", "inspect_cli", "checklist", "show", b"\xff.toml"],
        capture_output=True,
        env={**environment, "INSPECT_LANG": language},
        timeout=60,
        check=False,
    )
    stderr = shown.stderr.decode("utf-8")
    assert shown.returncode == 2 and stderr.startswith(said) and stderr.count("\n") == 1, stderr
