"""Where generate goes round XlsxWriter's regular expressions (formulas, defined names), it gets what XlsxWriter gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from xlsxwriter.worksheet import Worksheet

from xlscore.generate import GenerateOptions, generate_workbook
from xlscore.generate.worksheet import PATTERNS_BY_TAIL, FormulaWorksheet, may_rewrite
from xlscore.rubric import load_rubric

# Functions XlsxWriter rewrites (plain, dotted, dynamic-array, the odd ``\SINGLE`` pattern), names that
# merely end like them, quoted text, array braces, already-prefixed formulas, and plain ones.
AWKWARD = [
    "=XLOOKUP(A1,B:B,C:C)", "=STDEV.S(A1:A9)", "=STDEVxS(A1)", "=VAR.P(A1:A9)+COUNT(A1:A9)",
    "=FILTER(A1:A9,B1:B9>0)", "=SORT(A1:A9)", "=xSINGLE(A1)", "=SINGLE(A1)", "=IFS(A1>0,1,TRUE,0)",
    '="IFS("&A1', "=CONCAT(A1,B1)", "=TEXTJOIN(\",\",TRUE,A1:A3)", "=BETA DIST(1)", "=NUMBERVALUE(A1)",
    "{=SUM(A1:A3*B1:B3)}", "=_xlfn.XLOOKUP(A1,B:B,C:C)", "=LET(x,1,x+1)", "=MAXIFS(A:A,B:B,1)",
    '=IF(COUNT(I5:I64)=0,"",SUM(I5:I64))', "=AND(ISNUMBER($I4),ISNUMBER($L4),$I4<>$L4)", "=A1+B1",
    "SUMPRODUCT(A1:A3)", "=xlookup(A1,B:B,C:C)", "=MAP(A1:A3,LAMBDA(x,x*2))", "=GAMMA(2)+GAUSS(1)", "",
]


def _sheet(future: bool) -> FormulaWorksheet:
    sheet = FormulaWorksheet()
    sheet.use_future_functions = future
    return sheet


def _agrees(formula: str) -> None:
    for future in (False, True):
        sheet = _sheet(future)
        for expand in (False, True):
            assert sheet._prepare_formula(formula, expand) == Worksheet._prepare_formula(sheet, formula, expand), (
                formula, future, expand)


def test_the_shortcut_is_on_for_the_installed_xlsxwriter() -> None:
    assert PATTERNS_BY_TAIL is not None
    assert not may_rewrite('=IF(COUNT(I5:I64)=0,"",SUM(I5:I64))')
    assert may_rewrite("=XLOOKUP(A1,B:B,C:C)") and may_rewrite("=STDEV.S(A1:A9)") and may_rewrite("=xSINGLE(A1)")


@pytest.mark.parametrize("formula", AWKWARD)
def test_awkward_formulas_are_prepared_as_xlsxwriter_does(formula: str) -> None:
    _agrees(formula)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_formula_of_a_generated_workbook_is_prepared_as_xlsxwriter_does(
        lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    prepare = FormulaWorksheet._prepare_formula

    def spy(self, formula, expand_future_functions=False):  # type: ignore[no-untyped-def]
        seen.append(formula)
        return prepare(self, formula, expand_future_functions)

    monkeypatch.setattr(FormulaWorksheet, "_prepare_formula", spy)
    generate_workbook(load_rubric(), tmp_path / "form.xlsx", GenerateOptions(lang=lang))
    monkeypatch.undo()
    assert len(seen) > 300  # cells, validations and conditional formats all went through it
    for formula in seen:
        _agrees(formula)


def test_defined_names_are_those_define_name_gives(tmp_path: Path) -> None:
    import xlsxwriter

    from xlscore.cells import sheet_ref
    from xlscore.generate import _PLAIN_NAME, _define_names
    from xlscore.form.layout import build_layout

    layout = build_layout(load_rubric(), "zh")
    ours, theirs = xlsxwriter.Workbook(tmp_path / "a.xlsx"), xlsxwriter.Workbook(tmp_path / "b.xlsx")
    _define_names(ours, layout)
    for slot in sorted(layout.slots.values(), key=lambda s: s.name):
        assert theirs.define_name(slot.name, "=" + sheet_ref(slot.sheet, slot.row, slot.col)) == 0
        theirs.defined_names[-1][3] = True
    assert all(_PLAIN_NAME.fullmatch(name) for name in layout.slots)  # the shortcut is taken
    assert ours.defined_names == theirs.defined_names
