"""Table structure read from what the cells hold, where header names leave it open.

A category column to the left of the item column (类别 | 项目, both names of the item's role): the
column whose cells are merged over several rows and repeat is a group; the finest column, with
distinct text per row, is the item.
"""

from __future__ import annotations

import re
from xlscore.rubric.importer.tables import Cell, Grid, fold


def finest_column(body: list[list[str]], candidates: list[int]) -> int:
    """Of the columns named for the same role, the one with the most distinct cells (the first on a
    tie). ``body`` holds a merged cell's text once, at its first row, so a column merged over several
    rows counts fewer cells."""
    def cells(c: int) -> int:
        return sum(1 for row in body if c < len(row) and row[c])
    return max(candidates, key=lambda c: (cells(c), -c))


def stated_total(score: str, group_cell: Cell | None) -> str:
    """社区党建(10分) | 由市委组织部制定考核标准: the row's points cell states none, the group cell beside it
    does — the group's total is the points of its one row ("" when the points cell has its own)."""
    from xlscore.rubric.importer.header import POINTS_ANY, POINTS_IN  # header reads this module

    if group_cell is None or re.search(r"\d", fold(score)):
        return ""
    found = POINTS_IN.search(fold(group_cell.text)) or POINTS_ANY.search(fold(group_cell.text))
    return found.group(1) if found else ""


def merged_down(grid: Grid, r: int, c: int | None) -> bool:
    """Whether the cell at row ``r``, column ``c`` is merged over the row below too (a group's cell)."""
    if c is None or r + 1 >= len(grid.rows) or c >= len(grid.rows[r + 1]) or c >= len(grid.rows[r]):
        return False
    return grid.rows[r + 1][c].origin == grid.rows[r][c].origin


def own_points_below(grid: Grid, r: int, c: int | None) -> bool:
    """Whether the row below starts a cell of its own, with text, in column ``c`` (its own points)."""
    below = grid.cell(r + 1, c)
    return below is not None and grid.fresh(r + 1, c) and not below.blank() and grid.fresh(r, c)
