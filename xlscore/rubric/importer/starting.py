"""A table with no 标准分 column whose every clause deducts from a starting total stated once.

    考核实行百分制,起评分100分。
    序号 | 考核项目 | 考核内容 | 扣分标准

Such a table is imported as one item worth the starting total, its rules every row's clauses (the
item stops at 0, as the starting total does), flagged for review: the office may want the points
split over items. Without a stated starting total the table is refused, as before (no 标准分 column).
"""

from __future__ import annotations

import re

from xlscore.rubric.importer.header import Header, find_header
from xlscore.rubric.importer.rows import Place, RawGroup, RawItem, RawSection, RawTable
from xlscore.rubric.importer.tables import Grid, fold

#: 起评分100分, 基础分为100分, 100分起评, 满分100分.
START = re.compile(r"(?:起评分|基础分|基准分|初始分|满分|总分)(?:为|是|按)?[::]?(\d+(?:\.\d+)?)分"
                   r"|(\d+(?:\.\d+)?)分(?:起评|为基础分|为起评分)")


def starting_grid(grids: list[Grid]) -> tuple[Grid, Header, str, Place] | None:
    """The first table with a rule column, no 标准分 column and a stated starting total; else None."""
    for grid in grids:
        header = find_header(grid)
        if header is None or "score" in header.columns or "text" not in header.columns:
            continue
        for text, place in _stated_lines(grid, header):
            found = START.search(fold(text))
            if found:
                return grid, header, found.group(1) or found.group(2), place
    return None


def _stated_lines(grid: Grid, header: Header) -> list[tuple[str, Place]]:
    """Title lines, the rows down to the header, and rows below it merged across the table."""
    out = [(line, Place(f"{grid.name}之前")) for line in grid.title_lines]
    for r, row in enumerate(grid.rows):
        if r > header.row and len({cell.origin for cell in row}) > 1:
            continue
        out += [(cell.text, Place(grid.where_row(r), cell.where)) for c, cell in enumerate(row)
                if cell.origin == (r, c) and cell.text]
    return out


def fold_into_one(table: RawTable, total: str, place: Place) -> None:
    """Every row's clauses become the rules of one item worth the starting total."""
    rows = [item for section in table.sections for entry in section.entries
            for item in (entry.items if isinstance(entry, RawGroup) else [entry])]
    names = dict.fromkeys(item.name or item.content for item in rows if item.name or item.content)
    one = RawItem(no="1", name=None, content=";".join(names), score=total, place=place, score_place=place,
                  texts=[part for item in rows for part in item.texts], started=True)
    table.sections = [RawSection("", total, place, [one])]
