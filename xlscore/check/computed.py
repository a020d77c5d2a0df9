"""Check every computed cell: formula still there and unchanged, cached value equal to the recomputation.

When a shown value is wrong, the message says why: the cell's own formula is fine but an input
or a cell above it is wrong (the value follows from what the workbook shows), the formula was
changed, or the file was saved without recalculating.
"""

from __future__ import annotations

from decimal import Decimal

from xlscore.check import codes
from xlscore.check.context import CheckContext, as_decimal, same, show
from xlscore.form.engine import clamp
from xlscore.form.formulas import formula_for, shape
from xlscore.form.layout import GroupBlock, Slot, SlotKind, slot_name
from xlscore.reader.xlsx import CellData

MISMATCH = {
    SlotKind.DEDUCTION: codes.CALC001,
    SlotKind.ITEM_SCORE: codes.CALC002,
    SlotKind.SUBTOTAL: codes.CALC003,
    SlotKind.SECTION_TOTAL: codes.CALC004,
    SlotKind.SUMMARY: codes.CALC005,
    SlotKind.SUMMARY_DIFF: codes.CALC005,
}
WHAT = {
    SlotKind.DEDUCTION: {"zh": "第{rule}条扣分", "en": "the deduction of clause {rule}"},
    SlotKind.ITEM_SCORE: {"zh": "得分", "en": "the score"},
    SlotKind.SUBTOTAL: {"zh": "小计", "en": "the subtotal"},
    SlotKind.SECTION_TOTAL: {"zh": "合计", "en": "the total"},
    SlotKind.SUMMARY: {"zh": "汇总得分", "en": "the summary score"},
    SlotKind.SUMMARY_DIFF: {"zh": "汇总差异", "en": "the summary difference"},
}
BECAUSE = {
    "input": {"zh": "(该条录入“{raw}”公式不认,表中按 {shown} 计算)", "en": " (the formula cannot read the input “{raw}” and used {shown})"},
    "range": {"zh": "(该条录入的 {raw} 超出允许范围,表中公式照算为 {shown})", "en": " (the input {raw} is out of range, yet the formula used it and gives {shown})"},
    "upstream": {"zh": "(它由上方有误的单元格算出)", "en": " (it follows from a wrong cell it adds up)"},
    "formula": {"zh": "(公式被改动)", "en": " (its formula was changed)"},
}
FIX = {
    "input": {"zh": "请按提示改正录入。", "en": "Correct the input as advised."},
    "range": {"zh": "请按提示改正录入。", "en": "Correct the input as advised."},
    "upstream": {"zh": "改正上游单元格后会自动更正。", "en": "It corrects itself once the cell it adds up is fixed."},
    "formula": {"zh": "请从原表恢复公式。", "en": "Restore the formula from the original form."},
}


def describe(slot: Slot, lang: str) -> str:
    words = WHAT[slot.kind]["en" if lang == "en" else "zh"]
    return words.format(rule=(slot.rule or 0) + 1)


def check_computed(ctx: CheckContext) -> None:
    for slot in ctx.layout.slots.values():
        if slot.kind.is_computed and ctx.located(slot.name) is not None:
            _check_one(ctx, slot)


def _check_one(ctx: CheckContext, slot: Slot) -> None:
    lang, where = ctx.lang, ctx.where(slot)
    expected = ctx.expected[slot.name]
    cell = ctx.cell(slot.name)
    what = describe(slot, lang)
    if cell is None or (cell.value is None and not cell.is_formula):
        ctx.findings.append(codes.CALC006.make(lang, expected=show(expected), found="(空)" if lang != "en" else "(blank)", what=what, **where))
        return
    if not cell.is_formula and not cell.is_error:
        found = _number(cell)
        ctx.findings.append(codes.CALC006.make(lang, expected=show(expected), found=show(found) if found is not None else cell.value, what=what, **where))
        return
    generated = formula_for(ctx.layout, slot)
    changed = bool(cell.formula) and shape(cell.formula or "") != shape(generated)
    if changed:  # also when the cell shows an error: the changed formula is then its cause
        ctx.findings.append(codes.CALC008.make(lang, expected=generated, found=cell.formula, what=what, **where))
    if cell.is_error:
        ctx.findings.append(codes.CALC009.make(lang, expected=show(expected), found=cell.value, what=what, **where))
        return
    found = _number(cell)
    if found is None:
        ctx.findings.append(codes.CALC007.make(lang, expected=show(expected), found="(无)" if lang != "en" else "(none)", what=what, **where))
        return
    if same(found, expected):
        return
    local = local_value(ctx, slot)
    if same(found, local):
        reason = "input" if slot.kind is SlotKind.DEDUCTION else "upstream"
    elif changed:
        reason = "formula"
    else:
        ctx.findings.append(codes.CALC007.make(lang, expected=show(expected), found=show(found), what=what, **where))
        return
    if reason == "input" and _out_of_range(ctx, slot):
        reason = "range"
    because = _because(ctx, slot, reason, local)
    fix = FIX[reason]["en" if lang == "en" else "zh"]
    extra = {"rule": (slot.rule or 0) + 1, "section": slot.section, "what": what}
    ctx.findings.append(MISMATCH[slot.kind].make(lang, expected=show(expected), found=show(found), because=because, fix=fix, **extra, **where))


def _out_of_range(ctx: CheckContext, slot: Slot) -> bool:
    """Whether the deduction's input is a number the formula reads but the rubric does not allow."""
    reading = ctx.readings.get(_input_name(slot))
    return reading is not None and reading.problem is None and isinstance(reading.raw, float)


def _because(ctx: CheckContext, slot: Slot, reason: str, local: Decimal | None) -> str:
    template = BECAUSE[reason]["en" if ctx.lang == "en" else "zh"]
    raw = ""
    if slot.kind is SlotKind.DEDUCTION:
        reading = ctx.readings.get(_input_name(slot))
        value = None if reading is None else reading.raw
        raw = "" if value is None else show(as_decimal(value)) if isinstance(value, float) else str(value)
        if reason in ("input", "range") and not raw:
            return ""
    return template.format(raw=raw, shown=show(local))


def _number(cell: CellData) -> Decimal | None:
    if isinstance(cell.value, float):
        return as_decimal(cell.value)
    return None


def _input_name(slot: Slot) -> str:
    return slot_name(SlotKind.INPUT, section=slot.section, item=slot.item, rule=slot.rule, month=slot.month, pass_key=slot.pass_key)


def local_value(ctx: CheckContext, slot: Slot) -> Decimal | None:
    """What the cell's own formula gives from the values the workbook shows (its precedents as they are)."""
    layout, p = ctx.layout, slot.pass_key or ""
    if slot.kind is SlotKind.DEDUCTION:
        item = ctx.layout.item(slot.section, slot.item)
        reading = ctx.readings.get(_input_name(slot))
        value = reading.formula_value if reading else None
        return item.rules[slot.rule or 0].deduction(value, item.context())
    if slot.kind is SlotKind.ITEM_SCORE:
        return _local_item(ctx, slot)
    if slot.kind is SlotKind.SUBTOTAL:
        sheet = next(s for s in layout.sheets if s.section.id == slot.section)
        group = next(e for e in sheet.entries if isinstance(e, GroupBlock) and e.group.no == slot.group)
        return _sum(ctx, [slot_name(SlotKind.ITEM_SCORE, section=slot.section, item=b.item.no, pass_key=p) for b in group.items])
    if slot.kind is SlotKind.SECTION_TOTAL:
        sheet = next(s for s in layout.sheets if s.section.id == slot.section)
        names = [
            slot_name(SlotKind.SUBTOTAL, section=slot.section, group=e.group.no, pass_key=p) if isinstance(e, GroupBlock)
            else slot_name(SlotKind.ITEM_SCORE, section=slot.section, item=e.item.no, pass_key=p)
            for e in sheet.entries
        ]
        return _sum(ctx, names)
    if slot.kind is SlotKind.SUMMARY:
        if slot.section is not None:
            return ctx.shown(slot_name(SlotKind.SECTION_TOTAL, section=slot.section, pass_key=p))
        return _sum(ctx, [slot_name(SlotKind.SUMMARY, section=s.id, pass_key=p) for s in layout.rubric.sections])
    assessed = ctx.shown(slot_name(SlotKind.SUMMARY, section=slot.section, pass_key="assessed"))
    self_check = ctx.shown(slot_name(SlotKind.SUMMARY, section=slot.section, pass_key="self_check"))
    return None if assessed is None or self_check is None else assessed - self_check


def _local_item(ctx: CheckContext, slot: Slot) -> Decimal | None:
    item = ctx.layout.item(slot.section, slot.item)
    p = slot.pass_key or ""
    exempt = ctx.readings.get(slot_name(SlotKind.EXEMPT, section=slot.section, item=item.no, pass_key=p))
    if item.exemption is not None and exempt is not None and exempt.formula_value is True:
        return Decimal(0) if ctx.layout.rubric.exemption_policy_of(item) == "excluded" else item.score
    names = [s.name for s in ctx.layout.item_slots(slot.section or "", item.no) if s.kind is SlotKind.DEDUCTION and s.pass_key == p]
    total = _sum(ctx, names)
    return None if total is None else clamp(item.score - total, item.score)


def _sum(ctx: CheckContext, names: list[str]) -> Decimal | None:
    total = Decimal(0)
    for name in names:
        value = ctx.shown(name)
        if value is None:
            return None
        total += value
    return total
