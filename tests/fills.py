"""Hypothesis strategies for filling a generated workbook with legal inputs, biased to the edges.

A fill maps input slot names to what an auditor would type: ints/Decimals for numbers, "是"/"否"
for yes/no, text for reasons. ``normalised`` turns a fill into the engine's values.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from xlscore.layout import Layout, Slot, SlotKind
from xlscore.rules import BelowTarget, InputKind, ThresholdZeroOut, Value

DELTAS = [Decimal(d) for d in ("0", "0.01", "-0.01", "0.1", "-0.1", "0.5", "-0.5")]


def _clip(value: Decimal, low: Decimal, high: Decimal | None) -> Decimal:
    value = max(low, value)
    return min(high, value) if high is not None else value


def _edges(rule, low: Decimal, high: Decimal | None) -> list[Decimal]:  # type: ignore[no-untyped-def]
    """Values exactly at and just around the rule's step boundaries or threshold."""
    if isinstance(rule, BelowTarget):
        sign = -1 if rule.direction == "at_least" else 1
        anchors = [rule.target + sign * k * rule.step for k in range(0, 4)]
    elif isinstance(rule, ThresholdZeroOut):
        anchors = [rule.limit]
    else:
        anchors = []
    return sorted({_clip(a + d, low, high) for a in anchors for d in DELTAS})


def rule_value(layout: Layout, slot: Slot) -> st.SearchStrategy[object]:
    section = next(s for s in layout.rubric.sections if s.id == slot.section)
    item = next(i for i in section.all_items() if i.no == slot.item)
    rule = item.rules[slot.rule or 0]
    spec = rule.input_spec(item.context())
    blank = st.none()
    if spec.kind is InputKind.YES_NO:
        return st.sampled_from([None, "否", "否", "是"])
    if spec.kind is InputKind.WHOLE:
        top = int(min(spec.maximum or 12, 12))
        return st.one_of(blank, st.integers(0, top), st.integers(0, 2))
    if spec.kind is InputKind.SCORE:
        halves = int((spec.maximum or 0) * 2)
        return st.one_of(blank, st.integers(0, halves).map(lambda n: Decimal(n) / 2))
    low, high = spec.minimum or Decimal(0), spec.maximum
    top = high if high is not None else Decimal(600)
    uniform = st.decimals(low, top, places=2, allow_nan=False, allow_infinity=False)
    edges = _edges(rule, low, high)
    return st.one_of(blank, uniform, st.sampled_from(edges)) if edges else st.one_of(blank, uniform)


def fill_strategy(layout: Layout) -> st.SearchStrategy[dict[str, object]]:
    parts: dict[str, st.SearchStrategy[object]] = {}
    for slot in layout.slots.values():
        if slot.kind is SlotKind.INPUT:
            parts[slot.name] = rule_value(layout, slot)
        elif slot.kind is SlotKind.SAMPLE:
            parts[slot.name] = st.one_of(st.none(), st.integers(0, 30))
        elif slot.kind is SlotKind.EXEMPT:
            parts[slot.name] = st.sampled_from([None, "否", "否", "否", "是"])
        elif slot.kind is SlotKind.REASON:
            parts[slot.name] = st.sampled_from([None, "大面积停电"])
    return st.fixed_dictionaries(parts)


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
