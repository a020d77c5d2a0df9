"""Look before loading: what kind of file this is, and whether its zip directory is sane.

Nothing here decompresses a part; only the first bytes and the zip's central directory are read.
"""

from __future__ import annotations

import os
import posixpath
import stat
import zipfile
from pathlib import Path

from xlscore.reader.errors import UnreadableWorkbook

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
#: Limits for an untrusted workbook: far above any real scoring form, far below harm.
MAX_PARTS = 2000
MAX_TOTAL_UNCOMPRESSED = 256 * 1024 * 1024
MAX_PART_UNCOMPRESSED = 128 * 1024 * 1024
MAX_RATIO = 200  # a part that expands more than this (and is big) is a decompression bomb
RATIO_FLOOR = 1024 * 1024  # small parts may compress well; only judge parts above 1 MiB
WORKBOOK_PARTS = ("xl/workbook.xml",)


def sniff(path: Path) -> None:
    """Raise :class:`UnreadableWorkbook` unless ``path`` looks like an .xlsx/.xlsm package worth opening."""
    name = str(path)
    try:
        mode = os.stat(path).st_mode  # follows a symbolic link, as opening would
    except FileNotFoundError:
        raise UnreadableWorkbook(name, "missing_file") from None
    except OSError as exc:  # a link loop, a name too long, no permission on the folder
        raise UnreadableWorkbook(name, "unreadable", {"reason": exc.strerror or type(exc).__name__}) from None
    if stat.S_ISDIR(mode):
        raise UnreadableWorkbook(name, "is_directory")
    if not stat.S_ISREG(mode):
        # A named pipe would block the open below forever, a device would read without end.
        raise UnreadableWorkbook(name, "not_regular_file")
    if path.name.startswith("~$"):
        raise UnreadableWorkbook(name, "owner_file")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise UnreadableWorkbook(name, "unreadable", {"reason": exc.strerror or str(exc)}) from None
    suffix = path.suffix.lower()
    if head.startswith(OLE_MAGIC):
        raise UnreadableWorkbook(name, "xls_file" if suffix == ".xls" else "encrypted_or_xls")
    if not head.startswith(ZIP_MAGIC):
        raise UnreadableWorkbook(name, "empty_file" if not head else "not_a_workbook")
    if suffix == ".ods":
        raise UnreadableWorkbook(name, "ods_file")


def inspect_zip(path: Path, archive: zipfile.ZipFile) -> None:
    """Reject packages whose directory promises too much (part count, sizes, compression ratio)."""
    name = str(path)
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise UnreadableWorkbook(name, "too_many_parts", {"count": len(infos), "limit": MAX_PARTS})
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_UNCOMPRESSED:
            raise UnreadableWorkbook(name, "part_too_large", {"part": info.filename, "size": info.file_size})
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableWorkbook(name, "zip_bomb", {"part": info.filename, "ratio": info.file_size // max(info.compress_size, 1)})
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise UnreadableWorkbook(name, "too_large", {"size": total})
    names = _part_names(name, infos)
    if "mimetype" in names and "content.xml" in names:
        raise UnreadableWorkbook(name, "ods_file")
    if not all(part in names for part in WORKBOOK_PARTS):
        raise UnreadableWorkbook(name, "not_a_workbook")


def _part_names(name: str, infos: list[zipfile.ZipInfo]) -> set[str]:
    """The package's part names; refuses duplicates (OPC names ignore case) and names outside the package.

    With two entries of one name, programs disagree on which one counts: what xlscore checks could
    differ from what Excel shows.
    """
    seen: dict[str, str] = {}
    for info in infos:
        part = info.filename
        if "\x00" in part or part.startswith("/") or ".." in posixpath.normpath(part).split("/") or "\\" in part:
            raise UnreadableWorkbook(name, "bad_part_name", {"part": part})
        key = part.casefold()
        if key in seen:
            raise UnreadableWorkbook(name, "duplicate_part", {"part": part})
        seen[key] = part
    return set(seen.values())
