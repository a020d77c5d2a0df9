"""Random legal fills of a generated workbook, biased to the edges, drawn from a seed.

A fill maps input slot names to what an auditor would type: ints/Decimals for numbers, "是"/"否"
for yes/no, text for reasons. Hypothesis draws the seeds (a whole workbook's fill is too large to
draw value by value); ``random_fill`` turns a seed into a fill, ``normalised`` into the engine's values.
"""

from __future__ import annotations

import random
from decimal import Decimal

from xlscore.form.layout import Layout, Slot, SlotKind
from xlscore.rules import BelowTarget, InputKind, ThresholdZeroOut, Value

#: Around a boundary: whole and hundredth steps, and many-decimal rates at the formulas' 9-digit guard.
DELTAS = [Decimal(d) for d in ("0", "0.01", "-0.01", "0.1", "-0.1", "0.5", "-0.5",
                               "0.000000005", "-0.000000005", "0.0000000049", "-0.0000000051", "0.0000000001")]


def _clip(value: Decimal, low: Decimal, high: Decimal | None) -> Decimal:
    value = max(low, value)
    return min(high, value) if high is not None else value


def edges(rule, low: Decimal, high: Decimal | None) -> list[Decimal]:  # type: ignore[no-untyped-def]
    """Values exactly at and just around the rule's step boundaries or threshold."""
    if isinstance(rule, BelowTarget):
        sign = -1 if rule.direction == "at_least" else 1
        anchors = [rule.target + sign * k * rule.step for k in range(0, 4)]
    elif isinstance(rule, ThresholdZeroOut):
        anchors = [rule.limit]
    else:
        anchors = []
    return sorted({_clip(a + d, low, high) for a in anchors for d in DELTAS})


def rule_value(layout: Layout, slot: Slot, rng: random.Random) -> object:
    item = layout.item(slot.section, slot.item)
    rule = item.rules[slot.rule or 0]
    spec = rule.input_spec(item.context())
    if rng.random() < 0.12:
        return None
    if spec.kind is InputKind.YES_NO:
        return rng.choice(["否", "否", "否", "是"])
    if spec.kind is InputKind.WHOLE:
        top = int(min(spec.maximum or 12, 12))
        return rng.randint(0, 2) if rng.random() < 0.6 else rng.randint(0, top)
    if spec.kind is InputKind.SCORE:
        return Decimal(rng.randint(0, int((spec.maximum or 0) * 2))) / 2
    if spec.kind is InputKind.JUDGED:  # 0, the bounds, half a point inside them, or any half point between
        low, high = spec.minimum or Decimal(0), spec.maximum or Decimal(0)
        if rng.random() < 0.6:
            return rng.choice([Decimal(0), low, high, min(high, low + Decimal("0.5")), max(low, high - Decimal("0.5"))])
        return Decimal(rng.randint(int(low * 2), int(high * 2))) / 2
    low, high = spec.minimum or Decimal(0), spec.maximum
    near = edges(rule, low, high)
    if near and rng.random() < 0.6:
        return rng.choice(near)
    top = high if high is not None else Decimal(600)
    cents = rng.randint(int(low * 100), int(top * 100))
    return Decimal(cents) / 100


def random_fill(layout: Layout, seed: int) -> dict[str, object]:
    """A fill with blanks here and there; one in six leaves a whole pass blank (未填写)."""
    rng = random.Random(seed)
    fill: dict[str, object] = {}
    blank_pass = rng.choice(["self_check", "assessed"]) if rng.random() < 1 / 6 else None
    for slot in layout.slots.values():
        if blank_pass is not None and slot.pass_key == blank_pass and slot.kind.is_input:
            fill[slot.name] = None
            continue
        if slot.kind is SlotKind.INPUT:
            fill[slot.name] = rule_value(layout, slot, rng)
        elif slot.kind is SlotKind.SAMPLE:
            fill[slot.name] = None if rng.random() < 0.1 else rng.randint(0, 30)
        elif slot.kind is SlotKind.EXEMPT:
            fill[slot.name] = rng.choice([None, "否", "否", "否", "是"])
        elif slot.kind is SlotKind.REASON:
            fill[slot.name] = rng.choice([None, "大面积停电"])
    return fill


def normalised(fill: dict[str, object]) -> dict[str, Value]:
    """The engine's values for a fill: numbers as Decimal, 是/否 as True/False."""
    out: dict[str, Value] = {}
    for name, value in fill.items():
        if value is None:
            out[name] = None
        elif value in ("是", "否"):
            out[name] = value == "是"
        elif isinstance(value, str):
            out[name] = value
        else:
            out[name] = Decimal(str(value))
    return out


def written(fill: dict[str, object]) -> dict[str, object]:
    """The fill as the generator pre-fills it (blanks left out)."""
    return {k: v for k, v in fill.items() if v is not None}
