"""One finding for a workbook.xml whose declared encoding is not its bytes' (see reader/declared.py).

The workbook is then checked with its names decoded as the bytes mean them, so the sheet names
that decode differently give this one finding instead of a changed formula per cell.
"""

from __future__ import annotations

from xlscore.check import codes
from xlscore.check.findings import Finding
from xlscore.check.formula_diff import printable
from xlscore.reader.declared import misdeclared_encoding, repaired
from xlscore.reader.xlsx import WorkbookData


def declared_encoding(workbook: WorkbookData, lang: str) -> tuple[WorkbookData, Finding | None]:
    """``workbook`` as its bytes mean it, and the finding that says it was declared otherwise (or None)."""
    if not workbook.package_facts:
        return workbook, None
    mismatch = misdeclared_encoding(workbook.path)
    if mismatch is None:
        return workbook, None
    fixed, found = repaired(workbook, mismatch[0])
    as_declared, as_meant = found.example
    finding = codes.STR006.make(lang, declared=found.declared, as_declared=printable(as_declared), as_meant=as_meant)
    return fixed, finding
