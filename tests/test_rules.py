"""Every rule kind's arithmetic, worked by hand, at its edges; and the Excel text each kind writes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from xlscore.form.engine import item_score_formula, row_keys, score_item
from xlscore.form.layout import SlotKind, build_layout, slot_name
from xlscore.form.sumtree import evaluate
from xlscore.rubric import Item, load_rubric
from xlscore.rubric.validate import validated
from xlscore.rules import InputKind, InputProblem, InputSpec

D = Decimal
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-rubric.yaml"


def rule(kind: str, **params: Any) -> dict[str, Any]:
    return {"type": kind, "clause": f"{kind} 条款", **params}


def make_item(*rules: dict[str, Any], score: str = "10", months: int = 0) -> Item:
    data: dict[str, Any] = {"no": "1.1", "content": "考核内容", "score": score, "text": "评分规定"}
    data["rules"] = list(rules)
    if months:
        data["sample"] = {"min": months, "unit": "个月"}
    return validated(Item, data)


def one_input(value: Any) -> dict[tuple[int, int], Any]:
    """The inputs of an item with one single-cell rule."""
    return {(0, 0): value}


# --- per_occurrence ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("points", "count", "deduction", "score"),
    [
        ("2", D(0), D(0), D(10)),  # no occurrence
        ("2", D(1), D(2), D(8)),  # 10 − 2×1
        ("2", D(3), D(6), D(4)),  # 10 − 2×3
        ("0.5", D(3), D("1.5"), D("8.5")),  # half points: 0.5×3 = 1.5
        ("2", D(6), D(12), D(0)),  # 2×6 = 12 > 10: 扣完为止, score 0 (the deduction itself stays 12)
        ("2", D(5), D(10), D(0)),  # exactly the whole 标准分
        ("2", None, D(0), D(10)),  # blank deducts nothing
    ],
)
def test_per_occurrence(points: str, count: Decimal | None, deduction: Decimal, score: Decimal) -> None:
    item = make_item(rule("per_occurrence", points=points))
    result = score_item(item, one_input(count))
    assert result.deductions == {(0, 0): deduction}
    assert result.score == score
    assert not result.zeroed


def test_per_occurrence_two_clauses_add_up() -> None:
    # 1.1 of the example: 2 × 2 次 + 0.5 × 3 次 = 5.5 → 10 − 5.5 = 4.5
    item = make_item(rule("per_occurrence", points=2), rule("per_occurrence", points="0.5"))
    result = score_item(item, {(0, 0): D(2), (1, 0): D(3)})
    assert result.total_deduction == D("5.5")
    assert result.score == D("4.5")


# --- per_missing ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("missing", "score"),
    [
        (D(0), D(10)),
        (D(1), D(5)),  # 10 − 5×1
        (D(2), D(0)),  # 10 − 5×2
        (D(3), D(0)),  # 5×3 = 15 > 10: floored at 0
        (None, D(10)),
    ],
)
def test_per_missing(missing: Decimal | None, score: Decimal) -> None:
    item = make_item(rule("per_missing", points=5, elements=["报修制度", "回访制度", "投诉举报制度"]))
    assert score_item(item, one_input(missing)).score == score


def test_per_missing_count_above_elements_deducts_nothing_and_is_illegal() -> None:
    item = make_item(rule("per_missing", points=2, elements=["甲", "乙", "丙"]))
    spec = item.rules[0].input_spec(item.context())
    assert spec.maximum == D(3)
    assert spec.problem(D(3)) is None
    assert spec.problem(D(4)) is InputProblem.ABOVE_MAXIMUM
    # 4 of 3 elements is impossible: the engine deducts nothing, the checker reports the input.
    result = score_item(item, one_input(D(4)))
    assert result.deductions == {(0, 0): D(0)}
    assert result.score == D(10)


# --- once -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("answer", "score"), [(True, D(7)), (False, D(10)), (None, D(10))])
def test_once(answer: bool | None, score: Decimal) -> None:
    item = make_item(rule("once", points=3))  # 是 → 10 − 3 = 7
    assert score_item(item, one_input(answer)).score == score


# --- zero_out ---------------------------------------------------------------------------------
def test_zero_out_fires_over_other_deductions() -> None:
    item = make_item(rule("per_occurrence", points=2), rule("zero_out"))
    result = score_item(item, {(0, 0): D(1), (1, 0): True})
    assert result.score == D(0)
    assert result.zeroed
    assert result.deductions == {(0, 0): D(2), (1, 0): D(10)}  # a zero-out deducts the whole 标准分


@pytest.mark.parametrize("answer", [False, None])
def test_zero_out_not_firing_leaves_other_deductions(answer: bool | None) -> None:
    item = make_item(rule("per_occurrence", points=2), rule("zero_out"))
    result = score_item(item, {(0, 0): D(1), (1, 0): answer})
    assert result.score == D(8)  # 10 − 2×1
    assert not result.zeroed


# --- below_target -----------------------------------------------------------------------------
# target 85, step 10, points 3, 标准分 15. Shortfall s = 85 − measured; steps = s / 10;
# floor counts whole steps, ceil counts any part step, proportional is 3 × s / 10 to 0.01.
BELOW_TARGET_CASES = [
    # measured, floor, ceil, proportional
    ("85", "0", "0", "0"),  # at the target: no shortfall
    ("90", "0", "0", "0"),  # above the target
    ("100", "0", "0", "0"),
    ("84.9", "0", "3", "0.03"),  # s = 0.1: 0 steps / 1 step / 3×0.01
    ("75", "3", "3", "3"),  # s = 10: exactly one step
    ("74.9", "3", "6", "3.03"),  # s = 10.1: 1 / 2 / 3×1.01
    ("65", "6", "6", "6"),  # s = 20: exactly two steps
    ("0", "24", "27", "25.5"),  # s = 85: 8 / 9 / 8.5 steps
]


@pytest.mark.parametrize("rounding", ["floor", "ceil", "proportional"])
@pytest.mark.parametrize(("measured", "floor", "ceil", "proportional"), BELOW_TARGET_CASES)
def test_below_target_steps(measured: str, floor: str, ceil: str, proportional: str, rounding: str) -> None:
    item = make_item(rule("below_target", target=85, step=10, points=3, rounding=rounding), score="15")
    expected = D({"floor": floor, "ceil": ceil, "proportional": proportional}[rounding])
    result = score_item(item, one_input(D(measured)))
    assert result.deductions[(0, 0)] == expected
    assert result.score == max(D(0), D(15) - expected)  # 24, 27 and 25.5 are capped by 标准分 15 → 0


def test_below_target_zero_measured_scores_zero() -> None:
    item = make_item(rule("below_target", target=85, step=10, points=3, rounding="floor"), score="15")
    assert score_item(item, one_input(D(0))).score == D(0)  # 24 > 15: 扣完为止


@pytest.mark.parametrize(
    ("measured", "deduction"),
    [
        ("84.03", "0.49"),  # 0.5 × 0.97 = 0.485 → 0.49 (half up, as Excel's ROUND; half-even would give 0.48)
        ("84.99", "0.01"),  # 0.5 × 0.01 = 0.005 → 0.01
        ("84.995", "0"),  # 0.5 × 0.005 = 0.0025 → 0.00
    ],
)
def test_below_target_proportional_rounds_half_up_to_cents(measured: str, deduction: str) -> None:
    item = make_item(rule("below_target", target=85, step=1, points="0.5", rounding="proportional"))
    assert score_item(item, one_input(D(measured))).deductions[(0, 0)] == D(deduction)


def test_below_target_monthly_deducts_each_month_and_sums() -> None:
    item = make_item(
        rule("below_target", target=85, step=10, points=3, rounding="floor", monthly=True), score="15", months=3
    )
    assert row_keys(item) == [(0, m) for m in range(12)]  # a row for every month of a year; 3 required
    # 80: s=5 → 0 steps; 74: s=11 → 1 step → 3; 60: s=25 → 2 steps → 6. Σ 9 → 15 − 9 = 6
    result = score_item(item, {(0, 0): D(80), (0, 1): D(74), (0, 2): D(60)})
    assert result.deductions == {(0, 0): D(0), (0, 1): D(3), (0, 2): D(6), **{(0, m): D(0) for m in range(3, 12)}}
    assert result.score == D(6)
    # a blank month deducts nothing: 0 + 0 + (s=15 → 1 step) 3 → 12
    assert score_item(item, {(0, 0): D(80), (0, 2): D(70)}).score == D(12)


@pytest.mark.parametrize(
    ("measured", "deduction"),
    [("3", "0"), ("5", "0"), ("5.5", "2"), ("6", "2"), ("7", "4"), ("7.01", "6")],
)
def test_below_target_at_most(measured: str, deduction: str) -> None:
    # stay at or under 5%: 2 points per started percentage point above it (ceil)
    # 5.5 → excess 0.5 → 1 step; 7 → 2 steps; 7.01 → 2.01 → 3 steps
    item = make_item(rule("below_target", target=5, step=1, points=2, rounding="ceil", direction="at_most"))
    assert score_item(item, one_input(D(measured))).deductions[(0, 0)] == D(deduction)


def test_below_target_value_above_100_is_illegal() -> None:
    item = make_item(rule("below_target", target=85, step=10, points=3, rounding="floor"), score="15")
    spec = item.rules[0].input_spec(item.context())
    assert spec.problem(D("100.5")) is InputProblem.ABOVE_MAXIMUM
    assert spec.problem(D(-1)) is InputProblem.BELOW_MINIMUM


# --- threshold_zero_out ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("compare", "value", "meets"),
    [
        ("le", "150", True),  # at the limit
        ("le", "150.01", False),  # just past it
        ("lt", "150", False),
        ("lt", "149.99", True),
        ("ge", "150", True),
        ("ge", "149.99", False),
        ("gt", "150", False),
        ("gt", "150.01", True),
    ],
)
def test_threshold_zero_out_at_and_past_the_limit(compare: str, value: str, meets: bool) -> None:
    item = make_item(rule("threshold_zero_out", limit=150, compare=compare, unit="秒"), score="15", months=3)
    good = D(100) if compare in ("le", "lt") else D(200)  # a month that clearly meets the limit
    result = score_item(item, {(0, 0): good, (0, 1): D(value), (0, 2): good})
    assert result.score == (D(15) if meets else D(0))  # one month missing the limit is enough
    assert result.zeroed is (not meets)


def test_threshold_zero_out_blank_months_have_no_effect() -> None:
    item = make_item(rule("threshold_zero_out", limit=150, compare="le", unit="秒"), score="15", months=3)
    assert score_item(item, {}).score == D(15)
    assert score_item(item, {(0, 1): D(120)}).score == D(15)
    assert score_item(item, {(0, 2): D(151)}).score == D(0)


def test_threshold_percent_is_bounded_seconds_are_not() -> None:
    percent = make_item(rule("threshold_zero_out", limit=90, compare="ge"), months=1)
    seconds = make_item(rule("threshold_zero_out", limit=150, compare="le", unit="秒"), months=1)
    assert percent.rules[0].input_spec(percent.context()).problem(D(101)) is InputProblem.ABOVE_MAXIMUM
    assert seconds.rules[0].input_spec(seconds.context()).problem(D(400)) is None


# --- manual -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "score"),
    [
        (D("17.5"), D("17.5")),
        (D(20), D(20)),
        (D(0), D(0)),
        (None, D(20)),  # documented: a blank manual score counts as the full 标准分
    ],
)
def test_manual(typed: Decimal | None, score: Decimal) -> None:
    item = make_item(rule("manual"), score="20")
    result = score_item(item, one_input(typed))
    assert result.score == score
    assert result.total_deduction == D(20) - score


def test_manual_above_standard_score_is_illegal() -> None:
    item = make_item(rule("manual"), score="20")
    spec = item.rules[0].input_spec(item.context())
    assert spec.kind is InputKind.SCORE
    assert spec.problem(D("20.5")) is InputProblem.ABOVE_MAXIMUM
    assert spec.problem(D(-1)) is InputProblem.BELOW_MINIMUM
    # illegal input deducts nothing: the score stays 20 and the checker reports the cell
    assert score_item(item, one_input(D("20.5"))).score == D(20)


# --- exemption --------------------------------------------------------------------------------
def test_exempt_full_score_ignores_deductions() -> None:
    item = make_item(rule("per_occurrence", points=2), rule("zero_out"))
    inputs = {(0, 0): D(3), (1, 0): True}
    assert score_item(item, inputs).score == D(0)
    exempted = score_item(item, inputs, exempt=True, policy="full_score")
    assert exempted.score == D(10)
    assert exempted.exempt and not exempted.excluded and not exempted.zeroed
    assert exempted.applicable == D(10)


def test_exempt_excluded_leaves_the_total() -> None:
    item = make_item(rule("per_occurrence", points=2))
    result = score_item(item, {(0, 0): D(1)}, exempt=True, policy="excluded")
    assert result.score == D(0)
    assert result.excluded
    assert result.applicable == D(0)
    assert score_item(item, {(0, 0): D(1)}).applicable == D(10)


# --- totals on the example rubric -------------------------------------------------------------
def _example_scores(exempt_12: bool = False) -> tuple[Any, dict[tuple[str, str], Any]]:
    rubric = load_rubric(EXAMPLE)
    items = {item.no: item for _, item in rubric.all_items()}
    fill = {
        "1.1": {(0, 0): D(2), (1, 0): D(3)},  # 2×2 + 0.5×3 = 5.5 → 4.5
        "1.2": {(0, 0): D(80), (0, 1): D(74), (0, 2): D(55)},  # 0 + 3 + 9 (s=30, 3 steps) = 12 → 3
        "1.3": {(0, 0): D(140), (0, 1): D(150), (0, 2): D(149)},  # every month ≤ 150 秒 → 15
        "2": {(0, 0): D(1), (1, 0): True, (2, 0): False},  # 5×1 + 3 = 8 → 2
        "3": {(0, 0): D("7.5")},  # typed 7.5
    }
    scores = {
        ("1", no): score_item(items[no], values, exempt=exempt_12 and no == "1.2") for no, values in fill.items()
    }
    return rubric, scores


def totals(rubric: Any, scores: dict[tuple[str, str], Any]) -> Any:
    """The sum tree evaluated over the item scores of the 自查 pass (an item not scored shows nothing)."""
    layout = build_layout(rubric)
    leaves = {slot_name(SlotKind.ITEM_SCORE, section=s, item=no, pass_key="self_check"): r.score for (s, no), r in scores.items()}
    values, _ = evaluate(layout, leaves, set())

    class Result:
        groups = {(s.section, s.group): values[s.name] for s in layout.slots.values()
                  if s.kind is SlotKind.SUBTOTAL and s.pass_key == "self_check"}
        sections = {s.id: values[slot_name(SlotKind.SECTION_TOTAL, section=s.id, pass_key="self_check")] for s in rubric.sections}
        grand = values[slot_name(SlotKind.SUMMARY, pass_key="self_check")]

    return Result


def test_totals_of_the_example_rubric() -> None:
    rubric, scores = _example_scores()
    assert [scores[("1", no)].score for no in ("1.1", "1.2", "1.3", "2", "3")] == [
        D("4.5"), D(3), D(15), D(2), D("7.5"),
    ]
    result = totals(rubric, scores)
    assert result.groups == {("1", "1"): D("22.5")}  # 4.5 + 3 + 15
    assert result.sections == {"1": D(32)}  # 22.5 + 2 + 7.5
    assert result.grand == D(32)


def test_totals_with_an_exempted_item() -> None:
    rubric, scores = _example_scores(exempt_12=True)  # 1.2 exempt (大面积停电): full 15 instead of 3
    result = totals(rubric, scores)
    assert result.groups[("1", "1")] == D("34.5")  # 4.5 + 15 + 15
    assert result.grand == D(44)  # 34.5 + 2 + 7.5


def test_totals_treat_unscored_items_as_zero() -> None:
    rubric, scores = _example_scores()
    del scores[("1", "3")]
    assert totals(rubric, scores).grand == D("24.5")  # 32 − 7.5


# --- the Excel side ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("params", "score", "formula"),
    [
        (rule("per_occurrence", points=2), "10", "IF(ISNUMBER(G5),2*G5,0)"),
        (rule("per_occurrence", points="0.50"), "10", "IF(ISNUMBER(G5),0.5*G5,0)"),
        (rule("per_missing", points=5, elements=["甲", "乙"]), "10", "IF(ISNUMBER(G5),5*G5,0)"),
        (rule("once", points=3), "10", 'IF(G5="是",3,0)'),
        (rule("zero_out"), "12.5", 'IF(G5="是",12.5,0)'),
        (
            rule("below_target", target=85, step=10, points=3, rounding="floor"),
            "15",
            "IF(ISNUMBER(G5),3*INT(ROUND(MAX(0,85-G5)/10,9)),0)",
        ),
        (
            rule("below_target", target=85, step=10, points=3, rounding="ceil"),
            "15",
            "IF(ISNUMBER(G5),3*ROUNDUP(ROUND(MAX(0,85-G5)/10,9),0),0)",
        ),
        (
            rule("below_target", target="85.0", step=10, points=3, rounding="proportional"),
            "15",
            "IF(ISNUMBER(G5),ROUND(ROUND(3*MAX(0,85-G5)/10,9),2),0)",
        ),
        (
            rule("below_target", target=5, step="0.5", points=1, rounding="ceil", direction="at_most"),
            "15",
            "IF(ISNUMBER(G5),1*ROUNDUP(ROUND(MAX(0,G5-5)/0.5,9),0),0)",
        ),
        (
            rule("threshold_zero_out", limit=150, compare="le", unit="秒"),
            "15",
            "IF(ISNUMBER(G5),IF(G5<=150,0,15),0)",
        ),
        (rule("threshold_zero_out", limit=90, compare="gt"), "15", "IF(ISNUMBER(G5),IF(G5>90,0,15),0)"),
        (rule("manual"), "20", "IF(ISNUMBER(G5),20-G5,0)"),
    ],
)
def test_formula_text(params: dict[str, Any], score: str, formula: str) -> None:
    item = make_item(params, score=score, months=1)
    assert item.rules[0].formula("G5", item.context()) == formula


def test_item_score_formula() -> None:
    item = make_item(rule("per_occurrence", points=2), score="10")
    assert item_score_formula(item, "H5:H7", None, "full_score") == "MIN(10,MAX(0,10-SUM(H5:H7)))"
    assert item_score_formula(item, "H5:H7", "G8", "full_score") == 'IF(G8="是",10,MIN(10,MAX(0,10-SUM(H5:H7))))'
    assert item_score_formula(item, "H5:H7", "G8", "excluded") == 'IF(G8="是",0,MIN(10,MAX(0,10-SUM(H5:H7))))'


# --- input validation -------------------------------------------------------------------------
WHOLE = InputSpec(InputKind.WHOLE, D(0), D(999), "次")
RATE = InputSpec(InputKind.DECIMAL, D(0), D(100), "%")
YES_NO = InputSpec(InputKind.YES_NO)


@pytest.mark.parametrize(
    ("spec", "value", "problem"),
    [
        (WHOLE, "三", InputProblem.NOT_A_NUMBER),  # text in a count cell
        (WHOLE, True, InputProblem.NOT_A_NUMBER),  # 是 in a number cell
        (RATE, False, InputProblem.NOT_A_NUMBER),
        (WHOLE, D("1.5"), InputProblem.NOT_WHOLE),
        (WHOLE, D(-1), InputProblem.BELOW_MINIMUM),
        (RATE, D("-0.1"), InputProblem.BELOW_MINIMUM),
        (WHOLE, D("NaN"), InputProblem.NOT_A_NUMBER),
        (RATE, D("Infinity"), InputProblem.NOT_A_NUMBER),
        (WHOLE, D(1000), InputProblem.ABOVE_MAXIMUM),
        (YES_NO, "是", InputProblem.NOT_YES_NO),  # normalising 是 → True is the reader's job
        (YES_NO, D(1), InputProblem.NOT_YES_NO),
        (WHOLE, D("2.0"), None),  # a whole number typed with a decimal point
        (WHOLE, D(0), None),
        (RATE, D("84.9"), None),
        (YES_NO, False, None),
        (WHOLE, None, None),  # blank is legal here; "missing" is the checker's finding
    ],
)
def test_input_spec_problem(spec: InputSpec, value: Any, problem: InputProblem | None) -> None:
    assert spec.problem(value) is problem


def test_illegal_input_deducts_nothing() -> None:
    item = make_item(rule("per_occurrence", points=2))
    for bad in ("三", True, D("1.5"), D(-1), D("NaN")):
        assert score_item(item, one_input(bad)).score == D(10), bad
