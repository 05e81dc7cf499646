"""A document as a reader sees it: headings with their level, paragraphs, and table rows of cells.

Real tables (.docx, .xlsx, .html) arrive as rows already. Tables pasted as text are recognised here:
`a | b | c |` rows, one cell per line between `|` lines, and columns aligned by spaces or tabs. Text tables drop merged
cells instead of repeating them, so their rows are marked `pasted`: a row with fewer cells than its header is missing
the cells on its left, which the row above holds.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class BlockKind(enum.Enum):
    """What a block of a document is."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ROW = "row"


@dataclass(frozen=True)
class Block:
    """One block: its kind, the line it starts on, its text, and for a table row its cells."""

    kind: BlockKind
    line: int
    text: str
    cells: tuple[str, ...] = ()
    level: int = 0
    pasted: bool = False


_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)  # a line break inside a Markdown or web table's cell
_MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# A pasted table needs this many `|` lines between its cells to be one: a stray `|` is not a table.
_MIN_SEPARATORS = 3
_SHORT_CELL = 12
# The header of a column of row numbers.
NUMBER_HEADER = re.compile(r"^(序号|编号|序|号|no\.?|#)$", re.IGNORECASE)


def blocks_of(lines) -> tuple[Block, ...]:
    """The blocks of a document's lines (`formats.documents.Line`), pasted tables read into rows."""
    blocks: list[Block] = []
    index = 0
    count = len(lines)
    while index < count:
        line = lines[index]
        if line.cells:
            blocks.append(Block(BlockKind.ROW, line.number, line.text, line.cells))
            index += 1
            continue
        if _MARKDOWN_RULE.match(line.text.strip()) and "|" in line.text:
            index += 1  # the rule under a Markdown table's header holds nothing, and must not split the table
            continue
        run_end = _aligned_run(lines, index)
        if run_end > index:
            blocks.extend(
                Block(BlockKind.ROW, aligned.number, aligned.text, _aligned_cells(aligned.text), pasted=True)
                for aligned in lines[index:run_end]
            )
            index = run_end
            continue
        run_end = _cell_per_line_run(lines, index)
        if run_end > index:
            blocks.extend(_cell_per_line_rows(lines[index:run_end]))
            index = run_end
            continue
        blocks.append(_text_block(line))
        index += 1
    return tuple(blocks)


def _text_block(line) -> Block:
    text = line.text
    stripped = text.strip()
    if line.level:
        return Block(BlockKind.HEADING, line.number, stripped, level=line.level)
    heading = _MARKDOWN_HEADING.match(stripped)
    if heading:
        return Block(BlockKind.HEADING, line.number, heading[2].strip(), level=len(heading[1]))
    cells = pipe_cells(stripped)
    if cells is not None:
        return Block(BlockKind.ROW, line.number, text, cells, pasted=True)
    return Block(BlockKind.PARAGRAPH, line.number, text)


def pipe_cells(text: str) -> tuple[str, ...] | None:
    """The cells of an `a | b | c |` row (outer pipes optional), or None when the line is not one."""
    if "|" not in text or _MARKDOWN_RULE.match(text):
        return None
    pieces = [_BREAK.sub("\n", piece).strip() for piece in text.split("|")]
    if pieces and not pieces[0]:
        pieces = pieces[1:]
    if pieces and not pieces[-1]:
        pieces = pieces[:-1]  # the pipe that closes the row
    if sum(1 for piece in pieces if piece) < 2:
        return None
    return tuple(pieces)


# Columns aligned by runs of spaces or by tabs, as a table copied from a PDF or a spreadsheet arrives.
_COLUMN_GAP = re.compile(r"\t+|[ \u3000]{2,}")
_MIN_ALIGNED_ROWS = 3


def _aligned_cells(text: str) -> tuple[str, ...]:
    return tuple(cell for cell in _COLUMN_GAP.split(text.strip()) if cell)


def _aligned_run(lines, start: int) -> int:
    """Where a run of lines that each split into the same three or more columns ends, or `start` when none does."""
    index, width = start, None
    while index < len(lines) and not lines[index].cells and "|" not in lines[index].text:
        cells = _aligned_cells(lines[index].text)
        if len(cells) < 3 or width not in (None, len(cells)):
            break
        width = len(cells)
        index += 1
    return index if index - start >= _MIN_ALIGNED_ROWS else start


def _is_separator(line) -> bool:
    return not line.cells and line.text.strip() == "|"


def _cell_per_line_run(lines, start: int) -> int:
    """Where a run of `cell`, `|`, `cell`, `|`… lines that starts at `start` ends, or `start` when none does."""
    index, separators = start, 0
    count = len(lines)
    while index < count and not lines[index].cells and not _is_separator(lines[index]) and lines[index].text.strip():
        if index + 1 < count and _is_separator(lines[index + 1]):
            separators += 1
            index += 2
        else:
            index += 1 if separators else 0  # the last cell, with no `|` after it
            break
    return index if separators >= _MIN_SEPARATORS else start


def _cell_per_line_rows(lines) -> list[Block]:
    """Rows of a table pasted one cell per line: numbered rows split where the numbers say, else by the header."""
    cells = [(line.number, line.text.strip()) for line in lines if not _is_separator(line)]
    numbers = _row_numbers([text for _, text in cells])
    rows: list[list[tuple[int, str]]] = []
    if len(numbers) >= 2:
        gaps = [later - earlier - 1 for earlier, later in zip(numbers, numbers[1:], strict=False)]
        width = min(gaps)
        if NUMBER_HEADER.match(cells[0][1]):
            leading = [0] * len(numbers)  # the number is each row's first cell: a merged cell left out is after it
        else:
            leading = [0] + [gap - width for gap in gaps]
            leading[0] = max(leading)  # merged cells on the left are written out on the first row under them
        header_end = max(0, numbers[0] - leading[0])
        if header_end:
            rows.append(cells[:header_end])
        for position, number in enumerate(numbers):
            end = numbers[position + 1] - leading[position + 1] if position + 1 < len(numbers) else len(cells)
            rows.append(cells[number - leading[position] : end])
    else:
        width = next((i for i, (_, text) in enumerate(cells) if len(text) > _SHORT_CELL or "。" in text), len(cells))
        width = max(width, 2)
        rows = [cells[start : start + width] for start in range(0, len(cells), width)]
    return [
        Block(
            BlockKind.ROW, row[0][0], " | ".join(text for _, text in row), tuple(text for _, text in row), pasted=True
        )
        for row in rows
        if row
    ]


def _row_numbers(texts: list[str]) -> list[int]:
    """Positions of the cells that number rows 1, 2, 3… in order (a bare number cell continuing the sequence)."""
    positions: list[int] = []
    expected = None
    for position, text in enumerate(texts):
        if text.isdigit() and text.isascii() and len(text) <= 6:
            value = int(text)
            if expected is None or value == expected:
                positions.append(position)
                expected = value + 1
    return positions
