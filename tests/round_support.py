"""A roster of units for the round's tests, written as a user would: the template filled in with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from xlscore.round.template import HEADER_ROW, write_roster_template

#: Twelve units, ids as an office numbers them (kept text by the template's @ format).
UNITS = [(f"{n:03d}", name) for n, name in enumerate([
    "城南供电所客服中心", "城北供电所客服中心", "城东供电所客服中心", "城西供电所客服中心", "高新区客服中心",
    "开发区客服中心", "滨江客服中心", "湖畔客服中心", "山前客服中心", "山后客服中心", "港口客服中心", "机场客服中心",
], start=1)]
PERIOD = "2025年度"


def roster_workbook(path: Path, units: list[tuple[str, str]] = UNITS, period: str = PERIOD) -> Path:
    """The roster template with ``units`` (id, name) and ``period`` typed in."""
    write_roster_template(path.with_suffix(".template.xlsx"))
    book = openpyxl.load_workbook(path.with_suffix(".template.xlsx"))
    sheet = book.worksheets[0]
    sheet["B2"] = period
    for row, (unit_id, name) in enumerate(units, start=HEADER_ROW + 1):
        sheet.cell(row, 1, unit_id)
        sheet.cell(row, 2, name)
        sheet.cell(row, 3, "张工")
    book.save(path)
    return path
