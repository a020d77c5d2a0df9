"""``获省级表彰加2分/次,最多加5分``: points added for every occurrence, this clause's bonus stopping at its cap.

A bonus is a negative deduction. The item score is 标准分 − Σ deductions floored at 0 (扣完为止)
first, then every bonus added on top, so an item with a bonus may score above its 标准分 by at most
the sum of its bonus caps (see :func:`xlscore.form.engine.net_score`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Iterator, Literal

from xlscore.rules.base import MAX_COUNT, Amount, InputKind, InputSpec, ItemContext, RuleKind, Value, number
from xlscore.rules.schema import param, record


@record
class Bonus(RuleKind):
    type: Literal["bonus"]
    points: Amount = param(description="points added per occurrence")
    unit: str = param(default="次", min_length=1, description="the measure word of one occurrence (次, 项, 人次…)")
    cap: Amount = param(description="the most this clause adds in all (最多加M分)")

    title: ClassVar[dict[str, str]] = {"zh": "加分(有上限)", "en": "bonus, capped"}
    accepts_sample: ClassVar[bool] = False
    prompt_key: ClassVar[str] = "bonus"
    adds: ClassVar[bool] = True
    guide_topic: ClassVar[str] = "entry"

    def parameter_problems(self) -> Iterator[tuple[str, str, dict[str, object]]]:
        if self.cap <= 0:
            yield "cap", "points_not_positive", {"value": number(self.cap)}

    def gained(self, value: Value) -> Decimal:
        """Points added for one input (a legal count or blank)."""
        if not isinstance(value, Decimal) or isinstance(value, bool):
            return Decimal(0)
        return min(self.cap, self.points * value)

    def possible_deductions(self, ctx: ItemContext) -> list[Decimal] | None:
        if self.points <= 0 or self.cap <= 0:
            return None
        count = int(self.cap / self.points) + 1
        return sorted({-min(self.cap, self.points * n) for n in range(count + 1)})

    def input_spec(self, ctx: ItemContext) -> InputSpec:
        return InputSpec(InputKind.WHOLE, Decimal(0), MAX_COUNT, self.unit)

    def deduction(self, value: Value, ctx: ItemContext) -> Decimal:
        return -self.gained(value)

    def formula(self, ref: str, ctx: ItemContext) -> str:
        return f"IF(ISNUMBER({ref}),-MIN({number(self.cap)},{number(self.points)}*{ref}),0)"

    def prompt_values(self) -> dict[str, object]:
        return {"points": number(self.points), "cap": number(self.cap)}

    def describe(self, lang: str) -> str:
        if lang == "en":
            return f"adds {number(self.points)} points per {self.unit}, at most {number(self.cap)}"
        return f"加{number(self.points)}分/{self.unit},最多加{number(self.cap)}分"

    def guide_note(self, lang: str) -> str | None:
        points, cap = number(self.points), number(self.cap)
        if lang == "en":
            return (f"enter how many {self.unit} earn the bonus (0 if none): {points} points each, at most {cap} in all; "
                    "the 扣分 cell shows the bonus as a negative deduction, added after 扣完为止, so the item may "
                    "score above its 标准分")
        return (f"录入获得加分的{self.unit}数(没有填 0):每{self.unit}加{points}分,最多加{cap}分;"
                "扣分栏以负数显示加分,加分在扣完为止之后计入,本项得分可超过标准分")
