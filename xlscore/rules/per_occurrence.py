"""``扣N分/次``: N points for every recorded occurrence (次/处/单/条/人次/班次/户/项…)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal


from xlscore.rules.base import MAX_COUNT, Amount, InputKind, InputSpec, ItemContext, RuleKind, Value, number, times_formula
from xlscore.rules.schema import param, record


@record
class PerOccurrence(RuleKind):
    type: Literal["per_occurrence"]
    points: Amount = param(description="points deducted per occurrence")
    unit: str = param(default="次", min_length=1, description="the measure word of one occurrence (次, 处, 单, 条…)")

    title: ClassVar[dict[str, str]] = {"zh": "按次扣分", "en": "per occurrence"}
    accepts_sample: ClassVar[bool] = True

    def input_spec(self, ctx: ItemContext) -> InputSpec:
        return InputSpec(InputKind.WHOLE, Decimal(0), MAX_COUNT, self.unit)

    def deduction(self, value: Value, ctx: ItemContext) -> Decimal:
        return self.points * value if isinstance(value, Decimal) else Decimal(0)

    def formula(self, ref: str, ctx: ItemContext) -> str:
        return times_formula(self.points, ref)

    def describe(self, lang: str) -> str:
        if lang == "en":
            return f"{number(self.points)} points per {self.unit}"
        return f"扣{number(self.points)}分/{self.unit}"
