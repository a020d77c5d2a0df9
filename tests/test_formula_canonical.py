"""The canonical form a formula is compared in: what Excel and WPS let a user type differently means the same."""

from __future__ import annotations

import pytest

from xlscore.check.references import RowMap, canonical, same_formula

ROWS = RowMap({"S": {r: r for r in range(1, 40)}})


@pytest.mark.parametrize("typed", [
    "= SUM( H7 : H9 )",
    "SUM(H7:H9) ",
    "SUM(\nH7:H9\n)",
    "SUM(\r\n\tH7 :H9)",
    "_xlfn.SUM(H7:H9)",
    "_xlfn._xlws.SUM($H$7:H9)",
])
def test_spacing_line_breaks_and_prefixes_mean_the_same(typed: str) -> None:
    assert same_formula(typed, "SUM(H7:H9)", "S", "S", ROWS)


@pytest.mark.parametrize("typed, generated", [
    ('IF(G6="","",G6)', 'IF(G6=" ","",G6)'),  # a space inside a string literal is text
    ("SUM(H7:H9 H8:H10)", "SUM(H7:H9,H8:H10)"),  # the space between two references is the intersection
    ("SUM(H7:H9 H8:H10)", "SUM(H7:H9H8:H10)"),
    ("SUM('A b'!H7)", "SUM('Ab'!H7)"),  # a space in a quoted sheet name is part of the name
])
def test_what_whitespace_means_is_kept(typed: str, generated: str) -> None:
    assert not same_formula(typed, generated, "S", "S", ROWS)


def test_the_intersection_is_one_space_however_it_was_typed() -> None:
    assert canonical("SUM(H7:H9   H8:H10)", "S") == canonical("SUM(H7:H9\nH8:H10)", "S") == "SUM(S!H7:S!H9 S!H8:S!H10)"
    assert canonical('IF(G6 = " a  b ", 1)', "S") == 'IF(S!G6=" a  b ",1)'
