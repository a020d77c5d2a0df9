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
import posixpath
import zipfile
import pyexpat
from pathlib import Path
from typing import Iterator

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from xlscore.reader.errors import ReadLimit, UnreadableWorkbook
from xlscore.reader.model import CellData, LazySheets, ReadProblem, SheetData, WorkbookData
from xlscore.reader.sheet import MAX_CELL_CHARS, Limits, read_sheet
from xlscore.reader.sniff import inspect_zip, sniff
from xlscore.reader.streaming import MAIN_NS, SEP, expat_parser, parse_stream, read_shared_strings, workbook_outline
from xlscore.reader.styles import percent_styles

__all__ = ["CellData", "LazySheets", "ReadProblem", "SheetData", "WorkbookData", "MAX_CELL_CHARS", "read_workbook"]

STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
M = f"{{{MAIN_NS}}}"
#: A scoring form holds a few thousand cells; these bound what one file may make the reader keep or walk.
#: Only cells with content count: empty styled cells (whole rows or columns formatted) are skipped, not kept.
MAX_CELLS = 50_000  # cells with content kept, all sheets read together (the shipped form has about 2,300)
MAX_OUT_OF_BOUNDS = 20_000  # cells with content beyond the form's rows and columns, per sheet
MAX_SHEET_BYTES = 16 * 1024 * 1024  # a form's biggest sheet is about 250 kB unpacked; bounds the time of a sheet
MAX_CUSTOM_PROPERTIES_BYTES = 1024 * 1024
STYLES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
WPS_BUILD = "KSOProductBuildVer"
WPS_RUP_BUILD = "9302"


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
    root, sheet_nodes, name_nodes, facts = workbook_outline(archive)
    if root.startswith(f"{STRICT_NS}{SEP}"):
        raise UnreadableWorkbook(str(path), "strict_ooxml")
    targets, types = _relationships(archive, "xl/_rels/workbook.xml.rels", "xl")
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
    styles = next((target for target, kind in types.items() if kind == STYLES_TYPE and target in parts), "xl/styles.xml")
    percent = percent_styles(_parse(archive, styles), M) if styles in parts else set()
    date1904 = facts.get("workbookPr", {}).get("date1904") in ("1", "true")
    limits = Limits(max_row, max_col, MAX_CELLS, MAX_OUT_OF_BOUNDS, MAX_SHEET_BYTES, date1904)

    def load(sheet: SheetData) -> None:
        if sheet.part in parts:
            with _refusing(path), zipfile.ZipFile(path) as again:
                read_sheet(again, sheet, strings, limits)

    book = WorkbookData(str(path), LazySheets(sheets, load), names, percent, parts, hidden, local, date1904=date1904)
    book.wps_build = _custom_property(archive, WPS_BUILD) if "docProps/custom.xml" in parts else ""
    if book.wps_build or facts.get("fileVersion", {}).get("rupBuild") == WPS_RUP_BUILD:
        book.written_by = "WPS"
    return book


def _parse(archive: zipfile.ZipFile, part: str):  # type: ignore[no-untyped-def]
    with archive.open(part) as handle:
        return SafeET.parse(handle, forbid_dtd=True).getroot()


def _relationships(archive: zipfile.ZipFile, part: str, base: str) -> tuple[dict[str, str], dict[str, str]]:
    """Relationship id → part, and part → relationship type."""
    if part not in archive.namelist():
        return {}, {}
    root = _parse(archive, part)
    out, types = {}, {}
    for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out[rel.get("Id", "")] = resolved
        types[resolved] = rel.get("Type", "")
    return out, types


def _custom_property(archive: zipfile.ZipFile, wanted: str) -> str:
    """The text of custom document property ``wanted`` (``docProps/custom.xml``), "" when absent or unreadable."""
    info = archive.getinfo("docProps/custom.xml")
    if info.file_size > MAX_CUSTOM_PROPERTIES_BYTES:
        return ""
    found: list[str] = []
    inside: list[bool] = [False]

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.endswith("}property"):
            inside[0] = attrs.get("name") == wanted

    def data(text: str) -> None:
        if inside[0]:
            found.append(text)

    def end(name: str) -> None:
        if name.endswith("}property"):
            inside[0] = False

    try:
        with archive.open(info) as handle:
            parse_stream(expat_parser(start, end, data), handle)
    except (pyexpat.ExpatError, DefusedXmlException):
        return ""  # a fact for reports only: a damaged part does not stop the check
    return "".join(found).strip()


