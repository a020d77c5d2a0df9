"""The 差异表 as one table model: every front (the checked copy, the Excel button) renders this.

A :class:`DiscrepancyTable` is a grid of :class:`TableCell` (value, style key, optional link to a
cell of the workbook), the merged ranges, the row heights and the findings-header row. The style
keys and their colours live here too, so both fronts show the same rows, columns and colours.
Rows and columns are 1-based.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from xlscore import __version__
from xlscore.cells import cell_to_rowcol
from xlscore.check.codes import CATALOGUE
from xlscore.check.findings import Finding, Report, Severity, Totals
from xlscore.form.sizing import lines_needed
from xlscore.form.wording import PASSES, pass_name
from xlscore.report.wording import COLUMNS, column_header, copy_text, severity_name
from xlscore.report.xmltext import clean

#: Fill colours (ARGB) by style key; severity keys double as the highlight of cells with findings.
FILLS = {"header": "FFD9D9D9", "error": "FFFFC7CE", "warning": "FFFFD8A8", "info": "FFDDEBF7"}
#: Font and frame colour of highlighted cells: dark red for errors, dark orange for warnings.
INKS = {"error": "FF9C0006", "warning": "FF9C5700"}
LINK_COLOUR = "FF0563C1"
#: Widths of the columns A–K, in the order of ``COLUMNS``: 应为/表中 are wide and wrap (formulas are long),
#: 处理情况/复核人 are left empty for the office's follow-up.
WIDTHS = (8, 10, 10, 20, 10, 10, 28, 28, 60, 20, 10)
MESSAGE_COL = dict((key, n) for n, (key, _) in enumerate(COLUMNS, start=1))["message"]
LAST_COL = len(COLUMNS)
WRAPPED = ("expected", "found", "message")
ROW_HEIGHT = 15.0
#: Cell styles by key → (font, fill, bordered, horizontal, vertical, wrap, quotePrefix).
CELL_STYLES: dict[str, tuple[str | None, str | None, bool, str | None, str, bool, bool]] = {
    "title": ("title", None, False, "left", "center", False, True),
    "label": ("bold", None, False, "left", "top", False, True),
    "value": (None, None, False, "left", "top", False, True),
    "header": ("bold", "header", True, "center", "center", True, True),
    "text": (None, None, True, None, "top", False, True),
    "wrap": (None, None, True, None, "top", True, True),
    "link": ("link", None, True, None, "top", False, True),
    "number": (None, None, True, None, "top", False, False),
    "error": (None, "error", True, "center", "top", False, True),
    "warning": (None, "warning", True, "center", "top", False, True),
    "info": (None, "info", True, "center", "top", False, True),
}
#: Severities whose cells are highlighted in the workbook (a note is not worth a colour).
HIGHLIGHTED = (Severity.ERROR, Severity.WARNING)


@dataclass(frozen=True)
class TableCell:
    """One cell: text is always written as text, a Decimal or int as a number; ``link`` is (sheet, cell)."""

    value: str | Decimal | int | None
    style: str
    link: tuple[str, str] | None = None


@dataclass
class DiscrepancyTable:
    cells: dict[tuple[int, int], TableCell] = field(default_factory=dict)
    merges: list[tuple[int, int, int]] = field(default_factory=list)  # (row, first col, last col)
    heights: dict[int, float] = field(default_factory=dict)
    header_row: int = 0  # the findings table's header (frozen, repeated on printed pages, autofiltered)
    last_row: int = 0
    #: Each highlighted form cell's note: (sheet, cell) → "CODE message" lines of its findings.
    notes: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def filter_range(self) -> tuple[int, int, int, int]:
        """(first row, first col, last row, last col) of the findings table, header included."""
        return self.header_row, 1, max(self.last_row, self.header_row), LAST_COL

    def put(self, row: int, col: int, value: str | Decimal | int | None, style: str,
            link: tuple[str, str] | None = None) -> None:
        self.cells[(row, col)] = TableCell(value, style, link)
        self.last_row = max(self.last_row, row)

    def merge(self, row: int, first: int, last: int) -> None:
        self.merges.append((row, first, last))

    def rows(self) -> list[list[TableCell | None]]:
        """The grid as rows of LAST_COL cells (None where nothing is written)."""
        return [[self.cells.get((row, col)) for col in range(1, LAST_COL + 1)]
                for row in range(1, self.last_row + 1)]


def discrepancy_table(report: Report, lang: str) -> DiscrepancyTable:
    """Title, file, rubric, unit and period; recomputed totals; counts; then one row per finding."""
    table = DiscrepancyTable()
    row = _heading(table, report, lang)
    row = _totals(table, report, lang, row + 2)
    row = _counts(table, report, lang, row + 1)
    table.header_row = row + 2
    _findings(table, report, lang)
    table.notes = cell_notes(report)
    return table


def _heading(table: DiscrepancyTable, report: Report, lang: str) -> int:
    missing = copy_text("missing", lang)
    table.put(1, 1, copy_text("title", lang), "title")
    table.merge(1, 1, LAST_COL)
    table.heights[1] = 24.0
    rubric = copy_text("rubric_value", lang, id=report.rubric_id or missing, version=report.rubric_version or missing,
                       sha=report.rubric_sha256 or missing)
    checked = copy_text("checked_value", lang, at=report.checked_at or missing, version=__version__)
    rows = [("checked", checked), ("file", Path(report.file).name or missing), ("file_sha", report.file_sha256 or missing),
            ("rubric", rubric), ("unit", report.unit or missing), ("period", report.period or missing)]
    for row, (label, value) in enumerate(rows, start=2):
        table.put(row, 1, copy_text(label, lang), "label")
        table.merge(row, 1, 3)
        table.put(row, 4, value, "value")
        table.merge(row, 4, LAST_COL)
    return 1 + len(rows)


def _passes(report: Report) -> list[str]:
    known = [p for p in PASSES if p in report.totals]
    return (known + [p for p in report.totals if p not in known])[:2]


def _totals(table: DiscrepancyTable, report: Report, lang: str, row: int) -> int:
    """Per section and in all: recomputed vs shown total, for each pass; returns the last row used."""
    passes = _passes(report)
    if not passes:
        return row - 1
    table.put(row, 1, copy_text("section", lang), "header")
    for col in (2, 3):
        table.put(row, col, None, "header")
    table.merge(row, 1, 3)
    for n, key in enumerate(passes):
        name = pass_name(key, lang) if key in PASSES else key
        for offset, label in enumerate((copy_text("recomputed", lang, pass_name=name),
                                        copy_text("shown", lang, pass_name=name), copy_text("agree", lang))):
            table.put(row, 4 + 3 * n + offset, label, "header")
    table.heights[row] = 2 * ROW_HEIGHT
    sections = list(dict.fromkeys([*report.section_titles, *(s for p in passes for s in report.totals[p].sections)]))
    lines = [(f"{sid} {report.section_titles.get(sid, '')}".strip(), sid) for sid in sections]
    for label, sid in [*lines, (copy_text("grand", lang), None)]:
        row += 1
        table.put(row, 1, label, "text")
        for col in (2, 3):
            table.put(row, col, None, "text")
        table.merge(row, 1, 3)
        for n, key in enumerate(passes):
            _total_cells(table, row, 4 + 3 * n, report.totals[key], report.shown_totals.get(key), sid, lang)
    return row


def _total_cells(table: DiscrepancyTable, row: int, col: int, recomputed: Totals, shown: Totals | None,
                 sid: str | None, lang: str) -> None:
    value = recomputed.grand if sid is None else recomputed.sections.get(sid)
    seen = None if shown is None else (shown.grand if sid is None else shown.sections.get(sid))
    reason = recomputed.reasons.get(sid or "")
    for offset, number in enumerate((value, seen)):
        table.put(row, col + offset, number, "number")
    if value is None and reason:  # not final: "—" and why, never a number that looks like a result
        table.put(row, col, "—", "text")
        table.put(row, col + 2, reason, "warning")
    elif value is None or seen is None:
        table.put(row, col + 2, None, "text")
    else:
        agree = value == seen
        table.put(row, col + 2, copy_text("agree_yes" if agree else "agree_no", lang), "text" if agree else "error")


def _counts(table: DiscrepancyTable, report: Report, lang: str, row: int) -> int:
    for n, severity in enumerate(Severity):
        table.put(row, 1 + 2 * n, severity_name(severity.value, lang), severity.value)
        table.put(row, 2 + 2 * n, report.count(severity), "number")
    return row


def _findings(table: DiscrepancyTable, report: Report, lang: str) -> None:
    header = table.header_row
    for col, (key, _) in enumerate(COLUMNS, start=1):
        table.put(header, col, column_header(key, lang), "header")
    if not report.findings:
        table.put(header + 1, 1, copy_text("no_findings", lang), "value")
        table.merge(header + 1, 1, LAST_COL)
        return
    for row, finding in enumerate(report.findings, start=header + 1):
        _finding_row(table, row, finding, lang)


def _finding_row(table: DiscrepancyTable, row: int, finding: Finding, lang: str) -> None:
    pass_text = pass_name(finding.pass_key, lang) if finding.pass_key in PASSES else (finding.pass_key or "")
    values = {
        "serial": finding.serial, "severity": severity_name(finding.severity.value, lang), "code": finding.code,
        "sheet": finding.sheet, "cell": finding.cell, "pass": pass_text, "expected": _shown(finding, finding.expected),
        "found": _shown(finding, finding.found), "message": finding.message, "handling": None, "reviewer": None,
    }
    styles = {"severity": finding.severity.value, **{key: "wrap" for key in WRAPPED}}
    ref = cell_reference(finding.cell)
    for col, (key, _) in enumerate(COLUMNS, start=1):
        value = values[key] if values[key] not in (None, "") else None
        link = (finding.sheet, ref) if key == "cell" and ref is not None and finding.sheet else None
        table.put(row, col, value, "link" if link else styles.get(key, "text"), link)
    columns = {key: n for n, (key, _) in enumerate(COLUMNS)}
    lines = max(lines_needed(clean(str(values[key] or ""))[:4000], WIDTHS[columns[key]]) for key in WRAPPED)
    if lines > 1:
        table.heights[row] = round(lines * ROW_HEIGHT + 3, 1)


def _shown(finding: Finding, value: str | None) -> str | None:
    """A formula with its leading ``=`` (as Excel shows it in the formula bar); other values as they are."""
    code = CATALOGUE.get(finding.code)
    if value and code is not None and code.formulas and not value.startswith("="):
        return "=" + value
    return value


MAX_ROW, MAX_COL = 1048576, 16384


def cell_reference(cell: str | None) -> str | None:
    """``G6``, ``$G$6`` or ``G5:G7`` as a plain reference inside Excel's grid, else ``None``."""
    if not cell:
        return None
    ends = cell.replace("$", "").strip().upper().split(":")
    for end in ends:
        try:
            row, col = cell_to_rowcol(end)
        except ValueError:
            return None
        if not (1 <= row <= MAX_ROW and 1 <= col <= MAX_COL):
            return None
    return ":".join(ends) if len(ends) <= 2 else None


def cell_notes(report: Report) -> dict[tuple[str, str], str]:
    """(sheet, cell) → the note of a highlighted cell: one "CODE message" line per finding there."""
    marked = highlights(report)
    notes: dict[tuple[str, str], list[str]] = {}
    for finding in report.findings:
        ref = cell_reference(finding.cell)
        if finding.sheet and ref and ref in marked.get(finding.sheet, {}):
            notes.setdefault((finding.sheet, ref), []).append(f"{finding.code} {clean(finding.message)}")
    return {key: "\n".join(lines)[:NOTE_LIMIT] for key, lines in notes.items()}


#: Characters of a cell note (Excel shows notes up to 32767; a note is for reading, not an archive).
NOTE_LIMIT = 2000


def highlights(report: Report, skip_sheets: frozenset[str] = frozenset()) -> dict[str, dict[str, Severity]]:
    """sheet → {cell reference → worst severity} of the findings to highlight.

    Within a sheet, cells come by severity (errors first), each in the order of its first finding.
    """
    out: dict[str, dict[str, Severity]] = {}
    for severity in HIGHLIGHTED:
        for finding in report.findings:
            ref = cell_reference(finding.cell)
            if finding.severity is not severity or ref is None or not finding.sheet or finding.sheet in skip_sheets:
                continue
            out.setdefault(finding.sheet, {}).setdefault(ref, severity)
    return out
