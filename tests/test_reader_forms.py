"""The reader on every way Excel and WPS store a cell: one hand-written package per storage form.

Each test writes the XML a program writes, reads it, and states by hand the neutral cells the
reader must give. Shared formulas are cross-checked with openpyxl's ``Translator`` (another
implementation of the same translation).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader_package import ETC, package
from xlscore.cells import col_to_letters as _letters
from xlscore.reader.formulas import translate
from xlscore.reader.xlsx import CellData, read_workbook


def cells(path: Path, sheet: str = "Sheet1") -> dict[tuple[int, int], CellData]:
    return read_workbook(path).sheets[sheet].cells


def formulas(path: Path) -> dict[tuple[int, int], str | None]:
    return {at: cell.formula for at, cell in cells(path).items()}


# --- shared formulas --------------------------------------------------------------------------------
SHARED = (
    '<row r="6"><c r="H6"><f t="shared" ref="H6:I9" si="0">IF(G6="","",$G$5*G6+G$4+$C6)</f><v>1</v></c>'
    '<c r="I6"><f t="shared" si="0"/><v>2</v></c>'
    '<c r="J6"><f t="shared" ref="J6:J8" si="1">SUM(\'自查 表\'!A1:B2)+自查表!C3+SUM(A:A)+SUM(3:3)+XS_NAME_1+LOG10(A1)+"A1"</f><v>3</v></c></row>'
    '<row r="7"><c r="H7"><f t="shared" si="0"/><v>4</v></c><c r="J7"><f t="shared" si="1"/><v>5</v></c></row>'
    '<row r="8"><c r="J8"><f t="shared" si="1"/><v>6</v></c></row>'
    # a row inserted into the run: Excel moves the rows below, and their cells keep si="0" outside the ref
    '<row r="11"><c r="H11"><f t="shared" si="0"/><v>7</v></c></row>'
)


def test_shared_dependents_get_their_masters_formula_moved(tmp_path: Path) -> None:
    found = formulas(package(tmp_path / "shared.xlsx", SHARED))
    assert found == {
        (6, 8): 'IF(G6="","",$G$5*G6+G$4+$C6)',
        (6, 9): 'IF(H6="","",$G$5*H6+H$4+$C6)',
        (7, 8): 'IF(G7="","",$G$5*G7+G$4+$C7)',
        (11, 8): 'IF(G11="","",$G$5*G11+G$4+$C11)',
        (6, 10): 'SUM(\'自查 表\'!A1:B2)+自查表!C3+SUM(A:A)+SUM(3:3)+XS_NAME_1+LOG10(A1)+"A1"',
        (7, 10): 'SUM(\'自查 表\'!A2:B3)+自查表!C4+SUM(A:A)+SUM(4:4)+XS_NAME_1+LOG10(A2)+"A1"',
        (8, 10): 'SUM(\'自查 表\'!A3:B4)+自查表!C5+SUM(A:A)+SUM(5:5)+XS_NAME_1+LOG10(A3)+"A1"',
    }
    read = cells(package(tmp_path / "again.xlsx", SHARED))
    assert read[(7, 8)].formula_type == "shared" and read[(7, 8)].value == 4.0 and not read[(7, 8)].problem


def test_a_reference_moved_off_the_sheet_is_ref_error() -> None:
    assert translate("A1+$A$1+B:B", -1, -2) == "#REF!+$A$1+#REF!"


REF = st.builds(
    lambda c, r, fc, fr: f"{'$' if fc else ''}{_letters(c)}{'$' if fr else ''}{r}",
    st.integers(1, 200), st.integers(1, 500), st.booleans(), st.booleans(),
)
SHEET = st.sampled_from(["", "Sheet1!", "'My A1 sheet'!", "自查表!", "'it''s'!"])
TERM = st.one_of(
    st.tuples(SHEET, REF).map("".join),
    st.tuples(SHEET, REF, REF).map(lambda t: f"{t[0]}{t[1]}:{t[2]}"),
    st.tuples(st.integers(1, 60), st.integers(1, 60)).map(lambda t: f"{_letters(t[0])}:{_letters(t[1])}"),
    st.tuples(st.integers(1, 900), st.integers(1, 900)).map(lambda t: f"{t[0]}:{t[1]}"),
    st.sampled_from(['"A1 text"', "XS_S1_I1_1_SELF_IN", "3.5", "TRUE", "#N/A"]),
    REF.map(lambda r: f"SUM({r})"),
    REF.map(lambda r: f"_xlfn.CONCAT({r},\"B2\")"),
    REF.map(lambda r: f"LOG10({r})"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(TERM, min_size=1, max_size=5), st.sampled_from(["+", "-", "*", "&", ","]),
       st.integers(0, 40), st.integers(0, 20))
def test_translation_agrees_with_openpyxl(terms: list[str], operator: str, rows: int, cols: int) -> None:
    from openpyxl.formula.translate import Translator

    formula = f"IF(1,{operator.join(terms)})" if operator == "," else operator.join(terms)
    expected = Translator(f"={formula}", "C3").translate_formula(f"{_letters(3 + cols)}{3 + rows}")
    assert translate(formula, rows, cols) == expected[1:]


# --- array formulas and data tables ----------------------------------------------------------------
def test_array_formulas_single_and_multi_cell(tmp_path: Path) -> None:
    rows = ('<row r="1"><c r="A1"><f t="array" ref="A1">SUM(B1:B3*C1:C3)</f><v>14</v></c>'
            '<c r="D1"><f t="array" ref="D1:E2">B1:C2*2</f><v>2</v></c><c r="E1"><v>4</v></c></row>'
            '<row r="2"><c r="D2"><v>6</v></c><c r="E2"><v>8</v></c></row>')
    read = cells(package(tmp_path / "array.xlsx", rows))
    assert (read[(1, 1)].formula, read[(1, 1)].formula_type, read[(1, 1)].formula_ref) == ("SUM(B1:B3*C1:C3)", "array", "A1")
    assert not read[(1, 1)].array_member
    master = read[(1, 4)]
    assert (master.formula, master.formula_type, master.formula_ref, master.array_member) == ("B1:C2*2", "array", "D1:E2", False)
    for at, value in (((1, 5), 4.0), ((2, 4), 6.0), ((2, 5), 8.0)):
        cell = read[at]
        assert (cell.formula, cell.formula_type, cell.formula_ref, cell.array_member, cell.value) == (
            "B1:C2*2", "array", "D1:E2", True, value)


def test_data_table_formulas_are_not_shared_children(tmp_path: Path) -> None:
    rows = ('<row r="3"><c r="B3"><f t="dataTable" ref="B3:B4" dt2D="0" dtr="0" r1="A1"/><v>10</v></c>'
            '<c r="C3"><f t="dataTable" ref="C3" dt2D="1" dtr="1" r1="A1" r2="A2"/><v>11</v></c>'
            '<c r="D3"><f t="dataTable" ref="D3" dt2D="0" dtr="1" r1="A2" del1="0"/><v>12</v></c></row>'
            '<row r="4"><c r="B4"><v>20</v></c></row>')
    read = cells(package(tmp_path / "table.xlsx", rows))
    assert read[(3, 2)].formula == "TABLE(,A1)" and read[(3, 2)].formula_type == "dataTable"
    assert read[(4, 2)].formula == "TABLE(,A1)" and read[(4, 2)].array_member
    assert read[(3, 3)].formula == "TABLE(A1,A2)" and read[(3, 4)].formula == "TABLE(A2,)"


# --- cached values ---------------------------------------------------------------------------------
def test_cached_text_errors_booleans_and_volatile_formulas(tmp_path: Path) -> None:
    rows = ('<row r="1"><c r="A1" t="str"><f>IF(B1="","",B1)</f><v></v></c>'
            '<c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab_x000D_</v></c>'
            '<c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
            '<c r="D1" t="b"><f>1=1</f><v>1</v></c><c r="E1" t="b"><v>0</v></c>'
            '<c r="F1"><f ca="1">NOW()</f><v>45000.5</v></c>'
            '<c r="G1"><f>_xlfn.CONCAT(A1,B1)</f><v>0</v></c></row>')
    read = cells(package(tmp_path / "values.xlsx", rows))
    assert (read[(1, 1)].value, read[(1, 1)].formula) == ("", 'IF(B1="","",B1)')
    assert read[(1, 2)].value == "ab\r"
    assert read[(1, 3)].value == "#DIV/0!" and read[(1, 3)].is_error
    assert read[(1, 4)].value is True and read[(1, 5)].value is False
    assert (read[(1, 6)].formula, read[(1, 6)].value) == ("NOW()", 45000.5)
    assert read[(1, 7)].formula == "_xlfn.CONCAT(A1,B1)"


def test_dates_stored_as_iso_text_become_serial_numbers(tmp_path: Path) -> None:
    rows = ('<row r="1"><c r="A1" t="d"><v>2024-01-15</v></c><c r="B1" t="d"><v>2024-01-15T12:00:00</v></c>'
            '<c r="C1" t="d"><v>1900-01-01T00:00:00</v></c><c r="D1" t="d"><v>1900-03-01</v></c>'
            '<c r="E1" t="d"><v>12:00:00</v></c><c r="F1" t="d"><v>not a date</v></c></row>')
    read = cells(package(tmp_path / "dates.xlsx", rows))
    assert [read[(1, c)].value for c in range(1, 7)] == [45306.0, 45306.5, 1.0, 61.0, 0.5, "not a date"]
    book = read_workbook(package(tmp_path / "1904.xlsx", rows, workbook_pr='<workbookPr date1904="1"/>'))
    assert book.date1904 and book.sheets["Sheet1"].cells[(1, 1)].value == 45306.0 - 1462


# --- positions without r --------------------------------------------------------------------------------
def test_rows_and_cells_without_r_follow_document_order(tmp_path: Path) -> None:
    rows = ('<row><c><v>1</v></c><c><v>2</v></c></row>'  # row 1: A1, B1
            '<row><c r="C2"><v>3</v></c><c><v>4</v></c></row>'  # row 2: C2, then D2
            '<row r="5"><c><v>5</v></c><c r="F5"><v>6</v></c><c><v>7</v></c></row>'
            '<row><c t="inlineStr"><is><t>x</t></is></c></row>')  # row 6
    found = {at: cell.value for at, cell in cells(package(tmp_path / "no_r.xlsx", rows)).items()}
    assert found == {(1, 1): 1.0, (1, 2): 2.0, (2, 3): 3.0, (2, 4): 4.0, (5, 1): 5.0, (5, 6): 6.0, (5, 7): 7.0, (6, 1): "x"}


# --- text ------------------------------------------------------------------------------------------
def test_inline_shared_and_rich_text_without_phonetic_runs(tmp_path: Path) -> None:
    strings = [
        "<t>plain</t>",
        '<r><rPr><b/></rPr><t xml:space="preserve">rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>ルビ</t></rPh><phoneticPr fontId="1"/>',
        "<t>line_x000D__x000A_break _x005F_x000D_ kept</t>",
        '<t xml:space="preserve">  spaced  </t>',
    ]
    rows = ('<row r="1">' + "".join(f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCD"))
            + '<c r="E1" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve">line </t></r><rPh><t>よみ</t></rPh></is></c>'
            + '<c r="F1" t="inlineStr"><is><t>tab_x0009_</t></is></c></row>')
    read = cells(package(tmp_path / "text.xlsx", rows, strings=strings))
    assert [read[(1, c)].value for c in range(1, 7)] == [
        "plain", "rich text", "line\r\nbreak _x000D_ kept", "  spaced  ", "inline ", "tab\t"]


def test_shared_strings_the_fast_scan_does_not_take(tmp_path: Path) -> None:
    """A part whose count does not match goes through the parser: the same text comes back."""
    strings = ['<r><t>a</t></r><rPh><t>b</t></rPh>', "<t>_x0041_</t>"]
    path = package(tmp_path / "slow.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
                   strings=strings)
    import zipfile

    with zipfile.ZipFile(path) as old, zipfile.ZipFile(tmp_path / "slow2.xlsx", "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, data.replace(b'uniqueCount="2"', b'uniqueCount="9"'))
    read = cells(tmp_path / "slow2.xlsx")
    assert (read[(1, 1)].value, read[(1, 2)].value) == ("a", "A")


# --- styles rewritten on save ----------------------------------------------------------------------
STYLES = (
    '<numFmts count="4"><numFmt numFmtId="176" formatCode="0.0%"/><numFmt numFmtId="177" formatCode="0\\%"/>'
    '<numFmt numFmtId="178" formatCode="&quot;%&quot;0"/><numFmt numFmtId="10" formatCode="0.00"/></numFmts>'
    '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="176"/><xf numFmtId="177"/>'
    '<xf numFmtId="178"/><xf numFmtId="10"/></cellXfs>'
)


def test_percent_styles_by_resolved_format_code(tmp_path: Path) -> None:
    """9 is 0%; a custom 0.0% is a percent; 0\\% and "%"0 show a sign without scaling; id 10 redefined is not."""
    book = read_workbook(package(tmp_path / "styles.xlsx", '<row r="1"><c r="A1" s="2"><v>0.85</v></c></row>', styles=STYLES))
    assert book.percent_styles == {1, 2}


# --- the WPS package --------------------------------------------------------------------------------
CUSTOM = ('<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
          'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
          '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
          '<vt:lpwstr>2052-11.1.0.14309</vt:lpwstr></property></Properties>')


def test_a_wps_package_is_read_and_recognised(tmp_path: Path) -> None:
    rows = '<row r="1" spans="1:2"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1*2</f><v>2</v></c><c r="B1"><v>1</v></c></row><row r="2"><c r="A2"><f t="shared" si="0"/><v>4</v></c></row>'
    after = ('<sheetProtection formatCells="0"/><dataValidations count="1"><dataValidation type="list" sqref="B1:B2 D1:D2">'
             '<formula1>&quot;是,否&quot;</formula1></dataValidation></dataValidations>')
    path = package(tmp_path / "wps.xlsx", rows, after=after, root_attrs=f' xmlns:etc="{ETC}"', directories=True, reverse=True,
                   workbook_pr='<fileVersion appName="xl" lastEdited="3" lowestEdited="5" rupBuild="9302"/>',
                   extra={"docProps/custom.xml": CUSTOM})
    book = read_workbook(path)
    assert (book.written_by, book.wps_build) == ("WPS", "2052-11.1.0.14309")
    assert {at: c.formula for at, c in book.sheets["Sheet1"].cells.items()} == {(1, 1): "B1*2", (1, 2): None, (2, 1): "B2*2"}


def test_a_file_without_wps_marks_says_nothing_of_its_writer(tmp_path: Path) -> None:
    book = read_workbook(package(tmp_path / "plain.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>'))
    assert (book.written_by, book.wps_build) == ("", "")


# --- limits count content ---------------------------------------------------------------------------
def test_empty_styled_cells_of_whole_row_formatting_are_not_counted(tmp_path: Path) -> None:
    """~50,000 empty styled cells beyond column 64 (WPS formats whole rows so): read, none kept."""
    letters = [_letters(c) for c in range(65, 65 + 500)]
    rows = "".join(f'<row r="{r}" s="3" customFormat="1"><c r="A{r}"><v>{r}</v></c>'
                   + "".join(f'<c r="{c}{r}" s="3"/>' for c in letters) + "</row>" for r in range(1, 101))
    sheet = read_workbook(package(tmp_path / "formatted.xlsx", rows)).sheets["Sheet1"]
    assert len(sheet.cells) == 100 and sheet.cells_out_of_bounds == 0


# --- broken storage: a clear problem, never a silent empty formula ------------------------------------
def test_a_dependent_without_master_is_a_problem_not_an_empty_formula(tmp_path: Path) -> None:
    rows = '<row r="1"><c r="A1"><f t="shared" si="4"/><v>3</v></c><c r="B1"><f t="shared" si="4"/><v>3</v></c></row>'
    sheet = read_workbook(package(tmp_path / "orphan.xlsx", rows)).sheets["Sheet1"]
    assert [(p.kind, p.cell, p.cells, dict(p.detail)) for p in sheet.problems] == [("shared_master_missing", "A1", 2, {"si": "4"})]
    assert sheet.cells[(1, 1)].problem == "shared_master_missing" and sheet.cells[(1, 1)].value == 3.0


def test_one_si_with_two_masters_reads_each_cell_from_its_own_group(tmp_path: Path) -> None:
    rows = ('<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1+1</f><v>1</v></c></row>'
            '<row r="2"><c r="A2"><f t="shared" si="0"/><v>1</v></c></row>'
            '<row r="5"><c r="A5"><f t="shared" ref="A5:A6" si="0">C5*3</f><v>1</v></c></row>'
            '<row r="6"><c r="A6"><f t="shared" si="0"/><v>1</v></c></row>')
    sheet = read_workbook(package(tmp_path / "two.xlsx", rows)).sheets["Sheet1"]
    assert {at: c.formula for at, c in sheet.cells.items()} == {(1, 1): "B1+1", (2, 1): "B2+1", (5, 1): "C5*3", (6, 1): "C6*3"}
    assert [(p.kind, p.cell, dict(p.detail)) for p in sheet.problems] == [("shared_two_masters", "A5", {"si": "0", "other": "A1"})]


def test_an_array_range_that_misses_its_own_cell(tmp_path: Path) -> None:
    rows = '<row r="1"><c r="A1"><f t="array" ref="C3:C4">SUM(B1:B2)</f><v>1</v></c></row><row r="3"><c r="C3"><v>9</v></c></row>'
    sheet = read_workbook(package(tmp_path / "outside.xlsx", rows)).sheets["Sheet1"]
    assert [(p.kind, p.cell, dict(p.detail)) for p in sheet.problems] == [("array_outside", "A1", {"ref": "C3:C4"})]
    assert sheet.cells[(1, 1)].formula == "SUM(B1:B2)" and sheet.cells[(3, 3)].formula is None


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "nonsense", "A1:B2:C3"])
def test_array_ranges_of_any_size_or_shape_stay_bounded(ref: str, tmp_path: Path) -> None:
    rows = f'<row r="1"><c r="A1"><f t="array" ref="{ref}">1</f><v>1</v></c><c r="B1"><v>2</v></c></row>'
    sheet = read_workbook(package(tmp_path / "huge.xlsx", rows)).sheets["Sheet1"]
    assert sheet.cells[(1, 1)].formula == "1"


def test_what_only_looks_like_a_reference_does_not_move() -> None:
    """Past column XFD or row 1,048,576 it is a name; in a string, a quoted sheet name or brackets it is text."""
    assert translate('ZZZ1+A1+A1048577+"B2"+\'C3 x\'!D4+Tbl[[#This Row],[E5]]', 1, 1) == (
        'ZZZ1+B2+A1048577+"B2"+\'C3 x\'!E5+Tbl[[#This Row],[E5]]')
