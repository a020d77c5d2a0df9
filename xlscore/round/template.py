"""``xlscore roster template``: the roster workbook a round starts from (byte-identical on every run)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from xlscore.atomic import write_atomically
from xlscore.i18n import pick
from xlscore.round.words import GUIDE, template_word as t

#: Rows made ready for units (more can be typed below; the reader reads to the last filled row).
BLANK_ROWS = 200
HEADER_ROW = 4  # 1-based: the row the reader finds by its words
FIXED_TIME = dt.datetime(2000, 1, 1)
FONT = "宋体"


def write_roster_template(out: str | Path, lang: str = "zh") -> Path:
    """Write the roster template to ``out`` atomically; the caller decides whether it may be overwritten."""
    return write_atomically(Path(out), lambda handle: _write(handle, lang))


def _write(handle: BinaryIO, lang: str) -> None:
    book = xlsxwriter.Workbook(handle, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                        "strings_to_urls": False})
    book.set_properties({"title": t("title", lang), "author": "xlscore", "created": FIXED_TIME})
    base = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}
    title = book.add_format({**base, "bold": True, "font_size": 14})
    label = book.add_format({**base, "bold": True})
    header = book.add_format({**base, "bold": True, "border": 1, "bg_color": "#D9E1F2", "align": "center"})
    entry = book.add_format({**base, "border": 1, "bg_color": "#FFF2CC", "num_format": "@"})
    note = book.add_format({**base, "font_size": 9, "font_color": "#595959"})
    ws = book.add_worksheet(t("sheet", lang))
    for col, width in enumerate((14, 36, 14, 18)):
        ws.set_column(col, col, width)
    ws.write_string(0, 0, t("title", lang), title)
    ws.write_string(1, 0, t("period", lang), label)
    ws.write_blank(1, 1, None, entry)
    ws.write_string(1, 2, t("period_hint", lang), note)
    ws.write_string(2, 0, t("note", lang), note)
    for col, key in enumerate(("id", "name", "contact", "phone")):
        ws.write_string(HEADER_ROW - 1, col, t(key, lang), header)
    for row in range(HEADER_ROW, HEADER_ROW + BLANK_ROWS):
        for col in range(4):
            ws.write_blank(row, col, None, entry)
    ws.freeze_panes(HEADER_ROW, 0)
    ws.activate()
    guide = book.add_worksheet(t("guide_sheet", lang))
    guide.set_column(0, 0, 110)
    plain = book.add_format(base)
    for row, line in enumerate(pick(GUIDE, lang)):
        guide.write_string(row, 0, line, title if row == 0 else plain)
    book.close()
