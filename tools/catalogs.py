"""Keep the message catalogs in step with the source: extract, update the .po files, compile the .mo files.

    .venv/bin/python tools/catalogs.py            # extract, update inspect_cli/locale/*/LC_MESSAGES/inspect_cli.po,
                                                  # compile
    .venv/bin/python tools/catalogs.py --check    # exit 1 naming the messages the .po files lack or no longer need

Messages come from two places: `_()`, `N_()` and `ngettext()` calls anywhere in inspect_cli/ (extracted by Babel),
and the help of every command and option, read from the command tree itself (what `--help` shows). The English
catalog repeats each message; the Chinese one keeps the translations already made, and new messages are added
untranslated (tests/test_i18n.py fails until each has one).
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from inspect_cli.i18n import DOMAIN, LANGUAGES, LOCALE_DIR  # noqa: E402

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
CATALOG_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def po_path(language: str) -> Path:
    """Where a language's catalog source is."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def help_messages() -> dict[str, str]:
    """The help of every command, group and option, as `--help` shows it before translation, with where it is."""
    from inspect_cli.cli import command_tree

    found: dict[str, str] = {}

    def visit(command, path: str) -> None:
        for text in (command.help, command.short_help):
            if text:
                found.setdefault(text, f"help of {path}")
        for param in command.params:
            if getattr(param, "help", None):
                found.setdefault(param.help, f"help of {path} {param.opts[0] if param.opts else param.name}")
        for name, sub in getattr(command, "commands", {}).items():
            visit(sub, f"{path} {name}")

    visit(command_tree(), "inspect-cli")
    return found


def source_messages() -> dict[str, tuple]:
    """Every message the program can show: msgid (or (singular, plural)) → where it is."""
    messages: dict = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(REPO / "inspect_cli"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        messages.setdefault(message, (f"inspect_cli/{filename}", lineno))
    for text, where in help_messages().items():
        messages.setdefault(text, (where, 0))
    return messages


def _key(message) -> str:
    return message[0] if isinstance(message, tuple) else message


def check() -> list[str]:
    """What the .po files lack or keep needlessly, one line each (empty: in step)."""
    wanted = {_key(message) for message in source_messages()}
    problems = []
    for language in LANGUAGES:
        with po_path(language).open("rb") as handle:
            have = {_key(m.id) for m in read_po(handle) if m.id}
        problems += [f"{language}: missing {text[:70]!r}" for text in sorted(wanted - have)]
        problems += [f"{language}: no longer used {text[:70]!r}" for text in sorted(have - wanted)]
    return problems


def update() -> None:
    """Rewrite both .po files from the source, keeping the translations made, and compile them."""
    messages = source_messages()
    for language in LANGUAGES:
        path = po_path(language)
        old = {}
        if path.exists():
            with path.open("rb") as handle:
                old = {_key(m.id): m for m in read_po(handle) if m.id}
        # A fixed header date and no source locations: the files change only when a message does, so two
        # branches that each add messages merge without touching the same lines.
        catalog = Catalog(
            locale=language,
            domain=DOMAIN,
            project="inspect-cli",
            fuzzy=False,
            creation_date=CATALOG_DATE,
            revision_date=CATALOG_DATE,
        )
        for message, (where, line) in sorted(messages.items(), key=lambda item: _key(item[0])):
            previous = old.get(_key(message))
            if language == "en":
                string = message if not isinstance(message, tuple) else message
            else:
                string = previous.string if previous is not None else ("", "") if isinstance(message, tuple) else ""
            catalog.add(message, string, locations=[(where, line)], flags=previous.flags if previous else ())
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=False, sort_output=True, no_location=True)
    compile_all()


def compile_all(locale_dir: Path = LOCALE_DIR) -> None:
    """Compile every .po under the locale folder into the .mo beside it."""
    for source in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with source.open("rb") as handle:
            catalog = read_po(handle)
        with source.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)


if __name__ == "__main__":
    if "--check" in sys.argv[1:]:
        found = check()
        print("\n".join(found) or "catalogs in step with the source")
        raise SystemExit(1 if found else 0)
    update()
    print(f"updated and compiled {', '.join(str(po_path(language).relative_to(REPO)) for language in LANGUAGES)}")
