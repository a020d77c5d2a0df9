"""Look at a file before opening it: which reader it needs, or one clear reason it cannot be read."""

from __future__ import annotations

import zipfile
from pathlib import Path

from xlscore.rubric.importer.errors import RubricImportError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
MAX_FILE_BYTES = 20 * 1024 * 1024
#: What the package may expand to: python-docx and openpyxl read whole parts, so a zip bomb stops here.
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
#: An encrypted Office file is an OLE container with this stream (its directory name is UTF-16LE).
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
DOCX_SUFFIXES = (".docx", ".docm")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
KIND_NAME = {"docx": "Word (.docx)", "xlsx": "Excel (.xlsx)"}


def sniff(path: Path) -> str:
    """``"docx"`` or ``"xlsx"``; raises :class:`RubricImportError` for anything else."""
    name = str(path)
    if not path.is_file():
        raise RubricImportError(name, "missing_file")
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            data = handle.read(min(size, MAX_FILE_BYTES))
    except OSError as exc:
        raise RubricImportError(name, "unreadable", {"reason": exc.strerror or str(exc)}) from None
    if data.startswith(OLE_MAGIC):
        raise RubricImportError(name, _ole_kind(data, suffix))
    if size > MAX_FILE_BYTES:
        raise RubricImportError(name, "too_large", {"size": size, "limit": MAX_FILE_BYTES})
    kind = "docx" if suffix in DOCX_SUFFIXES else "xlsx" if suffix in XLSX_SUFFIXES else None
    if kind is None:
        code = {".doc": "doc_file", ".xls": "xls_file"}.get(suffix, "unsupported_format")
        raise RubricImportError(name, code, {"suffix": suffix or path.name})
    if not data.startswith(ZIP_MAGIC) or not _has_part(path, MAIN_PART[kind]):
        raise RubricImportError(name, "not_office_file", {"kind": KIND_NAME[kind]})
    expanded = _expanded_size(path)
    if expanded > MAX_EXPANDED_BYTES:
        raise RubricImportError(name, "too_large", {"size": expanded, "limit": MAX_EXPANDED_BYTES})
    return kind


def _ole_kind(data: bytes, suffix: str) -> str:
    if ENCRYPTED_STREAM in data:
        return "encrypted"
    if suffix == ".xls" or "Workbook".encode("utf-16-le") in data:
        return "xls_file"
    return "doc_file"


def _has_part(path: Path, part: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return part in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _expanded_size(path: Path) -> int:
    """The package's uncompressed size, as its zip directory declares it."""
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())
