"""Cell address helpers, in mirrored pairs; rows and columns are 1-based."""

from __future__ import annotations

import re

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def col_to_letters(col: int) -> str:
    """1 → ``A``, 27 → ``AA``."""
    if col < 1:
        raise ValueError(f"column {col} is not 1-based")
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def letters_to_col(letters: str) -> int:
    """``A`` → 1, ``AA`` → 27."""
    col = 0
    for char in letters.upper():
        col = col * 26 + ord(char) - 64
    return col


def rowcol_to_cell(row: int, col: int, *, absolute: bool = False) -> str:
    """(5, 7) → ``G5`` (``$G$5`` when absolute)."""
    if row < 1:
        raise ValueError(f"row {row} is not 1-based")
    mark = "$" if absolute else ""
    return f"{mark}{col_to_letters(col)}{mark}{row}"


def cell_to_rowcol(cell: str) -> tuple[int, int]:
    """``G5`` or ``$G$5`` → (5, 7); raises ValueError for anything else."""
    match = _CELL.match(cell.strip())
    if not match:
        raise ValueError(f"not a cell address: {cell!r}")
    return int(match.group(2)), letters_to_col(match.group(1))


def quote_sheet(sheet: str) -> str:
    """A sheet name as it must appear in a formula reference."""
    return "'" + sheet.replace("'", "''") + "'"


def sheet_ref(sheet: str, row: int, col: int) -> str:
    """``'自查表'!$G$5``: an absolute reference to a cell of another sheet."""
    return f"{quote_sheet(sheet)}!{rowcol_to_cell(row, col, absolute=True)}"
