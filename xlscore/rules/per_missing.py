"""``每缺1项扣N分`` / ``…,各扣N分``: N points for every listed element that is missing."""

from __future__ import annotations

from decimal import Decimal
from collections.abc import Iterator
from typing import ClassVar, Literal


from xlscore.rules.base import Amount, InputKind, InputSpec, ItemContext, RuleKind, Value, number, times_formula
from xlscore.rules.schema import param, record


@record
class PerMissing(RuleKind):
    type: Literal["per_missing"]
    points: Amount = param(description="points deducted per missing element")
    elements: list[str] = param(description="the elements the rubric requires, as listed")

    title: ClassVar[dict[str, str]] = {"zh": "按缺项扣分", "en": "per missing element"}
    prompt_key: ClassVar[str] = "missing"

    def accepts_of_sample(self) -> bool:
        return True

    def possible_deductions(self, ctx: ItemContext) -> list[Decimal] | None:
        return [self.points * n for n in range(len(self.elements) * self.input_rows(ctx) + 1)]

    def parameter_problems(self) -> Iterator[tuple[str, str, dict[str, object]]]:
        if not self.elements:
            yield "elements", "no_elements", {}
        for element in {e for e in self.elements if self.elements.count(e) > 1}:
            yield "elements", "duplicate_element", {"element": element}

    def prompt_values(self) -> dict[str, object]:
        return {"elements": "、".join(self.elements)}

    def input_spec(self, ctx: ItemContext) -> InputSpec:
        return InputSpec(InputKind.WHOLE, Decimal(0), Decimal(len(self.elements)), "项")

    def deduction(self, value: Value, ctx: ItemContext) -> Decimal:
        return self.points * value if isinstance(value, Decimal) else Decimal(0)

    def formula(self, ref: str, ctx: ItemContext) -> str:
        return times_formula(self.points, ref)

    def describe(self, lang: str) -> str:
        n = len(self.elements)
        if lang == "en":
            return f"{number(self.points)} points per missing element (of {n})"
        return f"每缺1项扣{number(self.points)}分(共{n}项)"
