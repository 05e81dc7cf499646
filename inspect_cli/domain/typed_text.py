"""Text a person typed or a file supplied, cleaned before it reaches the ledger."""

from __future__ import annotations

import re
import unicodedata

# Terminal escape sequences (cursor keys, colours, bracketed paste marks) go whole, not byte by byte,
# so `\x1b[D` leaves no stray `[D` behind.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]"
)
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+")
# bidirectional overrides can make a saved note read differently from what was typed
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(text: str, multiline: bool = False) -> str:
    """`text` without control characters or escape sequences; tabs and line breaks become one space
    (kept as `\\n` when `multiline`); surrounding blanks stripped."""
    text = _ESCAPE_SEQUENCE.sub("", str(text))
    if multiline:
        text = "\n".join(_LINE_BREAKS.sub(" ", line) for line in text.replace("\r\n", "\n").split("\n"))
    else:
        text = _LINE_BREAKS.sub(" ", text)
    return "".join(
        ch for ch in text if ch == "\n" or (unicodedata.category(ch) != "Cc" and ch not in _BIDI_CONTROLS)
    ).strip()
