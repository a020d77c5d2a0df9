"""Table structure read from what the cells hold, where header names leave it open.

A category column to the left of the item column (类别 | 项目, both names of the item's role): the
column whose cells are merged over several rows and repeat is a group; the finest column, with
distinct text per row, is the item.
"""

from __future__ import annotations


def finest_column(body: list[list[str]], candidates: list[int]) -> int:
    """Of the columns named for the same role, the one with the most distinct cells (the rightmost on
    a tie). ``body`` holds a merged cell's text once, at its first row, so a column merged over
    several rows counts fewer cells."""
    def cells(c: int) -> int:
        return sum(1 for row in body if c < len(row) and row[c])
    return max(candidates, key=lambda c: (cells(c), c))
