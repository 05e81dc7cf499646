"""The interface language (zh or en): which one is in force, and the message catalogs that translate into it.

Messages are written in English in the source, as `_("…")`, and looked up in the compiled gettext catalogs under
inspect_cli/locale/<lang>/LC_MESSAGES/inspect_cli.mo (made from the .po files by the package build). Command and
option help is translated where the command tree is shown (cli.py). The language is, in order: `--lang`, the
INSPECT_LANG variable, `[interface] lang` in inspect.toml, the locale (LC_ALL, LC_MESSAGES, LANG: zh_* is zh, any
other named locale en), else zh.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from gettext import NullTranslations

DOMAIN = "inspect_cli"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("zh", "en")
DEFAULT = "zh"

_language: str | None = None
_catalog: NullTranslations | None = None


class UnknownLanguage(ValueError):
    """A value that names neither zh nor en; the root command refuses it as bad input."""


def N_(message: str) -> str:
    """Mark a message for the catalogs where it must stay untranslated until shown (help, constants)."""
    return message


def from_locale(environ: Mapping[str, str] = os.environ) -> str | None:
    """The language the locale variables name: zh for zh_*, en for any other named locale, None for C/POSIX/unset."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            if value in ("C", "POSIX") or value.startswith(("C.", "POSIX.")):
                return None
            return "zh" if value.lower().startswith("zh") else "en"
    return None


def choose(option: str | None = None, configured: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The language in force: --lang, INSPECT_LANG, [interface] lang, the locale, else zh."""
    for candidate in (option, environ.get("INSPECT_LANG"), configured):
        if candidate:
            return normalise(candidate)
    return from_locale(environ) or DEFAULT


def normalise(value: str) -> str:
    """`zh`, `zh_CN`, `zh-Hans`, `中文` → zh; `en`, `en_US`, `English` → en; anything else is refused."""
    text = value.strip().lower()
    if text.startswith("zh") or text in ("中文", "汉语", "chinese"):
        return "zh"
    if text.startswith("en") or text == "english":
        return "en"
    # while the language is being chosen there is none to say this in yet
    message = N_("language {value!r}: use zh or en")
    said = _(message) if _language is not None else message
    raise UnknownLanguage(said.format(value=value))


def activate(language: str) -> None:
    """Make `language` the one messages are shown in (third-party messages of the parser and help included)."""
    global _language, _catalog
    _language, _catalog = language, None
    # the argument parser and the help formatter look their phrases up in the process's default domain
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language


def reset() -> None:
    """Forget the language chosen, so that the next message chooses again from the environment."""
    global _language, _catalog
    _language, _catalog = None, None


def language() -> str:
    """The language in force (chosen from the environment when nothing activated one)."""
    global _language
    if _language is None:
        try:
            _language = choose()
        except UnknownLanguage:  # an INSPECT_LANG that names no language: the root command refuses it in one line
            _language = from_locale() or DEFAULT
    return _language


def _translations() -> NullTranslations:
    global _catalog
    if _catalog is None:
        _catalog = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[language()], fallback=True)
    return _catalog


def _(message: str) -> str:
    """`message` in the interface language (English is the source: no catalog is read for it)."""
    if not message or language() == "en":
        return message
    return _translations().gettext(message)


def in_language(message: str, language: str) -> str:
    """`message` in a given language, whatever the interface's (a document's own language)."""
    if not message or language == "en":
        return message
    if language not in _other_catalogs:
        _other_catalogs[language] = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[language], fallback=True)
    return _other_catalogs[language].gettext(message)


_other_catalogs: dict[str, NullTranslations] = {}


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the interface language."""
    return _translations().ngettext(singular, plural, count)


# Phrases of the help formatter (typer), looked up through the same catalog, and of the parser's usage errors,
# which cli.py rephrases: listed here so that the catalogs carry them.
PARSER_PHRASES = (
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Error"),
    N_("Aborted."),
    N_("Aborted!"),
    N_("[required]"),
    N_("required"),
    N_("[default: {}]"),
    N_("default: {default}"),
    N_("[env var: {}]"),
    N_("env var: {var}"),
    N_("(deprecated) "),
    N_("(dynamic)"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Try [blue]'{command_path} {help_option}'[/] for help."),
    N_("Show this message and exit."),
)
