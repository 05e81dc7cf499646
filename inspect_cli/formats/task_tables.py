"""Task tables: what each column holds, read from its header words, named with --columns, or guessed from its cells."""

from __future__ import annotations

import re

from inspect_cli.domain.deadline_phrases import looks_like_deadline
from inspect_cli.domain.textnorm import matching_form
from inspect_cli.domain.unit_names import looks_like_unit, read_unit_tail, split_units
from inspect_cli.exceptions import InputError
from inspect_cli.formats.blocks import NUMBER_HEADER
from inspect_cli.formats.numbering import cn_to_int, number_of
from inspect_cli.i18n import _

_SHORT_HEADER = 12
# Table header words, most specific first: 牵头领导 names a person, 牵头单位 a unit.
_COLUMN_ROLES = (
    ("number", NUMBER_HEADER),
    ("person", re.compile(r"领导|责任人|联系人|负责人")),
    ("lead", re.compile(r"牵头|主办|主责")),
    ("responsible", re.compile(r"责任|配合|协办|参与|协同|落实单位|实施单位|协助|单位|部门")),
    ("deadline", re.compile(r"时限|时间|期限|进度|节点|日期")),
    ("category", re.compile(r"类别|类型|领域|板块|方面|分类")),
    ("task", re.compile(r"任务|措施|工作|内容|事项|目标|要求|举措|项目")),
    ("other", re.compile(r"备注|说明|依据|成果|形式|标准|指标")),
)
_UNIT_COLUMNS = ("lead", "responsible", "deadline")
_UNIT_WORDS = re.compile(r"单位|部门|科室|处室")


def column_roles(cells: tuple[str, ...] | list[str]) -> tuple[str | None, ...] | None:
    """What each column of a header row holds, or None when the row is not a task table's header."""
    roles: list[str | None] = []
    for cell in cells:
        name = "".join(matching_form(cell).split())
        role = next(
            (role for role, pattern in _COLUMN_ROLES if name and len(name) <= 12 and pattern.search(name)), None
        )
        if role == "person" and _UNIT_WORDS.search(name):  # 责任单位及责任人: the units, the person beside them
            role = "lead" if _COLUMN_ROLES[2][1].search(name) else "responsible"
        roles.append(role)
    named = [role for role, cell in zip(roles, cells, strict=False) if cell.strip()]
    if "task" in named and any(role in _UNIT_COLUMNS for role in named) and named.count(None) <= len(named) // 3:
        return tuple(roles)
    return None


def sub_header_roles(
    roles: tuple[str | None, ...], cells: tuple[str, ...] | list[str]
) -> tuple[str | None, ...] | None:
    """A header's columns refined by the row under it when that row is the second line of a merged header.

    `| 责任单位 | |` over `| 牵头单位 | 配合单位 |`: each named cell of the lower row gives its column's role;
    None when the row is not such a row (a cell that is no column word, or one numbered like a task).
    """
    named = [(column, cell) for column, cell in enumerate(cells) if cell.strip()]
    if not named or len(cells) > len(roles) + 1:
        return None
    refined = list(roles) + [None] * (len(cells) - len(roles))
    for column, cell in named:
        name = "".join(matching_form(cell).split())
        role = next(
            (role for role, pattern in _COLUMN_ROLES if len(name) <= _SHORT_HEADER and pattern.search(name)), None
        )
        if role is None or number_of(name):
            return None
        refined[column] = role
    return tuple(refined) if tuple(refined) != tuple(roles) else None


_COLUMN_NAMES = {
    "task": "task",
    "lead": "lead",
    "responsible": "responsible",
    "due": "deadline",
    "deadline": "deadline",
    "number": "number",
    "category": "category",
    "ignore": None,
}


def parse_columns(spec: str) -> tuple[str | None, ...]:
    """`task=3,lead=4,due=6` as the role of each column, first column first; InputError when it cannot be read."""
    roles: dict[int, str | None] = {}
    for entry in filter(None, (piece.strip() for piece in spec.split(","))):
        name, _sep, value = entry.partition("=")
        name = name.strip().lower()
        if name not in _COLUMN_NAMES or not value.strip().isdigit() or int(value) < 1:
            raise InputError(
                _(
                    "--columns: {entry!r} is not NAME=COLUMN; names are {names}, columns count from 1, "
                    "for example task=3,lead=4,due=6"
                ).format(entry=entry, names=", ".join(_COLUMN_NAMES))
            )
        column = int(value)
        if column in roles or column > 1000:
            raise InputError(_("--columns: column {column} named twice or out of range").format(column=column))
        roles[column] = _COLUMN_NAMES[name]
    if "task" not in roles.values():
        raise InputError(_("--columns: say which column holds the task, for example task=3"))
    return tuple(roles.get(column) for column in range(1, max(roles) + 1))


def headerless_tables(lines) -> dict[int, tuple[str | None, ...]]:
    """Tables with no header a reader still sees as task tables: the first row's index and the columns its cells
    suggest.

    A column is the number, units or deadline when most of its cells read as one; the longest remaining column holds
    the task. A table whose first row is a header, or whose columns say nothing, is left alone.
    """
    found: dict[int, tuple[str | None, ...]] = {}
    index = 0
    while index < len(lines):
        if not lines[index].cells:
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].cells:
            end += 1
        rows = [line.cells for line in lines[index:end] if len({cell for cell in line.cells if cell.strip()}) > 1]
        if len(rows) >= 2 and not looks_like_header(rows[0]) and all(column_roles(row) is None for row in rows):
            roles = _roles_by_content(rows)
            if roles is not None:
                found[index] = roles
        index = end
    return found


def _roles_by_content(rows: list[tuple[str, ...]]) -> tuple[str | None, ...] | None:
    width = max(len(row) for row in rows)
    roles: list[str | None] = []
    lengths: list[float] = []
    for column in range(width):
        cells = [row[column] for row in rows if column < len(row) and row[column].strip()]
        if not cells:
            roles.append(None)
            lengths.append(0)
            continue
        forms = [matching_form(cell) for cell in cells]
        votes = {
            "number": sum(1 for form in forms if cn_to_int(form.strip().rstrip(".、")) is not None),
            "responsible": sum(1 for cell in cells if units_cell(cell)),
            "deadline": sum(1 for form in forms if looks_like_deadline(form)),
        }
        role, count = max(votes.items(), key=lambda pair: pair[1])
        roles.append(role if count * 5 >= len(cells) * 3 else None)  # three cells in five
        lengths.append(sum(len(cell) for cell in cells) / len(cells))
    free = [column for column, role in enumerate(roles) if role is None and lengths[column]]
    if not free or not any(role in ("responsible", "deadline") for role in roles):
        return None
    roles[max(free, key=lambda column: lengths[column])] = "task"
    return tuple(roles)


def category_first(roles: tuple[str | None, ...]) -> tuple[str | None, ...]:
    """Of two task columns (`工作任务`, `具体要求`), the first holds the category the second's tasks come under."""
    if roles.count("task") >= 2 and "category" not in roles:
        first = roles.index("task")
        return (*roles[:first], "category", *roles[first + 1 :])
    return roles


def looks_like_header(cells: tuple[str, ...]) -> bool:
    """A first row of short names, none numbered like a task: a header whatever its words."""
    named = [cell for cell in cells if cell.strip()]
    return bool(named) and all(len(cell) <= _SHORT_HEADER and not number_of(matching_form(cell)) for cell in named)


def fit(columns: tuple[str | None, ...], cells: list[str]) -> int:
    """How well cells sit under columns: each cell that reads as what its column holds counts one, a misfit minus
    one."""
    score = 0
    for role, cell in zip(columns, cells, strict=False):
        if not cell or role in (None, "category", "other", "person"):
            continue
        form = matching_form(cell)
        number, units, deadline = (
            cn_to_int(form.strip().rstrip(".、")) is not None,
            units_cell(cell),
            looks_like_deadline(form),
        )
        if role == "number":
            fits = number
        elif role in ("lead", "responsible"):
            fits = units
        elif role == "deadline":
            fits = deadline
        else:  # the task: words that are neither a number, nor units, nor a time limit
            fits = bool(number_of(form)) or not (number or units or deadline)
        score += 1 if fits else -1
    return score


def units_cell(cell: str) -> bool:
    """True when a cell holds unit names only (`财务科`, `办公室牵头，各科室配合`)."""
    units = split_units(cell)
    return (
        bool(units)
        and all(looks_like_unit(unit) for unit in units)
        or read_unit_tail(cell, looks_like_deadline) is not None
    )


def key_task_text(cells: list[str]) -> str:
    """The task of a key/value row that names one (`工作任务: | 修订规范性文件管理办法 |`), else ""."""
    if len(cells) != 2:
        return ""
    written = "".join(matching_form(cells[0]).split())
    key = written.rstrip(":")
    if len(key) > _SHORT_HEADER or column_roles((key, "牵头单位")) != ("task", "lead"):
        return ""
    # a colon, or a value that is no column's name, tells `工作任务 | X` from a header row `工作任务 | 责任单位`
    value = "".join(matching_form(cells[1]).split())
    if key == written and (
        not value or any(pattern.search(value) for _role, pattern in _COLUMN_ROLES) and len(value) <= _SHORT_HEADER
    ):
        return ""
    return cells[1].strip()
