"""The default generated workbook against the committed golden copy, part by part.

``tests/golden/csc.xlsx`` is what ``xlscore generate`` writes for the shipped rubric with no
options. A change to the generator that changes the file fails here and shows the first differing
lines of each differing part; when the change is intended, rewrite the golden file with

    XLSCORE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

and review the new file (open it in Excel/WPS/LibreOffice) before committing it.

The comparison follows XlsxWriter's ``_compare_xlsx_files``: same member list, then each XML part
equal after removing an explicit list of volatile fields. Generation is deterministic (fixed
timestamps), so that list is empty; the mechanism stays for the day it is not.
"""

from __future__ import annotations

import difflib
import os
import re
import zipfile
from pathlib import Path

import pytest

from xlscore.generate import GenerateOptions, generate_workbook
from xlscore.rubric import load_rubric

GOLDEN = Path(__file__).resolve().parent / "golden" / "csc.xlsx"
#: (part name pattern, field pattern) removed before comparing. Empty: nothing varies between runs.
VOLATILE: list[tuple[re.Pattern[str], re.Pattern[str]]] = []
DIFF_LINES = 40


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def _lines(part: str, data: bytes) -> list[str]:
    """An XML part as one tag per line, volatile fields removed (so a diff points at the change)."""
    text = data.decode("utf-8")
    for part_pattern, field in VOLATILE:
        if part_pattern.fullmatch(part):
            text = field.sub("", text)
    return re.sub(r">\s*<", ">\n<", text).splitlines()


def _difference(part: str, golden: bytes, fresh: bytes) -> str | None:
    if not part.endswith((".xml", ".rels")):
        return None if golden == fresh else f"{part}: binary part differs ({len(golden)} vs {len(fresh)} bytes)"
    old, new = _lines(part, golden), _lines(part, fresh)
    if old == new:
        return None
    diff = difflib.unified_diff(old, new, "golden/" + part, "generated/" + part, n=1, lineterm="")
    return "\n".join(line[:300] for line in list(diff)[:DIFF_LINES])


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = generate_workbook(load_rubric(), tmp_path_factory.mktemp("golden") / "csc.xlsx", GenerateOptions())
    if os.environ.get("XLSCORE_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_bytes(out.read_bytes())
    return out


def test_golden_file_is_committed(fresh: Path) -> None:
    assert GOLDEN.is_file(), "run XLSCORE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py"


def test_same_parts(fresh: Path) -> None:
    assert list(_parts(fresh)) == list(_parts(GOLDEN))


def test_every_part_equal(fresh: Path) -> None:
    golden, generated = _parts(GOLDEN), _parts(fresh)
    differences = [d for name in golden if name in generated and (d := _difference(name, golden[name], generated[name]))]
    assert not differences, "generated workbook differs from tests/golden/csc.xlsx " \
        "(XLSCORE_UPDATE_GOLDEN=1 rewrites it):\n" + "\n\n".join(differences)


def test_volatile_fields_are_stripped_before_comparing() -> None:
    """The stripping mechanism itself works (the list is empty in practice)."""
    VOLATILE.append((re.compile(r"docProps/core\.xml"), re.compile(r"<dcterms:modified[^>]*>[^<]*</dcterms:modified>")))
    try:
        one = b'<a><dcterms:modified x="1">2000-01-01</dcterms:modified><b/></a>'
        two = b'<a><dcterms:modified x="1">2024-05-05</dcterms:modified><b/></a>'
        assert _difference("docProps/core.xml", one, two) is None
        assert _difference("xl/workbook.xml", one, two) is not None
    finally:
        VOLATILE.pop()


def test_a_difference_shows_the_changed_lines() -> None:
    shown = _difference("xl/worksheets/sheet1.xml", b"<a><b>old</b></a>", b"<a><b>new</b></a>")
    assert shown is not None and "-<b>old</b>" in shown and "+<b>new</b>" in shown
