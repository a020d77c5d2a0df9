"""Grade-level rows: one item marked by picking a level, each level on a row with its points.

    项次 | 检查项目 | 等级 | 标准分 | 查检状况
    1    | 通道状况 | 差   | 0      | 通道上摆有很多无用的东西
    ^    | ^        | 较差 | 1      | 人能通行，但要避开
    …    | …        | 优秀 | 4      | 很畅通，没有无用的东西

is one item worth the highest level's points, scored by hand from the scale (reviewed), not five
items. :func:`fold_levels` rewrites such runs of rows into one row before the rows are read: the
first row carries the scale (``按等级评分:差0分,较差1分,…``) and the levels' descriptions, the other
rows are left blank (row numbers in messages stay those of the source).
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal, InvalidOperation

from xlscore.rubric.importer.header import Header
from xlscore.rubric.importer.tables import Cell, Grid, fold

#: What a level cell says: a grade word, or a letter/甲乙丙丁 grade.
LEVEL = re.compile(r"^(?:[很较非常]{0,2}(?:差|好)|不?合格|不?及格|良好?|优秀?|一般|中等?|[A-Ea-e]级?|[甲乙丙丁]级?|[一二三四五]级)$")
LEVEL_SHARE = 0.8


def fold_levels(grid: Grid, header: Header) -> tuple[Grid, Header]:
    """The grid with each run of level rows folded into its first row; unchanged when there is none."""
    level = _level_column(grid, header)
    score, name = header.columns.get("score"), header.columns.get("name")
    if level is None or score is None or name is None:
        return grid, header
    target = header.columns.get("text", header.columns.get("content"))
    described = header.columns.get("content", _description_column(grid, header, level))
    if target is None:
        return grid, header
    rows = [list(row) for row in grid.rows]
    for run in _runs(grid, header.row, name, level, score):
        _fold(rows, run, level, score, target, described)
    columns = dict(header.columns)
    if described is not None:
        columns.setdefault("content", described)
    return dataclasses.replace(grid, rows=rows), dataclasses.replace(header, columns=columns)


def _level_column(grid: Grid, header: Header) -> int | None:
    taken = set(header.columns.values())
    for c in range(len(grid.rows[header.row])):
        cells = [fold(row[c].text) for r, row in enumerate(grid.rows[header.row + 1:], header.row + 1)
                 if c < len(row) and row[c].origin == (r, c) and row[c].text]
        if c in taken or len(cells) < 4:
            continue
        if sum(bool(LEVEL.match(t)) for t in cells) >= LEVEL_SHARE * len(cells) and len(set(cells)) * 2 <= len(cells):
            return c  # few level words, each repeated: one per item
    return None


def _description_column(grid: Grid, header: Header, level: int) -> int | None:
    taken = set(header.columns.values()) | {level}
    return next((c for c in range(len(grid.rows[header.row])) if c not in taken
                 and any(c < len(row) and row[c].text for row in grid.rows[header.row + 1:])), None)


def _points(cell: Cell) -> Decimal | None:
    try:
        return Decimal(re.sub(r"分$", "", fold(cell.text)))
    except InvalidOperation:
        return None


def _runs(grid: Grid, start: int, name: int, level: int, score: int) -> list[list[int]]:
    """Rows sharing one merged name cell, each with a level word and its points (two rows at least)."""
    runs: list[list[int]] = []
    for r in range(start + 1, len(grid.rows)):
        row = grid.rows[r]
        if max(name, level, score) >= len(row) or not LEVEL.match(fold(row[level].text)) or _points(row[score]) is None:
            continue
        if runs and grid.rows[runs[-1][0]][name].origin == row[name].origin:
            runs[-1].append(r)
        else:
            runs.append([r])
    return [run for run in runs if len(run) > 1]


def _fold(rows: list[list[Cell]], run: list[int], level: int, score: int, target: int, described: int | None) -> None:
    first = run[0]
    scale = [(rows[r][level].text.strip(), _points(rows[r][score])) for r in run]
    top = max(points for _, points in scale if points is not None)
    rows[first][score] = Cell(str(top), (first, score), rows[first][score].where)
    rows[first][target] = Cell("按等级评分:" + ",".join(f"{word}{points}分" for word, points in scale),
                               (first, target), rows[first][target].where)
    if described is not None and described != target:
        text = "\n".join(f"{rows[r][level].text.strip()}:{rows[r][described].text.strip()}" for r in run)
        rows[first][described] = Cell(text, (first, described), rows[first][described].where)
    for r in run[1:]:
        rows[r] = [Cell("", (r, c), cell.where) for c, cell in enumerate(rows[r])]
