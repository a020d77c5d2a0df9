"""Copying a zip entry into a new zip as it is: the same compressed bytes, method, CRC and sizes.

The checked copy changes a handful of parts; every other part (often a megabyte of shared strings
and sheets) only has to move from one zip to the other. Inflating and deflating it again costs more
than the whole check, so untouched entries are copied raw. The compressed bytes are still inflated
once on the way, bounded by the size the central directory declares (vetted by ``inspect_zip``),
so a part whose size or CRC lies is refused exactly as a decompressing copy would refuse it.

``zipfile`` has no public call for this. :func:`copy_raw` writes the local header itself (sizes and
CRC up front, so no data descriptor even when the source used one) and then registers the entry
with the writing ``ZipFile`` the way ``ZipFile.writestr`` does, so that ``ZipFile.close`` writes the
central directory, zip64 records included when offsets need them. :func:`raw_copy_supported` says
whether this Python's ``ZipFile`` still has the attributes that takes; if not, callers recompress.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import BinaryIO

#: Methods copied raw; anything else (bzip2, lzma: no spreadsheet program writes them) is recompressed.
RAW_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
ENCRYPTED = 0x01
DEFLATE_OPTIONS = 0x06  # bits 1-2: the deflate level the writer used (informational only)
UTF8_NAME = 0x800
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # the local file header (APPNOTE 4.3.7)
LOCAL_SIGNATURE = b"PK\x03\x04"
READ_CHUNK = 1 << 16
INFLATE_CHUNK = 1 << 20  # at most this much inflated data in memory at once
_WRITER_ATTRIBUTES = ("_lock", "_writing", "_writecheck", "_didModify", "fp", "filelist", "NameToInfo", "start_dir")


def raw_copy_supported(out: zipfile.ZipFile) -> bool:
    return all(hasattr(out, name) for name in _WRITER_ATTRIBUTES) and hasattr(zipfile.ZipInfo, "FileHeader")


def can_copy_raw(info: zipfile.ZipInfo) -> bool:
    return info.compress_type in RAW_METHODS and not info.flag_bits & ENCRYPTED


def copy_raw(source: BinaryIO, info: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
    """Append ``info``'s entry of the zip open as ``source`` to ``out``, compressed bytes unchanged.

    Raises ``zipfile.BadZipFile`` when the local header does not match the central directory, or when
    the data is short, inflates beyond the declared size, or fails its CRC; ``zlib.error`` for a
    broken deflate stream.
    """
    clone = zipfile.ZipInfo(info.filename, info.date_time)
    clone.compress_type = info.compress_type
    clone.external_attr = info.external_attr
    clone.flag_bits = info.flag_bits & DEFLATE_OPTIONS  # no data descriptor: the sizes go in the header
    clone.CRC, clone.compress_size, clone.file_size = info.CRC, info.compress_size, info.file_size
    source.seek(_data_offset(source, info))
    with out._lock:  # type: ignore[attr-defined]
        if out._writing:  # type: ignore[attr-defined]
            raise ValueError("the target zip has an entry open for writing")
        out.fp.seek(out.start_dir)  # type: ignore[attr-defined,union-attr]
        clone.header_offset = out.fp.tell()  # type: ignore[union-attr]
        out._writecheck(clone)  # type: ignore[attr-defined]  # duplicate names, zip64 limits
        out._didModify = True  # type: ignore[attr-defined]
        out.fp.write(clone.FileHeader(None))  # type: ignore[union-attr]  # zip64 extra if the sizes need it
        _copy_checked(source, out.fp, info)  # type: ignore[arg-type]
        out.start_dir = out.fp.tell()  # type: ignore[attr-defined,union-attr]
        out.filelist.append(clone)
        out.NameToInfo[clone.filename] = clone


def _data_offset(source: BinaryIO, info: zipfile.ZipInfo) -> int:
    """Where the entry's compressed data starts; its local header must name the same part."""
    source.seek(info.header_offset)
    header = source.read(LOCAL_HEADER.size)
    if len(header) != LOCAL_HEADER.size or not header.startswith(LOCAL_SIGNATURE):
        raise zipfile.BadZipFile(f"{info.filename}: bad local header")
    fields = LOCAL_HEADER.unpack(header)
    flags, name_length, extra_length = fields[3], fields[10], fields[11]
    name = source.read(name_length).decode("utf-8" if flags & UTF8_NAME else "cp437")
    if name != info.orig_filename:
        # The same guard as ZipFile.open: two names for one entry would let programs disagree.
        raise zipfile.BadZipFile(f"{info.filename}: the local header names {name!r}")
    return info.header_offset + LOCAL_HEADER.size + name_length + extra_length


def _copy_checked(source: BinaryIO, target: BinaryIO, info: zipfile.ZipInfo) -> None:
    """Copy ``compress_size`` bytes, inflating them on the side to check size and CRC (memory bounded)."""
    check = _Check(info)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None
    remaining = info.compress_size
    while remaining:
        chunk = source.read(min(READ_CHUNK, remaining))
        if not chunk:
            raise zipfile.BadZipFile(f"{info.filename}: truncated")
        remaining -= len(chunk)
        target.write(chunk)
        if inflater is None:
            check.add(chunk)
            continue
        while True:  # a full output buffer may leave input (unconsumed_tail) or output inside zlib
            data = inflater.decompress(chunk, INFLATE_CHUNK)
            check.add(data)
            chunk = inflater.unconsumed_tail
            if not chunk and len(data) < INFLATE_CHUNK:
                break
    if inflater is not None:
        check.add(inflater.flush())
    check.done()


class _Check:
    """The running size and CRC of an entry's data, refused as soon as it outgrows its declared size."""

    def __init__(self, info: zipfile.ZipInfo) -> None:
        self.info, self.size, self.crc = info, 0, 0

    def add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.info.file_size:
            raise zipfile.BadZipFile(f"{self.info.filename} is not {self.info.file_size} bytes long")
        self.crc = zlib.crc32(data, self.crc)

    def done(self) -> None:
        if self.size != self.info.file_size or self.crc != self.info.CRC:
            raise zipfile.BadZipFile(f"{self.info.filename}: bad size or CRC")
