"""Properties of the rule engine over random valid items and random legal inputs (hypothesis).

The reference deductions here are computed with ``Fraction`` from the rubric's wording, not with
the rule classes, so the last property checks the engine against an independent reading.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any, get_type_hints

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from xlscore.form.engine import ItemScore, row_keys, score_item
from xlscore.rubric import Item, Rubric
from xlscore.rubric.selfcheck import self_check
from xlscore.rubric.validate import validated
from xlscore.rules import InputKind, InputSpec, RuleKind

D = Decimal
PROPERTY = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

COUNT_KINDS = ("per_occurrence", "per_missing")
ZERO_KINDS = ("zero_out", "threshold_zero_out")
DEDUCTING_KINDS = ("per_occurrence", "capped_per_occurrence", "per_missing", "once", "zero_out", "below_target",
                   "threshold_zero_out", "range")
ADDING_KINDS = ("bonus",)
RowKey = tuple[int, int]


# --- strategies -------------------------------------------------------------------------------
def halves(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Half points from low/2 to high/2."""
    return st.integers(low, high).map(lambda n: D(n) / 2)


def hundredths(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Values with up to two decimals, from low/100 to high/100."""
    return st.integers(low, high).map(lambda n: D(n) / 100)


POINTS = halves(1, 20)  # 0.5–10
STANDARD_SCORE = halves(1, 200)  # 0.5–100
PERCENT = hundredths(0, 10_000)


@st.composite
def rule_data(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    data: dict[str, Any] = {"type": kind, "clause": f"{kind} 条款"}
    if kind in ("per_occurrence", "once"):
        data["points"] = draw(POINTS)
    elif kind in ("capped_per_occurrence", "bonus"):
        data.update(points=draw(POINTS), cap=draw(POINTS))
    elif kind == "range":
        low = draw(halves(0, 10))
        data.update(min=low, max=low + draw(halves(0 if low > 0 else 1, 10)))
        if draw(st.booleans()):
            data["unit"] = "处"
            if draw(st.booleans()):  # 最多扣: the total typed stops there
                data["cap"] = data["max"] + draw(halves(0, 10))
    elif kind == "per_missing":
        data["points"] = draw(POINTS)
        data["elements"] = [f"要素{i}" for i in range(draw(st.integers(1, 6)))]
    elif kind == "below_target":
        data.update(
            target=draw(st.one_of(st.integers(0, 100).map(D), PERCENT)),
            step=draw(st.one_of(st.sampled_from([D("0.5"), D(1), D(2), D(5), D(10)]), hundredths(1, 2_000))),
            points=draw(POINTS),
            rounding=draw(st.sampled_from(["floor", "ceil", "proportional"])),
            direction=draw(st.sampled_from(["at_least", "at_most"])),
            monthly=draw(st.booleans()),
        )
    elif kind == "threshold_zero_out":
        unit = draw(st.sampled_from(["%", "秒"]))
        data.update(
            unit=unit,
            limit=draw(PERCENT if unit == "%" else hundredths(0, 30_000)),
            compare=draw(st.sampled_from(["le", "lt", "ge", "gt"])),
        )
    return data


@st.composite
def items(draw: st.DrawFn, required: tuple[str, ...] = ()) -> Item:
    """A valid item; ``required`` kinds (one of them) are always among its rules."""
    if not required and draw(st.integers(0, 9)) == 0:
        kinds = ["manual"]  # a manual rule stands alone
    else:
        kinds = draw(st.lists(st.sampled_from(DEDUCTING_KINDS), min_size=0 if required else 1, max_size=3))
        if required:
            kinds.insert(draw(st.integers(0, len(kinds))), draw(st.sampled_from(required)))
        elif draw(st.booleans()):
            kinds.append(draw(st.sampled_from(DEDUCTING_KINDS)))
        if draw(st.integers(0, 3)) == 0:
            kinds.append(draw(st.sampled_from(ADDING_KINDS)))
    rules = [draw(rule_data(kind)) for kind in kinds]
    score = draw(STANDARD_SCORE)
    data: dict[str, Any] = {"no": "1.1", "content": "考核内容", "score": score, "text": "评分规定", "rules": rules}
    monthly = any(r["type"] == "threshold_zero_out" or r.get("monthly") for r in rules)
    if monthly:
        data["sample"] = {"min": draw(st.integers(1, 4)), "unit": "个月"}
    item = validated(Item, data)
    assert self_check(in_rubric(item)) == [], "the strategy must only make items a rubric accepts"
    return item


def in_rubric(item: Item) -> Rubric:
    """A one-item rubric around ``item``, so the rubric's own checks can judge it."""
    section = {"id": "1", "title": "部分", "total": item.score, "items": [item]}
    header = {"id": "prop", "title": "属性测试", "version": "1", "source": "-"}
    return validated(Rubric, {**header, "sections": [section]})


def legal_values(spec: InputSpec) -> st.SearchStrategy[Any]:
    """Legal values for an input cell, blank included."""
    return st.one_of(st.none(), filled_values(spec))


def filled_values(spec: InputSpec) -> st.SearchStrategy[Any]:
    """Legal non-blank values for an input cell, within the spec's bounds."""
    low = spec.minimum if spec.minimum is not None else D(0)
    high = spec.maximum if spec.maximum is not None else D(1000)
    if spec.kind is InputKind.YES_NO:
        value: st.SearchStrategy[Any] = st.booleans()
    elif spec.kind is InputKind.WHOLE:
        small = st.integers(int(low), min(int(high), int(low) + 6))
        value = st.one_of(small, st.integers(int(low), int(high))).map(D)
    elif spec.kind is InputKind.SCORE:
        value = st.one_of(halves(int(low * 2), int(high * 2)), hundredths(int(low * 100), int(high * 100)))
    elif spec.kind is InputKind.JUDGED:  # 0, or half points within the bounds
        value = st.one_of(st.just(D(0)), halves(max(1, int(low * 2)), int(high * 2)))
    else:
        value = st.one_of(st.integers(int(low), int(high)).map(D), hundredths(int(low * 100), int(high * 100)))
    return value


@st.composite
def fills(draw: st.DrawFn, item: Item) -> dict[RowKey, Any]:
    ctx = item.context()
    return {key: draw(legal_values(item.rules[key[0]].input_spec(ctx))) for key in row_keys(item)}


@st.composite
def filled_items(draw: st.DrawFn, required: tuple[str, ...] = ()) -> tuple[Item, dict[RowKey, Any]]:
    item = draw(items(required))
    return item, draw(fills(item))


def keys_of(item: Item, kinds: tuple[str, ...]) -> list[RowKey]:
    return [key for key in row_keys(item) if item.rules[key[0]].type in kinds]  # type: ignore[attr-defined]


# --- an independent reading of the rubric's wording -------------------------------------------
def expected_deduction(rule: Any, value: Any, standard_score: Decimal) -> Fraction:
    if value is None:
        return Fraction(0)
    std = Fraction(standard_score)
    if rule.type in COUNT_KINDS:
        return Fraction(rule.points) * Fraction(value)
    if rule.type == "capped_per_occurrence":  # 最多扣 cap: the clause's deductions stop there
        return min(Fraction(rule.cap), Fraction(rule.points) * Fraction(value))
    if rule.type == "range":  # the points the auditor judged
        return Fraction(value)
    if rule.type == "bonus":  # 加 points per occurrence, at most cap: a negative deduction
        return -min(Fraction(rule.cap), Fraction(rule.points) * Fraction(value))
    if rule.type == "once":
        return Fraction(rule.points) if value is True else Fraction(0)
    if rule.type == "zero_out":
        return std if value is True else Fraction(0)
    if rule.type == "manual":
        return std - Fraction(value)
    if rule.type == "threshold_zero_out":
        v, limit = Fraction(value), Fraction(rule.limit)
        meets = {"le": v <= limit, "lt": v < limit, "ge": v >= limit, "gt": v > limit}[rule.compare]
        return Fraction(0) if meets else std
    assert rule.type == "below_target"
    gap = Fraction(rule.target) - Fraction(value)
    shortfall = max(Fraction(0), gap if rule.direction == "at_least" else -gap)
    steps = shortfall / Fraction(rule.step)
    points = Fraction(rule.points)
    if rule.rounding == "floor":
        return points * math.floor(steps)
    if rule.rounding == "ceil":
        return points * math.ceil(steps)
    return Fraction(math.floor(points * steps * 100 + Fraction(1, 2)), 100)  # to 0.01 point, half up


def bonus_caps(item: Item) -> Decimal:
    """The most the item's bonus rules can add in all."""
    return sum((rule.cap for rule in item.rules if rule.type in ADDING_KINDS), D(0))  # type: ignore[attr-defined]


def expected_score(item: Item, deductions: dict[RowKey, Fraction]) -> Fraction:
    """扣完为止 on the deductions, then every bonus added on top (the documented semantics)."""
    std = Fraction(item.score)
    lost = sum((d for d in deductions.values() if d > 0), Fraction(0))
    gained = -sum((d for d in deductions.values() if d < 0), Fraction(0))
    return min(std, max(Fraction(0), std - lost)) + gained


def fires_zero(item: Item, values: dict[RowKey, Any]) -> bool:
    return any(
        rule.zero_out and expected_deduction(rule, values.get((r, m)), item.score) > 0
        for r, m in row_keys(item)
        for rule in [item.rules[r]]
    )


# --- properties -------------------------------------------------------------------------------
@PROPERTY
@given(filled_items(), st.booleans(), st.sampled_from(["full_score", "excluded"]))
def test_score_is_within_zero_and_standard_score(case: tuple[Item, dict[RowKey, Any]], exempt: bool, policy: str) -> None:
    item, values = case
    result = score_item(item, values, exempt=exempt, policy=policy)  # type: ignore[arg-type]
    assert D(0) <= result.score <= item.score + (D(0) if exempt else bonus_caps(item))  # a bonus may pass 标准分


@PROPERTY
@given(filled_items(required=COUNT_KINDS), st.data())
def test_score_never_rises_when_a_count_rises(case: tuple[Item, dict[RowKey, Any]], data: st.DataObject) -> None:
    item, values = case
    key = data.draw(st.sampled_from(keys_of(item, COUNT_KINDS)))
    spec = item.rules[key[0]].input_spec(item.context())
    before = values[key] if values[key] is not None else D(0)
    assume(before < spec.maximum)
    after = data.draw(st.integers(int(before) + 1, int(spec.maximum)).map(D))
    assert score_item(item, {**values, key: after}).score <= score_item(item, values).score


@PROPERTY
@given(filled_items(required=("below_target",)), st.data())
def test_score_never_rises_when_a_measured_value_moves_away_from_target(
    case: tuple[Item, dict[RowKey, Any]], data: st.DataObject
) -> None:
    item, values = case
    key = data.draw(st.sampled_from(keys_of(item, ("below_target",))))
    rule = item.rules[key[0]]
    spec = rule.input_spec(item.context())
    before = values[key] if values[key] is not None else data.draw(filled_values(spec))
    distance = data.draw(hundredths(1, 10_000))
    # away from the target: lower when at or under it, higher when above it
    after = max(spec.minimum, before - distance) if before <= rule.target else min(spec.maximum, before + distance)
    assert score_item(item, {**values, key: after}).score <= score_item(item, {**values, key: before}).score


@st.composite
def firing_value(draw: st.DrawFn, rule: Any, spec: InputSpec) -> Any:
    """An input value that makes a zero_out or threshold_zero_out rule fire (``None`` if none exists)."""
    if rule.type == "zero_out":
        return True
    high = spec.maximum if spec.maximum is not None else D(1000)
    if rule.compare in ("le", "lt"):
        low = rule.limit if rule.compare == "lt" else rule.limit + D("0.01")
        return draw(hundredths(int(low * 100), int(high * 100))) if low <= high else None
    top = rule.limit if rule.compare == "gt" else rule.limit - D("0.01")
    return draw(hundredths(0, int(top * 100))) if top >= 0 else None


@PROPERTY
@given(filled_items(required=ZERO_KINDS), st.data())
def test_score_is_zero_whenever_a_zero_out_fires(case: tuple[Item, dict[RowKey, Any]], data: st.DataObject) -> None:
    item, values = case
    key = data.draw(st.sampled_from(keys_of(item, ZERO_KINDS)))
    rule = item.rules[key[0]]
    value = data.draw(firing_value(rule, rule.input_spec(item.context())))
    assume(value is not None)
    values = {**values, key: value}
    result = score_item(item, values)
    gained = -sum((expected_deduction(item.rules[k[0]], values[k], item.score) for k in keys_of(item, ADDING_KINDS)),
                  Fraction(0))
    assert Fraction(result.score) == gained  # 0, plus any bonus (added after 扣完为止)
    assert result.zeroed


@PROPERTY
@given(filled_items())
def test_exempt_full_score_is_exactly_the_standard_score(case: tuple[Item, dict[RowKey, Any]]) -> None:
    item, values = case
    result = score_item(item, values, exempt=True, policy="full_score")
    assert result.score == item.score
    assert result.applicable == item.score


@PROPERTY
@given(filled_items())
def test_score_is_standard_score_minus_deductions_clamped(case: tuple[Item, dict[RowKey, Any]]) -> None:
    item, values = case
    result: ItemScore = score_item(item, values)
    expected = {key: expected_deduction(item.rules[key[0]], values[key], item.score) for key in row_keys(item)}
    assert {key: Fraction(d) for key, d in result.deductions.items()} == expected
    assert Fraction(result.score) == expected_score(item, expected)
    assert result.zeroed == fires_zero(item, values)


@PROPERTY
@given(filled_items(required=ADDING_KINDS), st.data())
def test_a_bonus_raises_the_score_by_at_most_its_cap(case: tuple[Item, dict[RowKey, Any]], data: st.DataObject) -> None:
    item, values = case
    key = data.draw(st.sampled_from(keys_of(item, ADDING_KINDS)))
    rule = item.rules[key[0]]
    without = score_item(item, {**values, key: None}).score
    count = data.draw(st.integers(0, 40).map(D))
    gained = score_item(item, {**values, key: count}).score - without
    assert gained == min(rule.cap, rule.points * count)  # type: ignore[attr-defined]


@PROPERTY
@given(filled_items(required=("range",)), st.data())
def test_a_judged_deduction_lowers_the_score_by_what_was_typed(case: tuple[Item, dict[RowKey, Any]], data: st.DataObject) -> None:
    item, values = case
    key = data.draw(st.sampled_from(keys_of(item, ("range",))))
    spec = item.rules[key[0]].input_spec(item.context())
    typed = data.draw(filled_values(spec))
    assert spec.problem(typed) is None
    values = {**values, key: D(0)}
    before = score_item(item, values).score
    after = score_item(item, {**values, key: typed}).score
    gained = -sum((expected_deduction(item.rules[k[0]], values[k], item.score) for k in keys_of(item, ADDING_KINDS)),
                  Fraction(0))
    # what was typed comes off the part before the bonus, which stops at 0 (扣完为止)
    assert Fraction(before - after) == min(Fraction(typed), Fraction(before) - gained)


def test_rule_kinds_covered_by_the_strategies() -> None:
    assert set(DEDUCTING_KINDS) | set(ADDING_KINDS) | {"manual"} == {get_type_hints(cls)["type"].__args__[0] for cls in _kinds()}


def _kinds() -> list[type[RuleKind]]:
    from xlscore.rules import KINDS

    return list(KINDS.values())
