"""The 差异表 table model written as worksheet XML for the checked copy (inline strings only)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from xlscore.cells import quote_sheet, rowcol_to_cell
from xlscore.report.package import MAIN_NS, REL_NS
from xlscore.report.table import LAST_COL, ROW_HEIGHT, WIDTHS, DiscrepancyTable, TableCell
from xlscore.report.wording import copy_text
from xlscore.report.xmltext import XML_DECL, clean, escape, number_text, quote

MAX_LINKS = 65530  # hyperlinks Excel keeps per worksheet


def sheet_xml(table: DiscrepancyTable, xf: dict[str, int], can_link: Callable[[str], bool], lang: str) -> str:
    """The worksheet part; ``xf`` maps style keys to cellXfs indexes, ``can_link(sheet)`` says whether a
    link to that sheet would land (it is a worksheet of this workbook)."""
    rows: dict[int, list[str]] = {}
    links: list[str] = []
    for (row, col), cell in sorted(table.cells.items()):
        style = cell.style
        if cell.link is not None and can_link(cell.link[0]) and len(links) < MAX_LINKS:
            sheet, ref = cell.link
            location = f"{quote_sheet(sheet)}!{ref}"
            links.append(f'<hyperlink ref="{rowcol_to_cell(row, col)}" location={quote(location)} '
                         f"display={quote(ref)}/>")
        elif style == "link":
            style = "text"
        rows.setdefault(row, []).append(_cell(row, col, cell, xf[style]))
    header, last = table.header_row, table.last_row
    top = header + 1
    view = (f'<sheetView tabSelected="1" workbookViewId="0"><pane ySplit="{header}" topLeftCell="A{top}" '
            f'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A{top}" '
            f'sqref="A{top}"/></sheetView>')
    cols = "".join(f'<col min="{n}" max="{n}" width="{w}" customWidth="1"/>' for n, w in enumerate(WIDTHS, start=1))
    merged = [f"{rowcol_to_cell(r, a)}:{rowcol_to_cell(r, b)}" for r, a, b in table.merges]
    merges = (f'<mergeCells count="{len(merged)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merged)
              + "</mergeCells>") if merged else ""
    hyperlinks = f"<hyperlinks>{''.join(links)}</hyperlinks>" if links else ""
    return (
        f'{XML_DECL}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        f'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{rowcol_to_cell(last, LAST_COL)}"/>'
        f"<sheetViews>{view}</sheetViews>"
        f'<sheetFormatPr defaultRowHeight="{ROW_HEIGHT:g}"/><cols>{cols}</cols>'
        f"<sheetData>{_rows(rows, table.heights)}</sheetData>{_autofilter(table)}{merges}{hyperlinks}"
        '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        f"<headerFooter><oddFooter>{escape(copy_text('footer', lang))}</oddFooter></headerFooter>"
        "</worksheet>"
    )


def _autofilter(table: DiscrepancyTable) -> str:
    """A filter on the findings table (by severity, code, sheet …), when it has findings."""
    first, left, last, right = table.filter_range
    if last <= first:
        return ""
    return f'<autoFilter ref="{rowcol_to_cell(first, left)}:{rowcol_to_cell(last, right)}"/>'


def _cell(row: int, col: int, cell: TableCell, xf: int) -> str:
    ref = rowcol_to_cell(row, col)
    value = cell.value
    if value is None:
        return f'<c r="{ref}" s="{xf}"/>'
    if isinstance(value, int) or (isinstance(value, Decimal) and value.is_finite()):
        shown = number_text(value) if isinstance(value, Decimal) else str(value)
        return f'<c r="{ref}" s="{xf}"><v>{shown}</v></c>'
    # Any text, typed or copied, as an inline string with a quotePrefix style: never a formula.
    return f'<c r="{ref}" s="{xf}" t="inlineStr"><is><t xml:space="preserve">{escape(clean(value))}</t></is></c>'


def _rows(rows: dict[int, list[str]], heights: dict[int, float]) -> str:
    out = []
    for row in sorted(rows):
        height = heights.get(row)
        size = f' ht="{height:g}" customHeight="1"' if height else ""
        out.append(f'<row r="{row}"{size}>{"".join(rows[row])}</row>')
    return "".join(out)
