"""``扣N分/次,最多扣M分``: N points for every occurrence, this clause's deductions stopping at M.

The item as a whole already stops at 0 (扣完为止); a cap below the item's 标准分 limits one clause.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Iterator, Literal


from xlscore.rules.base import MAX_COUNT, Amount, InputKind, InputSpec, ItemContext, RuleKind, Value, number
from xlscore.rules.schema import param, record


@record
class CappedPerOccurrence(RuleKind):
    type: Literal["capped_per_occurrence"]
    points: Amount = param(description="points deducted per occurrence")
    unit: str = param(default="次", min_length=1, description="the measure word of one occurrence (次, 处, 单, 条…)")
    cap: Amount = param(description="the most this clause deducts in all (最多扣M分)")

    title: ClassVar[dict[str, str]] = {"zh": "按次扣分(有上限)", "en": "per occurrence, capped"}
    accepts_sample: ClassVar[bool] = True

    def parameter_problems(self) -> Iterator[tuple[str, str, dict[str, object]]]:
        if self.cap <= 0:
            yield "cap", "points_not_positive", {"value": number(self.cap)}

    def possible_deductions(self, ctx: ItemContext) -> list[Decimal] | None:
        if self.points <= 0:
            return None
        count = int(self.cap / self.points) + 1
        return sorted({min(self.cap, self.points * n) for n in range(count + 1)})

    def input_spec(self, ctx: ItemContext) -> InputSpec:
        return InputSpec(InputKind.WHOLE, Decimal(0), MAX_COUNT, self.unit)

    def deduction(self, value: Value, ctx: ItemContext) -> Decimal:
        if not isinstance(value, Decimal) or isinstance(value, bool):
            return Decimal(0)
        return min(self.cap, self.points * value)

    def formula(self, ref: str, ctx: ItemContext) -> str:
        return f"IF(ISNUMBER({ref}),MIN({number(self.cap)},{number(self.points)}*{ref}),0)"

    def describe(self, lang: str) -> str:
        if lang == "en":
            return f"{number(self.points)} points per {self.unit}, at most {number(self.cap)}"
        return f"扣{number(self.points)}分/{self.unit},最多扣{number(self.cap)}分"
