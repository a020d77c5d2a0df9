"""Check every computed cell: formula still there and unchanged, shown value equal to the recomputation.

Each cell gets one diagnosis, roots first:

- typed over (CALC006), changed formula (CALC012 when it gives a wrong value, CALC008 when not),
  an error value (CALC009), a number from a row inserted inside a summed range (CALC013): roots;
- a wrong value that follows from the cells its own intact formula reads (a 小计 wrong because an
  item score is): a consequence, ``caused_by`` the root it comes from, named in its message;
- an intact formula whose saved value follows from nothing on the sheet: stale (CALC007), or one
  finding for the whole file (CALC011) when nothing or most of it was recalculated.

A cell that depends on a refused input is not compared at all: there is no right value for it.
"""

from __future__ import annotations

from decimal import Decimal

from xlscore.check import codes
from xlscore.check.cascade import Cascade
from xlscore.check.context import ERROR, CheckContext, same, show
from xlscore.check.local import inserted_numbers, local_value, precedents
from xlscore.check.references import same_formula
from xlscore.form.formulas import formula_for
from xlscore.form.layout import Slot, SlotKind
from xlscore.form.sumtree import sum_tree

MISMATCH = {
    SlotKind.DEDUCTION: codes.CALC001,
    SlotKind.ITEM_SCORE: codes.CALC002,
    SlotKind.SUBTOTAL: codes.CALC003,
    SlotKind.SECTION_TOTAL: codes.CALC004,
    SlotKind.SUMMARY: codes.CALC005,
    SlotKind.SUMMARY_DIFF: codes.CALC005,
}
WHAT = {
    SlotKind.DEDUCTION: {"zh": "第{rule}条扣分", "en": "the deduction of clause {rule}"},
    SlotKind.ITEM_SCORE: {"zh": "得分", "en": "the score"},
    SlotKind.SUBTOTAL: {"zh": "小计", "en": "the subtotal"},
    SlotKind.SECTION_TOTAL: {"zh": "合计", "en": "the total"},
    SlotKind.SUMMARY: {"zh": "汇总得分", "en": "the summary score"},
    SlotKind.SUMMARY_DIFF: {"zh": "汇总差异", "en": "the summary difference"},
}
BECAUSE = {
    "input": {"zh": "(该条录入“{raw}”公式不认,表中按 {shown} 计算)", "en": " (the formula cannot read the input “{raw}” and used {shown})"},
    "upstream": {"zh": "(由 {root} 的错误算出)", "en": " (it follows from the error at {root})"},
}
FIX = {
    "input": {"zh": "请按提示改正录入。", "en": "Correct the input as advised."},
    "upstream": {"zh": "改正 {root} 后会自动更正。", "en": "It corrects itself once {root} is fixed."},
}
#: More stale cells than this: the file as a whole was not recalculated (one finding, not one per cell).
STALE_FILE = 10
BLANK = {"zh": "(空)", "en": "(blank)"}


def describe(slot: Slot, lang: str) -> str:
    words = WHAT[slot.kind]["en" if lang == "en" else "zh"]
    return words.format(rule=(slot.rule or 0) + 1)


def check_computed(ctx: CheckContext) -> None:
    """Diagnose every computed cell, deductions and item scores first, then up the sum tree."""
    cascade = Cascade(ctx)
    order = [s for s in ctx.layout.slots.values() if s.kind is SlotKind.DEDUCTION]
    order += [s for s in ctx.layout.slots.values() if s.kind is SlotKind.ITEM_SCORE]
    order += [ctx.layout.slots[n.name] for n in sum_tree(ctx.layout)]
    for slot in order:
        if ctx.located(slot.name) is not None and _check_one(ctx, slot, cascade):
            _stale_root(ctx, slot, cascade)
    if len(cascade.stale) > STALE_FILE or (cascade.stale and not _any_cached(ctx)):
        cells = "、".join(f"{f.sheet}!{f.cell}" for f in cascade.stale[:3])
        cascade.fold_stale(codes.CALC011.make(ctx.lang, found=len(cascade.stale), cells=cells))


def _check_one(ctx: CheckContext, slot: Slot, cascade: Cascade) -> bool:
    """Report what is wrong with ``slot``; True when its only fault is a stale saved value."""
    lang = ctx.lang
    expected = ctx.expected.get(slot.name)
    unknown = slot.name in ctx.unknown
    cell = ctx.cell(slot.name)
    if cell is None or not cell.is_formula:
        where, what, shown_expected = ctx.where(slot), describe(slot, lang), _show(expected, lang, unknown)
        found = ctx.display(slot.name)
        text = BLANK["en" if lang == "en" else "zh"] if cell is None or cell.value is None else (
            show(found) if isinstance(found, Decimal) else cell.value)
        cascade.root(slot, codes.CALC006.make(lang, expected=shown_expected, found=text, what=what, **where))
        return False
    generated = formula_for(ctx.layout, slot)
    at = ctx.located(slot.name)
    # A formula the file stores inconsistently is reported once where it is stored (STR006/STR007);
    # its text is not evidence of a change, so only its value is judged here.
    intact = bool(cell.problem) or same_formula(
        cell.formula or "", generated, str((at.sheet if at else None) or slot.sheet), slot.sheet, ctx.rows)
    found = ctx.display(slot.name)
    if intact and not cell.is_error and (unknown or _equal(found, expected)):
        return False  # most cells: right
    where, what, shown_expected = ctx.where(slot), describe(slot, lang), _show(expected, lang, unknown)
    if cell.is_error:
        if not intact:
            cascade.root(slot, codes.CALC012.make(lang, expected=generated, found=cell.formula, value=shown_expected,
                                                  shown=cell.value, what=what, **where))
            return False
        values = {"expected": shown_expected, "found": cell.value, "what": what, **where}
        root = cascade.root_of_precedents(precedents(ctx, slot))
        if root is None:
            cascade.root(slot, codes.CALC009.make(lang, **values))
        else:  # an error it reads: the error's own root is the cause
            cascade.consequence(slot, codes.CALC009, values, root)
        return False
    if not intact:
        right = unknown or _equal(found, expected)
        code = codes.CALC008 if right else codes.CALC012
        values = {} if right else {"value": shown_expected, "shown": _show(found, lang)}
        cascade.root(slot, code.make(lang, expected=generated, found=cell.formula, what=what, **values, **where))
        return False
    return _explain(ctx, slot, found, cascade)


def _explain(ctx: CheckContext, slot: Slot, found: object, cascade: Cascade) -> bool:
    """A wrong value under an intact formula: a row inserted into its range, a cell it reads, or stale."""
    lang, where, what = ctx.lang, ctx.where(slot), describe(slot, ctx.lang)
    expected = ctx.expected.get(slot.name)
    extra = inserted_numbers(ctx, slot)
    if extra and _equal(found, local_value(ctx, slot, extra)):
        for row, value, rng in extra:
            cascade.root(slot, codes.CALC013.make(
                lang, sheet=where["sheet"], cell=f"{_letters(rng)}{row}", serial=slot.item or slot.group, pass_key=slot.pass_key,
                found=show(value), expected=_show(expected, lang), shown=_show(found, lang), what=what, row=row, range=rng,
            ), primary=False)
        root = cascade.first_root(slot)
        cascade.consequence(slot, MISMATCH[slot.kind], _mismatch(ctx, slot, found, "upstream", root), root)
        return False
    local = local_value(ctx, slot)
    if not _equal(found, local):
        return True
    root = cascade.root_of_precedents(precedents(ctx, slot))
    if slot.kind is SlotKind.DEDUCTION:
        values = _mismatch(ctx, slot, found, "input", None)
        if root is None:
            cascade.root(slot, MISMATCH[slot.kind].make(lang, **values))
        else:
            cascade.consequence(slot, MISMATCH[slot.kind], values, root)
        return False
    if root is None:  # follows from cells that are themselves unreported (e.g. stale): stale too
        return True
    cascade.consequence(slot, MISMATCH[slot.kind], _mismatch(ctx, slot, found, "upstream", root), root)
    return False


def _mismatch(ctx: CheckContext, slot: Slot, found: object, reason: str, root) -> dict[str, object]:  # type: ignore[no-untyped-def]
    lang = ctx.lang
    key = "en" if lang == "en" else "zh"
    root_text = cascade_name(root, lang) if root is not None else "?"
    if reason == "input":
        raw = _raw_input(ctx, slot)
        because = BECAUSE["input"][key].format(raw=raw, shown=_show(found, lang)) if raw else ""
        fix = FIX["input"][key]
    else:
        because = BECAUSE["upstream"][key].format(root=root_text)
        fix = FIX["upstream"][key].format(root=root_text)
    return {
        "expected": _show(ctx.expected.get(slot.name), lang), "found": _show(found, lang), "because": because, "fix": fix,
        "rule": (slot.rule or 0) + 1, "section": slot.section, "what": describe(slot, lang), **ctx.where(slot),
    }


def cascade_name(root, lang: str) -> str:  # type: ignore[no-untyped-def]
    """``'1 客服'!H22`` of a root finding, for the message of what follows from it."""
    if root.cell is None:
        return root.sheet or "?"
    return f"{root.sheet}!{root.cell}" if root.sheet else root.cell


def _raw_input(ctx: CheckContext, slot: Slot) -> str:
    from xlscore.check.context import as_decimal
    from xlscore.check.local import input_name

    reading = ctx.readings.get(input_name(slot))
    value = None if reading is None else reading.raw
    if value is None:
        return ""
    return show(as_decimal(value)) if isinstance(value, float) else str(value)


def _stale_root(ctx: CheckContext, slot: Slot, cascade: Cascade) -> None:
    lang = ctx.lang
    found = ctx.display(slot.name)
    text = _show(found, lang) if found is not None else ("(none)" if lang == "en" else "(无)")
    finding = codes.CALC007.make(lang, expected=_show(ctx.expected.get(slot.name), lang), found=text,
                                 what=describe(slot, lang), **ctx.where(slot))
    cascade.root(slot, finding, stale=True)


def _any_cached(ctx: CheckContext) -> bool:
    """Whether any formula cell holds a saved result at all (a file from a program that never computes has none)."""
    for slot in ctx.layout.slots.values():
        cell = ctx.cell(slot.name) if slot.kind.is_computed else None
        if cell is not None and cell.is_formula and cell.value is not None:
            return True
    return False


def _equal(found: object, expected: Decimal | None) -> bool:
    if found == ERROR:
        return False
    if expected is None or found is None:
        return expected is None and found is None
    return same(found, expected)  # type: ignore[arg-type]


def _show(value: object, lang: str, unknown: bool = False) -> str:
    if unknown:
        return "无法计算" if lang != "en" else "not computable"
    if value is None:
        return BLANK["en" if lang == "en" else "zh"]
    return show(value) if isinstance(value, Decimal) else str(value)


def _letters(rng: str) -> str:
    return rng.split(":")[0].rstrip("0123456789")
