"""How unit names compare, and the file name of a unit's form on Windows."""

from __future__ import annotations

import re
import unicodedata

#: Characters Windows refuses in a file name, and the ASCII control characters.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
#: Characters of a file's stem: well under Windows' 255 per name, leaving room for the folder in a 260-character path.
MAX_STEM = 80


def normalise_name(name: str) -> str:
    """The form two unit names are compared in: NFKC (full-width letters, digits and spaces become
    half-width), no whitespace at all, case-folded. ``"城南 客服中心 "`` and ``"城南客服中心"`` compare equal."""
    folded = unicodedata.normalize("NFKC", name or "").casefold()
    return unicodedata.normalize("NFKC", "".join(folded.split()))  # once more: marks that followed a space compose


def windows_file_name(name: str, fallback: str = "unit") -> str:
    """A file stem Windows accepts for ``name`` (no extension): forbidden characters become ``_``,
    trailing dots and spaces go, a reserved device name (CON, PRN, COM1 …) gets a leading ``_``, the
    length is capped at :data:`MAX_STEM`. An empty result falls back to ``fallback`` (sanitised the same way)."""
    stem = _FORBIDDEN.sub("_", " ".join((name or "").split()))
    stem = stem[:MAX_STEM].strip().rstrip(". ")
    if stem.split(".", 1)[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    if not stem:
        return windows_file_name(fallback, "unit") if fallback != name else "unit"
    return stem


#: What Windows, Excel and WPS add to a file name when a copy is saved or downloaded again: "(2)", " - 副本", " - Copy".
_COPY_MARK = re.compile(r"(\s*([(（]\d{1,3}[)）]|-\s*副本|-\s*copy|副本))+$", re.IGNORECASE)


def without_copy_mark(stem: str) -> str:
    """A file stem without the marks of a copy: ``城南客服中心(2)`` and ``城南客服中心 - 副本`` → ``城南客服中心``."""
    return _COPY_MARK.sub("", stem).strip()


def file_key(stem: str) -> str:
    """How Windows compares two file names: without regard to letter case."""
    return unicodedata.normalize("NFC", stem).casefold()
