"""The formula of every computed slot, from the layout: written by the generator, compared by the checker.

Formulas are returned without the leading ``=``. Each rule's own formula comes from its kind
(``RuleKind.formula``) and the item score's from the engine (``item_score_formula``).
"""

from __future__ import annotations

import functools
import re

from xlscore.cells import col_to_letters, rowcol_to_cell
from xlscore.form.engine import item_score_formula
from xlscore.form.sumtree import node_formula, node_of
from xlscore.form.layout import (
    DEDUCTION_COL,
    INPUT_COL,
    ItemBlock,
    Layout,
    RowKind,
    Slot,
    SlotKind,
)

_REF = re.compile(r"(?:'(?:[^']|'')+'|[A-Za-z0-9_.]+)?!?\$?\b[A-Z]{1,3}\$?\d+\b")


def formula_for(layout: Layout, slot: Slot) -> str:
    """The formula the generator writes into ``slot`` (a computed slot); worked out once per layout."""
    key = ("formula", slot.name)
    formula = layout.memo.get(key)
    if formula is None:
        formula = layout.memo[key] = _formula(layout, slot)
    return formula  # type: ignore[return-value]


def _formula(layout: Layout, slot: Slot) -> str:
    if slot.kind is SlotKind.DEDUCTION:
        block = _block(layout, slot)
        rule = block.item.rules[slot.rule or 0]
        ref = rowcol_to_cell(slot.row, INPUT_COL[slot.pass_key or ""])
        # Nothing shows until the input is entered, so a blank form prints no deductions.
        return f'IF({ref}="","",{rule.formula(ref, block.item.context())})'
    if slot.kind is SlotKind.ITEM_SCORE:
        return item_formula(layout, _block(layout, slot), slot.pass_key or "")
    node = node_of(layout, slot.name)
    if node is None:
        raise ValueError(f"{slot.name} is not a computed cell")
    return node_formula(layout, node)


def item_formula(layout: Layout, block: ItemBlock, pass_key: str) -> str:
    """The item score: nothing until one of the item's inputs of this pass is entered."""
    ded = col_to_letters(DEDUCTION_COL[pass_key])
    inputs = col_to_letters(INPUT_COL[pass_key])
    exempt_row = block.row_of(RowKind.EXEMPT)
    exempt_ref = rowcol_to_cell(exempt_row.row, INPUT_COL[pass_key]) if exempt_row else None
    policy = layout.rubric.exemption_policy_of(block.item)
    score = item_score_formula(block.item, f"{ded}{block.first_row}:{ded}{block.last_row}", exempt_ref, policy)
    return f'IF(COUNTA({inputs}{block.first_row}:{inputs}{block.last_row})=0,"",{score})'


@functools.lru_cache(maxsize=4096)
def shape(formula: str) -> str:
    """A formula with every cell reference replaced, so moved rows compare equal: ``IF(ISNUMBER(R),2*R,0)``."""
    text = formula.lstrip("=").replace(" ", "").upper()
    return _REF.sub("R", text)


def _block(layout: Layout, slot: Slot) -> ItemBlock:
    return layout.block(slot.section, slot.item)
