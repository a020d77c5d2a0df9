"""Pure conversions between xlwings-shaped grids and xlscore's structures; no xlwings here.

Reading: a sheet's used range as xlwings delivers it (``.formula``: strings, ``"=..."`` for
formulas, ``""`` for blanks; ``.value``: floats, str, bool, None, datetime; errors as None or as
strings like ``"#REF!"``) becomes the same :class:`WorkbookData` the file reader produces, so the
same checker runs on it. Writing: the 差异表 comes from :mod:`xlscore.report.table`, the one table
model the checked copy renders too; this module only spells its cell links as HYPERLINK formulas.
Rows and columns are 1-based everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from xlscore.reader.xlsx import CellData, SheetData, WorkbookData

#: The file reader's default bounds: a used range is read no further (a stray format far below is no reason
#: to move a million cells through COM).
MAX_ROW, MAX_COL = 20000, 64
#: The style id given to cells whose number format shows a percentage (any id not 0 would do).
PERCENT_STYLE = 1
#: Cell error values as Excel shows them (xlwings' ``err_to_str=True`` gives these strings).
ERROR_VALUES = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
})
#: The COM error codes Excel hands over for error cells when a read bypasses xlwings' conversion.
COM_ERRORS = {
    -2146826281: "#DIV/0!", -2146826246: "#N/A", -2146826259: "#NAME?", -2146826288: "#NULL!",
    -2146826252: "#NUM!", -2146826265: "#REF!", -2146826273: "#VALUE!",
}
_QUOTED = re.compile(r'"[^"]*"')  # literal text in a number format, as the file reader strips it
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
#: Fill colours of highlighted cells, by the worst severity found there.


@dataclass
class SheetGrid:
    """One sheet's used range as xlwings reads it, in two bulk reads.

    ``formulas`` and ``values`` are row lists starting at (``first_row``, ``first_col``);
    ``number_formats`` maps absolute (row, col) to a number format for the cells whose format
    matters (a missing cell counts as General). ``visible`` is visible, hidden or veryHidden.
    """

    name: str
    visible: str = "visible"
    formulas: list[list[object]] = field(default_factory=list)
    values: list[list[object]] = field(default_factory=list)
    number_formats: dict[tuple[int, int], str] | None = None
    first_row: int = 1
    first_col: int = 1


def workbook_from_grids(path: str, sheets: list[SheetGrid], names: dict[str, str]) -> WorkbookData:
    """The neutral structure of a workbook read through xlwings (``names``: workbook-level only)."""
    data = {grid.name: sheet_from_grid(grid) for grid in sheets}
    clean = {name: text.removeprefix("=") for name, text in names.items()}
    # A live workbook: the names' hidden flags and the print settings are not known, so not reported.
    return WorkbookData(str(path), data, clean, {PERCENT_STYLE}, [], package_facts=False)


def sheet_from_grid(grid: SheetGrid) -> SheetData:
    """One sheet's cells keyed by absolute (row, col); blank cells are left out, as the file reader does."""
    sheet = SheetData(grid.name, grid.visible)
    formulas, values = as_rows(grid.formulas), as_rows(grid.values)
    formats = grid.number_formats or {}
    height = max(len(formulas), len(values))
    for i in range(height):
        formula_row = formulas[i] if i < len(formulas) else []
        value_row = values[i] if i < len(values) else []
        for j in range(max(len(formula_row), len(value_row))):
            row, col = grid.first_row + i, grid.first_col + j
            formula = formula_row[j] if j < len(formula_row) else None
            value = value_row[j] if j < len(value_row) else None
            cell = cell_from(formula, value, is_percent_format(formats.get((row, col))))
            if cell is not None:
                sheet.cells[(row, col)] = cell
    return sheet


def as_rows(grid: object) -> list[list[object]]:
    """A 2-D list from what xlwings returns: a scalar for one cell, tuples of tuples from COM."""
    if grid is None:
        return []
    if not isinstance(grid, (list, tuple)):
        return [[grid]]
    if grid and not isinstance(grid[0], (list, tuple)):
        return [list(grid)]  # one row
    return [list(row) for row in grid]


def cell_from(formula: object, value: object, percent: bool = False) -> CellData | None:
    """One cell as the file reader would give it; None for a blank cell."""
    is_formula = isinstance(formula, str) and formula.startswith("=") and not (
        isinstance(value, str) and value == formula  # text that merely starts with "=" (a text-formatted cell)
    )
    text = formula[1:] if is_formula else None  # type: ignore[index]
    style = PERCENT_STYLE if percent else 0
    value, kind = _value_and_kind(value, is_formula)
    if value is None and text is None:
        return None
    return CellData(value, text, kind, style)


def _value_and_kind(value: object, is_formula: bool) -> tuple[object, str]:
    if value is None or value == "":
        return None, "str" if is_formula else "n"
    if isinstance(value, bool):
        return value, "b"
    if isinstance(value, int) and value in COM_ERRORS:
        return COM_ERRORS[value], "e"
    if isinstance(value, (int, float, Decimal)):
        return float(value), "n"
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        return excel_serial(value), "n"
    text = str(value)
    if text in ERROR_VALUES:
        return text, "e"
    return text, "str" if is_formula else "s"


def excel_serial(value: dt.datetime | dt.date | dt.time | dt.timedelta) -> float:
    """A date or time as the number Excel stores (days since 1899-12-30; dates from 1900-03-01)."""
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    delta = value.replace(tzinfo=None) - _EXCEL_EPOCH
    return delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6


def is_percent_format(number_format: object) -> bool:
    """True for a format that shows a percentage (``0%``, ``0.00%``, custom ones with ``%``)."""
    return isinstance(number_format, str) and "%" in _QUOTED.sub("", number_format)


def needs_number_format(formula: object, value: object) -> bool:
    """Whether a cell's number format can change how it is read: a typed number between 0 and 1."""
    typed = not (isinstance(formula, str) and formula.startswith("="))
    return typed and isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1


# --- the report's cell links -------------------------------------------------------------------------
def hyperlink_formula(sheet: str, cell: str) -> str:
    """``=HYPERLINK("#'1 客服'!G6","G6")``: a link to a cell of this workbook."""
    target = "#'" + sheet.replace("'", "''") + "'!" + cell
    return '=HYPERLINK("' + target.replace('"', '""') + '","' + cell + '")'
