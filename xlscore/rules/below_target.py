"""``…每下降X个百分点扣N分``: N points per step of X percentage points short of a target.

With ``monthly: true`` there is one measured value per sampled month and each month is
deducted on its own. How a part step counts is the rubric's ``rounding``:

- ``floor``: only whole steps count (a shortfall of 19 with steps of 10 is 1 step);
- ``ceil``: any part of a step counts as a step (19 → 2 steps, 0.1 → 1 step);
- ``proportional``: the exact fraction, deduction rounded to 0.01 point (19 → 1.9 steps).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from collections.abc import Iterator
from typing import ClassVar, Literal


from xlscore.rules.base import Amount, InputKind, InputSpec, ItemContext, RuleKind, Value, number
from xlscore.rules.schema import param, record

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
#: Digits a quotient is rounded to in Excel before FLOOR/CEILING, so binary noise in
#: ``(85-74.9)/10`` cannot push an exact step boundary to the wrong side.
GUARD_DIGITS = 9

ROUNDING_TEXT = {
    "floor": {"zh": "不足一档不扣", "en": "part steps do not count"},
    "ceil": {"zh": "不足一档按一档扣", "en": "a part step counts as a step"},
    "proportional": {"zh": "按比例扣(保留两位小数)", "en": "pro rata, to 0.01 point"},
}


def _guard(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-GUARD_DIGITS), ROUND_HALF_UP)


@record
class BelowTarget(RuleKind):
    type: Literal["below_target"]
    target: Amount = param(description="the target, in percent (85 for 85%)")
    step: Amount = param(description="percentage points per step of shortfall")
    points: Amount = param(description="points deducted per step")
    rounding: Literal["floor", "ceil", "proportional"] = param(description="how a part step counts")
    direction: Literal["at_least", "at_most"] = param(
        default="at_least", description="at_least: the value should reach the target; at_most: stay under it"
    )
    monthly: bool = param(default=False, description="one value per sampled month, each deducted on its own")

    title: ClassVar[dict[str, str]] = {"zh": "未达标按档扣分", "en": "below target"}
    accepts_sample: ClassVar[bool] = True

    def possible_deductions(self, ctx: ItemContext) -> list[Decimal] | None:
        return None if self.rounding == "proportional" else super().possible_deductions(ctx)

    def parameter_problems(self) -> Iterator[tuple[str, str, dict[str, object]]]:
        if not Decimal(0) <= self.target <= Decimal(100):
            yield "target", "percent_out_of_range", {"value": number(self.target)}
        if self.step <= 0:
            yield "step", "step_not_positive", {"value": number(self.step)}

    def guide_note(self, lang: str) -> str | None:
        return ROUNDING_TEXT[self.rounding]["en" if lang == "en" else "zh"]

    def is_monthly(self) -> bool:
        return self.monthly

    def input_spec(self, ctx: ItemContext) -> InputSpec:
        return InputSpec(InputKind.DECIMAL, Decimal(0), HUNDRED, "%")

    def shortfall(self, value: Decimal) -> Decimal:
        gap = self.target - value if self.direction == "at_least" else value - self.target
        return max(Decimal(0), gap)

    def deduction(self, value: Value, ctx: ItemContext) -> Decimal:
        if not isinstance(value, Decimal) or isinstance(value, bool):
            return Decimal(0)
        # The same guard as the formula: the quotient rounded to GUARD_DIGITS (half away from zero,
        # as Excel's ROUND) before the step is taken, so engine and workbook agree for every input.
        if self.rounding == "proportional":
            return _guard(self.points * self.shortfall(value) / self.step).quantize(CENT, ROUND_HALF_UP)
        steps = _guard(self.shortfall(value) / self.step)
        mode = ROUND_FLOOR if self.rounding == "floor" else ROUND_CEILING
        return self.points * steps.to_integral_value(mode)

    def formula(self, ref: str, ctx: ItemContext) -> str:
        gap = f"{number(self.target)}-{ref}" if self.direction == "at_least" else f"{ref}-{number(self.target)}"
        shortfall = f"MAX(0,{gap})"
        pts, step = number(self.points), number(self.step)
        if self.rounding == "proportional":
            body = f"ROUND(ROUND({pts}*{shortfall}/{step},{GUARD_DIGITS}),2)"
        elif self.rounding == "floor":
            body = f"{pts}*INT(ROUND({shortfall}/{step},{GUARD_DIGITS}))"
        else:
            body = f"{pts}*ROUNDUP(ROUND({shortfall}/{step},{GUARD_DIGITS}),0)"
        return f"IF(ISNUMBER({ref}),{body},0)"

    def describe(self, lang: str) -> str:
        t, s, p = number(self.target), number(self.step), number(self.points)
        how = ROUNDING_TEXT[self.rounding][lang if lang in ("zh", "en") else "zh"]
        if lang == "en":
            side = "below" if self.direction == "at_least" else "above"
            each = "each month, " if self.monthly else ""
            return f"{each}{p} points per {s} percentage points {side} {t}% ({how})"
        side = "低于" if self.direction == "at_least" else "高于"
        each = "每月" if self.monthly else ""
        return f"{each}{side}{t}%时每{s}个百分点扣{p}分({how})"
