"""Items whose table text is not all in them: a column left unread, or a heading read as the item.

A header may name one role twice (``类别`` and ``项目`` both name the item): one column is read, the
other is not, and the text it holds for an item is then in no part of the imported rubric. An item
whose name or content equals a section or group title was probably read from that heading, and one
that opens with 备注, 注1:, 合计 or 小计 from a closing row of the table. Each
such item is marked for review, with the column's header and the cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xlscore.rubric.importer.header import DEDUCTS, Header, role_of
from xlscore.rubric.importer.notes import Note, note
from xlscore.rubric.importer.numbers import to_decimal
from xlscore.rubric.importer.tables import Grid, fold

#: What a closing row of a table says at its head (备注, 注1:, 说明, 合计, 小计): not an item to score.
CLOSING = re.compile(r"^(?:备注|附注|注\d*[::、.]|说明[::]|合计|小计|总计|总分)")
#: Roles whose column, when a second one names them and is left unread, holds what scores an item: its
#: name (which item it is), its deductions, its points. (Requirements and methods left unread change no score.)
READ_ROLES = ("name", "text", "either", "score")


def walk_items(data: dict) -> Iterator[tuple[str, dict]]:  # type: ignore[type-arg]
    """Every item of the imported rubric with its path (``sections[0].items[2].items[1]``)."""
    for s_index, section in enumerate(data["sections"]):
        for e_index, entry in enumerate(section["items"]):
            path = f"sections[{s_index}].items[{e_index}]"
            if "items" in entry:
                for i_index, item in enumerate(entry["items"]):
                    yield f"{path}.items[{i_index}]", item
            else:
                yield path, entry


class ItemChecks:
    """For each imported item: table text it does not hold, and a heading read as its name or content."""

    def __init__(self, data: dict, places: dict, grids: list[tuple[Grid, Header]]) -> None:  # type: ignore[type-arg]
        self.titles = _titles(data)
        by_row: dict[str, dict] = {}  # type: ignore[type-arg]
        for path, item in walk_items(data):
            place = places.get(path)
            if place is not None:
                by_row.setdefault(place.row, item)
        self.lost: dict[int, list[Note]] = {}  # id(item) → what its row holds in an unread column
        for grid, header in grids:
            self._unread_columns(grid, header, by_row)

    def doubts(self, item: dict) -> list[Note]:  # type: ignore[type-arg]
        """Why the item may miss table text or be a heading (empty when there is no doubt)."""
        out = list(self.lost.get(id(item), []))
        head = fold(str(item.get("name") or item.get("content") or ""))
        if CLOSING.match(head):
            out.append(note("doubt_closing_row", text=head[:20]))
        for key in ("name", "content"):
            text = fold(str(item.get(key) or ""))
            if text and text in self.titles:
                out.append(note("doubt_heading", text=item[key]))
                break
        return out

    def _unread_columns(self, grid: Grid, header: Header, by_row: dict[str, dict]) -> None:  # type: ignore[type-arg]
        read = set(header.columns.values())
        for c, cell in enumerate(grid.rows[header.row]):
            role = role_of(cell.text)
            if c in read or cell.origin[1] != c or role not in READ_ROLES:
                continue
            item = None
            for r in range(header.row + 1, len(grid.rows)):
                item = by_row.get(grid.where_row(r), item)  # a row with no item of its own continues the one above
                body = grid.cell(r, c)
                if item is None or body is None or body.blank() or not grid.fresh(r, c) or body.origin[1] != c:
                    continue
                if _spans_items(grid, r, c, by_row):
                    continue  # a category merged down over several items: a group's label, not one item's text
                if not _accounted(role, fold(body.text), item):
                    self.lost.setdefault(id(item), []).append(note(
                        "doubt_unread_column", header=cell.text.replace("\n", ""), where=body.where, text=body.text[:40]))


def _spans_items(grid: Grid, r: int, c: int, by_row: dict[str, dict]) -> bool:  # type: ignore[type-arg]
    """Whether the cell starting at row ``r`` is merged down over a row holding another item."""
    below = r + 1
    while below < len(grid.rows) and grid.rows[below][c].origin == (r, c):
        if grid.where_row(below) in by_row:
            return True
        below += 1
    return False


def _accounted(role: str | None, text: str, item: dict) -> bool:  # type: ignore[type-arg]
    """Whether an unread cell changes nothing: its text is in the item already, it deducts nothing
    (a rule column's requirement), or it is not a number other than the item's 标准分 (a score column)."""
    if role == "score":
        value = to_decimal(text)
        return value is None or value == to_decimal(str(item.get("score", "")))
    if role != "name" and not DEDUCTS.search(text):
        return True
    return text in fold(" ".join(str(item.get(k) or "") for k in ("name", "content", "text")))


def _titles(data: dict) -> set[str]:  # type: ignore[type-arg]
    """The section titles and group names of the imported rubric, folded."""
    out = set()
    for section in data["sections"]:
        out.add(fold(str(section.get("title") or "")))
        out |= {fold(str(e.get("name") or "")) for e in section["items"] if "items" in e}
    out.discard("")
    return out
