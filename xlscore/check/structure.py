"""Findings about the workbook's shape: names lost or broken, items missing, rubric text edited."""

from __future__ import annotations

from xlscore.check import codes
from xlscore.check.context import CheckContext, as_decimal, show
from xlscore.form.layout import RowKind, SlotKind
from xlscore.form.row_text import row_text
from xlscore.rules.base import number

WHAT = {
    SlotKind.INPUT: {"zh": "录入单元格", "en": "an input"},
    SlotKind.DEDUCTION: {"zh": "扣分单元格", "en": "a deduction"},
    SlotKind.ITEM_SCORE: {"zh": "得分单元格", "en": "the score"},
    SlotKind.SUBTOTAL: {"zh": "小计", "en": "the subtotal"},
    SlotKind.SECTION_TOTAL: {"zh": "合计", "en": "the total"},
    SlotKind.SAMPLE: {"zh": "抽查数量", "en": "the sample size"},
    SlotKind.EXEMPT: {"zh": "免考核", "en": "the exemption"},
    SlotKind.REASON: {"zh": "免考核原因", "en": "the reason for exemption"},
}
CLAUSE_WHAT = {"zh": "第{rule}条", "en": "clause {rule}"}
COLUMN = {"text": {"zh": "评分规定", "en": "评分规定 (scoring rules)"}, "clause": {"zh": "扣分标准", "en": "扣分标准 (deduction rule)"}}


def check_structure(ctx: CheckContext) -> None:
    lang = ctx.lang
    for sheet, missing in sorted(ctx.locations.fallback_sheets.items()):
        ctx.findings.append(codes.STR001.make(lang, sheet=sheet, missing=missing))
    reported: set[tuple[str | None, str | None]] = set()
    for located in ctx.locations.slots.values():
        slot = located.slot
        key = (slot.section, slot.item or slot.group or slot.name)
        if key in reported or located.found:
            continue
        reported.add(key)
        what = _what(slot, lang)
        where = {"sheet": slot.sheet, "serial": slot.item or slot.group, "name": slot.name}
        if located.broken:
            ctx.findings.append(codes.STR002.make(lang, what=what, **where))
        else:
            ctx.findings.append(codes.STR003.make(lang, **where))


def _what(slot, lang: str) -> str:  # type: ignore[no-untyped-def]
    """What a lost cell held, for STR002: the clause of a rule row, else the kind of cell."""
    key = "en" if lang == "en" else "zh"
    if slot.rule is not None:
        return CLAUSE_WHAT[key].format(rule=slot.rule + 1)
    return WHAT.get(slot.kind, {"zh": "单元格", "en": "a cell"})[key]


def check_rubric_text(ctx: CheckContext) -> None:
    """标准分 and the rubric's wording as the workbook shows them, against the rubric."""
    lang = ctx.lang
    for _sheet, block in ctx.layout.blocks():
        for slot in ctx.layout.item_slots(block.section.id, block.item.no):
            cell = ctx.cell(slot.name)
            if slot.kind is SlotKind.STANDARD and ctx.located(slot.name):
                found = as_decimal(cell.value) if cell is not None and isinstance(cell.value, float) else None
                if found is None or found != block.item.score:
                    shown = show(found) if found is not None else (cell.value if cell is not None else "")
                    ctx.findings.append(codes.STR004.make(lang, expected=number(block.item.score), found=shown, **ctx.where(slot)))
            elif slot.kind in (SlotKind.TEXT, SlotKind.CLAUSE) and ctx.located(slot.name):
                expected, words = _expected_text(ctx, block, slot)
                found = "" if cell is None or cell.value is None else str(cell.value)
                if _words(found) != words:
                    column = COLUMN["text" if slot.kind is SlotKind.TEXT else "clause"]["en" if lang == "en" else "zh"]
                    ctx.findings.append(codes.STR005.make(lang, expected=expected, found=found[:80], column=column, **ctx.where(slot)))


def _expected_text(ctx: CheckContext, block, slot) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The text the rubric gives ``slot`` and its words without spaces: once per layout."""
    key = ("text", slot.name)
    known = ctx.layout.memo.get(key)
    if known is None:
        expected = block.item.text if slot.kind is SlotKind.TEXT else _clause(ctx, block, slot)
        known = ctx.layout.memo[key] = (expected, _words(expected))
    return known  # type: ignore[return-value]


def _clause(ctx: CheckContext, block, slot) -> str:  # type: ignore[no-untyped-def]
    row = next(r for r in block.rows if r.kind is RowKind.RULE and r.rule == slot.rule and r.month == slot.month)
    return row_text(block, row, ctx.layout.lang)


def _words(text: str) -> str:
    return "".join(text.split())


STORAGE = {
    "shared_master_missing": {
        "zh": ("共享公式(si={si})的主公式不在文件中", ""),
        "en": ("the shared formula (si={si}) has no master formula in the file", ""),
    },
    "shared_two_masters": {
        "zh": ("共享公式组 si={si} 有两个主公式(另一个在 {other})", "离各单元格最近的主公式"),
        "en": ("shared-formula group si={si} has two master formulas (the other at {other})", "from the nearest master"),
    },
    "array_outside": {
        "zh": ("数组公式的范围 {ref} 不包含它所在的单元格", "单个单元格的数组公式"),
        "en": ("the array formula's range {ref} does not hold its own cell", "as a one-cell array formula"),
    },
}
MORE = {"zh": " 等 {count} 个单元格", "en": " and {count} more cells"}


def check_storage(ctx: CheckContext) -> None:
    """A formula the reader could not read as stored (found on the sheets the check read): one finding per group."""
    key = "en" if ctx.lang == "en" else "zh"
    for sheet, problem in ctx.workbook.read_problems():
        detail, how = STORAGE[problem.kind][key]
        values = dict(problem.detail)
        more = MORE[key].format(count=problem.cells if key == "zh" else problem.cells - 1) if problem.cells > 1 else ""
        code = codes.STR006 if problem.kind == "shared_master_missing" else codes.STR007
        ctx.findings.append(code.make(ctx.lang, sheet=sheet, cell=problem.cell, detail=detail.format(**values), how=how, more=more))
