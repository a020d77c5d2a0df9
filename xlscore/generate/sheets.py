"""封面, 说明, 汇总 and the metadata sheet."""

from __future__ import annotations

from decimal import Decimal

from xlsxwriter.worksheet import Worksheet

from xlscore.cells import rowcol_to_cell, sheet_ref
from xlscore.generate.section import SheetContext
from xlscore.form.sizing import LINE_HEIGHT, lines_needed
from xlscore.generate.validation import text_validation
from xlscore.form.layout import COVER_FIELDS, COVER_PASS, PASS_KEYS, SUMMARY_COL, SlotKind
from xlscore.generate.signatures import write_signatures
from xlscore.form.metadata import Metadata
from xlscore.rubric.model import Rubric
from xlscore.rules.base import number
from xlscore.form.wording import prompt, text

COVER_LABELS = {
    "UNIT": "cover_unit", "PERIOD": "cover_period", "SELF_BY": "cover_self_by", "SELF_DATE": "cover_self_date",
    "ASSESSED_BY": "cover_assessed_by", "ASSESSED_DATE": "cover_assessed_date",
}

#: Cover fields a form made for one roster unit fixes: written locked, on a protected sheet.
LOCKED_COVER = ("UNIT", "PERIOD")


def write_cover(ws: Worksheet, ctx: SheetContext) -> None:
    st, lang, rubric = ctx.styles, ctx.lang, ctx.rubric
    for col, width in enumerate((4, 16, 44, 8, 26)):
        ws.set_column(col, col, width)
    ws.merge_range(1, 1, 2, 4, rubric.title, st.title)
    ws.merge_range(3, 1, 3, 4, text("cover_source", lang, title=rubric.title, version=rubric.version), st.subtitle)
    for fld in COVER_FIELDS:
        row = ctx.layout.cover_rows[fld] - 1
        label = text(COVER_LABELS[fld], lang)
        ws.write_string(row, 1, label, st.label)
        value = ctx.cover_values.get(fld, "")
        fixed = ctx.cover_locked and fld in LOCKED_COVER and bool(value)  # a blank one stays open to fill in
        style = st.text if fixed else ctx.input_style(COVER_PASS.get(fld), text=True)
        if value:
            ws.write_string(row, 2, value, style)
        else:
            ws.write_blank(row, 2, None, style)
        if not fixed:
            ws.data_validation(row, 2, row, 2, text_validation(prompt("cover_title", lang, label=label),
                                                               prompt("cover_prompt", lang, label=label)))
        if fld.endswith("_BY"):
            ws.write_string(row, 3, text("cover_signature", lang), st.label)
        ws.set_row(row, 28)
    last = max(ctx.layout.cover_rows.values())
    write_signatures(ws, last + 1, (1, 2), (4, 4), st, lang)
    ws.hide_gridlines(2)


def guide_lines(rubric: Rubric, lang: str) -> list[str]:
    """The 说明 sheet's text, a line per row."""
    zh = lang != "en"
    lines = ["填写说明" if zh else "How to fill in this workbook", ""]
    lines += GUIDE_ZH if zh else GUIDE_EN
    for topic, heading in GUIDE_TOPICS.items():
        notes = [(item, rule) for _section, item in rubric.all_items() for rule in item.rules
                 if rule.guide_topic == topic and rule.guide_note(lang) is not None]
        if notes:
            lines += ["", heading["zh" if zh else "en"]]
        for item, rule in notes:
            how = rule.guide_note(lang)
            lines.append(f"  {item.no}  {rule.clause}:{how}" if zh else f"  {item.no}  {rule.clause}: {how}")
    for section in rubric.sections:
        if section.incomplete:
            lines += ["", text("incomplete", lang, note=section.note or "")]
    if rubric.corrections:
        lines += ["", (f"原文有 {len(rubric.corrections)} 处文字经勘误后录入本表,逐条记录在隐藏的工作表“勘误记录”中"
                       "(右击工作表标签 → 取消隐藏)。" if zh else
                       f"{len(rubric.corrections)} passages of the source were corrected for this form; the hidden sheet "
                       "Corrections lists them (right-click a sheet tab → Unhide).")]
    return lines


#: Headings of the 说明's per-rule notes, by :attr:`RuleKind.guide_topic`, in printed order.
GUIDE_TOPICS = {
    "rounding": {"zh": "按档扣分的取整方式:", "en": "How part steps of a shortfall count:"},
    "entry": {"zh": "酌情扣分与加分的录入方式:", "en": "How judged deductions and bonus points are entered:"},
}

GUIDE_ZH = [
    "1. 黄色单元格为录入单元格,其余单元格受保护。先由被考核单位填写“自查录入”,再由考评人员填写“考评录入”。",
    "2. 次数、缺项数录入整数,没有发生填 0;“是/否”从下拉列表中选择;百分数录入数值,85% 录入 85。",
    "3. 有抽查数量要求的项目,在“抽查数量”一行录入实际抽查数;少于要求时会提示,请在本轮的说明列中写明原因。",
    "4. 扣分、得分、小计、合计和汇总均由公式自动计算,请勿覆盖。",
    "5. 得分 = 标准分 − 各条扣分,扣完为止(不低于 0 分);触发“此项不得分”时该项得 0 分。",
    "6. 可免考核的项目,符合条件时选“是”并写明原因,该项按标准分计。",
    "7. 每一处扣分都应写明依据(哪一单、哪一次、哪个录音):被考核单位写在“自查说明”,考评人员写在“考评说明”。",
    "8. 请勿插入或删除行、列和工作表,也不要改动评分规定的文字;填写完毕核对“汇总”,在“封面”和“汇总”签字盖章后交回考核组。",
]
GUIDE_EN = [
    "1. Yellow cells are inputs; every other cell is protected. The unit fills in the self-check inputs first, the assessor the assessor inputs afterwards.",
    "2. Counts are whole numbers (0 if none); choose 是/否 from the list; enter percentages as numbers (85 for 85%).",
    "3. Where the rubric requires a minimum sample, enter the actual sample size on its row; a smaller sample is flagged — explain it.",
    "4. Deductions, scores, subtotals, totals and the summary are formulas: do not type over them.",
    "5. Score = points − deductions, never below 0; a clause that zeroes the item gives 0.",
    "6. An item that may be exempted: choose 是 and give the reason; it then scores its full points.",
    "7. Give the reason for every deduction (which ticket, which call): the unit in 自查说明, the assessor in 考评说明.",
    "8. Do not insert or delete rows, columns or sheets, nor edit the rubric's wording; when done, check the summary, sign and seal the cover and the summary, and return the workbook to the assessment team.",
]


#: Fits a portrait A4 page unscaled, in Excel and in LibreOffice (which never scales a one-column
#: print range down to the page width); rows get the height their wrapped text needs, as
#: neither program grows rows of a generated file by itself.
GUIDE_WIDTH = 72


def write_guide(ws: Worksheet, ctx: SheetContext) -> None:
    ws.set_column(0, 0, GUIDE_WIDTH)
    for row, line in enumerate(guide_lines(ctx.rubric, ctx.lang)):
        ws.write_string(row, 0, line, ctx.styles.title if row == 0 else ctx.styles.plain_wrap)
        lines = lines_needed(line, GUIDE_WIDTH)
        if row == 0:
            ws.set_row(row, 28)
        elif lines > 1:
            ws.set_row(row, lines * LINE_HEIGHT + 4)
    ws.hide_gridlines(2)


def write_corrections(ws: Worksheet, ctx: SheetContext) -> None:
    """勘误记录: every repair of the source text, for an auditor comparing the form with the paper; hidden, so
    that printing the workbook leaves it out."""
    st, lang = ctx.styles, ctx.lang
    for col, width in enumerate((14, 50, 50)):
        ws.set_column(col, col, width)
    ws.merge_range(0, 0, 0, 2, text("corrections_title", lang), st.title)
    for col, key in enumerate(("corrections_at", "corrections_original", "corrections_corrected")):
        ws.write_string(1, col, text(key, lang), st.header)
    for row, c in enumerate(ctx.rubric.corrections, start=2):
        corrected = c.corrected.strip() or text("corrections_deleted", lang)
        for col, value in enumerate((c.at, c.original.strip(), corrected)):
            ws.write_string(row, col, value, st.text)
        lines = max(lines_needed(c.original.strip(), 50), lines_needed(corrected, 50))
        ws.set_row(row, max(18, lines * LINE_HEIGHT + 4))
    ws.repeat_rows(1)
    ws.hide()


def scoreable(section) -> Decimal:  # type: ignore[no-untyped-def]
    """The points a section's items can actually give (less than declared when the source is cut off)."""
    return sum((item.score for item in section.all_items()), Decimal(0))


def write_summary(ws: Worksheet, ctx: SheetContext) -> None:
    st, lang, layout = ctx.styles, ctx.lang, ctx.layout
    widths = (4, 40, 10, 12, 12, 16, 12, 12)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    last_col = len(widths) - 1
    ws.merge_range(0, 0, 0, last_col, text("summary_title", lang), st.title)
    unit_value = text("unit_line", lang) + ctx.cover_values.get("UNIT", "")
    ws.merge_range(1, 0, 1, last_col, "", st.subtitle)
    ws.write_formula(1, 0, "=" + _unit_formula(ctx), st.subtitle, unit_value)
    heads = ("summary_section", "summary_standard", "summary_self", "summary_assessed", "summary_diff",
             "summary_self_rate", "summary_assessed_rate")
    for col, key in enumerate(heads, start=1):
        ws.write_string(2, col, text(key, lang), st.header)
    ws.set_row(2, 30)
    notes = []
    for sheet in layout.sheets:
        section = sheet.section
        row = layout.summary_rows[section.id] - 1
        label = f"{section.id}  {section.title}" + (text("summary_incomplete", lang) if section.incomplete else "")
        ws.write_string(row, 1, label, st.text)
        ws.set_row(row, 22)
        ws.write_number(row, 2, float(scoreable(section)), st.center)
        _rates(ws, ctx, row, section.id, st.percent)
        if scoreable(section) != section.total:
            notes.append(text("summary_declared", lang, id=section.id, declared=number(section.total),
                              scoreable=number(scoreable(section))))
    row = layout.summary_rows[""] - 1
    ws.write_string(row, 1, text("summary_grand", lang), st.total)
    ws.set_row(row, 22)
    grand = sum((scoreable(s) for s in layout.rubric.sections), Decimal(0))
    ws.write_number(row, 2, float(grand), st.total_computed)
    _rates(ws, ctx, row, None, st.percent_total)
    row += 2
    for note in [*notes, text("summary_rate_note", lang)]:
        ws.merge_range(row, 1, row, last_col, note, st.note)
        ws.set_row(row, lines_needed(note, sum(widths[1:])) * LINE_HEIGHT + 6)
        row += 1
    write_signatures(ws, row + 1, (1, 1), (3, last_col), st, lang)
    ws.hide_gridlines(2)


def _rates(ws: Worksheet, ctx: SheetContext, row: int, section: str | None, style: object) -> None:
    """得分率 of both passes on a 0-based summary row: score ÷ the scoreable 标准分, blank until there is a score."""
    standard = rowcol_to_cell(row + 1, SUMMARY_COL["standard"])
    for offset, p in enumerate(PASS_KEYS):
        slot = ctx.layout.slot(SlotKind.SUMMARY, section=section, pass_key=p)
        score = rowcol_to_cell(slot.row, slot.col)
        blank = ctx.blank_values.get(slot.name)
        grand = sum((scoreable(s) for s in ctx.rubric.sections if section in (None, s.id)), Decimal(0))
        cached = float(blank / grand) if isinstance(blank, Decimal) and grand else ""
        formula = f'=IF(AND(ISNUMBER({score}),{standard}>0),{score}/{standard},"")'
        ws.write_formula(row, SUMMARY_COL["diff"] + offset, formula, style, cached)


def _unit_formula(ctx: SheetContext) -> str:
    lay, lang = ctx.layout, ctx.lang
    unit = sheet_ref(lay.cover_sheet, lay.cover_rows["UNIT"], 3)
    return f'"{text("unit_line", lang)}"&{unit}'


def write_metadata(ws: Worksheet, metadata: Metadata) -> None:
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 80)
    for row, (key, value) in enumerate(metadata.rows()):
        ws.write_string(row, 0, key)
        ws.write_string(row, 1, value)
    ws.very_hidden()


__all__ = ["write_corrections", "write_cover", "write_guide", "write_metadata", "write_summary", "number"]
