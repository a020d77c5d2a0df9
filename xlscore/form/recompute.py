"""From normalised inputs (by defined name) to the value every computed cell should show.

The bridge between the layout and the rule engine, used by the checker and by the tests that
prove the workbook's formulas agree with the engine.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Mapping

from xlscore.form.engine import ItemScore, RowKey, score_item, totals
from xlscore.form.layout import PASS_KEYS, Layout, SlotKind, slot_name
from xlscore.rules import Value

ZERO = Decimal(0)


def item_inputs(layout: Layout, section: str, item_no: str, pass_key: str, inputs: Mapping[str, Value]) -> dict[RowKey, Value]:
    """The engine's view of one item's inputs for one pass."""
    values: dict[RowKey, Value] = {}
    for slot in layout.item_slots(section, item_no):
        if slot.kind is SlotKind.INPUT and slot.pass_key == pass_key:
            values[(slot.rule or 0, slot.month or 0)] = inputs.get(slot.name)
    return values


def recompute(layout: Layout, inputs: Mapping[str, Value]) -> tuple[dict[str, Decimal], dict[tuple[str, str, str], ItemScore]]:
    """Expected value of every computed slot, and each (pass, section, item)'s :class:`ItemScore`.

    ``inputs`` maps input slot names to normalised values (Decimal, True/False for 是/否, text, None).
    """
    rubric = layout.rubric
    expected: dict[str, Decimal] = {}
    results: dict[tuple[str, str, str], ItemScore] = {}
    for p in PASS_KEYS:
        scores: dict[tuple[str, str], ItemScore] = {}
        for section, item in rubric.all_items():
            exempt = inputs.get(slot_name(SlotKind.EXEMPT, section=section.id, item=item.no, pass_key=p)) is True
            values = item_inputs(layout, section.id, item.no, p, inputs)
            result = score_item(item, values, exempt=exempt, policy=rubric.exemption_policy_of(item))
            scores[(section.id, item.no)] = result
            results[(p, section.id, item.no)] = result
            expected[slot_name(SlotKind.ITEM_SCORE, section=section.id, item=item.no, pass_key=p)] = result.score
            for (r, m), deduction in result.deductions.items():
                month = m if item.rules[r].is_monthly() else None
                name = slot_name(SlotKind.DEDUCTION, section=section.id, item=item.no, rule=r, month=month, pass_key=p)
                expected[name] = deduction
        sums = totals(rubric, scores)
        for (sid, group), subtotal in sums.groups.items():
            expected[slot_name(SlotKind.SUBTOTAL, section=sid, group=group, pass_key=p)] = subtotal
        for sid, total in sums.sections.items():
            expected[slot_name(SlotKind.SECTION_TOTAL, section=sid, pass_key=p)] = total
            expected[slot_name(SlotKind.SUMMARY, section=sid, pass_key=p)] = total
        expected[slot_name(SlotKind.SUMMARY, pass_key=p)] = sums.grand
    for section in rubric.sections:
        self_total = expected[slot_name(SlotKind.SUMMARY, section=section.id, pass_key="self_check")]
        assessed = expected[slot_name(SlotKind.SUMMARY, section=section.id, pass_key="assessed")]
        expected[slot_name(SlotKind.SUMMARY_DIFF, section=section.id)] = assessed - self_total
    grand_diff = expected[slot_name(SlotKind.SUMMARY, pass_key="assessed")] - expected[slot_name(SlotKind.SUMMARY, pass_key="self_check")]
    expected[slot_name(SlotKind.SUMMARY_DIFF)] = grand_diff
    return expected, results
