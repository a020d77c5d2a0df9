"""The examples never go stale: they are rebuilt and checked, and the quoted commands run."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlscore.check.checker import check_file
from xlscore.cli import main
from support.libreoffice import find_soffice, find_uno_python

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
needs_libreoffice = pytest.mark.skipif(
    find_soffice() is None or find_uno_python() is None, reason="LibreOffice with python3-uno is not installed"
)


def _findings(path: Path) -> set[tuple[str, str | None, str | None]]:
    return {(f.code, f.sheet, f.cell) for f in check_file(path).findings}


def _load_builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_examples", EXAMPLES / "build_examples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_units_check_as_described() -> None:
    saved = {"RUB005"}  # LibreOffice saved them last: names no longer hidden, metadata sheet merely hidden
    clean = check_file(EXAMPLES / "units" / "城东客服中心.xlsx")
    assert {f.code for f in clean.findings} == saved and clean.exit_code == 0 and clean.complete
    inflated = check_file(EXAMPLES / "units" / "城西客服中心.xlsx")
    assert inflated.exit_code == 0 and {f.code for f in inflated.findings} == {"DIFF001"} | saved
    assert inflated.totals["self_check"].grand - inflated.totals["assessed"].grand == 15
    broken = check_file(EXAMPLES / "units" / "城南客服中心.xlsx")
    assert broken.exit_code == 1 and broken.errors == 3  # three roots; what follows from them is not counted
    assert {f.code for f in broken.findings if f.caused_by is None} == {"CALC006", "CALC012"} | saved


@pytest.mark.engine
@needs_libreoffice
def test_rebuilt_units_check_like_the_committed_ones(tmp_path: Path) -> None:
    rebuilt = _load_builder().build(tmp_path)
    assert [p.name for p in rebuilt] == [f"{u}.xlsx" for u in _load_builder().UNITS]
    for path in rebuilt:
        assert _findings(path) == _findings(EXAMPLES / "units" / path.name), path.name


def test_readme_commands(tmp_path: Path) -> None:
    units = tmp_path / "units"
    shutil.copytree(EXAMPLES / "units", units)
    one = CliRunner().invoke(main, ["check", str(units / "城南客服中心.xlsx")])
    assert one.exit_code == 1
    if importlib.util.find_spec("xlscore.report.copy") is not None:
        assert (units / "城南客服中心.checked.xlsx").is_file()
    summary = tmp_path / "汇总.xlsx"
    folder = CliRunner().invoke(main, ["check", str(units), "--no-copy", "--summary", str(summary)])
    assert folder.exit_code == 1
    assert _sheet_values(summary) == _sheet_values(EXAMPLES / "汇总.xlsx")


def _sheet_values(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's values, the date the summary was made left out (it is the day it runs)."""
    book = openpyxl.load_workbook(path)

    def undated(value: object) -> object:
        return re.sub(r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD", value) if isinstance(value, str) else value

    return {ws.title: [tuple(undated(v) for v in row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def test_readme_of_examples_quotes_the_tested_commands() -> None:
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "xlscore check examples/units/城南客服中心.xlsx" in text
    assert "xlscore check examples/units --no-copy --summary examples/汇总.xlsx" in text


@pytest.mark.engine
@needs_libreoffice
def test_summary_chart_renders(tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    spec = importlib.util.spec_from_file_location("render", ROOT / "scripts" / "render_summary_chart.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    png = module.render(EXAMPLES / "汇总.xlsx", tmp_path / "chart.png")
    assert png.read_bytes().startswith(b"\x89PNG")
    assert (ROOT / "docs" / "img" / "summary-chart.png").is_file()
