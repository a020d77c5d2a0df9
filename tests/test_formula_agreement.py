"""The workbook's formulas agree with the rule engine, as computed by two real spreadsheet engines.

Random legal fills (both passes, biased to step boundaries including many-decimal rates at the
formulas' 9-digit guard, blanks here and there, wholly blank passes, zero-outs and exemptions)
are written into generated workbooks; LibreOffice (one start per batch) and Gnumeric
(``ssconvert --recalc``) recalculate them; every deduction, item score, subtotal, section total
and 汇总 cell must equal the engine's value exactly (to 1e-9, far below any half point), and a
cell the engine says shows nothing must be empty in the workbook too.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Callable

import openpyxl
import pytest

pytestmark = pytest.mark.engine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fills import normalised, random_fill, written
from tests.importer.example import corrected_example
from xlscore.generate import GenerateOptions, generate_workbook, workbook_layout
from xlscore.form.recompute import recompute
from xlscore.rubric import load_rubric

libreoffice = pytest.importorskip("support.libreoffice")
gnumeric = pytest.importorskip("support.gnumeric")
if libreoffice.find_soffice() is None:
    pytest.skip("LibreOffice (soffice) is not installed", allow_module_level=True)
if gnumeric.find_ssconvert() is None:
    pytest.skip("Gnumeric (ssconvert) is not installed", allow_module_level=True)
ENGINES = {"LibreOffice": libreoffice.recalculate, "Gnumeric": gnumeric.recalculate}

DATA = Path(__file__).parent / "data"
QUANTUM = Decimal("1e-9")
#: (rubric, workbooks per LibreOffice start, hypothesis examples): 2 passes per workbook, 368 fills in all.
CASES = {
    "shipped": (None, 36, 4),
    "all-kinds": (DATA / "all-kinds.yaml", 20, 2),
    # a rubric imported from a Word table and corrected in its authoring workbook (the README example)
    "imported": (corrected_example, 16, 2),
}


def _read_values(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    finally:
        book.close()


def _cell(rows: dict[str, list[tuple]], sheet: str, row: int, col: int) -> object:
    data = rows[sheet]
    if row > len(data) or col > len(data[row - 1]):
        return None
    return data[row - 1][col - 1]


def _as_decimal(value: object) -> Decimal | str | None:
    """A number to 1e-9; None for an empty cell or ``""``; anything else as text (it can never match)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return repr(value)
    return Decimal(repr(float(value))).quantize(QUANTUM)


def _want(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(QUANTUM)


def _run_batch(rubric_file: Path | Callable[[Path], Path] | None, seeds: list[int], workdir: Path) -> None:
    rubric = load_rubric(rubric_file(workdir) if callable(rubric_file) else rubric_file)
    layout = workbook_layout(rubric, GenerateOptions())
    fills = [random_fill(layout, seed) for seed in seeds]
    sources = []
    for index, fill in enumerate(fills):
        path = workdir / f"fill{index:03d}.xlsx"
        generate_workbook(rubric, path, GenerateOptions(inputs=written(fill)))
        sources.append(path)
    computed = [s for s in layout.slots.values() if s.kind.is_computed]
    mismatches = []
    for engine, recalculate in ENGINES.items():
        converted = recalculate(sources, workdir / f"recalculated-{engine}")
        for fill, source in zip(fills, sources):
            expected, _ = recompute(layout, normalised(fill))
            rows = _read_values(converted[source])
            for slot in computed:
                found = _as_decimal(_cell(rows, slot.sheet, slot.row, slot.col))
                want = _want(expected[slot.name])
                if found != want:
                    mismatches.append(f"{source.name} {slot.sheet}!{slot.cell} {slot.name}: engine {want}, {engine} {found}")
    assert not mismatches, f"{len(mismatches)} cells disagree:\n" + "\n".join(mismatches[:30])


def _test_for(case: str):  # type: ignore[no-untyped-def]
    rubric_file, batch, examples = CASES[case]
    seeds = st.lists(st.integers(0, 2**63 - 1), min_size=batch, max_size=batch, unique=True)

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(seeds=seeds)
    def run(tmp_path_factory: pytest.TempPathFactory, seeds: list[int]) -> None:
        _run_batch(rubric_file, seeds, tmp_path_factory.mktemp(case))

    return run


test_shipped_rubric_formulas_agree_with_engine = _test_for("shipped")
test_all_rule_kinds_formulas_agree_with_engine = _test_for("all-kinds")
test_imported_rubric_formulas_agree_with_engine = _test_for("imported")


def test_blank_form_cached_values_equal_engine(tmp_path: Path) -> None:
    """Without any recalculation, the generated file's cached values are the empty form's scores."""
    rubric = load_rubric()
    layout = workbook_layout(rubric, GenerateOptions())
    path = generate_workbook(rubric, tmp_path / "blank.xlsx")
    expected, _ = recompute(layout, {})
    rows = _read_values(path)
    for slot in layout.slots.values():
        if slot.kind.is_computed:
            assert _as_decimal(_cell(rows, slot.sheet, slot.row, slot.col)) == _want(expected[slot.name]), slot.name
            assert expected[slot.name] is None, slot.name  # a blank form shows no score at all
