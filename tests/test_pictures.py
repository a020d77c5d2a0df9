"""WPS in-cell pictures: which formulas name a picture, and how the checker reads such a cell."""

from __future__ import annotations

import pytest

from xlscore.check.normalise import read_input
from xlscore.reader.pictures import picture_id
from xlscore.reader.xlsx import CellData
from xlscore.rules import InputKind, InputSpec


@pytest.mark.parametrize("formula", [
    '_xlfn.DISPIMG("ID_5BA4F81A0D674C7AA8849A79AC5645C8",1)', 'DISPIMG("ID_5BA4F81A0D674C7AA8849A79AC5645C8",1)',
    '@_xlfn.DISPIMG("ID_5BA4F81A0D674C7AA8849A79AC5645C8",1)', ' _xlfn.dispimg( "ID_5BA4F81A0D674C7AA8849A79AC5645C8" , 1 ) ',
])
def test_a_dispimg_call_names_its_picture(formula: str) -> None:
    assert picture_id(formula) == "ID_5BA4F81A0D674C7AA8849A79AC5645C8"


@pytest.mark.parametrize("formula", [None, "", "SUM(A1:A3)", 'IF(A1,DISPIMG("ID_1",1),"")', 'DISPIMG(A1,1)', '"DISPIMG"'])
def test_other_formulas_hold_no_picture(formula: str | None) -> None:
    assert picture_id(formula) is None


@pytest.mark.parametrize("value, kind", [('=DISPIMG("ID_1",1)', "str"), (None, "n"), ("#NAME?", "e")])
def test_a_picture_reads_the_same_whatever_was_stored(value: object, kind: str) -> None:
    cell = CellData(value, '_xlfn.DISPIMG("ID_1",1)', kind, 0, False, "ID_1")
    text = read_input(cell, InputSpec(InputKind.TEXT))
    assert (text.value, text.problem) == ('=DISPIMG("ID_1",1)', None)
    assert read_input(cell, InputSpec(InputKind.YES_NO)).problem == "IN005"
    assert read_input(cell, InputSpec(InputKind.WHOLE)).problem == "IN002"
