"""The thin xlwings part: read the calling workbook, run the checker, write 差异表 and highlights.

Everything that does not need Excel (grids to the neutral structure, the report's rows, which cells
to colour) lives in :mod:`xlscore.excel.grid`; this module only moves data through xlwings.
xlwings is imported inside functions, so ``import xlscore.excel`` works without it. The public
functions never raise: each returns (and prints, and shows in Excel when attached) a message.

The cells' original fill colours are kept in a hidden sheet, so ``clear_caller()`` (and the next
check) restores them exactly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from xlscore.excel.messages import message
from xlscore.i18n import pick

#: The hidden sheet that remembers the highlighted cells' original colours (row 1: marker, report sheet).
STORE_SHEET = "_xlscore_highlights"
STORE_MARKER = "xlscore highlights"
NO_COLOUR = "none"
TITLE = "xlscore"


def check_caller(lang: str = "zh") -> str:
    """Check the workbook that called this through RunPython; returns the message shown to the user."""
    return _run(check_book, lang)


def clear_caller(lang: str = "zh") -> str:
    """Remove 差异表 and the highlights written by :func:`check_caller` from the calling workbook."""
    return _run(clear_book, lang)


def _run(action: Callable[[Any, str], str], lang: str) -> str:
    book = None
    try:
        import xlwings as xw
    except ImportError as exc:
        text = message("no_xlwings", lang, detail=exc.name or type(exc).__name__)
    else:
        try:
            book = xw.Book.caller()
        except Exception:  # noqa: BLE001 - no Excel, not called from Excel, Linux: all mean the same here
            text = message("not_from_excel", lang)
        else:
            try:
                text = action(book, lang)
            except Exception as exc:  # noqa: BLE001 - the user sees a message box, never a traceback
                detail = str(exc).splitlines()[0][:200] if str(exc) else ""
                text = message("failed", lang, kind=type(exc).__name__, detail=detail)
    _tell(book, text)
    return text


def _tell(book: Any, text: str) -> None:
    """Print the message, and show it in Excel when attached (RunPython's console is hidden)."""
    with contextlib.suppress(Exception):
        print(text)
    if book is not None:
        with contextlib.suppress(Exception):
            book.app.alert(text, title=TITLE)


def check_book(book: Any, lang: str) -> str:
    """Check an open xlwings Book in place: 差异表 as the first sheet, offending cells coloured."""
    from xlscore.check.checker import CheckOptions, check_read_workbook
    from xlscore.report.wording import SHEET_NAME
    from xlscore.check.findings import Severity
    from xlscore.report.table import discrepancy_table

    with _screen_off(book):
        _clear(book, lang)
        report = check_read_workbook(read_book(book), CheckOptions(lang=lang))
        if report.unreadable is not None:
            return report.unreadable  # the same words as the command line, never an internal name
        name = pick(SHEET_NAME, lang)
        write_report(book, name, discrepancy_table(report, lang))
        skipped = highlight(book, name, report)
    text = message("checked", lang, errors=report.count(Severity.ERROR), warnings=report.count(Severity.WARNING),
                   infos=report.count(Severity.INFO), sheet=name)
    return text + (message("not_highlighted", lang, count=skipped) if skipped else "")


def clear_book(book: Any, lang: str) -> str:
    """Undo :func:`check_book`: restore the remembered colours, delete the store and 差异表."""
    with _screen_off(book):
        removed, restored = _clear(book, lang)
    if removed:
        return message("cleared", lang, sheet=removed, count=restored)
    return message("cleared_colours", lang, count=restored) if restored else message("nothing_to_clear", lang)


# --- reading ----------------------------------------------------------------------------------------
def read_book(book: Any):  # type: ignore[no-untyped-def]
    """The calling workbook as :class:`WorkbookData`: two bulk reads per sheet, then the names."""
    from xlscore.excel.grid import workbook_from_grids

    grids = [read_sheet(sheet) for sheet in book.sheets if sheet.name != STORE_SHEET]
    return workbook_from_grids(book.fullname, grids, read_names(book))


def read_sheet(sheet: Any):  # type: ignore[no-untyped-def]
    """One sheet's used range (within the file reader's bounds) as a :class:`SheetGrid`."""
    from xlscore.excel.grid import (
        MAX_COL,
        MAX_ROW,
        SheetGrid,
        as_rows,
        needs_number_format,
    )

    used = sheet.used_range
    top, left = used.row, used.column
    rows, cols = used.shape
    if top > MAX_ROW or left > MAX_COL:
        return SheetGrid(sheet.name, _visibility(sheet.visible))
    used = used.resize(max(1, min(rows, MAX_ROW - top + 1)), max(1, min(cols, MAX_COL - left + 1)))
    formulas = as_rows(used.formula)
    values = as_rows(used.options(ndim=2, err_to_str=True).value)
    formats = {}
    for i, (formula_row, value_row) in enumerate(zip(formulas, values)):
        for j, (formula, value) in enumerate(zip(formula_row, value_row)):
            if needs_number_format(formula, value):  # few cells: one read each
                formats[(top + i, left + j)] = sheet.range((top + i, left + j)).number_format
    return SheetGrid(sheet.name, _visibility(sheet.visible), formulas, values, formats, top, left)


def _visibility(visible: object) -> str:
    if visible is True or visible == -1:
        return "visible"
    return "veryHidden" if visible == 2 else "hidden"


def read_names(book: Any) -> dict[str, str]:
    """Workbook-level defined names → what they refer to, without ``=`` (sheet-scoped ones skipped)."""
    names: dict[str, str] = {}
    for name in book.names:
        described = _describe(name)
        if described is not None and "!" not in described[0]:
            names[described[0]] = described[1].removeprefix("=")
    return names


def _describe(name: Any) -> tuple[str, str] | None:
    """(name, refers_to) of an xlwings Name; None for one Excel cannot describe (treated as absent)."""
    try:
        return name.name, name.refers_to or ""
    except Exception:  # noqa: BLE001 - any COM error here means the same
        return None


# --- writing ----------------------------------------------------------------------------------------
def write_report(book: Any, name: str, table) -> None:  # type: ignore[no-untyped-def]
    """差异表 as the first sheet, from the one table model the checked copy renders too.

    Text is written under the text format ``@`` (so "=SUM(...)" is never taken for a formula), numbers
    as numbers, cell links as HYPERLINK formulas; the fills are the table's style colours.
    """
    from xlscore.excel.grid import hyperlink_formula
    from xlscore.report.table import CELL_STYLES, FILLS, LAST_COL, WIDTHS

    _delete_sheet(book, name)
    sheet = book.sheets.add(name, before=book.sheets[0])
    rows = table.rows()
    block = sheet.range((1, 1)).resize(len(rows), LAST_COL)
    block.number_format = "@"
    block.value = [["" if c is None or c.value is None or not isinstance(c.value, str) else c.value for c in row]
                   for row in rows]
    for (row, col), cell in table.cells.items():
        target = sheet.range((row, col))
        if cell.value is not None and not isinstance(cell.value, str):
            target.number_format = "General"
            target.value = [[float(cell.value)]]
        if cell.link is not None:
            target.number_format = "General"
            target.formula = [[hyperlink_formula(*cell.link)]]
        fill = CELL_STYLES[cell.style][1]
        if fill is not None:
            target.color = _web_colour(FILLS[fill])
    with contextlib.suppress(Exception):  # cosmetic only
        for row, first, last in table.merges:
            sheet.range((row, first), (row, last)).merge()
        for col, width in enumerate(WIDTHS, start=1):
            sheet.range((1, col)).column_width = width


def _web_colour(argb: str) -> str:
    """``FFFFC7CE`` (the table's ARGB) as ``#FFC7CE``, a colour xlwings sets."""
    return "#" + argb[2:]


def highlight(book: Any, report_name: str, report) -> int:  # type: ignore[no-untyped-def]
    """Colour the cells with findings and remember their colours; returns how many could not be coloured."""
    from xlscore.report.table import FILLS, highlights

    records: list[list[str]] = [[STORE_MARKER, report_name, ""]]
    skipped = 0
    try:
        for sheet_name, cells in highlights(report, frozenset({report_name, STORE_SHEET})).items():
            sheet = _sheet(book, sheet_name)
            painted = [(cell, _web_colour(FILLS[severity.value])) for cell, severity in cells.items()]
            done = 0 if sheet is None else _paint(sheet, sheet_name, painted, records)
            skipped += len(cells) - done
    finally:
        _write_store(book, records)
    return skipped


def _paint(sheet: Any, sheet_name: str, cells: list[tuple[str, str]], records: list[list[str]]) -> int:
    done = 0
    with _unprotected(sheet) as writable:
        if not writable:
            return 0
        for cell, colour in cells:
            target = sheet.range(cell)
            original = target.color
            target.color = colour
            records.append([sheet_name, cell, _hex(original)])
            done += 1
    return done


def _write_store(book: Any, records: list[list[str]]) -> None:
    _delete_sheet(book, STORE_SHEET)
    store = book.sheets.add(STORE_SHEET, after=book.sheets[len(book.sheets) - 1])
    block = store.range((1, 1)).resize(len(records), 3)
    block.number_format = "@"
    block.value = records
    store.visible = False
    book.sheets[0].activate()


def _clear(book: Any, lang: str) -> tuple[str | None, int]:
    """Restore remembered colours and delete the store and 差异表; returns (sheet removed, cells restored)."""
    from xlscore.report.wording import SHEET_NAME
    from xlscore.excel.grid import as_rows

    report_name, restored = None, 0
    store = _sheet(book, STORE_SHEET)
    if store is not None:
        rows = as_rows(store.used_range.options(ndim=2).value)
        if rows and rows[0] and rows[0][0] == STORE_MARKER:
            report_name = rows[0][1] or None
            restored = _restore(book, rows[1:])
        _delete_sheet(book, STORE_SHEET)
    removed = None
    for name in (report_name, pick(SHEET_NAME, lang)):
        if name and _delete_sheet(book, name):
            removed = removed or name
    return removed, restored


def _restore(book: Any, rows: list[list[object]]) -> int:
    by_sheet: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        if len(row) >= 3 and row[0] and row[1]:
            by_sheet.setdefault(str(row[0]), []).append((str(row[1]), str(row[2] or NO_COLOUR)))
    restored = 0
    for sheet_name, cells in by_sheet.items():
        sheet = _sheet(book, sheet_name)
        if sheet is None:
            continue
        with _unprotected(sheet) as writable:
            if not writable:
                continue
            for cell, colour in cells:
                sheet.range(cell).color = None if colour == NO_COLOUR else colour
                restored += 1
    return restored


# --- small xlwings helpers ----------------------------------------------------------------------------
def _sheet(book: Any, name: str) -> Any:
    for sheet in book.sheets:
        if sheet.name.lower() == name.lower():  # Excel ignores case in sheet names
            return sheet
    return None


def _delete_sheet(book: Any, name: str) -> bool:
    sheet = _sheet(book, name)
    if sheet is None:
        return False
    sheet.delete()
    return True


def _hex(colour: object) -> str:
    if isinstance(colour, tuple) and len(colour) == 3:
        return "#{:02X}{:02X}{:02X}".format(*colour)
    return NO_COLOUR


@contextlib.contextmanager
def _screen_off(book: Any) -> Iterator[None]:
    app = book.app
    try:
        before = app.screen_updating
        app.screen_updating = False
    except Exception:  # noqa: BLE001 - cosmetic
        before = None
    try:
        yield
    finally:
        if before is not None:
            with contextlib.suppress(Exception):
                app.screen_updating = before


#: The sheet-protection options Excel's Protect takes back after an Unprotect (Windows COM names).
_ALLOW = (
    "AllowFormattingCells", "AllowFormattingColumns", "AllowFormattingRows", "AllowInsertingColumns",
    "AllowInsertingRows", "AllowInsertingHyperlinks", "AllowDeletingColumns", "AllowDeletingRows",
    "AllowSorting", "AllowFiltering", "AllowUsingPivotTables",
)


@contextlib.contextmanager
def _unprotected(sheet: Any) -> Iterator[bool]:
    """Yields whether the sheet's cells can be formatted now: True when it is not protected, or protected
    without a password (unprotected for the block, then protected again with the same options)."""
    api, options = _protection(sheet)
    if api is None:
        yield True
        return
    if options is None:
        yield False
        return
    try:
        yield True
    finally:
        api.Protect("", Contents=True, **options)


def _protection(sheet: Any) -> tuple[Any, dict[str, bool] | None]:
    """(None, None) for a sheet that needs no unprotecting; (api, None) when it cannot be unprotected;
    (api, options) after unprotecting one protected without a password."""
    try:
        api = sheet.api
        if not api.ProtectContents:
            return None, None
    except Exception:  # noqa: BLE001 - not Windows COM: formatting is simply tried
        return None, None
    try:
        options = {key: bool(getattr(api.Protection, key)) for key in _ALLOW}
        options.update(DrawingObjects=bool(api.ProtectDrawingObjects), Scenarios=bool(api.ProtectScenarios))
        api.Unprotect("")
    except Exception:  # noqa: BLE001 - a password we do not know
        return api, None
    return api, options
