"""Merge and diff as lines, JSON and workbooks (变更表, the per-unit comparison summary).

Renders :mod:`xlscore.round.merge` and :mod:`xlscore.round.diff` results; decides nothing. Every text
taken from a workbook is written to a workbook as a string, never as a formula or a link.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from xlscore import __version__
from xlscore.atomic import write_atomically
from xlscore.cells import quote_sheet
from xlscore.i18n import pick
from xlscore.report.outputs import OUTPUT_PROPERTY, SUMMARY
from xlscore.round.diff import Change, Comparison, FindingStatus
from xlscore.round.merge import Conflict, MergePlan
from xlscore.round.merge_words import KIND, PASS, STATUS, UNIT_STATUS, say, value_text, word
from xlscore.round.returned import shown

CHANGE_SHEET = {"zh": "变更表", "en": "Changes"}
SUMMARY_SHEET = {"zh": "对比汇总", "en": "Comparison"}
CHANGE_HEADERS = {
    "zh": ("类别", "工作表", "单元格", "序号", "项目", "自查/考评", "原值", "新值"),
    "en": ("Kind", "Sheet", "Cell", "Item no.", "Item", "Pass", "Old", "New"),
}
FINDING_HEADERS = {
    "zh": ("问题状态", "代码", "工作表", "单元格", "序号", "说明"),
    "en": ("Status", "Code", "Sheet", "Cell", "Item no.", "Message"),
}
SUMMARY_HEADERS = {
    "zh": ("单位", "原文件", "新文件", "变更单元格", "已更正", "仍存在", "新增", "新版本错误", "状态"),
    "en": ("Unit", "Earlier file", "Later file", "Cells changed", "Resolved", "Still there", "New", "Errors left", "Status"),
}


def _where(file: str, sheet: str | None, cell: str | None) -> str:
    if not sheet:
        return file
    return f"{file}:{quote_sheet(sheet)}" + (f"!{cell}" if cell else "")


def _item(item: str | None, lang: str) -> str:
    if not item:
        return ""
    return f"({item})" if lang != "en" else f" ({item})"


def conflict_lines(plan: MergePlan, out: Path, lang: str) -> list[str]:
    """One line per conflicting cell, then (without a preference) why nothing was written."""
    lines = [conflict_line(plan.self_copy.file, c, lang) for c in plan.conflicts]
    if plan.conflicts and plan.prefer is None:
        lines.append(say("not_written", lang, out=out, count=len(plan.conflicts)))
    elif plan.conflicts:
        lines.append(say("preferred", lang, count=len(plan.conflicts), prefer=plan.prefer))
    return lines


def conflict_line(file: str, c: Conflict, lang: str) -> str:
    return say("conflict", lang, where=_where(file, c.sheet, c.cell), serial=c.serial or "—", item=_item(c.item, lang),
               pass_name=word(PASS, c.pass_key, lang), self_value=shown(c.self_value),
               assess_value=shown(c.assess_value))


def merge_json(plan: MergePlan, out: Path, written: bool) -> dict[str, Any]:
    return {"self_copy": plan.self_copy.file, "assess_copy": plan.assess_copy.file, "output": str(out),
            "written": written, "prefer": plan.prefer, "conflicts": [c.to_json() for c in plan.conflicts],
            "borrowed": list(plan.borrowed)}


def change_line(file: str, change: Change, lang: str) -> str:
    return say("change", lang, where=_where(file, change.sheet, change.cell), kind=word(KIND, change.kind, lang),
               serial=change.serial or "—", item=_item(change.item, lang), pass_name=word(PASS, change.pass_key, lang),
               old=value_text(change.old, lang), new=value_text(change.new, lang))


def diff_lines(comparison: Comparison, lang: str) -> list[str]:
    """Each changed cell, each finding with what became of it, and a closing count."""
    lines = [change_line(comparison.new_file, c, lang) for c in comparison.changes]
    for change in comparison.findings:
        f = change.finding
        if f.caused_by is not None:
            continue
        file = comparison.old_file if change.status is FindingStatus.RESOLVED else comparison.new_file
        lines.append(say("finding", lang, where=_where(file, f.sheet, f.cell), status=word(STATUS, change.status.value, lang),
                         code=f.code, message=f.message))
    lines.append(closing_line(comparison, lang))
    return lines


def closing_line(comparison: Comparison, lang: str) -> str:
    return say("diff_closing", lang, old=comparison.old_file, new=comparison.new_file, changes=len(comparison.changes),
               resolved=comparison.count(FindingStatus.RESOLVED), remaining=comparison.count(FindingStatus.REMAINING),
               new_count=comparison.count(FindingStatus.NEW), errors=comparison.errors_left)


def diff_json(comparison: Comparison) -> dict[str, Any]:
    findings = [dict(f.finding.to_json(), status=f.status.value) for f in comparison.findings]
    return {
        "old": comparison.old_file, "new": comparison.new_file, "exit_code": comparison.exit_code,
        "changes": [c.to_json() for c in comparison.changes], "findings": findings,
        "counts": {s.value: comparison.count(s) for s in FindingStatus}, "errors_left": comparison.errors_left,
    }


def unit_status(comparison: Comparison | None) -> str:
    """已更正 when the later copy has no error left, 仍有问题 when it has, 无法对比 without a comparison."""
    if comparison is None or comparison.exit_code == 2:
        return "failed"
    return "open" if comparison.errors_left else "corrected"


def document(kind: str, body: dict[str, Any] | list[Any], exit_code: int) -> dict[str, Any]:
    return {"xlscore": __version__, "exit_code": exit_code, kind: body}


# --- workbooks -----------------------------------------------------------------------------------
def write_changes(comparison: Comparison, target: Path, lang: str) -> Path:
    """A workbook whose 变更表 sheet lists every changed cell, then every finding and what became of it."""
    def rows(write) -> None:  # type: ignore[no-untyped-def]
        write(list(pick(CHANGE_HEADERS, lang)), True)
        for c in comparison.changes:
            write([word(KIND, c.kind, lang), c.sheet, c.cell, c.serial or "", c.item or "", word(PASS, c.pass_key, lang),
                   c.old, c.new], False)
        write([], False)
        write(list(pick(FINDING_HEADERS, lang)), True)
        for change in comparison.findings:
            f = change.finding
            write([word(STATUS, change.status.value, lang), f.code, f.sheet or "", f.cell or "", f.serial or "",
                   f.message], False)
        write([], False)
        write([closing_line(comparison, lang)], False)

    return _write_table(target, pick(CHANGE_SHEET, lang), rows)


def write_comparison_summary(rows_in: list[tuple[str, str, str, Comparison | None, str]], target: Path,
                             lang: str) -> Path:
    """One row per unit: (unit, earlier file, later file, comparison, status key of :data:`UNIT_STATUS`)."""
    def rows(write) -> None:  # type: ignore[no-untyped-def]
        write(list(pick(SUMMARY_HEADERS, lang)), True)
        for unit, old, new, c, status in rows_in:
            counts = [len(c.changes), c.count(FindingStatus.RESOLVED), c.count(FindingStatus.REMAINING),
                      c.count(FindingStatus.NEW), c.errors_left] if c is not None and status != "failed" else []
            write([unit, old, new, *counts] + [""] * (5 - len(counts)) + [word(UNIT_STATUS, status, lang)], False)

    return _write_table(target, pick(SUMMARY_SHEET, lang), rows)


def _write_table(target: Path, sheet: str, fill) -> Path:  # type: ignore[no-untyped-def]
    import xlsxwriter

    def write(handle: BinaryIO) -> None:
        book = xlsxwriter.Workbook(handle, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_numbers": False, "strings_to_urls": False})
        book.set_custom_property(OUTPUT_PROPERTY, SUMMARY)  # a later run may replace it, a folder check skips it
        ws = book.add_worksheet(sheet)
        bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        at = [0]

        def row(values: list[object], header: bool) -> None:
            for col, value in enumerate(values):
                if isinstance(value, int):
                    ws.write_number(at[0], col, value)
                else:
                    ws.write_string(at[0], col, str(value or ""), bold if header else None)
            at[0] += 1

        fill(row)
        ws.set_column(0, 0, 12)
        ws.set_column(1, 2, 18)
        ws.set_column(4, 7, 24)
        ws.freeze_panes(1, 0)
        book.close()

    return write_atomically(target, write)
