"""``视情况扣1～3分``: a deduction the auditor judges within bounds.

The auditor types the points deducted: 0 (or blank) deducts nothing; any other value must lie
within [min, max] in whole or half points. ``每处扣1-2分`` (a range per occurrence, ``unit`` set)
records the total for all occurrences: 0, or from min up to the larger of max and the item's
标准分 (or up to ``cap``, 每处扣1-2分,最多扣5分), in half points (the count itself is not recorded;
the 说明 column says how it was made up).
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Iterator, Literal

from xlscore.rules.base import Amount, InputKind, InputSpec, ItemContext, RuleKind, Value, number
from xlscore.rules.schema import param, record

HALF = Decimal("0.5")


@record
class RangeDeduction(RuleKind):
    type: Literal["range"]
    min: Amount = param(description="the least points one deduction takes (扣1-3分: 1)")
    max: Amount = param(description="the most points one deduction takes (扣1-3分: 3)")
    unit: str | None = param(
        default=None, min_length=1,
        description="每处扣1-2分: the measure word of one occurrence; the input is then the total of all occurrences",
    )
    cap: Amount | None = param(default=None, description="每处扣1-2分,最多扣5分: the most the total may be (with ``unit``)")

    title: ClassVar[dict[str, str]] = {"zh": "范围内酌情扣分", "en": "judged within a range"}
    prompt_key: ClassVar[str] = "judged"
    guide_topic: ClassVar[str] = "entry"

    def parameter_problems(self) -> Iterator[tuple[str, str, dict[str, object]]]:
        if self.max <= 0:
            yield "max", "points_not_positive", {"value": number(self.max)}
        if self.min < 0 or self.min > self.max:
            yield "min", "range_inverted", {"low": number(self.min), "high": number(self.max)}
        for key, value in (("min", self.min), ("max", self.max), ("cap", self.cap)):
            if value is not None and value * 2 != (value * 2).to_integral_value():
                yield key, "range_not_half", {"value": number(value)}
        if self.cap is not None and (self.unit is None or self.cap < self.max):
            yield "cap", "range_cap_unusable", {"cap": number(self.cap), "high": number(self.max)}

    def highest(self, ctx: ItemContext) -> Decimal:
        """The largest legal input: ``max``; for a per-occurrence range its ``cap``, else the larger of max and 标准分."""
        if self.unit is None:
            return self.max
        return self.cap if self.cap is not None else max(self.max, ctx.standard_score)

    def possible_deductions(self, ctx: ItemContext) -> list[Decimal] | None:
        if self.unit is not None or self.min < 0 or self.max < self.min:
            return None
        low = max(self.min, HALF)
        steps = int((self.max - low) / HALF) + 1
        return [Decimal(0)] + [low + HALF * n for n in range(steps)]

    def input_spec(self, ctx: ItemContext) -> InputSpec:
        return InputSpec(InputKind.JUDGED, self.min, self.highest(ctx), "分")

    def deduction(self, value: Value, ctx: ItemContext) -> Decimal:
        return value if isinstance(value, Decimal) and not isinstance(value, bool) else Decimal(0)

    def formula(self, ref: str, ctx: ItemContext) -> str:
        return f"IF(ISNUMBER({ref}),{ref},0)"

    def validation_formula(self, ref: str, ctx: ItemContext) -> str:
        """An Excel custom-validation formula (without ``=``): 0, or min–max in half points."""
        return (f"AND(ISNUMBER({ref}),OR({ref}=0,AND({ref}>={number(self.min)},{ref}<={number(self.highest(ctx))},"
                f"MOD({ref}*2,1)=0)))")

    def prompt_values(self) -> dict[str, object]:
        return {"low": number(self.min), "high": number(self.max), "each": self.unit or ""}

    def describe(self, lang: str) -> str:
        low, high = number(self.min), number(self.max)
        if lang == "en":
            per = f" per {self.unit}, the total entered" if self.unit else ""
            capped = f", at most {number(self.cap)}" if self.cap is not None else ""
            return f"{low}–{high} points as judged{per}{capped}"
        capped = f",最多扣{number(self.cap)}分" if self.cap is not None else ""
        return f"每{self.unit}扣{low}–{high}分(录入合计){capped}" if self.unit else f"视情况扣{low}–{high}分"

    def guide_note(self, lang: str) -> str | None:
        low, high = number(self.min), number(self.max)
        cap = number(self.cap) if self.cap is not None else None
        if lang == "en":
            each = f"the sum for all {self.unit}, each {low}–{high} points" if self.unit else f"from {low} to {high}"
            each += f", at most {cap} in all" if cap and self.unit else ""
            return f"enter the points deducted: 0 if none, otherwise {each}; whole or half points"
        each = f"各{self.unit}扣分之和(每{self.unit} {low}–{high} 分)" if self.unit else f"{low} 至 {high} 分"
        each += f",合计最多 {cap} 分" if cap and self.unit else ""
        return f"录入实际扣的分数:不扣填 0,否则填{each},可有半分"
