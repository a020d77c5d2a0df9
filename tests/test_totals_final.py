"""Only a complete, readable pass has totals: item, section and grand totals, on every front.

Each item of each pass of the small rubric is blank, filled, or filled with one input nobody can
read. Whatever the combination, a pass whose status is not final gives no number anywhere (report
model, JSON, the top block of 差异表, the batch summary row), and a final pass gives them all.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fills import rule_value
from xlscore.batch.summary import unit_row
from xlscore.check.checker import check_file
from xlscore.check.findings import Report
from xlscore.form.layout import PASS_KEYS, Layout, SlotKind
from xlscore.generate import GenerateOptions, generate_workbook, workbook_layout
from xlscore.report.render import report_json
from xlscore.report.table import discrepancy_table
from xlscore.report.wording import copy_text
from xlscore.rubric import Rubric, load_rubric

SMALL = Path(__file__).resolve().parents[1] / "examples" / "small-rubric.yaml"
RUBRIC = load_rubric(SMALL)
LAYOUT = workbook_layout(RUBRIC, GenerateOptions())
STATES = ("blank", "filled", "unreadable")


def _items(layout: Layout) -> list[tuple[str, str]]:
    return sorted({(s.section, s.item) for s in layout.slots.values() if s.kind is SlotKind.INPUT})  # type: ignore[misc]


ITEMS = _items(LAYOUT)


def _item_fill(layout: Layout, pass_key: str, item: tuple[str, str], state: str, rng: random.Random) -> dict[str, object]:
    """What an auditor typed into one item of one pass: nothing, legal values, or legal values and one "abc"."""
    if state == "blank":
        return {}
    slots = [s for s in layout.slots.values() if s.pass_key == pass_key and (s.section, s.item) == item]
    fill: dict[str, object] = {}
    for slot in slots:
        if slot.kind is SlotKind.INPUT:
            value = None
            while value is None:  # rule_value leaves one in eight blank: draw again
                value = rule_value(layout, slot, rng)
            fill[slot.name] = value
        elif slot.kind is SlotKind.SAMPLE:
            fill[slot.name] = 30
        elif slot.kind is SlotKind.EXEMPT:
            fill[slot.name] = "否"
    if state == "unreadable":
        first = min((s for s in slots if s.kind is SlotKind.INPUT), key=lambda s: s.name)
        fill[first.name] = "abc"
    return fill


def _checked(tmp: Path, states: dict[tuple[str, tuple[str, str]], str], seed: int,
             rubric: Rubric = RUBRIC, layout: Layout = LAYOUT) -> Report:
    rng = random.Random(seed)
    fill: dict[str, object] = {}
    for (pass_key, item), state in states.items():
        fill.update(_item_fill(layout, pass_key, item, state, rng))
    path = tmp / f"form-{seed}.xlsx"
    generate_workbook(rubric, path, GenerateOptions(inputs=fill))
    return check_file(path)


def _table_totals(report: Report, lang: str = "zh") -> dict[int, list[object]]:
    """Pass column index → the recomputed totals the top block of 差异表 shows, sections then grand."""
    table = discrepancy_table(report, lang)
    header = next(r for (r, c), cell in table.cells.items() if c == 1 and cell.value == copy_text("section", lang))
    rows = range(header + 1, header + 2 + len(report.section_titles))
    return {n: [table.cells[(r, 4 + 3 * n)].value for r in rows] for n in range(len(report.totals))}


def _assert_only_final_passes_have_totals(report: Report, states: dict[tuple[str, tuple[str, str]], str]) -> None:
    items = sorted({item for _p, item in states})
    assert report.unreadable is None
    shown = report_json(report)
    row = unit_row_of(report)
    table = _table_totals(report)
    for n, p in enumerate(pk for pk in PASS_KEYS if pk in report.totals):
        final = all(states[(p, item)] == "filled" for item in items)
        assert report.passes[p].final is final, (p, report.passes[p], states)
        totals = report.totals[p]
        numbers = [*totals.sections.values(), totals.grand, *report.item_scores[p].values()]
        json_numbers = [*shown["totals"][p]["sections"].values(), shown["totals"][p]["grand"]]
        summary = [*row.sections[p].values(), row.grand[p]]
        if final:
            assert all(isinstance(v, Decimal) for v in numbers), (p, totals)
            assert all(v is not None for v in json_numbers + summary)
            assert all(isinstance(v, Decimal) for v in table[n])
        else:
            assert all(v is None for v in numbers), (p, report.passes[p].label(), totals, states)
            assert all(v is None for v in json_numbers + summary)
            assert all(v == "—" for v in table[n]), table[n]
            assert set(totals.reasons) == {*totals.sections, ""}  # every missing number says why


def unit_row_of(report: Report):  # type: ignore[no-untyped-def]
    from xlscore.batch.runner import RunResult

    return unit_row(RunResult(report, None))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(STATES), min_size=len(PASS_KEYS) * len(ITEMS), max_size=len(PASS_KEYS) * len(ITEMS)),
       st.integers(0, 2**16))
def test_only_a_complete_readable_pass_has_totals(tmp_path: Path, choice: list[str], seed: int) -> None:
    keys = [(p, item) for p in PASS_KEYS for item in ITEMS]
    states = dict(zip(keys, choice))
    _assert_only_final_passes_have_totals(_checked(tmp_path, states, seed), states)


@pytest.mark.parametrize("pass_key", PASS_KEYS)
def test_a_blank_item_beside_an_unreadable_input_gives_no_section_total(tmp_path: Path, pass_key: str) -> None:
    """The case seen in the field (the shipped rubric): one section's item left blank, another
    section's input unreadable. The blank item's section total used to be given, the blank item
    counted at full marks (64 where LibreOffice shows 44)."""
    rubric = load_rubric()
    layout = workbook_layout(rubric, GenerateOptions())
    items = _items(layout)
    blank, unreadable = items[0], next(i for i in items if i[0] != items[0][0])
    states = {(p, item): "filled" for p in PASS_KEYS for item in items}
    states[(pass_key, blank)], states[(pass_key, unreadable)] = "blank", "unreadable"
    report = _checked(tmp_path, states, 7, rubric, layout)
    totals = report.totals[pass_key]
    assert totals.sections[blank[0]] is None and totals.grand is None
    assert "未完成" in totals.reasons[blank[0]]
    assert all(v is None for v in report.item_scores[pass_key].values())
    _assert_only_final_passes_have_totals(report, states)
