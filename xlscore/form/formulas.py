"""The formula of every computed slot, from the layout: written by the generator, compared by the checker.

Formulas are returned without the leading ``=``. Each rule's own formula comes from its kind
(``RuleKind.formula``) and the item score's from the engine (``item_score_formula``).
"""

from __future__ import annotations

import functools
import re

from xlscore.cells import col_to_letters, rowcol_to_cell, sheet_ref
from xlscore.form.engine import item_score_formula
from xlscore.form.layout import (
    DEDUCTION_COL,
    INPUT_COL,
    SCORE_COL,
    SUMMARY_COL,
    GroupBlock,
    ItemBlock,
    Layout,
    RowKind,
    SectionSheet,
    Slot,
    SlotKind,
)

_REF = re.compile(r"(?:'(?:[^']|'')+'|[A-Za-z0-9_.]+)?!?\$?\b[A-Z]{1,3}\$?\d+\b")


def formula_for(layout: Layout, slot: Slot) -> str:
    """The formula the generator writes into ``slot`` (a computed slot)."""
    if slot.kind is SlotKind.DEDUCTION:
        block = _block(layout, slot)
        rule = block.item.rules[slot.rule or 0]
        return rule.formula(rowcol_to_cell(slot.row, INPUT_COL[slot.pass_key or ""]), block.item.context())
    if slot.kind is SlotKind.ITEM_SCORE:
        return item_formula(layout, _block(layout, slot), slot.pass_key or "")
    if slot.kind is SlotKind.SUBTOTAL:
        sheet = _sheet(layout, slot.section)
        group = next(e for e in sheet.entries if isinstance(e, GroupBlock) and e.group.no == slot.group)
        letters = col_to_letters(SCORE_COL[slot.pass_key or ""])
        return f"SUM({letters}{group.items[0].first_row}:{letters}{group.items[-1].last_row})"
    if slot.kind is SlotKind.SECTION_TOTAL:
        return section_total_formula(_sheet(layout, slot.section), slot.pass_key or "")
    if slot.kind is SlotKind.SUMMARY:
        return _summary_formula(layout, slot)
    if slot.kind is SlotKind.SUMMARY_DIFF:
        letters = col_to_letters(SUMMARY_COL["assessed"]), col_to_letters(SUMMARY_COL["self_check"])
        return f"{letters[0]}{slot.row}-{letters[1]}{slot.row}"
    raise ValueError(f"{slot.name} is not a computed cell")


def item_formula(layout: Layout, block: ItemBlock, pass_key: str) -> str:
    ded = col_to_letters(DEDUCTION_COL[pass_key])
    exempt_row = block.row_of(RowKind.EXEMPT)
    exempt_ref = rowcol_to_cell(exempt_row.row, INPUT_COL[pass_key]) if exempt_row else None
    policy = layout.rubric.exemption_policy_of(block.item)
    return item_score_formula(block.item, f"{ded}{block.first_row}:{ded}{block.last_row}", exempt_ref, policy)


def section_total_formula(sheet: SectionSheet, pass_key: str) -> str:
    letters = col_to_letters(SCORE_COL[pass_key])
    rows = [e.subtotal_row if isinstance(e, GroupBlock) else e.first_row for e in sheet.entries]
    return "SUM(" + ",".join(f"{letters}{row}" for row in rows) + ")"


def _summary_formula(layout: Layout, slot: Slot) -> str:
    if slot.section is not None:
        sheet = _sheet(layout, slot.section)
        return sheet_ref(sheet.name, sheet.total_row, SCORE_COL[slot.pass_key or ""])
    letters = col_to_letters(SUMMARY_COL[slot.pass_key or ""])
    first = min(layout.summary_rows[s.id] for s in layout.rubric.sections)
    return f"SUM({letters}{first}:{letters}{slot.row - 1})"


@functools.lru_cache(maxsize=4096)
def shape(formula: str) -> str:
    """A formula with every cell reference replaced, so moved rows compare equal: ``IF(ISNUMBER(R),2*R,0)``."""
    text = formula.lstrip("=").replace(" ", "").upper()
    return _REF.sub("R", text)


def _sheet(layout: Layout, section: str | None) -> SectionSheet:
    return next(s for s in layout.sheets if s.section.id == section)


def _block(layout: Layout, slot: Slot) -> ItemBlock:
    return layout.block(slot.section, slot.item)
