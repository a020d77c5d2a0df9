"""Look before loading: what kind of file this is, and whether its zip directory is sane.

Nothing here decompresses a part; only the first bytes and the zip's central directory are read.
"""

from __future__ import annotations

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
    if not path.exists():
        raise UnreadableWorkbook(name, "missing_file")
    if path.is_dir():
        raise UnreadableWorkbook(name, "is_directory")
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
    names = {info.filename for info in infos}
    if "mimetype" in names and "content.xml" in names:
        raise UnreadableWorkbook(name, "ods_file")
    if not all(part in names for part in WORKBOOK_PARTS):
        raise UnreadableWorkbook(name, "not_a_workbook")
