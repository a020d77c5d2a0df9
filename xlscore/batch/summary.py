"""The cross-unit summary workbook of a batch (SPEC §5): pandas aggregates, XlsxWriter writes.

Imported only when ``--summary`` is asked for, so that ``xlscore --help`` and checking one file do
not pay for pandas. Every text that came from a workbook (unit names …) is written as a string,
never as a formula.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import xlsxwriter

from xlscore.batch.runner import RunResult, Skipped
from xlscore.i18n import pick
from xlscore.atomic import write_atomically
from xlscore.report.outputs import OUTPUT_PROPERTY, SUMMARY

WORDS = {
    "units": {"zh": "单位汇总", "en": "Units"},
    "items": {"zh": "各项考评分", "en": "Item scores"},
    "chart": {"zh": "考评总分图", "en": "Chart"},
    "failed": {"zh": "未校验文件", "en": "Not checked"},
    "title": {"zh": "考核结果汇总", "en": "Assessment summary"},
    "unit": {"zh": "单位", "en": "Unit"},
    "period": {"zh": "考核期间", "en": "Period"},
    "self": {"zh": "自查", "en": "Self-check"},
    "assessed": {"zh": "考评", "en": "Assessed"},
    "section": {"zh": "第{id}部分", "en": "Section {id}"},
    "grand": {"zh": "总分", "en": "total"},
    "rank": {"zh": "排名", "en": "Rank"},
    "gap": {"zh": "考评−自查", "en": "Assessed − self"},
    "errors": {"zh": "错误数", "en": "Errors"},
    "warnings": {"zh": "警告数", "en": "Warnings"},
    "copy": {"zh": "校验副本", "en": "Checked copy"},
    "file": {"zh": "文件", "en": "File"},
    "reason": {"zh": "原因", "en": "Reason"},
    "lowest": {"zh": "红色加粗为该项各单位中的最低分。", "en": "Bold red marks the lowest score of each item."},
    "chart_title": {"zh": "各单位考评总分", "en": "Assessed total by unit"},
    "open": {"zh": "打开", "en": "open"},
}


def w(key: str, lang: str, **values: object) -> str:
    return pick(WORDS[key], lang).format(**values)


@dataclass
class UnitRow:
    """What the summary needs of one checked file (findings are not kept)."""

    file: str
    unit: str
    period: str
    sections: dict[str, dict[str, Decimal]]  # pass → section id → recomputed total
    grand: dict[str, Decimal]  # pass → recomputed grand total
    errors: int
    warnings: int
    copy: str | None
    items: dict[str, Decimal] = field(default_factory=dict)  # 序号 → recomputed 考评分


@dataclass
class Failure:
    file: str
    reason: str


def unit_row(result: RunResult) -> UnitRow | Failure:
    report = result.report
    if report.unreadable is not None:
        return Failure(report.file, report.unreadable)
    unit = report.unit or Path(report.file).stem
    return UnitRow(
        report.file, unit, report.period or "",
        {p: dict(t.sections) for p, t in report.totals.items()},
        {p: t.grand for p, t in report.totals.items()},
        report.errors, report.warnings, str(result.copy) if result.copy else None,
        {key.split(":", 1)[1]: score for key, score in report.item_scores.get("assessed", {}).items()},
    )


def units_frame(rows: list[UnitRow], lang: str) -> pd.DataFrame:
    """One row per unit with totals per section and pass, rank (ties share a rank) and the gap."""
    sections = sorted({s for r in rows for t in r.sections.values() for s in t}, key=_natural)
    records = []
    for r in rows:
        record: dict[str, object] = {w("unit", lang): r.unit, w("period", lang): r.period}
        for p, label in (("self_check", "self"), ("assessed", "assessed")):
            for s in sections:
                record[f"{w(label, lang)} {w('section', lang, id=s)}"] = float(r.sections.get(p, {}).get(s, Decimal(0)))
            record[f"{w(label, lang)}{w('grand', lang)}"] = float(r.grand.get(p, Decimal(0)))
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        return frame
    assessed = f"{w('assessed', lang)}{w('grand', lang)}"
    own = f"{w('self', lang)}{w('grand', lang)}"
    frame[w("rank", lang)] = frame[assessed].rank(method="min", ascending=False).astype(int)
    frame[w("gap", lang)] = frame[assessed] - frame[own]
    frame[w("errors", lang)] = [r.errors for r in rows]
    frame[w("warnings", lang)] = [r.warnings for r in rows]
    frame[w("file", lang)] = [Path(r.file).name for r in rows]
    frame["_copy"] = [r.copy for r in rows]
    return frame.sort_values([w("rank", lang), w("unit", lang)], kind="stable").reset_index(drop=True)


def items_frame(rows: list[UnitRow], lang: str) -> pd.DataFrame:
    """Units × items matrix of 考评分."""
    serials = list(dict.fromkeys(s for r in rows for s in r.items))  # rubric order, as every report lists them
    data = {r.unit: {s: float(r.items[s]) if s in r.items else None for s in serials} for r in rows}
    frame = pd.DataFrame.from_dict(data, orient="index", columns=serials)
    frame.index.name = w("unit", lang)
    return frame


def _natural(text: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in text.replace(".", " ").split())


def write_summary(
    path: Path, rows: list[UnitRow], failures: list[Failure], skipped: list[Skipped], lang: str = "zh"
) -> Path:
    """Write the summary workbook atomically."""
    return write_atomically(path, lambda handle: _write(handle, path.parent, rows, failures, skipped, lang))


def _write(tmp: BinaryIO, folder: Path, rows: list[UnitRow], failures: list[Failure], skipped: list[Skipped], lang: str) -> None:
    book = xlsxwriter.Workbook(tmp, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
    })
    book.set_custom_property(OUTPUT_PROPERTY, SUMMARY)  # a later run recognises (and skips) its own summary
    fmt = _formats(book)
    units = units_frame(rows, lang)
    _units_sheet(book, fmt, units, folder, lang)
    _items_sheet(book, fmt, items_frame(rows, lang), lang)
    _chart_sheet(book, units, lang)
    _failed_sheet(book, fmt, failures, skipped, lang)
    for sheet in book.worksheets():
        sheet.set_paper(9)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
    book.close()


def _formats(book: xlsxwriter.Workbook) -> dict[str, object]:
    base = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter"}
    return {
        "title": book.add_format({"font_name": "宋体", "bold": True, "font_size": 14}),
        "header": book.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True, "align": "center"}),
        "text": book.add_format(base),
        "number": book.add_format({**base, "num_format": "0.##"}),
        "link": book.add_format({**base, "font_color": "blue", "underline": 1}),
        "lowest": book.add_format({"bold": True, "font_color": "#C00000"}),
        "note": book.add_format({"font_name": "宋体", "italic": True, "font_color": "#595959"}),
    }


def _units_sheet(book, fmt, units: pd.DataFrame, folder: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    ws = book.add_worksheet(w("units", lang))
    ws.write_string(0, 0, w("title", lang), fmt["title"])
    columns = [c for c in units.columns if not c.startswith("_")]
    for col, name in enumerate(columns + [w("copy", lang)]):
        ws.write_string(2, col, name, fmt["header"])
        ws.set_column(col, col, 16 if col == 0 else 11)
    for row, record in enumerate(units.to_dict("records"), start=3):
        for col, name in enumerate(columns):
            value = record[name]
            if isinstance(value, str):
                ws.write_string(row, col, value, fmt["text"])
            else:
                ws.write_number(row, col, float(value), fmt["number"])
        copy = record.get("_copy")
        if copy:
            target = os.path.relpath(copy, folder)
            ws.write_url(row, len(columns), f"external:{target}", fmt["link"], string=Path(copy).name)
        else:
            ws.write_blank(row, len(columns), None, fmt["text"])
    ws.freeze_panes(3, 1)
    ws.set_row(2, 36)


def _items_sheet(book, fmt, items: pd.DataFrame, lang: str) -> None:  # type: ignore[no-untyped-def]
    ws = book.add_worksheet(w("items", lang))
    ws.write_string(0, 0, w("lowest", lang), fmt["note"])
    ws.write_string(1, 0, w("unit", lang), fmt["header"])
    ws.set_column(0, 0, 16)
    for col, serial in enumerate(items.columns, start=1):
        ws.write_string(1, col, str(serial), fmt["header"])
    for row, (unit, values) in enumerate(items.iterrows(), start=2):
        ws.write_string(row, 0, str(unit), fmt["text"])
        for col, value in enumerate(values, start=1):
            if pd.isna(value):
                ws.write_blank(row, col, None, fmt["text"])
            else:
                ws.write_number(row, col, float(value), fmt["number"])
    last = 1 + len(items.index)
    for col in range(1, len(items.columns) + 1):
        if len(items.index):
            ws.conditional_format(2, col, last, col, {"type": "bottom", "value": 1, "format": fmt["lowest"]})
    ws.freeze_panes(2, 1)


def _chart_sheet(book, units: pd.DataFrame, lang: str) -> None:  # type: ignore[no-untyped-def]
    ws = book.add_worksheet(w("chart", lang))
    if units.empty:
        return
    assessed = f"{w('assessed', lang)}{w('grand', lang)}"
    # Unit names come from the workbooks: strings, never URLs or formulas (write_column would guess).
    for row, (unit, total) in enumerate(zip(units[w("unit", lang)], units[assessed])):
        ws.write_string(row, 0, str(unit))
        ws.write_number(row, 1, float(total))
    ws.set_column(0, 1, None, None, {"hidden": True})
    chart = book.add_chart({"type": "bar"})
    n = len(units.index)
    chart.add_series({
        "name": assessed, "categories": [ws.name, 0, 0, n - 1, 0], "values": [ws.name, 0, 1, n - 1, 1],
        "data_labels": {"value": True},
    })
    chart.set_title({"name": w("chart_title", lang)})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    chart.set_x_axis({"min": 0})
    chart.set_size({"width": 760, "height": max(320, 28 * n + 120)})
    ws.insert_chart(0, 2, chart)


def _failed_sheet(book, fmt, failures: list[Failure], skipped: list[Skipped], lang: str) -> None:  # type: ignore[no-untyped-def]
    ws = book.add_worksheet(w("failed", lang))
    ws.write_string(0, 0, w("file", lang), fmt["header"])
    ws.write_string(0, 1, w("reason", lang), fmt["header"])
    ws.set_column(0, 0, 50)
    ws.set_column(1, 1, 80)
    # xlscore's own checked copies are skipped on purpose; they are not files that failed.
    notes = [s for s in skipped if s.reason not in ("checked", "summary")]
    entries = [(f.file, f.reason) for f in failures] + [(str(s.path), s.message(lang).split(": ", 1)[-1]) for s in notes]
    for row, (file, reason) in enumerate(entries, start=1):
        ws.write_string(row, 0, file, fmt["text"])
        ws.write_string(row, 1, reason, fmt["text"])
