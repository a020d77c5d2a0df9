"""What a computed cell's own formula gives from the values the workbook shows (its precedents as they are).

When a cell's value is wrong but equals this, the cell is not at fault: something it reads is.
The sums evaluate the sum tree's one description (:func:`xlscore.form.sumtree.combine`).
"""

from __future__ import annotations

from decimal import Decimal

from xlscore.check.context import ERROR, CheckContext, display_of
from xlscore.check.references import ranges
from xlscore.cells import col_to_letters
from xlscore.form.engine import has_bonus, net_score
from xlscore.form.layout import DEDUCTION_COL, Slot, SlotKind, slot_name
from xlscore.form.recompute import ITEM_INPUTS
from xlscore.form.sumtree import combine, node_of

Inserted = list[tuple[int, Decimal, str]]  # (workbook row, number typed there, the range that counts it)


def input_name(slot: Slot) -> str:
    return slot_name(SlotKind.INPUT, section=slot.section, item=slot.item, rule=slot.rule, month=slot.month, pass_key=slot.pass_key)


def precedents(ctx: CheckContext, slot: Slot) -> list[str]:
    """The slots ``slot``'s formula reads, in order."""
    if slot.kind is SlotKind.DEDUCTION:
        return [input_name(slot)]
    if slot.kind is SlotKind.ITEM_SCORE:
        own = [s for s in ctx.layout.item_slots(slot.section or "", slot.item or "") if s.pass_key == slot.pass_key]
        return [s.name for s in own if s.kind is SlotKind.DEDUCTION] + [s.name for s in own if s.kind is SlotKind.EXEMPT]
    node = node_of(ctx.layout, slot.name)
    return list(node.terms) if node else []


def present(ctx: CheckContext, name: str) -> bool:
    """Whether an input cell is not empty, as ``=""`` and COUNTA see it."""
    cell = ctx.cell(name)
    return cell is not None and cell.value is not None and cell.value != ""


def local_value(ctx: CheckContext, slot: Slot, extra: Inserted | None = None) -> object:
    """Decimal, None (shows nothing) or ``"#"`` (an error among its precedents)."""
    added = sum((value for _row, value, _rng in extra or []), Decimal(0))
    if slot.kind is SlotKind.DEDUCTION:
        if not present(ctx, input_name(slot)):
            return None
        item = ctx.layout.item(slot.section, slot.item)
        reading = ctx.readings.get(input_name(slot))
        return item.rules[slot.rule or 0].deduction(reading.formula_value if reading else None, item.context())
    if slot.kind is SlotKind.ITEM_SCORE:
        return _item(ctx, slot, added)
    node = node_of(ctx.layout, slot.name)
    if node is None:
        return None
    values = [ctx.display(t) for t in node.terms]
    if ERROR in values:  # COUNT skips an error, SUM and a reference pass it on
        numbers = [v for v in values if v != ERROR]
        if node.op == "diff" or (node.op == "sum" and not any(v is not None for v in numbers) and not extra):
            return None
        return ERROR
    result = combine(node, values)  # type: ignore[arg-type]
    if extra:
        result = (result or Decimal(0)) + added
    return result


def _item(ctx: CheckContext, slot: Slot, added: Decimal) -> object:
    item = ctx.layout.item(slot.section, slot.item)
    own = [s for s in ctx.layout.item_slots(slot.section or "", item.no) if s.pass_key == slot.pass_key]
    if not added and not any(present(ctx, s.name) for s in own if s.kind in ITEM_INPUTS):
        return None
    exempt = next((s for s in own if s.kind is SlotKind.EXEMPT), None)
    reading = ctx.readings.get(exempt.name) if exempt else None
    if reading is not None and reading.formula_value is True:
        return Decimal(0) if ctx.layout.rubric.exemption_policy_of(item) == "excluded" else item.score
    shown = [added]
    for s in own:
        if s.kind is SlotKind.DEDUCTION:
            value = ctx.display(s.name)
            if value == ERROR:
                return ERROR
            shown.append(value or Decimal(0))  # type: ignore[arg-type]
    return net_score(item.score, shown, adds=has_bonus(item))


def inserted_numbers(ctx: CheckContext, slot: Slot) -> Inserted:
    """Numbers in rows inserted inside the range the cell sums (rows no defined name maps)."""
    cell = ctx.cell(slot.name)
    at = ctx.located(slot.name)
    if cell is None or not cell.formula or at is None:
        return []
    if slot.kind is SlotKind.ITEM_SCORE:
        col = DEDUCTION_COL[slot.pass_key or ""]
    elif slot.kind in (SlotKind.SUBTOTAL, SlotKind.SUMMARY):
        col = at.col or 0
    else:
        return []
    found: Inserted = []
    seen: set[tuple[str, int, int]] = set()
    for rng in ranges(cell.formula, at.sheet or "", ctx.rows):
        if not rng.col_first <= col <= rng.col_last:
            continue
        data = ctx.workbook.sheets.get(rng.sheet)
        text = f"{col_to_letters(col)}{rng.first}:{col_to_letters(col)}{rng.last}"
        for row in rng.inserted:
            value = display_of(data.get(row, col)) if data else None
            if isinstance(value, Decimal) and (rng.sheet, row, col) not in seen:
                seen.add((rng.sheet, row, col))
                found.append((row, value, text))
    return found
