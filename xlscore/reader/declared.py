"""A ``workbook.xml`` whose XML declaration names an encoding its bytes are not in.

A program that rewrote the part as UTF-8 but kept (or wrote) ``encoding="ISO-8859-1"`` makes every
non-ASCII sheet name decode as something else (``1 客服`` reads ``1 å®¢æ\\x9c\\x8d``), and with it
every defined name that points into those sheets, while the formulas inside the sheets, in parts
whose declaration is right, still name the real sheets. Detected here (the declared encoding
decodes the bytes differently from UTF-8, which decodes them cleanly), the names are decoded as
the bytes mean them, so that the check sees the form and reports the one real cause.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from xlscore.reader.xlsx import LazySheets, SheetData, WorkbookData

WORKBOOK_PART = "xl/workbook.xml"
#: A form's workbook.xml is about 150 kB; a part beyond this is not looked at (bounded work).
MAX_PART_BYTES = 8 * 1024 * 1024
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
_UNICODE = {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}


@dataclass(frozen=True)
class Misdeclared:
    """``workbook.xml`` declares ``declared`` but holds UTF-8; ``example`` is one name as declared → as meant."""

    declared: str
    example: tuple[str, str]


def misdeclared_encoding(path: str | Path) -> tuple[str, str] | None:
    """(the declared encoding, ``"UTF-8"``) when ``workbook.xml`` is UTF-8 under another declaration."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(WORKBOOK_PART)
            with archive.open(info) as handle:
                head = handle.read(256)
            if _declared(head) is None or info.file_size > MAX_PART_BYTES:
                return None  # the usual case: UTF-8 declared (or nothing), the part not read further
            data = archive.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, ValueError):
        return None
    return _mismatch(data)


def _declared(data: bytes) -> str | None:
    """The encoding the XML declaration names, when it is not a Unicode one."""
    match = _DECLARATION.match(data)
    if match is None:
        return None
    declared = match.group(1).decode("ascii")
    try:
        return None if codecs.lookup(declared).name in _UNICODE else declared
    except LookupError:
        return None


def _mismatch(data: bytes) -> tuple[str, str] | None:
    declared = _declared(data)
    if declared is None or data.isascii():
        return None
    try:
        as_declared = data.decode(declared)
        as_utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if as_declared == as_utf8 else (declared, "UTF-8")


def redecode(text: str, declared: str) -> str:
    """``text`` as read under ``declared``, decoded as the UTF-8 its bytes are; unchanged when it is not that."""
    try:
        return text.encode(declared).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError, LookupError):
        return text


def repaired(workbook: WorkbookData, declared: str) -> tuple[WorkbookData, Misdeclared]:
    """``workbook`` with its sheet names and defined names decoded as UTF-8 (the sheets' cells are untouched)."""
    old = dict.items(workbook.sheets)  # without loading any sheet
    sheets = {redecode(name, declared): replace(sheet, name=redecode(sheet.name, declared)) for name, sheet in old}
    example = next(((name, redecode(name, declared)) for name, _s in old if redecode(name, declared) != name), ("", ""))
    if isinstance(workbook.sheets, LazySheets):
        lazy: dict[str, SheetData] = LazySheets(sheets, workbook.sheets._load)
    else:
        lazy = sheets
    fixed = replace(
        workbook,
        sheets=lazy,
        names={redecode(k, declared): redecode(v, declared) for k, v in workbook.names.items()},
        hidden_names={redecode(k, declared) for k in workbook.hidden_names},
        sheet_names={(redecode(s, declared), redecode(n, declared)): redecode(v, declared)
                     for (s, n), v in workbook.sheet_names.items()},
    )
    return fixed, Misdeclared(declared, example)
