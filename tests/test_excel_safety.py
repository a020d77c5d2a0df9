"""The Excel-repair lint: clean on what we generate, and each check proven to fire on a bad file.

Bad files are small XlsxWriter workbooks; where XlsxWriter refuses to write the bad thing (it
guards most of these), the XML inside the zip is patched instead.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from defusedxml import DefusedXmlException

from support.excel_safety import (
    NotAWorkbook,
    defined_name_problem,
    excel_safety_problems,
    formula_separator_problem,
    sheet_name_problem,
)
from xlscore.generate import GenerateOptions, generate_workbook
from xlscore.rubric import load_rubric

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "examples" / "small-rubric.yaml"
SHEET = "xl/worksheets/sheet1.xml"
BOOK = "xl/workbook.xml"
STRINGS = "xl/sharedStrings.xml"


def _clean_workbook(path: Path, **extra: object) -> Path:
    """A small workbook with one of each thing the lint looks at, all legal."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    wb.add_worksheet("Other")
    ws.write_string("A1", "hello")
    ws.write_number("B1", 1.5)
    ws.write_formula("C1", extra.get("formula", '=IF(A1="a;b",SUM(1,2),0)'))
    ws.merge_range("A3:B4", "merged")
    ws.set_column("A:A", extra.get("width", 10))
    ws.data_validation("D1", {
        "validate": "list", "source": ["a", "b"], "input_title": "T", "input_message": "P",
        "error_title": "E", "error_message": "M",
    })
    wb.define_name("Good", "=Data!$A$1")
    wb.close()
    return path


def _patch(path: Path, part: str, old: str, new: str) -> Path:
    """Rewrite one member of the zip, replacing ``old`` (which must be there) by ``new``."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    out = path.with_name("patched-" + path.name)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == part:
                text = data.decode("utf-8")
                assert old in text, f"{old!r} not in {part}"
                data = text.replace(old, new, 1).encode("utf-8")
            target.writestr(info, data)
    return out


def _one_problem(path: Path) -> str:
    problems = excel_safety_problems(path)
    assert len(problems) == 1, problems
    return problems[0]


# --- clean files ---------------------------------------------------------------------------------
def test_small_clean_workbook_has_no_problems(tmp_path: Path) -> None:
    assert excel_safety_problems(_clean_workbook(tmp_path / "clean.xlsx")) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_generated_shipped_rubric_has_no_problems(tmp_path: Path, lang: str) -> None:
    out = generate_workbook(load_rubric(), tmp_path / "csc.xlsx",
                            GenerateOptions(unit="国网某供电公司客户服务中心", period="2024年第一季度", lang=lang))
    assert excel_safety_problems(out) == []


def test_generated_small_example_has_no_problems(tmp_path: Path) -> None:
    out = generate_workbook(load_rubric(SMALL), tmp_path / "small.xlsx", GenerateOptions(password="secret"))
    assert excel_safety_problems(out) == []


# --- each check fires ----------------------------------------------------------------------------
LONG_LIST = '"' + ",".join(f"choice{i:03d}" for i in range(30)) + '"'  # 30 × 9 + 29 = 299 characters

XML_CASES = [
    # (id, part, old, new, fragments the one problem line must contain)
    ("list over 255", SHEET, '<formula1>"a,b"</formula1>', f"<formula1>{LONG_LIST}</formula1>",
     ["sheet 'Data'", "D1", "list of 299 characters"]),
    ("prompt title over 32", SHEET, 'promptTitle="T"', f'promptTitle="{"标" * 33}"',
     ["sheet 'Data'", "D1", "prompt title of 33"]),
    ("error title over 32", SHEET, 'errorTitle="E"', f'errorTitle="{"E" * 33}"',
     ["sheet 'Data'", "D1", "error title of 33"]),
    ("error over 224", SHEET, 'error="M"', f'error="{"M" * 225}"',
     ["sheet 'Data'", "D1", "error message of 225"]),
    ("prompt over 255", SHEET, 'prompt="P"', f'prompt="{"P" * 256}"',
     ["sheet 'Data'", "D1", "prompt of 256"]),
    ("sheet name over 31", BOOK, 'name="Other"', f'name="{"O" * 32}"', ["sheet name 'OOO", "32 characters"]),
    ("sheet name starts with quote", BOOK, 'name="Other"', "name=\"'Other\"", ["sheet name ''Other'", "apostrophe"]),
    ("sheet name ends with quote", BOOK, 'name="Other"', "name=\"Other'\"", ["sheet name 'Other''", "apostrophe"]),
    *[(f"sheet name with {ch}", BOOK, 'name="Other"', f'name="Ot{ch}her"', [f"sheet name 'Ot{ch}her'", f"contains {ch}"])
      for ch in "[]:*?/\\"],
    ("duplicate sheet name", BOOK, 'name="Other"', 'name="DATA"', ["sheet name 'DATA' is used twice"]),
    ("overlapping merges", SHEET, '<mergeCells count="1"><mergeCell ref="A3:B4"/>',
     '<mergeCells count="2"><mergeCell ref="A3:B4"/><mergeCell ref="B4:C6"/>',
     ["sheet 'Data'", "merged ranges A3:B4 and B4:C6 overlap"]),
    ("shared string over 32767", STRINGS, "<t>hello</t>", f"<t>{'x' * 32768}</t>",
     ["sheet 'Data'", "cell A1", "text of 32768 characters"]),
    ("inline string over 32767", SHEET, '<c r="A1" t="s"><v>0</v></c>',
     f'<c r="A1" t="inlineStr"><is><r><t>{"x" * 30000}</t></r><r><t>{"y" * 2768}</t></r></is></c>',
     ["sheet 'Data'", "cell A1", "text of 32768 characters"]),
    ("NaN", SHEET, "<v>1.5</v>", "<v>NaN</v>", ["sheet 'Data'", "cell B1", "NaN"]),
    ("Inf", SHEET, "<v>1.5</v>", "<v>INF</v>", ["sheet 'Data'", "cell B1", "INF"]),
    ("-Inf", SHEET, "<v>1.5</v>", "<v>-inf</v>", ["sheet 'Data'", "cell B1", "-inf"]),
    ("not a number", SHEET, "<v>1.5</v>", "<v>1,5</v>", ["sheet 'Data'", "cell B1", "not a number"]),
    ("name like A1", BOOK, 'name="Good"', 'name="AB12"', ["defined name 'AB12'", "cell reference (A1"]),
    ("name like XFD1048576", BOOK, 'name="Good"', 'name="xfd1048576"', ["'xfd1048576'", "cell reference (A1"]),
    ("name like R1C1", BOOK, 'name="Good"', 'name="R1C1"', ["defined name 'R1C1'", "R1C1 style"]),
    ("name R", BOOK, 'name="Good"', 'name="R"', ["defined name 'R'", "R1C1 style"]),
    ("name c", BOOK, 'name="Good"', 'name="c"', ["defined name 'c'", "R1C1 style"]),
    ("name RC", BOOK, 'name="Good"', 'name="RC"', ["defined name 'RC'", "R1C1 style"]),
    ("name with space", BOOK, 'name="Good"', 'name="Go od"', ["defined name 'Go od'", "characters Excel does not allow"]),
    ("name with digit first", BOOK, 'name="Good"', 'name="1Good"', ["defined name '1Good'", "characters"]),
    ("name with hyphen", BOOK, 'name="Good"', 'name="Go-od"', ["defined name 'Go-od'", "characters"]),
    ("name over 255", BOOK, 'name="Good"', f'name="{"G" * 256}"', ["256 characters"]),
    ("duplicate name", BOOK, "</definedNames>", '<definedName name="GOOD">Data!$B$1</definedName></definedNames>',
     ["defined name 'GOOD' is defined twice in the workbook"]),
    ("duplicate sheet-scoped name", BOOK, "</definedNames>",
     ('<definedName name="x" localSheetId="1">Other!$A$1</definedName>'
      '<definedName name="X" localSheetId="1">Other!$B$1</definedName></definedNames>'),
     ["defined name 'X' is defined twice in sheet 'Other'"]),
    ("header over 255", SHEET, "</worksheet>",
     f"<headerFooter><oddHeader>&amp;C{'h' * 260}</oddHeader></headerFooter></worksheet>",
     ["sheet 'Data'", "oddHeader: 262 characters"]),
]


@pytest.mark.parametrize("part,old,new,fragments", [c[1:] for c in XML_CASES], ids=[c[0] for c in XML_CASES])
def test_each_check_fires_on_a_patched_workbook(tmp_path: Path, part: str, old: str, new: str, fragments: list[str]) -> None:
    bad = _patch(_clean_workbook(tmp_path / "base.xlsx"), part, old, new)
    problem = _one_problem(bad)
    for fragment in fragments:
        assert fragment in problem


def test_semicolon_formula_written_by_xlsxwriter_is_reported(tmp_path: Path) -> None:
    problem = _one_problem(_clean_workbook(tmp_path / "f.xlsx", formula="=SUM(1;2)"))
    assert "sheet 'Data'" in problem and "cell C1" in problem and "';'" in problem and "SUM(1;2)" in problem


def test_column_width_over_255_written_by_xlsxwriter_is_reported(tmp_path: Path) -> None:
    problem = _one_problem(_clean_workbook(tmp_path / "w.xlsx", width=300))
    assert "sheet 'Data'" in problem and "column A: width 300" in problem


def test_a_sheet_scoped_name_may_repeat_a_workbook_name(tmp_path: Path) -> None:
    same = '<definedName name="good" localSheetId="1">Other!$A$1</definedName></definedNames>'
    assert excel_safety_problems(_patch(_clean_workbook(tmp_path / "b.xlsx"), BOOK, "</definedNames>", same)) == []


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    bad = _patch(_clean_workbook(tmp_path / "b.xlsx"), SHEET, "<v>1.5</v>", "<v>NaN</v>")
    bad = _patch(bad, SHEET, 'promptTitle="T"', f'promptTitle="{"T" * 40}"')
    assert len(excel_safety_problems(bad)) == 2


# --- the pieces ----------------------------------------------------------------------------------
@pytest.mark.parametrize("formula", [
    'IF(A1="a;b",1,2)', "'Sheet;1'!A1+1", "SUM({1,2;3,4})", 'CONCATENATE("say ""x;y""",B1)', "",
])
def test_semicolons_that_are_not_separators_are_fine(formula: str) -> None:
    assert not formula_separator_problem(formula)


@pytest.mark.parametrize("formula", ["SUM(1;2)", 'IF(A1="x";1;2)', "'a;b'!A1+SUM(1;2)"])
def test_semicolon_separators_are_found(formula: str) -> None:
    assert formula_separator_problem(formula)


@pytest.mark.parametrize("name", [
    "XS_S1_I1_1_R1_SELF_IN", "_private", "\\back", "名称", "abc.def", "XFE1", "ABCD1", "R1C1X", "A0",
    "_xlnm.Print_Titles", "_xlnm._FilterDatabase",
])
def test_legal_defined_names(name: str) -> None:
    assert defined_name_problem(name) is None


@pytest.mark.parametrize("name", ["A1", "xfd1048576", "R", "C", "r1c1", "R2", "C10", "RC", "R1C", "", "a b", "1a", "a-b", "x" * 256])
def test_illegal_defined_names(name: str) -> None:
    assert defined_name_problem(name) is not None


@pytest.mark.parametrize("name,ok", [("1 客户服务中心AAAAA", True), ("a" * 31, True), ("a" * 32, False), ("", False),
                                     ("it's", True), ("'x", False), ("x'", False), ("a/b", False)])
def test_sheet_names(name: str, ok: bool) -> None:
    assert (sheet_name_problem(name) is None) is ok


def test_not_a_zip_is_an_error_not_a_list(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(NotAWorkbook):
        excel_safety_problems(path)


def test_zip_without_workbook_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("hello.txt", "hi")
    with pytest.raises(NotAWorkbook):
        excel_safety_problems(path)


def test_entity_tricks_are_refused(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>')
    with zipfile.ZipFile(_clean_workbook(tmp_path / "b.xlsx")) as source:
        original = source.read(STRINGS).decode()
    bad = _patch(tmp_path / "b.xlsx", STRINGS, original, bomb)
    with pytest.raises(DefusedXmlException):
        excel_safety_problems(bad)
