"""The verdict of a report: findings ordered roots first, and totals that are final or say why not.

Roots are listed in the workbook's reading order (sheet, row, column), each followed by the
findings that only follow from it. A pass's totals are numbers only when the pass is complete and
every input it adds up could be read; otherwise they are ``None`` with the reason.
"""

from __future__ import annotations

from decimal import Decimal

from xlscore.cells import cell_to_rowcol
from xlscore.check.context import CheckContext
from xlscore.check.findings import SEVERITY_ORDER, Finding, Report, Totals
from xlscore.form.layout import PASS_KEYS, Layout, SlotKind, slot_name

REASONS = {
    "unknown": {"zh": "无法计算:{cell} 的录入无效", "en": "not computable: the input at {cell} is invalid"},
    "status": {"zh": "本轮{status},没有最终得分", "en": "this pass is {status}: no final score"},
}


def _order(layout: Layout, finding: Finding) -> tuple:  # type: ignore[type-arg]
    sheets = layout.sheet_names()
    sheet_index = sheets.index(finding.sheet) if finding.sheet in sheets else (-1 if finding.sheet is None else len(sheets))
    row, col = cell_to_rowcol(finding.cell) if finding.cell else (0, 0)
    return (sheet_index, row, col, SEVERITY_ORDER[finding.severity], finding.code)


def ordered(layout: Layout, findings: list[Finding]) -> list[Finding]:
    """Roots in reading order, each followed by its consequences (also in reading order)."""
    ids = {f.id for f in findings}
    roots = [f for f in findings if f.caused_by is None or f.caused_by not in ids]
    following: dict[str, list[Finding]] = {}
    for f in findings:
        if f.caused_by is not None and f.caused_by in ids:
            following.setdefault(f.caused_by, []).append(f)
    out: list[Finding] = []
    for root in sorted(roots, key=lambda f: _order(layout, f)):
        out.append(root)
        out.extend(sorted(following.get(root.id, []), key=lambda f: _order(layout, f)))
    return out


def report_totals(ctx: CheckContext, report: Report, refused: set[str]) -> None:
    layout, lang = ctx.layout, ctx.lang
    key = "en" if lang == "en" else "zh"
    for p in PASS_KEYS:
        status = report.passes.get(p)
        recomputed, shown = Totals(), Totals()
        # Only a complete pass with every input readable has totals: any other pass has none at all.
        not_final = None if status is None or status.final else REASONS["status"][key].format(status=status.label(lang))
        for section in layout.rubric.sections:
            name = slot_name(SlotKind.SECTION_TOTAL, section=section.id, pass_key=p)
            value, reason = _final(ctx, name, not_final, refused, p, section.id)
            recomputed.sections[section.id] = value
            if reason:
                recomputed.reasons[section.id] = reason
            shown.sections[section.id] = _shown(ctx, name)
        grand = slot_name(SlotKind.SUMMARY, pass_key=p)
        recomputed.grand, reason = _final(ctx, grand, not_final, refused, p, None)
        if reason:
            recomputed.reasons[""] = reason
        shown.grand = _shown(ctx, grand)
        report.totals[p], report.shown_totals[p] = recomputed, shown
        report.item_scores[p] = {
            f"{sid}:{no}": None if slot_name(SlotKind.ITEM_SCORE, section=sid, item=no, pass_key=p) in ctx.unknown
            or not_final else result.score
            for (pk, sid, no), result in ctx.results.items() if pk == p
        }
    report.section_titles = {s.id: s.title for s in layout.rubric.sections}


def _final(ctx: CheckContext, name: str, not_final: str | None, refused: set[str], p: str,
           section: str | None) -> tuple[Decimal | None, str | None]:
    key = "en" if ctx.lang == "en" else "zh"
    if name in ctx.unknown:
        cells = [_cell(ctx, n) for n in sorted(refused, key=lambda n: (ctx.layout.slots[n].sheet, ctx.layout.slots[n].row))
                 if ctx.layout.slots[n].pass_key == p and (section is None or ctx.layout.slots[n].section == section)]
        return None, REASONS["unknown"][key].format(cell="、".join(c for c in cells[:3] if c) or "?")
    if not_final is not None:
        return None, not_final
    value = ctx.scored.get(name)
    return (value if value is not None else Decimal(0)), None


def _cell(ctx: CheckContext, name: str) -> str:
    where = ctx.where(ctx.layout.slots[name])
    return f"{where['sheet']}!{where['cell']}" if where["cell"] else ""


def _shown(ctx: CheckContext, name: str) -> Decimal | None:
    value = ctx.display(name)
    return value if isinstance(value, Decimal) else None
