"""What every check step shares: the layout, the workbook, where each slot is, and what it holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Context, Decimal

from xlscore.check.findings import Finding
from xlscore.check.locate import Located, Locations
from xlscore.check.normalise import Reading
from xlscore.check.references import RowMap
from xlscore.form.engine import ItemScore
from xlscore.form.layout import Layout, Slot, SlotKind
from xlscore.reader.xlsx import CellData, WorkbookData

QUANTUM = Decimal("1e-9")
#: Enough digits to quantize any float (up to 1.8e308) to QUANTUM without InvalidOperation.
WIDE = Context(prec=330)


@dataclass
class CheckContext:
    layout: Layout
    workbook: WorkbookData
    locations: Locations
    lang: str
    readings: dict[str, Reading] = field(default_factory=dict)  # input slot → how it reads
    expected: dict[str, Decimal | None] = field(default_factory=dict)  # computed slot → recomputed value (None: shows nothing)
    unknown: set[str] = field(default_factory=set)  # computed slots that follow from a refused input
    scored: dict[str, Decimal | None] = field(default_factory=dict)  # totals with every item at its score
    results: dict[tuple[str, str, str], ItemScore] = field(default_factory=dict)  # (pass, section, 序号)
    findings: list[Finding] = field(default_factory=list)
    allow_blank: bool = False  # blank inputs count as 0 (--allow-blank or the rubric's setting)
    _rows: RowMap | None = None
    _cells: dict[str, CellData | None] = field(default_factory=dict)  # slot → its cell (the workbook is not changed)

    @property
    def rows(self) -> RowMap:
        """Workbook row → layout row on each sheet, from where the defined names point."""
        if self._rows is None:
            self._rows = RowMap()
            for at in self.locations.slots.values():
                if at.found:
                    self._rows.add(at.sheet or "", at.row or 0, at.slot.row)
        return self._rows

    def located(self, name: str) -> Located | None:
        found = self.locations.slots.get(name)
        return found if found is not None and found.found else None

    def cell(self, name: str) -> CellData | None:
        try:
            return self._cells[name]
        except KeyError:
            pass
        where = self.located(name)
        if where is None:
            found = None
        else:
            sheet = self.workbook.sheets.get(where.sheet or "")
            found = sheet.get(where.row or 0, where.col or 0) if sheet else None
        self._cells[name] = found
        return found

    def where(self, slot: Slot) -> dict[str, object]:
        """Keyword arguments locating a finding at ``slot`` (its actual cell), for ``Code.make``."""
        at = self.located(slot.name)
        return {
            "sheet": at.sheet if at else slot.sheet,
            "cell": at.cell if at else None,
            "serial": slot.item or slot.group,
            "pass_key": slot.pass_key,
            "name": slot.name,
        }

    def value(self, name: str) -> object:
        """The normalised value of an input slot (None when blank or unreadable)."""
        reading = self.readings.get(name)
        return reading.value if reading else None

    def shown(self, name: str) -> Decimal | None:
        """A computed cell's number as the workbook shows it: blank and text count 0 (as SUM does), errors None."""
        cell = self.cell(name)
        if cell is None or cell.value is None:
            return Decimal(0)
        if cell.is_error:
            return None
        if isinstance(cell.value, bool) or not isinstance(cell.value, float):
            return Decimal(0)
        return as_decimal(cell.value)

    def display(self, name: str) -> Decimal | None | str:
        """What a computed cell shows, as its formula sees it: a number, None (nothing) or ``"#"`` (an error)."""
        cell = self.cell(name)
        return display_of(cell)

    def slots(self, kind: SlotKind) -> list[Slot]:
        return [s for s in self.layout.slots.values() if s.kind is kind]


ERROR = "#"


def display_of(cell: CellData | None) -> Decimal | None | str:
    """A cell's value as formulas add it up: numbers, None for empty/text (SUM skips both), ``"#"`` for errors."""
    if cell is None or cell.value is None:
        return None
    if cell.is_error:
        return ERROR
    if isinstance(cell.value, bool) or not isinstance(cell.value, float):
        return None
    return as_decimal(cell.value)


def as_decimal(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(QUANTUM, context=WIDE).normalize(WIDE)


def same(a: Decimal | None, b: Decimal | None) -> bool:
    return a is not None and b is not None and a.quantize(QUANTUM, context=WIDE) == b.quantize(QUANTUM, context=WIDE)


def show(value: Decimal | None) -> str:
    """A number as a person writes it: ``15``, ``1.5``, ``0.03``."""
    if value is None:
        return "?"
    if value.copy_abs() >= Decimal("1e15"):  # a number no form holds: short, as Excel shows it
        return format(value, ".6g")
    text = format(value.quantize(QUANTUM, context=WIDE).normalize(WIDE), "f")
    return text
