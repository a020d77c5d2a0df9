"""Uploaded files onto disk, safely: server-made folders, cleaned names, size and count limits, zip folders.

An upload's name is only ever a display name. On disk each file gets a folder the server numbers
itself, and inside it a cleaned copy of the name's last component (so that the checked copy and
its 差异表 name the file as the user knows it): no separators, no control characters, no leading
dots, bounded length, and the result is verified to stay inside its folder.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from xlscore.batch.runner import CHECKED_MARK, WORKBOOK_SUFFIXES
from xlscore.reader.sniff import MAX_PART_UNCOMPRESSED, MAX_RATIO, MAX_TOTAL_UNCOMPRESSED, RATIO_FLOOR

CHUNK = 1024 * 1024
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
MAX_NAME = 120


@dataclass(frozen=True)
class Limits:
    """What one request may bring: far above a real batch of forms, far below harm."""

    max_request_bytes: int = 512 * 1024 * 1024
    max_file_bytes: int = 32 * 1024 * 1024
    max_files: int = 1000
    max_zip_entries: int = 5000
    max_zip_total: int = MAX_TOTAL_UNCOMPRESSED


class UploadRefused(Exception):
    """An upload refused whole (over a limit, or a broken zip); ``key`` is a word of :mod:`xlscore.web.words`."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass
class Stored:
    """One file to check: where the server put it and the name the user knows it by."""

    path: Path
    display: str


@dataclass
class Refused:
    """An uploaded file (or a file inside a zip folder) that is not checked, and why (a word key)."""

    display: str
    key: str
    values: dict[str, object] = field(default_factory=dict)


@dataclass
class Intake:
    files: list[Stored] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


def clean_name(name: str, fallback: str = "workbook.xlsx") -> str:
    """The last component of an uploaded name, fit to be a file name on any system."""
    last = re.split(r"[\\/]", name or "")[-1]
    last = unicodedata.normalize("NFC", _UNSAFE.sub("_", last)).strip().lstrip(".").strip()
    if not last:
        return fallback
    stem, dot, suffix = last.rpartition(".")
    if dot and len(suffix) <= 8:
        return stem[: MAX_NAME - len(suffix) - 1] + "." + suffix if stem else fallback
    return last[:MAX_NAME]


class Folder:
    """The batch's own folder; hands out one fresh numbered subfolder per stored file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0

    def place(self, display: str) -> Path:
        self.count += 1
        box = self.root / f"{self.count:05d}"
        box.mkdir(parents=True, mode=0o700)
        target = (box / clean_name(display)).resolve()
        if target.parent != box.resolve():
            raise ValueError("unsafe upload name")  # cannot happen after clean_name; kept as a guard
        return target


def save_stream(source: BinaryIO, target: Path, limit: int, display: str) -> int:
    """Copy ``source`` to ``target`` in chunks, refusing more than ``limit`` bytes; returns the size."""
    size = 0
    with target.open("xb") as out:
        while chunk := source.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise UploadRefused("file_too_large", file=display, limit=limit // (1024 * 1024))
            out.write(chunk)
    return size


def is_zip_folder(display: str) -> bool:
    return display.lower().endswith(".zip")


def expand_zip(archive_path: Path, display: str, folder: Folder, limits: Limits, intake: Intake) -> None:
    """The workbooks inside an uploaded .zip folder, each stored like a single upload.

    The zip's directory is judged before anything is decompressed (the reader's limits for a
    workbook package apply to the folder too), and each entry is copied with a byte cap, since a
    directory can lie about sizes.
    """
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError):
        raise UploadRefused("bad_zip", file=display) from None
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        _judge(infos, display, limits)
        for info in infos:
            name = _entry_name(info)
            shown = f"{display}/{name}"
            reason = _skip(name)
            if reason is not None:
                listed = reason in ("owner", "checked") or (
                    reason == "not_workbook" and PurePosixPath(name).suffix.lower() in (".xls", ".ods", ".csv"))
                if listed:
                    intake.refused.append(Refused(shown, reason))
                continue
            if len(intake.files) >= limits.max_files:
                raise UploadRefused("too_many_files", limit=limits.max_files)
            target = folder.place(PurePosixPath(name).name)
            try:
                with archive.open(info) as source:
                    save_stream(source, target, min(limits.max_file_bytes, MAX_PART_UNCOMPRESSED), shown)
            except UploadRefused as exc:
                target.unlink(missing_ok=True)
                intake.refused.append(Refused(shown, exc.key, exc.values))
                continue
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError):
                target.unlink(missing_ok=True)
                intake.refused.append(Refused(shown, "bad_entry"))
                continue
            intake.files.append(Stored(target, shown))


def store_uploads(uploads: list[tuple[str, BinaryIO]], root: Path, limits: Limits) -> Intake:
    """Each upload (display name, stream) into ``root``; a .zip folder is opened and its workbooks taken out.

    Raises :class:`UploadRefused` only for what refuses the whole request (too many files); a file too
    large or a broken zip is refused alone and listed.
    """
    intake, folder = Intake(), Folder(root)
    for number, (display, stream) in enumerate(uploads):
        shown = display.replace("\\", "/").rsplit("/", 1)[-1] or "?"
        try:
            if is_zip_folder(shown):
                archive = root / f"upload-{number:05d}.zip"
                try:
                    save_stream(stream, archive, limits.max_request_bytes, shown)
                    expand_zip(archive, shown, folder, limits, intake)
                finally:
                    archive.unlink(missing_ok=True)
                continue
            if len(intake.files) >= limits.max_files:
                raise UploadRefused("too_many_files", limit=limits.max_files)
            target = folder.place(shown)
            try:
                save_stream(stream, target, limits.max_file_bytes, shown)
            except UploadRefused:
                target.unlink(missing_ok=True)
                raise
            intake.files.append(Stored(target, shown))
        except UploadRefused as exc:
            if exc.key in ("too_many_files", "zip_too_many"):
                raise
            intake.refused.append(Refused(shown, exc.key, exc.values))
    return intake


def _judge(infos: list[zipfile.ZipInfo], display: str, limits: Limits) -> None:
    if len(infos) > limits.max_zip_entries:
        raise UploadRefused("zip_too_many", file=display, limit=limits.max_zip_entries)
    total = 0
    for info in infos:
        total += info.file_size
        big = info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        if big or info.file_size > MAX_PART_UNCOMPRESSED:
            raise UploadRefused("zip_bomb", file=display)
    if total > limits.max_zip_total:
        raise UploadRefused("zip_too_large", file=display, limit=limits.max_zip_total // (1024 * 1024))


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its author saw it: zips made on Chinese Windows store GBK without saying so."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _skip(name: str) -> str | None:
    path = PurePosixPath(name)
    if any(part == "__MACOSX" for part in path.parts) or path.name.startswith("._"):
        return "hidden"
    if path.name.startswith("~$"):
        return "owner"
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return "not_workbook"
    if path.stem.endswith(CHECKED_MARK):
        return "checked"
    return None
