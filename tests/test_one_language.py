"""Every screen in one language: each command's main paths run in Chinese and in English at 60, 80 and 120
columns, on a ledger of a year's inspections and notices, a real plan and a real report. A Chinese screen has no
English word (three letters or more) outside ids, paths, commands and option names; an English screen has no
Chinese outside the data it shows (unit names, task text, notes, the report's own sentences). No line is wider
than the terminal, and none starts with a mark that Chinese never puts at the start of a line."""

from __future__ import annotations

import getpass
import re

import pytest
import sample_year
from conftest import CORPUS, JINGMEN_CHECKLIST, JINGMEN_PLAN
from typer.testing import CliRunner
from wcwidth import wcswidth

from inspect_cli.core.config import Config

COLUMNS = (60, 80, 120)
LANGUAGES = ("zh", "en")
REPORT = sorted((CORPUS / "annual-reports").glob("*.txt"))[0]
CHECKLIST_ID = "year-2017"
NOTICE = "荆法督〔2017〕3号"
# proper names a Chinese screen may show as they are
NAMES = {
    "UTF",
    "TOML",
    "RRULE",
    "FREQ",
    "YEARLY",
    "MONTHLY",
    "WEEKLY",
    "PDF",
    "Excel",
    "Word",
    "WPS",
    "SQLite",
    "PostgreSQL",
    "sha",
    "Markdown",
    "docx",
    "xlsx",
    "csv",
    "json",
    "jsonl",
    "toml",
    "txt",
    "md",
    "html",
    "mermaid",
    "pie",
    "utf",
}
# an error or a `file:line:` warning stays one line whatever the width (scripts read it so), a hash is never cut
UNBROKEN = re.compile(r"^(Error: |错误：|Warning: |警告：)|[0-9a-f]{64}")
# the screens that are documents (Markdown, CSV): their lines are as long as their paragraphs and rows
DOCUMENTS = {"report", "notices render", "summary", "ledger export"}
LINE_START = "，。、；：）」』》？！"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
MACHINE = re.compile(
    r"[0-9a-f]{64}|'inspect-cli[^']*'|inspect-cli( [\w.-]+)*|--[\w-]+( [^\s，。；、）]+)?|\[[\w.]+\]|"
    r"\S*[/\\]\S*|\S+\.(toml|db|md|docx|csv|txt|json|xlsx|pdf)\b|\S*\d\S*|`[^`]*`"
)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A ledger with a year of inspections and notices in every state, two units sharing 市, a real plan and report."""
    folder = tmp_path_factory.mktemp("office")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INSPECT_CONFIG", str(folder / "inspect.toml"))
        patch.setenv("INSPECT_CACHE", str(folder / "cache"))
        patch.setattr(sample_year, "CHECKLIST", sample_year.CHECKLIST.replace('id = "year"', f'id = "{CHECKLIST_ID}"'))
        checklist = sample_year.build(folder, patch)
        runner = CliRunner()
        from inspect_cli.cli import app

        started = runner.invoke(
            app,
            ["walk", str(JINGMEN_CHECKLIST), "--unit", "市政府法制办", "--inspector", "李四", "--date", "2017-05-01"],
            input="q\n",
        )
        assert started.exit_code == 0, started.output
    data = "\n".join(
        [
            checklist.read_text(encoding="utf-8"),
            JINGMEN_CHECKLIST.read_text(encoding="utf-8"),
            REPORT.read_text(encoding="utf-8"),
            JINGMEN_PLAN.read_text(encoding="utf-8"),
            "\n".join(path.read_text(encoding="utf-8") for path in folder.glob("answers-*.toml")),
            "张三 李四 荆法督 需区政府审定 已整改 电话催办 约谈 市政府法制办 整改报告 root",
            # what a notice keeps as issued: the office's name and its requirement (inspect.toml)
            Config().issuer,
            Config().requirement,
            getpass.getuser(),
        ]
    )
    return {"folder": folder, "ledger": folder / "year.db", "checklist": checklist, "data": data}


SCREENS = {
    "deadlines": lambda o: ["deadlines", o["checklist"], "--as-of", "2017-12-31"],
    "notices list": lambda o: ["notices", "list", "--status", "all", "--as-of", "2017-12-31"],
    "notices show": lambda o: ["notices", "show", NOTICE],
    "inspections list": lambda o: ["inspections", "list"],
    "inspections show": lambda o: ["inspections", "show", "6"],
    "inspections verify": lambda o: ["inspections", "verify"],
    "calendar show": lambda o: ["calendar", "show", "2027"],
    "calendar check": lambda o: ["calendar", "check"],
    "scores": lambda o: ["scores", o["checklist"], "--year", "2017", "--as-of", "2017-12-31"],
    "checklist import": lambda o: ["checklist", "import", JINGMEN_PLAN, "-o", o["folder"] / "plan.toml", "--force"],
    "checklist show": lambda o: ["checklist", "show", JINGMEN_CHECKLIST, "--unit", "编办"],
    "review": lambda o: ["review", REPORT, "--checklist", JINGMEN_CHECKLIST],
    "report": lambda o: ["report", "6"],
    "notices render": lambda o: ["notices", "render", NOTICE],
    "summary": lambda o: ["summary", o["checklist"], "--year", "2017", "--as-of", "2017-12-31"],
    "ledger export": lambda o: ["ledger", "export", "--headers", "zh"],
    "ambiguous unit": lambda o: ["inspections", "list", "--unit", "市"],
}


def run(office, language: str, columns: int, args: list):
    from inspect_cli.cli import app

    env = {
        "INSPECT_LEDGER": str(office["ledger"]),
        "INSPECT_CONFIG": str(office["folder"] / "inspect.toml"),
        "INSPECT_NOW": sample_year.NOW,
        "COLUMNS": str(columns),
    }
    return CliRunner().invoke(app, ["--lang", language, *map(str, args)], env=env)


def wrong_script(text: str, language: str, data: str) -> list[str]:
    """The lines of a screen that are not in `language`, ids, paths, commands, options and data aside."""
    wrong = []
    for line in text.splitlines():
        if language == "zh":
            bare = MACHINE.sub(" ", line)
            words = [word for word in re.findall(r"[A-Za-z]{3,}", bare) if word not in NAMES and word not in data]
            if words:
                wrong.append(f"{line!r}: {words}")
        else:
            foreign = [run for run in CJK.findall(line) if run not in data]
            if foreign:
                wrong.append(f"{line!r}: {foreign}")
    return wrong


def badly_set(text: str, columns: int) -> list[str]:
    """Lines wider than the terminal or starting with a closing mark."""
    return [
        line
        for line in text.splitlines()
        if (wcswidth(line) > columns and not UNBROKEN.search(line)) or (line.strip() and line.lstrip()[0] in LINE_START)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("screen", SCREENS)
def test_every_screen_speaks_one_language_and_fits(office, screen, language):
    for columns in COLUMNS:
        shown = run(office, language, columns, SCREENS[screen](office))
        assert shown.exit_code in (0, 1, 2), (screen, shown.output)
        text = shown.stdout + shown.stderr
        assert text.strip(), screen
        if screen == "ledger export" and language == "en":
            continue  # a CSV with Chinese column titles, asked for by --headers zh
        assert wrong_script(text, language, office["data"]) == [], (screen, columns, text)
        if screen not in DOCUMENTS:
            assert badly_set(text, columns) == [], (screen, columns, text)


@pytest.mark.parametrize("language, said", [("zh", "有歧义"), ("en", "is ambiguous")])
def test_an_ambiguous_unit_is_refused_in_either_language(office, language, said):
    shown = run(office, language, 80, ["inspections", "list", "--unit", "市"])
    assert shown.exit_code == 2 and said in shown.stderr and "市编办" in shown.stderr and "市政府法制办" in shown.stderr


def test_the_check_sees_a_word_in_the_wrong_script():
    assert wrong_script("第 1 号督察：finalized", "zh", "")
    assert not wrong_script("见 'inspect-cli calendar show 2027' 和 --format json，文件 /tmp/a.toml", "zh", "")
    assert wrong_script("inspection 1: 已定稿", "en", "")
    assert not wrong_script("inspection 1 of 市编办", "en", "市编办")


def test_english_documents_have_no_chinese_outside_their_data(office, tmp_path):
    for args in (["report", "6", "--lang", "en"], ["notices", "render", NOTICE, "--lang", "en"]):
        shown = run(office, "en", 100, args)
        assert shown.exit_code == 0, shown.output
        assert wrong_script(shown.stdout, "en", office["data"]) == [], shown.stdout
    docx = tmp_path / "notice.docx"
    assert run(office, "en", 100, ["notices", "render", NOTICE, "-o", docx]).exit_code == 0
    import docx as python_docx

    text = "\n".join(paragraph.text for paragraph in python_docx.Document(str(docx)).paragraphs)
    assert wrong_script(text, "en", office["data"]) == [], text


OPENERS_AT_END = "（「『《"
# (a blank before typer's [必填] or [默认：…] is the gap between two columns, not text)
FULL_WIDTH_THEN_BLANK = re.compile(r"[，。、；：！？）」』》] +[^\s\[]")


@pytest.mark.parametrize("columns", (60, 80))
def test_chinese_help_breaks_lines_as_chinese_does(runner, columns):
    from test_meta import COMMANDS

    from inspect_cli.cli import app

    for page in sorted({command[:depth] for command in COMMANDS for depth in range(len(command) + 1)}):
        shown = runner.invoke(app, ["--lang", "zh", *page, "--help"], env={"COLUMNS": str(columns)}).stdout
        for line in shown.splitlines():
            text = line.strip(" │╭╮╰╯─")
            cells = [cell.strip() for cell in re.split(r"\s{2,}", text) if cell.strip()]
            assert not FULL_WIDTH_THEN_BLANK.search(text), (page, line)
            assert not (cells and cells[-1][0] in LINE_START), (page, line)
            assert not (text and text[-1] in OPENERS_AT_END), (page, line)


def test_no_chinese_message_puts_a_blank_after_a_full_width_mark():
    from babel.messages.pofile import read_po

    from inspect_cli import i18n

    with (i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / "inspect_cli.po").open("rb") as handle:
        catalog = read_po(handle)
    spaced = [
        message.string
        for message in catalog
        if message.id and isinstance(message.string, str) and FULL_WIDTH_THEN_BLANK.search(message.string)
    ]
    assert spaced == []
