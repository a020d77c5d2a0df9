"""Every worksheet of an Excel workbook as a :class:`Grid`, merged ranges resolved to their origin.

Reads are bounded (``MAX_ROWS``×``MAX_COLS``): a stray value at XFD1048576 must not make the
importer walk a million rows. The workbook is opened normally, not ``read_only``: read-only mode
knows no merged cells and trusts the sheet's ``<dimension>``, which WPS writes as ``A1:A1``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from xlscore.rubric.importer.errors import RubricImportError
from xlscore.rubric.importer.tables import MAX_COLS, MAX_ROWS, Cell, Grid, clean


def read_xlsx(path: Path) -> list[Grid]:
    """One grid per worksheet, in workbook order; raises :class:`RubricImportError` if it cannot be read."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    try:
        workbook = openpyxl.load_workbook(str(path), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged package
        raise RubricImportError(str(path), "unreadable", {"reason": f"{type(exc).__name__}: {exc}"[:200]}) from None
    grids = []
    for sheet in workbook.worksheets:
        n_rows, n_cols = min(sheet.max_row, MAX_ROWS), min(sheet.max_column, MAX_COLS)
        origins: dict[tuple[int, int], tuple[int, int]] = {}
        for merged in sheet.merged_cells.ranges:
            for r in range(merged.min_row, min(merged.max_row, n_rows) + 1):
                for c in range(merged.min_col, min(merged.max_col, n_cols) + 1):
                    origins[(r, c)] = (merged.min_row, merged.min_col)
        texts: dict[tuple[int, int], str] = {}
        for row in sheet.iter_rows(min_row=1, max_row=n_rows, max_col=n_cols):
            for cell in row:
                if cell.value is not None:
                    texts[(cell.row, cell.column)] = _text(cell.value, cell.number_format)
        rows = []
        for r in range(1, n_rows + 1):
            out = []
            for c in range(1, n_cols + 1):
                origin = origins.get((r, c), (r, c))
                where = f"'{sheet.title}'!{get_column_letter(c)}{r}"
                out.append(Cell(texts.get(origin, ""), (origin[0] - 1, origin[1] - 1), where))
            rows.append(out)
        grids.append(Grid(f"'{sheet.title}'", rows, row_label="{table}第{row}行"))
    return grids


def _text(value: object, number_format: str) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        amount = Decimal(str(value))
        if number_format.endswith("%"):
            return f"{format((amount * 100).normalize(), 'f')}%"
        return format(amount.normalize(), "f") if amount == amount.to_integral_value() else str(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    return clean(str(value))
