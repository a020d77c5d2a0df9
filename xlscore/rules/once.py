"""``扣N分`` once: a one-off deduction when the fact holds (是)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal


from xlscore.rules.base import Amount, InputKind, InputSpec, ItemContext, RuleKind, Value, number, yes_formula
from xlscore.rules.schema import param, record


@record
class Once(RuleKind):
    type: Literal["once"]
    points: Amount = param(description="points deducted once when the fact holds")

    title: ClassVar[dict[str, str]] = {"zh": "一次性扣分", "en": "once"}

    def possible_deductions(self, ctx: ItemContext) -> list[Decimal] | None:
        return [Decimal(0), self.points]

    def input_spec(self, ctx: ItemContext) -> InputSpec:
        return InputSpec(InputKind.YES_NO)

    def deduction(self, value: Value, ctx: ItemContext) -> Decimal:
        return self.points if value is True else Decimal(0)

    def formula(self, ref: str, ctx: ItemContext) -> str:
        return yes_formula(number(self.points), ref)

    def describe(self, lang: str) -> str:
        if lang == "en":
            return f"{number(self.points)} points once if it happened"
        return f"发生即扣{number(self.points)}分"
