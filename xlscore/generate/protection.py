"""Who may type where: sheet protection, per-pass editing ranges and a locked workbook structure.

With ``--self-password`` and ``--assess-password`` each pass's inputs are locked cells inside an
Excel "allow users to edit ranges" entry (``protectedRanges``) that opens with that pass's
password, while the sheet itself stays protected with ``--password``.
"""

from __future__ import annotations

import xlsxwriter

from xlscore.cells import rowcol_to_cell
from xlscore.form.layout import COVER_PASS, FIRST_BODY_ROW, INPUT_COL, PASS_KEYS, REMARK_COL, Layout
from xlscore.form.wording import pass_name

SHEET_PROTECTION = {
    "select_locked_cells": True,
    "select_unlocked_cells": True,
    "format_columns": True,
    "format_rows": True,
    "insert_rows": True,
}


class ProtectedWorkbook(xlsxwriter.Workbook):
    """A workbook whose structure is locked (sheets cannot be added, renamed, moved or deleted).

    XlsxWriter has no API for ``<workbookProtection lockStructure="1"/>``; it belongs right after
    ``<workbookPr>`` in workbook.xml, which is where this writes it.
    """

    def _write_workbook_pr(self) -> None:  # type: ignore[override]
        super()._write_workbook_pr()  # type: ignore[misc]
        self._xml_empty_tag("workbookProtection", [("lockStructure", "1")])  # type: ignore[attr-defined]


def pass_ranges(layout: Layout) -> dict[str, dict[str, list[str]]]:
    """pass → sheet → the cell ranges holding that pass's inputs and remarks."""
    out: dict[str, dict[str, list[str]]] = {p: {} for p in PASS_KEYS}
    for sheet in layout.sheets:
        last = sheet.total_row - 1
        for p in PASS_KEYS:
            out[p][sheet.name] = [
                f"{rowcol_to_cell(FIRST_BODY_ROW, col)}:{rowcol_to_cell(last, col)}" for col in (INPUT_COL[p], REMARK_COL[p])
            ]
    for fld, p in COVER_PASS.items():
        row = layout.cover_rows[fld]
        out[p].setdefault(layout.cover_sheet, []).append(rowcol_to_cell(row, 3))
    return out


def protect(sheets: list, layout: Layout, password: str | None, passwords: dict[str, str]) -> None:  # type: ignore[type-arg]
    """Protect every sheet; with per-pass ``passwords``, add each pass's editing ranges first."""
    if passwords:
        ranges = pass_ranges(layout)
        by_name = {ws.name: ws for ws in sheets}
        for p, secret in passwords.items():
            for sheet, cells in ranges[p].items():
                # One range per pass and sheet; a space-separated sqref holds its several areas.
                if by_name[sheet].unprotect_range(" ".join(cells), pass_name(p, layout.lang), secret) != 0:
                    raise ValueError(f"cannot open {cells} on {sheet} for {p}")
    for ws in sheets:
        ws.protect(password or "", SHEET_PROTECTION)
