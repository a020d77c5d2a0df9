"""The clean fixture with its formulas stored as Excel and WPS store them: the verdict does not change.

And what a file stores inconsistently gets a finding of its own (STR006/STR007) at the cell, never
a changed-formula warning about an empty formula.
"""

from __future__ import annotations

import re
from pathlib import Path

import hostile as h
from xlscore.check.checker import check_file
from xlscore.check.findings import Report

#: Codes this module shows the checker producing (the fixture corpus cannot: LibreOffice never writes them).
PRODUCED = {"STR006", "STR007"}
H6 = '<f aca="false">IF(G6=&quot;&quot;,&quot;&quot;,IF(ISNUMBER(G6),2*G6,0))</f>'
H7 = '<f aca="false">IF(G7=&quot;&quot;,&quot;&quot;,IF(ISNUMBER(G7),2*G7,0))</f>'


def keys(report: Report) -> set[tuple[str | None, str | None, str]]:
    return {(f.sheet, f.cell, f.code) for f in report.findings}


def _clean() -> set[tuple[str | None, str | None, str]]:
    return keys(check_file(h.CLEAN))


def _edited(tmp_path: Path, name: str, *pairs: tuple[str, str]) -> Report:
    edits = [h.replace_once(old, new) for old, new in pairs]

    def edit(data: bytes) -> bytes:
        for one in edits:
            data = one(data)
        return data

    return check_file(h.rewrite(tmp_path / name, {h.SECTION_PART: edit}))


def _section_sheet(report: Report) -> str:
    return next(f.sheet for f in report.findings if f.code in ("STR006", "STR007"))


def test_shared_formulas_give_the_original_verdict(tmp_path: Path) -> None:
    report = _edited(tmp_path, "shared.xlsx", (H6, '<f t="shared" ref="H6:H7" si="0">IF(G6=&quot;&quot;,&quot;&quot;,IF(ISNUMBER(G6),2*G6,0))</f>'),
                     (H7, '<f t="shared" si="0"/>'))
    assert keys(report) == _clean()


def test_spaces_line_breaks_and_prefixes_typed_in_a_formula_change_nothing(tmp_path: Path) -> None:
    spaced = '<f>IF( G6 = &quot;&quot; ,&quot;&quot;,\nIF( _xlfn.ISNUMBER( G6 ),2 * G6, 0 ) ) </f>'
    assert keys(_edited(tmp_path, "spaced.xlsx", (H6, spaced))) == _clean()


def test_an_array_formula_on_a_computed_cell_changes_nothing(tmp_path: Path) -> None:
    array = '<f t="array" ref="H6">IF(G6=&quot;&quot;,&quot;&quot;,IF(ISNUMBER(G6),2*G6,0))</f>'
    assert keys(_edited(tmp_path, "array.xlsx", (H6, array))) == _clean()


def test_cells_without_r_give_the_original_verdict(tmp_path: Path) -> None:
    def strip(data: bytes) -> bytes:
        return re.sub(rb'(<c) r="[A-Z]+[0-9]+"', rb"\1", re.sub(rb'(<row) r="[0-9]+"', rb"\1", data))

    with_rows = check_file(h.rewrite(tmp_path / "no_r.xlsx", {h.SECTION_PART: strip}))
    # Only correct when every row and every cell up to the last one is written: the fixture writes them all.
    assert keys(with_rows) == _clean()


def test_a_shared_dependent_without_master_is_str006_not_a_changed_formula(tmp_path: Path) -> None:
    report = _edited(tmp_path, "orphan.xlsx", (H7, '<f t="shared" si="9"/>'))
    sheet = _section_sheet(report)
    assert keys(report) == _clean() | {(sheet, "H7", "STR006")}
    finding = next(f for f in report.findings if f.code == "STR006")
    assert "H7" in finding.message and "si=9" in finding.message and report.exit_code == 1


def test_an_array_range_that_misses_its_cell_is_str007(tmp_path: Path) -> None:
    report = _edited(tmp_path, "outside.xlsx",
                     (H6, '<f t="array" ref="Z1:Z2">IF(G6=&quot;&quot;,&quot;&quot;,IF(ISNUMBER(G6),2*G6,0))</f>'))
    sheet = _section_sheet(report)
    assert keys(report) == _clean() | {(sheet, "H6", "STR007")}


def test_two_masters_for_one_si_is_str007(tmp_path: Path) -> None:
    report = _edited(tmp_path, "two.xlsx",
                     (H6, '<f t="shared" ref="H6" si="3">IF(G6=&quot;&quot;,&quot;&quot;,IF(ISNUMBER(G6),2*G6,0))</f>'),
                     (H7, '<f t="shared" ref="H7" si="3">IF(G7=&quot;&quot;,&quot;&quot;,IF(ISNUMBER(G7),2*G7,0))</f>'))
    sheet = _section_sheet(report)
    assert keys(report) == _clean() | {(sheet, "H7", "STR007")}
