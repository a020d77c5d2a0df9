"""A single-pass reader of .xlsx/.xlsm packages: every cell's formula and cached value together.

The zip is opened once. The small parts (relationships, styles) are parsed with ``defusedxml``;
the workbook part (a thousand defined names), the shared strings and the sheets are streamed
through the C parser with DTDs refused — the same rule as defusedxml's ``forbid_dtd``: without a
DTD there are no entity declarations, so no entity expansion and no external entities. Reads are
bounded: cells beyond ``max_row``/``max_col`` are counted, not kept. The result is a neutral
structure that knows nothing about rubrics.
"""

from __future__ import annotations

import contextlib
import math
import posixpath
import re
import zipfile
import pyexpat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from xlscore.cells import cell_to_rowcol
from xlscore.reader.errors import ReadLimit, UnreadableWorkbook
from xlscore.reader.pictures import picture_id
from xlscore.reader.sniff import inspect_zip, sniff
from xlscore.reader.streaming import (
    MAIN_NS, SEP, Bounded, expat_parser, parse_stream, read_shared_strings, workbook_outline,
)

STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
M = f"{{{MAIN_NS}}}"
MAX_CELL_CHARS = 32767
#: A scoring form holds a few thousand cells; these bound what one file may make the reader keep or walk.
MAX_CELLS = 50_000  # cells kept, all sheets read together (the shipped form has about 2,300)
MAX_OUT_OF_BOUNDS = 20_000  # rows and cells beyond the form's rows and columns, per sheet
MAX_SHEET_BYTES = 16 * 1024 * 1024  # a form's biggest sheet is about 250 kB unpacked
PERCENT_BUILTIN_FORMATS = {9, 10}
_QUOTED = re.compile(r'"[^"]*"')


@dataclass
class CellData:
    """One cell as stored: its cached value, its formula (without ``=``), its type and style."""

    value: object = None  # str, float, bool or None; an error value is a str like "#REF!"
    formula: str | None = None  # "" for a cell that shares a formula written elsewhere
    kind: str = ""  # the OOXML t attribute: n, s, str, inlineStr, b, e
    style: int = 0
    truncated: bool = False
    picture: str | None = None  # the id of a WPS in-cell picture (a DISPIMG formula), whatever the value

    @property
    def is_formula(self) -> bool:
        return self.formula is not None

    @property
    def is_error(self) -> bool:
        return self.kind == "e"


@dataclass
class SheetData:
    name: str
    state: str = "visible"  # visible, hidden or veryHidden
    part: str = ""
    cells: dict[tuple[int, int], CellData] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)
    cells_out_of_bounds: int = 0

    def get(self, row: int, col: int) -> CellData | None:
        return self.cells.get((row, col))


class LazySheets(dict):  # type: ignore[type-arg]
    """Sheet name → :class:`SheetData`, each sheet's cells read the first time the sheet is asked for.

    Sheets the check never looks at (a pasted sheet of data, the 说明 sheet) are never read.
    """

    def __init__(self, sheets: dict[str, SheetData], load) -> None:  # type: ignore[no-untyped-def]
        super().__init__(sheets)
        self._load = load
        self._loaded: set[str] = set()

    def __getitem__(self, name: str) -> SheetData:
        sheet = super().__getitem__(name)
        if name not in self._loaded:
            self._loaded.add(name)
            self._load(sheet)
        return sheet

    def get(self, name: str, default: SheetData | None = None) -> SheetData | None:  # type: ignore[override]
        return self[name] if name in self else default

    def values(self):  # type: ignore[no-untyped-def,override]
        return [self[name] for name in self]

    def items(self):  # type: ignore[no-untyped-def,override]
        return [(name, self[name]) for name in self]


@dataclass
class WorkbookData:
    """A workbook's cells and names, read once."""

    path: str
    sheets: dict[str, SheetData]
    names: dict[str, str]  # workbook-level defined name → its formula text (e.g. 'Sheet'!$G$6, #REF!)
    percent_styles: set[int] = field(default_factory=set)
    parts: list[str] = field(default_factory=list)
    hidden_names: set[str] = field(default_factory=set)  # workbook-level names marked hidden
    #: sheet-level names (print titles, print area): (sheet name, name) → formula text
    sheet_names: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Whether the names' hidden flags and the print settings were read (from a package, not a live workbook).
    package_facts: bool = True

    @property
    def has_macros(self) -> bool:
        return "xl/vbaProject.bin" in self.parts


def read_workbook(path: str | Path, *, max_row: int = 20000, max_col: int = 64) -> WorkbookData:
    """Read ``path``; raises :class:`UnreadableWorkbook` with a reason when it cannot be read at all."""
    path = Path(path)
    sniff(path)
    with _refusing(path):
        with zipfile.ZipFile(path) as archive:
            inspect_zip(path, archive)
            return _read(path, archive, max_row, max_col)
    raise AssertionError("unreachable")  # pragma: no cover - _refusing re-raises


@contextlib.contextmanager
def _refusing(path: Path) -> Iterator[None]:
    """Every way a package can fail to read, as :class:`UnreadableWorkbook` with a reason."""
    try:
        yield
    except UnreadableWorkbook:
        raise
    except ReadLimit as exc:
        raise UnreadableWorkbook(str(path), exc.reason, dict(exc.values)) from None
    except zipfile.BadZipFile:
        raise UnreadableWorkbook(str(path), "broken_zip") from None
    except DefusedXmlException:
        raise UnreadableWorkbook(str(path), "xml_entities") from None
    except (SafeET.ParseError, pyexpat.ExpatError, KeyError, ValueError, EOFError, OSError, RuntimeError) as exc:
        # zlib.error is an Exception subclass raised as a broken part; treated below.
        raise UnreadableWorkbook(str(path), "corrupt_part", {"detail": type(exc).__name__}) from None
    except Exception as exc:  # zlib.error and friends from a damaged package
        if type(exc).__module__ == "zlib":
            raise UnreadableWorkbook(str(path), "corrupt_part", {"detail": "zlib"}) from None
        raise


def _read(path: Path, archive: zipfile.ZipFile, max_row: int, max_col: int) -> WorkbookData:
    parts = archive.namelist()
    root, sheet_nodes, name_nodes = workbook_outline(archive)
    if root.startswith(f"{STRICT_NS}{SEP}"):
        raise UnreadableWorkbook(str(path), "strict_ooxml")
    targets = _relationships(archive, "xl/_rels/workbook.xml.rels", "xl")
    sheets: dict[str, SheetData] = {}
    for node in sheet_nodes:
        rid = node.get(f"{REL_NS}{SEP}id", "")
        sheet = SheetData(node.get("name", ""), node.get("state", "visible"), targets.get(rid, ""))
        sheets[sheet.name] = sheet
    names = {node.get("name", ""): text for node, text in name_nodes if node.get("localSheetId") is None}
    hidden = {
        node.get("name", "") for node, _text in name_nodes
        if node.get("localSheetId") is None and node.get("hidden") in ("1", "true")
    }
    order = list(sheets)
    local = {
        (order[int(node.get("localSheetId", "-1"))], node.get("name", "")): text
        for node, text in name_nodes
        if (node.get("localSheetId") or "").isdigit() and int(node.get("localSheetId", "0")) < len(order)
    }
    strings = read_shared_strings(archive) if "xl/sharedStrings.xml" in parts else []
    percent = _percent_styles(archive) if "xl/styles.xml" in parts else set()
    budget = _Budget()

    def load(sheet: SheetData) -> None:
        if sheet.part in parts:
            with _refusing(path), zipfile.ZipFile(path) as again:
                _read_sheet(again, sheet, strings, max_row, max_col, budget)

    return WorkbookData(str(path), LazySheets(sheets, load), names, percent, parts, hidden, local)


class _Budget:
    """Cells kept so far, across the sheets of one workbook."""

    def __init__(self) -> None:
        self.cells = 0


def _parse(archive: zipfile.ZipFile, part: str):  # type: ignore[no-untyped-def]
    with archive.open(part) as handle:
        return SafeET.parse(handle, forbid_dtd=True).getroot()


def _relationships(archive: zipfile.ZipFile, part: str, base: str) -> dict[str, str]:
    if part not in archive.namelist():
        return {}
    root = _parse(archive, part)
    out = {}
    for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out[rel.get("Id", "")] = resolved
    return out


def _percent_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of cell styles whose number format shows a percentage."""
    root = _parse(archive, "xl/styles.xml")
    custom = {
        int(fmt.get("numFmtId", "0")): _QUOTED.sub("", fmt.get("formatCode", ""))
        for fmt in root.iter(f"{M}numFmt")
    }
    xfs = root.find(f"{M}cellXfs")
    out: set[int] = set()
    for index, xf in enumerate(xfs if xfs is not None else []):
        fmt_id = int(xf.get("numFmtId", "0"))
        if fmt_id in PERCENT_BUILTIN_FORMATS or "%" in custom.get(fmt_id, ""):
            out.add(index)
    return out


def _read_sheet(archive: zipfile.ZipFile, sheet: SheetData, strings: list[str], max_row: int, max_col: int,
                budget: _Budget | None = None) -> None:
    info = archive.getinfo(sheet.part)
    if info.file_size > MAX_SHEET_BYTES:
        raise ReadLimit("sheet_too_large", sheet=sheet.name, size=info.file_size, limit=MAX_SHEET_BYTES)
    parser = _sheet_parser(sheet, strings, max_row, max_col, budget or _Budget())
    with archive.open(info) as handle:
        parse_stream(parser, Bounded(handle, info.file_size))


C, F, V, IS, T = (f"{MAIN_NS}{SEP}{tag}" for tag in ("c", "f", "v", "is", "t"))
MERGE, ROW, SHEET_DATA = (f"{MAIN_NS}{SEP}{tag}" for tag in ("mergeCell", "row", "sheetData"))


def _sheet_parser(sheet: SheetData, strings: list[str], max_row: int, max_col: int, budget: _Budget):  # type: ignore[no-untyped-def]
    """An expat parser that streams a worksheet part: each <c> with its <f>, <v> or inline <is>, and the merged ranges.

    The callbacks run for every element of the biggest part, so they keep their state in closures
    (no attribute look-ups). Past ``</sheetData>`` only merged ranges matter: the conditional formats
    and validations that follow are parsed (a malformed part is still refused) without a callback
    each, unless a row or cell turns up there, which is read as inside.
    """
    cells, merges = sheet.cells, sheet.merges
    where: tuple[int, int] | None = None
    kind, style, length = "n", 0, 0  # length: characters gathered for the current <f>, <v> or <t>
    formula: list[str] | None = None
    value: list[str] | None = None
    inline: list[str] | None = None
    target: list[str] | None = None

    def beyond() -> None:
        sheet.cells_out_of_bounds += 1
        if sheet.cells_out_of_bounds > MAX_OUT_OF_BOUNDS:
            raise ReadLimit("far_beyond_form", sheet=sheet.name, row=max_row, col=max_col)

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal where, kind, style, length, formula, value, inline, target
        length = 0
        if name == C:
            where = None
            ref = attrs.get("r")
            if not ref:
                return
            at = _rowcol(ref)
            if at[0] > max_row or at[1] > max_col:
                beyond()
                return
            budget.cells += 1
            if budget.cells > MAX_CELLS:
                raise ReadLimit("too_many_cells", limit=MAX_CELLS)
            where = at
            kind = attrs.get("t", "n")
            style = int(attrs.get("s", "0") or 0)
            formula = value = inline = target = None
        elif name == ROW:
            row = attrs.get("r", "")
            if row.isdigit() and int(row) > max_row:
                beyond()
        elif where is None:
            if name == MERGE:
                merges.append(attrs.get("ref", ""))
        elif name == V:
            value = target = []
        elif name == F:
            formula = target = []
        elif name == IS:
            inline = []
        elif name == T and inline is not None:
            target = inline

    def end(name: str) -> None:
        nonlocal where, target
        if name == C:
            if where is not None:
                if formula is None and value is None and kind != "inlineStr":  # most cells: empty, styled
                    if style:
                        cells[where] = CellData(None, None, kind, style)
                else:
                    cell = _cell(kind, style, formula, value, inline, strings)
                    if cell is not None:
                        cells[where] = cell
            where = None
        elif name == V or name == F or name == T:
            target = None
        elif name == SHEET_DATA:
            parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = after, None, None

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
          inline: list[str] | None, strings: list[str]) -> CellData | None:
    raw = None if raw_parts is None else "".join(raw_parts)
    text_formula = None if formula is None else "".join(formula)
    value: object = None
    if kind == "inlineStr":
        value = "".join(inline or [])
    elif raw is None:
        value = None
    elif kind == "s":
        index = int(raw) if raw.strip().isdigit() else -1
        value = strings[index] if 0 <= index < len(strings) else ""
    elif kind in ("str", "e"):
        value = raw
    elif kind == "b":
        value = raw.strip() in ("1", "true")
    else:
        value = _number(raw)
    if value is None and text_formula is None:
        return CellData(None, None, kind, style) if style else None
    truncated = isinstance(value, str) and len(value) > MAX_CELL_CHARS
    if truncated:
        value = value[:MAX_CELL_CHARS]  # type: ignore[index]
    return CellData(value, text_formula, kind, style, truncated, picture_id(text_formula))


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
