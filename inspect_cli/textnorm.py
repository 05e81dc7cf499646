"""Length-preserving normalisation of full-width punctuation, so parsers match one form of each mark."""

from __future__ import annotations

import unicodedata

# One character in, one character out: offsets found in the normalised text index the original.
_FULLWIDTH = str.maketrans({
    "（": "(", "）": ")", "：": ":", "，": ",", "；": ";", "．": ".", "\u3000": " ", "\xa0": " ",
    **{chr(0xFF10 + d): str(d) for d in range(10)},
})
_UNIT_FORM = str.maketrans({"(": "（", ")": "）"})


def fold(text: str) -> str:
    """Full-width brackets, colons, commas, semicolons, digits and spaces to ASCII, keeping length."""
    return text.translate(_FULLWIDTH)


def unit_name(text: str) -> str:
    """The canonical spelling of a unit name: no stray spaces, full-width brackets as printed."""
    return "".join(fold(text).split()).translate(_UNIT_FORM)


def comparable(text: str) -> str:
    """A form for comparing text written with different punctuation widths (NFKC, no spaces)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split on any of `separators` except inside (…) brackets, e.g. 各县(市、区)政府 stays whole."""
    folded = fold(text)
    if "(" not in folded:
        if not any(separator in folded for separator in separators):
            return [text]
        cuts = [i for i, char in enumerate(folded) if char in separators]
        return [text[start + 1:end] for start, end in zip([-1, *cuts], [*cuts, len(text)])]
    parts, depth, current = [], 0, []
    for char in folded:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    # map back to the original characters, which have the same positions
    out, position = [], 0
    for part in parts:
        out.append(text[position:position + len(part)])
        position += len(part) + 1
    return out
