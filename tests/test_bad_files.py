"""The bad-file corpus: every file that cannot be checked gets one clear line, exit 2, no traceback,
and stays byte-identical. The files are built in ``tmp_path`` at test time.

Time is recorded (``record_property("seconds", …)``, shown with ``--durations``), not asserted;
memory is: a decompression bomb or a far-away cell must be refused or read within the reader's
bounds, never by unpacking hundreds of MB.
"""

from __future__ import annotations

import hashlib
import shutil
import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path
from typing import Callable

import openpyxl
import pytest
from click.testing import CliRunner

from xlscore.check.checker import CheckOptions, check_file
from xlscore.batch.runner import check_one
from xlscore.cli import main
from xlscore.generate import generate_workbook
from xlscore.rubric import load_rubric

FIXTURES = Path(__file__).parent / "fixtures"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
#: What a check of a refused file may allocate at most (the bombs below unpack to 300 MB).
MEMORY_LIMIT = 64 * 1024 * 1024
BOMB_SIZE = 300 * 1024 * 1024
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A blank generated workbook (a valid xlscore form) to damage."""
    return generate_workbook(load_rubric(), tmp_path_factory.mktemp("form") / "form.xlsx")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- building bad files -------------------------------------------------------------------------------------
def _copy_parts(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """``source``'s package with some parts replaced (every other part copied as it is)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, replace.get(info.filename, old.read(info.filename)))
    return target


def _with_entities(source: Path, target: Path, part: str) -> Path:
    """``part`` rewritten with a billion-laughs DOCTYPE after its XML declaration, its first text an &lol9;."""
    with zipfile.ZipFile(source) as archive:
        xml = archive.read(part).decode("utf-8")
    head, sep, body = xml.partition("?>")
    assert sep, f"{part} has no XML declaration"
    body = body.replace("<t>", "<t>&lol9;", 1) if "<t>" in body else body.replace("</definedName>", "&lol9;</definedName>", 1)
    return _copy_parts(source, target, {part: (head + sep + BILLION_LAUGHS + body).encode("utf-8")})


def _raw_zip(target: Path, entries: list[tuple[str, bytes, int, int, int]]) -> Path:
    """A zip written by hand: entries are (name, data as stored, method, crc32, uncompressed size).

    Lets a test store a deflate stream it made itself, and declare whatever size it likes.
    """
    out, central = bytearray(), bytearray()
    for name, data, method, crc, size in entries:
        encoded = name.encode("utf-8")
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out += encoded + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, method, 0, 0x21, crc, len(data), size,
                               len(encoded), 0, 0, 0, 0, 0, offset)
        central += encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    target.write_bytes(bytes(out + central + end))
    return target


def _deflated_bomb(size: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``size`` bytes of <si> elements, made without compressing them all:
    one block flushed with Z_FULL_FLUSH does not refer back, so it can be repeated. Returns (stream, crc32)."""
    chunk = b"<si><t>a</t></si>" * 65536
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = size // len(chunk)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    ending = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    return segment * count + ending, crc


def _bomb(source: Path, target: Path, *, declared: int | None = None) -> Path:
    """``source`` with a sharedStrings part that inflates to BOMB_SIZE bytes (declared as such, or as ``declared``)."""
    stream, crc = _deflated_bomb(BOMB_SIZE)
    size = BOMB_SIZE // (17 * 65536) * (17 * 65536)
    entries = []
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            if info.filename == "xl/sharedStrings.xml":
                entries.append((info.filename, stream, zipfile.ZIP_DEFLATED, crc, declared if declared is not None else size))
            else:
                data = archive.read(info.filename)
                entries.append((info.filename, data, zipfile.ZIP_STORED, zlib.crc32(data), len(data)))
    return _raw_zip(target, entries)


def _corrupt_part(source: Path, target: Path) -> Path:
    """``source`` with 64 bytes in the middle of the first section sheet's compressed data inverted."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("xl/worksheets/sheet3.xml")
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length + info.compress_size // 2
    for index in range(start, start + 64):
        data[index] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


def _ods(target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content '
                         'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>', zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest/>", zipfile.ZIP_DEFLATED)
    return target


def _far_cell(target: Path) -> Path:
    """A tiny workbook, not an xlscore form, with values at A1 and XFD1048576."""
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    book.active["XFD1048576"] = "far"
    book.save(target)
    return target


#: name → (how to build it in a directory from the blank form, a phrase its message must contain)
BAD: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "not_a_zip": (lambda d, f: _write(d / "成绩.xlsx", "序号,得分\n1.1,15\n".encode()), "这不是 Excel 工作簿"),
    "xls": (lambda d, f: _write(d / "旧表.xls", OLE_MAGIC + b"\x00" * 504), "旧版 .xls"),
    "encrypted": (lambda d, f: _write(d / "加密.xlsx", OLE_MAGIC + b"\x00" * 4088), "加密"),
    "truncated": (lambda d, f: _write(d / "半截.xlsx", f.read_bytes()[: f.stat().st_size // 2]), "不完整"),
    "corrupt_part": (lambda d, f: _corrupt_part(f, d / "损坏.xlsx"), "损坏"),
    "ods": (lambda d, f: _ods(d / "表格.ods"), "OpenDocument"),
    "ods_named_xlsx": (lambda d, f: _ods(d / "表格.xlsx"), "OpenDocument"),
    "owner_file": (lambda d, f: _write(d / "~$x.xlsx", bytes(range(162))), "临时锁定文件"),
    "entities_in_workbook": (lambda d, f: _with_entities(f, d / "实体.xlsx", "xl/workbook.xml"), "XML 实体"),
    "entities_in_shared_strings": (lambda d, f: _with_entities(f, d / "实体2.xlsx", "xl/sharedStrings.xml"), "XML 实体"),
    "decompression_bomb": (lambda d, f: _bomb(f, d / "炸弹.xlsx"), "已拒绝读取"),
    "bomb_declared_small": (lambda d, f: _bomb(f, d / "炸弹2.xlsx", declared=100_000), "损坏"),
    "far_cell": (lambda d, f: _far_cell(d / "远处.xlsx"), "不是 xlscore 生成的考核评分表"),
    "missing_file": (lambda d, f: d / "不存在.xlsx", "找不到文件"),
}
#: Checked for memory: these must be refused by the reader's limits, not by running out of it.
BOUNDED = ("decompression_bomb", "bomb_declared_small", "far_cell")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _run(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("case", list(BAD))
def test_bad_file(case: str, form: Path, tmp_path: Path, record_property) -> None:  # type: ignore[no-untyped-def]
    build, phrase = BAD[case]
    path = build(tmp_path, form)
    before = _sha256(path) if path.exists() else None
    started = time.perf_counter()
    result = _run("check", str(path))
    record_property("seconds", round(time.perf_counter() - started, 3))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert path.name in lines[0] and "无法校验" in lines[0] and phrase in lines[0], lines[0]
    assert (_sha256(path) if path.exists() else None) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ([path.name] if path.exists() else [])  # no copy written


@pytest.mark.parametrize("case", BOUNDED)
def test_bombs_and_far_cells_stay_small(case: str, form: Path, tmp_path: Path, record_property) -> None:  # type: ignore[no-untyped-def]
    path = BAD[case][0](tmp_path, form)
    assert path.stat().st_size < 2 * 1024 * 1024  # a small file …
    tracemalloc.start()
    started = time.perf_counter()
    try:
        report = check_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    record_property("seconds", round(time.perf_counter() - started, 3))
    record_property("peak_bytes", peak)
    assert report.unreadable is not None and report.exit_code == 2
    assert peak < MEMORY_LIMIT, f"checking {case} allocated {peak / 2**20:.0f} MiB"


def test_checked_copy_of_a_part_lying_about_its_size_stays_small(tmp_path: Path) -> None:
    """A checkable form with an extra part that says 100 kB but inflates to 300 MB: the check is unaffected
    (the reader never opens the part), and writing the copy, which copies every part, refuses it bounded."""
    stream, crc = _deflated_bomb(BOMB_SIZE)
    entries = []
    with zipfile.ZipFile(FIXTURES / "clean.xlsx") as archive:
        for info in archive.infolist():
            data = archive.read(info.filename)
            entries.append((info.filename, data, zipfile.ZIP_STORED, zlib.crc32(data), len(data)))
    entries.append(("xl/media/image9.bin", stream, zipfile.ZIP_DEFLATED, crc, 100_000))
    path = _raw_zip(tmp_path / "clean.xlsx", entries)
    before = _sha256(path)
    tracemalloc.start()
    try:
        result = check_one(path, CheckOptions(), write_copy=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.report.exit_code == 0
    assert result.copy is None and result.copy_error is not None
    assert peak < MEMORY_LIMIT, f"writing the copy allocated {peak / 2**20:.0f} MiB"
    assert _sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.xlsx"]


def test_the_bomb_really_unpacks_to_hundreds_of_megabytes(form: Path, tmp_path: Path) -> None:
    """The corpus is honest: the bomb's part inflates to its declared 300 MB (counted in 1 MB steps)."""
    path = _bomb(form, tmp_path / "炸弹.xlsx")
    inflated = 0
    decompressor = zlib.decompressobj(-15)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/sharedStrings.xml")
        with open(path, "rb") as handle:
            handle.seek(info.header_offset + 30 + len(info.filename.encode()))
            remaining = info.compress_size
            while remaining:
                data = handle.read(min(remaining, 1 << 16))
                remaining -= len(data)
                inflated += len(decompressor.decompress(data))
                while decompressor.unconsumed_tail:
                    inflated += len(decompressor.decompress(decompressor.unconsumed_tail))
    assert inflated == info.file_size > 250 * 1024 * 1024


def test_empty_directory(tmp_path: Path) -> None:
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    result = _run("check", str(empty))
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and str(empty) in lines[0] and "无法校验" in lines[0], result.output


def test_owner_file_in_a_folder_is_skipped_with_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "收表"
    folder.mkdir()
    shutil.copyfile(FIXTURES / "clean.xlsx", folder / "clean.xlsx")
    (folder / "~$clean.xlsx").write_bytes(bytes(range(162)))
    result = _run("check", "--no-copy", str(folder))
    assert result.exit_code == 0, result.output
    assert "~$clean.xlsx" in result.stderr and "临时锁定文件" in result.stderr and "跳过" in result.stderr
    assert "无法校验" not in result.output


def test_folder_of_clean_faulty_broken_and_owner_files(form: Path, tmp_path: Path) -> None:
    folder = tmp_path / "收表"
    folder.mkdir()
    shutil.copyfile(FIXTURES / "clean.xlsx", folder / "clean.xlsx")
    shutil.copyfile(FIXTURES / "typed_total.xlsx", folder / "typed_total.xlsx")
    (folder / "半截.xlsx").write_bytes(form.read_bytes()[: form.stat().st_size // 2])
    (folder / "~$clean.xlsx").write_bytes(bytes(range(162)))
    before = {p.name: _sha256(p) for p in folder.iterdir()}
    result = _run("check", str(folder))
    assert result.exit_code == 2  # the worst: one file could not be checked
    out = result.stdout
    assert f"{folder / 'clean.xlsx'}:0 个错误,2 个警告,0 条提示;自查已完成,考评已完成" in out
    assert f"{folder / 'typed_total.xlsx'}:1 个错误,2 个警告,0 条提示;自查已完成,考评已完成" in out
    assert f"{folder / '半截.xlsx'}: 无法校验" in out
    assert "共检查 3 个文件" in out and "1 个文件无法校验" in out
    assert "~$clean.xlsx" in result.stderr and "跳过" in result.stderr
    assert {p.name: _sha256(p) for p in folder.iterdir() if p.name in before} == before
    copies = sorted(p.name for p in folder.iterdir() if p.name not in before)
    assert copies == ["clean.checked.xlsx", "typed_total.checked.xlsx"]
    with zipfile.ZipFile(folder / "clean.checked.xlsx") as copy:
        assert copy.testzip() is None
