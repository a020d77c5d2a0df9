"""``月…未达到要求,此项不得分``: the item scores 0 if any sampled month misses a threshold."""

from __future__ import annotations

import operator
from decimal import Decimal
from collections.abc import Iterator
from typing import ClassVar, Literal


from xlscore.rules.base import Amount, InputKind, InputSpec, ItemContext, RuleKind, Value, number
from xlscore.rules.schema import param, record

#: comparison name → (Python operator, Excel operator, Chinese, English)
COMPARISONS = {
    "le": (operator.le, "<=", "≤", "at most"),
    "lt": (operator.lt, "<", "<", "below"),
    "ge": (operator.ge, ">=", "≥", "at least"),
    "gt": (operator.gt, ">", ">", "above"),
}


@record
class ThresholdZeroOut(RuleKind):
    type: Literal["threshold_zero_out"]
    limit: Amount = param(description="the threshold a month's value must meet")
    compare: Literal["le", "lt", "ge", "gt"] = param(description="how the value must compare with the limit")
    unit: str = param(default="%", description="the value's unit: % (then 0–100) or 秒 …")

    title: ClassVar[dict[str, str]] = {"zh": "月度未达标不得分", "en": "threshold zero-out"}
    zero_out: ClassVar[bool] = True

    def parameter_problems(self) -> Iterator[tuple[str, str, dict[str, object]]]:
        if self.unit == "%" and not Decimal(0) <= self.limit <= Decimal(100):
            yield "limit", "percent_out_of_range", {"value": number(self.limit)}

    def possible_deductions(self, ctx: ItemContext) -> list[Decimal] | None:
        return [Decimal(0), ctx.standard_score]

    def is_monthly(self) -> bool:
        return True

    def input_spec(self, ctx: ItemContext) -> InputSpec:
        top = Decimal(100) if self.unit == "%" else None
        return InputSpec(InputKind.DECIMAL, Decimal(0), top, self.unit)

    def meets(self, value: Decimal) -> bool:
        return COMPARISONS[self.compare][0](value, self.limit)

    def deduction(self, value: Value, ctx: ItemContext) -> Decimal:
        if not isinstance(value, Decimal) or isinstance(value, bool) or self.meets(value):
            return Decimal(0)
        return ctx.standard_score

    def formula(self, ref: str, ctx: ItemContext) -> str:
        op = COMPARISONS[self.compare][1]
        return f"IF(ISNUMBER({ref}),IF({ref}{op}{number(self.limit)},0,{number(ctx.standard_score)}),0)"

    def describe(self, lang: str) -> str:
        _, _, zh, en = COMPARISONS[self.compare]
        limit = f"{number(self.limit)}{self.unit}"
        if lang == "en":
            return f"the item scores 0 unless every sampled month is {en} {limit}"
        return f"任一抽查月未达到{zh}{limit},此项不得分"
