"""Tell unit names (县民政局, 各乡（镇）政府) from other text by their shape, and split lists of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from inspect_cli.domain.textnorm import matching_form, split_outside_brackets, unit_name

if TYPE_CHECKING:
    from collections.abc import Callable

# Endings that make a name a body of government, party, enterprise or public service. The strong
# ones are unusual outside unit names; the weak ones (会, 组, 中心 …) end ordinary words too.
_STRONG_SUFFIXES = (
    "管委会",
    "委员会",
    "办公室",
    "办公厅",
    "办事处",
    "政府",
    "街道",
    "部门",
    "单位",
    "公司",
    "银行",
    "海关",
    "局",
    "厅",
    "委",
    "办",
)
_WEAK_SUFFIXES = (
    "中心",
    "集团",
    "部",
    "院",
    "会",
    "处",
    "室",
    "所",
    "站",
    "队",
    "联",
    "协",
    "社",
    "馆",
    "署",
    "庭",
    "台",
    "组",
    "乡",
    "镇",
    "团",
    "街办",
    "镇街",
    "司",
    "科",
    "股",
    "校",
    "村",
    "社区",
)
# A name that starts with an administrative level or a collective word stands on its own.
_LEVEL_PREFIX = re.compile(r"^(各|相关|有关|其他|其它|本级|全|[省市区县州盟旗乡镇街村团])")
# Bodies named only by their kind share the place of the name before them: 县党委和人民政府 is one unit.
_GENERIC = re.compile(r"^(人民|党)?(政府|党委|党工委|工委|管委会|委员会|办事处|街道办|街道|部门|单位|党组)$")
# A piece ending in a place with no body of its own shares the next piece's ending: 各乡、镇政府.
_PLACE_END = re.compile(r"(省|市|州|盟|县|区|旗|示范区|开发区|新区)$")
# `各县市区`, `各县（市、区）`, `各乡镇（街道）`: every place of a level, meaning their governments.
# One level alone (各乡) is left to the list around it: 各乡、镇政府 is one unit.
_EVERY_PLACE = re.compile(r"^各(?:[县市区乡镇旗州盟]|街道)(?:[县市区乡镇旗州盟、,()\[\]（）]|街道)+$")
_ETC = re.compile(r"(等|等等)(相关|有关|其他)?(部门|单位|机构)?$|按职责(分工)?(分别)?负责(落实)?$")
_BRACKETED_END = re.compile(r"[(\[【〔（][^()\[\]【】〔〕（）]*[)\]】〕）]$")
# Sentences and counts (`2个部门`) are not names; digits inside one are (`市12345热线中心`).
_NOT_A_NAME = re.compile(r"^\d|[。:“”\"]")
_MAX_NAME = 25


def _bare(piece: str) -> str:
    """The piece without a trailing bracket, for judging its ending: 各镇（园区） → 各镇."""
    return _BRACKETED_END.sub("", piece).strip()


def looks_like_unit(piece: str, strict: bool = False) -> bool:
    """True when the piece has the shape of a unit name; `strict` also wants a level prefix for weak endings."""
    form = matching_form(piece).strip()
    bare = _bare(form)
    if not bare or len(form) > _MAX_NAME or _NOT_A_NAME.search(form):
        return False
    if _EVERY_PLACE.match(form):
        return True
    if bare.endswith(_STRONG_SUFFIXES):
        return True
    if bare.endswith(_WEAK_SUFFIXES):
        return not strict or bool(_LEVEL_PREFIX.match(bare))
    return False


def _strip_etc(piece: str) -> str:
    form = matching_form(piece)
    match = _ETC.search(form.rstrip())
    if match and match.start() > 0:
        return piece[: match.start()].strip()
    return piece.strip()


def _split_conjunctions(piece: str) -> list[str]:
    """Split on 和/及/以及 only between whole unit names, never before a body named only by its kind."""
    form = matching_form(piece)
    for match in re.finditer(r"以及|及|和", form):
        left, right = piece[: match.start()].strip(), piece[match.end() :].strip()
        if "(" in form[: match.start()] and ")" not in form[: match.start()]:
            continue  # inside a bracket
        if (
            looks_like_unit(left)
            and not _GENERIC.match(_bare(matching_form(right)))
            and (looks_like_unit(right) or _split_conjunctions(right) != [right])
        ):
            return [left, *_split_conjunctions(right)]
    return [piece]


def _split_spaces(piece: str) -> list[str]:
    """`县公安局 县民政局` is two units when every part is a whole unit name with its level; else spaces are stray."""
    parts = piece.split()
    # each part must stand on its own: a level prefix, not a kind that shares the name before it (…党委和人民政府)
    if len(parts) > 1 and all(looks_like_unit(part) and _LEVEL_PREFIX.match(matching_form(part)) for part in parts):
        return parts
    return [piece]


def _split_slashes(piece: str) -> list[str]:
    """`市司法局/市财政局` is two units when every part is a whole unit name; a slash inside a name stays."""
    parts = [part.strip() for part in re.split(r"[/／]", piece)]
    if len(parts) > 1 and all(part and looks_like_unit(part) for part in parts):
        return parts
    return [piece]


def split_units(text: str) -> list[str]:
    """A list of unit names as written, split on 、，； (and spaces, slashes, 和/及 between whole names), 等…
    dropped."""
    pieces = [p.strip() for p in split_outside_brackets(_strip_etc(text), "、,;，；\n") if p.strip()]
    merged: list[str] = []
    carry = ""
    for piece in pieces:
        piece = _strip_etc(piece)
        candidate = f"{carry}、{piece}" if carry else piece
        if not looks_like_unit(piece) and _PLACE_END.search(_bare(matching_form(piece))):
            carry = candidate
            continue
        carry = ""
        merged.append(candidate)
    if carry:
        merged.append(carry)
    names = [
        name
        for piece in merged
        for spaced in _split_spaces(piece)
        for slashed in _split_slashes(spaced)
        for name in _split_conjunctions(slashed)
    ]
    return [unit_name(name) for name in names if name.strip()]


_LEAD_MARK = re.compile(r"[(（]\s*(牵头|牵头单位|主办|主责|负总责)\s*[)）]$")


def marked_leads(names: list[str]) -> tuple[list[str], list[str]]:
    """Split `县公安局（牵头）、县民政局` into the units marked as leading, without the mark, and the others."""
    leads: list[str] = []
    others: list[str] = []
    for name in names:
        mark = _LEAD_MARK.search(matching_form(name))
        (leads if mark else others).append(name[: mark.start()].strip() if mark else name)
    return leads, others


@dataclass(frozen=True)
class UnitTail:
    """Units read from a bracket without labels: who leads, who takes part, and a deadline if one was given."""

    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    deadline: tuple[str, ...]


_ROLE = re.compile(
    r"((分别|共同)?牵头(负责|落实|实施|办理)?|(按职责(分工)?)?(分别|共同|具体)?负责(落实|实施)?|配合(落实)?|参与|协助|协办|"
    r"协同|主办|主责|承办|落实)$"
)
_ROLE_KIND = {"牵": "lead", "主": "lead", "配": "responsible", "参": "responsible", "协": "responsible"}


def read_unit_tail(content: str, looks_like_deadline: Callable[[str], bool]) -> UnitTail | None:
    """Read `X牵头，Y、Z配合`, `X、Y等负责`, `X负责` or a bare `X、Y，Z` list; None when it is not units."""
    entries: list[tuple[str, str | None]] = []
    deadline: list[str] = []
    open_list = False  # `X等负责`: X and others, so several units share the task and none is named to lead
    role_words = bool(re.search(r"牵头|负责|配合|参与|协助|协办|协同|主办", matching_form(content)))
    for clause in split_outside_brackets(content, "。;；"):
        pending: list[str] = []
        for piece in split_outside_brackets(clause, ",，"):
            piece = piece.strip().lstrip("由")
            form = matching_form(piece)
            if not piece:
                continue
            if looks_like_deadline(form):
                deadline.append(piece)
                continue
            role = _ROLE.search(form)
            names_text = piece[: role.start()] if role else piece
            names = split_units(names_text) if names_text.strip() else []
            open_list = open_list or bool(re.search(r"等(部门|单位|有关部门|相关部门)?$", names_text.strip()))
            if not names or not all(looks_like_unit(name, strict=not role_words) for name in names):
                return None
            marked, names = marked_leads(names)
            entries.extend((name, "lead") for name in marked)
            pending.extend(names)
            if role:
                kind = _ROLE_KIND.get(re.sub(r"^(分别|共同)", "", role[0])[:1], "either")
                entries.extend((name, kind) for name in pending)
                pending = []
        entries.extend((name, None) for name in pending)
    if not entries:
        return None
    has_lead = any(kind == "lead" for _, kind in entries)
    loose = [name for name, kind in entries if kind in (None, "either")]
    if not has_lead and len(entries) == 1 and not open_list:
        return UnitTail((entries[0][0],), (), tuple(deadline))
    lead = tuple(name for name, kind in entries if kind == "lead")
    responsible = tuple(name for name, kind in entries if kind == "responsible" or name in loose)
    return UnitTail(lead, responsible, tuple(deadline))
