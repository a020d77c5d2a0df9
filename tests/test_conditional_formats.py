"""The generated form's conditional formats: one rule over many cells, its formula written for the top cell.

A rule's relative references move with each cell it covers, counted from the top-left cell of its
first range (Excel; LibreOffice takes the same cell as the rule's base cell). So every relative row
in a formula must be the top row, and the cells a rule covers must be the ones the SPEC marks.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from xlscore.cells import cell_to_rowcol, col_to_letters
from xlscore.form.layout import DEDUCTION_COL, PASS_KEYS, REMARK_COL, Layout
from xlscore.generate import GenerateOptions, generate_workbook, workbook_layout
from xlscore.rubric import load_rubric

ROOT = Path(__file__).resolve().parent.parent
_RULES = re.compile(r'<conditionalFormatting sqref="([^"]+)">(.*?)</conditionalFormatting>', re.S)
_FORMULA = re.compile(r"<formula>(.*?)</formula>", re.S)
_REF = re.compile(r"(?<![A-Z$])\$?([A-Z]{1,3})(\$?)(\d+)")


def _cells(sqref: str) -> list[tuple[int, int]]:
    """Every (row, col) of ``sqref``, in its order (ranges expanded row by row)."""
    out = []
    for part in sqref.split():
        first, _, last = part.partition(":")
        (r1, c1), (r2, c2) = cell_to_rowcol(first), cell_to_rowcol(last or first)
        out += [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
    return out


@pytest.fixture(scope="module", params=[None, ROOT / "examples" / "small-rubric.yaml"], ids=["shipped", "small"])
def generated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[Layout, dict[str, list[tuple[list[tuple[int, int]], str]]]]:
    rubric = load_rubric(request.param)
    options = GenerateOptions()
    path = generate_workbook(rubric, tmp_path_factory.mktemp("cf") / "book.xlsx", options)
    layout = workbook_layout(rubric, options)
    rules = {}
    with zipfile.ZipFile(path) as package:
        for index, sheet in enumerate(layout.sheets):
            # XlsxWriter numbers the parts in sheet order: 封面 and 说明 come before the section sheets.
            text = package.read(f"xl/worksheets/sheet{index + 3}.xml").decode("utf-8")
            rules[sheet.name] = [(_cells(sqref), formula) for sqref, body in _RULES.findall(text)
                                 for formula in _FORMULA.findall(body)]
    return layout, rules


def test_every_relative_row_is_the_rules_top_row(generated) -> None:  # type: ignore[no-untyped-def]
    _layout, rules = generated
    for sheet, found in rules.items():
        assert found, sheet
        for cells, formula in found:
            top = cells[0][0]
            assert min(row for row, _ in cells) == top, (sheet, formula)
            rows = {int(row) for _col, anchored, row in _REF.findall(formula) if not anchored}
            assert rows <= {top}, (sheet, formula, top)


def test_each_deduction_row_marks_its_own_empty_remark(generated) -> None:  # type: ignore[no-untyped-def]
    layout, rules = generated
    for sheet in layout.sheets:
        expected = sorted(row.row for block in sheet.item_blocks() for row in block.rule_rows())
        for p in PASS_KEYS:
            ded, rem = col_to_letters(DEDUCTION_COL[p]), col_to_letters(REMARK_COL[p])
            marking = [cells for cells, formula in rules[sheet.name]
                       if f"N(${ded}" in formula and f"TRIM(${rem}" in formula]
            assert len(marking) == 1, (sheet.name, p)
            assert all(col == REMARK_COL[p] for _row, col in marking[0])
            assert sorted(row for row, _col in marking[0]) == expected, (sheet.name, p)
