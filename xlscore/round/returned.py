"""What a return holds, cell by cell: every typed value (inputs, remarks, cover) and every formula.

The common ground of ``merge`` and ``diff``: a return is read once (the reader), its rubric chosen
from its metadata and its cells found through the one layout (defined names, else 序号 and headers).
Values are kept raw, as typed (``１５`` stays that text), so a form filled from them reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xlscore.check.locate import locate
from xlscore.check.references import RowMap, canonical
from xlscore.check.rubric_source import embedded_rubric, read_metadata
from xlscore.form.layout import COVER_PASS, Layout, Slot, SlotKind, layout_for
from xlscore.form.metadata import Metadata
from xlscore.reader.errors import UnreadableWorkbook
from xlscore.reader.xlsx import CellData, read_workbook
from xlscore.rules import InputKind

#: The order typed things are listed in: inputs before their remarks, the cover last.
TYPED_KINDS = (SlotKind.SAMPLE, SlotKind.INPUT, SlotKind.EXEMPT, SlotKind.REASON, SlotKind.REMARK, SlotKind.COVER)


class NotAReturn(Exception):
    """A file that cannot be merged or compared: ``reason`` is a key of the round's refusals."""

    def __init__(self, file: str, reason: str, cause: UnreadableWorkbook | None = None) -> None:
        super().__init__(f"{file}: {reason}")
        self.file, self.reason, self.cause = file, reason, cause


@dataclass
class Return:
    """One returned form: its path, metadata, layout, typed values and formulas, by defined name.

    ``typed``: input, remark and cover slots that hold something → the raw value as typed (a number, a
    text, TRUE/FALSE; a percent-formatted rate as the text ``85%``, which reads the same).
    ``formulas``: computed slots → the formula found there (``=…``), else what was typed over it ("" blank).
    ``cells``: slot name → the cell (A1) where it is in this copy.
    """

    file: str
    metadata: Metadata
    layout: Layout
    typed: dict[str, object] = field(default_factory=dict)
    formulas: dict[str, str] = field(default_factory=dict)
    #: computed slots → the formula with every reference in layout rows (rows inserted above move nothing).
    formula_keys: dict[str, str] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)

    @property
    def unit_id(self) -> str:
        return self.metadata.unit_id

    @property
    def cover_unit(self) -> str:
        value = self.typed.get(cover_name("UNIT"))
        return "" if value is None else str(value).strip()


def slot_title(layout: Layout, slot: Slot) -> str | None:
    """What a person calls a typed slot's place: the item's 项目 (or the start of its 考核内容), a cover field's label."""
    if slot.kind is SlotKind.COVER:
        from xlscore.form.wording import text
        from xlscore.generate.sheets import COVER_LABELS

        return text(COVER_LABELS[slot.name[len("XS_COVER_"):]], layout.lang).rstrip("::")
    if slot.item is None:
        # A subtotal, total or 汇总 cell: named by what it computes (小计, 合计, 汇总得分).
        from xlscore.check.computed import WHAT

        what = WHAT.get(slot.kind)
        return what.get(layout.lang, what["zh"]) if what else None
    found = layout.item(slot.section, slot.item)
    return found.name or found.content[:24]


def cover_name(field_key: str) -> str:
    return f"XS_COVER_{field_key}"


def pass_of(slot: Slot) -> str | None:
    """The pass a typed slot belongs to; None for a cover field both parties share (unit, period)."""
    if slot.kind is SlotKind.COVER:
        return COVER_PASS.get(slot.name[len("XS_COVER_"):])
    return slot.pass_key


def typed_slots(layout: Layout) -> list[Slot]:
    """Every slot a person types into, in a stable order (sheet order, row, column; the cover last)."""
    rank = {kind: i for i, kind in enumerate(TYPED_KINDS)}
    slots = [s for s in layout.slots.values() if s.kind in rank]
    sheets = {name: i for i, name in enumerate(layout.sheet_names())}
    return sorted(slots, key=lambda s: (s.kind is SlotKind.COVER, sheets.get(s.sheet, 99), s.row, s.col))


def read_return(path: str | Path) -> Return:
    """Read ``path``; raises :class:`NotAReturn` for a file that is no xlscore form or cannot be read."""
    try:
        workbook = read_workbook(path, max_row=6000, max_col=64)
        meta = read_metadata(workbook)
    except UnreadableWorkbook as exc:
        raise NotAReturn(str(path), "unreadable", exc) from None
    if not isinstance(meta, Metadata):
        raise NotAReturn(str(path), "no_metadata")
    rubric = embedded_rubric(meta)
    if rubric is None:
        raise NotAReturn(str(path), "no_metadata")
    layout = layout_for(rubric, {k: v for k, v in meta.vars.items() if k in rubric.vars}, meta.lang)
    found = locate(layout, workbook)
    out = Return(str(path), meta, layout)
    rows = RowMap()
    for at in found.slots.values():
        if at.found:
            rows.add(at.sheet or "", at.row or 0, at.slot.row)
    for name, at in found.slots.items():
        if not at.found:
            continue
        sheet = workbook.sheets.get(at.sheet or "")
        cell = sheet.get(at.row or 0, at.col or 0) if sheet is not None else None
        out.cells[name] = at.cell or ""
        slot = at.slot
        if slot.kind.is_computed:
            out.formulas[name] = _computed(cell)
            if cell is not None and cell.formula:
                out.formula_keys[name] = canonical(cell.formula, at.sheet or "", rows)
        elif slot.kind in TYPED_KINDS and cell is not None:
            value = _as_typed(layout, slot, cell, cell.style in workbook.percent_styles)
            if value is not None:
                out.typed[name] = value
    return out


def _computed(cell: CellData | None) -> str:
    if cell is None:
        return ""
    return "=" + cell.formula if cell.formula is not None else shown(cell.value)


def _as_typed(layout: Layout, slot: Slot, cell: CellData, percent_style: bool) -> object:
    """The value as typed; blank (or only spaces) is None. A formula typed into an input counts by its result."""
    value = cell.value
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, float) and percent_style and slot.kind is SlotKind.INPUT and _is_rate(layout, slot) \
            and 0 <= value <= 1:
        return f"{_plain(value * 100)}%"
    return value


def _is_rate(layout: Layout, slot: Slot) -> bool:
    item = layout.item(slot.section, slot.item)
    spec = item.rules[slot.rule or 0].input_spec(item.context())
    return spec.kind is InputKind.DECIMAL and spec.unit == "%"


def _plain(number: float) -> str:
    text = f"{number:.9f}".rstrip("0").rstrip(".")
    return text or "0"


def same_value(a: object, b: object) -> bool:
    """Whether two typed values are the same entry (text compared without surrounding spaces)."""
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def shown(value: object) -> str:
    """A typed value as a person reads it in a list: ``15``, ``１５``, ``TRUE``, ``(空)`` handled by the caller."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
