"""``此项不得分``: the item scores 0 when the condition holds (是).

Its deduction is the whole 标准分, so "score = 标准分 − Σ deductions, floored at 0" yields 0 with
no special case in the item formula.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from xlscore.rules.base import InputKind, InputSpec, ItemContext, RuleKind, Value, number, yes_formula
from xlscore.rules.schema import record


@record
class ZeroOut(RuleKind):
    type: Literal["zero_out"]

    title: ClassVar[dict[str, str]] = {"zh": "此项不得分", "en": "zero-out"}
    zero_out: ClassVar[bool] = True

    def possible_deductions(self, ctx: ItemContext) -> list[Decimal] | None:
        return [Decimal(0), ctx.standard_score]

    def input_spec(self, ctx: ItemContext) -> InputSpec:
        return InputSpec(InputKind.YES_NO)

    def deduction(self, value: Value, ctx: ItemContext) -> Decimal:
        return ctx.standard_score if value is True else Decimal(0)

    def formula(self, ref: str, ctx: ItemContext) -> str:
        return yes_formula(number(ctx.standard_score), ref)

    def describe(self, lang: str) -> str:
        return "the item scores 0 if it happened" if lang == "en" else "发生则此项不得分"
