"""A score given by hand: no deduction rule, the score is checked for range only."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from xlscore.rules.base import InputKind, InputSpec, ItemContext, RuleKind, Value, number
from xlscore.rules.schema import record


@record
class Manual(RuleKind):
    type: Literal["manual"]

    title: ClassVar[dict[str, str]] = {"zh": "人工评分", "en": "manual"}
    scored_by_hand: ClassVar[bool] = True
    prompt_key: ClassVar[str] = "score"

    def possible_deductions(self, ctx: ItemContext) -> list[Decimal] | None:
        return None

    def input_spec(self, ctx: ItemContext) -> InputSpec:
        return InputSpec(InputKind.SCORE, Decimal(0), ctx.standard_score, "分")

    def deduction(self, value: Value, ctx: ItemContext) -> Decimal:
        # The typed score is expressed as the deduction that leads to it; blank deducts nothing.
        return ctx.standard_score - value if isinstance(value, Decimal) else Decimal(0)

    def formula(self, ref: str, ctx: ItemContext) -> str:
        return f"IF(ISNUMBER({ref}),{number(ctx.standard_score)}-{ref},0)"

    def describe(self, lang: str) -> str:
        return "score given by hand" if lang == "en" else "按实际情况人工评分"
