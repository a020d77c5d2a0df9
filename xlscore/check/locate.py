"""Find each slot of the layout in a returned workbook: by defined name, else by 序号 and headers.

Names move with the rows an auditor inserts, deletes or sorts; when they are gone (the sheet was
copied into a new workbook), the item rows are found again by their 序号 in the 序号 column and the
columns by their header text, and the report says so.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from xlscore.cells import rowcol_to_cell
from xlscore.form.layout import HEADER_ROW, GroupBlock, ItemBlock, Layout, SectionSheet, Slot
from xlscore.reader.xlsx import SheetData, WorkbookData
from xlscore.form.wording import COL, COLUMNS, header
from xlscore.form.wording import text as wording

_NAME_TARGET = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d+)$")
HEADER_SCAN_ROWS = 10


@dataclass(frozen=True)
class Located:
    """Where a slot is in the workbook; ``broken`` when its name points at #REF! (row deleted)."""

    slot: Slot
    sheet: str | None = None
    row: int | None = None
    col: int | None = None
    broken: bool = False
    by_name: bool = True

    @functools.cached_property
    def found(self) -> bool:
        return self.sheet is not None and self.row is not None and self.col is not None

    @functools.cached_property
    def cell(self) -> str | None:
        return rowcol_to_cell(self.row, self.col) if self.found else None  # type: ignore[arg-type]


@dataclass
class Locations:
    slots: dict[str, Located] = field(default_factory=dict)
    fallback_sheets: dict[str, int] = field(default_factory=dict)  # sheet → names missing there


@functools.lru_cache(maxsize=1 << 16)  # every file of one form names the same cells
def parse_name_target(text: str) -> tuple[str, int, int] | None:
    """``'1 客服'!$G$6`` → (sheet, row, col); None for #REF! or anything that is not one cell."""
    from xlscore.cells import letters_to_col

    match = _NAME_TARGET.match(text.strip())
    if not match:
        return None
    sheet = match.group(1).replace("''", "'") if match.group(1) is not None else match.group(2)
    return sheet, int(match.group(4)), letters_to_col(match.group(3))


def locate(layout: Layout, workbook: WorkbookData) -> Locations:
    out = Locations()
    missing: list[Slot] = []
    for slot in layout.slots.values():
        text = workbook.names.get(slot.name)
        if text is None:
            missing.append(slot)
            continue
        target = parse_name_target(text)
        if target is None or target[0] not in workbook.sheets:
            out.slots[slot.name] = Located(slot, broken=True)
        else:
            out.slots[slot.name] = Located(slot, *target)
    if missing:
        _fallback(layout, workbook, missing, out)
    return out


def _fallback(layout: Layout, workbook: WorkbookData, missing: list[Slot], out: Locations) -> None:
    """Place slots without names by the position of their item's 序号 and the header columns."""
    row_maps: dict[str, dict[int, int]] = {}
    col_maps: dict[str, dict[int, int]] = {}
    for sheet in layout.sheets:
        data = workbook.sheets.get(sheet.name)
        if data is not None:
            row_maps[sheet.name] = _row_map(sheet, data, layout.lang)
            col_maps[sheet.name] = _col_map(data, layout.lang)
    for slot in missing:
        if slot.sheet in row_maps:
            out.fallback_sheets[slot.sheet] = out.fallback_sheets.get(slot.sheet, 0) + 1
            row = row_maps[slot.sheet].get(slot.row)
            col = col_maps[slot.sheet].get(slot.col, slot.col)
            out.slots[slot.name] = Located(slot, slot.sheet if row else None, row, col, by_name=False)
        elif slot.sheet in workbook.sheets:  # 封面, 汇总: fixed positions
            out.fallback_sheets[slot.sheet] = out.fallback_sheets.get(slot.sheet, 0) + 1
            out.slots[slot.name] = Located(slot, slot.sheet, slot.row, slot.col, by_name=False)
        else:
            out.slots[slot.name] = Located(slot, by_name=False)


def _serial_rows(data: SheetData) -> dict[str, int]:
    rows: dict[str, int] = {}
    for (row, col), cell in data.cells.items():
        if col == 1 and cell.value is not None and row > HEADER_ROW - 1:
            value = cell.value
            text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
            rows.setdefault(text, row)
    return rows


def _label_rows(data: SheetData) -> dict[str, int]:
    """The 项目 column's texts below the header → their first row (subtotal and total labels)."""
    rows: dict[str, int] = {}
    for (row, col), cell in sorted(data.cells.items()):
        if col == COL["name"] and row > HEADER_ROW and isinstance(cell.value, str):
            rows.setdefault(cell.value.strip(), row)
    return rows


def _row_map(sheet: SectionSheet, data: SheetData, lang: str) -> dict[int, int]:
    """Layout row → workbook row, item by item (an item keeps its rows together).

    Subtotal and total rows are found by their labels (小计/合计), so that a group whose last item was
    deleted still has its subtotal found; only without a label do they follow the item above.
    """
    found = _serial_rows(data)
    labels = _label_rows(data)
    mapping: dict[int, int] = {}
    last_shift: int | None = None
    for entry in sheet.entries:
        blocks = entry.items if isinstance(entry, GroupBlock) else [entry]
        if isinstance(entry, GroupBlock) and entry.group.no in found:
            mapping[entry.heading_row] = found[entry.group.no]
        for block in blocks:
            last_shift = _map_block(block, found, mapping, last_shift)
        if isinstance(entry, GroupBlock):
            label = wording("subtotal", lang, name=f"{entry.group.no} {entry.group.name}")
            _map_labelled(mapping, entry.subtotal_row, labels.get(label), last_shift)
    _map_labelled(mapping, sheet.total_row, labels.get(wording("section_total", lang)), last_shift)
    return mapping


def _map_labelled(mapping: dict[int, int], row: int, labelled: int | None, last_shift: int | None) -> None:
    if labelled is not None:
        mapping[row] = labelled
    elif last_shift is not None:
        mapping[row] = row + last_shift


def _map_block(block: ItemBlock, found: dict[str, int], mapping: dict[int, int], last_shift: int | None) -> int | None:
    start = found.get(block.item.no)
    if start is None:
        return last_shift
    shift = start - block.first_row
    for row in range(block.first_row, block.last_row + 1):
        mapping[row] = row + shift
    return shift


def _col_map(data: SheetData, lang: str) -> dict[int, int]:
    """Layout column → workbook column, from the header row's texts."""
    texts = {header(key, lang): index for index, (key, _) in enumerate(COLUMNS, start=1)}
    for row in range(1, HEADER_SCAN_ROWS + 1):
        hits = {texts[str(cell.value).strip()]: col for (r, col), cell in data.cells.items()
                if r == row and isinstance(cell.value, str) and cell.value.strip() in texts}
        if len(hits) >= len(texts) // 2:
            return hits
    return {}
