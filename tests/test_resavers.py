"""Each re-saver checked independently of xlscore's reader: openpyxl and LibreOffice read the same values
and formulas from its output as from its input (openpyxl translates shared formulas itself).

The only cells allowed to differ are the ones a step puts something into (a picture replaces a remark).
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from resaved import targets
from support.resave import SHAPES, STEPS, resave
from test_check_fixtures import fixture

pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")
NAMES = list(STEPS) + list(SHAPES)
PICTURES = {"picture_text", "picture_empty", "picture_name"}
SOURCE = fixture("clean")


def steps_of(name: str) -> tuple[str, ...]:
    return SHAPES.get(name, (name,))


def changed_cells(name: str) -> set[tuple[str, str]]:
    """The cells ``name`` puts a picture into (their formula and value differ on purpose)."""
    return set(targets(SOURCE).remarks) if PICTURES & set(steps_of(name)) else set()


def contents(data: bytes | Path) -> dict[tuple[str, str, str], object]:
    """(sheet, cell, "formula" or "value") → what openpyxl reads, array formulas as their text."""
    handle = io.BytesIO(data) if isinstance(data, bytes) else data
    out: dict[tuple[str, str, str], object] = {}
    for what, data_only in (("formula", False), ("value", True)):
        book = openpyxl.load_workbook(handle, data_only=data_only, read_only=True)
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # a read-only sheet trusts <dimension>; read every row
            for row in sheet.iter_rows():
                for cell in row:
                    value = cell.value.text if isinstance(cell.value, ArrayFormula) else cell.value
                    if isinstance(value, str) and what == "formula" and isinstance(cell.value, ArrayFormula):
                        value = value if value.startswith("=") else "=" + value
                    if value is not None:
                        out[(sheet.title, cell.coordinate, what)] = value
        book.close()
    return out


def styles(data: bytes) -> dict[tuple[str, str], str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {(s.title, c.coordinate): repr((c.number_format, c.font, c.fill, c.border, c.alignment, c.protection))
            for s in book.worksheets for row in s.iter_rows() for c in row}


def without(found: dict[tuple[str, str, str], object], cells: set[tuple[str, str]]) -> dict[tuple[str, str, str], object]:
    return {key: value for key, value in found.items() if key[:2] not in cells}


@pytest.fixture(scope="module")
def original() -> dict[tuple[str, str, str], object]:
    return contents(SOURCE.read_bytes())


@pytest.mark.parametrize("name", NAMES)
def test_openpyxl_reads_the_same_workbook(name: str, original: dict[tuple[str, str, str], object]) -> None:
    out = resave(SOURCE.read_bytes(), steps_of(name), targets(SOURCE))
    changed = changed_cells(name)
    assert without(contents(out), changed) == without(original, changed)
    for sheet, ref in changed:
        assert "DISPIMG(" in str(contents(out)[(sheet, ref, "formula")])


def test_regenerated_styles_look_the_same() -> None:
    out = resave(SOURCE.read_bytes(), ("styles",))
    assert styles(out) == styles(SOURCE.read_bytes())


def test_every_step_changes_the_package() -> None:
    """A step that wrote nothing would prove nothing."""
    source = SOURCE.read_bytes()
    for name in STEPS:
        assert resave(source, (name,), targets(SOURCE)) != resave(source, (), targets(SOURCE)), name


@pytest.mark.engine
def test_libreoffice_reads_the_same_workbook(tmp_path: Path) -> None:
    from support.libreoffice import recalculate

    sources = tmp_path / "in"
    sources.mkdir()
    paths = [sources / "original.xlsx"]
    paths[0].write_bytes(SOURCE.read_bytes())
    for name in NAMES:
        path = sources / f"{name}.xlsx"
        path.write_bytes(resave(SOURCE.read_bytes(), steps_of(name), targets(SOURCE)))
        paths.append(path)
    saved = recalculate(paths, tmp_path / "out")
    expected = contents(saved[paths[0]])
    for name, path in zip(NAMES, paths[1:]):
        changed = changed_cells(name)
        assert without(contents(saved[path]), changed) == without(expected, changed), name
