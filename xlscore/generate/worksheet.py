"""A worksheet whose formulas skip XlsxWriter's future-function rewriting when nothing would change.

XlsxWriter prepares every formula (cell, data validation, conditional format) with up to about
150 ``re.sub`` calls, one per Excel 2010+ function it prefixes with ``_xlfn.``; for a form's few
hundred formulas that is the largest single cost of ``generate``. Substitutions whose pattern
does not occur change nothing. Every pattern (read from XlsxWriter's own code, so a new version's
functions are covered) ends in literal letters before ``(``, so only the patterns whose letters
end a function name in the formula are searched for; when none occurs, the prepared formula is
the formula stripped of ``=`` and array braces, and otherwise XlsxWriter prepares it as before.
A pattern of another shape turns the shortcut off.
"""

from __future__ import annotations

import re
from functools import cache

from xlsxwriter.worksheet import Worksheet

_SHAPE = re.compile(r"\\[bS]([A-Z0-9.]+)\\\(")
_CALL = re.compile(r"([A-Za-z0-9_]*)\(")


def _patterns_by_tail() -> dict[str, list[str]] | None:
    """XlsxWriter's rewriting patterns by the literal letters they end in before ``(``; None if unsure."""
    constants = Worksheet._prepare_formula.__code__.co_consts
    by_tail: dict[str, list[str]] = {}
    for pattern in (c for c in constants if isinstance(c, str) and c.endswith("\\(")):
        shape = _SHAPE.fullmatch(pattern)
        tail = shape.group(1).rsplit(".", 1)[-1] if shape else ""
        if not tail:
            return None
        by_tail.setdefault(tail, []).append(pattern)
    return by_tail or None


PATTERNS_BY_TAIL = _patterns_by_tail()


@cache
def _ending_in(tail: str) -> re.Pattern[str]:
    return re.compile("|".join(PATTERNS_BY_TAIL[tail]))  # type: ignore[index]


def may_rewrite(formula: str) -> bool:
    """Whether XlsxWriter's future-function rewriting could change ``formula``."""
    if PATTERNS_BY_TAIL is None:
        return True
    for call in _CALL.finditer(formula):
        name = call.group(1)
        for start in range(len(name)):
            if name[start:] in PATTERNS_BY_TAIL and _ending_in(name[start:]).search(formula):
                return True
    return False


class FormulaWorksheet(Worksheet):
    """XlsxWriter's worksheet, preparing formulas that use no rewritten function without the regexes."""

    def _prepare_formula(self, formula, expand_future_functions=False):  # type: ignore[no-untyped-def]
        if may_rewrite(formula):
            return super()._prepare_formula(formula, expand_future_functions)
        # The same stripping as XlsxWriter's, in the same order.
        if formula.startswith("{"):
            formula = formula[1:]
        if formula.startswith("="):
            formula = formula[1:]
        if formula.endswith("}"):
            formula = formula[:-1]
        return formula
