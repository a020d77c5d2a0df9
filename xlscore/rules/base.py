"""What every rule kind shares: its input declaration and the contract of a kind class.

A rule kind is one frozen record (``schema.record``): its fields are the rubric parameters (``type:``
selects the class), and its methods are the single source of truth for the deduction, both as exact Python
arithmetic and as the Excel formula written into the workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from collections.abc import Iterator
from typing import Annotated, ClassVar, Union

from xlscore.rules.schema import After, invalid, param, record

#: A normalised input value: a number, a 是/否 answer, free text, or blank.
Value = Union[Decimal, bool, str, None]

YES = "是"
NO = "否"


class InputKind(str, Enum):
    """What kind of value an input cell takes."""

    WHOLE = "whole"  # a whole count >= 0
    DECIMAL = "decimal"  # a measured value (a rate in percent, seconds, ...)
    YES_NO = "yes_no"  # 是 / 否
    SCORE = "score"  # a score typed by hand (half points allowed)
    JUDGED = "judged"  # points judged within bounds: 0, or from minimum to maximum in half points
    TEXT = "text"  # free text (a reason)


class InputProblem(str, Enum):
    """Why a value is not legal for an input."""

    NOT_A_NUMBER = "not_a_number"
    NOT_WHOLE = "not_whole"
    BELOW_MINIMUM = "below_minimum"
    ABOVE_MAXIMUM = "above_maximum"
    NOT_YES_NO = "not_yes_no"
    NOT_HALF = "not_half"  # neither whole nor half points
    OUTSIDE_RANGE = "outside_range"  # neither 0 nor within [minimum, maximum]


@dataclass(frozen=True)
class InputSpec:
    """The legal values of one input cell; the generator makes it a data validation, the checker findings.

    ``minimum``/``maximum`` are inclusive; ``None`` means unbounded.
    """

    kind: InputKind
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    unit: str = ""

    def problem(self, value: Value) -> InputProblem | None:
        """Why ``value`` is illegal here, or ``None`` when it is legal (blank is legal: "missing" is the checker's)."""
        if value is None:
            return None
        if self.kind is InputKind.TEXT:
            return None
        if self.kind is InputKind.YES_NO:
            return None if isinstance(value, bool) else InputProblem.NOT_YES_NO
        if isinstance(value, bool) or not isinstance(value, Decimal):
            return InputProblem.NOT_A_NUMBER
        if not value.is_finite():
            return InputProblem.NOT_A_NUMBER
        if self.kind is InputKind.JUDGED:
            return _judged_problem(value, self.minimum, self.maximum)
        if self.kind is InputKind.WHOLE and value != value.to_integral_value():
            return InputProblem.NOT_WHOLE
        if self.minimum is not None and value < self.minimum:
            return InputProblem.BELOW_MINIMUM
        if self.maximum is not None and value > self.maximum:
            return InputProblem.ABOVE_MAXIMUM
        return None


def _judged_problem(value: Decimal, low: Decimal | None, high: Decimal | None) -> InputProblem | None:
    """0 deducts nothing; any other value must be whole or half points within [low, high]."""
    if value == 0:
        return None
    if (value * 2) != (value * 2).to_integral_value():
        return InputProblem.NOT_HALF
    if (low is not None and value < low) or (high is not None and value > high):
        return InputProblem.OUTSIDE_RANGE
    return None


#: Month rows a monthly rule offers: blank months beyond the item's minimum are not missing.
MAX_MONTHS = 12

#: Upper bound for a count of occurrences: generous, but stops a typo such as a year or a phone number.
MAX_COUNT = Decimal(999)


@dataclass(frozen=True)
class ItemContext:
    """What a rule needs to know about the item it belongs to."""

    standard_score: Decimal
    months: int = 0  # how many months the item samples (0: it samples no months)


def number(value: Decimal) -> str:
    """A Decimal as an Excel formula literal (``2``, ``0.5``, never ``2.0`` or ``5E+1``)."""
    text = format(value.normalize(), "f")
    return text


def _normalised(value: Decimal) -> Decimal:
    return Decimal(number(value))


#: A rule parameter (points, target, step, limit): normalised on load so that ``2`` and ``2.0``
#: are the same number and give the same canonical form (and rubric sha256), written as :func:`number`.
Amount = Annotated[Decimal, After(_normalised)]


@record
class SampleMinimum:
    """A minimum sample size such as ``抽查不少于12份工单`` (min 12, unit 份工单)."""

    min: int = param(gt=0, description="the smallest sample the rubric accepts")
    unit: str = param(min_length=1, description="what is sampled, with its measure word (个录音电话, 份工单, 个月)")

    @property
    def is_months(self) -> bool:
        return self.unit in ("个月", "月")


def _clause_text(value: str) -> str:
    if not value.strip():
        raise invalid("blank_text", "clause text must not be empty")
    return value.strip()


@record
class RuleKind:
    """Base of every rule kind. Subclasses (each a ``@record``) declare ``type`` as a ``Literal`` and their parameters."""

    clause: Annotated[str, After(_clause_text)] = param(description="the clause's own text as printed (after cleaning)")
    sample: SampleMinimum | None = param(
        default=None, description="a sample minimum of this clause's own (抽查不少于12份工单)"
    )
    of_sample: bool = param(
        default=False, description="the input counts sampled things, so it may not exceed the sample size"
    )
    # Not part of the canonical form: a rubric with a pending review is refused before any form is made.
    review: str | None = param(
        default=None, exclude=True, description="what a person must check before this rule is final (set by import)"
    )

    #: A short name of the kind, in Chinese and English, for ``rubric show`` and docs.
    title: ClassVar[dict[str, str]] = {}
    #: Whether a rule-level ``sample`` minimum makes sense for this kind.
    accepts_sample: ClassVar[bool] = False
    #: Whether the kind zeroes the item when it fires (for the engine's ``zeroed`` flag).
    zero_out: ClassVar[bool] = False
    #: Whether the input is the item's score typed by hand (the rule must then stand alone).
    scored_by_hand: ClassVar[bool] = False
    #: The wording family of the input cell's validation prompt (``count``: a number of occurrences).
    prompt_key: ClassVar[str] = "count"
    #: Whether the rule adds points (加分): its deduction is negative and is added after 扣完为止.
    adds: ClassVar[bool] = False
    #: Which heading of the form's 说明 lists the rule's :meth:`guide_note` (``rounding`` or ``entry``).
    guide_topic: ClassVar[str] = "rounding"

    # --- what a kind must define -------------------------------------------------------------
    def input_spec(self, ctx: ItemContext) -> InputSpec:
        raise NotImplementedError

    def deduction(self, value: Value, ctx: ItemContext) -> Decimal:
        """Points deducted for one input (a legal value or blank); blank deducts nothing."""
        raise NotImplementedError

    def formula(self, ref: str, ctx: ItemContext) -> str:
        """The Excel formula (without ``=``) computing :meth:`deduction` from the input cell ``ref``."""
        raise NotImplementedError

    def describe(self, lang: str) -> str:
        """The rule in words, e.g. ``每次扣2分`` / ``2 points per occurrence``."""
        raise NotImplementedError

    # --- shared behaviour ----------------------------------------------------------------------
    def is_monthly(self) -> bool:
        """Whether the rule takes one value per sampled month."""
        return False

    def input_rows(self, ctx: ItemContext) -> int:
        """How many input cells the rule takes per pass: a monthly rule offers a row for every month of
        a year (at least the sample minimum), so that more months than the minimum can be recorded."""
        return max(MAX_MONTHS, ctx.months) if self.is_monthly() else 1

    def fires(self, value: Value, ctx: ItemContext) -> bool:
        """Whether the input triggers a deduction at all."""
        return self.deduction(value, ctx) > 0

    def accepts_of_sample(self) -> bool:
        """Whether ``of_sample`` (the input counts sampled things) makes sense for this kind."""
        return self.accepts_sample

    def possible_deductions(self, ctx: ItemContext) -> list[Decimal] | None:
        """Every deduction one input of this rule can make, or None when almost any can (pro rata, by hand)."""
        count = int(ctx.standard_score / self.points) + 1  # type: ignore[attr-defined]
        return [self.points * n for n in range(count + 1)]  # type: ignore[attr-defined]

    def parameter_problems(self) -> Iterator[tuple[str, str, dict[str, object]]]:
        """The kind's own rubric self-checks: (parameter, message key, values) for each problem."""
        return iter(())

    def prompt_values(self) -> dict[str, object]:
        """Extra values for the validation prompt of ``prompt_key`` (e.g. the listed elements)."""
        return {}

    def guide_note(self, lang: str) -> str | None:
        """A line for the form's 说明 about how this rule counts, where it needs one."""
        return None

    def validation_formula(self, ref: str, ctx: ItemContext) -> str | None:
        """An Excel custom-validation formula (without ``=``) for an input ``JUDGED`` kinds take, else None."""
        return None


def times_formula(points: Decimal, ref: str) -> str:
    """``points`` per unit of a numeric input; blank or text deducts nothing."""
    return f"IF(ISNUMBER({ref}),{number(points)}*{ref},0)"


def yes_formula(points_literal: str, ref: str) -> str:
    """``points_literal`` when the input is 是, else nothing."""
    return f'IF({ref}="{YES}",{points_literal},0)'
