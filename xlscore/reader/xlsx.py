"""A single-pass reader of .xlsx/.xlsm packages: every cell's formula and cached value together.

The zip is opened once. The small parts (workbook, relationships, styles) are parsed with
``defusedxml``; the big ones (shared strings, sheets) are streamed through the C pull parser after
their prolog has been checked for a DOCTYPE — the same rule as defusedxml's ``forbid_dtd``: without
a DTD there are no entity declarations, so no entity expansion and no external entities. Reads are
bounded: cells beyond ``max_row``/``max_col`` are counted, not kept. The result is a neutral
structure that knows nothing about rubrics.
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
import pyexpat
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from xlscore.cells import cell_to_rowcol
from xlscore.reader.errors import UnreadableWorkbook
from xlscore.reader.sniff import inspect_zip, sniff
from xlscore.reader.streaming import MAIN_NS, SEP, feed, read_shared_strings

STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
M = f"{{{MAIN_NS}}}"
MAX_CELL_CHARS = 32767
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


@dataclass
class WorkbookData:
    """A workbook's cells and names, read once."""

    path: str
    sheets: dict[str, SheetData]
    names: dict[str, str]  # workbook-level defined name → its formula text (e.g. 'Sheet'!$G$6, #REF!)
    percent_styles: set[int] = field(default_factory=set)
    parts: list[str] = field(default_factory=list)

    @property
    def has_macros(self) -> bool:
        return "xl/vbaProject.bin" in self.parts


def read_workbook(path: str | Path, *, max_row: int = 20000, max_col: int = 64) -> WorkbookData:
    """Read ``path``; raises :class:`UnreadableWorkbook` with a reason when it cannot be read at all."""
    path = Path(path)
    sniff(path)
    try:
        with zipfile.ZipFile(path) as archive:
            inspect_zip(path, archive)
            return _read(path, archive, max_row, max_col)
    except UnreadableWorkbook:
        raise
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
    root = _parse(archive, "xl/workbook.xml")
    if root.tag.startswith(f"{{{STRICT_NS}}}"):
        raise UnreadableWorkbook(str(path), "strict_ooxml")
    targets = _relationships(archive, "xl/_rels/workbook.xml.rels", "xl")
    sheets: dict[str, SheetData] = {}
    for node in root.iter(f"{M}sheet"):
        rid = node.get(f"{{{REL_NS}}}id", "")
        sheet = SheetData(node.get("name", ""), node.get("state", "visible"), targets.get(rid, ""))
        sheets[sheet.name] = sheet
    names = {
        node.get("name", ""): (node.text or "")
        for node in root.iter(f"{M}definedName")
        if node.get("localSheetId") is None
    }
    strings = read_shared_strings(archive) if "xl/sharedStrings.xml" in parts else []
    percent = _percent_styles(archive) if "xl/styles.xml" in parts else set()
    for sheet in sheets.values():
        if sheet.part in parts:
            _read_sheet(archive, sheet, strings, max_row, max_col)
    return WorkbookData(str(path), sheets, names, percent, parts)


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


def _read_sheet(archive: zipfile.ZipFile, sheet: SheetData, strings: list[str], max_row: int, max_col: int) -> None:
    collector = _SheetCells(sheet, strings, max_row, max_col)
    with archive.open(sheet.part) as handle:
        feed(handle, collector)


class _SheetCells:
    """Streams a worksheet part: each <c> with its <f>, <v> or inline <is>, and the merged ranges."""

    C, F, V, IS, T = (f"{MAIN_NS}{SEP}{tag}" for tag in ("c", "f", "v", "is", "t"))
    MERGE = f"{MAIN_NS}{SEP}mergeCell"

    def __init__(self, sheet: SheetData, strings: list[str], max_row: int, max_col: int) -> None:
        self.sheet, self.strings, self.max_row, self.max_col = sheet, strings, max_row, max_col
        self.where: tuple[int, int] | None = None
        self.kind, self.style = "n", 0
        self.formula: list[str] | None = None
        self.value: list[str] | None = None
        self.inline: list[str] | None = None
        self.target: list[str] | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == self.C:
            self._open_cell(attrs)
        elif self.where is None:
            if name == self.MERGE:
                self.sheet.merges.append(attrs.get("ref", ""))
        elif name == self.F:
            self.formula = []
            self.target = self.formula
        elif name == self.V:
            self.value = []
            self.target = self.value
        elif name == self.IS:
            self.inline = []
        elif name == self.T and self.inline is not None:
            self.target = self.inline

    def _open_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        self.where = None
        if not ref:
            return
        row, col = cell_to_rowcol(ref)
        if row > self.max_row or col > self.max_col:
            self.sheet.cells_out_of_bounds += 1
            return
        self.where = (row, col)
        self.kind = attrs.get("t", "n")
        self.style = int(attrs.get("s", "0") or 0)
        self.formula = self.value = self.inline = self.target = None

    def end(self, name: str) -> None:
        if name == self.C:
            if self.where is not None:
                cell = _cell(self.kind, self.style, self.formula, self.value, self.inline, self.strings)
                if cell is not None:
                    self.sheet.cells[self.where] = cell
            self.where = None
        elif name in (self.F, self.V, self.T):
            self.target = None

    def data(self, text: str) -> None:
        if self.target is not None:
            self.target.append(text)


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
    return CellData(value, text_formula, kind, style, truncated)


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
