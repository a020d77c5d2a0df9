"""Checks that look at an item's inputs together: missing inputs, samples, exemptions, remarks, 自查 vs 考评."""

from __future__ import annotations

from decimal import Decimal

from xlscore.check import codes
from xlscore.check.context import CheckContext, show
from xlscore.form.layout import PASS_KEYS, ItemBlock, Slot, SlotKind, slot_name
from xlscore.rubric.model import Item
from xlscore.form.wording import header

INPUT_KINDS = (SlotKind.INPUT, SlotKind.SAMPLE, SlotKind.EXEMPT)
WHAT = {
    SlotKind.INPUT: {"zh": "第{rule}条", "en": "the input of clause {rule} is"},
    SlotKind.SAMPLE: {"zh": "抽查数量", "en": "the sample size is"},
    "all": {"zh": "本项各条均", "en": "every input of this item is"},
}


def filled_passes(ctx: CheckContext) -> set[str]:
    """Passes with at least one input filled in."""
    filled = set()
    for slot in ctx.layout.slots.values():
        if slot.kind in INPUT_KINDS and ctx.readings.get(slot.name) and ctx.readings[slot.name].raw is not None:
            filled.add(slot.pass_key or "")
    return filled


def check_items(ctx: CheckContext) -> set[str]:
    """Item-level findings; returns the passes that are filled in."""
    filled = filled_passes(ctx)
    for p in PASS_KEYS:
        if p not in filled:
            ctx.findings.append(codes.IN010.make(ctx.lang, pass_key=p))
    for _sheet, block in ctx.layout.blocks():
        slots = ctx.layout.item_slots(block.section.id, block.item.no)
        for p in filled:
            _pass_checks(ctx, block, [s for s in slots if s.pass_key == p], p)
        _remarks(ctx, block, slots)
        if {"self_check", "assessed"} <= filled:
            _difference(ctx, block)
    return filled


def _pass_checks(ctx: CheckContext, block: ItemBlock, slots: list[Slot], p: str) -> None:
    item, lang = block.item, ctx.lang
    exempt_slot = next((s for s in slots if s.kind is SlotKind.EXEMPT), None)
    exempt = exempt_slot is not None and ctx.value(exempt_slot.name) is True
    if exempt:
        reason = next(s for s in slots if s.kind is SlotKind.REASON)
        if not str(ctx.value(reason.name) or "").strip():
            condition = item.exemption.condition if item.exemption else ""
            ctx.findings.append(codes.IN009.make(lang, condition=condition, **ctx.where(reason)))
        return
    # A slot whose row was deleted or whose item is gone is reported once by STR002/STR003, not as blank.
    counted = [s for s in slots if s.kind in (SlotKind.INPUT, SlotKind.SAMPLE) and ctx.located(s.name) is not None]
    blank = [s for s in counted if _blank(ctx, s)]
    if counted and len(blank) == len(counted):  # the item was not filled in at all: say it once
        ctx.findings.append(codes.IN001.make(ctx.lang, what=_what(ctx, "all", None), **ctx.where(counted[0])))
    else:
        for slot in blank:
            ctx.findings.append(codes.IN001.make(ctx.lang, what=_what(ctx, slot.kind, slot.rule), **ctx.where(slot)))
    for slot in counted:
        if slot.kind is SlotKind.SAMPLE:
            _sample(ctx, item, slot)
        else:
            _above_sample(ctx, item, slot, slots)


def _blank(ctx: CheckContext, slot: Slot) -> bool:
    reading = ctx.readings.get(slot.name)
    return reading is None or reading.raw is None


def _what(ctx: CheckContext, kind: object, rule: int | None) -> str:
    return WHAT[kind]["en" if ctx.lang == "en" else "zh"].format(rule=(rule or 0) + 1)  # type: ignore[index]


def _sample(ctx: CheckContext, item: Item, slot: Slot) -> None:
    reading = ctx.readings.get(slot.name)
    if reading is None:
        return
    if slot.kind is SlotKind.SAMPLE and isinstance(reading.value, Decimal):
        sample = item.rules[slot.rule].sample if slot.rule is not None else item.sample
        if sample is not None and reading.value < sample.min:
            ctx.findings.append(codes.IN008.make(ctx.lang, expected=sample.min, found=show(reading.value), unit=sample.unit, **ctx.where(slot)))


def _above_sample(ctx: CheckContext, item: Item, slot: Slot, slots: list[Slot]) -> None:
    rule = item.rules[slot.rule or 0]
    count = ctx.value(slot.name)
    if not rule.of_sample or not isinstance(count, Decimal):
        return
    own = next((s for s in slots if s.kind is SlotKind.SAMPLE and s.rule == slot.rule), None)
    shared = next((s for s in slots if s.kind is SlotKind.SAMPLE and s.rule is None), None)
    sample_slot = own if rule.sample is not None else shared
    size = ctx.value(sample_slot.name) if sample_slot else None
    if isinstance(size, Decimal) and count > size:
        unit = getattr(rule, "unit", "")
        ctx.findings.append(codes.IN007.make(ctx.lang, expected=show(size), found=show(count), unit=unit, **ctx.where(slot)))


def _remarks(ctx: CheckContext, block: ItemBlock, slots: list[Slot]) -> None:
    """Each pass explains its own deductions in its own 说明 column."""
    for remark in (s for s in slots if s.kind is SlotKind.REMARK):
        p = remark.pass_key or ""
        result = ctx.results.get((p, block.section.id, block.item.no))
        if result is None or result.exempt:
            continue
        name = slot_name(SlotKind.DEDUCTION, section=remark.section, item=remark.item, rule=remark.rule, month=remark.month, pass_key=p)
        deducted = ctx.expected.get(name, Decimal(0))
        if deducted <= 0 or str(ctx.value(remark.name) or "").strip():
            continue
        column = header("self_remark" if p == "self_check" else "assessed_remark", ctx.lang)
        ctx.findings.append(codes.REM001.make(ctx.lang, found=show(deducted), rule=(remark.rule or 0) + 1, column=column,
                                              **ctx.where(remark)))


def _difference(ctx: CheckContext, block: ItemBlock) -> None:
    own = ctx.results.get(("self_check", block.section.id, block.item.no))
    assessed = ctx.results.get(("assessed", block.section.id, block.item.no))
    if own is None or assessed is None or own.score == assessed.score:
        return
    slot = ctx.layout.slots[slot_name(SlotKind.ITEM_SCORE, section=block.section.id, item=block.item.no, pass_key="assessed")]
    where = ctx.where(slot)
    where["pass_key"] = None
    ctx.findings.append(codes.DIFF001.make(
        ctx.lang, expected=show(assessed.score), found=show(own.score), difference=show(assessed.score - own.score), **where
    ))
