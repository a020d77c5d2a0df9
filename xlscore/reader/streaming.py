"""Streaming the big parts through the C pull parser with DTDs and entities refused, and the shared strings."""

from __future__ import annotations

import io
import pyexpat
import re
import zipfile
from xml.etree.ElementTree import ParseError

from defusedxml.common import DefusedXmlException

from xlscore.reader.errors import ReadLimit
from xlscore.reader.text import decode_escapes

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STREAM_CHUNK = 1 << 20
SEP = "}"
#: A scoring form has a few hundred shared strings in under 1 MB; far more is not a form, and reading
#: it would cost memory (bytes, text and strings at once) for nothing.
MAX_SHARED_STRINGS = 100_000
MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024
SHEET, DEFINED_NAME = f"{MAIN_NS}{SEP}sheet", f"{MAIN_NS}{SEP}definedName"
#: Elements of ``xl/workbook.xml`` whose attributes the reader keeps (the date system, who saved it last).
WORKBOOK_FACTS = {f"{MAIN_NS}{SEP}workbookPr": "workbookPr", f"{MAIN_NS}{SEP}fileVersion": "fileVersion"}


class DtdForbidden(DefusedXmlException):
    """A part declares a DOCTYPE or an entity: refused, as defusedxml's ``forbid_dtd`` does."""


def expat_parser(start, end, data):  # type: ignore[no-untyped-def]
    """A namespace-aware expat parser (C) that refuses DTDs and entities, calling ``start``, ``end`` and ``data``."""
    parser = pyexpat.ParserCreate(namespace_separator=SEP)

    def refuse(*_args: object) -> None:
        raise DtdForbidden("DOCTYPE or ENTITY declaration")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.buffer_text = True
    return parser


class Bounded:
    """A part's stream that ends at its declared size (vetted by inspect_zip), whatever the data holds."""

    def __init__(self, handle, size: int) -> None:  # type: ignore[no-untyped-def]
        self.handle, self.remaining = handle, size + 1

    def read(self, size: int) -> bytes:
        if self.remaining <= 0:
            return b""
        data = self.handle.read(min(size, self.remaining))
        self.remaining -= len(data)
        return data


def workbook_outline(archive: zipfile.ZipFile) -> tuple[
        str, list[dict[str, str]], list[tuple[dict[str, str], str]], dict[str, dict[str, str]]]:
    """``xl/workbook.xml``'s root element, each <sheet>'s attributes, each <definedName>'s with its text,
    and the attributes of <workbookPr> and <fileVersion> (keyed by those names) when present.

    A form defines a name for every cell the check reads (over a thousand), so this part is
    streamed through expat (DTDs refused) rather than built into a tree; a malformed part raises
    :class:`ParseError`, as a tree would.
    """
    root: list[str] = []
    sheets: list[dict[str, str]] = []
    names: list[tuple[dict[str, str], list[str]]] = []
    facts: dict[str, dict[str, str]] = {}
    text: list[str] | None = None  # the current <definedName>'s text: what comes before any other tag

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal text
        text = None
        if not root:
            root.append(name)
        if name == SHEET:
            sheets.append(attrs)
        elif name == DEFINED_NAME:
            text = []
            names.append((attrs, text))
        elif name in WORKBOOK_FACTS:
            facts[WORKBOOK_FACTS[name]] = attrs

    def end(_name: str) -> None:
        nonlocal text
        text = None

    def data(chunk: str) -> None:
        if text is not None:
            text.append(chunk)

    try:
        with archive.open("xl/workbook.xml") as handle:
            parse_stream(expat_parser(start, end, data), handle)
    except pyexpat.ExpatError as exc:
        raise ParseError(str(exc)) from None
    return root[0], sheets, [(attrs, "".join(parts)) for attrs, parts in names], facts


def feed(handle, handler: object) -> None:  # type: ignore[no-untyped-def]
    """Stream ``handle`` into ``handler``'s ``start``, ``end`` and ``data`` methods."""
    parse_stream(expat_parser(handler.start, handler.end, handler.data), handle)  # type: ignore[attr-defined]


def parse_stream(parser, handle) -> None:  # type: ignore[no-untyped-def]
    while chunk := handle.read(STREAM_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


class _SharedStrings:
    """Collects each <si>'s text: its <t>, or its runs' <t>, never the phonetic <rPh> runs."""

    SI, T, RPH = f"{MAIN_NS}{SEP}si", f"{MAIN_NS}{SEP}t", f"{MAIN_NS}{SEP}rPh"

    def __init__(self) -> None:
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.in_t = False
        self.in_phonetic = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == self.T and not self.in_phonetic:
            self.in_t = True
        elif name == self.RPH:
            self.in_phonetic = True
        elif name == self.SI:
            self.parts = []

    def end(self, name: str) -> None:
        if name == self.T:
            self.in_t = False
        elif name == self.RPH:
            self.in_phonetic = False
        elif name == self.SI:
            self.strings.append(decode_escapes("".join(self.parts)))
            if len(self.strings) > MAX_SHARED_STRINGS:
                raise ReadLimit("too_many_strings", limit=MAX_SHARED_STRINGS)

    def data(self, text: str) -> None:
        if self.in_t:
            self.parts.append(text)


def read_shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """All shared strings: a fast pattern scan when the part is plain, the expat parser otherwise."""
    info = archive.getinfo("xl/sharedStrings.xml")
    if info.file_size > MAX_SHARED_STRINGS_BYTES:
        raise ReadLimit("strings_too_large", size=info.file_size, limit=MAX_SHARED_STRINGS_BYTES)
    with archive.open(info) as handle:
        # Bounded by the declared size (which inspect_zip has vetted): read() without a size would inflate
        # everything a part holds, whatever its header says; zipfile stops here and checks the CRC.
        data = handle.read(info.file_size + 1)
    fast = _shared_strings_fast(data)
    if fast is not None:
        return fast
    collector = _SharedStrings()
    buffer = io.BytesIO(data)
    del data  # the parser reads the buffer; the list of strings is what stays
    feed(buffer, collector)
    return collector.strings


#: A <t>'s text: everything up to the first ``</t>`` (as a lazy ``.*?`` would take it, without trying each character).
_T = re.compile(r"<t(?:\s[^>]*)?>([^<]*(?:<(?!/t>)[^<]*)*)</t>")
_PHONETIC = re.compile(r"<rPh\b.*?</rPh>", re.S)
_UNIQUE = re.compile(r"<sst\b[^>]*\suniqueCount=\"(\d+)\"")
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _shared_strings_fast(data: bytes) -> list[str] | None:
    """Shared strings by plain text search (10× faster than callbacks on rich text); None when unsure.

    Only for a UTF-8 part in the default namespace without a DOCTYPE, CDATA or comments whose string
    count matches its own ``uniqueCount``: anything unusual goes to the real parser, which also
    reports malformed XML.
    """
    head = data[:4096]
    if b"<!" in data or (b"encoding=" in head and not re.search(rb"encoding=[\"']utf-8[\"']", head, re.I)):
        return None
    try:
        text = data.decode("utf-8-sig")
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return None
    declared = _UNIQUE.search(text[:4096])
    if declared is None:
        return None
    if int(declared.group(1)) > MAX_SHARED_STRINGS:
        raise ReadLimit("too_many_strings", limit=MAX_SHARED_STRINGS)
    strings = []
    at = text.find("<si>")
    while at >= 0:  # one <si> at a time: never a second copy of the whole text in pieces
        end = text.find("</si>", at)
        if end < 0:
            return None
        following = text.find("<si>", at + 4)
        if 0 <= following < end:  # an <si> without its end: let the parser judge
            return None
        body = text[at + 4: end]
        at = following if following > end else text.find("<si>", end)
        if len(strings) >= MAX_SHARED_STRINGS:
            raise ReadLimit("too_many_strings", limit=MAX_SHARED_STRINGS)
        strings.append(_si_text(body))
    empty = text.count("<si/>")
    if empty or int(declared.group(1)) != len(strings):
        return None
    return strings


_LONG: dict[str, str] = {}  # a long <si>'s body → its text: every file of one form embeds the same rubric
_LONG_MIN, _LONG_CHARS = 4096, 8 * 1024 * 1024


def _si_text(body: str) -> str:
    """The text of an <si> whose body is plain: its runs' <t>, without phonetic runs, unescaped."""
    if len(body) >= _LONG_MIN and body in _LONG:
        return _LONG[body]
    text = _PHONETIC.sub("", body) if "<rPh" in body else body
    text = decode_escapes(_unescape("".join(_T.findall(text))))
    if len(body) >= _LONG_MIN:
        if sum(map(len, _LONG)) + len(body) > _LONG_CHARS:
            _LONG.clear()
        _LONG[body] = text
    return text


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    if "&#" not in text:  # the five named entities only: replaced in turn, ``&amp;`` last (as one pass would)
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace(
            "&amp;", "&")
    return _ENTITY.sub(lambda m: _entity(m.group(1)), text)


def _entity(name: str) -> str:
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return _NAMED[name]
