"""The rule kinds, one class each, selected by ``type:`` in the rubric."""

from __future__ import annotations

from typing import Annotated, Union

from xlscore.rules.base import (
    NO,
    YES,
    InputKind,
    InputProblem,
    InputSpec,
    ItemContext,
    RuleKind,
    SampleMinimum,
    Value,
)
from xlscore.rules.below_target import BelowTarget
from xlscore.rules.bonus import Bonus
from xlscore.rules.capped import CappedPerOccurrence
from xlscore.rules.manual import Manual
from xlscore.rules.once import Once
from xlscore.rules.per_missing import PerMissing
from xlscore.rules.per_occurrence import PerOccurrence
from xlscore.rules.ranged import RangeDeduction
from xlscore.rules.schema import Tagged
from xlscore.rules.threshold import ThresholdZeroOut
from xlscore.rules.zero_out import ZeroOut

KINDS: dict[str, type[RuleKind]] = {
    "per_occurrence": PerOccurrence,
    "capped_per_occurrence": CappedPerOccurrence,
    "per_missing": PerMissing,
    "once": Once,
    "zero_out": ZeroOut,
    "below_target": BelowTarget,
    "threshold_zero_out": ThresholdZeroOut,
    "manual": Manual,
    "range": RangeDeduction,
    "bonus": Bonus,
}

Rule = Annotated[
    Union[PerOccurrence, CappedPerOccurrence, PerMissing, Once, ZeroOut, BelowTarget, ThresholdZeroOut, Manual,
          RangeDeduction, Bonus],
    Tagged("type"),
]

__all__ = [
    "KINDS",
    "NO",
    "YES",
    "BelowTarget",
    "Bonus",
    "CappedPerOccurrence",
    "InputKind",
    "InputProblem",
    "InputSpec",
    "ItemContext",
    "Manual",
    "Once",
    "PerMissing",
    "PerOccurrence",
    "RangeDeduction",
    "Rule",
    "RuleKind",
    "SampleMinimum",
    "ThresholdZeroOut",
    "Value",
    "ZeroOut",
]
