"""The checked copy moves untouched zip entries raw: the same compressed bytes, method, CRC and sizes.

Sources come from LibreOffice (the example units) and from Python's zipfile written the ways other
writers write: with data descriptors (bit 3, as a writer that cannot seek does) and with zip64
extra fields in the local headers.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xlscore.check.checker import check_file
from xlscore.check.findings import Report
from xlscore.reader.xlsx import read_workbook
from xlscore.report import xmltext
from xlscore.report.copy import CopyError, write_checked_copy

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "units").glob("*.xlsx"))
DATA_DESCRIPTOR = 0x08
ZIP64_EXTRA = 0x0001
pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")


def _raw_entries(path: Path) -> dict[str, tuple[int, int, int, int, bytes]]:
    """Each entry's (method, CRC, size, local flags, compressed bytes), read from its local header on."""
    out = {}
    with zipfile.ZipFile(path) as archive, path.open("rb") as handle:
        for info in archive.infolist():
            handle.seek(info.header_offset)
            header = handle.read(30)
            assert header[:4] == b"PK\x03\x04"
            flags = struct.unpack("<H", header[6:8])[0]
            name_length, extra_length = struct.unpack("<HH", header[26:30])
            handle.seek(info.header_offset + 30 + name_length + extra_length)
            out[info.filename] = (info.compress_type, info.CRC, info.file_size, flags, handle.read(info.compress_size))
    return out


def _local_extra_ids(path: Path, part: str) -> list[int]:
    with zipfile.ZipFile(path) as archive, path.open("rb") as handle:
        info = archive.getinfo(part)
        handle.seek(info.header_offset + 26)
        name_length, extra_length = struct.unpack("<HH", handle.read(4))
        handle.seek(name_length, 1)
        extra = handle.read(extra_length)
    ids, at = [], 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack("<HH", extra[at: at + 4])
        ids.append(kind)
        at += 4 + size
    return ids


def _contents(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _assert_untouched_parts_are_raw_copies(source: Path, copy: Path) -> set[str]:
    """Every part whose content the copy did not change has the source's compressed bytes, CRC and method."""
    before, after = _raw_entries(source), _raw_entries(copy)
    old, new = _contents(source), _contents(copy)
    untouched = {part for part in old if new.get(part) == old[part]}
    for part in untouched:
        method, crc, size, _flags, data = before[part]
        assert after[part][:3] == (method, crc, size), part
        assert after[part][4] == data, f"{part}: the compressed bytes differ"
        assert not after[part][3] & DATA_DESCRIPTOR, f"{part}: a data descriptor in the copy"
    with zipfile.ZipFile(copy) as archive:
        assert archive.testzip() is None
    return untouched


class _Pipe:
    """A write-only stream that cannot seek: zipfile then writes data descriptors (flag bit 3)."""

    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, chunk: bytes) -> int:
        self.data += chunk
        return len(chunk)

    def flush(self) -> None:
        pass


def _rewritten(source: Path, target: Path, *, pipe: bool = False) -> Path:
    """``source``'s parts, in order, re-zipped (through a stream that cannot seek when ``pipe``).

    At deflate level 1, not zlib's default 6: recompressing would give other bytes, so only a raw
    copy keeps them."""
    pipe_stream = _Pipe()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(pipe_stream if pipe else target, "w") as out:
        for info in archive.infolist():
            clone = zipfile.ZipInfo(info.filename, info.date_time)
            out.writestr(clone, archive.read(info), zipfile.ZIP_DEFLATED, compresslevel=1)
    if pipe:
        target.write_bytes(bytes(pipe_stream.data))
    return target


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_untouched_parts_keep_their_compressed_bytes(example: Path, tmp_path: Path) -> None:
    report = check_file(example)
    copy = write_checked_copy(example, tmp_path / "copy.xlsx", report)
    untouched = _assert_untouched_parts_are_raw_copies(example, copy)
    assert "xl/sharedStrings.xml" in untouched and "docProps/core.xml" in untouched
    assert openpyxl.load_workbook(copy, read_only=True).sheetnames[0] == "差异表"


def test_a_source_with_data_descriptors(tmp_path: Path) -> None:
    source = _rewritten(EXAMPLES[0], tmp_path / "streamed.xlsx", pipe=True)
    assert all(flags & DATA_DESCRIPTOR for *_, flags, _data in _raw_entries(source).values())
    copy = write_checked_copy(source, tmp_path / "copy.xlsx", check_file(source))
    untouched = _assert_untouched_parts_are_raw_copies(source, copy)
    assert "xl/sharedStrings.xml" in untouched
    assert next(iter(read_workbook(copy).sheets)) == "差异表"


def test_a_source_compressed_at_another_level(tmp_path: Path) -> None:
    source = _rewritten(EXAMPLES[0], tmp_path / "fast.xlsx")
    copy = write_checked_copy(source, tmp_path / "copy.xlsx", check_file(source))
    untouched = _assert_untouched_parts_are_raw_copies(source, copy)
    assert {"xl/sharedStrings.xml", "docProps/core.xml", "_rels/.rels"} <= untouched


def test_a_source_with_zip64_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """zip64 extra fields in the source's headers (the limit lowered while writing it, so parts pass it)."""
    with monkeypatch.context() as patched:
        patched.setattr(zipfile, "ZIP64_LIMIT", 1 << 12)
        source = _rewritten(EXAMPLES[0], tmp_path / "zip64.xlsx")
    assert ZIP64_EXTRA in _local_extra_ids(source, "xl/sharedStrings.xml")
    copy = write_checked_copy(source, tmp_path / "copy.xlsx", check_file(source))
    assert "xl/sharedStrings.xml" in _assert_untouched_parts_are_raw_copies(source, copy)
    assert openpyxl.load_workbook(copy, read_only=True).sheetnames[0] == "差异表"


def test_a_copy_that_needs_zip64_gets_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Offsets and sizes past the zip64 limit: lowered here, so a small package must use zip64 records."""
    report = check_file(EXAMPLES[0])
    with monkeypatch.context() as patched:
        patched.setattr(zipfile, "ZIP64_LIMIT", 1 << 12)
        copy = write_checked_copy(EXAMPLES[0], tmp_path / "copy.xlsx", report)
    assert ZIP64_EXTRA in _local_extra_ids(copy, "xl/sharedStrings.xml")
    assert "xl/sharedStrings.xml" in _assert_untouched_parts_are_raw_copies(EXAMPLES[0], copy)
    assert openpyxl.load_workbook(copy, read_only=True).sheetnames[0] == "差异表"


def test_an_untouched_part_with_a_bad_crc_is_refused(tmp_path: Path) -> None:
    """A stored part whose bytes no longer match its CRC: the raw copy checks it, as inflating would."""
    source = tmp_path / "bad-crc.xlsx"
    with zipfile.ZipFile(EXAMPLES[0]) as archive, zipfile.ZipFile(source, "w") as out:
        for info in archive.infolist():
            stored = info.filename == "docProps/core.xml"
            out.writestr(info.filename, archive.read(info), zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    data = bytearray(source.read_bytes())
    at = data.index(b"<cp:coreProperties")
    data[at + 1] = ord("C")  # same size, other bytes: only the CRC can tell
    source.write_bytes(bytes(data))
    with pytest.raises(CopyError):
        write_checked_copy(source, tmp_path / "out" / "copy.xlsx", Report(str(source)))
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


# --- locating the root's children without walking their content ------------------------------------
TRICKY = [
    "<r><a><a>x</a></a><b/></r>",  # a child nesting one of its own name
    "<r><a><!-- </a> --></a><b>t</b></r>",  # its end tag in a comment
    "<r><a><![CDATA[</a>]]></a><b/></r>",  # … in a CDATA section
    "<r><a><?pi </a>?></a><b/></r>",  # … in a processing instruction
    "<r><a><ab>1</ab><a >2</a></a><b/></r>",  # a look-alike name, then a real nested one
    '<x:r xmlns:x="u"><x:a k="&gt;"><x:c/></x:a ><x:sheetData><x:row/></x:sheetData><x:b></x:b></x:r>',
]


def _located(text: str) -> tuple:  # type: ignore[type-arg]
    tree = xmltext.locate(text)
    return tree.root, tree.children


@pytest.mark.parametrize("text", TRICKY + [_contents(EXAMPLES[0])[p].decode("utf-8") for p in
                                           ("xl/workbook.xml", "xl/worksheets/sheet3.xml", "xl/styles.xml")])
def test_children_are_located_as_by_walking_every_token(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _located(text)
    monkeypatch.setattr(xmltext, "_skip_plain_child", lambda *_args: False)
    assert fast == _located(text)


def test_a_plain_child_is_skipped_and_a_tricky_one_walked() -> None:
    assert xmltext.locate("<r><a><c/><c/></a></r>").children[0].close == len("<r><a><c/><c/>")
    for text in TRICKY[:5]:
        node = xmltext.Node("a", 3, 6, 6, 6)
        assert not xmltext._skip_plain_child(text, node, 6), text
