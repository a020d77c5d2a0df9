"""One section sheet: the paper form's table with inputs, formulas, validations and names."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from xlsxwriter.worksheet import Worksheet

from xlscore.cells import col_to_letters, rowcol_to_cell, sheet_ref
from xlscore.form.formulas import formula_for
from xlscore.form.sizing import LINE_HEIGHT, MIN_ROW_HEIGHT, block_heights, lines_needed
from xlscore.generate.paging import page_breaks
from xlscore.generate.styles import SECTION_WIDTHS, Styles
from xlscore.generate.validation import exempt_validation, rule_validation, sample_validation, text_validation
from xlscore.form.layout import (
    DEDUCTION_COL,
    FIRST_BODY_ROW,
    HEADER_ROW,
    INFO_ROW,
    INPUT_COL,
    PASS_KEYS,
    REMARK_COL,
    SCORE_COL,
    TITLE_ROW,
    GroupBlock,
    ItemBlock,
    ItemRow,
    Layout,
    RowKind,
    SectionSheet,
    SlotKind,
    slot_name,
)
from xlscore.form.row_text import row_text
from xlscore.rubric.model import Rubric
from xlscore.rules.base import number
from xlscore.form.wording import COL, COLUMNS, header, pass_name, prompt, text

LAST_COL = len(COLUMNS)
TITLE_HEIGHT, HEADER_HEIGHT, TOTAL_HEIGHT = 30.0, 30.0, 22.0


@dataclass
class SheetContext:
    layout: Layout
    rubric: Rubric
    styles: Styles
    lang: str
    cover_values: dict[str, str]
    inputs: dict[str, object] = field(default_factory=dict)  # slot name → value to pre-fill
    blank_values: dict[str, Decimal | None] = field(default_factory=dict)  # computed slot → the empty form's value
    #: Per-pass passwords: each pass's inputs are locked and open only through its protected range.
    pass_ranges: bool = False
    #: The cover's unit and period are fixed (a form made for one roster unit): written locked, no prompt.
    cover_locked: bool = False

    def input_style(self, pass_key: str | None, *, text: bool = False) -> object:
        st = self.styles
        if self.pass_ranges and pass_key is not None:
            return st.input_text_locked if text else st.input_locked
        return st.input_text if text else st.input

    def write_input(self, ws: Worksheet, row: int, col: int, name: str, style: object) -> None:
        """An input cell (1-based), pre-filled when ``inputs`` has a value for its slot."""
        value = self.inputs.get(name)
        if value is None:
            ws.write_blank(row - 1, col - 1, None, style)
        elif isinstance(value, str):
            ws.write_string(row - 1, col - 1, value, style)
        elif isinstance(value, bool):  # TRUE/FALSE as typed (the checker refuses them, so must a copy's reader)
            ws.write_boolean(row - 1, col - 1, value, style)
        else:
            ws.write_number(row - 1, col - 1, float(value), style)  # type: ignore[arg-type]


def write_section_sheet(ws: Worksheet, sheet: SectionSheet, ctx: SheetContext) -> None:
    """Write the whole sheet; names and protection are the caller's."""
    st, lang = ctx.styles, ctx.lang
    section = sheet.section
    for index, width in enumerate(SECTION_WIDTHS):
        ws.set_column(index, index, width)
    heading = text("section_heading", lang, id=section.id, title=section.title, total=number(section.total))
    ws.merge_range(TITLE_ROW - 1, 0, TITLE_ROW - 1, LAST_COL - 1, heading, st.title)
    ws.set_row(TITLE_ROW - 1, TITLE_HEIGHT)
    ws.merge_range(INFO_ROW - 1, 0, INFO_ROW - 1, 5, "", st.subtitle)
    ws.write_formula(INFO_ROW - 1, 0, _unit_line_formula(ctx), st.subtitle, _unit_line_value(ctx))
    note = text("incomplete", lang, note=section.note or "") if section.incomplete else ""
    ws.merge_range(INFO_ROW - 1, 6, INFO_ROW - 1, LAST_COL - 1, note, st.alert)
    ws.set_row(INFO_ROW - 1, info_row_height(section, lang))
    for col, (key, _) in enumerate(COLUMNS):
        ws.write_string(HEADER_ROW - 1, col, header(key, lang), st.header)
    ws.set_row(HEADER_ROW - 1, HEADER_HEIGHT)
    for entry in sheet.entries:
        if isinstance(entry, GroupBlock):
            _write_group(ws, entry, ctx)
        else:
            _write_item(ws, entry, ctx)
    _write_total(ws, sheet, ctx)
    _conditional_formats(ws, sheet, ctx)


def _unit_line_formula(ctx: SheetContext) -> str:
    lay, lang = ctx.layout, ctx.lang
    unit = sheet_ref(lay.cover_sheet, lay.cover_rows["UNIT"], 3)
    period = sheet_ref(lay.cover_sheet, lay.cover_rows["PERIOD"], 3)
    return f'="{text("unit_line", lang)}"&{unit}&"    {text("period_line", lang)}"&{period}'


def _unit_line_value(ctx: SheetContext) -> str:
    unit, period = ctx.cover_values.get("UNIT", ""), ctx.cover_values.get("PERIOD", "")
    return f'{text("unit_line", ctx.lang)}{unit}    {text("period_line", ctx.lang)}{period}'


def _write_group(ws: Worksheet, block: GroupBlock, ctx: SheetContext) -> None:
    st = ctx.styles
    g = block.group
    r = block.heading_row - 1
    ws.write_string(r, 0, g.no, st.group)
    ws.merge_range(r, 1, r, 2, g.name, st.group)
    ws.write_number(r, 3, float(g.total), st.group_computed)
    for col in range(4, LAST_COL):
        ws.write_blank(r, col, None, st.group)
    for item_block in block.items:
        _write_item(ws, item_block, ctx)
    r = block.subtotal_row - 1
    ws.write_blank(r, 0, None, st.group)
    ws.merge_range(r, 1, r, 2, text("subtotal", ctx.lang, name=f"{g.no} {g.name}"), st.group)
    ws.write_number(r, 3, float(g.total), st.group_computed)
    for col in range(4, LAST_COL):
        ws.write_blank(r, col, None, st.group)


def _write_total(ws: Worksheet, sheet: SectionSheet, ctx: SheetContext) -> None:
    st = ctx.styles
    r = sheet.total_row - 1
    ws.write_blank(r, 0, None, st.total)
    ws.merge_range(r, 1, r, 2, text("section_total", ctx.lang), st.total)
    ws.write_number(r, 3, float(sheet.section.total), st.total_computed)
    for col in range(4, LAST_COL):
        ws.write_blank(r, col, None, st.total)
    ws.set_row(r, TOTAL_HEIGHT)


def _write_item(ws: Worksheet, block: ItemBlock, ctx: SheetContext) -> None:
    st, lang, item = ctx.styles, ctx.lang, block.item
    first, last = block.first_row, block.last_row
    merged = {
        COL["no"]: (item.no, st.center),
        COL["name"]: (item.name or "", st.text),
        COL["content"]: (item.content, st.text),
        COL["text"]: (_item_text(item), st.text),
    }
    for col, (value, style) in merged.items():
        _merged_string(ws, first, last, col, value, style)
    _merged(ws, first, last, COL["standard"], st.center)
    ws.write_number(first - 1, COL["standard"] - 1, float(item.score), st.center)
    for p in PASS_KEYS:
        _merged(ws, first, last, SCORE_COL[p], st.computed)
    for row in block.rows:
        _write_row(ws, block, row, ctx)
    for row, height in item_heights(block, lang).items():
        ws.set_row(row - 1, height)


def item_heights(block: ItemBlock, lang: str) -> dict[int, float]:
    """1-based row → height in points: each row fits its clause, together they fit the merged texts."""
    item = block.item
    row_lines = [lines_needed(row_text(block, row, lang), SECTION_WIDTHS[COL["clause"] - 1]) for row in block.rows]
    merged_lines = max(
        lines_needed(item.content, SECTION_WIDTHS[COL["content"] - 1]),
        lines_needed(_item_text(item), SECTION_WIDTHS[COL["text"] - 1]),
        lines_needed(item.name or "", SECTION_WIDTHS[COL["name"] - 1]),
    )
    heights = block_heights(len(block.rows), row_lines, merged_lines)
    return {row.row: height for row, height in zip(block.rows, heights)}


def info_row_height(section, lang: str) -> float:  # type: ignore[no-untyped-def]
    note = text("incomplete", lang, note=section.note or "") if section.incomplete else ""
    note_width = sum(SECTION_WIDTHS[6:LAST_COL]) * 0.9  # bold text is wider
    return max(MIN_ROW_HEIGHT + 2, lines_needed(note, note_width) * LINE_HEIGHT + 6)


def sheet_heights(sheet: SectionSheet, lang: str) -> dict[int, float]:
    """Every row height the sheet sets (1-based rows), for paging."""
    heights = {TITLE_ROW: TITLE_HEIGHT, INFO_ROW: info_row_height(sheet.section, lang), HEADER_ROW: HEADER_HEIGHT,
               sheet.total_row: TOTAL_HEIGHT}
    for block in sheet.item_blocks():
        heights.update(item_heights(block, lang))
    return heights


def sheet_breaks(sheet: SectionSheet, lang: str, scale: int) -> list[int]:
    """Manual page breaks (0-based rows) keeping each item, and a group heading with its first item, on one page."""
    blocks: list[tuple[int, int]] = []
    for entry in sheet.entries:
        if isinstance(entry, GroupBlock):
            first = entry.items[0].last_row if entry.items else entry.heading_row
            blocks.append((entry.heading_row, first))
            blocks += [(b.first_row, b.last_row) for b in entry.items[1:]]
        else:
            blocks.append((entry.first_row, entry.last_row))
    heights = sheet_heights(sheet, lang)
    repeated = sum(heights[r] for r in (TITLE_ROW, INFO_ROW, HEADER_ROW))
    return page_breaks(heights, blocks, FIRST_BODY_ROW, sheet.total_row, repeated, scale)


def _item_text(item) -> str:  # type: ignore[no-untyped-def]
    return item.text


def _write_row(ws: Worksheet, block: ItemBlock, row: ItemRow, ctx: SheetContext) -> None:
    st, lang, item = ctx.styles, ctx.lang, block.item
    r = row.row - 1
    ws.write_string(r, COL["clause"] - 1, row_text(block, row, lang), st.clause)
    sid, no = block.section.id, item.no
    for p in PASS_KEYS:
        col = REMARK_COL[p] - 1
        if row.kind is RowKind.RULE:
            remark = slot_name(SlotKind.REMARK, section=sid, item=no, rule=row.rule, month=row.month, pass_key=p)
            ctx.write_input(ws, row.row, col + 1, remark, ctx.input_style(p, text=True))
            title = prompt("remark_title", lang, pass_name=pass_name(p, lang))
            ws.data_validation(r, col, r, col, text_validation(title, prompt("remark_prompt", lang)))
        else:
            ws.write_blank(r, col, None, st.text)
    for p in PASS_KEYS:
        in_col, ded_col = INPUT_COL[p] - 1, DEDUCTION_COL[p] - 1
        if row.kind is RowKind.RULE and row.rule is not None:
            rule = item.rules[row.rule]
            name = slot_name(SlotKind.INPUT, section=sid, item=no, rule=row.rule, month=row.month, pass_key=p)
            ctx.write_input(ws, row.row, in_col + 1, name, ctx.input_style(p))
            ws.data_validation(r, in_col, r, in_col, rule_validation(rule, item, p, lang, rowcol_to_cell(row.row, in_col + 1)))
            continue
        ws.write_blank(r, ded_col, None, st.computed)
        kind = {RowKind.SAMPLE: SlotKind.SAMPLE, RowKind.RULE_SAMPLE: SlotKind.SAMPLE,
                RowKind.EXEMPT: SlotKind.EXEMPT}.get(row.kind, SlotKind.REASON)
        name = slot_name(kind, section=sid, item=no, rule=row.rule, pass_key=p)
        ctx.write_input(ws, row.row, in_col + 1, name, ctx.input_style(p, text=kind is SlotKind.REASON))
        if row.kind is RowKind.SAMPLE and item.sample is not None:
            ws.data_validation(r, in_col, r, in_col, sample_validation(item.sample.min, item.sample.unit, p, lang))
        elif row.kind is RowKind.RULE_SAMPLE and row.rule is not None:
            sample = item.rules[row.rule].sample
            assert sample is not None
            ws.data_validation(r, in_col, r, in_col, sample_validation(sample.min, sample.unit, p, lang))
        elif row.kind is RowKind.EXEMPT and item.exemption is not None:
            ws.data_validation(r, in_col, r, in_col, exempt_validation(item.exemption.condition, p, lang))
        else:
            who = pass_name(p, lang)
            ws.data_validation(r, in_col, r, in_col,
                               text_validation(prompt("reason_title", lang, pass_name=who), prompt("reason_prompt", lang)))


def _conditional_formats(ws: Worksheet, sheet: SectionSheet, ctx: SheetContext) -> None:
    st = ctx.styles
    first, last = HEADER_ROW + 1, sheet.total_row
    i, l_ = col_to_letters(COL["self_score"]), col_to_letters(COL["assessed_score"])
    rule_rows = sorted(row.row for block in sheet.item_blocks() for row in block.rule_rows())
    # A deduction without its pass's 说明: mark the empty 说明 cell. One rule over all of them, its formula
    # written for the first cell (the top one) and moving with each cell, as a rule over a range does.
    for p in PASS_KEYS:
        ded, rem = col_to_letters(DEDUCTION_COL[p]), col_to_letters(REMARK_COL[p])
        if rule_rows:
            top = rule_rows[0]
            _one_rule(ws, REMARK_COL[p], rule_rows, f"=AND(N(${ded}{top})>0,LEN(TRIM(${rem}{top}))=0)", st.warn)
    # 自查分 ≠ 考评分 once both are filled in: mark the 考评分.
    ws.conditional_format(f"{l_}{first}:{l_}{last}", {
        "type": "formula", "criteria": f"=AND(ISNUMBER(${i}{first}),ISNUMBER(${l_}{first}),${i}{first}<>${l_}{first})",
        "format": st.diff,
    })
    below: dict[tuple[str, object], list[int]] = {}  # (pass, minimum) → sample rows
    above: dict[tuple[str, str], list[int]] = {}  # (pass, sample size cell) → count rows
    for block in sheet.item_blocks():
        _sample_rows(block, below, above)
    for (p, minimum), rows in below.items():
        col = INPUT_COL[p]
        top = rowcol_to_cell(rows[0], col)
        _one_rule(ws, col, rows, f"=AND(ISNUMBER({top}),{top}<{minimum})", st.warn)
    for (p, size), rows in above.items():
        col = INPUT_COL[p]
        top = rowcol_to_cell(rows[0], col)
        _one_rule(ws, col, rows, f"=AND(ISNUMBER({top}),ISNUMBER({size}),{top}>{size})", st.warn)


def _one_rule(ws: Worksheet, col: int, rows: list[int], criteria: str, style: object) -> None:
    """One formula rule over ``rows`` of ``col`` (ascending): its relative references move with each cell,
    from the top one, for which ``criteria`` is written."""
    ranges: list[list[int]] = []
    for row in rows:
        if ranges and row == ranges[-1][1] + 1:
            ranges[-1][1] = row
        else:
            ranges.append([row, row])
    letters = col_to_letters(col)
    cells = [f"{letters}{a}" if a == b else f"{letters}{a}:{letters}{b}" for a, b in ranges]
    ws.conditional_format(cells[0], {"type": "formula", "criteria": criteria, "format": style,
                                     "multi_range": " ".join(cells)})


def _sample_rows(block: ItemBlock, below: dict[tuple[str, object], list[int]],
                 above: dict[tuple[str, str], list[int]]) -> None:
    """Sample rows below their minimum, and counts of sampled things above the sample size, by rule."""
    item = block.item
    for row in block.rows:
        if row.kind not in (RowKind.SAMPLE, RowKind.RULE_SAMPLE):
            continue
        sample = item.sample if row.kind is RowKind.SAMPLE else item.rules[row.rule or 0].sample
        if sample is None:
            continue
        for p in PASS_KEYS:
            below.setdefault((p, sample.min), []).append(row.row)
    for row in block.rule_rows():
        rule = item.rules[row.rule or 0]
        if not rule.of_sample:
            continue
        sample_row = block.row_of(RowKind.RULE_SAMPLE, row.rule) or block.row_of(RowKind.SAMPLE)
        if sample_row is None:
            continue
        for p in PASS_KEYS:
            above.setdefault((p, rowcol_to_cell(sample_row.row, INPUT_COL[p], absolute=True)), []).append(row.row)


def _merged(ws: Worksheet, first: int, last: int, col: int, style) -> None:  # type: ignore[no-untyped-def]
    if last > first:
        ws.merge_range(first - 1, col - 1, last - 1, col - 1, None, style)


def _merged_string(ws: Worksheet, first: int, last: int, col: int, value: str, style) -> None:  # type: ignore[no-untyped-def]
    if last > first:
        ws.merge_range(first - 1, col - 1, last - 1, col - 1, value, style)
    else:
        ws.write_string(first - 1, col - 1, value, style)


def _num(value: Decimal | None) -> float | int | str:
    """The cached value written with a formula: ``""`` where the formula shows nothing yet."""
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)


def write_computed(ws: Worksheet, sheet_name: str, ctx: SheetContext) -> None:
    """Every computed slot of one sheet: its formula (from ``xlscore.form.formulas``) and the empty form's value."""
    st = ctx.styles
    styles = {
        SlotKind.SUBTOTAL: st.group_computed, SlotKind.SECTION_TOTAL: st.total_computed,
    }
    for slot in ctx.layout.slots.values():
        if slot.sheet != sheet_name or not slot.kind.is_computed:
            continue
        style = styles.get(slot.kind, st.computed)
        if slot.kind in (SlotKind.SUMMARY, SlotKind.SUMMARY_DIFF) and slot.section is None:
            style = st.total_computed
        formula = "=" + formula_for(ctx.layout, slot)
        ws.write_formula(slot.row - 1, slot.col - 1, formula, style, _num(ctx.blank_values[slot.name]))
