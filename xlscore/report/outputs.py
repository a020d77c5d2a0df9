"""Which paths xlscore may write: never an input, never a file it did not write unless forced.

xlscore marks what it writes (the summary, the checked copies) with a custom document property,
so that a later run recognises its own outputs: it may replace them, and a folder check skips them.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import Callable, Iterable

from xlscore.i18n import fmt, pick

#: The custom document property (docProps/custom.xml) that marks a workbook as written by xlscore.
OUTPUT_PROPERTY = "xlscore-output"
SUMMARY, CHECKED_COPY = "summary", "checked-copy"
CUSTOM_PART = "docProps/custom.xml"
MAX_CUSTOM_BYTES = 1 << 20  # the property part of a real workbook is a few hundred bytes

REFUSALS = {
    "is_input": {
        "zh": "{file} 是要校验的文件之一,不能用作输出,否则会覆盖它;请换一个文件名。",
        "en": "{file} is one of the files being checked and cannot be an output (it would be overwritten); choose another name.",
    },
    "is_directory": {"zh": "{file} 是一个文件夹,不能用作输出文件。", "en": "{file} is a folder, not a file to write."},
    "read_only": {
        "zh": "{file} 已存在且为只读,未覆盖;请换一个文件名,或取消只读后加 --force。",
        "en": "{file} exists and is read-only, so it was left alone; choose another name, or make it writable and add --force.",
    },
    "not_ours": {
        "zh": "{file} 已存在且不是 xlscore 写出的文件,未覆盖;请换一个文件名,或加 --force 覆盖。",
        "en": "{file} exists and was not written by xlscore, so it was left alone; choose another name, or add --force to replace it.",
    },
}


WRITE_ERRORS = {
    "in_use": {
        "zh": "无法写入 {file}:文件正被占用或不允许写入;请先在 Excel/WPS 中关闭 {name},再重新运行。",
        "en": "cannot write {file}: it is in use or not writable; close {name} in Excel/WPS first, then run again.",
    },
    "other": {
        "zh": "无法写入 {file}:{reason};请检查文件夹是否存在、是否有写权限。",
        "en": "cannot write {file}: {reason}; check that the folder exists and is writable.",
    },
}


def write_error_message(error: BaseException, target: Path, lang: str) -> str:
    """One line for an output that could not be written: the target's name, never a temporary file's."""
    if isinstance(error, PermissionError) and os.path.lexists(target):
        # Windows refuses to replace a file Excel holds open; elsewhere it is a permission problem alike.
        return fmt(pick(WRITE_ERRORS["in_use"], lang), {"file": target, "name": target.name})
    if isinstance(error, OSError):
        reason = error.strerror or type(error).__name__
    else:
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
    return fmt(pick(WRITE_ERRORS["other"], lang), {"file": target, "reason": reason})


def refusal_message(reason: str, path: Path, lang: str) -> str:
    return fmt(pick(REFUSALS[reason], lang), {"file": path})


def written_by_xlscore(path: Path) -> str | None:
    """The kind of xlscore output ``path`` is (``summary``, ``checked-copy``), or None for any other file."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(CUSTOM_PART)
            if info.file_size > MAX_CUSTOM_BYTES:
                return None
            with archive.open(info) as handle:
                data = handle.read(MAX_CUSTOM_BYTES + 1)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError, RuntimeError):
        return None
    except Exception:  # noqa: BLE001 - zlib.error from a damaged part: not ours
        return None
    marker = f'name="{OUTPUT_PROPERTY}"'.encode()
    at = data.find(marker)
    if at < 0:
        return None
    tail = data[at: at + 400]
    for kind in (SUMMARY, CHECKED_COPY):
        if f">{kind}<".encode() in tail:
            return kind
    return None


class Inputs:
    """The files of one run, recognised by resolved path and by file identity (hard links, letter case)."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths: set[str] = set()
        self.ids: set[tuple[int, int]] = set()
        for path in paths:
            self.paths.add(_resolved(path))
            identity = _identity(path)
            if identity is not None:
                self.ids.add(identity)

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, Path):
            return False
        if _resolved(path) in self.paths:
            return True
        identity = _identity(path)
        return identity is not None and identity in self.ids


def refusal(target: Path, inputs: Inputs, *, force: bool = False, ours_by_name: bool = False,
            ours: Callable[[Path], bool] | None = None) -> str | None:
    """Why ``target`` may not be written (a key of :data:`REFUSALS`), or None when it may.

    ``ours_by_name``: the target bears xlscore's own naming (``NAME.checked.xlsx``); an existing file
    there without the mark still counts as xlscore's when its first sheet is a 差异表, as copies made
    before the mark have. The name alone never does: a user's own file there is refused.
    ``ours``: how to recognise xlscore's own output when it is no workbook (a text or JSON report).
    """
    if target in inputs:
        return "is_input"  # even with --force: the input is never written
    if target.is_dir():
        return "is_directory"
    if not os.path.lexists(target) or force:
        return None
    if target.exists() and (not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222):
        return "read_only"  # by its mode too: an administrator's account may write where the user said no
    if ours is not None:
        return None if ours(target) else "not_ours"
    if written_by_xlscore(target) is None and not (ours_by_name and _unmarked_checked_copy(target)):
        return "not_ours"
    return None


_FIRST_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"")
MAX_WORKBOOK_BYTES = 1 << 20


def _unmarked_checked_copy(path: Path) -> bool:
    """Whether ``path`` is a checked copy written before copies were marked: its first sheet is 差异表."""
    from xlscore.report.wording import SHEET_NAME

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > MAX_WORKBOOK_BYTES:
                return False
            with archive.open(info) as handle:
                data = handle.read(MAX_WORKBOOK_BYTES + 1)
    except Exception:  # noqa: BLE001 - anything unreadable is not a copy of ours
        return False
    first = _FIRST_SHEET.search(data)
    name = first.group(1).decode("utf-8", "replace") if first else ""
    return any(name == base or name.startswith(base + "(") or name.startswith(base + " (")
               for base in SHEET_NAME.values())


def _resolved(path: Path) -> str:
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a link loop: compare what was given
        resolved = path.absolute()
    return os.path.normcase(str(resolved))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino) if status.st_ino else None
