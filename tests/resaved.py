"""Helpers for the tests of re-saved returns: where the re-savers act on a fixture, and a verdict to compare."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from support.resave import Targets, resave
from test_check_fixtures import LAYOUT, fixture
from xlscore.check.findings import Report
from xlscore.form.layout import SlotKind

#: Pictures and comments per file: enough to cover both passes and two sheets, few enough to stay quick.
MAX_PICTURES = 2
MAX_COMMENTS = 3


def targets(path: Path) -> Targets:
    """Remark cells of the form that hold a written remark (a picture replaces it), and a few input cells."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        remarks = []
        for slot in (s for s in LAYOUT.slots.values() if s.kind is SlotKind.REMARK):
            if len(remarks) == MAX_PICTURES or slot.sheet not in book.sheetnames:
                continue
            value = book[slot.sheet][slot.cell].value
            if isinstance(value, str) and value.strip():
                remarks.append((slot.sheet, slot.cell))
        inputs = [(s.sheet, s.cell) for s in LAYOUT.slots.values()
                  if s.kind is SlotKind.INPUT and s.sheet in book.sheetnames][:MAX_COMMENTS]
    finally:
        book.close()
    return Targets(remarks, inputs)


def resaved(case: str, shape: tuple[str, ...], folder: Path) -> Path:
    source = fixture(case)
    target = folder / f"{case.split('.')[0]}-{'-'.join(shape)}{source.suffix}"
    target.write_bytes(resave(source.read_bytes(), shape, targets(source)))
    return target


def verdict(report: Report) -> tuple[object, ...]:
    """Everything a re-save must leave as it was: findings with cells, codes, caused_by and messages, totals."""
    findings = sorted((f.sheet or "", f.cell or "", f.code, f.caused_by or "", f.pass_key or "", f.message)
                      for f in report.findings)
    return (report.unreadable, report.exit_code, findings, report.totals, report.shown_totals,
            {p: (s.final, s.label()) for p, s in report.passes.items()})
