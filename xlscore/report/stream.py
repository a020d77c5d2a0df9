"""Worksheets edited around their cells: the ``<sheetData>`` of a big sheet is streamed, never held.

A worksheet of a million rows is tens of megabytes of XML; parsing it into a tree to add a
conditional format after its cells took gigabytes. Instead one streaming pass (expat, DTDs and
entities refused, as everywhere) checks the part and finds where ``<sheetData>`` starts and ends.
The copy then edits a *stub* — the part's text with the cells replaced by an empty, marked
``sheetData`` element — and writes the part back by streaming: the edited text before the cells,
the source's cell bytes unchanged, the edited text after them.
"""

from __future__ import annotations

import pyexpat
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from defusedxml.common import DefusedXmlException

#: Parts above this size are edited as stubs; smaller ones are simply read (as all parts used to be).
STUB_MIN_BYTES = 1 << 20
STUB_ATTRIBUTE = 'xlscore-cells="streamed"'
CHUNK = 1 << 20
_SEP = "\x01"


class ForbiddenDeclaration(DefusedXmlException):
    """A DOCTYPE or ENTITY declaration in a streamed part."""


@dataclass
class Span:
    """Byte offsets of ``<sheetData …>…</sheetData>`` in the decompressed part, and its qualified name."""

    start: int
    end: int
    qname: str


def sheet_data_span(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Span | None:
    """Stream ``info`` once: well-formed, no DTD, and where its root's ``sheetData`` child lies (None: none)."""
    parser = pyexpat.ParserCreate()  # no namespace processing: qualified names and byte offsets as written

    def refuse(*_args: object) -> None:
        raise ForbiddenDeclaration("DOCTYPE or ENTITY declaration")

    depth = 0
    found: dict[str, object] = {}

    def start(name: str, _attrs: object) -> None:
        nonlocal depth
        depth += 1
        if depth == 2 and name.rpartition(":")[2] == "sheetData" and "start" not in found:
            found["start"], found["qname"] = parser.CurrentByteIndex, name

    def end(name: str) -> None:
        nonlocal depth
        if depth == 2 and name == found.get("qname") and "close" not in found:
            found["close"] = parser.CurrentByteIndex
        depth -= 1

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    with archive.open(info) as handle:
        remaining = info.file_size + 1  # bounded by the declared size, which inspect_zip vetted
        while remaining > 0 and (chunk := handle.read(min(CHUNK, remaining))):
            remaining -= len(chunk)
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    if "start" not in found or "close" not in found:
        return None
    start_at, close_at = int(found["start"]), int(found["close"])  # type: ignore[call-overload]
    if close_at == start_at:  # <sheetData/>: nothing worth streaming
        return None
    return Span(start_at, _end_of_tag(archive, info, close_at), str(found["qname"]))


def _end_of_tag(archive: zipfile.ZipFile, info: zipfile.ZipInfo, at: int) -> int:
    """The offset just past the ``>`` of the end tag that starts at ``at``."""
    with archive.open(info) as handle:
        _skip(handle, at)
        tail = handle.read(256)
    return at + tail.index(b">") + 1


def stub_text(archive: zipfile.ZipFile, info: zipfile.ZipInfo, span: Span) -> tuple[str, bytes]:
    """(the part's text with its cells replaced by the marked stub element, the stub element's bytes)."""
    with archive.open(info) as handle:
        head = handle.read(span.start)
        _skip(handle, span.end - span.start)
        tail = handle.read(info.file_size - span.end + 1)
    stub = f"<{span.qname} {STUB_ATTRIBUTE}/>"
    return head.decode("utf-8") + stub + tail.decode("utf-8"), stub.encode("utf-8")


def write_streamed(out: BinaryIO, archive: zipfile.ZipFile, info: zipfile.ZipInfo, span: Span,
                   edited: bytes, stub: bytes) -> None:
    """Write the edited stub with the stub element replaced by the source's cell bytes, streamed."""
    before, found, after = edited.partition(stub)
    if not found or stub in after:
        raise ValueError(f"{info.filename}: the streamed cells' place was lost in the edit")
    out.write(before)
    with archive.open(info) as handle:
        _skip(handle, span.start)
        remaining = span.end - span.start
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                raise zipfile.BadZipFile(f"{info.filename} ended early")
            out.write(chunk)
            remaining -= len(chunk)
    out.write(after)


def _skip(handle: BinaryIO, count: int) -> None:
    while count > 0:
        chunk = handle.read(min(CHUNK, count))
        if not chunk:
            raise zipfile.BadZipFile("a part ended early")
        count -= len(chunk)
