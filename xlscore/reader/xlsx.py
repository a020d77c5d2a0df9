"""A single-pass reader of .xlsx/.xlsm packages: every cell's formula and cached value together.

The zip is opened once; workbook, relationships, shared strings, styles and each sheet are parsed
with ``defusedxml`` (no DTDs, no entities) and streamed with iterparse. Reads are bounded: cells
beyond ``max_row``/``max_col`` are counted, not kept. The result is a neutral structure that
knows nothing about rubrics.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from xlscore.cells import cell_to_rowcol
from xlscore.reader.errors import UnreadableWorkbook
from xlscore.reader.sniff import inspect_zip, sniff

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
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
    except (SafeET.ParseError, KeyError, ValueError, EOFError, OSError, RuntimeError) as exc:
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
    strings = _shared_strings(archive) if "xl/sharedStrings.xml" in parts else []
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


def _text_of(node) -> str:  # type: ignore[no-untyped-def]
    """The text of an <si> or <is>: its <t>, or its runs' <t>, without phonetic runs."""
    direct = node.find(f"{M}t")
    if direct is not None:
        return direct.text or ""
    return "".join((run.findtext(f"{M}t") or "") for run in node.findall(f"{M}r"))


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    strings: list[str] = []
    with archive.open("xl/sharedStrings.xml") as handle:
        for _event, node in SafeET.iterparse(handle, events=("end",), forbid_dtd=True):
            if node.tag == f"{M}si":
                strings.append(_text_of(node))
                node.clear()
    return strings


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
    with archive.open(sheet.part) as handle:
        for node in _cells_and_merges(handle):
            if node.tag == f"{M}mergeCell":
                sheet.merges.append(node.get("ref", ""))
                continue
            ref = node.get("r")
            if not ref:
                continue
            row, col = cell_to_rowcol(ref)
            if row > max_row or col > max_col:
                sheet.cells_out_of_bounds += 1
                continue
            cell = _cell(node, strings)
            if cell is not None:
                sheet.cells[(row, col)] = cell


def _cells_and_merges(handle) -> Iterator:  # type: ignore[no-untyped-def]
    cell_tag, merge_tag, row_tag = f"{M}c", f"{M}mergeCell", f"{M}row"
    for _event, node in SafeET.iterparse(handle, events=("end",), forbid_dtd=True):
        if node.tag == cell_tag or node.tag == merge_tag:
            yield node
        elif node.tag == row_tag:
            node.clear()


def _cell(node, strings: list[str]) -> CellData | None:  # type: ignore[no-untyped-def]
    kind = node.get("t", "n")
    style = int(node.get("s", "0") or 0)
    f = node.find(f"{M}f")
    formula = None if f is None else (f.text or "")
    raw = node.findtext(f"{M}v")
    value: object = None
    if kind == "inlineStr":
        inline = node.find(f"{M}is")
        value = _text_of(inline) if inline is not None else ""
    elif raw is None:
        value = None
    elif kind == "s":
        index = int(raw)
        value = strings[index] if 0 <= index < len(strings) else ""
    elif kind in ("str", "e"):
        value = raw
    elif kind == "b":
        value = raw.strip() in ("1", "true")
    else:
        value = _number(raw)
    if value is None and formula is None:
        return CellData(None, None, kind, style) if style else None
    truncated = isinstance(value, str) and len(value) > MAX_CELL_CHARS
    if truncated:
        value = value[:MAX_CELL_CHARS]  # type: ignore[index]
    return CellData(value, formula, kind, style, truncated)


def _number(raw: str) -> float | str | None:
    """A numeric cell's value; an empty one is blank, an unparsable one is kept as text."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        return raw
