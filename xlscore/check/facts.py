"""Facts outside the scores: the cover's fields, and what another program's save dropped from the form.

Neither changes a score. A blank unit name is an error (summaries tell units apart by it); the
other cover fields are warnings, the assessor's side only once the 考评 pass is filled in. What
another program's save broke (the metadata sheet shown, names no longer hidden, print titles
lost, a ``#REF!`` print area) is one warning per kind.
"""

from __future__ import annotations

from xlscore.check import codes
from xlscore.check.context import CheckContext
from xlscore.form.wording import text

WHAT = {
    "meta_visible": {"zh": "隐藏的元数据表“{sheet}”变成了可见", "en": "the hidden metadata sheet “{sheet}” became visible"},
    "meta_hidden": {"zh": "元数据表“{sheet}”由深度隐藏变成了普通隐藏(可被取消隐藏和改动)",
                    "en": "the metadata sheet “{sheet}” is merely hidden now (it can be unhidden and edited)"},
    "names": {"zh": "{count} 个定义名称不再隐藏", "en": "{count} defined names are no longer hidden"},
    "titles": {"zh": "工作表 {sheets} 的打印标题行丢失", "en": "the print titles of {sheets} were lost"},
    "area": {"zh": "工作表 {sheets} 的打印区域变成了 #REF!", "en": "the print area of {sheets} became #REF!"},
}


def check_cover(ctx: CheckContext, assessed_filled: bool) -> None:
    fields = ["UNIT", "PERIOD", "SELF_BY", "SELF_DATE"] + (["ASSESSED_BY", "ASSESSED_DATE"] if assessed_filled else [])
    for field in fields:
        name = f"XS_COVER_{field}"
        slot = ctx.layout.slots.get(name)
        if slot is None or ctx.located(name) is None or str(ctx.value(name) or "").strip():
            continue
        what = text(f"cover_{field.lower()}", ctx.lang)
        code = codes.COV001 if field == "UNIT" else codes.COV002
        where = ctx.where(slot)
        ctx.findings.append(code.make(ctx.lang, what=what, **where))


def check_foreign_save(ctx: CheckContext) -> None:
    layout, book, lang = ctx.layout, ctx.workbook, ctx.lang
    key = "en" if lang == "en" else "zh"
    kinds: list[tuple[str, str | None, dict[str, object]]] = []
    meta = book.sheets.get(layout.meta_sheet)
    if meta is not None and meta.state != "veryHidden":
        kinds.append(("meta_visible" if meta.state == "visible" else "meta_hidden", meta.name, {"sheet": meta.name}))
    if not book.package_facts:  # a live workbook (the Excel button): only the sheet's visibility is known
        ours: list[str] = []
        sections: list[str] = []
    else:
        ours = [n for n in layout.slots if n in book.names]
        sections = [s.name for s in layout.sheets if s.name in book.sheets]
    shown = [n for n in ours if n not in book.hidden_names]
    if shown:
        kinds.append(("names", None, {"count": len(shown)}))
    lost = [s for s in sections if (s, "_xlnm.Print_Titles") not in book.sheet_names]
    if lost:
        kinds.append(("titles", None, {"sheets": "、".join(lost)}))
    broken = [s for (s, n), v in book.sheet_names.items() if n == "_xlnm.Print_Area" and "#REF!" in v.upper()]
    if broken:
        kinds.append(("area", None, {"sheets": "、".join(broken)}))
    for kind, sheet, values in kinds:
        what = WHAT[kind][key].format(**values)
        ctx.findings.append(codes.RUB005.make(lang, sheet=sheet, name=kind, what=what))
