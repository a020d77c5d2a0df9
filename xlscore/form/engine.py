"""The rule engine: an item's deductions and score for one pass, and the totals above it.

Exact ``Decimal`` arithmetic throughout. The Excel formulas for the same numbers come from the
same places (the rule kinds, and :func:`item_score_formula` here), so they cannot drift apart.

Item score = 标准分 − Σ deductions, never below 0 (扣完为止) and never above 标准分; a zero-out
rule deducts the whole 标准分, so a fired zero-out always gives 0 before any bonus. A bonus rule
(``加2分/次,最多加5分``) is a negative deduction added after that floor, so an item with a bonus
may score above its 标准分 (by at most its bonus caps), also when a zero-out fired. An exempted item scores its
标准分 (policy ``full_score``) or leaves the total (policy ``excluded``: it scores 0 and its 标准分
leaves the applicable maximum). An input that is not legal for its rule deducts nothing here: the
checker reports the input itself, and :mod:`xlscore.form.recompute` marks what depends on it as
not computable. Group, section and grand totals are the sum tree's (:mod:`xlscore.form.sumtree`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping

from xlscore.rubric.model import ExemptionPolicy, Item
from xlscore.rules import YES, Value
from xlscore.rules.base import number

#: (rule index, month index), both 0-based; month index is 0 for a rule that is not monthly.
RowKey = tuple[int, int]
ZERO = Decimal(0)


def row_keys(item: Item) -> list[RowKey]:
    """Every input of the item's rules, in printed order."""
    ctx = item.context()
    return [(r, m) for r, rule in enumerate(item.rules) for m in range(rule.input_rows(ctx))]


@dataclass(frozen=True)
class ItemScore:
    """One item's result for one pass."""

    standard_score: Decimal
    deductions: dict[RowKey, Decimal]
    score: Decimal
    zeroed: bool = False
    exempt: bool = False
    excluded: bool = False

    @property
    def total_deduction(self) -> Decimal:
        return sum(self.deductions.values(), ZERO)

    @property
    def applicable(self) -> Decimal:
        """The 标准分 this item contributes to the attainable maximum."""
        return ZERO if self.excluded else self.standard_score


def score_item(
    item: Item, values: Mapping[RowKey, Value], *, exempt: bool = False, policy: ExemptionPolicy = "full_score"
) -> ItemScore:
    """Deductions and score of ``item`` from normalised inputs (missing keys are blank)."""
    ctx = item.context()
    deductions: dict[RowKey, Decimal] = {}
    zeroed = False
    for r, m in row_keys(item):
        rule = item.rules[r]
        value = values.get((r, m))
        if rule.input_spec(ctx).problem(value) is not None:
            value = None
        deductions[(r, m)] = rule.deduction(value, ctx)
        zeroed = zeroed or (rule.zero_out and deductions[(r, m)] > 0)
    if exempt:
        excluded = policy == "excluded"
        score = ZERO if excluded else item.score
        return ItemScore(item.score, deductions, score, zeroed=False, exempt=True, excluded=excluded)
    score = net_score(item.score, deductions.values(), adds=has_bonus(item))
    return ItemScore(item.score, deductions, score, zeroed=zeroed)


def has_bonus(item: Item) -> bool:
    """Whether any rule of the item adds points (its score is then :func:`net_score` with ``adds``)."""
    return any(rule.adds for rule in item.rules)


def net_score(standard_score: Decimal, deductions: Iterable[Decimal], *, adds: bool) -> Decimal:
    """The item score from its deductions: 扣完为止 within [0, 标准分], then, for an item with a bonus
    rule (``adds``), the negative deductions (the bonus) added on top. The same as :func:`item_score_formula`."""
    values = list(deductions)
    if not adds:
        return clamp(standard_score - sum(values, ZERO), standard_score)
    lost = sum((d for d in values if d > 0), ZERO)
    gained = -sum((d for d in values if d < 0), ZERO)
    return clamp(standard_score - lost, standard_score) + gained


def clamp(value: Decimal, standard_score: Decimal) -> Decimal:
    """扣完为止: keep a score within [0, 标准分]."""
    return min(standard_score, max(ZERO, value))


def item_score_formula(item: Item, deduction_range: str, exempt_ref: str | None, policy: ExemptionPolicy) -> str:
    """Excel formula (without ``=``) for the item score from its deduction cells and exemption input."""
    std = number(item.score)
    plain = f"MIN({std},MAX(0,{std}-SUM({deduction_range})))"
    if has_bonus(item):
        plain = f'MIN({std},MAX(0,{std}-SUMIF({deduction_range},">0")))-SUMIF({deduction_range},"<0")'
    if exempt_ref is None:
        return plain
    exempted = "0" if policy == "excluded" else std
    return f'IF({exempt_ref}="{YES}",{exempted},{plain})'


def reachable_scores(item: Item) -> set[Decimal] | None:
    """Every score the item's rules can produce, or None when (almost) any score can (pro rata, manual)."""
    std = item.score
    pairs: set[tuple[Decimal, Decimal]] = {(ZERO, ZERO)}  # (points lost, capped at 标准分; points gained)
    ctx = item.context()
    for rule in item.rules:
        steps = rule.possible_deductions(ctx)
        if steps is None:
            return None
        pairs = {(min(std, lost + max(s, ZERO)), gained - min(s, ZERO)) for lost, gained in pairs for s in steps}
    return {clamp(std - lost, std) + gained for lost, gained in pairs}
