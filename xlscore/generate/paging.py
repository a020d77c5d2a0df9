"""Print scale and manual page breaks of a section sheet, so that no item is cut in two.

Excel ignores manual page breaks under "fit to N pages", so the sheet prints at a fixed scale
computed here from the column widths, and the breaks are placed from the row heights the
generator sets (every item row gets an explicit height from its wrapped text, see
``xlscore.form.sizing``). Both Excel and LibreOffice honour an explicit scale and row breaks.
"""

from __future__ import annotations

from collections.abc import Sequence

#: A4 in points, and the margins ``_print_setup`` sets (inches × 72).
A4_LONG, A4_SHORT = 841.9, 595.3
SIDE_MARGINS = 2 * 0.4 * 72
TOP_BOTTOM_MARGINS = (0.7 + 0.6) * 72
#: Excel's default font (Calibri 11) has a 7-pixel digit: a column of width w is w*7+5 pixels wide.
DIGIT_PIXELS, COLUMN_PADDING = 7, 5
#: Part of the page height the breaks may fill, and of the width the columns may fill: LibreOffice
#: draws the same columns about 12 % wider than Excel (measured on its PDF); Excel then has a wider margin.
SAFETY = 0.97
WIDTH_SAFETY = 0.87
DEFAULT_ROW_HEIGHT = 15.0


def column_points(widths: Sequence[float]) -> float:
    return sum(int(w * DIGIT_PIXELS + COLUMN_PADDING) for w in widths) * 0.75


def print_scale(widths: Sequence[float], *, landscape: bool = True) -> int:
    """The largest whole percentage at which the columns fit the page width."""
    page_width = (A4_LONG if landscape else A4_SHORT) - SIDE_MARGINS
    return max(10, min(100, int(100 * WIDTH_SAFETY * page_width / column_points(widths))))


def page_breaks(
    heights: dict[int, float], blocks: Sequence[tuple[int, int]], first_row: int, last_row: int,
    repeated: float, scale: int, *, landscape: bool = True,
) -> list[int]:
    """0-based rows to break before, so that each (first, last) block of 1-based rows prints on one page.

    ``heights`` maps 1-based rows to points (others are 15 pt); ``repeated`` is the height of the
    title rows printed on every page. A block taller than a page starts a page and runs over.
    """
    page_height = (A4_SHORT if landscape else A4_LONG) - TOP_BOTTOM_MARGINS
    room = page_height * 100 / scale * SAFETY - repeated
    start_of = {first: last for first, last in blocks}
    breaks: list[int] = []
    used = 0.0
    row = first_row
    while row <= last_row:
        last = start_of.get(row, row)
        need = sum(heights.get(r, DEFAULT_ROW_HEIGHT) for r in range(row, last + 1))
        if used + need > room and used > 0:
            breaks.append(row - 1)
            used = 0.0
        used += need
        row = last + 1
    return breaks
