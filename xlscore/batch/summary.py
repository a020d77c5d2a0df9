"""The cross-unit summary workbook of a batch (SPEC §5): pandas aggregates, XlsxWriter writes.

Imported only when ``--summary`` is asked for, so that ``xlscore --help`` and checking one file do
not pay for pandas. Every text that came from a workbook (unit names …) is written as a string,
never as a formula. The sheets themselves are drawn by ``xlscore.batch.summary_sheets``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Callable

import pandas as pd
import xlsxwriter

from xlscore.atomic import write_atomically
from xlscore.batch.runner import RunResult, Skipped
from xlscore.batch.words import w
from xlscore.clock import now
from xlscore.report.outputs import OUTPUT_PROPERTY, SUMMARY



@dataclass
class UnitRow:
    """What the summary needs of one checked file (findings are not kept)."""

    file: str
    unit: str
    period: str
    sections: dict[str, dict[str, Decimal | None]]  # pass → section id → recomputed total (None: not final)
    grand: dict[str, Decimal | None]  # pass → recomputed grand total (None: not final)
    errors: int
    warnings: int
    copy: str | None
    items: dict[str, Decimal | None] = field(default_factory=dict)  # "s:序号" → recomputed 考评分
    status: str = "complete"  # complete, incomplete or errors: only a complete report (no pass unfinished) is ranked
    item_heads: dict[str, tuple[str, Decimal]] = field(default_factory=dict)  # "s:序号" → (项目, 标准分)
    section_titles: dict[str, str] = field(default_factory=dict)
    passes: str = ""  # each pass's state as the report says it (自查已完成,考评未完成 2 项)


@dataclass
class Failure:
    file: str
    reason: str


def unit_row(result: RunResult) -> UnitRow | Failure:
    report = result.report
    if report.unreadable is not None:
        return Failure(report.file, report.unreadable)
    unit = report.unit or Path(report.file).stem
    status = "incomplete" if not report.complete else "errors" if report.errors else "complete"
    return UnitRow(
        report.file, unit, report.period or "",
        {p: dict(t.sections) for p, t in report.totals.items()},
        {p: t.grand for p, t in report.totals.items()},
        report.errors, report.warnings, str(result.copy) if result.copy else None,
        dict(report.item_scores.get("assessed", {})), status, dict(report.item_heads), dict(report.section_titles),
        _passes(report),
    )


def _passes(report) -> str:  # type: ignore[no-untyped-def]
    from xlscore.report.render import status_line

    return status_line(report, "zh")


def section_ids(rows: list[UnitRow]) -> list[str]:
    return sorted({s for r in rows for t in r.sections.values() for s in t}, key=_natural)


def scoreable(rows: list[UnitRow]) -> dict[str, Decimal]:
    """Section id → the points its items can give (from the first report that lists them); "" → all."""
    heads = next((r.item_heads for r in rows if r.item_heads), {})
    out: dict[str, Decimal] = {}
    for key, (_name, standard) in heads.items():
        section = key.split(":", 1)[0]
        out[section] = out.get(section, Decimal(0)) + standard
    out[""] = sum(out.values(), Decimal(0))
    return out


def units_frame(rows: list[UnitRow], lang: str) -> pd.DataFrame:
    """One row per unit with totals per section and pass, rank (ties share a rank) and the gap."""
    sections = section_ids(rows)
    records = []
    for r in rows:
        status = w(f"status_{r.status}", lang)
        if r.status == "incomplete" and r.passes and lang != "en":
            status += f"({r.passes})"
        record: dict[str, object] = {w("unit", lang): r.unit, w("period", lang): r.period, w("status", lang): status}
        for p, label in (("self_check", "self"), ("assessed", "assessed")):
            for s in sections:
                record[f"{w(label, lang)} {w('section', lang, id=s)}"] = _float(r.sections.get(p, {}).get(s))
            record[f"{w(label, lang)}{w('grand', lang)}"] = _float(r.grand.get(p))
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        return frame
    assessed = f"{w('assessed', lang)}{w('grand', lang)}"
    own = f"{w('self', lang)}{w('grand', lang)}"
    # Only complete units are ranked, among themselves: an unfinished one has no total that looks final.
    ranked = frame[assessed].where([r.status != "incomplete" for r in rows])
    frame[w("rank", lang)] = ranked.rank(method="min", ascending=False).astype("Int64")
    frame[w("gap", lang)] = frame[assessed] - frame[own]
    frame[w("errors", lang)] = [r.errors for r in rows]
    frame[w("warnings", lang)] = [r.warnings for r in rows]
    frame[w("file", lang)] = [Path(r.file).name for r in rows]
    frame["_copy"] = [r.copy for r in rows]
    frame = frame.sort_values([w("rank", lang), w("unit", lang)], kind="stable", na_position="last").reset_index(drop=True)
    leading = [w("rank", lang), w("unit", lang), w("period", lang), w("status", lang)]
    return frame[leading + [c for c in frame.columns if c not in leading]]


def items_frame(rows: list[UnitRow], lang: str) -> pd.DataFrame:
    """Items × units of 考评分: one row per item (section, 序号, 项目, 标准分), one column per unit."""
    keys = list(dict.fromkeys(k for r in rows for k in (r.item_heads or r.items)))  # rubric order
    heads = next((r.item_heads for r in rows if r.item_heads), {})
    records = []
    for key in keys:
        section, serial = key.split(":", 1)
        name, standard = heads.get(key, ("", None))
        record: dict[str, object] = {
            w("section_col", lang): section, w("serial", lang): serial, w("item", lang): name,
            w("standard", lang): float(standard) if standard is not None else None,
        }
        for r in rows:
            record[r.unit] = _float(r.items.get(key))
        records.append(record)
    return pd.DataFrame.from_records(records)


def rates_frame(rows: list[UnitRow], lang: str) -> pd.DataFrame:
    """Units × sections (and the whole) of 考评得分率 = score ÷ scoreable 标准分."""
    points = scoreable(rows)
    columns = [s for s in section_ids(rows) if points.get(s)] + [""]
    data = {}
    for r in rows:
        scores = {**r.sections.get("assessed", {}), "": r.grand.get("assessed")}
        data[r.unit] = [_rate(scores.get(s), points.get(s)) for s in columns]
    labels = [w("section", lang, id=s) if s else w("overall", lang) for s in columns]
    return pd.DataFrame.from_dict(data, orient="index", columns=labels)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _rate(score: Decimal | None, points: Decimal | None) -> float | None:
    return float(score / points) if score is not None and points else None


def _natural(text: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in text.replace(".", " ").split())


def made_on() -> dt.date:
    """The date printed as 制表日期: today, or SOURCE_DATE_EPOCH for reproducible example files."""
    return now().date()


def write_summary(
    path: Path, rows: list[UnitRow], failures: list[Failure], skipped: list[Skipped], lang: str = "zh",
    lead: Callable[[xlsxwriter.Workbook, dict[str, object]], None] | None = None,
) -> Path:
    """Write the summary workbook atomically; ``lead`` draws a first sheet (with the summary's formats) before the others."""
    return write_atomically(path, lambda handle: _write(handle, path.parent, rows, failures, skipped, lang, lead))


def _write(tmp: BinaryIO, folder: Path, rows: list[UnitRow], failures: list[Failure], skipped: list[Skipped], lang: str,
           lead: Callable[[xlsxwriter.Workbook, dict[str, object]], None] | None = None) -> None:
    from xlscore.batch import summary_sheets as sheets

    book = xlsxwriter.Workbook(tmp, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
    })
    book.set_custom_property(OUTPUT_PROPERTY, SUMMARY)  # a later run recognises (and skips) its own summary
    fmt = sheets.formats(book)
    if lead is not None:
        lead(book, fmt)
    units = units_frame(rows, lang)
    periods = sorted({r.period for r in rows if r.period})
    sheets.units_sheet(book, fmt, units, folder, lang, "、".join(periods), made_on())
    sheets.items_sheet(book, fmt, items_frame(rows, lang), lang)
    sheets.chart_sheet(book, fmt, units, rates_frame(rows, lang), lang)
    sheets.failed_sheet(book, fmt, failures, skipped, lang)
    book.close()
