"""The defined names of the form: one per input and computed cell, so the reader finds cells after rows
are inserted, moved or sorted.

Defined names (all workbook-level, all prefixed ``XS_``; ``{s}`` section id, ``{i}`` item 序号
with ``.`` → ``_``, ``{r}`` rule number from 1, ``{m}`` month number from 1, ``{P}`` ``SELF`` or
``ASSESS``):

=========================================  ==========================================
``XS_S{s}_I{i}_R{r}[_M{m}]_{P}_IN``        an input (count, 是/否, rate, score)
``XS_S{s}_I{i}_R{r}[_M{m}]_{P}_DED``       its deduction (formula)
``XS_S{s}_I{i}[_R{r}]_{P}_SAMPLE``         a sample size (item's, or one clause's own)
``XS_S{s}_I{i}_{P}_EXEMPT`` / ``_REASON``  exemption 是/否 and its reason
``XS_S{s}_I{i}_{P}_SCORE``                 the item score (formula)
``XS_S{s}_I{i}_R{r}[_M{m}]_{P}_REMARK``    自查说明 / 考评说明 of a rule row (one per pass)
``XS_S{s}_I{i}_STD`` / ``_TEXT``           标准分 and 评分规定 as generated (rubric text)
``XS_S{s}_I{i}_R{r}[_M{m}]_CLAUSE``        扣分标准 of a rule row (rubric text)
``XS_S{s}_G{g}_{P}_SUBTOTAL``              a group subtotal (formula)
``XS_S{s}_{P}_TOTAL``                      a section total (formula)
``XS_SUM_S{s}_{P}`` / ``XS_SUM_{P}``       汇总: per section / grand total (formula)
``XS_SUM_S{s}_DIFF`` / ``XS_SUM_DIFF``     汇总: 考评 − 自查 (formula)
``XS_COVER_{FIELD}``                       封面 inputs (UNIT, PERIOD, SELF_BY, …)
=========================================  ==========================================
"""

from __future__ import annotations

import functools
from enum import Enum

PASS_CODE = {"self_check": "SELF", "assessed": "ASSESS"}


class SlotKind(str, Enum):
    INPUT = "input"
    DEDUCTION = "deduction"
    SAMPLE = "sample"
    EXEMPT = "exempt"
    REASON = "reason"
    ITEM_SCORE = "item_score"
    REMARK = "remark"
    STANDARD = "standard"
    TEXT = "text"
    CLAUSE = "clause"
    SUBTOTAL = "subtotal"
    SECTION_TOTAL = "section_total"
    SUMMARY = "summary"
    SUMMARY_DIFF = "summary_diff"
    COVER = "cover"

    @property
    def is_input(self) -> bool:
        return self in _INPUT_KINDS

    @property
    def is_computed(self) -> bool:
        return self in _COMPUTED_KINDS


_INPUT_KINDS = frozenset({SlotKind.INPUT, SlotKind.SAMPLE, SlotKind.EXEMPT, SlotKind.REASON, SlotKind.REMARK,
                          SlotKind.COVER})
_COMPUTED_KINDS = frozenset({SlotKind.DEDUCTION, SlotKind.ITEM_SCORE, SlotKind.SUBTOTAL, SlotKind.SECTION_TOTAL,
                             SlotKind.SUMMARY, SlotKind.SUMMARY_DIFF})


def _token(serial: str) -> str:
    return serial.replace(".", "_")


@functools.lru_cache(maxsize=1 << 16)  # the check asks for the same few thousand names for every file
def slot_name(
    kind: SlotKind,
    *,
    section: str | None = None,
    item: str | None = None,
    rule: int | None = None,
    month: int | None = None,
    pass_key: str | None = None,
    group: str | None = None,
    cover_field: str | None = None,
) -> str:
    """The defined name of a slot (see the module docstring); ``rule``/``month`` are 0-based here."""
    parts = ["XS"]
    if kind is SlotKind.COVER:
        return f"XS_COVER_{cover_field}"
    if kind in (SlotKind.SUMMARY, SlotKind.SUMMARY_DIFF):
        parts.append("SUM")
        if section is not None:
            parts.append(f"S{section}")
        parts.append("DIFF" if kind is SlotKind.SUMMARY_DIFF else PASS_CODE[pass_key or ""])
        return "_".join(parts)
    parts.append(f"S{section}")
    if group is not None:
        parts.append(f"G{_token(group)}")
    if item is not None:
        parts.append(f"I{_token(item)}")
    if rule is not None:
        parts.append(f"R{rule + 1}")
    if month is not None:
        parts.append(f"M{month + 1}")
    if pass_key is not None:
        parts.append(PASS_CODE[pass_key])
    suffix = {
        SlotKind.INPUT: "IN", SlotKind.DEDUCTION: "DED", SlotKind.SAMPLE: "SAMPLE", SlotKind.EXEMPT: "EXEMPT",
        SlotKind.REASON: "REASON", SlotKind.ITEM_SCORE: "SCORE", SlotKind.REMARK: "REMARK", SlotKind.STANDARD: "STD",
        SlotKind.TEXT: "TEXT", SlotKind.CLAUSE: "CLAUSE", SlotKind.SUBTOTAL: "SUBTOTAL", SlotKind.SECTION_TOTAL: "TOTAL",
    }[kind]
    parts.append(suffix)
    return "_".join(parts)
