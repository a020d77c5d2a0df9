"""Returns as Excel and WPS save them: the checker's verdict on a re-saved fixture is the original's.

Every fixture of ``test_check_fixtures`` is re-saved in the Excel shape and the WPS shape (see
``support.resave``), some also in every shape combined, and checked again: the same findings at the
same cells with the same codes, ``caused_by`` and messages, the same exit code and totals.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resaved import resaved, targets, verdict
from support.resave import SHAPES, Targets, resave
from test_check_fixtures import CASES, fixture, keys
from xlscore.check.checker import check_file
from xlscore.reader.xlsx import read_workbook

pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")
#: Fixtures also re-saved with everything combined: a clean one, one per kind of root and one with rows moved.
COMBINED_CASES = ("clean", "clean_xlsm.xlsm", "typed_total", "value_error", "text_numbers", "row_inserted",
                  "remark_missing", "refused_inputs", "stale_cache")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("resaved")


@pytest.mark.parametrize("shape", ["excel", "wps"])
@pytest.mark.parametrize("case", list(CASES))
def test_excel_and_wps_saves_keep_the_verdict(case: str, shape: str, folder: Path) -> None:
    original = check_file(fixture(case))
    again = check_file(resaved(case, SHAPES[shape], folder))
    assert verdict(again) == verdict(original)
    assert keys(again) == CASES[case][0]


@pytest.mark.parametrize("shape", ["combined", "combined_no_refs"])
@pytest.mark.parametrize("case", COMBINED_CASES)
def test_every_shape_combined_keeps_the_verdict(case: str, shape: str, folder: Path) -> None:
    assert verdict(check_file(resaved(case, SHAPES[shape], folder))) == verdict(check_file(fixture(case)))


@pytest.mark.parametrize("step", ["picture_text", "picture_empty", "picture_name"])
def test_a_picture_in_a_remark_is_a_written_remark(step: str, folder: Path) -> None:
    """The clean fill's remarks that explain deductions replaced by pictures: no REM001, no IN006, same totals."""
    picked = targets(fixture("clean"))
    assert picked.remarks
    path = folder / f"clean-{step}.xlsx"
    path.write_bytes(resave(fixture("clean").read_bytes(), (step,), picked))
    book = read_workbook(path)
    for sheet, ref in picked.remarks:
        cell = book.sheets[sheet].cells[_rowcol(ref)]
        assert cell.picture is not None and cell.picture.startswith("ID_")
    assert verdict(check_file(path)) == verdict(check_file(fixture("clean")))


def test_a_picture_where_a_number_belongs_is_not_a_number(folder: Path) -> None:
    """A photo pasted into a count: refused like any text there (IN002), never an error value (IN006)."""
    from test_check_fixtures import cell

    where = cell("XS_S1_I1_6_R1_ASSESS_IN")
    path = folder / "clean-picture-in-count.xlsx"
    path.write_bytes(resave(fixture("clean").read_bytes(), ("picture_name",), Targets(remarks=[where])))
    report = check_file(path)
    found = {(f.sheet, f.cell, f.code) for f in report.findings if f.caused_by is None and f.code.startswith("IN")}
    assert found == {(*where, "IN002")}
    assert report.exit_code == 1


def _rowcol(ref: str) -> tuple[int, int]:
    from xlscore.cells import cell_to_rowcol

    return cell_to_rowcol(ref)
