"""A lint for the things that make Excel offer to "repair" a workbook (and silently drop parts of it).

openpyxl and XlsxWriter stop some of these, not all; LibreOffice and WPS accept them all, so a file
can look fine everywhere but in Excel. :func:`excel_safety_problems` reads the package itself (never
through openpyxl, which would fix or drop what we look for), with ``defusedxml`` because it also
vets files that came back from outside. Limits are Excel's documented specifications.
"""

from __future__ import annotations

import math
import os
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import iterparse, parse

from xlscore.cells import col_to_letters, letters_to_col

MAX_SHEET_NAME = 31
MAX_LIST_SOURCE = 255
MAX_TITLE = 32
MAX_ERROR = 224
MAX_PROMPT = 255
MAX_CELL_TEXT = 32767
MAX_NAME = 255
MAX_COLUMN_WIDTH = 255
MAX_HEADER_FOOTER = 255
MAX_ROW, MAX_COL = 1048576, 16384
ILLEGAL_SHEET_CHARS = set("[]:*?/\\")

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = _REL_NS + "/officeDocument"
_NAME_CHARS = re.compile(r"^[^\W\d][\w.\\?]*$|^\\[\w.\\?]*$")
_A1 = re.compile(r"^([A-Za-z]{1,3})(\d+)$")
_R1C1 = re.compile(r"^[Rr]\d*([Cc]\d*)?$|^[Cc]\d*$")
# Spans where `;` is not a separator: string literals, quoted sheet names, array constants.
_NOT_SEPARATOR = re.compile(r'"(?:[^"]|"")*"|\'(?:[^\']|\'\')*\'|\{[^}]*\}')
_RANGE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$")


class NotAWorkbook(ValueError):
    """The file is not an .xlsx/.xlsm package (not a zip, or no workbook part)."""


def excel_safety_problems(path: str | os.PathLike[str] | IO[bytes]) -> list[str]:
    """Every reason Excel would offer to repair the workbook at ``path``, one English line each.

    Lines name the sheet and cell or range. Raises :class:`NotAWorkbook` when the file is not a
    workbook package at all, and ``defusedxml`` errors for XML that tries entity tricks.
    """
    try:
        package = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise NotAWorkbook(f"not a zip package: {exc}") from exc
    with package:
        book = _read_book(package)
        problems = _sheet_name_problems(book.sheets) + _defined_name_problems(package, book)
        shared = _shared_string_lengths(package, book.shared_strings)
        for name, part in book.sheets:
            if part in package.NameToInfo:
                with package.open(part) as stream:
                    problems += [f"sheet '{name}': {p}" for p in _worksheet_problems(stream, shared)]
    return problems


# --- the package ---------------------------------------------------------------------------------
@dataclass
class _Book:
    part: str
    sheets: list[tuple[str, str]]  # (sheet name, part name) in workbook order
    shared_strings: str | None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(package: zipfile.ZipFile, part: str) -> Element:
    with package.open(part) as stream:
        return parse(stream).getroot()


def _relationships(package: zipfile.ZipFile, part: str) -> list[tuple[str, str, str]]:
    """(id, type, target part) of ``part``'s relationships; targets resolved to part names."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in package.NameToInfo:
        return []
    out = []
    for rel in _parse(package, rels):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append((rel.get("Id", ""), rel.get("Type", ""), resolved))
    return out


def _read_book(package: zipfile.ZipFile) -> _Book:
    part = next((t for _, kind, t in _relationships(package, "") if kind == _OFFICE_DOCUMENT), "xl/workbook.xml")
    if part not in package.NameToInfo:
        raise NotAWorkbook(f"the package has no workbook part ({part})")
    rels = _relationships(package, part)
    targets = {rid: target for rid, _, target in rels}
    sheets = []
    for element in _parse(package, part).iter():
        if _local(element.tag) == "sheet":
            rid = element.get(f"{{{_REL_NS}}}id", "")
            sheets.append((element.get("name", ""), targets.get(rid, "")))
    shared = next((t for _, kind, t in rels if kind.endswith("/sharedStrings")), None)
    return _Book(part, sheets, shared)


# --- workbook-level checks -----------------------------------------------------------------------
def sheet_name_problem(name: str) -> str | None:
    """Why Excel would not accept ``name`` as a sheet name, or ``None``."""
    if not name:
        return "is empty"
    if len(name) > MAX_SHEET_NAME:
        return f"is {len(name)} characters long (Excel allows {MAX_SHEET_NAME})"
    bad = sorted(set(name) & ILLEGAL_SHEET_CHARS)
    if bad:
        return f"contains {' '.join(bad)} (Excel forbids any of [ ] : * ? / \\)"
    if name.startswith("'") or name.endswith("'"):
        return "starts or ends with an apostrophe (')"
    return None


def _sheet_name_problems(sheets: list[tuple[str, str]]) -> list[str]:
    problems, seen = [], set()
    for name, _ in sheets:
        why = sheet_name_problem(name)
        if why:
            problems.append(f"sheet name '{name}' {why}")
        if name.lower() in seen:
            problems.append(f"sheet name '{name}' is used twice (Excel ignores case)")
        seen.add(name.lower())
    return problems


def defined_name_problem(name: str) -> str | None:
    """Why Excel would not accept ``name`` as a defined name, or ``None``."""
    if len(name) > MAX_NAME:
        return f"is {len(name)} characters long (Excel allows {MAX_NAME})"
    if name.startswith("_xlnm.") and _NAME_CHARS.match(name[6:] or "-"):
        return None  # built-in names (print area, print titles, filter database)
    if not _NAME_CHARS.match(name):
        return "has characters Excel does not allow (start with a letter, _ or \\; then letters, digits, _ . \\ ?)"
    if _is_a1_cell(name):
        return "looks like a cell reference (A1 style)"
    if _R1C1.match(name):
        return "looks like a cell reference (R1C1 style)"
    return None


def _is_a1_cell(name: str) -> bool:
    match = _A1.match(name)
    return bool(match) and letters_to_col(match.group(1)) <= MAX_COL and 1 <= int(match.group(2)) <= MAX_ROW


def _defined_name_problems(package: zipfile.ZipFile, book: _Book) -> list[str]:
    problems, seen = [], set()
    sheet_names = [name for name, _ in book.sheets]
    for element in _parse(package, book.part).iter():
        if _local(element.tag) != "definedName":
            continue
        name, scope = element.get("name", ""), element.get("localSheetId")
        where = "the workbook" if scope is None else f"sheet '{_nth(sheet_names, scope)}'"
        why = defined_name_problem(name)
        if why:
            problems.append(f"defined name '{name[:60]}' (scope {where}) {why}")
        key = (scope, name.lower())
        if key in seen:
            problems.append(f"defined name '{name[:60]}' is defined twice in {where} (Excel ignores case)")
        seen.add(key)
    return problems


def _nth(names: list[str], index: str) -> str:
    return names[int(index)] if index.isdigit() and int(index) < len(names) else f"#{index}"


def _shared_string_lengths(package: zipfile.ZipFile, part: str | None) -> list[int]:
    if part is None or part not in package.NameToInfo:
        return []
    lengths = []
    with package.open(part) as stream:
        for _, element in iterparse(stream, events=("end",)):
            if _local(element.tag) == "si":
                lengths.append(_text_length(element))
                element.clear()
    return lengths


def _text_length(element: Element) -> int:
    """Characters of a string item (plain or rich text runs); phonetic runs (rPh) are not shown."""
    total = 0
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            total += len(child.text or "")
        elif tag == "r":
            total += sum(len(t.text or "") for t in child if _local(t.tag) == "t")
    return total


# --- worksheet checks ----------------------------------------------------------------------------
def _worksheet_problems(stream: IO[bytes], shared: list[int]) -> list[str]:
    problems: list[str] = []
    merges: list[tuple[str, tuple[int, int, int, int]]] = []
    for element in _elements(stream):
        tag = _local(element.tag)
        if tag == "c":
            problems += _cell_problems(element, shared)
        elif tag == "col":
            problems += _column_problems(element)
        elif tag == "mergeCell":
            box = range_box(element.get("ref", ""))
            if box:
                merges.append((element.get("ref", ""), box))
        elif tag == "dataValidation":
            problems += _validation_problems(element)
        elif tag in _HEADER_FOOTER and len(element.text or "") > MAX_HEADER_FOOTER:
            problems.append(f"{tag}: {len(element.text or '')} characters (Excel allows {MAX_HEADER_FOOTER})")
    return problems + _overlap_problems(merges)


_HEADER_FOOTER = ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")
_OF_INTEREST = ("c", "col", "mergeCell", "dataValidation", *_HEADER_FOOTER)


def _elements(stream: IO[bytes]) -> Iterator[Element]:
    """Each element of interest once complete; cells are cleared afterwards to bound memory."""
    for _, element in iterparse(stream, events=("end",)):
        tag = _local(element.tag)
        if tag in _OF_INTEREST:
            yield element
        if tag in ("c", "row", "dataValidation"):
            element.clear()


def _cell_problems(cell: Element, shared: list[int]) -> list[str]:
    ref, kind = cell.get("r", "?"), cell.get("t", "n")
    problems = []
    value = formula = None
    for child in cell:
        tag = _local(child.tag)
        if tag == "v":
            value = child.text or ""
        elif tag == "f":
            formula = child.text or ""
        elif tag == "is":
            length = _text_length(child)
            if length > MAX_CELL_TEXT:
                problems.append(f"cell {ref}: text of {length} characters (Excel allows {MAX_CELL_TEXT})")
    if formula and formula_separator_problem(formula):
        problems.append(f"cell {ref}: formula uses ';' as an argument separator (Excel files need ','): ={formula[:80]}")
    if not value:
        return problems
    if kind == "n":
        problems += _number_problems(ref, value)
    elif kind == "s":
        length = shared[int(value)] if value.isdigit() and int(value) < len(shared) else 0
        if length > MAX_CELL_TEXT:
            problems.append(f"cell {ref}: text of {length} characters (Excel allows {MAX_CELL_TEXT})")
    elif kind == "str" and len(value) > MAX_CELL_TEXT:
        problems.append(f"cell {ref}: formula result of {len(value)} characters (Excel allows {MAX_CELL_TEXT})")
    return problems


def _number_problems(ref: str, value: str) -> list[str]:
    try:
        number = float(value)
    except ValueError:
        return [f"cell {ref}: numeric cell holds '{value[:40]}', which is not a number"]
    if math.isnan(number) or math.isinf(number):
        return [f"cell {ref}: numeric value {value} (NaN/Inf cannot be stored in Excel)"]
    return []


def formula_separator_problem(formula: str) -> bool:
    """Whether ``formula`` uses ``;`` outside string literals, quoted sheet names and array constants."""
    return ";" in _NOT_SEPARATOR.sub("", formula)


def _column_problems(col: Element) -> list[str]:
    try:
        width = float(col.get("width", "0"))
    except ValueError:
        width = math.inf
    if width <= MAX_COLUMN_WIDTH:
        return []
    low, high = col.get("min", "?"), col.get("max", "?")
    span = _col_span(low, high)
    return [f"column {span}: width {col.get('width')} (Excel allows {MAX_COLUMN_WIDTH})"]


def _col_span(low: str, high: str) -> str:
    def letters(n: str) -> str:
        return col_to_letters(int(n)) if n.isdigit() and 0 < int(n) <= MAX_COL else n

    return letters(low) if low == high else f"{letters(low)}:{letters(high)}"


def _validation_problems(validation: Element) -> list[str]:
    where = _validation_range(validation)
    problems = []
    if validation.get("type") == "list":
        source = _validation_formula(validation)
        if source.startswith('"') and source.endswith('"') and len(source) >= 2:
            items = source[1:-1].replace('""', '"')
            if len(items) > MAX_LIST_SOURCE:
                problems.append(f"data validation on {where}: list of {len(items)} characters "
                                f"(Excel allows {MAX_LIST_SOURCE}; put the values in cells and refer to them)")
    for attribute, limit, what in (("promptTitle", MAX_TITLE, "prompt title"), ("errorTitle", MAX_TITLE, "error title"),
                                   ("error", MAX_ERROR, "error message"), ("prompt", MAX_PROMPT, "prompt")):
        text = validation.get(attribute) or ""
        if len(text) > limit:
            problems.append(f"data validation on {where}: {what} of {len(text)} characters (Excel allows {limit})")
    return problems


def _validation_range(validation: Element) -> str:
    """The sqref attribute, or the x14 form's ``<xm:sqref>`` child."""
    if validation.get("sqref"):
        return validation.get("sqref", "")
    return next((c.text or "" for c in validation if _local(c.tag) == "sqref"), "?")


def _validation_formula(validation: Element) -> str:
    for child in validation:
        if _local(child.tag) == "formula1":
            inner = [c for c in child if _local(c.tag) == "f"]  # x14: <x14:formula1><xm:f>…
            return ((inner[0].text if inner else child.text) or "").strip()
    return ""


def range_box(ref: str) -> tuple[int, int, int, int] | None:
    """``B2:C5`` → (first row, first col, last row, last col), 1-based; ``None`` when not a range."""
    match = _RANGE.match(ref.strip())
    if not match:
        return None
    c1, r1, c2, r2 = match.group(1), int(match.group(2)), match.group(3) or match.group(1), int(match.group(4) or match.group(2))
    col1, col2 = letters_to_col(c1), letters_to_col(c2)
    return min(r1, r2), min(col1, col2), max(r1, r2), max(col1, col2)


def _overlap_problems(merges: list[tuple[str, tuple[int, int, int, int]]]) -> list[str]:
    """Pairs of merged ranges that share a cell: a sweep down the rows, so no all-pairs comparison."""
    problems, active = [], []
    for ref, box in sorted(merges, key=lambda m: m[1]):
        active = [(r, b) for r, b in active if b[2] >= box[0]]
        for other_ref, other in active:
            if other[1] <= box[3] and box[1] <= other[3]:
                problems.append(f"merged ranges {other_ref} and {ref} overlap")
        active.append((ref, box))
    return problems
