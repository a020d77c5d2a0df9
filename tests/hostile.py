"""Builders of hostile and broken workbooks from the clean fixture, shared by tests and benchmarks.

Each builder writes one file and returns its path. They change the package as an attacker or a
careless tool would: a value Excel cannot hold, a duplicated or misnamed part, a huge sheet.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path
from typing import Callable

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "clean.xlsx"
#: The first section sheet of the clean fixture and one of its input cells (1.1's self-check count).
SECTION_PART = "xl/worksheets/sheet3.xml"


def _input_style() -> str:
    """The style index of the fixture's input cells (it moves whenever the generator adds a format)."""
    with zipfile.ZipFile(CLEAN) as package:
        found = re.search(rb'<c r="G6" s="(\d+)"', package.read(SECTION_PART))
    assert found, "the clean fixture has no input at G6"
    return found.group(1).decode()


STYLE = _input_style()
INPUT_CELL = f'<c r="G6" s="{STYLE}" t="n"><v>1</v></c>'
SAMPLE_CELL = f'<c r="G5" s="{STYLE}" t="n"><v>12</v></c>'


def rewrite(target: Path, edits: dict[str, Callable[[bytes], bytes]], *, source: Path = CLEAN,
            extra: list[tuple[str, bytes]] | None = None) -> Path:
    """``source``'s package with some parts transformed and ``extra`` entries appended (duplicates allowed)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            edit = edits.get(info.filename)
            new.writestr(info.filename, edit(data) if edit else data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about a duplicate name: that is the point
            for name, data in extra or []:
                new.writestr(name, data)
    return target


def replace_once(old: str, new: str) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        assert old.encode() in data, f"{old!r} not in the part"
        return data.replace(old.encode(), new.encode(), 1)

    return edit


def with_input(target: Path, cell_xml: str, *, cell: str = INPUT_CELL) -> Path:
    """The clean fixture with one input cell's XML replaced by ``cell_xml``."""
    return rewrite(target, {SECTION_PART: replace_once(cell, cell_xml)})


def number_cell(raw: str, ref: str = "G6") -> str:
    return f'<c r="{ref}" s="{STYLE}" t="n"><v>{raw}</v></c>'


def text_cell(text: str, ref: str = "G6") -> str:
    return f'<c r="{ref}" s="{STYLE}" t="inlineStr"><is><t>{text}</t></is></c>'


def nested_sheet(depth: int) -> Callable[[bytes], bytes]:
    """A sheet whose data ends in ``depth`` nested unknown elements (deeply nested XML)."""
    return replace_once("</sheetData>", "<x>" * depth + "</x>" * depth + "</sheetData>")


def huge_attribute(size: int) -> Callable[[bytes], bytes]:
    """A sheet whose first cell carries an unknown attribute ``size`` characters long."""
    return replace_once('<c r="G6" ', f'<c foo="{"9" * size}" r="G6" ')
