"""The checked copy (SPEC §4): the returned workbook's own package, plus a 差异表 sheet and highlights.

openpyxl's load → save drops x14 validations, images, form controls, threaded comments and WPS
in-cell images, so the copy is made by package surgery instead. Each part that has to change is
parsed with ``defusedxml`` first (no DTDs, no entities), edited as text at located positions (so
namespaces, prefixes and everything else stay exactly as they were) and parsed again afterwards.
Every other part is copied unchanged (the same bytes after decompression).

Parts the copy changes:

* ``[Content_Types].xml``: an Override for the new sheet (the workbook's own content type stays,
  so an ``.xlsm`` stays macro-enabled and keeps ``xl/vbaProject.bin``);
* ``xl/workbook.xml``: the new sheet first in ``<sheets>``, every ``definedName@localSheetId``
  plus one, print titles for the new sheet, ``activeTab``/``firstSheet`` 0;
* ``xl/_rels/workbook.xml.rels``: the new sheet's relationship;
* ``xl/styles.xml``: fonts, fills, a border and cell styles for the new sheet, two ``<dxf>``
  highlight fills (errors, warnings);
* each worksheet with an error or warning at a cell: one ``<conditionalFormatting>`` per
  severity (formula ``TRUE``, so empty cells light up too; ``sheetData`` is not touched);
* each sheet whose tab was selected: ``tabSelected`` removed, or Excel would open it grouped
  with the new sheet;
* new: ``xl/worksheets/sheetN.xml``, the 差异表 itself (inline strings only).
"""

from __future__ import annotations

import codecs
import os
import posixpath
import re
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from xlscore.cells import cell_to_rowcol, quote_sheet, rowcol_to_cell
from xlscore.report.wording import (
    COLUMNS, column_header, copy_text, error_text, severity_name, sheet_name_choice,
)
from xlscore.check.findings import Finding, Report, Severity, Totals
from xlscore.form.sizing import lines_needed
from xlscore.reader.errors import UnreadableWorkbook
from xlscore.reader.sniff import inspect_zip
from xlscore.form.wording import PASSES, pass_name

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = REL_NS + "/officeDocument"
WORKSHEET_REL = REL_NS + "/worksheet"
STYLES_REL = REL_NS + "/styles"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAX_CELL_CHARS = 32767
MAX_ROW, MAX_COL = 1048576, 16384
MAX_LINKS = 65530  # hyperlinks Excel keeps per worksheet

#: Highlight and severity colours (ARGB): light red for errors, light orange for warnings.
ERROR_FILL, WARNING_FILL, INFO_FILL, HEADER_FILL = "FFFFC7CE", "FFFFD8A8", "FFDDEBF7", "FFD9D9D9"
#: Font and frame colour of highlighted cells: dark red for errors, dark orange for warnings.
ERROR_INK, WARNING_INK = "FF9C0006", "FF9C5700"
LINK_COLOUR = "FF0563C1"
#: Widths of the 差异表 columns A–I, in the order of ``copy_wording.COLUMNS``.
WIDTHS = (8, 10, 10, 20, 10, 10, 14, 14, 70)
MESSAGE_COL = len(COLUMNS)
ROW_HEIGHT = 15.0

#: Worksheet children that come after ``conditionalFormatting`` (ECMA-376 CT_Worksheet order).
AFTER_CONDITIONAL_FORMATTING = frozenset({
    "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
    "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
    "tableParts", "extLst", "AlternateContent",
})
#: Workbook children that come after ``definedNames`` (CT_Workbook order).
AFTER_DEFINED_NAMES = frozenset({
    "calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
    "fileRecoveryPr", "webPublishObjects", "extLst",
})
#: Stylesheet children in schema order (CT_Stylesheet).
STYLE_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
               "tableStyles", "colors", "extLst")


class CopyError(ValueError):
    """The checked copy cannot be written (the message says why, in the report's language)."""


def write_checked_copy(source: Path, target: Path, report: Report, lang: str = "zh") -> Path:
    """Write ``source`` plus a first sheet 差异表 and highlighted cells to ``target``, atomically.

    ``source`` is only read. Raises :class:`CopyError` (a ValueError) when ``target`` is ``source``
    or the package cannot be edited, and OSError when ``target`` cannot be written.
    """
    source, target = Path(source), Path(target)
    _refuse_same_file(source, target, lang)
    try:
        with zipfile.ZipFile(source) as archive:
            inspect_zip(source, archive)
            package = _Package(archive, source, lang)
            _edit(package, report, lang)
            _write_atomically(archive, package.encoded(), target)
    except _Unsupported as exc:
        raise CopyError(error_text("unsupported", lang, file=source.name, part=exc.part, detail=exc.detail)) from None
    except (zipfile.BadZipFile, UnreadableWorkbook, SafeET.ParseError, DefusedXmlException, KeyError, EOFError,
            UnicodeError, zlib.error) as exc:
        detail = type(exc).__name__
        raise CopyError(error_text("not_a_package", lang, file=source.name, detail=detail)) from None
    return target


def _refuse_same_file(source: Path, target: Path, lang: str) -> None:
    same = source.resolve() == target.resolve()
    if not same and target.exists() and source.exists():
        same = os.path.samefile(source, target)
    if same:
        raise CopyError(error_text("same_file", lang, file=source.name))


class _Unsupported(Exception):
    def __init__(self, part: str, detail: str) -> None:
        super().__init__(f"{part}: {detail}")
        self.part, self.detail = part, detail


# --- the package -------------------------------------------------------------------------------
@dataclass
class _Text:
    """An XML part's text and the encoding to write it back in."""

    text: str
    encoding: str = "utf-8"

    def encode(self) -> bytes:
        return self.text.encode(self.encoding)


class _Package:
    """The source package, read on demand, and the parts edited or added so far."""

    def __init__(self, archive: zipfile.ZipFile, path: Path, lang: str) -> None:
        names = archive.namelist()
        if len(set(names)) != len(names):
            raise _Unsupported("/", "duplicate part names")
        self.archive, self.path, self.lang = archive, path, lang
        self.names = set(names)
        self.edited: dict[str, _Text] = {}
        self._roots: dict[str, Element] = {}

    def has(self, part: str) -> bool:
        return part in self.names or part in self.edited

    def root(self, part: str) -> Element:
        """The source part parsed with defusedxml (every part is parsed so before it is edited)."""
        if part not in self._roots:
            self._roots[part] = SafeET.fromstring(read_part(self.archive, part), forbid_dtd=True)
        return self._roots[part]

    def text(self, part: str) -> _Text:
        if part in self.edited:
            return self.edited[part]
        self.root(part)
        return _decode(part, read_part(self.archive, part))

    def put(self, part: str, text: str, like: _Text | None = None) -> None:
        self.edited[part] = _Text(text, like.encoding if like else "utf-8")

    def taken(self) -> set[str]:
        return {name.lower() for name in self.names | set(self.edited)}

    def encoded(self) -> dict[str, bytes]:
        out = {part: text.encode() for part, text in self.edited.items()}
        for data in out.values():
            SafeET.fromstring(data, forbid_dtd=True)  # every edit must leave well-formed XML
        return out


def read_part(archive: zipfile.ZipFile, part: str | zipfile.ZipInfo) -> bytes:
    """A part's bytes, inflated no further than its declared size (vetted by inspect_zip).

    ``ZipFile.read`` inflates whatever the compressed data holds before it compares sizes and CRC, so a
    part that lies about its size would unpack in full; bounded, zipfile stops and raises BadZipFile.
    """
    info = part if isinstance(part, zipfile.ZipInfo) else archive.getinfo(part)
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)
        if len(data) != info.file_size:
            raise zipfile.BadZipFile(f"{info.filename} is not {info.file_size} bytes long")
        return data


def _decode(part: str, data: bytes) -> _Text:
    if data.startswith(codecs.BOM_UTF8):
        return _Text(data[3:].decode("utf-8"), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _Text(data.decode("utf-16"), "utf-16")
    declared = re.match(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)", data[:200])
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        raise _Unsupported(part, f"encoding {declared.group(1).decode('ascii', 'replace')}")
    return _Text(data.decode("utf-8"))


def _relationships(package: _Package, rels_part: str, folder: str) -> list[tuple[str, str, str]]:
    """(id, type, part) of a relationships part; targets resolved to part names, external ones left out."""
    if not package.has(rels_part):
        return []
    out = []
    for rel in package.root(rels_part).iter(f"{{{PKG_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            out.append((rel.get("Id", ""), rel.get("Type", ""), ""))
            continue
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append((rel.get("Id", ""), rel.get("Type", ""), part))
    return out


@dataclass
class _Sheet:
    name: str
    part: str
    is_worksheet: bool


@dataclass
class _Book:
    part: str
    folder: str
    rels_part: str
    sheets: list[_Sheet]
    rel_ids: set[str]
    styles: str | None

    def worksheet(self, name: str | None) -> _Sheet | None:
        sheet = next((s for s in self.sheets if s.name == name), None)
        return sheet if sheet is not None and sheet.is_worksheet else None


def _read_book(package: _Package) -> _Book:
    office = [p for _, kind, p in _relationships(package, "_rels/.rels", "") if kind == OFFICE_DOCUMENT]
    part = office[0] if office else "xl/workbook.xml"
    if not package.has(part):
        raise _Unsupported(part, "no workbook part")
    root = package.root(part)
    if root.tag != f"{{{MAIN_NS}}}workbook":
        raise _Unsupported(part, "not a transitional SpreadsheetML workbook (Strict Open XML?)")
    folder = posixpath.dirname(part)
    rels_part = posixpath.join(folder, "_rels", posixpath.basename(part) + ".rels")
    rels = _relationships(package, rels_part, folder)
    targets = {rid: (kind, target) for rid, kind, target in rels}
    sheets = []
    for node in root.iter(f"{{{MAIN_NS}}}sheet"):
        kind, target = targets.get(node.get(f"{{{REL_NS}}}id", ""), ("", ""))
        sheets.append(_Sheet(node.get("name", ""), target, kind == WORKSHEET_REL and package.has(target)))
    styles = next((t for _, kind, t in rels if kind == STYLES_REL and package.has(t)), None)
    return _Book(part, folder, rels_part, sheets, {rid for rid, _, _ in rels}, styles)


# --- locating elements in XML text -------------------------------------------------------------
_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!.*?>"
    r"|</(?P<end>[^\s>]+)\s*>"
    r"|<(?P<start>[^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(?P<empty>/?)>",
    re.DOTALL,
)
_ATTR = re.compile(r"(\s+)([^\s=/>]+)(\s*=\s*)(\"[^\"]*\"|'[^']*')")
#: Children whose content is skipped when locating (a worksheet's cells can be megabytes).
_SKIPPED = frozenset({"sheetData"})


@dataclass
class _Node:
    """An element's place in the text: ``<start …>`` inner ``</close>`` end."""

    qname: str
    start: int
    inner: int
    close: int
    end: int

    @property
    def local(self) -> str:
        return self.qname.rpartition(":")[2]

    @property
    def prefix(self) -> str:
        return self.qname[: len(self.qname) - len(self.local)]

    @property
    def empty(self) -> bool:
        return self.inner == self.end


@dataclass
class _Tree:
    root: _Node
    children: list[_Node]

    def child(self, local: str) -> _Node | None:
        return next((c for c in self.children if c.local == local), None)

    def before(self, locals_: frozenset[str] | tuple[str, ...]) -> int:
        """Where a new child goes so that it precedes every child named in ``locals_``."""
        return next((c.start for c in self.children if c.local in locals_), self.root.close)


def _locate(text: str, part: str = "") -> _Tree:
    """The root element and its direct children, located in ``text`` (which defusedxml accepted)."""
    stack: list[_Node] = []
    children: list[_Node] = []
    root: _Node | None = None
    pos = 0
    while (match := _TOKEN.search(text, pos)) is not None:
        pos = match.end()
        if match.group("start") is not None:
            node = _Node(match.group("start"), match.start(), pos, pos, pos)
            if match.group("empty"):
                if len(stack) == 1:
                    children.append(node)
                elif not stack:
                    root = node
            elif len(stack) == 1 and node.local in _SKIPPED:
                closing = re.compile(rf"</{re.escape(node.qname)}\s*>").search(text, pos)
                if closing is None:
                    raise _Unsupported(part, f"unclosed {node.qname}")
                node.close, node.end = closing.start(), closing.end()
                children.append(node)
                pos = node.end
            else:
                stack.append(node)
        elif match.group("end") is not None:
            if not stack or stack[-1].qname != match.group("end"):
                raise _Unsupported(part, f"unexpected </{match.group('end')}>")
            node = stack.pop()
            node.close, node.end = match.start(), match.end()
            if len(stack) == 1:
                children.append(node)
            elif not stack:
                root = node
    if root is None or stack:
        raise _Unsupported(part, "no root element")
    return _Tree(root, children)


def _child_count(text: str, node: _Node) -> int:
    depth = count = 0
    for match in _TOKEN.finditer(text, node.inner, node.close):
        if match.group("start") is not None:
            count += depth == 0
            depth += not match.group("empty")
        elif match.group("end") is not None:
            depth -= 1
    return count


def _attr(tag: str, name: str) -> str | None:
    return next((m.group(4)[1:-1] for m in _ATTR.finditer(tag) if m.group(2) == name), None)


def _with_attr(tag: str, name: str, value: str | None) -> str:
    """The start tag ``tag`` with attribute ``name`` set to ``value`` (removed when ``None``)."""
    for match in _ATTR.finditer(tag):
        if match.group(2) == name:
            if value is None:
                return tag[: match.start()] + tag[match.end():]
            return tag[: match.start(4)] + _quote(value) + tag[match.end(4):]
    if value is None:
        return tag
    close = len(tag) - (2 if tag.endswith("/>") else 1)
    return f"{tag[:close]} {name}={_quote(value)}{tag[close:]}"


def _rewrite_tags(text: str, node: _Node, local: str, rewrite) -> str:  # type: ignore[no-untyped-def]
    """``text`` with every start tag named ``local`` inside ``node`` replaced by ``rewrite(tag)``."""
    pieces, last = [], node.inner
    for match in _TOKEN.finditer(text, node.inner, node.close):
        qname = match.group("start")
        if qname is not None and qname.rpartition(":")[2] == local:
            pieces += [text[last: match.start()], rewrite(match.group(0))]
            last = match.end()
    return text[: node.inner] + "".join(pieces) + text[last:]


def _opened(text: str, node: _Node) -> str:
    """``text`` with the empty element ``<x …/>`` at ``node`` written as ``<x …></x>``."""
    tag = re.sub(r"\s*/>$", ">", text[node.start: node.end])
    return text[: node.start] + tag + f"</{node.qname}>" + text[node.end:]


def _ensure_child(text: str, local: str, successors: frozenset[str] | tuple[str, ...], part: str
                  ) -> tuple[str, _Tree, _Node]:
    """``text`` with a non-empty-form ``local`` child of the root (created before ``successors``)."""
    tree = _locate(text, part)
    node = tree.child(local)
    if node is None:
        prefix = tree.root.prefix
        at = tree.before(successors)
        text = f"{text[:at]}<{prefix}{local}></{prefix}{local}>{text[at:]}"
    elif node.empty:
        text = _opened(text, node)
    else:
        return text, tree, node
    tree = _locate(text, part)
    return text, tree, tree.child(local)  # type: ignore[return-value]


# --- XML text helpers ----------------------------------------------------------------------------
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(value: object) -> str:
    """Text for a cell: characters XML cannot hold removed, at most 32,767 (UTF-16) characters."""
    text = "" if value is None else str(value)
    text = _ILLEGAL_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) <= MAX_CELL_CHARS // 2:
        return text
    units = text.encode("utf-16-le")
    return units[: 2 * MAX_CELL_CHARS].decode("utf-16-le", errors="ignore") if len(units) > 2 * MAX_CELL_CHARS else text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _quote(value: str) -> str:
    escaped = _escape(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return f'"{escaped}"'


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


# --- the edit ----------------------------------------------------------------------------------
def _edit(package: _Package, report: Report, lang: str) -> None:
    book = _read_book(package)
    name = sheet_name_choice({s.name for s in book.sheets}, lang)
    part = _free_part(package, posixpath.join(book.folder, "worksheets"), "sheet")
    styles = _add_styles(package, book)
    sheet_xml, header_row = _discrepancy_sheet(report, book, styles, lang)
    package.put(part, sheet_xml)
    rid = _fresh_id(book.rel_ids)
    _add_relationship(package, book, rid, WORKSHEET_REL, posixpath.relpath(part, book.folder or "."))
    _add_override(package, part, WORKSHEET_TYPE)
    _edit_workbook(package, book, name, rid, header_row)
    for sheet in book.sheets:
        _deselect(package, sheet)
    _highlight(package, book, report, styles)
    _verify(package, book, name)


def _verify(package: _Package, book: _Book, name: str) -> None:
    """The edited workbook parses and lists the new sheet first (a last guard against a bad edit)."""
    root = SafeET.fromstring(package.text(book.part).encode(), forbid_dtd=True)
    first = next(root.iter(f"{{{MAIN_NS}}}sheet"), None)
    if first is None or first.get("name") != name:
        raise _Unsupported(book.part, "the new sheet is not first")


def _free_part(package: _Package, folder: str, stem: str, *, plain: bool = False) -> str:
    """An unused part name ``folder/stemN.xml`` (``folder/stem.xml`` first when ``plain``)."""
    taken = package.taken() | _overridden(package)
    names = ([f"{stem}.xml"] if plain else []) + [f"{stem}{n}.xml" for n in range(1, len(taken) + 2)]
    return next(posixpath.join(folder, name) for name in names if posixpath.join(folder, name).lower() not in taken)


def _overridden(package: _Package) -> set[str]:
    root = package.root("[Content_Types].xml")
    return {node.get("PartName", "").lstrip("/").lower() for node in root.iter() if node.tag.endswith("Override")}


def _fresh_id(ids: set[str]) -> str:
    n = len(ids) + 1
    while f"rId{n}" in ids:
        n += 1
    ids.add(f"rId{n}")
    return f"rId{n}"


def _append_to_root(package: _Package, part: str, snippet: str) -> None:
    current = package.text(part)
    tree = _locate(current.text, part)
    text = current.text
    if tree.root.empty:
        text = _opened(text, tree.root)
        tree = _locate(text, part)
    package.put(part, text[: tree.root.close] + snippet + text[tree.root.close:], current)


def _add_relationship(package: _Package, book: _Book, rid: str, kind: str, target: str) -> None:
    if not package.has(book.rels_part):
        package.put(book.rels_part, f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}"></Relationships>')
    prefix = _locate(package.text(book.rels_part).text).root.prefix
    snippet = f"<{prefix}Relationship Id={_quote(rid)} Type={_quote(kind)} Target={_quote(target)}/>"
    _append_to_root(package, book.rels_part, snippet)


def _add_override(package: _Package, part: str, content_type: str) -> None:
    prefix = _locate(package.text("[Content_Types].xml").text).root.prefix
    snippet = f"<{prefix}Override PartName={_quote('/' + part)} ContentType={_quote(content_type)}/>"
    _append_to_root(package, "[Content_Types].xml", snippet)


# --- xl/workbook.xml ---------------------------------------------------------------------------
def _edit_workbook(package: _Package, book: _Book, name: str, rid: str, header_row: int) -> None:
    current = package.text(book.part)
    text = _shift_local_sheet_ids(current.text, book.part)
    text = _add_print_titles(text, book.part, name, header_row)
    text = _insert_sheet(text, book.part, name, rid, _next_sheet_id(package.root(book.part)))
    text = _activate_first(text, book.part)
    package.put(book.part, text, current)


def _shift_local_sheet_ids(text: str, part: str) -> str:
    names = _locate(text, part).child("definedNames")
    if names is None or names.empty:
        return text

    def shift(tag: str) -> str:
        index = _attr(tag, "localSheetId")
        return _with_attr(tag, "localSheetId", str(int(index) + 1)) if index and index.isdigit() else tag

    return _rewrite_tags(text, names, "definedName", shift)


def _add_print_titles(text: str, part: str, name: str, header_row: int) -> str:
    text, tree, names = _ensure_child(text, "definedNames", AFTER_DEFINED_NAMES, part)
    p = tree.root.prefix
    value = _escape(f"{quote_sheet(name)}!${header_row}:${header_row}")
    snippet = f'<{p}definedName name="_xlnm.Print_Titles" localSheetId="0">{value}</{p}definedName>'
    return text[: names.inner] + snippet + text[names.inner:]


def _next_sheet_id(root: Element) -> int:
    ids = [int(s.get("sheetId", "0")) for s in root.iter(f"{{{MAIN_NS}}}sheet") if s.get("sheetId", "").isdigit()]
    return max(ids, default=0) + 1


def _insert_sheet(text: str, part: str, name: str, rid: str, sheet_id: int) -> str:
    tree = _locate(text, part)
    sheets = tree.child("sheets")
    if sheets is None or sheets.empty:
        raise _Unsupported(part, "no <sheets>")
    p = tree.root.prefix
    root_tag = text[tree.root.start: tree.root.inner]
    declared = re.search(r"\sxmlns:([^\s=]+)\s*=\s*[\"']" + re.escape(REL_NS) + "[\"']", root_tag)
    r_attr = f"{declared.group(1)}:id" if declared else f'xmlns:r="{REL_NS}" r:id'
    snippet = f'<{p}sheet name={_quote(name)} sheetId="{sheet_id}" {r_attr}={_quote(rid)}/>'
    return text[: sheets.inner] + snippet + text[sheets.inner:]


def _activate_first(text: str, part: str) -> str:
    """The new sheet (index 0) as the active tab, scrolled into view, in every workbook view."""
    tree = _locate(text, part)
    views = tree.child("bookViews")
    p = tree.root.prefix
    if views is None or views.empty:
        at = views.start if views else tree.child("sheets").start  # type: ignore[union-attr]
        end = views.end if views else at
        return f'{text[:at]}<{p}bookViews><{p}workbookView activeTab="0"/></{p}bookViews>{text[end:]}'

    def activate(tag: str) -> str:
        tag = _with_attr(tag, "activeTab", "0")
        return _with_attr(tag, "firstSheet", "0") if _attr(tag, "firstSheet") is not None else tag

    return _rewrite_tags(text, views, "workbookView", activate)


_TAB_SELECTED = tuple("tabSelected".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))


def _deselect(package: _Package, sheet: _Sheet) -> None:
    """Clear ``tabSelected`` so the old active sheet is not grouped with the new one."""
    if not sheet.part or sheet.part not in package.names:
        return
    raw = read_part(package.archive, sheet.part)
    if not any(mark in raw for mark in _TAB_SELECTED):
        return
    current = package.text(sheet.part)
    views = _locate(current.text, sheet.part).child("sheetViews")
    if views is None or views.empty:
        return
    text = _rewrite_tags(current.text, views, "sheetView", lambda tag: _with_attr(tag, "tabSelected", None))
    if text != current.text:
        package.put(sheet.part, text, current)


# --- xl/styles.xml -----------------------------------------------------------------------------
@dataclass
class _Styles:
    xf: dict[str, int]  # the 差异表's cell styles by key → cellXfs index
    error_dxf: int
    warning_dxf: int


#: The 差异表's cell styles: key → (font, fill, bordered, horizontal, vertical, wrap, quotePrefix).
_CELL_STYLES: dict[str, tuple[str | None, str | None, bool, str | None, str, bool, bool]] = {
    "title": ("title", None, False, "left", "center", False, True),
    "label": ("bold", None, False, "left", "top", False, True),
    "value": (None, None, False, "left", "top", False, True),
    "header": ("bold", "header", True, "center", "center", True, True),
    "text": (None, None, True, None, "top", False, True),
    "wrap": (None, None, True, None, "top", True, True),
    "link": ("link", None, True, None, "top", False, True),
    "number": (None, None, True, None, "top", False, False),
    "error": (None, "error", True, "center", "top", False, True),
    "warning": (None, "warning", True, "center", "top", False, True),
    "info": (None, "info", True, "center", "top", False, True),
}
_FILLS = {"header": HEADER_FILL, "error": ERROR_FILL, "warning": WARNING_FILL, "info": INFO_FILL}
_THIN = "".join(f'<{side} style="thin"><color auto="1"/></{side}>' for side in ("left", "right", "top", "bottom"))
_EMPTY_STYLESHEET = f'{XML_DECL}<styleSheet xmlns="{MAIN_NS}"></styleSheet>'


def _add_styles(package: _Package, book: _Book) -> _Styles:
    part = book.styles
    if part is None:
        part = _free_part(package, book.folder, "styles", plain=True)  # openpyxl looks only at xl/styles.xml
        package.put(part, _EMPTY_STYLESHEET)
        target = posixpath.relpath(part, book.folder or ".")
        _add_relationship(package, book, _fresh_id(book.rel_ids), STYLES_REL, target)
        _add_override(package, part, STYLES_TYPE)
    current = package.text(part)
    p = _locate(current.text, part).root.prefix
    base = _base_font(package.root(part) if book.styles else None)
    text, font = _append(current.text, part, "fonts", _fonts(p, base), [f"<{p}font>{base}</{p}font>"])
    text, fill = _append(text, part, "fills", [_fill(p, _FILLS[k]) for k in _FILLS],
                         [f'<{p}fill><{p}patternFill patternType="{t}"/></{p}fill>' for t in ("none", "gray125")])
    text, border = _append(text, part, "borders", [f"<{p}border>{_prefixed(_THIN, p)}<{p}diagonal/></{p}border>"],
                           [f"<{p}border/>"])
    default_xf = f'<{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    text, _ = _append(text, part, "cellStyleXfs", [], [default_xf])
    fonts = {"bold": font, "title": font + 1, "link": font + 2}
    fills = {key: fill + n for n, key in enumerate(_FILLS)}
    xfs = [_xf(p, spec, fonts, fills, border) for spec in _CELL_STYLES.values()]
    text, first_xf = _append(text, part, "cellXfs", xfs, [default_xf.replace("/>", ' xfId="0"/>')])
    # Fill, and also a bold coloured font and a thin frame: a rule of the workbook's own that is
    # also true and has a higher priority wins the fill, but not the font or the frame.
    dxfs = [f'<{p}dxf><{p}font><{p}b/><{p}color rgb="{ink}"/></{p}font>'
            f'<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="{c}"/><{p}bgColor rgb="{c}"/>'
            f"</{p}patternFill></{p}fill>"
            f"<{p}border>" + "".join(f'<{p}{side} style="thin"><{p}color rgb="{ink}"/></{p}{side}>'
                                     for side in ("left", "right", "top", "bottom")) + f"</{p}border></{p}dxf>"
            for c, ink in ((ERROR_FILL, ERROR_INK), (WARNING_FILL, WARNING_INK))]
    if book.styles is None:
        normal = f'<{p}cellStyle name="Normal" xfId="0" builtinId="0"/>'
        text, _ = _append(text, part, "cellStyles", [], [normal])
    text, first_dxf = _append(text, part, "dxfs", dxfs, [])
    package.put(part, text, current)
    return _Styles({key: first_xf + n for n, key in enumerate(_CELL_STYLES)}, first_dxf, first_dxf + 1)


def _append(text: str, part: str, local: str, items: list[str], defaults: list[str]) -> tuple[str, int]:
    """``text`` with ``items`` appended to the stylesheet's ``local`` list (``count`` fixed), and the
    index of the first one. An empty or missing list first gets ``defaults`` (what index 0 must be)."""
    successors = STYLE_ORDER[STYLE_ORDER.index(local) + 1:]
    text, _tree, node = _ensure_child(text, local, successors, part)
    existing = _child_count(text, node)
    if existing == 0:
        items = defaults + items
    if not items:
        return text, existing
    tag = _with_attr(text[node.start: node.inner], "count", str(existing + len(items)))
    body = text[node.inner: node.close]
    return text[: node.start] + tag + body + "".join(items) + text[node.close:], max(existing, len(defaults))


def _prefixed(xml: str, prefix: str) -> str:
    return re.sub(r"<(/?)(?=[A-Za-z])", rf"<\g<1>{prefix}", xml) if prefix else xml


def _base_font(root: Element | None) -> str:
    """The inside of a font like the workbook's default one (size, name, family, charset)."""
    m = f"{{{MAIN_NS}}}"
    fonts = root.find(f"{m}fonts") if root is not None else None
    values: dict[str, str | None] = {"sz": "11", "name": "Calibri", "family": None, "charset": None}
    if fonts is not None and len(fonts):
        for tag in values:
            child = fonts[0].find(f"{m}{tag}")
            if child is not None and child.get("val"):
                values[tag] = child.get("val")
    return "".join(f"<{tag} val={_quote(v)}/>" for tag, v in values.items() if v)


def _fonts(p: str, base: str) -> list[str]:
    base = _prefixed(base, p)
    title = re.sub(r'(<(?:[^\s>]+:)?sz val=")[^"]*"', r'\g<1>14"', base)
    link = base.replace(f"<{p}name ", f'<{p}color rgb="{LINK_COLOUR}"/><{p}name ', 1)
    return [f"<{p}font><{p}b/>{base}</{p}font>", f"<{p}font><{p}b/>{title}</{p}font>",
            f"<{p}font><{p}u/>{link}</{p}font>"]


def _fill(p: str, colour: str) -> str:
    return (f'<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="{colour}"/><{p}bgColor indexed="64"/>'
            f"</{p}patternFill></{p}fill>")


def _xf(p: str, spec, fonts: dict[str, int], fills: dict[str, int], border: int) -> str:  # type: ignore[no-untyped-def]
    font, fill, bordered, horizontal, vertical, wrap, quote = spec
    attrs = (f'numFmtId="0" fontId="{fonts[font] if font else 0}" fillId="{fills[fill] if fill else 0}" '
             f'borderId="{border if bordered else 0}" xfId="0" applyFont="1" applyFill="1" applyBorder="1" '
             f'applyAlignment="1"' + (' quotePrefix="1"' if quote else ""))
    align = (f' horizontal="{horizontal}"' if horizontal else "") + f' vertical="{vertical}"' + (
        ' wrapText="1"' if wrap else "")
    return f"<{p}xf {attrs}><{p}alignment{align}/></{p}xf>"


# --- highlights ----------------------------------------------------------------------------------
def _highlight(package: _Package, book: _Book, report: Report, styles: _Styles) -> None:
    """One conditional format per severity on each worksheet with errors or warnings at cells."""
    marked: dict[str, tuple[dict[str, None], dict[str, None]]] = {}
    for finding in report.findings:
        sheet, ref = book.worksheet(finding.sheet), _cell_ref(finding.cell)
        if sheet is None or ref is None or finding.severity is Severity.INFO:
            continue
        errors, warnings = marked.setdefault(sheet.part, ({}, {}))
        (errors if finding.severity is Severity.ERROR else warnings)[ref] = None
    for part, (errors, warnings) in marked.items():
        _add_conditional_formats(package, part, list(errors), [r for r in warnings if r not in errors], styles)


def _cell_ref(cell: str | None) -> str | None:
    """``G6``, ``$G$6`` or ``G5:G7`` as a plain reference inside Excel's grid, else ``None``."""
    if not cell:
        return None
    ends = cell.replace("$", "").strip().upper().split(":")
    for end in ends:
        try:
            row, col = cell_to_rowcol(end)
        except ValueError:
            return None
        if not (1 <= row <= MAX_ROW and 1 <= col <= MAX_COL):
            return None
    return ":".join(ends) if len(ends) <= 2 else None


def _add_conditional_formats(package: _Package, part: str, errors: list[str], warnings: list[str],
                             styles: _Styles) -> None:
    current = package.text(part)
    tree = _locate(current.text, part)
    p = tree.root.prefix
    priority = _max_priority(current.text, tree)
    blocks = []
    for refs, dxf in ((errors, styles.error_dxf), (warnings, styles.warning_dxf)):
        if refs:
            priority += 1
            blocks.append(f'<{p}conditionalFormatting sqref="{" ".join(refs)}"><{p}cfRule type="expression" '
                          f'dxfId="{dxf}" priority="{priority}"><{p}formula>TRUE</{p}formula></{p}cfRule>'
                          f"</{p}conditionalFormatting>")
    at = tree.before(AFTER_CONDITIONAL_FORMATTING)
    package.put(part, current.text[:at] + "".join(blocks) + current.text[at:], current)


def _max_priority(text: str, tree: _Tree) -> int:
    """The highest ``cfRule@priority`` of the sheet, x14 rules in ``extLst`` included (they share it)."""
    data = tree.child("sheetData")
    top = 0
    for match in _TOKEN.finditer(text, data.end if data else tree.root.inner, tree.root.close):
        qname = match.group("start")
        if qname is not None and qname.rpartition(":")[2] == "cfRule":
            value = _attr(match.group(0), "priority") or ""
            top = max(top, int(value) if value.isdigit() else 0)
    return top


# --- the 差异表 sheet ----------------------------------------------------------------------------
@dataclass
class _Grid:
    """The 差异表's cells, merges, hyperlinks and row heights as XML snippets."""

    xf: dict[str, int]
    cells: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)

    def text(self, row: int, col: int, value: object, style: str) -> None:
        """Any text, typed or copied, as an inline string with a quotePrefix style: never a formula."""
        body = _escape(_clean(value))
        self._put(row, col, f'<c r="{rowcol_to_cell(row, col)}" s="{self.xf[style]}" t="inlineStr">'
                            f'<is><t xml:space="preserve">{body}</t></is></c>')

    def number(self, row: int, col: int, value: Decimal | int, style: str) -> None:
        if isinstance(value, Decimal) and not value.is_finite():
            self.text(row, col, value, style)
            return
        shown = _number(value) if isinstance(value, Decimal) else str(value)
        self._put(row, col, f'<c r="{rowcol_to_cell(row, col)}" s="{self.xf[style]}"><v>{shown}</v></c>')

    def blank(self, row: int, col: int, style: str) -> None:
        self._put(row, col, f'<c r="{rowcol_to_cell(row, col)}" s="{self.xf[style]}"/>')

    def merge(self, row: int, first: int, last: int) -> None:
        self.merges.append(f"{rowcol_to_cell(row, first)}:{rowcol_to_cell(row, last)}")

    def _put(self, row: int, col: int, xml: str) -> None:
        self.cells.setdefault(row, []).append((col, xml))


def _discrepancy_sheet(report: Report, book: _Book, styles: _Styles, lang: str) -> tuple[str, int]:
    """The 差异表 worksheet XML and its findings-header row (frozen, repeated on printed pages)."""
    grid = _Grid(styles.xf)
    row = _heading(grid, report, lang)
    row = _totals_table(grid, report, lang, row + 2)
    row = _counts(grid, report, lang, row + 1)
    header = row + 2
    last = _findings(grid, report, book, lang, header)
    return _sheet_xml(grid, header, last, lang), header


def _heading(grid: _Grid, report: Report, lang: str) -> int:
    """Title, file, rubric, unit and period; returns the last row used."""
    missing = copy_text("missing", lang)
    grid.text(1, 1, copy_text("title", lang), "title")
    grid.merge(1, 1, MESSAGE_COL)
    grid.heights[1] = 24.0
    sha = (report.rubric_sha256 or "")[:12] or missing
    rubric = copy_text("rubric_value", lang, id=report.rubric_id or missing, version=report.rubric_version or missing,
                       sha=sha)
    rows = [("file", Path(report.file).name or missing), ("rubric", rubric), ("unit", report.unit or missing),
            ("period", report.period or missing)]
    for row, (label, value) in enumerate(rows, start=2):
        grid.text(row, 1, copy_text(label, lang), "label")
        grid.merge(row, 1, 3)
        grid.text(row, 4, value, "value")
        grid.merge(row, 4, MESSAGE_COL)
    return 1 + len(rows)


def _passes(report: Report) -> list[str]:
    known = [p for p in PASSES if p in report.totals]
    return (known + [p for p in report.totals if p not in known])[:2]


def _totals_table(grid: _Grid, report: Report, lang: str, row: int) -> int:
    """Per section and in all: recomputed vs shown total, for each pass; returns the last row used."""
    passes = _passes(report)
    if not passes:
        return row - 1
    grid.text(row, 1, copy_text("section", lang), "header")
    for col in (2, 3):
        grid.blank(row, col, "header")
    grid.merge(row, 1, 3)
    for n, key in enumerate(passes):
        name = pass_name(key, lang) if key in PASSES else key
        for offset, label in enumerate((copy_text("recomputed", lang, pass_name=name),
                                        copy_text("shown", lang, pass_name=name), copy_text("agree", lang))):
            grid.text(row, 4 + 3 * n + offset, label, "header")
    grid.heights[row] = 2 * ROW_HEIGHT
    sections = list(dict.fromkeys([*report.section_titles, *(s for p in passes for s in report.totals[p].sections)]))
    lines = [(f"{sid} {report.section_titles.get(sid, '')}".strip(), sid) for sid in sections]
    for label, sid in [*lines, (copy_text("grand", lang), None)]:
        row += 1
        grid.text(row, 1, label, "text")
        for col in (2, 3):
            grid.blank(row, col, "text")
        grid.merge(row, 1, 3)
        for n, key in enumerate(passes):
            _total_cells(grid, row, 4 + 3 * n, report.totals[key], report.shown_totals.get(key), sid, lang)
    return row


def _total_cells(grid: _Grid, row: int, col: int, recomputed: Totals, shown: Totals | None, sid: str | None,
                 lang: str) -> None:
    value = recomputed.grand if sid is None else recomputed.sections.get(sid)
    seen = None if shown is None else (shown.grand if sid is None else shown.sections.get(sid))
    for offset, number in enumerate((value, seen)):
        if number is None:
            grid.blank(row, col + offset, "number")
        else:
            grid.number(row, col + offset, number, "number")
    if value is None or seen is None:
        grid.blank(row, col + 2, "text")
    else:
        agree = value == seen
        grid.text(row, col + 2, copy_text("agree_yes" if agree else "agree_no", lang), "text" if agree else "error")


def _counts(grid: _Grid, report: Report, lang: str, row: int) -> int:
    for n, severity in enumerate(Severity):
        grid.text(row, 1 + 2 * n, severity_name(severity.value, lang), severity.value)
        grid.number(row, 2 + 2 * n, report.count(severity), "number")
    return row


def _findings(grid: _Grid, report: Report, book: _Book, lang: str, header: int) -> int:
    """The header and one row per finding; returns the last row used."""
    for col, (key, _) in enumerate(COLUMNS, start=1):
        grid.text(header, col, column_header(key, lang), "header")
    if not report.findings:
        grid.text(header + 1, 1, copy_text("no_findings", lang), "value")
        grid.merge(header + 1, 1, MESSAGE_COL)
        return header + 1
    for row, finding in enumerate(report.findings, start=header + 1):
        _finding_row(grid, row, finding, book, lang)
    return header + len(report.findings)


def _finding_row(grid: _Grid, row: int, finding: Finding, book: _Book, lang: str) -> None:
    pass_text = pass_name(finding.pass_key, lang) if finding.pass_key in PASSES else (finding.pass_key or "")
    values = {
        "serial": finding.serial, "severity": severity_name(finding.severity.value, lang), "code": finding.code,
        "sheet": finding.sheet, "cell": finding.cell, "pass": pass_text, "expected": finding.expected,
        "found": finding.found, "message": finding.message,
    }
    styles = {"severity": finding.severity.value, "message": "wrap"}
    ref = _cell_ref(finding.cell)
    for col, (key, _) in enumerate(COLUMNS, start=1):
        style = styles.get(key, "text")
        linkable = ref is not None and book.worksheet(finding.sheet) is not None and len(grid.links) < MAX_LINKS
        if key == "cell" and linkable:
            style = "link"
            location = f"{quote_sheet(finding.sheet or '')}!{ref}"
            grid.links.append(f'<hyperlink ref="{rowcol_to_cell(row, col)}" location={_quote(location)} '
                              f"display={_quote(ref)}/>")
        if values[key] is None or values[key] == "":
            grid.blank(row, col, style)
        else:
            grid.text(row, col, values[key], style)
    lines = lines_needed(_clean(finding.message)[:4000], WIDTHS[MESSAGE_COL - 1])
    if lines > 1:
        grid.heights[row] = round(lines * ROW_HEIGHT + 3, 1)


def _sheet_xml(grid: _Grid, header: int, last: int, lang: str) -> str:
    top = header + 1
    view = (f'<sheetView tabSelected="1" workbookViewId="0"><pane ySplit="{header}" topLeftCell="A{top}" '
            f'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A{top}" '
            f'sqref="A{top}"/></sheetView>')
    cols = "".join(f'<col min="{n}" max="{n}" width="{w}" customWidth="1"/>' for n, w in enumerate(WIDTHS, start=1))
    merges = (f'<mergeCells count="{len(grid.merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in grid.merges)
              + "</mergeCells>") if grid.merges else ""
    links = f"<hyperlinks>{''.join(grid.links)}</hyperlinks>" if grid.links else ""
    return (
        f'{XML_DECL}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        f'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{rowcol_to_cell(last, MESSAGE_COL)}"/>'
        f"<sheetViews>{view}</sheetViews>"
        f'<sheetFormatPr defaultRowHeight="{ROW_HEIGHT:g}"/><cols>{cols}</cols>'
        f"<sheetData>{_rows(grid)}</sheetData>{merges}{links}"
        '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        f"<headerFooter><oddFooter>{_escape(copy_text('footer', lang))}</oddFooter></headerFooter>"
        "</worksheet>"
    )


def _rows(grid: _Grid) -> str:
    out = []
    for row in sorted(grid.cells):
        height = grid.heights.get(row)
        size = f' ht="{height:g}" customHeight="1"' if height else ""
        cells = "".join(xml for _, xml in sorted(grid.cells[row]))
        out.append(f'<row r="{row}"{size}>{cells}</row>')
    return "".join(out)


# --- writing -----------------------------------------------------------------------------------
def _write_atomically(archive: zipfile.ZipFile, edits: dict[str, bytes], target: Path) -> None:
    """The source's parts in their order (edited ones replaced), then the new parts; a temp file, then a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".xlscore-", suffix=target.suffix or ".xlsx", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w") as out:
            infos = archive.infolist()
            for info in infos:
                data = edits[info.filename] if info.filename in edits else read_part(archive, info)
                out.writestr(_copy_info(info), data)
            stamp = infos[0].date_time if infos else (1980, 1, 1, 0, 0, 0)
            for part in sorted(set(edits) - {info.filename for info in infos}):
                out.writestr(zipfile.ZipInfo(part, stamp), edits[part], compress_type=zipfile.ZIP_DEFLATED)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    clone = zipfile.ZipInfo(info.filename, info.date_time)
    clone.compress_type = info.compress_type if info.compress_type == zipfile.ZIP_STORED else zipfile.ZIP_DEFLATED
    clone.external_attr = info.external_attr
    return clone


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
