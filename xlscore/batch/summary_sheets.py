"""The sheets of the cross-unit summary workbook, drawn with XlsxWriter from the frames of ``summary``.

Texts from workbooks (unit names, periods, file names) are always written with ``write_string``.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path

import pandas as pd
import xlsxwriter

from xlscore.batch.runner import Skipped
from xlscore.batch.words import w
from xlscore.form.sizing import LINE_HEIGHT, display_width, lines_needed

FONT = "宋体"
#: Item columns of 各项考评分 (部分, 序号, 项目, 标准分), repeated on every printed page across.
ITEM_COLUMNS = 4
NAME_WIDTH = 26


def formats(book: xlsxwriter.Workbook) -> dict[str, object]:
    base = {"font_name": FONT, "font_size": 10, "border": 1, "valign": "vcenter"}
    return {
        "title": book.add_format({"font_name": FONT, "bold": True, "font_size": 14}),
        "subtitle": book.add_format({"font_name": FONT, "font_size": 10}),
        "header": book.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True, "align": "center"}),
        "text": book.add_format(base),
        "wrap": book.add_format({**base, "text_wrap": True}),
        "number": book.add_format({**base, "num_format": "0.##"}),
        "percent": book.add_format({**base, "num_format": "0.0%"}),
        "link": book.add_format({**base, "font_color": "blue", "underline": 1}),
        "lowest": book.add_format({"bold": True, "font_color": "#C00000"}),
        "note": book.add_format({"font_name": FONT, "font_size": 9, "italic": True, "font_color": "#595959"}),
        "sign": book.add_format({"font_name": FONT, "font_size": 10}),
    }


def _fit(values: list[object], floor: float = 6, ceiling: float = 40) -> float:
    """A column width that fits its longest text (CJK counts double)."""
    longest = max((display_width(str(v)) for v in values if v is not None and v == v), default=0)
    return min(ceiling, max(floor, math.ceil(longest * 1.1) + 2))  # 宋体 draws a little wider than the estimate


def _cell(ws, row: int, col: int, value: object, fmt: dict[str, object], number: str = "number") -> None:  # type: ignore[no-untyped-def]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        ws.write_blank(row, col, None, fmt["text"])
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt["text"])
    else:
        ws.write_number(row, col, float(value), fmt[number])


def _copy_of(record: dict[str, object]) -> str | None:
    """A row's checked copy; a row without one reads NaN once pandas has seen a column of paths and gaps."""
    copy = record.get("_copy")
    return copy if isinstance(copy, str) and copy else None


def _heading(ws, fmt, title: str, subtitle: str) -> None:  # type: ignore[no-untyped-def]
    ws.write_string(0, 0, title, fmt["title"])
    ws.write_string(1, 0, subtitle, fmt["subtitle"])
    ws.set_row(0, 22)


def units_sheet(book, fmt, units: pd.DataFrame, folder: Path, lang: str, period: str, made: dt.date) -> None:  # type: ignore[no-untyped-def]
    ws = book.add_worksheet(w("units", lang))
    columns = [c for c in units.columns if not c.startswith("_")]
    _heading(ws, fmt, w("title", lang), w("subtitle", lang, period=period or "—", date=made.isoformat()))
    records = units.to_dict("records")
    for col, name in enumerate(columns + [w("copy", lang)]):
        ws.write_string(2, col, name, fmt["header"])
        values = [r.get(name) for r in records] if name in units.columns else [Path(r["_copy"]).name for r in records if _copy_of(r)]
        header_width = display_width(name) / 2 + 2  # headers wrap onto two lines
        ws.set_column(col, col, max(_fit(values), header_width))
    for row, record in enumerate(records, start=3):
        for col, name in enumerate(columns):
            _cell(ws, row, col, record[name], fmt)
        copy = _copy_of(record)
        if copy:
            target = os.path.relpath(copy, folder)
            ws.write_url(row, len(columns), f"external:{target}", fmt["link"], string=Path(copy).name)
        else:
            ws.write_blank(row, len(columns), None, fmt["text"])
    last = 3 + len(records)
    ws.write_string(last + 1, 0, w("status_note", lang), fmt["note"])
    ws.write_string(last + 3, 0, w("signers", lang), fmt["sign"])
    ws.freeze_panes(3, 2)
    ws.set_row(2, 36)
    ws.repeat_rows(2)
    _print(ws, landscape=True, fit_width=True)


def items_sheet(book, fmt, items: pd.DataFrame, lang: str) -> None:  # type: ignore[no-untyped-def]
    ws = book.add_worksheet(w("items", lang))
    ws.write_string(0, 0, w("items_title", lang), fmt["title"])
    ws.write_string(1, 0, w("lowest", lang), fmt["note"])
    columns = list(items.columns)
    records = items.to_dict("records")
    for col, name in enumerate(columns):
        ws.write_string(2, col, str(name), fmt["header"])
        values = [r.get(name) for r in records]
        if col == 2:
            ws.set_column(col, col, NAME_WIDTH)  # 项目 wraps
        else:
            ws.set_column(col, col, max(_fit(values), display_width(str(name)) / 2 + 3, 6 if col < ITEM_COLUMNS else 10))
    ws.set_row(2, 32)
    for row, record in enumerate(records, start=3):
        for col, name in enumerate(columns):
            value = record[name]
            if col == 2:
                ws.write_string(row, col, str(value or ""), fmt["wrap"])
                ws.set_row(row, max(15, lines_needed(str(value or ""), NAME_WIDTH) * LINE_HEIGHT + 2))
            else:
                _cell(ws, row, col, value, fmt)
    units = len(columns) - ITEM_COLUMNS
    last = 2 + len(records)
    if units > 1 and records:
        first_col = ITEM_COLUMNS
        a, b = xlsxwriter.utility.xl_col_to_name(first_col), xlsxwriter.utility.xl_col_to_name(len(columns) - 1)
        # The lowest score of a row, only where the units differ (a tie of all is no news).
        ws.conditional_format(3, first_col, last, len(columns) - 1, {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({a}4),COUNT(${a}4:${b}4)>1,MIN(${a}4:${b}4)<MAX(${a}4:${b}4),{a}4=MIN(${a}4:${b}4))",
            "format": fmt["lowest"],
        })
    ws.freeze_panes(3, ITEM_COLUMNS)
    ws.repeat_rows(2)
    ws.repeat_columns(0, ITEM_COLUMNS - 1)
    _print(ws, landscape=True, fit_width=False)


def chart_sheet(book, fmt, units: pd.DataFrame, rates: pd.DataFrame, lang: str) -> None:  # type: ignore[no-untyped-def]
    """得分率 by section and unit (clustered bars on an axis that starts near the lowest rate), and the
    考评 − 自查 gap by unit; the data sit in a small visible table beside the charts."""
    ws = book.add_worksheet(w("chart", lang))
    if rates.empty:
        return
    ws.write_string(0, 0, w("unit", lang), fmt["header"])
    for col, label in enumerate(rates.columns, start=1):
        ws.write_string(0, col, str(label), fmt["header"])
    gap_col = len(rates.columns) + 1
    ws.write_string(0, gap_col, w("gap", lang), fmt["header"])
    gaps = dict(zip(units[w("unit", lang)], units[w("gap", lang)])) if not units.empty else {}
    for row, (unit, values) in enumerate(rates.iterrows(), start=1):
        ws.write_string(row, 0, str(unit), fmt["text"])
        for col, value in enumerate(values, start=1):
            _cell(ws, row, col, value, fmt, "percent")
        _cell(ws, row, gap_col, gaps.get(unit), fmt)
    n = len(rates.index)
    ws.set_column(0, 0, _fit([str(u) for u in rates.index], 8, 30))
    ws.set_column(1, gap_col, 10)
    low = float(pd.to_numeric(rates.stack(), errors="coerce").min())
    low = 0.0 if math.isnan(low) else low  # no complete unit: no rate to start the axis at
    chart = book.add_chart({"type": "column"})
    for col, label in enumerate(rates.columns, start=1):
        chart.add_series({"name": [ws.name, 0, col], "categories": [ws.name, 1, 0, n, 0], "values": [ws.name, 1, col, n, col],
                          "data_labels": {"value": True, "num_format": "0.0%"}})
    chart.set_title({"name": w("rates_title", lang)})
    # Start the axis a little below the lowest rate: differences of a few per cent must show.
    chart.set_y_axis({"min": max(0.0, math.floor(low * 20 - 1) / 20), "max": 1, "num_format": "0%",
                      "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 720, "height": 340})
    ws.insert_chart(n + 2, 0, chart)
    gap = book.add_chart({"type": "bar"})
    gap.add_series({"name": w("gap", lang), "categories": [ws.name, 1, 0, n, 0], "values": [ws.name, 1, gap_col, n, gap_col],
                    "data_labels": {"value": True}, "invert_if_negative": False})
    gap.set_title({"name": w("gap_title", lang)})
    gap.set_legend({"none": True})
    # In a bar chart XlsxWriter's y axis is the category axis: first unit on top, names left of the bars.
    gap.set_y_axis({"reverse": True, "label_position": "low"})
    gap.set_size({"width": 720, "height": max(220, 26 * n + 100)})
    ws.insert_chart(n + 21, 0, gap)
    _print(ws, landscape=False, fit_width=True)


def failed_sheet(book, fmt, failures: list, skipped: list[Skipped], lang: str) -> None:  # type: ignore[no-untyped-def]
    # xlscore's own checked copies are skipped on purpose; they are not files that failed.
    notes = [s for s in skipped if s.reason not in ("checked", "summary")]
    entries = [(f.file, f.reason) for f in failures] + [(str(s.path), s.message(lang).split(": ", 1)[-1]) for s in notes]
    if not entries:
        return  # no empty sheet to print
    ws = book.add_worksheet(w("failed", lang))
    ws.write_string(0, 0, w("file", lang), fmt["header"])
    ws.write_string(0, 1, w("reason", lang), fmt["header"])
    ws.set_column(0, 0, _fit([e[0] for e in entries], 20, 60))
    ws.set_column(1, 1, 80)
    for row, (file, reason) in enumerate(entries, start=1):
        ws.write_string(row, 0, file, fmt["text"])
        ws.write_string(row, 1, reason, fmt["wrap"])
    _print(ws, landscape=True, fit_width=True)


def _print(ws, *, landscape: bool, fit_width: bool) -> None:  # type: ignore[no-untyped-def]
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    if fit_width:
        ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C&P / &N")
