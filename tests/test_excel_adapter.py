"""The Excel integration, as far as it can be tested without Excel.

The grid-to-structure code gets each workbook the way xlwings delivers a used range (built here
with openpyxl: formulas with ``=``, cached values, number formats) and must give the checker the
same findings as the file reader. The adapter's xlwings calls run against a small in-memory stand-in
for a Book; the VBA module is parsed. Nothing here runs inside Excel.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import importlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.worksheet.formula import ArrayFormula

import xlscore.excel
from xlscore.cells import cell_to_rowcol
from xlscore.check.checker import CheckOptions, check_file, check_workbook
from xlscore.report.wording import SHEET_NAME, column_header
from xlscore.check.findings import Finding, Report, Severity
from xlscore.cli import main
from xlscore.excel import adapter
from xlscore.excel.grid import (
    PERCENT_STYLE,
    SheetGrid,
    excel_serial,
    hyperlink_formula,
    needs_number_format,
    sheet_from_grid,
    workbook_from_grids,
)
from xlscore.report.copy import write_checked_copy
from xlscore.report.table import CELL_STYLES, FILLS, discrepancy_table, highlights
from xlscore.excel.messages import MESSAGES, VBA, WHEEL, message
from xlscore.generate import GenerateOptions, generate_workbook, workbook_layout
from xlscore.form.layout import SlotKind
from xlscore.rubric import load_rubric

ROOT = Path(__file__).resolve().parent.parent
BAS = ROOT / "macros" / "xlscore.bas"
FIXTURES = Path(__file__).parent / "fixtures"
ALL_KINDS = Path(__file__).parent / "data" / "all-kinds.yaml"


# --- workbooks as xlwings would deliver them ----------------------------------------------------------
@functools.cache
def grids_like_xlwings(path: Path) -> tuple[list[SheetGrid], dict[str, str]]:
    """Each sheet's used range as ``.formula`` and ``.options(ndim=2, err_to_str=True).value`` give it."""
    formulas_book = openpyxl.load_workbook(path, read_only=True)
    values_book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        grids = [_grid(ws, values_book[ws.title]) for ws in formulas_book.worksheets]
        names = {name: "=" + defined.attr_text for name, defined in formulas_book.defined_names.items()}
        for ws in formulas_book.worksheets:  # sheet-scoped names come back as Sheet!name: the adapter skips them
            names.update({f"'{ws.title}'!{name}": "=" + d.attr_text for name, d in ws.defined_names.items()})
    finally:
        formulas_book.close()
        values_book.close()
    return grids, names


def _grid(ws, values_ws) -> SheetGrid:  # type: ignore[no-untyped-def]
    if ws.max_row is None:  # no dimension recorded: no cells
        return SheetGrid(ws.title, ws.sheet_state)
    bounds = {"min_row": ws.min_row, "max_row": ws.max_row, "min_col": ws.min_column, "max_col": ws.max_column}
    formulas, values, formats = [], [], {}
    for row, (cells, cached) in enumerate(zip(ws.iter_rows(**bounds), values_ws.iter_rows(**bounds)), start=ws.min_row):
        formula_row = [_formula_text(cell) for cell in cells]
        value_row = [_xlwings_value(cell.value) for cell in cached]
        for col, (cell, formula, value) in enumerate(zip(cells, formula_row, value_row), start=ws.min_column):
            if needs_number_format(formula, value):
                formats[(row, col)] = cell.number_format
        formulas.append(formula_row)
        values.append(value_row)
    return SheetGrid(ws.title, ws.sheet_state, formulas, values, formats, ws.min_row, ws.min_column)


def _formula_text(cell) -> str:  # type: ignore[no-untyped-def]
    """What Excel's Range.Formula shows: the formula, else the constant as text, "" when blank."""
    value = getattr(cell, "value", None)  # an EmptyCell has no data_type worth reading
    if isinstance(value, ArrayFormula):
        return value.text or ""
    if getattr(cell, "data_type", None) == "f":
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def _xlwings_value(value: object) -> object:
    """Numbers come back from COM as floats and empty strings as None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return None if value == "" else value


#: What only a package shows (names' hidden flags, print settings): a live workbook cannot tell.
PACKAGE_ONLY = {"names", "titles", "area"}


def _key(report: Report) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.sheet or "", f.cell or "") for f in report.findings
                  if not (f.code == "RUB005" and f.name in PACKAGE_ONLY))


@dataclass
class Case:
    name: str
    rubric: Path | None = None
    lang: str = "zh"
    inputs: dict[str, object] = field(default_factory=dict)
    typed: bool = False  # also type constants over totals, a %-formatted rate, an error, a date


CASES = [
    Case("blank"),
    Case("text-numbers", inputs={
        "XS_S1_I1_1_R1_SELF_IN": "１５", "XS_S1_I1_1_R2_SELF_IN": "15分", "XS_S1_I1_1_R1_ASSESS_IN": " 3 ",
        "XS_S1_I1_2_SELF_EXEMPT": "是", "XS_S1_I1_2_ASSESS_EXEMPT": "Y", "XS_S1_I1_1_SELF_SAMPLE": 10,
        "XS_S1_I1_3_SELF_SAMPLE": 2, "XS_COVER_UNIT": "国网某供电公司", "XS_COVER_PERIOD": "2024年第一季度",
    }),
    Case("typed", inputs={"XS_S1_I1_1_R1_SELF_IN": 12, "XS_S1_I1_1_R2_SELF_IN": "abc"}, typed=True),
    Case("english", lang="en", inputs={"XS_S1_I1_1_R1_SELF_IN": "15 分", "XS_S1_I1_2_SELF_EXEMPT": "是"}),
    Case("all-kinds", rubric=ALL_KINDS, inputs={
        "XS_S1_I1_1_R1_SELF_IN": "８５%", "XS_S1_I1_2_R1_M1_SELF_IN": 3, "XS_S1_I1_3_SELF_EXEMPT": "是",
        "XS_S1_I1_3_R2_SELF_SAMPLE": 1, "XS_S1_I2_R1_SELF_IN": 2.5,
    }),
]


def _make(case: Case, folder: Path) -> Path:
    rubric = load_rubric(case.rubric)
    options = GenerateOptions(lang=case.lang, inputs=case.inputs)
    path = generate_workbook(rubric, folder / f"{case.name}.xlsx", options)
    if case.typed:
        _type_over(path, workbook_layout(rubric, options))
    return path


def _type_over(path: Path, layout) -> None:  # type: ignore[no-untyped-def]
    """What an auditor does by hand: totals typed over formulas, 85% as 0.85 in a % cell, an error, a date."""
    book = openpyxl.load_workbook(path)
    slots = layout.slots

    def cell(name: str):  # type: ignore[no-untyped-def]
        return book[slots[name].sheet][slots[name].cell]

    score = next(s for s in slots.values() if s.kind is SlotKind.ITEM_SCORE and s.pass_key == "self_check")
    total = next(s for s in slots.values() if s.kind is SlotKind.SECTION_TOTAL and s.pass_key == "assessed")
    cell(score.name).value = 13
    cell(total.name).value = 399.5
    rate = cell("XS_S1_I1_2_R1_M1_SELF_IN")
    rate.value, rate.number_format = 0.85, "0.0%"
    cell("XS_S1_I1_2_R1_M2_SELF_IN").value = "=1/0"
    cell("XS_S1_I1_2_R1_M3_SELF_IN").value = "85%"
    date = cell("XS_COVER_SELF_DATE")
    date.value, date.number_format = dt.date(2024, 4, 1), "yyyy-mm-dd"
    book.save(path)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, str]]:
    """Each case as generated (cached values of the empty form) and, with LibreOffice, recalculated."""
    folder = tmp_path_factory.mktemp("excel-grids")
    made = [(_make(case, folder), case.lang) for case in CASES]
    out = list(made)
    try:
        from support import libreoffice
    except ImportError:
        libreoffice = None  # type: ignore[assignment]
    if libreoffice is not None and getattr(libreoffice, "recalculate", None) and libreoffice.find_soffice():
        converted = libreoffice.recalculate([path for path, _ in made], folder / "recalculated")
        out += [(converted[path], lang) for path, lang in made]
    out += [(path, "zh") for path in sorted(FIXTURES.glob("*.xls[xm]"))] if FIXTURES.is_dir() else []
    return out


@pytest.mark.engine
def test_grids_give_the_same_findings_as_the_file_reader(workbooks: list[tuple[Path, str]]) -> None:
    codes: set[str] = set()
    for path, lang in workbooks:
        options = CheckOptions(lang=lang)
        from_file = check_file(path, options)
        if from_file.unreadable is not None:  # a fixture that is broken on purpose: Excel would not open it either
            continue
        grids, names = grids_like_xlwings(path)
        from_grids = check_workbook(workbook_from_grids(str(path), grids, names), options)
        assert _key(from_grids) == _key(from_file), path.name
        assert [f.message for f in from_grids.findings] == [
            f.message for f in from_file.findings if not (f.code == "RUB005" and f.name in PACKAGE_ONLY)], path.name
        assert from_grids.totals == from_file.totals and from_grids.shown_totals == from_file.shown_totals
        codes |= {f.code for f in from_file.findings}
    # the cases reach what they are meant to: text numbers, % format, errors, typed totals, exemptions
    assert {"IN003", "IN006", "CALC006", "IN001"} <= codes, codes


# --- grid details -------------------------------------------------------------------------------------
def test_used_range_offset_and_shapes() -> None:
    grid = SheetGrid("S", "visible", [["=A1+1", "x"], ["", "5"]], [[2.0, "x"], [None, 5.0]], None, 3, 4)
    sheet = sheet_from_grid(grid)
    assert sheet.cells[(3, 4)].formula == "A1+1" and sheet.cells[(3, 4)].value == 2.0
    assert sheet.cells[(3, 5)].value == "x" and sheet.cells[(3, 5)].kind == "s"
    assert (4, 4) not in sheet.cells and sheet.cells[(4, 5)].value == 5.0
    one = sheet_from_grid(SheetGrid("S", formulas="=SUM(B1:B2)", values=3, first_row=2, first_col=2))  # type: ignore[arg-type]
    assert one.cells == {(2, 2): one.cells[(2, 2)]} and one.cells[(2, 2)].value == 3.0
    row = sheet_from_grid(SheetGrid("S", formulas=("a", "b"), values=("a", "b")))  # type: ignore[arg-type]
    assert set(row.cells) == {(1, 1), (1, 2)}


@pytest.mark.parametrize("value", ["#REF!", -2146826265])
def test_error_values_as_strings_or_com_codes(value: object) -> None:
    cell = sheet_from_grid(SheetGrid("S", formulas=[["=1/0"]], values=[[value]])).cells[(1, 1)]
    assert cell.is_error and cell.value == "#REF!" and cell.formula == "1/0"


def test_error_read_as_none_is_a_formula_without_a_value() -> None:
    cell = sheet_from_grid(SheetGrid("S", formulas=[["=1/0"]], values=[[None]])).cells[(1, 1)]
    assert cell.formula == "1/0" and cell.value is None and not cell.is_error


def test_text_that_starts_with_equals_is_not_a_formula() -> None:
    cell = sheet_from_grid(SheetGrid("S", formulas=[["=SUM(A1)"]], values=[["=SUM(A1)"]])).cells[(1, 1)]
    assert cell.formula is None and cell.value == "=SUM(A1)" and cell.kind == "s"


def test_dates_booleans_and_percent_formats() -> None:
    assert excel_serial(dt.date(2024, 4, 1)) == 45383.0
    assert excel_serial(dt.datetime(1900, 3, 1, 12)) == 61.5
    grid = SheetGrid("S", formulas=[["2024/4/1", "TRUE", "0.85", "0.5"]],
                     values=[[dt.datetime(2024, 4, 1), True, 0.85, 0.5]],
                     number_formats={(1, 3): "0.0%", (1, 4): '0.0"%"'})
    book = workbook_from_grids("x.xlsx", [grid], {"N": "='S'!$A$1", "M": "S!$B$1"})
    cells = book.sheets["S"].cells
    assert cells[(1, 1)].value == 45383.0 and cells[(1, 2)].value is True and cells[(1, 2)].kind == "b"
    assert cells[(1, 3)].style in book.percent_styles and cells[(1, 3)].style == PERCENT_STYLE
    assert cells[(1, 4)].style not in book.percent_styles  # a quoted % is literal text, as in the file reader
    assert book.names == {"N": "'S'!$A$1", "M": "S!$B$1"}


def test_only_typed_fractions_need_their_number_format() -> None:
    assert needs_number_format("0.85", 0.85) and needs_number_format(1, 1.0)
    assert not needs_number_format("=A1", 0.5) and not needs_number_format("85", 85.0)
    assert not needs_number_format("TRUE", True) and not needs_number_format("x", "x")


# --- the report as rows ---------------------------------------------------------------------------------
def _report() -> Report:
    report = Report("book.xlsx", "csc", "1.0", "ab" * 32, unit="某单位")
    report.findings = [
        Finding("IN003", Severity.WARNING, "read as 15", "1 客服", "G6", "1.1", "self_check", "15", "15分"),
        Finding("CALC006", Severity.ERROR, "typed", "1 客服", "G6", "1.1", "self_check", "=SUM(H6:H9)", "13"),
        Finding("DIFF001", Severity.INFO, "differs", "汇总", "F4"),
        Finding("RUB001", Severity.WARNING, "no metadata"),
    ]
    return report


def _linked(table) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Row → HYPERLINK formula of the table's cell links."""
    return {row: hyperlink_formula(*cell.link) for (row, _), cell in table.cells.items() if cell.link}


def test_report_rows_link_to_the_cells() -> None:
    table = discrepancy_table(_report(), "zh")
    rows = table.rows()
    header = [c.value if c else None for c in rows[table.header_row - 1]]
    assert header[4] == column_header("cell", "zh")
    findings = rows[table.header_row:]
    assert [row[header.index(column_header("code", "zh"))].value for row in findings] == [
        "IN003", "CALC006", "DIFF001", "RUB001"]
    assert findings[1][header.index(column_header("expected", "zh"))].value == "=SUM(H6:H9)"
    top = table.header_row
    assert _linked(table) == {top + 1: hyperlink_formula("1 客服", "G6"), top + 2: hyperlink_formula("1 客服", "G6"),
                              top + 3: hyperlink_formula("汇总", "F4")}
    assert hyperlink_formula("it's", "B2") == '=HYPERLINK("#\'it\'\'s\'!B2","B2")'


def test_worst_severity_decides_the_colour_and_notes_are_not_highlighted() -> None:
    from xlscore.check.findings import Severity as S
    assert highlights(_report(), frozenset({"汇总"})) == {"1 客服": {"G6": S.ERROR}}
    assert "汇总" not in highlights(_report())  # DIFF001 is a note: neither front colours it


# --- the adapter against a stand-in for an xlwings Book --------------------------------------------------
class FakeCell:
    def __init__(self, formula: str = "", value: object = None, number_format: str = "General") -> None:
        self.formula, self.value, self.number_format = formula, value, number_format
        self.color: tuple[int, int, int] | None = None


class FakeRange:
    """The part of xlwings' Range the adapter uses, with Excel's rule: text typed into a General cell that
    starts with ``=`` becomes a formula."""

    def __init__(self, sheet: FakeSheet, top: int, left: int, bottom: int, right: int) -> None:
        self.sheet, self.row, self.column, self.bottom, self.right = sheet, top, left, bottom, right
        self._ndim = None

    def _cells(self) -> list[list[FakeCell]]:
        return [[self.sheet.at(r, c) for c in range(self.column, self.right + 1)] for r in range(self.row, self.bottom + 1)]

    def _single(self) -> bool:
        return self.row == self.bottom and self.column == self.right

    def options(self, ndim: int | None = None, err_to_str: bool = False) -> FakeRange:
        view = FakeRange(self.sheet, self.row, self.column, self.bottom, self.right)
        view._ndim = ndim
        return view

    @property
    def shape(self) -> tuple[int, int]:
        return self.bottom - self.row + 1, self.right - self.column + 1

    def resize(self, rows: int, cols: int) -> FakeRange:
        return FakeRange(self.sheet, self.row, self.column, self.row + rows - 1, self.column + cols - 1)

    @property
    def formula(self) -> object:
        grid = tuple(tuple(c.formula for c in row) for row in self._cells())
        return grid[0][0] if self._single() else grid

    @formula.setter
    def formula(self, rows: list[list[str]]) -> None:
        for row, texts in zip(self._cells(), rows):
            for cell, text in zip(row, texts):
                self._enter(cell, text)

    @property
    def value(self) -> object:
        grid = [[c.value for c in row] for row in self._cells()]
        return grid if self._ndim == 2 or not self._single() else grid[0][0]

    @value.setter
    def value(self, rows: list[list[object]]) -> None:
        for row, texts in zip(self._cells(), rows):
            for cell, text in zip(row, texts):
                self._enter(cell, text)

    def _enter(self, cell: FakeCell, text: object) -> None:
        if isinstance(text, str) and text.startswith("=") and cell.number_format != "@":
            cell.formula, cell.value = text, "(formula)"
        else:
            cell.value = None if text == "" else text
            cell.formula = "" if text is None else str(text)

    @property
    def number_format(self) -> str | None:
        formats = {c.number_format for row in self._cells() for c in row}
        return formats.pop() if len(formats) == 1 else None

    @number_format.setter
    def number_format(self, value: str) -> None:
        for row in self._cells():
            for cell in row:
                cell.number_format = value

    @property
    def color(self) -> tuple[int, int, int] | None:
        return self.sheet.at(self.row, self.column).color

    @color.setter
    def color(self, value: str | None) -> None:
        rgb = None if value is None else tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))
        for row in self._cells():
            for cell in row:
                cell.color = rgb  # type: ignore[assignment]

    @property
    def columns(self) -> FakeRange:
        return self

    def autofit(self) -> None:
        pass

    column_width = 0


class FakeSheet:
    def __init__(self, book: FakeBook, name: str, visible: bool = True) -> None:
        self.book, self.name, self.visible = book, name, visible
        self.cells: dict[tuple[int, int], FakeCell] = {}

    def at(self, row: int, col: int) -> FakeCell:
        return self.cells.setdefault((row, col), FakeCell())

    def range(self, first: object, last: object = None) -> FakeRange:
        top, left = cell_to_rowcol(first) if isinstance(first, str) else first  # type: ignore[misc]
        bottom, right = (top, left) if last is None else last  # type: ignore[misc]
        return FakeRange(self, top, left, bottom, right)

    @property
    def used_range(self) -> FakeRange:
        used = [key for key, c in self.cells.items() if c.formula != "" or c.value is not None] or [(1, 1)]
        return FakeRange(self, min(r for r, _ in used), min(c for _, c in used),
                         max(r for r, _ in used), max(c for _, c in used))

    def delete(self) -> None:
        self.book.sheets.items.remove(self)

    def activate(self) -> None:
        self.book.active = self


class FakeSheets:
    def __init__(self, book: FakeBook) -> None:
        self.book, self.items = book, []  # type: ignore[var-annotated]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(list(self.items))

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, key: int | str) -> FakeSheet:
        return self.items[key] if isinstance(key, int) else next(s for s in self.items if s.name == key)

    def add(self, name: str, before: FakeSheet | None = None, after: FakeSheet | None = None) -> FakeSheet:
        assert name.lower() not in {s.name.lower() for s in self.items}, name
        sheet = FakeSheet(self.book, name)
        index = self.items.index(before) if before else (self.items.index(after) + 1 if after else len(self.items))
        self.items.insert(index, sheet)
        return sheet


@dataclass
class FakeName:
    name: str
    refers_to: str


class FakeApp:
    screen_updating = True

    def __init__(self) -> None:
        self.alerts: list[str] = []

    def alert(self, prompt: str, title: str | None = None) -> str:
        self.alerts.append(prompt)
        return "ok"


class FakeBook:
    def __init__(self, path: Path) -> None:
        self.fullname, self.app, self.active = str(path), FakeApp(), None
        self.sheets = FakeSheets(self)
        grids, names = grids_like_xlwings(path)
        self.names = [FakeName(name, text) for name, text in names.items()]
        for grid in grids:
            sheet = self.sheets.add(grid.name)
            sheet.visible = grid.visible == "visible"
            for i, (formula_row, value_row) in enumerate(zip(grid.formulas, grid.values)):
                for j, (formula, value) in enumerate(zip(formula_row, value_row)):
                    number_format = (grid.number_formats or {}).get((grid.first_row + i, grid.first_col + j), "General")
                    if formula != "" or value is not None:
                        sheet.cells[(grid.first_row + i, grid.first_col + j)] = FakeCell(str(formula), value, number_format)


@pytest.fixture()
def typed_book(workbooks: list[tuple[Path, str]]) -> tuple[FakeBook, Path]:
    path = next(p for p, _ in reversed(workbooks) if p.stem == "typed")
    return FakeBook(path), path


def _colours(book: FakeBook) -> dict[tuple[str, tuple[int, int]], object]:
    return {(s.name, key): c.color for s in book.sheets for key, c in s.cells.items() if c.color is not None}


def test_check_book_writes_the_report_first_and_highlights(typed_book: tuple[FakeBook, Path]) -> None:
    book, path = typed_book
    first = book.sheets[1]
    first.at(1, 1).color = (1, 2, 3)  # a colour of the user's own, to be restored
    before = _colours(book)
    expected = check_workbook(adapter.read_book(book))  # the live workbook's own report (no package-only facts)
    assert _key(expected) == _key(check_file(path))
    text = adapter.check_book(book, "zh")
    name = SHEET_NAME["zh"]
    counts = {"errors": expected.errors, "warnings": expected.warnings, "infos": expected.count(Severity.INFO)}
    assert book.sheets[0].name == name and text.startswith(message("checked", "zh", sheet=name, **counts))
    report = book.sheets[0]
    links = _linked(discrepancy_table(expected, "zh"))
    for (row, col), cell in report.cells.items():
        if cell.formula.startswith("="):
            assert col == 5 and cell.formula == links[row], (row, col)
    store = book.sheets[adapter.STORE_SHEET]
    assert store.visible is False
    painted = {(sheet, cell): severity for sheet, cells in highlights(expected).items() for cell, severity in cells.items()}
    assert len(painted) > 0
    for (sheet, cell), severity in painted.items():
        colour = FILLS[severity.value]
        assert book.sheets[sheet].range(cell).color == tuple(int(colour[i:i + 2], 16) for i in (2, 4, 6))

    again = adapter.check_book(book, "zh")  # replaces the report; remembered colours stay the originals
    assert again == text and [s.name for s in book.sheets].count(name) == 1
    assert adapter.clear_book(book, "zh") == message("cleared", "zh", sheet=name, count=len(painted))
    assert name not in [s.name for s in book.sheets] and adapter.STORE_SHEET not in [s.name for s in book.sheets]
    assert _colours(book) == before
    assert adapter.clear_book(book, "zh") == message("nothing_to_clear", "zh")


def test_formula_text_in_the_report_stays_text(typed_book: tuple[FakeBook, Path]) -> None:
    book, _ = typed_book
    table = discrepancy_table(_report(), "zh")
    adapter.write_report(book, "差异表", table)
    sheet = book.sheets[0]
    texts = {c.value for c in sheet.cells.values() if c.formula == c.value}
    assert "=SUM(H6:H9)" in texts
    formulas = {key for key, c in sheet.cells.items() if c.value == "(formula)"}
    assert formulas == {(row, 5) for row in _linked(table)}


def test_the_button_and_the_checked_copy_show_the_same_table(typed_book: tuple[FakeBook, Path], tmp_path: Path) -> None:
    """One 差异表 model: the same values and fills in the checked copy and in the sheet the button writes."""
    book, path = typed_book
    report = check_file(path)
    copy = write_checked_copy(path, tmp_path / "copy.xlsx", report)
    adapter.write_report(book, "差异表", discrepancy_table(report, "zh"))
    written = book.sheets[0]
    sheet = openpyxl.load_workbook(copy)["差异表"]
    compared = 0
    for row in sheet.iter_rows():
        for cell in row:
            fake = written.cells.get((cell.row, cell.column))
            shown = None if fake is None else fake.value
            if fake is not None and fake.value == "(formula)":
                shown = cell.value  # a link: the copy keeps the address as text with a hyperlink
            if cell.value is None:
                assert fake is None or fake.value is None, cell.coordinate
                continue
            expected = float(cell.value) if isinstance(cell.value, (int, float)) else cell.value
            assert shown == expected, cell.coordinate
            fill = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
            assert (fake.color is not None) == (fill is not None), cell.coordinate
            if fill:
                assert fake.color == tuple(int(fill[i:i + 2], 16) for i in (2, 4, 6)), cell.coordinate
            compared += 1
    assert compared > 50
    styled = {key for key, spec in CELL_STYLES.items() if spec[1]}
    assert styled == {"header", "error", "warning", "info"}


def test_a_workbook_that_is_not_a_form_gets_the_command_lines_words(tmp_path: Path) -> None:
    from xlscore.check.messages import unreadable_message
    from xlscore.reader.errors import UnreadableWorkbook

    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "hello"
    book.save(plain)
    text = adapter.check_book(FakeBook(plain), "zh")
    assert text == unreadable_message(UnreadableWorkbook(str(plain), "not_scoring_form"), "zh")
    assert "not_scoring_form" not in text and "UnreadableWorkbook" not in text


def test_reading_a_book_gives_the_file_readers_findings(typed_book: tuple[FakeBook, Path]) -> None:
    book, path = typed_book
    book.names.append(FakeName("'1 x'!Print_Titles", "='1 x'!$1:$4"))
    assert _key(check_workbook(adapter.read_book(book))) == _key(check_file(path))


def test_a_failure_inside_excel_is_a_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        app = FakeApp()

        @property
        def sheets(self) -> list[object]:
            raise RuntimeError("(-2147352567, 'Exception occurred.')")

    fake_xlwings = type(sys)("xlwings")
    fake_xlwings.Book = type("Book", (), {"caller": staticmethod(lambda: Broken())})  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "xlwings", fake_xlwings)
    text = xlscore.excel.check_caller("en")
    assert text.startswith("checking inside Excel failed (RuntimeError:") and Broken.app.alerts == [text]


# --- without xlwings, without Excel ---------------------------------------------------------------------
def test_import_and_check_without_xlwings(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "xlwings", None)
    monkeypatch.setattr(xlscore, "excel", xlscore.excel)  # the re-import below rebinds it; restore afterwards
    for module in [m for m in sys.modules if m == "xlscore.excel" or m.startswith("xlscore.excel.")]:
        monkeypatch.delitem(sys.modules, module)
    excel = importlib.import_module("xlscore.excel")
    text = excel.check_caller()
    assert text == message("no_xlwings", "zh", detail="xlwings") and f"pip install \"{WHEEL}[excel]\"" in text
    assert capsys.readouterr().out.strip() == text
    assert "xlwings is not installed" in excel.clear_caller("en")


def test_check_caller_without_excel() -> None:
    pytest.importorskip("xlwings")
    if sys.platform.startswith("win") or sys.platform == "darwin":
        pytest.skip("Excel may be present here")
    assert xlscore.excel.check_caller() == message("not_from_excel", "zh")
    assert xlscore.excel.clear_caller("en") == message("not_from_excel", "en")


# --- the VBA module -----------------------------------------------------------------------------------------
def _bas() -> str:
    return BAS.read_bytes().decode("ascii")  # fails on any non-ASCII byte


def _literals(line: str) -> list[str]:
    return [text.replace('""', '"') for text in re.findall(r'"((?:[^"]|"")*)"', line)]


def test_bas_is_ascii_with_crlf_and_a_module_name() -> None:
    raw = BAS.read_bytes()
    assert raw.isascii()
    assert raw.count(b"\n") == raw.count(b"\r\n")  # the VBA editor imports CRLF files
    assert _bas().splitlines()[0] == 'Attribute VB_Name = "xlscore"'
    for sub in ("XlscoreCheck", "XlscoreClear"):
        assert re.search(rf"^Public Sub {sub}\(\)\r?$", _bas(), re.MULTILINE)


def test_every_python_command_names_a_function_of_xlscore_excel() -> None:
    commands = [text for line in _bas().splitlines() if not line.lstrip().startswith("'")
                for text in _literals(line) if text.startswith("import ") or "python -c " in text]
    assert len(commands) >= 3  # check, clear, and the probe
    called = set()
    for command in commands:
        python = command.split(" -c ", 1)[1].strip('"') if " -c " in command else command  # the probe's cmd line
        tree = ast.parse(python)
        imported = {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        assert "xlscore.excel" in imported, command
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert ast.unparse(node.func.value) == "xlscore.excel", command
                assert callable(getattr(xlscore.excel, node.func.attr, None)), node.func.attr
                called.add(node.func.attr)
    assert called == {"check_caller", "clear_caller"}
    run_python = [line.strip() for line in _bas().splitlines() if "RunPython" in line and not line.lstrip().startswith("'")]
    assert run_python == ['Application.Run ADDIN_BOOK & "!RunPython", pythonCommand']


def _decoded(function: str) -> tuple[str, str]:
    body = re.search(rf"Function {function}\(\) As String\r?\n(.*?)End Function", _bas(), re.DOTALL)
    assert body, function
    zh = en = ""
    for line in body.group(1).splitlines():
        for codes in re.findall(r'U\("([\d ]+)"\)', line):
            zh += "".join(chr(int(code)) for code in codes.split())
        rest = re.sub(r'U\("[\d ]+"\)', "", line)
        en += "".join(_literals(rest))
    return zh, en


def _vba_function(function: str, key: str) -> str:
    """The VBA function that spells ``VBA[key]``, Chinese as code points: to paste when a message changes."""
    zh = [str(ord(char)) for char in VBA[key]["zh"]]
    lines = [f"Private Function {function}() As String", f'    {function} = ""']
    lines += [f'    {function} = {function} & U("{" ".join(zh[i:i + 12])}")' for i in range(0, len(zh), 12)]
    lines.append(f"    {function} = {function} & vbNewLine & vbNewLine")
    en = VBA[key]["en"]
    lines += [f'    {function} = {function} & "{en[i:i + 90].replace(chr(34), chr(34) * 2)}"' for i in range(0, len(en), 90)]
    return "\r\n".join([*lines, "End Function"])


@pytest.mark.parametrize("key, function", [("no_addin", "MsgNoAddin"), ("no_python", "MsgNoPython"),
                                           ("no_package", "MsgNoPackage")])
def test_bas_messages_say_what_messages_py_says(key: str, function: str) -> None:
    assert _decoded(function) == (VBA[key]["zh"], VBA[key]["en"]), "replace it with:\n" + _vba_function(function, key)
    assert f"pip install \"{WHEEL}[excel]\"" in VBA[key]["en"]


# --- install help --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args, unblock", [([], "Unblock"), (["--lang", "en"], "Unblock"), (["--lang", "zh"], "解除锁定")])
def test_install_help(args: list[str], unblock: str) -> None:
    result = CliRunner().invoke(main, ["macros", "install-help", *args])
    assert result.exit_code == 0, result.output
    for needed in (f"pip install \"{WHEEL}[excel]\"", "pip install \".[excel]\"", "pip wheel . --no-deps -w dist",
                   "xlwings addin install", "XlscoreCheck", "xlscore macros export", "xlscore.bas", "xlscore serve",
                   "xlscore check", unblock):
        assert needed in result.output, needed


def test_messages_have_both_languages() -> None:
    for table in (MESSAGES, VBA):
        for key, texts in table.items():
            assert set(texts) == {"zh", "en"}, key
