"""Column widths and row heights for text that wraps (merged cells never auto-fit in Excel)."""

from __future__ import annotations

import math
import unicodedata

LINE_HEIGHT = 14.0  # points per line of 10-point CJK text
MIN_ROW_HEIGHT = 18.0


def display_width(text: str) -> float:
    """Width in Excel column units: a CJK (wide) character takes about two."""
    if text.isascii():
        return 1.1 * len(text)
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return 2.0 * wide + 1.1 * (len(text) - wide)


def lines_needed(text: str, column_width: float) -> int:
    usable = max(column_width - 1.5, 1.0)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in (text or "").split("\n"))


def block_heights(rows: int, row_lines: list[int], merged_lines: int) -> list[float]:
    """Heights for ``rows`` rows: each row fits its own text, and together they fit the merged text."""
    heights = [max(MIN_ROW_HEIGHT, n * LINE_HEIGHT + 4) for n in row_lines]
    needed = merged_lines * LINE_HEIGHT + 4
    short = needed - sum(heights)
    if short > 0:
        heights = [h + short / rows for h in heights]
    return [round(h, 1) for h in heights]
