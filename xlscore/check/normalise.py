"""Read an input cell the way a person would, and say what was done to it.

Order (FACTS.md): error values and booleans are rejected, text is NFKC-normalised (full-width
digits), spaces and NBSP are stripped, U+2212 becomes ``-``, a trailing ``%``, ``分`` or unit is
dropped, thousands separators removed, then ``Decimal``. A number in a percent-formatted cell
(85% typed as 0.85) is read as percent points when the input is a rate.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation

from xlscore.reader.pictures import shown_text
from xlscore.reader.xlsx import CellData
from xlscore.rules import InputKind, InputSpec, Value

_WIDE = Context(prec=40)  # MAX_MAGNITUDE's 16 digits plus 9 decimals, with room
YES_WORDS = {"是", "Y", "YES", "√", "✓", "✔", "TRUE", "对", "有"}
NO_WORDS = {"否", "N", "NO", "×", "✗", "✘", "X", "FALSE", "无", "没有"}
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
#: Beyond 15 significant integer digits a spreadsheet cannot hold a whole number exactly; no score input gets near.
MAX_MAGNITUDE = Decimal("1e15")
_TRAILING_UNIT = re.compile(r"^(.*?\d)\s*(分|次|处|单|件次|件|条|人次|班次|户|项|个|份|秒|s|%)$", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """What an input cell means (``value``), what its formula sees (``formula_value``), and any problem.

    ``problem`` is a finding code (IN002/IN003/IN005/IN006/IN012) or None; ``why`` says what was normalised.
    """

    value: Value
    formula_value: Value
    problem: str | None = None
    raw: object = None
    why: str = ""


def read_input(cell: CellData | None, spec: InputSpec, percent_style: bool = False) -> Reading:
    """Interpret ``cell`` as an input of kind ``spec``.

    A WPS in-cell picture is read as the text WPS shows for it, whatever value was stored (that text,
    nothing, or the ``#NAME?`` Excel leaves): a written remark in a text cell, text where a number or
    是/否 belongs. It is never an error value.
    """
    if cell is not None and cell.picture is not None:
        cell = CellData(shown_text(cell.picture), None, "str", cell.style)
    if cell is None or cell.value is None or (isinstance(cell.value, str) and not _SPACES.sub("", cell.value)):
        return Reading(None, None)
    raw = cell.value
    if cell.is_error:
        return Reading(None, None, "IN006", raw)
    if spec.kind is InputKind.TEXT:
        return Reading(str(raw), str(raw), None, raw)
    if spec.kind is InputKind.YES_NO:
        return _yes_no(raw)
    return _number_input(raw, spec, percent_style)


def _yes_no(raw: object) -> Reading:
    formula_value: Value = True if raw == "是" else (False if raw == "否" else None)
    if isinstance(raw, bool):  # spreadsheet programs disagree on TRUE/FALSE in formulas: refused
        return Reading(None, None, "IN012", raw)
    word = _SPACES.sub("", unicodedata.normalize("NFKC", str(raw))).upper()
    if isinstance(raw, float):
        word = ""
    if word in YES_WORDS:
        return Reading(True, formula_value, None if raw == "是" else "IN003", raw, "是")
    if word in NO_WORDS:
        return Reading(False, formula_value, None if raw == "否" else "IN003", raw, "否")
    return Reading(None, formula_value, "IN005", raw)


def _number_input(raw: object, spec: InputSpec, percent_style: bool) -> Reading:
    if isinstance(raw, bool):  # ISNUMBER(TRUE) is FALSE in Excel, TRUE in LibreOffice: refused
        return Reading(None, None, "IN012", raw)
    if isinstance(raw, float):
        value = Decimal(repr(raw))
        if value.copy_abs() >= MAX_MAGNITUDE:
            return Reading(None, None, "IN004", raw, "magnitude")
        if spec.unit == "%" and percent_style and Decimal(0) <= value <= Decimal(1):
            return Reading(_tidy(value * 100), _tidy(value), "IN003", raw, "%")
        return Reading(_tidy(value), _tidy(value), None, raw)
    text = unicodedata.normalize("NFKC", str(raw))
    text = _SPACES.sub("", text).replace("\u2212", "-").replace(",", "")
    why = "text"
    unit = _TRAILING_UNIT.match(text)
    if unit:
        text, why = unit.group(1), unit.group(2)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return Reading(None, None, "IN002", raw)
    if not value.is_finite():
        return Reading(None, None, "IN002", raw)
    if value.copy_abs() >= MAX_MAGNITUDE:
        return Reading(None, None, "IN004", raw, "magnitude")
    return Reading(_tidy(value), None, "IN003", raw, why)


def _tidy(value: Decimal) -> Decimal:
    """Drop binary noise from a float read back (84.99000000000001 → 84.99, 85.00 → 85)."""
    if value.as_tuple().exponent < -9:  # type: ignore[operator]
        value = value.quantize(Decimal("1e-9"), context=_WIDE)
    return Decimal(format(value.normalize(), "f"))
