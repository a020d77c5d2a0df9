"""The rows of a roster file, as text cells: a workbook's first sheet (or its 名单 sheet), or a .txt/.csv."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

#: Bounds on any roster: a round has 20-200 units, so these are far above any real one.
MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLS = 30
WORKBOOK = (".xlsx", ".xlsm")
TEXT = (".txt", ".csv")
#: Encodings tried in turn: UTF-8 (with or without BOM), then GB18030, a superset of the GBK Windows writes
#: (UTF-16 is taken when its BOM says so).
ENCODINGS = ("utf-8-sig", "gb18030")
ROSTER_SHEET_WORDS = ("名单", "roster")

Rows = list[tuple[int, list[str]]]  # (1-based row or line, its cells as text)


class RosterUnreadable(Exception):
    def __init__(self, kind: str, **values: object) -> None:
        super().__init__(kind)
        self.kind, self.values = kind, values


def roster_rows(path: Path) -> Rows:
    """Every non-blank row of the roster file; raises :class:`RosterUnreadable` (missing, too big, wrong kind)."""
    suffix = path.suffix.lower()
    if suffix not in WORKBOOK + TEXT:
        raise RosterUnreadable("not_roster", suffix=suffix or "—")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RosterUnreadable("cannot_open", reason=exc.strerror or exc) from None
    if size > MAX_BYTES:
        raise RosterUnreadable("too_big", limit=MAX_BYTES // (1024 * 1024))
    rows = _workbook_rows(path) if suffix in WORKBOOK else _text_rows(path, suffix)
    return [(n, cells) for n, cells in rows if any(cells)]


def _text_rows(path: Path, suffix: str) -> Rows:
    data = path.read_bytes()
    text = _decode(data)
    if suffix == ".csv":
        reader = csv.reader(io.StringIO(text, newline=""))
        lines = [row[:MAX_COLS] for row, _ in zip(reader, range(MAX_ROWS))]
    else:
        lines = [line.split("\t")[:MAX_COLS] for line in text.splitlines()[:MAX_ROWS]]
    return [(n, [_clean(c) for c in cells]) for n, cells in enumerate(lines, start=1)]


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" (UTF-16 with its BOM, tab-separated)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise RosterUnreadable("encoding") from None
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterUnreadable("encoding")


def _workbook_rows(path: Path) -> Rows:
    import openpyxl

    _bounded_package(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - whatever a damaged or foreign file raises: one worded line
        raise RosterUnreadable("bad_workbook", reason=type(exc).__name__) from None
    try:
        sheet = _roster_sheet(book)
        rows = []
        for n, values in enumerate(sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLS, values_only=True), start=1):
            rows.append((n, [_text(v) for v in values]))
        return rows
    except Exception as exc:  # noqa: BLE001 - a sheet broken past its start
        raise RosterUnreadable("bad_workbook", reason=type(exc).__name__) from None
    finally:
        book.close()


def _bounded_package(path: Path) -> None:
    """Refuse a workbook whose parts would unpack to more than :data:`MAX_UNPACKED` (a zip bomb, or no roster)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise RosterUnreadable("bad_workbook", reason=type(exc).__name__) from None
    if unpacked > MAX_UNPACKED:
        raise RosterUnreadable("too_big", limit=MAX_UNPACKED // (1024 * 1024))


def _roster_sheet(book):  # type: ignore[no-untyped-def]
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"] or book.worksheets
    named = [ws for ws in visible if any(word in ws.title.casefold() for word in ROSTER_SHEET_WORDS)]
    return (named or visible)[0]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed as a number: 1, not 1.0
    return _clean(str(value))


def _clean(text: str) -> str:
    return " ".join(text.replace("\ufeff", "").split())
