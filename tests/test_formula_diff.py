"""Formulas that print the same but differ: the finding says what differs, and a misdeclared
workbook.xml encoding gives one finding for its real cause instead of one per formula."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from xlscore.check.checker import check_file
from xlscore.check.formula_diff import looks_same, what_differs
from xlscore.generate import GenerateOptions, generate_workbook, workbook_layout
from xlscore.reader.declared import _mismatch
from xlscore.reader.xlsx import read_workbook
from xlscore.report.copy import write_checked_copy
from xlscore.rubric import load_rubric

SMALL = Path(__file__).resolve().parents[1] / "examples" / "small-rubric.yaml"


def _filled(tmp: Path) -> Path:
    """The small rubric's form, every input filled with its first legal value (0 / 否 / a sample of 30)."""
    rubric = load_rubric(SMALL)
    fill: dict[str, object] = {}
    for slot in workbook_layout(rubric, GenerateOptions()).slots.values():
        if slot.kind.value == "input":
            fill[slot.name] = 0
        elif slot.kind.value == "sample":
            fill[slot.name] = 30
        elif slot.kind.value == "exempt":
            fill[slot.name] = "否"
    return generate_workbook(rubric, tmp / "form.xlsx", GenerateOptions(inputs=fill))


def _rewritten(source: Path, target: Path, part: str, edit) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, edit(data) if info.filename == part else data)
    return target


def _latin_declared(data: bytes) -> bytes:
    declared, count = re.subn(rb"^<\?xml[^>]*\?>", b'<?xml version="1.0" encoding="ISO-8859-1" standalone="yes"?>', data)
    assert count == 1
    return declared


def _verdict(path: Path) -> Counter:  # type: ignore[type-arg]
    report = check_file(path)
    assert report.unreadable is None
    return Counter((f.code, f.sheet, f.cell) for f in report.findings)


def test_a_misdeclared_workbook_encoding_gives_one_finding_and_the_original_verdict(tmp_path: Path) -> None:
    good = _filled(tmp_path)
    bad = _rewritten(good, tmp_path / "latin.xlsx", "xl/workbook.xml", _latin_declared)
    # The fixture has the fault, as another reader sees it: every Chinese sheet name decodes differently.
    theirs = openpyxl.load_workbook(bad, read_only=True).sheetnames
    ours = openpyxl.load_workbook(good, read_only=True).sheetnames
    assert len(theirs) == len(ours) and all(a != b for a, b in zip(theirs, ours) if not a.isascii())
    assert set(read_workbook(bad).sheets) == set(theirs)

    report = check_file(bad)
    codes = Counter(f.code for f in report.findings)
    assert codes["STR006"] == 1
    assert not any(f.found is not None and f.found == f.expected for f in report.findings)
    expected = _verdict(good) + Counter({("STR006", None, None): 1})
    assert _verdict(bad) == expected
    finding = next(f for f in report.findings if f.code == "STR006")
    assert "ISO-8859-1" in finding.message and "UTF-8" in finding.message and "WPS" in finding.message
    assert report.exit_code == 1


@pytest.mark.parametrize(("data", "found"), [
    (b'<?xml version="1.0" encoding="ISO-8859-1"?><a n="\xe5\xae\xa2"/>', ("ISO-8859-1", "UTF-8")),
    (b'<?xml version="1.0" encoding="windows-1252"?><a n="\xe5\xae\xa2"/>', ("windows-1252", "UTF-8")),
    (b'<?xml version="1.0" encoding="UTF-8"?><a n="\xe5\xae\xa2"/>', None),  # declared right
    (b'<?xml version="1.0" encoding="ISO-8859-1"?><a n="caf\xe9"/>', None),  # really Latin-1
    (b'<?xml version="1.0" encoding="ISO-8859-1"?><a n="abc"/>', None),  # ASCII: decodes the same either way
    (b'<a n="\xe5\xae\xa2"/>', None),  # no declaration: UTF-8 by default
])
def test_the_mismatch_is_found_only_where_the_bytes_are_utf8_under_another_name(data: bytes, found: object) -> None:
    assert _mismatch(data) == found


def test_a_hidden_character_in_a_formula_is_named(tmp_path: Path) -> None:
    good = _filled(tmp_path)
    with zipfile.ZipFile(good) as archive:
        part = next(n for n in archive.namelist() if n.startswith("xl/worksheets/") and b"ISNUMBER(" in archive.read(n))
    edited = _rewritten(good, tmp_path / "hidden.xlsx", part,
                        lambda data: data.replace(b"ISNUMBER(", "ISNUMBER\u200b(".encode(), 1))
    changed = [f for f in check_file(edited).findings if f.code in ("CALC008", "CALC012")]
    assert len(changed) == 1
    assert looks_same(changed[0].found or "", changed[0].expected or "")
    assert "U+200B" in changed[0].message and "不可见字符" in changed[0].message


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_what_differs_between_formulas_that_print_the_same(lang: str) -> None:
    assert "U+200B" in what_differs("=SUM(A1\u200b)", "=SUM(A1)", "S", "S", lang)
    cyrillic = what_differs("=\u0421OUNT(A1)", "=COUNT(A1)", "S", "S", lang)
    assert "U+0421" in cyrillic and "U+0043" in cyrillic
    assert "U+FF29" in what_differs("=\uff29F(A1)", "=IF(A1)", "S", "S", lang)  # a full-width letter
    sheet = what_differs("=SUM(A1)", "=SUM(A1)", "1 客\u200b", "1 客", lang)
    assert "1 客\\u200b" in sheet and "U+200B" in sheet
    assert what_differs("=SUM(A1)", "=SUM(A1)", "S", "S", lang)  # same sheet, same text: rows moved
    assert what_differs("=SUM(A2)", "=SUM(A1)", "S", "S", lang) == ""  # visibly different: nothing to add


def test_the_checked_copy_of_a_misdeclared_workbook_keeps_its_declared_encoding(tmp_path: Path) -> None:
    bad = _rewritten(_filled(tmp_path), tmp_path / "latin.xlsx", "xl/workbook.xml", _latin_declared)
    copy = write_checked_copy(bad, tmp_path / "latin.checked.xlsx", check_file(bad))
    with zipfile.ZipFile(bad) as zin, zipfile.ZipFile(copy) as zcopy:
        before, after = zin.read("xl/workbook.xml"), zcopy.read("xl/workbook.xml")
    assert after.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"')
    # Every byte of the original sheet entries is kept; the new sheet's name is written as character references.
    for sheet in re.findall(rb"<sheet [^>]*/>", before):
        assert sheet in after
    assert b"&#" in after
    names = openpyxl.load_workbook(copy, read_only=True).sheetnames
    assert names[0] == "差异表"
    assert names[1:] == openpyxl.load_workbook(bad, read_only=True).sheetnames
