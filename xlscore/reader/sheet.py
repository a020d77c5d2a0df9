"""Streaming one worksheet part into cells: every way Excel, WPS and other writers store a cell.

Positions come from ``r`` attributes or, where a writer leaves them out (the spec allows it), from
document order: a row without ``r`` follows the previous row, a cell without ``r`` the previous cell
of its row. Only cells with content (a value, a formula or inline text) are kept and counted; empty
styled cells, which whole-row and whole-column formatting writes by the thousand, are skipped, and
the part's byte limit bounds the time they take.
"""

from __future__ import annotations

import math
import re
import zipfile

from xlscore.cells import cell_to_rowcol
from xlscore.reader.errors import ReadLimit
from xlscore.reader.model import CellData, SheetData
from xlscore.reader.pictures import picture_id
from xlscore.reader.streaming import MAIN_NS, SEP, Bounded, expat_parser, parse_stream
from xlscore.reader.text import decode_escapes, iso_serial

MAX_CELL_CHARS = 32767


class Limits:
    """What one workbook may make the reader keep or walk (see ``xlscore.reader.xlsx``).

    ``cells``: cells with content kept, all sheets together; ``out_of_bounds``: cells with content
    beyond ``max_row``/``max_col``, per sheet; ``kept``: cells kept so far.
    """

    def __init__(self, max_row: int, max_col: int, cells: int, out_of_bounds: int, sheet_bytes: int,
                 date1904: bool = False) -> None:
        self.max_row, self.max_col, self.cells, self.out_of_bounds = max_row, max_col, cells, out_of_bounds
        self.sheet_bytes, self.date1904, self.kept = sheet_bytes, date1904, 0


def read_sheet(archive: zipfile.ZipFile, sheet: SheetData, strings: list[str], limits: Limits) -> None:
    info = archive.getinfo(sheet.part)
    if info.file_size > limits.sheet_bytes:
        raise ReadLimit("sheet_too_large", sheet=sheet.name, size=info.file_size, limit=limits.sheet_bytes)
    shaped: list[tuple[int, int, dict[str, str], CellData]] = []
    parser = _sheet_parser(sheet, strings, limits, shaped)
    with archive.open(info) as handle:
        parse_stream(parser, Bounded(handle, info.file_size))
    if shaped:  # shared, array or data-table formulas: what Excel and WPS write, never the generated form
        from xlscore.reader.formulas import SheetFormulas

        formulas = SheetFormulas()
        for row, col, attrs, cell in shaped:
            formulas.add(row, col, attrs, cell)
        formulas.resolve(sheet.cells, sheet.problems)


C, F, V, IS, T, RPH = (f"{MAIN_NS}{SEP}{tag}" for tag in ("c", "f", "v", "is", "t", "rPh"))
MERGE, ROW, SHEET_DATA = (f"{MAIN_NS}{SEP}{tag}" for tag in ("mergeCell", "row", "sheetData"))


def _sheet_parser(sheet: SheetData, strings: list[str], limits: Limits,
                  shaped: list[tuple[int, int, dict[str, str], CellData]]):  # type: ignore[no-untyped-def]
    """An expat parser that streams a worksheet part: each <c> with its <f>, <v> or inline <is>, and the merged ranges.

    The callbacks run for every element of the biggest part, so they keep their state in closures
    (no attribute look-ups). Past ``</sheetData>`` only merged ranges matter: the conditional formats
    and validations that follow are parsed (a malformed part is still refused) without a callback
    each, unless a row or cell turns up there, which is read as inside.
    """
    cells, merges = sheet.cells, sheet.merges
    max_row, max_col = limits.max_row, limits.max_col
    where: tuple[int, int] | None = None
    row_at, col_at = 0, 0  # the last row and the last cell's column, for rows and cells without ``r``
    kind, style, length = "n", 0, 0  # length: characters gathered for the current <f>, <v> or <t>
    formula: list[str] | None = None
    shape: dict[str, str] | None = None  # the <f>'s attributes when it is shared, an array or a data table
    value: list[str] | None = None
    inline: list[str] | None = None
    target: list[str] | None = None
    phonetic = False

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal where, row_at, col_at, kind, style, length, formula, shape, value, inline, target, phonetic
        length = 0
        if name == C:
            ref = attrs.get("r")
            if ref:
                where = _rowcol(ref)
                row_at = where[0]
            else:
                where = (max(row_at, 1), col_at + 1)
            col_at = where[1]
            kind = attrs.get("t", "n")
            style = int(attrs.get("s", "0") or 0)
            formula = shape = value = inline = target = None
        elif name == ROW:
            row = attrs.get("r", "")
            row_at, col_at = (int(row) if row.isdigit() else row_at + 1), 0
        elif where is None:
            if name == MERGE:
                merges.append(attrs.get("ref", ""))
        elif name == V:
            value = target = []
        elif name == F:
            formula = target = []
            if "t" in attrs:
                shape = attrs
        elif name == IS:
            inline = []
        elif name == T and inline is not None and not phonetic:
            target = inline
        elif name == RPH:
            phonetic = True

    def end(name: str) -> None:
        nonlocal where, target, phonetic
        if name == C:
            if where is not None and (formula is not None or value is not None or inline is not None):
                _keep(where, _cell(kind, style, formula, value, inline, strings, limits.date1904))
            where = None
        elif name == V or name == F or name == T:
            target = None
        elif name == RPH:
            phonetic = False
        elif name == SHEET_DATA:
            parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = after, None, None

    def _keep(at: tuple[int, int], cell: CellData | None) -> None:
        if cell is None:
            return
        if at[0] > max_row or at[1] > max_col:
            sheet.cells_out_of_bounds += 1
            if sheet.cells_out_of_bounds > limits.out_of_bounds:
                raise ReadLimit("far_beyond_form", sheet=sheet.name, row=max_row, col=max_col)
            return
        limits.kept += 1
        if limits.kept > limits.cells:
            raise ReadLimit("too_many_cells", limit=limits.cells)
        cells[at] = cell
        if shape is not None:
            shaped.append((at[0], at[1], shape, cell))

    def data(text: str) -> None:
        nonlocal length
        # A cell holds at most 32,767 characters; more is kept as a mark of truncation, not in full.
        if target is not None and length <= MAX_CELL_CHARS:
            target.append(text)
            length += len(text)

    def after(name: str, attrs: dict[str, str]) -> None:
        if name == MERGE:
            merges.append(attrs.get("ref", ""))
        elif name == C or name == ROW:  # not where a form has them: read on as inside <sheetData>
            parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, data
            start(name, attrs)

    parser = expat_parser(start, end, data)
    return parser


_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_COLUMNS: dict[str, int] = {}
_REFS: dict[str, tuple[int, int]] = {}  # every file of a form has the same few thousand cell names


def _rowcol(ref: str) -> tuple[int, int]:
    """``G5`` → (5, 7), as :func:`cell_to_rowcol`, remembered (the hot path)."""
    at = _REFS.get(ref)
    if at is not None:
        return at
    match = _REF.fullmatch(ref)
    if match is None:
        return cell_to_rowcol(ref)  # raises ValueError, as before
    letters = match.group(1)
    col = _COLUMNS.get(letters)
    if col is None:
        col = _COLUMNS[letters] = cell_to_rowcol(f"{letters}1")[1]
    if len(_REFS) > 200_000:  # many different files in one process: stay bounded
        _REFS.clear()
    at = _REFS[ref] = (int(match.group(2)), col)
    return at


def _cell(kind: str, style: int, formula: list[str] | None, raw_parts: list[str] | None,
          inline: list[str] | None, strings: list[str], date1904: bool) -> CellData | None:
    raw = None if raw_parts is None else "".join(raw_parts)
    text_formula = None if formula is None else "".join(formula)
    value: object = None
    if kind == "inlineStr" or (inline is not None and raw is None):
        value = decode_escapes("".join(inline or []))
    elif raw is None:
        value = None
    elif kind == "s":
        index = int(raw) if raw.strip().isdigit() else -1
        value = strings[index] if 0 <= index < len(strings) else ""
    elif kind == "str":
        value = decode_escapes(raw)
    elif kind == "e":
        value = raw
    elif kind == "b":
        value = raw.strip() in ("1", "true")
    elif kind == "d":
        value = iso_serial(raw, date1904) if raw.strip() else None
        if value is None and raw.strip():
            value = raw
    else:
        value = _number(raw)
    if value is None and text_formula is None:
        return None
    truncated = isinstance(value, str) and len(value) > MAX_CELL_CHARS
    if truncated:
        value = value[:MAX_CELL_CHARS]  # type: ignore[index]
    return CellData(value, text_formula, kind, style, truncated, picture=picture_id(text_formula))


def _number(raw: str) -> float | str | None:
    """A numeric cell's value; an empty one is blank, an unparsable one is kept as text."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        return raw
    # NaN and infinities are not spreadsheet numbers (Excel cannot store them): keep them as the text they are.
    return value if math.isfinite(value) else raw
