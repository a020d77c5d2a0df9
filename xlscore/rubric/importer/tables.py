"""A table as read from Word or Excel: text per cell, merged cells resolved to their origin."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: Bounds on what is read of any table: far above a rubric, far below harm.
MAX_ROWS = 3000
MAX_COLS = 40
MAX_CELL_CHARS = 20_000


@dataclass(frozen=True)
class Cell:
    """One grid position. ``origin`` is the (row, col) of the merged cell it belongs to (itself if unmerged)."""

    text: str
    origin: tuple[int, int]
    where: str

    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Grid:
    """One table: rows of cells (0-based), its name for messages, and the text printed above it."""

    name: str
    rows: list[list[Cell]]
    title_lines: list[str] = field(default_factory=list)
    row_label: str = "{table}第{row}行"

    def cell(self, row: int, col: int | None) -> Cell | None:
        if col is None or row >= len(self.rows) or col >= len(self.rows[row]):
            return None
        return self.rows[row][col]

    def fresh(self, row: int, col: int | None) -> bool:
        """Whether the cell starts in this row (not the continuation of a cell merged from above)."""
        cell = self.cell(row, col)
        return cell is not None and cell.origin[0] == row

    def where_row(self, row: int) -> str:
        return self.row_label.format(table=self.name, row=row + 1)


def clean(text: str) -> str:
    """Cell text as shown: lines trimmed, runs of spaces collapsed, NBSP and full-width spaces as spaces."""
    text = text[:MAX_CELL_CHARS].replace("\u00a0", " ").replace("\u3000", " ").replace("\r", "\n")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def fold(text: str) -> str:
    """Text for matching: NFKC (full-width digits and punctuation to ASCII), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
