"""Targets and limits stated in the 考核内容: ``应≥85%``, ``控制在150秒以内``, ``小于3%``."""

from __future__ import annotations

import re
from decimal import Decimal

from xlscore.rubric.importer.notes import Note, note
from xlscore.rubric.importer.numbers import NUMBER, to_decimal

#: word before the number → comparison a value must meet
BEFORE = {
    "≤": "le", "<=": "le", "不超过": "le", "不大于": "le", "不高于": "le", "控制在": "le", "不多于": "le",
    "小于": "lt", "低于": "lt", "<": "lt", "少于": "lt",
    "≥": "ge", ">=": "ge", "不低于": "ge", "不少于": "ge", "达到": "ge", "应达": "ge", "大于等于": "ge",
    "大于": "gt", "高于": "gt", ">": "gt", "超过": "gt", "多于": "gt",
}
AFTER = {"以内": "le", "以下": "le", "及以下": "le", "以上": "ge", "及以上": "ge"}
LIMIT = re.compile(
    "(" + "|".join(sorted(map(re.escape, BEFORE), key=len, reverse=True)) + r")?"
    rf"({NUMBER})(%|秒|s|分钟|小时|天|个工作日|次)"
    "(" + "|".join(sorted(AFTER, key=len, reverse=True)) + ")?"
)
UNIT_NAMES = {"s": "秒"}


def _limits(text: str) -> list[tuple[Decimal, str, str]]:
    found = []
    for match in LIMIT.finditer(text):
        before, value, unit, after = match.groups()
        compare = BEFORE.get(before or "") or AFTER.get(after or "")
        amount = to_decimal(value)
        if compare is None or amount is None:
            continue
        found.append((amount, compare, UNIT_NAMES.get(unit, unit)))
    return found


def content_limit(content: str) -> tuple[Decimal, str, str] | None:
    """The one limit the content states (value, le/lt/ge/gt, unit), or None when there is none or several."""
    found = _limits(content)
    if len(found) != 1:
        return None
    value, compare, unit = found[0]
    if unit == "%" and not Decimal(0) <= value <= Decimal(100):
        return None
    return found[0]


def content_target(clause: str, content: str, direction: str) -> tuple[Decimal | None, Note | None]:
    """The percentage target for a below-target rule: from the clause itself, else from the content.

    Returns (target, review): the review is set when the target was inferred rather than read.
    """
    for text in (clause, content):
        percents = [(v, c) for v, c, u in _limits(text) if u == "%"]
        if len(percents) == 1 and Decimal(0) <= percents[0][0] <= Decimal(100):
            return percents[0][0], None
        if len(percents) > 1:
            return None, None
    bare = re.findall(rf"({NUMBER})%", clause) or re.findall(rf"({NUMBER})%", content)
    if len(bare) == 1:
        value = to_decimal(bare[0])
        if value is not None and Decimal(0) <= value <= Decimal(100):
            return value, note("target_from_text", value=bare[0])
    return None, None
