"""Compare a workbook's formula with the generated one, reference by reference.

Every cell reference of the workbook's formula is mapped back to the generated layout's row
through the defined names (a row an auditor inserted above moves the names with it, so moved
formulas still compare equal). A range whose rows or ends differ, a reference to another row,
an added or removed term: the formula was changed. Equivalent spellings compare equal: ``$``
anchors, case, spaces and line breaks typed around operators, ``_xlfn.``/``_xlws.`` prefixes (Excel's
mark of a newer function), and a one-cell range (``SUM(H39:H39)`` = ``SUM(H39)``, as Gnumeric saves
it). Text inside string literals and quoted sheet names is kept as it is; a space between two
references (Excel's intersection operator) is kept as one space.

Rows inside a range that no name maps (rows inserted inside an item or a group) are returned,
so that what was typed there can be reported at that row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xlscore.cells import letters_to_col

_REF = re.compile(
    r"(?<![\w.])(?:(?P<sheet>'(?:[^']|'')+'|[^\W\d][\w.]*)!)?"
    r"(?P<c1>[A-Z]{1,3})(?P<r1>\d+)(?::(?P<c2>[A-Z]{1,3})(?P<r2>\d+))?(?![\w(])"
)


@dataclass
class RowMap:
    """Workbook row → layout row, per sheet (from where each defined name points)."""

    rows: dict[str, dict[int, int]] = field(default_factory=dict)
    _present: RowMap | None = field(default=None, repr=False)

    def add(self, sheet: str, actual: int, layout_row: int) -> None:
        self.rows.setdefault(sheet.upper(), {}).setdefault(actual, layout_row)

    def get(self, sheet: str, actual: int) -> int | None:
        return self.rows.get(sheet.upper(), {}).get(actual)

    def layout_rows(self) -> RowMap:
        """The layout rows the workbook still has, per sheet (as a map of each to itself)."""
        if self._present is None:
            self._present = RowMap({s: {r: r for r in m.values()} for s, m in self.rows.items()})
        return self._present


@dataclass(frozen=True)
class Range:
    """A range of the workbook's formula, in workbook rows: the rows no name maps are ``inserted``."""

    sheet: str
    col_first: int
    col_last: int
    first: int
    last: int
    inserted: tuple[int, ...]


def _outside_strings(formula: str, fn) -> str:  # type: ignore[no-untyped-def]
    """Apply ``fn`` to the parts of ``formula`` outside string literals."""
    parts = formula.split('"')
    return '"'.join(fn(part) if i % 2 == 0 else part for i, part in enumerate(parts))


#: Whitespace next to an operator or a parenthesis means nothing; between two references it is the intersection.
_SPACED = re.compile(r"\s*([-(),:;{}+*/^&=<>%!])\s*")
_SPACES = re.compile(r"\s+")
_PREFIX = re.compile(r"_XL(?:FN|WS)\.")


def _plain(text: str) -> str:
    """``$`` and ``_xlfn.``/``_xlws.`` dropped, spaces tidied, letters upper-cased, except inside a quoted sheet name."""
    parts = text.split("'")
    return "'".join(_tidy(p) if i % 2 == 0 else p.upper() for i, p in enumerate(parts))


def _tidy(part: str) -> str:
    part = part.replace("$", "").upper()
    if "_XL" in part:
        part = _PREFIX.sub("", part)
    if any(c.isspace() for c in part):
        part = _SPACES.sub(" ", _SPACED.sub(r"\1", part))
    return part


def _bare(formula: str) -> str:
    """``formula`` without its leading ``=`` and the whitespace around it."""
    return formula.strip().lstrip("=").strip()


def _sheet_name(token: str | None, here: str) -> str:
    if token is None:
        return here
    return token[1:-1].replace("''", "'") if token.startswith("'") else token


def canonical(formula: str, here: str, rows: RowMap | None = None, present: RowMap | None = None) -> str:
    """``formula`` with each reference spelled one way: ``SHEET!C<layout row>`` (``?`` for a row no name maps).

    ``rows`` maps the workbook's rows to layout rows (a workbook formula); ``present`` instead snaps
    the ends of a generated range to layout rows the workbook still has, so that a range whose end
    row was deleted (reported once as a deleted row) compares equal to the generated one.
    """

    def ref(sheet: str, col: str, row: str, step: int = 0) -> str:
        mapped: int | None = int(row) if rows is None else rows.get(sheet, int(row))
        if present is not None and mapped is not None and step:
            mapped = _snap(present, sheet, mapped, step)
        return f"{sheet.upper()}!{col}{'?' if mapped is None else mapped}"

    def one(match: re.Match[str]) -> str:
        sheet = _sheet_name(match.group("sheet"), here)
        if match.group("c2") is None:
            return ref(sheet, match.group("c1"), match.group("r1"))
        first = ref(sheet, match.group("c1"), match.group("r1"), 1)
        last = ref(sheet, match.group("c2"), match.group("r2"), -1)
        return first if last == first else f"{first}:{last}"

    return _outside_strings(_bare(formula), lambda part: _REF.sub(one, _plain(part)))


def _snap(present: RowMap, sheet: str, row: int, step: int) -> int:
    """The nearest row from ``row`` in direction ``step`` that the workbook has (``row`` itself when it has it)."""
    rows = present.rows.get(sheet.upper())
    if not rows or row in rows:
        return row
    candidates = [r for r in rows if (r - row) * step > 0]
    return min(candidates, key=lambda r: abs(r - row)) if candidates else row


def ranges(formula: str, here: str, rows: RowMap) -> list[Range]:
    """The ranges of ``formula`` (workbook rows), with the rows inside them that no name maps."""
    found: list[Range] = []

    def collect(part: str) -> str:
        for match in _REF.finditer(_plain(part)):
            if match.group("c2") is None:
                continue
            sheet = _sheet_name(match.group("sheet"), here)
            first, last = sorted((int(match.group("r1")), int(match.group("r2"))))
            inserted = tuple(r for r in range(first, last + 1) if rows.get(sheet, r) is None)
            cols = sorted((letters_to_col(match.group("c1")), letters_to_col(match.group("c2"))))
            found.append(Range(sheet, cols[0], cols[1], first, last, inserted))
        return part

    _outside_strings(_bare(formula), collect)
    return found


def same_formula(found: str, generated: str, here_found: str, here_layout: str, rows: RowMap) -> bool:
    """Whether the workbook's formula (in workbook rows) is the generated one (in layout rows)."""
    if found.lstrip("=") == generated.lstrip("=") and here_found.upper() == here_layout.upper() and all(
        rows.rows.get(sheet, {}).get(row) == row for sheet, row in _references(generated, here_layout)
    ):
        # The same text, and every row it reads is where the layout has it: both canonical forms
        # would be the same text (the common case, without spelling either out).
        return True
    return canonical(found, here_found, rows) == canonical(generated, here_layout, present=rows.layout_rows())


_REFERENCES: dict[tuple[str, str], tuple[tuple[str, int], ...]] = {}


def _references(formula: str, here: str) -> tuple[tuple[str, int], ...]:
    """Every (SHEET, row) that ``formula`` reads, range ends included; remembered (formulas of a layout repeat)."""
    key = (formula, here)
    found = _REFERENCES.get(key)
    if found is None:
        refs: list[tuple[str, int]] = []

        def collect(part: str) -> str:
            for match in _REF.finditer(_plain(part)):
                sheet = _sheet_name(match.group("sheet"), here).upper()
                refs.append((sheet, int(match.group("r1"))))
                if match.group("r2") is not None:
                    refs.append((sheet, int(match.group("r2"))))
            return part

        _outside_strings(formula.lstrip("="), collect)
        if len(_REFERENCES) > 50_000:  # a process checking many rubrics' files: stay bounded
            _REFERENCES.clear()
        found = _REFERENCES[key] = tuple(refs)
    return found
