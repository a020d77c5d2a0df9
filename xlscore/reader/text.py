"""Values as Excel holds them: ``_xHHHH_`` escapes decoded, ``t="d"`` ISO dates as serial numbers."""

from __future__ import annotations

import datetime as dt
import re

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode_escapes(text: str) -> str:
    """``_x000D_`` → CR, as Excel reads text (ST_Xstring); ``_x005F_x000D_`` is the literal ``_x000D_``.

    Escapes are read left to right, so ``_x005F_`` (an escaped ``_``) stops what follows from being one.
    A UTF-16 surrogate pair written as two escapes becomes its character.
    """
    if "_x" not in text:
        return text
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if _SURROGATE.search(decoded):
        decoded = decoded.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return decoded


_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_LEAP_BUG_END = dt.datetime(1900, 3, 1)  # Excel counts a 29 February 1900 that never was


def iso_serial(text: str, date1904: bool = False) -> float | None:
    """An ISO 8601 date, date-time or time (``t="d"``) as Excel's serial number; None when it is not one.

    1900 system: days since 1899-12-30 (one day fewer before 1900-03-01, as Excel counts); 1904 system:
    days since 1904-01-01. A time alone is a fraction of a day. A time zone is dropped, as Excel drops it.
    """
    text = text.strip()
    try:
        if "-" not in text[1:] and ":" in text:
            moment = dt.datetime.combine(dt.date(1899, 12, 30), dt.time.fromisoformat(_naive(text)))
            return (moment - _EPOCH_1900).total_seconds() / 86400
        moment = dt.datetime.fromisoformat(_naive(text))
    except ValueError:
        return None
    if date1904:
        return (moment - _EPOCH_1904).total_seconds() / 86400
    serial = (moment - _EPOCH_1900).total_seconds() / 86400
    return serial - 1 if moment < _LEAP_BUG_END and serial >= 1 else serial


def _naive(text: str) -> str:
    """``text`` without a trailing ``Z`` or ``+08:00`` (Excel keeps wall-clock time)."""
    if text.endswith(("Z", "z")):
        return text[:-1]
    match = re.search(r"[+-]\d\d:?\d\d$", text)
    if match and ("T" in text or " " in text or text.count(":") > 2):
        return text[: match.start()]
    return text
