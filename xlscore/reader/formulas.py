"""Shared, array and data-table formulas undone: every cell gets the formula it means.

A shared-formula dependent (``<f t="shared" si="0"/>``) has no text: it is its master's formula with
the relative references moved by the offset between the two cells (``$`` parts stay). Sheet names,
string literals, function names, defined names and structured references never move. A reference
moved off the sheet becomes ``#REF!``, as Excel shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xlscore.cells import col_to_letters, letters_to_col
from xlscore.reader.model import CellData, ReadProblem

MAX_ROW, MAX_COL = 1_048_576, 16_384
_CELL = r"(\$?)([A-Za-z]{1,3})(\$?)([1-9][0-9]{0,6})"
#: What never moves (string literals, quoted sheet names, structured references), then the three kinds of reference.
_TOKEN = re.compile(
    r'"(?:[^"]|"")*"|\'(?:[^\']|\'\')*\'|\[(?:[^\[\]]|\[[^\]]*\])*\]'
    rf"|(?<![\w.$])(?P<cell>{_CELL})(?![\w.(!\[$])"
    r"|(?<![\w.$:])(?P<cols>(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3}))(?![\w.(!\[$:])"
    r"|(?<![\w.$:])(?P<rows>(\$?)([1-9][0-9]{0,6}):(\$?)([1-9][0-9]{0,6}))(?![\w.(!\[$:])"
)
_COLUMNS: dict[str, int] = {}
_LETTERS: dict[int, str] = {}


def column_number(letters: str) -> int:
    """:func:`letters_to_col`, remembered (a sheet's formulas name the same few columns)."""
    found = _COLUMNS.get(letters)
    if found is None:
        found = letters_to_col(letters)
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = found
    return found


def column_letters(number: int) -> str:
    """:func:`col_to_letters`, remembered (at most 16,384 columns)."""
    found = _LETTERS.get(number)
    if found is None:
        found = _LETTERS[number] = col_to_letters(number)
    return found


class SharedFormula:
    """A master formula cut once into fixed text and movable references, then placed at any offset."""

    def __init__(self, text: str) -> None:
        self.pieces: list[object] = []  # str, or (kind, groups) for a reference
        at = 0
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup if match.group(0)[0] not in "\"'[" else None
            if kind is None:
                continue
            groups = match.groups()[_GROUPS[kind]: _GROUPS[kind] + 4]
            if not _on_sheet(kind, groups):
                continue  # ``ZZZ1`` is past column XFD: a name, not a reference
            self.pieces.append(text[at: match.start()])
            self.pieces.append((kind, groups))
            at = match.end()
        self.pieces.append(text[at:])

    def at(self, rows: int, cols: int) -> str:
        """The formula moved by ``rows`` down and ``cols`` right (negative: up, left)."""
        if len(self.pieces) == 1:
            return self.pieces[0]  # type: ignore[return-value]
        out = []
        for piece in self.pieces:
            out.append(piece if isinstance(piece, str) else _move(piece, rows, cols))  # type: ignore[arg-type]
        return "".join(out)


#: Where each kind's four groups (abs, part, abs, part) start in ``match.groups()``.
_GROUPS = {"cell": 1, "cols": 6, "rows": 11}


def _on_sheet(kind: str, groups: tuple[str, ...]) -> bool:
    if kind == "cell":
        return column_number(groups[1]) <= MAX_COL and int(groups[3]) <= MAX_ROW
    if kind == "cols":
        return column_number(groups[1]) <= MAX_COL and column_number(groups[3]) <= MAX_COL
    return int(groups[1]) <= MAX_ROW and int(groups[3]) <= MAX_ROW


def _move(reference: tuple[str, tuple[str, ...]], rows: int, cols: int) -> str:
    kind, (fixed1, part1, fixed2, part2) = reference
    if kind == "cell":
        col = column_number(part1) + (0 if fixed1 else cols)
        row = int(part2) + (0 if fixed2 else rows)
        if not (1 <= col <= MAX_COL and 1 <= row <= MAX_ROW):
            return "#REF!"
        return f"{fixed1}{column_letters(col)}{fixed2}{row}"
    if kind == "cols":
        first, last = column_number(part1) + (0 if fixed1 else cols), column_number(part2) + (0 if fixed2 else cols)
        if not (1 <= first <= MAX_COL and 1 <= last <= MAX_COL):
            return "#REF!"
        return f"{fixed1}{column_letters(first)}:{fixed2}{column_letters(last)}"
    first, last = int(part1) + (0 if fixed1 else rows), int(part2) + (0 if fixed2 else rows)
    if not (1 <= first <= MAX_ROW and 1 <= last <= MAX_ROW):
        return "#REF!"
    return f"{fixed1}{first}:{fixed2}{last}"


def translate(formula: str, rows: int, cols: int) -> str:
    """``formula`` as it reads ``rows`` down and ``cols`` right of where it is written."""
    return SharedFormula(formula).at(rows, cols)


def parse_range(ref: str) -> tuple[int, int, int, int] | None:
    """``B2:C5`` → (first row, first col, last row, last col); a single cell is a range of one; None if not a range."""
    ends = ref.replace("$", "").split(":")
    if not 1 <= len(ends) <= 2:
        return None
    corners = []
    for end in ends:
        match = _PLAIN_CELL.fullmatch(end)
        if match is None:
            return None
        corners.append((int(match.group(2)), column_number(match.group(1))))
    (r1, c1), (r2, c2) = corners[0], corners[-1]
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


_PLAIN_CELL = re.compile(r"([A-Za-z]{1,3})([1-9][0-9]{0,6})")


def covers(area: tuple[int, int, int, int] | None, row: int, col: int) -> bool:
    return area is not None and area[0] <= row <= area[2] and area[1] <= col <= area[3]


def data_table_formula(attrs: dict[str, str]) -> str:
    """A data table's formula as Excel shows it: ``TABLE(row input,column input)``."""
    first = "#REF!" if attrs.get("del1") in ("1", "true") else attrs.get("r1", "")
    second = "#REF!" if attrs.get("del2") in ("1", "true") else attrs.get("r2", "")
    if attrs.get("dt2D") in ("1", "true"):
        return f"TABLE({first},{second})"
    return f"TABLE({first},)" if attrs.get("dtr") in ("1", "true") else f"TABLE(,{first})"


@dataclass
class SheetFormulas:
    """The formulas of one sheet that need the whole sheet read first: shared groups and array ranges."""

    masters: dict[str, list[tuple[int, int, str, CellData]]] = field(default_factory=dict)  # si → (row, col, ref, cell)
    dependents: list[tuple[int, int, str, CellData]] = field(default_factory=list)  # (row, col, si, cell)
    blocks: list[tuple[int, int, CellData]] = field(default_factory=list)  # array / data table: (row, col, cell)

    def add(self, row: int, col: int, attrs: dict[str, str], cell: CellData) -> None:
        """Note a cell whose ``<f>`` has these ``attrs`` (only called when ``t`` is set)."""
        kind = attrs.get("t", "")
        if kind == "shared":
            cell.formula_type = "shared"
            si = attrs.get("si", "")
            if cell.formula:
                self.masters.setdefault(si, []).append((row, col, attrs.get("ref", ""), cell))
            else:
                self.dependents.append((row, col, si, cell))
        elif kind in ("array", "dataTable"):
            cell.formula_type = kind
            cell.formula_ref = attrs.get("ref") or None
            if kind == "dataTable":
                cell.formula = data_table_formula(attrs)
            self.blocks.append((row, col, cell))

    def resolve(self, cells: dict[tuple[int, int], CellData], problems: list[ReadProblem]) -> None:
        """Give every dependent and array member its formula; note what cannot be read as stored."""
        if self.masters or self.dependents:
            self._shared(problems)
        for row, col, cell in self.blocks:
            self._block(row, col, cell, cells, problems)

    def _shared(self, problems: list[ReadProblem]) -> None:
        compiled: dict[int, SharedFormula] = {}
        missing: dict[str, list[tuple[int, int]]] = {}
        for si, group in self.masters.items():
            if len(group) > 1:
                (row, col, _r, _c), (row2, col2, _r2, cell2) = group[0], group[1]
                cell2.problem = "shared_two_masters"
                problems.append(ReadProblem("shared_two_masters", _name(row2, col2), len(group),
                                            (("si", si), ("other", _name(row, col)))))
        for row, col, si, cell in self.dependents:
            group = self.masters.get(si)
            if not group:
                cell.formula, cell.problem = "", "shared_master_missing"
                missing.setdefault(si, []).append((row, col))
                continue
            master = _master_for(group, row, col)
            template = compiled.get(id(master))
            if template is None:
                template = compiled[id(master)] = SharedFormula(master[3].formula or "")
            cell.formula = template.at(row - master[0], col - master[1])
            if len(group) > 1:
                cell.problem = "shared_two_masters"
        for si, where in missing.items():
            problems.append(ReadProblem("shared_master_missing", _name(*min(where)), len(where), (("si", si),)))

    @staticmethod
    def _block(row: int, col: int, cell: CellData, cells: dict[tuple[int, int], CellData], problems: list[ReadProblem]) -> None:
        area = parse_range(cell.formula_ref) if cell.formula_ref else (row, col, row, col)
        if not covers(area, row, col):
            problems.append(ReadProblem("array_outside", _name(row, col), 1, (("ref", cell.formula_ref or ""),)))
            cell.problem, cell.formula_ref = "array_outside", _name(row, col)
            return
        r1, c1, r2, c2 = area  # type: ignore[misc]
        if (r2 - r1 + 1) * (c2 - c1 + 1) <= len(cells):
            inside = [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) in cells]
        else:  # a range far bigger than the sheet: look only at the cells there are
            inside = [at for at in cells if covers(area, *at)]
        for at in inside:
            member = cells[at]
            if at != (row, col) and member.formula is None:
                member.formula, member.formula_type, member.formula_ref = cell.formula, cell.formula_type, cell.formula_ref
                member.array_member = True


def _master_for(group: list[tuple[int, int, str, CellData]], row: int, col: int) -> tuple[int, int, str, CellData]:
    """The master whose range holds the cell, else the last one before it in the sheet (a group split by an inserted row)."""
    if len(group) == 1:
        return group[0]
    for master in group:
        if master[2] and covers(parse_range(master[2]), row, col):
            return master
    before = [m for m in group if (m[0], m[1]) <= (row, col)]
    return before[-1] if before else group[0]


def _name(row: int, col: int) -> str:
    return f"{column_letters(col)}{row}"
