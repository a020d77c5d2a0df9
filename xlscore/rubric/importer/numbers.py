"""Numbers as offices type them: ``15``, ``１５``, ``15分``, ``15.0``, ``十五``, ``一``."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: A number in a clause: Arabic (with decimals) or small Chinese numerals.
NUMBER = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+|半)"


def chinese_int(text: str) -> int | None:
    """``十五`` → 15, ``二十`` → 20, ``一百`` → 100; None when it is not a small Chinese numeral."""
    if not text or any(ch not in DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:  # 百
            total += (current or 1) * 100
            current = 0
    return total + current


def to_decimal(text: str) -> Decimal | None:
    """A number from clause or cell text, or None. Accepts full-width digits, a trailing 分, Chinese numerals."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("\u2212", "-")
    key = re.sub(r"分$", "", key)
    if not key:
        return None
    if re.fullmatch(r"-?\d+(\.\d+)?", key):
        try:
            value = Decimal(key)
        except InvalidOperation:
            return None
        return Decimal(format(value.normalize(), "f"))
    if key == "半":
        return Decimal("0.5")
    small = chinese_int(key)
    return Decimal(small) if small is not None else None
