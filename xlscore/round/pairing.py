"""Pair the forms of two folders by unit: the embedded unit id first, then the cover's unit name, then the file name.

With a roster, the id and cover are read through it (:func:`~xlscore.round.identify.identify`), so a
unit found by id in one folder and by its cover name in the other is still one unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xlscore.round.names import file_key, normalise_name
from xlscore.round.returned import NotAReturn, Return, read_return

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CHECKED_MARK = ".checked"


@dataclass
class Pairing:
    """``pairs``: (unit label, first file, second file); files of one folder with no partner; files unread."""

    pairs: list[tuple[str, Path, Path]] = field(default_factory=list)
    only_first: list[Path] = field(default_factory=list)
    only_second: list[Path] = field(default_factory=list)
    unreadable: list[tuple[Path, NotAReturn]] = field(default_factory=list)


def folder_forms(folder: Path) -> list[Path]:
    """The workbooks of ``folder`` (not its subfolders), without Excel's owner files and xlscore's checked copies."""
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith("~$")
                  and not p.stem.endswith(CHECKED_MARK))


def unit_keys(copy: Return | None, path: Path, roster=None) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """(by id, by cover name, by file name) keys of one form; "" where it has none."""
    by_file = "file:" + file_key(path.stem)
    if copy is None:
        return "", "", by_file
    if roster is not None:
        from xlscore.round.identify import ReturnedForm, identify

        found = identify(ReturnedForm.from_metadata(str(path), copy.metadata, copy.cover_unit), roster)
        if found.unit is not None:
            return "unit:" + found.unit.id, "unit:" + found.unit.id, by_file
    by_id = "id:" + copy.unit_id if copy.unit_id else ""
    by_cover = "name:" + normalise_name(copy.cover_unit) if copy.cover_unit else ""
    return by_id, by_cover, by_file


def pair_folders(first: Path, second: Path, roster=None) -> Pairing:  # type: ignore[no-untyped-def]
    """Pair the forms of ``first`` and ``second``; each file is read once, none is written."""
    out = Pairing()
    keyed = []
    for folder in (first, second):
        found: dict[Path, tuple[str, str, str]] = {}
        for path in folder_forms(folder):
            try:
                copy: Return | None = read_return(path)
            except NotAReturn as exc:
                out.unreadable.append((path, exc))
                copy = None
            found[path] = unit_keys(copy, path, roster)
        keyed.append(found)
    left, right = keyed
    for level in range(3):
        for path, keys in list(left.items()):
            key = keys[level]
            partner = next((p for p, k in right.items() if key and k[level] == key), None)
            if partner is not None:
                out.pairs.append((_label(key), path, partner))
                del left[path], right[partner]
    out.only_first, out.only_second = sorted(left), sorted(right)
    out.pairs.sort(key=lambda pair: str(pair[1]))
    return out


def _label(key: str) -> str:
    return key.split(":", 1)[1]
