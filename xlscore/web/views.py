"""What the page shows of a checked file, taken from the library's own views of a report.

The row's unit, counts and recomputed totals are the JSON report's; the findings are the rows
of the 差异表 table model, in its order and words. Nothing here computes a score or words a finding.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from xlscore.check.findings import Report
from xlscore.report.render import report_json
from xlscore.report.table import TableCell, discrepancy_table
from xlscore.form.wording import pass_name

PASS_ORDER = ("self_check", "assessed")


def status_of(report: Report) -> str:
    """The file's verdict as a word key: could not check, errors found, or complete."""
    if report.unreadable is not None:
        return "unreadable"
    return "errors" if report.errors else "complete"


def file_row(index: int, display: str, report: Report | None, failure: str | None, lang: str) -> dict[str, Any]:
    """One line of the results table (JSON for the page's script)."""
    row: dict[str, Any] = {"index": index, "file": display}
    if report is None:
        row.update(status="failed", message=failure or "")
        return row
    data = report_json(report)
    if report.unreadable is not None:
        row.update(status="unreadable", message=report.unreadable)
        return row
    totals = data["totals"]
    row.update(
        status=status_of(report),
        unit=data["unit"] or "",
        counts=data["counts"],
        totals=[{"pass": pass_name(p, lang), "grand": totals[p]["grand"]} for p in PASS_ORDER if p in totals],
        findings=len(report.findings),
    )
    return row


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
