"""What the page shows of a checked file, taken from the library's own views of a report.

The row's unit, counts and recomputed totals are the JSON report's; the findings are the rows
of the 差异表 table model, in its order and words. Nothing here computes a score or words a finding.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from xlscore.batch.runner import RunResult
from xlscore.check.findings import Report
from xlscore.report.render import report_json
from xlscore.report.table import TableCell, discrepancy_table
from xlscore.form.wording import pass_name

PASS_ORDER = ("self_check", "assessed")


def file_row(index: int, display: str, result: RunResult | None, failure: str | None, lang: str) -> dict[str, Any]:
    """One line of the results table (JSON for the page's script); the status is the summary's."""
    from xlscore.batch.summary import UnitRow, unit_row
    from xlscore.batch.words import w

    row: dict[str, Any] = {"index": index, "file": display}
    if result is None:
        row.update(status="failed", message=failure or "")
        return row
    report = result.report
    if report.unreadable is not None:
        row.update(status="unreadable", message=report.unreadable)
        return row
    data, unit = report_json(report), unit_row(result)
    totals = data["totals"]
    status = unit.status if isinstance(unit, UnitRow) else "errors"
    row.update(
        status=status,
        status_text=w(f"status_{status}", lang),  # the summary workbook's word for it
        unit=data["unit"] or "",
        counts=data["counts"],
        totals=[{"pass": pass_name(p, lang), "grand": _shown_total(totals[p])} for p in PASS_ORDER if p in totals],
        findings=len(report.findings),
    )
    return row


def _shown_total(total: dict[str, Any]) -> str:
    """The grand total, or the 差异表's "—" for a pass that is not final (never a number that looks final)."""
    return total["grand"] if total["grand"] is not None else "—"


def frame_view(frame: Any, index_name: str | None = None, percent: bool = False) -> dict[str, Any]:
    """A summary frame as header and text rows for the page (columns starting with ``_`` are the workbook's own)."""
    if index_name is not None:
        frame = frame.rename_axis(index_name).reset_index()
    columns = [c for c in frame.columns if not str(c).startswith("_")]
    rows = [[_number_text(record[c], percent and n > 0) for n, c in enumerate(columns)]
            for record in frame.to_dict("records")]
    return {"columns": [str(c) for c in columns], "rows": rows}


def _number_text(value: object, percent: bool) -> str:
    if isinstance(value, float):
        if value != value:
            return ""
        number = Decimal(repr(value))
        return f"{(number * 100).quantize(Decimal('0.1'))}%" if percent else format(number.normalize(), "f")
    return str(value)


def findings_table(report: Report, lang: str) -> dict[str, Any]:
    """The findings part of the 差异表 table model: its column headers and one row of text per finding."""
    table = discrepancy_table(report, lang)
    rows = table.rows()
    header = [_text(cell) for cell in rows[table.header_row - 1]]
    lines = [[_text(cell) for cell in row] for row in rows[table.header_row:]] if report.findings else []
    severity = [row[1].style if row[1] is not None else "" for row in rows[table.header_row:]] if report.findings else []
    return {"columns": header, "rows": lines, "severity": severity}


def _text(cell: TableCell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    if isinstance(cell.value, Decimal):
        return format(cell.value.normalize(), "f")
    return str(cell.value)
