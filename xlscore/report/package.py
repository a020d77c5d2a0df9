"""A workbook package opened for editing: its parts read on demand (bounded), the parts edited so far,
the workbook's sheets and relationships, and writing it back, atomically, as a new package.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import pyexpat
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError, fromstring

from defusedxml import ElementTree as SafeET

from xlscore.atomic import write_atomically
from xlscore.reader.streaming import DtdForbidden, expat_parser, parse_stream
from xlscore.report.rawzip import can_copy_raw, copy_raw, raw_copy_supported
from xlscore.report.stream import CHUNK, STUB_MIN_BYTES, Span, sheet_data_span, stub_text, write_streamed
from xlscore.report.xmltext import XML_DECL, Unsupported, locate, opened, quote

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = REL_NS + "/officeDocument"
WORKSHEET_REL = REL_NS + "/worksheet"
STYLES_REL = REL_NS + "/styles"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"


@dataclass
class PartText:
    """An XML part's text and the encoding to write it back in."""

    text: str
    encoding: str = "utf-8"

    def encode(self) -> bytes:
        # Text we add (the 差异表's name) may not exist in a part's declared single-byte encoding:
        # a character reference says the same in any encoding.
        return self.text.encode(self.encoding, errors="xmlcharrefreplace")


class Package:
    """The source package, read on demand, and the parts edited or added so far."""

    def __init__(self, archive: zipfile.ZipFile, path: Path, lang: str) -> None:
        names = archive.namelist()
        if len(set(names)) != len(names):
            raise Unsupported("/", "duplicate part names")
        self.archive, self.path, self.lang = archive, path, lang
        self.names = set(names)
        self.edited: dict[str, PartText] = {}
        self.removed: set[str] = set()
        self._roots: dict[str, Element] = {}
        self._stubs: dict[str, tuple[Span, str, bytes] | None] = {}

    def has(self, part: str) -> bool:
        return (part in self.names or part in self.edited) and part not in self.removed

    def root(self, part: str) -> Element:
        """The source part parsed with defusedxml, for the parts whose elements are read.

        A big worksheet is parsed as its stub (cells streamed past, see :mod:`xlscore.report.stream`).
        """
        if part not in self._roots:
            stub = self._stub(part)
            data = stub[1].encode("utf-8") if stub else read_part(self.archive, part)
            self._roots[part] = parse_tree(data)
        return self._roots[part]

    def text(self, part: str) -> PartText:
        """The part's text; a source part is checked well formed, DTD-free, before it is edited.

        A big worksheet's text is its stub: the streaming pass that found its cells checked it whole.
        """
        if part in self.edited:
            return self.edited[part]
        stub = self._stub(part)
        if stub is not None:
            return PartText(stub[1])
        data = read_part(self.archive, part)
        if part not in self._roots:
            well_formed(data)
        return decode(part, data)

    def remove(self, part: str) -> None:
        """Leave ``part`` out of the copy."""
        self.removed.add(part)
        self.edited.pop(part, None)

    def _stub(self, part: str) -> tuple[Span, str, bytes] | None:
        if part not in self._stubs:
            self._stubs[part] = None
            info = self.archive.getinfo(part) if part in self.names else None
            if info is not None and info.file_size > STUB_MIN_BYTES and _plain_utf8(self.archive, info):
                span = sheet_data_span(self.archive, info)
                if span is not None:
                    text, stub = stub_text(self.archive, info, span)
                    self._stubs[part] = (span, text, stub)
        return self._stubs[part]

    def streamed(self) -> dict[str, tuple[Span, bytes]]:
        """The edited parts whose cells are streamed from the source: part → (span, stub element bytes)."""
        return {part: (stub[0], stub[2]) for part, stub in self._stubs.items() if stub and part in self.edited}

    def put(self, part: str, text: str, like: PartText | None = None) -> None:
        self.edited[part] = PartText(text, like.encoding if like else "utf-8")

    def taken(self) -> set[str]:
        return {name.lower() for name in self.names | set(self.edited)}

    def encoded(self) -> dict[str, bytes]:
        out = {part: text.encode() for part, text in self.edited.items() if part not in self.removed}
        for data in out.values():
            well_formed(data)  # every edit must leave well-formed XML
        return out


def parse_tree(data: bytes) -> Element:
    """``data`` as the tree defusedxml with ``forbid_dtd`` builds, by the C parser.

    The part is first checked well formed and DTD-free: without a DTD there is no entity to expand,
    nothing external to fetch. A part with a DTD goes to defusedxml, which refuses it as it always did.
    """
    try:
        well_formed(data)
    except DtdForbidden:
        return SafeET.fromstring(data, forbid_dtd=True)
    return fromstring(data)


def first_element(data: bytes, name: str) -> dict[str, str] | None:
    """The attributes of the first element named ``name`` (``namespace}local``) in ``data``, which is parsed
    whole as :func:`well_formed` does (no tree is built)."""
    found: list[dict[str, str]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if not found and tag == name:
            found.append(attrs)

    try:
        parse_stream(expat_parser(start, None, None), io.BytesIO(data))
    except pyexpat.ExpatError as exc:
        raise ParseError(str(exc)) from None
    return found[0] if found else None


def well_formed(data: bytes) -> None:
    """Parse ``data`` as defusedxml with ``forbid_dtd`` would, without building a tree (C speed).

    Raises ``ParseError`` when it is not well-formed XML (namespaces included) and a
    ``DefusedXmlException`` when it declares a DOCTYPE or entities.
    """
    parser = expat_parser(None, None, None)
    try:
        parser.Parse(data, True)
    except pyexpat.ExpatError as exc:
        raise ParseError(str(exc)) from None


def _plain_utf8(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """UTF-8 without a byte order mark (a stub's text and the source's bytes must share one encoding)."""
    with archive.open(info) as handle:
        head = handle.read(200)
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    declared = re.match(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)", head)
    return declared is None or declared.group(1).lower() in (b"utf-8", b"utf8")


def part_contains(archive: zipfile.ZipFile, part: str, needles: tuple[bytes, ...]) -> bool:
    """Whether the part's bytes hold any of ``needles``, read in bounded chunks."""
    info = archive.getinfo(part)
    overlap = max(len(n) for n in needles) - 1
    carry = b""
    with archive.open(info) as handle:
        remaining = info.file_size + 1
        while remaining > 0 and (chunk := handle.read(min(CHUNK, remaining))):
            remaining -= len(chunk)
            window = carry + chunk
            if any(n in window for n in needles):
                return True
            carry = window[-overlap:] if overlap else b""
    return False


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


def decode(part: str, data: bytes) -> PartText:
    if data.startswith(codecs.BOM_UTF8):
        return PartText(data[3:].decode("utf-8"), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return PartText(data.decode("utf-16"), "utf-16")
    declared = re.match(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)", data[:200])
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        # Another declared encoding is kept as declared: the part is decoded and written back in it,
        # so every byte the file had stays as it was.
        name = declared.group(1).decode("ascii", "replace")
        try:
            codec = codecs.lookup(name).name
            return PartText(data.decode(codec), codec)
        except (LookupError, UnicodeDecodeError) as error:
            raise Unsupported(part, f"encoding {name}") from error
    return PartText(data.decode("utf-8"))


def relationships(package: Package, rels_part: str, folder: str) -> list[tuple[str, str, str]]:
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
class SheetPart:
    name: str
    part: str
    is_worksheet: bool


@dataclass
class Book:
    part: str
    folder: str
    rels_part: str
    sheets: list[SheetPart]
    rel_ids: set[str]
    styles: str | None

    def worksheet(self, name: str | None) -> SheetPart | None:
        sheet = next((s for s in self.sheets if s.name == name), None)
        return sheet if sheet is not None and sheet.is_worksheet else None


def read_book(package: Package) -> Book:
    office = [p for _, kind, p in relationships(package, "_rels/.rels", "") if kind == OFFICE_DOCUMENT]
    part = office[0] if office else "xl/workbook.xml"
    if not package.has(part):
        raise Unsupported(part, "no workbook part")
    root = package.root(part)
    if root.tag != f"{{{MAIN_NS}}}workbook":
        raise Unsupported(part, "not a transitional SpreadsheetML workbook (Strict Open XML?)")
    folder = posixpath.dirname(part)
    rels_part = posixpath.join(folder, "_rels", posixpath.basename(part) + ".rels")
    rels = relationships(package, rels_part, folder)
    targets = {rid: (kind, target) for rid, kind, target in rels}
    sheets = []
    for node in root.iter(f"{{{MAIN_NS}}}sheet"):
        kind, target = targets.get(node.get(f"{{{REL_NS}}}id", ""), ("", ""))
        sheets.append(SheetPart(node.get("name", ""), target, kind == WORKSHEET_REL and package.has(target)))
    styles = next((t for _, kind, t in rels if kind == STYLES_REL and package.has(t)), None)
    return Book(part, folder, rels_part, sheets, {rid for rid, _, _ in rels}, styles)


def free_part(package: Package, folder: str, stem: str, *, plain: bool = False) -> str:
    """An unused part name ``folder/stemN.xml`` (``folder/stem.xml`` first when ``plain``)."""
    taken = package.taken() | overridden(package)
    names = ([f"{stem}.xml"] if plain else []) + [f"{stem}{n}.xml" for n in range(1, len(taken) + 2)]
    return next(posixpath.join(folder, name) for name in names if posixpath.join(folder, name).lower() not in taken)


def overridden(package: Package) -> set[str]:
    root = package.root("[Content_Types].xml")
    return {node.get("PartName", "").lstrip("/").lower() for node in root.iter() if node.tag.endswith("Override")}


def fresh_id(ids: set[str]) -> str:
    n = len(ids) + 1
    while f"rId{n}" in ids:
        n += 1
    ids.add(f"rId{n}")
    return f"rId{n}"


def append_to_root(package: Package, part: str, snippet: str) -> None:
    current = package.text(part)
    tree = locate(current.text, part)
    text = current.text
    if tree.root.empty:
        text = opened(text, tree.root)
        tree = locate(text, part)
    package.put(part, text[: tree.root.close] + snippet + text[tree.root.close:], current)


def add_relationship(package: Package, book: Book, rid: str, kind: str, target: str) -> None:
    if not package.has(book.rels_part):
        package.put(book.rels_part, f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}"></Relationships>')
    prefix = locate(package.text(book.rels_part).text).root.prefix
    snippet = f"<{prefix}Relationship Id={quote(rid)} Type={quote(kind)} Target={quote(target)}/>"
    append_to_root(package, book.rels_part, snippet)


def add_override(package: Package, part: str, content_type: str) -> None:
    prefix = locate(package.text("[Content_Types].xml").text).root.prefix
    snippet = f"<{prefix}Override PartName={quote('/' + part)} ContentType={quote(content_type)}/>"
    append_to_root(package, "[Content_Types].xml", snippet)


# --- writing -----------------------------------------------------------------------------------
def write_package(archive: zipfile.ZipFile, edits: dict[str, bytes], target: Path,
                  streamed: dict[str, tuple[Span, bytes]] | None = None, removed: set[str] | None = None) -> Path:
    """The source's parts in their order (edited ones replaced, ``removed`` left out), then the new parts,
    written atomically.

    Untouched parts are copied raw (their compressed bytes as they are, checked on the way), or else
    in bounded chunks; only edited and new parts are compressed. A ``streamed`` part is its edited
    stub with the source's cells streamed into it.
    """
    streamed, removed = streamed or {}, removed or set()

    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w") as out:
            raw = raw_copy_supported(out) and archive.fp is not None
            infos = archive.infolist()
            for info in infos:
                if info.filename in removed:
                    continue
                if info.filename in streamed:
                    span, stub = streamed[info.filename]
                    with out.open(_copy_info(info), "w", force_zip64=True) as dst:
                        write_streamed(dst, archive, info, span, edits[info.filename], stub)
                elif info.filename in edits:
                    out.writestr(_copy_info(info), edits[info.filename])
                elif raw and can_copy_raw(info):
                    copy_raw(archive.fp, info, out)  # type: ignore[arg-type]
                else:
                    _copy_part(archive, info, out)
            stamp = infos[0].date_time if infos else (1980, 1, 1, 0, 0, 0)
            for part in sorted(set(edits) - {info.filename for info in infos}):
                out.writestr(zipfile.ZipInfo(part, stamp), edits[part], compress_type=zipfile.ZIP_DEFLATED)

    return write_atomically(target, write)


def _copy_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
    """An unchanged part, inflated and deflated again in chunks (never whole), no longer than declared."""
    if info.file_size <= CHUNK:
        out.writestr(_copy_info(info), read_part(archive, info))
        return
    with archive.open(info) as src, out.open(_copy_info(info), "w", force_zip64=True) as dst:
        remaining = info.file_size
        while remaining > 0 and (chunk := src.read(min(CHUNK, remaining))):
            dst.write(chunk)
            remaining -= len(chunk)
        if remaining or src.read(1):
            raise zipfile.BadZipFile(f"{info.filename} is not {info.file_size} bytes long")


#: Parts above this size are deflated at the fastest level: a big part is rare, and time is bounded.
FAST_DEFLATE_BYTES = 1 << 20


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    clone = zipfile.ZipInfo(info.filename, info.date_time)
    clone.compress_type = info.compress_type if info.compress_type == zipfile.ZIP_STORED else zipfile.ZIP_DEFLATED
    clone.external_attr = info.external_attr
    if info.file_size > FAST_DEFLATE_BYTES:
        for name in ("compress_level", "_compresslevel"):  # the slot's name differs by Python version
            try:
                setattr(clone, name, 1)
            except AttributeError:
                continue
    return clone
