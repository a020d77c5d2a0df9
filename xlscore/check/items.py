"""Checks that look at an item's inputs together: missing inputs, samples, exemptions, remarks, 自查 vs 考评."""

from __future__ import annotations

from decimal import Decimal

from xlscore.check import codes
from xlscore.check.context import CheckContext, show
from xlscore.check.findings import PassState, PassStatus
from xlscore.form.wording import pass_name
from xlscore.form.layout import PASS_KEYS, ItemBlock, Slot, SlotKind, slot_name
from xlscore.rubric.model import Item
from xlscore.form.wording import header

INPUT_KINDS = (SlotKind.INPUT, SlotKind.SAMPLE, SlotKind.EXEMPT)
WHAT = {
    SlotKind.INPUT: {"zh": "第{rule}条", "en": "clause {rule}"},
    SlotKind.SAMPLE: {"zh": "抽查数量", "en": "the sample size"},
    "all": {"zh": "本项各条均", "en": "every input of this item"},
}


def filled_passes(ctx: CheckContext) -> set[str]:
    """Passes with at least one input filled in."""
    filled = set()
    for slot in ctx.layout.slots.values():
        if slot.kind in INPUT_KINDS and ctx.readings.get(slot.name) and ctx.readings[slot.name].raw is not None:
            filled.add(slot.pass_key or "")
    return filled


def check_items(ctx: CheckContext, refused: set[str]) -> dict[str, PassStatus]:
    """Item-level findings; returns each pass's completeness (a blank pass: 未填写, once)."""
    filled = filled_passes(ctx)
    missing: dict[str, int] = {p: 0 for p in PASS_KEYS}
    blanks: list[str] = []
    for p in PASS_KEYS:
        if p not in filled:
            ctx.findings.append(codes.IN010.make(ctx.lang, pass_key=p))
    for _sheet, block in ctx.layout.blocks():
        slots = ctx.layout.item_slots(block.section.id, block.item.no)
        unfinished = False
        for p in filled:
            blank = _pass_checks(ctx, block, [s for s in slots if s.pass_key == p], p)
            if blank:
                missing[p] += 1
                blanks.append(f"{block.item.no} {pass_name(p, ctx.lang)}")
                unfinished = unfinished or not ctx.allow_blank
        _remarks(ctx, block, slots)
        if {"self_check", "assessed"} <= filled and not unfinished:
            _difference(ctx, block)
    if ctx.allow_blank and blanks:
        shown = "、".join(blanks[:8]) + ("…" if len(blanks) > 8 else "")
        ctx.findings.append(codes.IN011.make(ctx.lang, found=len(blanks), items=shown))
    return {p: _status(ctx, p, p in filled, missing[p], refused) for p in PASS_KEYS}


def _status(ctx: CheckContext, p: str, filled: bool, missing: int, refused: set[str]) -> PassStatus:
    unreadable = sum(1 for name in refused if ctx.layout.slots[name].pass_key == p
                     and ctx.layout.slots[name].kind in (SlotKind.INPUT, SlotKind.EXEMPT))
    if not filled:
        return PassStatus(PassState.BLANK, unreadable=unreadable)
    if missing and not ctx.allow_blank:
        return PassStatus(PassState.INCOMPLETE, missing, unreadable)
    return PassStatus(PassState.COMPLETE, 0, unreadable, blank_as_zero=ctx.allow_blank and missing > 0)


def _pass_checks(ctx: CheckContext, block: ItemBlock, slots: list[Slot], p: str) -> bool:
    """Checks of one item in one filled pass; True when required inputs are blank."""
    item, lang = block.item, ctx.lang
    exempt_slot = next((s for s in slots if s.kind is SlotKind.EXEMPT), None)
    exempt = exempt_slot is not None and ctx.value(exempt_slot.name) is True
    if exempt:
        reason = next(s for s in slots if s.kind is SlotKind.REASON)
        if not str(ctx.value(reason.name) or "").strip():
            condition = item.exemption.condition if item.exemption else ""
            ctx.findings.append(codes.IN009.make(lang, condition=condition, **ctx.where(reason)))
        return False
    # A slot whose row was deleted or whose item is gone is reported once by STR002/STR003, not as blank.
    counted = [s for s in slots if s.kind in (SlotKind.INPUT, SlotKind.SAMPLE) and ctx.located(s.name) is not None]
    blank = required_blanks(ctx, item, [s for s in counted if _blank(ctx, s)], counted)
    if blank and not ctx.allow_blank:
        whole = len(blank) == len(counted)
        what = _what(ctx, "all", None) if whole else ("、" if lang != "en" else ", ").join(dict.fromkeys(_what(ctx, s.kind, s.rule) for s in blank))
        ctx.findings.append(codes.IN001.make(ctx.lang, what=what, **ctx.where(blank[0])))
    for slot in counted:
        if slot.kind is SlotKind.SAMPLE:
            _sample(ctx, item, slot)
        else:
            _above_sample(ctx, item, slot, slots)
    return bool(blank)


def required_blanks(ctx: CheckContext, item: Item, blank: list[Slot], counted: list[Slot]) -> list[Slot]:
    """The blank inputs that are required: a monthly clause needs only as many months as the sample minimum."""
    months = item.context().months
    out: list[Slot] = []
    for slot in blank:
        rule = item.rules[slot.rule or 0] if slot.kind is SlotKind.INPUT else None
        if rule is not None and rule.is_monthly():
            entered = sum(1 for s in counted if s.kind is SlotKind.INPUT and s.rule == slot.rule and not _blank(ctx, s))
            needed = max(0, months - entered)
            if sum(1 for s in out if s.rule == slot.rule and s.kind is SlotKind.INPUT) >= needed:
                continue
        out.append(slot)
    return out


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
        deducted = ctx.expected.get(name) or Decimal(0)
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
    scores = [slot_name(SlotKind.ITEM_SCORE, section=block.section.id, item=block.item.no, pass_key=p) for p in PASS_KEYS]
    if any(name in ctx.unknown for name in scores):  # a refused input: no known score to compare
        return
    slot = ctx.layout.slots[slot_name(SlotKind.ITEM_SCORE, section=block.section.id, item=block.item.no, pass_key="assessed")]
    where = ctx.where(slot)
    where["pass_key"] = None
    ctx.findings.append(codes.DIFF001.make(
        ctx.lang, expected=show(assessed.score), found=show(own.score), difference=show(assessed.score - own.score), **where
    ))
