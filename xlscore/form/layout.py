"""The one layout: where every item, rule, month and pass sits in the workbook.

Computed once from a rubric (variables substituted) and a language; the generator writes cells
at these places and names them, the reader finds them again by those names, the reports point
at them. Rows and columns are 1-based.
Defined names: see :mod:`xlscore.form.names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from xlscore.cells import rowcol_to_cell
from xlscore.rubric.model import Group, Item, Rubric, Section
from xlscore.form.names import PASS_CODE, SlotKind, slot_name  # noqa: F401 - the layout's vocabulary
from xlscore.form.wording import COL, sheet_name

PASS_KEYS = ("self_check", "assessed")
INPUT_COL = {"self_check": COL["self_input"], "assessed": COL["assessed_input"]}
DEDUCTION_COL = {"self_check": COL["self_deduction"], "assessed": COL["assessed_deduction"]}
SCORE_COL = {"self_check": COL["self_score"], "assessed": COL["assessed_score"]}
REMARK_COL = {"self_check": COL["self_remark"], "assessed": COL["assessed_remark"]}

TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
#: 汇总: B section, C 标准分, D 自查, E 考评, F difference; section rows from row 4, then the grand total.
SUMMARY_COL = {"label": 2, "standard": 3, "self_check": 4, "assessed": 5, "diff": 6}
SUMMARY_FIRST_ROW = 4
FIRST_BODY_ROW = HEADER_ROW + 1
COVER_FIELDS = ("UNIT", "PERIOD", "SELF_BY", "SELF_DATE", "ASSESSED_BY", "ASSESSED_DATE")
#: The pass a 封面 field belongs to (None: either party fills it in).
COVER_PASS = {"SELF_BY": "self_check", "SELF_DATE": "self_check", "ASSESSED_BY": "assessed", "ASSESSED_DATE": "assessed"}
_ILLEGAL_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Slot:
    """One named cell."""

    name: str
    sheet: str
    row: int
    col: int
    kind: SlotKind
    pass_key: str | None = None
    section: str | None = None
    item: str | None = None
    rule: int | None = None  # 0-based
    month: int | None = None  # 0-based
    group: str | None = None

    @property
    def cell(self) -> str:
        return rowcol_to_cell(self.row, self.col)


class RowKind(str, Enum):
    RULE = "rule"
    SAMPLE = "sample"  # the item's sample size
    RULE_SAMPLE = "rule_sample"  # one clause's own sample size
    EXEMPT = "exempt"
    REASON = "reason"


@dataclass(frozen=True)
class ItemRow:
    row: int
    kind: RowKind
    rule: int | None = None  # 0-based
    month: int | None = None  # 0-based; None when the rule is not monthly


@dataclass
class ItemBlock:
    """An item's rows on its section sheet."""

    section: Section
    item: Item
    group: Group | None
    rows: list[ItemRow]

    @property
    def first_row(self) -> int:
        return self.rows[0].row

    @property
    def last_row(self) -> int:
        return self.rows[-1].row

    def row_of(self, kind: RowKind, rule: int | None = None) -> ItemRow | None:
        return next((r for r in self.rows if r.kind is kind and r.rule == rule), None)

    def rule_rows(self) -> list[ItemRow]:
        return [r for r in self.rows if r.kind is RowKind.RULE]


@dataclass
class GroupBlock:
    group: Group
    heading_row: int
    items: list[ItemBlock]
    subtotal_row: int


@dataclass
class SectionSheet:
    section: Section
    name: str
    entries: list[GroupBlock | ItemBlock]
    total_row: int

    def item_blocks(self) -> list[ItemBlock]:
        out: list[ItemBlock] = []
        for entry in self.entries:
            out.extend(entry.items if isinstance(entry, GroupBlock) else [entry])
        return out

    @property
    def last_row(self) -> int:
        return self.total_row


@dataclass
class Layout:
    """Where everything is. ``rubric`` has its variables substituted (the text as shown)."""

    rubric: Rubric
    lang: str
    sheets: list[SectionSheet]
    summary_rows: dict[str, int]  # section id → row on 汇总; "" → the grand total row
    cover_rows: dict[str, int]
    slots: dict[str, Slot] = field(default_factory=dict)
    _by_item: dict[tuple[str, str], list[Slot]] = field(default_factory=dict, repr=False)
    _blocks: dict[tuple[str, str], ItemBlock] = field(default_factory=dict, repr=False)
    #: What follows from the layout alone (each computed slot's formula…), worked out once per layout.
    memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def cover_sheet(self) -> str:
        return sheet_name("cover", self.lang)

    @property
    def guide_sheet(self) -> str:
        return sheet_name("guide", self.lang)

    @property
    def summary_sheet(self) -> str:
        return sheet_name("summary", self.lang)

    @property
    def corrections_sheet(self) -> str:
        return sheet_name("corrections", self.lang)

    @property
    def meta_sheet(self) -> str:
        return sheet_name("meta", self.lang)

    def slot(self, kind: SlotKind, **where: object) -> Slot:
        return self.slots[slot_name(kind, **where)]  # type: ignore[arg-type]

    def item(self, section: str | None, no: str | None) -> Item:
        """The rubric item ``no`` of section ``section``; raises KeyError when there is none."""
        return self.block(section, no).item

    def block(self, section: str | None, no: str | None) -> ItemBlock:
        """The rows of item ``no`` of section ``section``; raises KeyError when there is none."""
        if not self._blocks:
            self._blocks.update({(b.section.id, b.item.no): b for _sheet, b in self.blocks()})
        return self._blocks[(section or "", no or "")]

    def item_slots(self, section: str, item: str) -> list[Slot]:
        """Every slot of one item (built once, on first use)."""
        if not self._by_item:
            for slot in self.slots.values():
                if slot.item is not None:
                    self._by_item.setdefault((slot.section or "", slot.item), []).append(slot)
        return self._by_item.get((section, item), [])

    def blocks(self) -> list[tuple[SectionSheet, ItemBlock]]:
        return [(sheet, block) for sheet in self.sheets for block in sheet.item_blocks()]

    def sheet_names(self) -> list[str]:
        return [self.cover_sheet, self.guide_sheet, *(s.name for s in self.sheets), self.summary_sheet, self.meta_sheet]


# --- building the layout -------------------------------------------------------------------------
def section_sheet_name(section: Section, taken: set[str]) -> str:
    """A legal, unique sheet name from the section's number and title (≤ 31 characters)."""
    base = _ILLEGAL_SHEET_CHARS.sub("_", f"{section.id} {section.title}").strip().strip("'")[:31]
    name, n = base, 2
    while name.lower() in {t.lower() for t in taken}:
        tail = f"~{n}"
        name, n = base[: 31 - len(tail)] + tail, n + 1
    return name


def build_layout(rubric: Rubric, lang: str = "zh") -> Layout:
    """The layout of ``rubric`` (variables already substituted) in ``lang``."""
    taken = {sheet_name(k, lang) for k in ("cover", "guide", "summary", "corrections", "meta")}
    sheets = []
    for section in rubric.sections:
        name = section_sheet_name(section, taken)
        taken.add(name)
        sheets.append(_section_sheet(section, name))
    summary_rows = {s.id: SUMMARY_FIRST_ROW + i for i, s in enumerate(rubric.sections)}
    summary_rows[""] = SUMMARY_FIRST_ROW + len(rubric.sections)
    cover_rows = {f: 6 + 2 * i for i, f in enumerate(COVER_FIELDS)}
    layout = Layout(rubric, lang, sheets, summary_rows, cover_rows)
    for slot in _slots(layout):
        if slot.name in layout.slots:
            raise ValueError(f"defined name {slot.name} would be used twice")
        layout.slots[slot.name] = slot
    return layout


def _section_sheet(section: Section, name: str) -> SectionSheet:
    row = FIRST_BODY_ROW
    entries: list[GroupBlock | ItemBlock] = []
    for entry in section.items:
        if isinstance(entry, Group):
            heading = row
            row += 1
            items = []
            for item in entry.items:
                block = _item_block(section, item, entry, row)
                items.append(block)
                row = block.last_row + 1
            entries.append(GroupBlock(entry, heading, items, row))
            row += 1
        else:
            block = _item_block(section, entry, None, row)
            entries.append(block)
            row = block.last_row + 1
    return SectionSheet(section, name, entries, row)


def _item_block(section: Section, item: Item, group: Group | None, row: int) -> ItemBlock:
    rows: list[ItemRow] = []
    ctx = item.context()
    # A months sample is recorded by the monthly rows themselves; on an item without monthly rules
    # (6.14 抽查3个月) it needs its own row like any other sample.
    if item.sample is not None and (not item.sample.is_months or not any(r.is_monthly() for r in item.rules)):
        rows.append(ItemRow(row, RowKind.SAMPLE))
        row += 1
    for r, rule in enumerate(item.rules):
        if rule.sample is not None:
            rows.append(ItemRow(row, RowKind.RULE_SAMPLE, rule=r))
            row += 1
        for m in range(rule.input_rows(ctx)):
            rows.append(ItemRow(row, RowKind.RULE, rule=r, month=m if rule.is_monthly() else None))
            row += 1
    if item.exemption is not None:
        rows.append(ItemRow(row, RowKind.EXEMPT))
        rows.append(ItemRow(row + 1, RowKind.REASON))
    return ItemBlock(section, item, group, rows)


def _slots(layout: Layout) -> list[Slot]:
    slots: list[Slot] = []
    for sheet in layout.sheets:
        sid = sheet.section.id
        for entry in sheet.entries:
            if isinstance(entry, GroupBlock):
                for p in PASS_KEYS:
                    name = slot_name(SlotKind.SUBTOTAL, section=sid, group=entry.group.no, pass_key=p)
                    slots.append(Slot(name, sheet.name, entry.subtotal_row, SCORE_COL[p], SlotKind.SUBTOTAL, p, sid, group=entry.group.no))
        for block in sheet.item_blocks():
            slots += _item_slots(sheet.name, block)
        for p in PASS_KEYS:
            name = slot_name(SlotKind.SECTION_TOTAL, section=sid, pass_key=p)
            slots.append(Slot(name, sheet.name, sheet.total_row, SCORE_COL[p], SlotKind.SECTION_TOTAL, p, sid))
    summary = layout.summary_sheet
    for sid, row in layout.summary_rows.items():
        section = sid or None
        for p, col in (("self_check", SUMMARY_COL["self_check"]), ("assessed", SUMMARY_COL["assessed"])):
            name = slot_name(SlotKind.SUMMARY, section=section, pass_key=p)
            slots.append(Slot(name, summary, row, col, SlotKind.SUMMARY, p, section))
        name = slot_name(SlotKind.SUMMARY_DIFF, section=section)
        slots.append(Slot(name, summary, row, SUMMARY_COL["diff"], SlotKind.SUMMARY_DIFF, None, section))
    for fld, row in layout.cover_rows.items():
        slots.append(Slot(slot_name(SlotKind.COVER, cover_field=fld), layout.cover_sheet, row, 3, SlotKind.COVER))
    return slots


def _item_slots(sheet: str, block: ItemBlock) -> list[Slot]:
    sid, no = block.section.id, block.item.no
    top = block.first_row
    out = [
        Slot(slot_name(SlotKind.STANDARD, section=sid, item=no), sheet, top, COL["standard"], SlotKind.STANDARD, None, sid, no),
        Slot(slot_name(SlotKind.TEXT, section=sid, item=no), sheet, top, COL["text"], SlotKind.TEXT, None, sid, no),
    ]
    for p in PASS_KEYS:
        name = slot_name(SlotKind.ITEM_SCORE, section=sid, item=no, pass_key=p)
        out.append(Slot(name, sheet, top, SCORE_COL[p], SlotKind.ITEM_SCORE, p, sid, no))
    for row in block.rows:
        where = {"section": sid, "item": no}
        if row.kind is RowKind.RULE:
            where.update(rule=row.rule, month=row.month)
            out.append(Slot(slot_name(SlotKind.CLAUSE, **where), sheet, row.row, COL["clause"], SlotKind.CLAUSE, None, sid, no, row.rule, row.month))
        for p in PASS_KEYS:
            out += _row_pass_slots(sheet, block, row, p)
    return out


def _row_pass_slots(sheet: str, block: ItemBlock, row: ItemRow, p: str) -> list[Slot]:
    sid, no = block.section.id, block.item.no
    if row.kind is RowKind.RULE:
        made = []
        for kind, col in ((SlotKind.INPUT, INPUT_COL[p]), (SlotKind.DEDUCTION, DEDUCTION_COL[p])):
            name = slot_name(kind, section=sid, item=no, rule=row.rule, month=row.month, pass_key=p)
            made.append(Slot(name, sheet, row.row, col, kind, p, sid, no, row.rule, row.month))
        name = slot_name(SlotKind.REMARK, section=sid, item=no, rule=row.rule, month=row.month, pass_key=p)
        made.append(Slot(name, sheet, row.row, REMARK_COL[p], SlotKind.REMARK, p, sid, no, row.rule, row.month))
        return made
    kind = {RowKind.SAMPLE: SlotKind.SAMPLE, RowKind.RULE_SAMPLE: SlotKind.SAMPLE, RowKind.EXEMPT: SlotKind.EXEMPT,
            RowKind.REASON: SlotKind.REASON}[row.kind]
    name = slot_name(kind, section=sid, item=no, rule=row.rule, pass_key=p)
    return [Slot(name, sheet, row.row, INPUT_COL[p], kind, p, sid, no, row.rule)]


_LAYOUTS: dict[tuple[str, tuple[tuple[str, str], ...], str], Layout] = {}


def layout_for(rubric: Rubric, variables: dict[str, str], lang: str) -> Layout:
    """The layout of ``rubric`` with ``variables`` substituted, in ``lang``: one per process, kept on disk.

    Every workbook of a rubric has the same layout, and ``generate`` needs it twice; the disk entry
    (rubric cache, keyed like the substitution) spares a fresh process building it.
    """
    from xlscore.rubric.cache import load, store, substituted
    from xlscore.rubric.canonical import rubric_sha256

    variable_pairs = tuple(sorted(variables.items()))
    key = (rubric_sha256(rubric), variable_pairs, lang)
    layout = _LAYOUTS.get(key)
    if layout is None:
        if len(_LAYOUTS) > 16:
            _LAYOUTS.clear()
        disk_key = f"{key[0]}|{lang}|{variable_pairs!r}"
        layout = load("layout", disk_key)  # type: ignore[assignment]
        if not isinstance(layout, Layout):
            layout = build_layout(substituted(rubric, variables), lang)
            store("layout", disk_key, layout)
        _LAYOUTS[key] = layout
    return layout
