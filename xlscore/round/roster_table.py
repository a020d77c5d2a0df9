"""Rows of text → roster entries: the header found by its words, the 考核期间 cell, one entry per named row."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: Header words per column, compared after removing spaces and full-width forms; first match wins.
HEADERS = {
    "id": ("单位编号", "编号", "单位代码", "代码", "id", "unitid", "code"),
    "name": ("被考核单位", "单位名称", "单位", "名称", "unit", "unitname", "name"),
    "contact": ("联系人", "contact"),
    "phone": ("电话", "联系电话", "手机", "phone", "tel", "telephone"),
}
#: Parts a header contains, per column, tried in this order (a header longer than HEADER_WIDTH is no header).
CONTAINS = {
    "id": ("编号", "代码", "unitid", "code"),
    "phone": ("电话", "手机", "phone", "tel"),
    "contact": ("联系人", "contact"),
    "name": ("单位", "名称", "unit", "name"),
}
HEADER_WIDTH = 16
PERIOD_WORDS = ("考核期间", "period")
#: How far down the header row is looked for.
HEADER_SEARCH = 30
_SERIAL = re.compile(r"^(序号|no|#)$")


@dataclass
class Entry:
    row: int
    name: str
    id: str = ""
    contact: str = ""
    phone: str = ""


@dataclass
class RosterTable:
    entries: list[Entry] = field(default_factory=list)
    period: str = ""
    problems: list[tuple[str, int, dict[str, object]]] = field(default_factory=list)  # (kind, row, values)


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold().rstrip(":")


def parse_table(rows: list[tuple[int, list[str]]]) -> RosterTable:
    """Entries from the rows after the header (every non-blank row when there is none: one name per row)."""
    table = RosterTable()
    header_at, columns = _header(rows)
    body = rows[header_at + 1:] if columns else rows
    for n, cells in rows[: header_at + 1 if columns else len(rows)]:
        table.period = table.period or _period(cells)
    if not columns:
        body = [(n, c) for n, c in body if not _period(c) and not _is_period_label(c)]
    for n, cells in body:
        _entry(table, n, cells, columns)
    return table


def _header(rows: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]]:
    """The header row and its columns: a row naming the unit column by one of :data:`HEADERS`' words,
    or naming two columns or more by the words they contain (``被考核单位名称 | 联系电话``)."""
    for index, (_n, cells) in enumerate(rows[:HEADER_SEARCH]):
        exact = _columns(cells, HEADERS, whole=True)
        if "name" in exact:
            return index, exact
        loose = _columns(cells, CONTAINS, whole=False)
        if "name" in loose and len(loose) >= 2:
            return index, loose
    return -1, {}


def _columns(cells: list[str], words: dict[str, tuple[str, ...]], *, whole: bool) -> dict[str, int]:
    """Column per field: the first cell equal to (``whole``) or containing one of the field's words."""
    columns: dict[str, int] = {}
    for col, cell in enumerate(cells):
        word = _key(cell)
        if not word or len(word) > HEADER_WIDTH:
            continue
        for field_name in CONTAINS:  # id and phone before name and contact: 单位编号, 联系电话
            known = words[field_name]
            if field_name not in columns and (word in known if whole else any(part in word for part in known)):
                columns[field_name] = col
                break
    return columns


def _period(cells: list[str]) -> str:
    """The period of a ``考核期间 | 2025年度`` row (or ``考核期间:2025年度`` in one cell); "" for any other row."""
    filled = [c for c in cells if c]
    if not filled:
        return ""
    first = unicodedata.normalize("NFKC", filled[0])
    for word in PERIOD_WORDS:
        if first.casefold().startswith(word):
            rest = first[len(word):].lstrip(" ::")
            return rest or (filled[1] if len(filled) > 1 else "")
    return ""


def _is_period_label(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return len(filled) == 1 and _key(filled[0]) in PERIOD_WORDS


def _entry(table: RosterTable, n: int, cells: list[str], columns: dict[str, int]) -> None:
    def at(field_name: str) -> str:
        col = columns.get(field_name)
        return cells[col] if col is not None and col < len(cells) else ""

    if not columns:
        filled = [c for c in cells if c]
        name = next((c for c in filled if not c.isdigit()), filled[0] if filled else "")  # "1,城南": not the serial
        if not _SERIAL.match(_key(name)):
            table.entries.append(Entry(n, name))
        return
    name, unit_id = at("name"), at("id")
    if not name:
        if unit_id or at("contact") or at("phone"):
            table.problems.append(("no_name", n, {"id": unit_id or "—"}))
        return
    table.entries.append(Entry(n, name, unit_id, at("contact"), at("phone")))
