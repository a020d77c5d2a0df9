"""``check``: a filled workbook in, a :class:`Report` out. Knows nothing of openpyxl or the CLI."""

from __future__ import annotations

import hashlib

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xlscore.check import codes
from xlscore.clock import now
from xlscore.check.computed import check_computed
from xlscore.check.context import CheckContext, as_decimal
from xlscore.check.facts import check_cover, check_foreign_save
from xlscore.check.findings import PassState, Report
from xlscore.check.inputs import read_inputs
from xlscore.check.items import check_items
from xlscore.check.local import present as input_present
from xlscore.check.verdict import ordered, report_totals
from xlscore.check.locate import locate
from xlscore.check.messages import unreadable_message
from xlscore.check.rubric_source import choose_rubric
from xlscore.check.structure import check_rubric_text, check_structure
from xlscore.form.engine import reachable_scores
from xlscore.form.layout import Layout, SlotKind, layout_for
from xlscore.reader.errors import UnreadableWorkbook
from xlscore.reader.xlsx import WorkbookData, read_workbook
from xlscore.form.recompute import recompute_all
from xlscore.rubric.canonical import rubric_sha256
from xlscore.rubric.model import Rubric

#: How far below the form's last row the reader still looks (rows an auditor inserted).
ROW_MARGIN = 2000


@dataclass
class CheckOptions:
    rubric: Rubric | None = None  # overrides the rubric embedded in the workbook
    rubric_name: str | None = None
    lang: str = "zh"
    allow_blank: bool = False  # blank inputs of a started pass count as 0 (also when the rubric says so)


def check_file(path: str | Path, options: CheckOptions | None = None) -> Report:
    """Check one workbook file; an unreadable file gives a report with ``unreadable`` set (exit 2)."""
    options = options or CheckOptions()
    try:
        workbook = read_workbook(path, max_row=_max_row(options), max_col=64)
    except UnreadableWorkbook as exc:
        return Report(str(path), unreadable=unreadable_message(exc, options.lang))
    report = check_read_workbook(workbook, options)
    report.file_sha256 = file_sha256(Path(path))
    report.checked_at = now().strftime("%Y-%m-%d %H:%M:%S")
    return report


def file_sha256(path: Path) -> str | None:
    """The file's sha256, read in blocks (the file was just read whole, so its size is bounded)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def check_read_workbook(workbook: WorkbookData, options: CheckOptions | None = None) -> Report:
    """:func:`check_workbook`, with a workbook that cannot be checked (not a form, another rubric's
    names gone…) as a report with ``unreadable`` set to the message people see, instead of raising."""
    options = options or CheckOptions()
    try:
        return check_workbook(workbook, options)
    except UnreadableWorkbook as exc:
        return Report(workbook.path, unreadable=unreadable_message(exc, options.lang))


def _max_row(options: CheckOptions) -> int:
    rubric = options.rubric
    rows = 400 if rubric is None else sum(len(i.rules) * 4 + 6 for _s, i in rubric.all_items())
    return max(rows, 1000) + ROW_MARGIN


def check_workbook(workbook: WorkbookData, options: CheckOptions | None = None) -> Report:
    """Check a workbook already read into the neutral structure (from a file or from Excel)."""
    options = options or CheckOptions()
    lang = options.lang
    choice = choose_rubric(workbook, options.rubric, options.rubric_name, lang)
    layout = layout_for(choice.rubric, choice.vars, choice.lang)
    ctx = CheckContext(layout, workbook, locate(layout, workbook), lang)
    if choice.metadata is None and not any(loc.found for loc in ctx.locations.slots.values() if loc.by_name or loc.slot.item):
        raise UnreadableWorkbook(workbook.path, "not_scoring_form")
    ctx.findings.extend(choice.findings)
    ctx.allow_blank = options.allow_blank or choice.rubric.blank_inputs == "zero"
    check_structure(ctx)
    check_foreign_save(ctx)
    refused = read_inputs(ctx)
    present = {name for name in ctx.readings if input_present(ctx, name)}
    done = recompute_all(layout, {name: r.value for name, r in ctx.readings.items()}, present=present, refused=refused)
    ctx.expected, ctx.unknown, ctx.results, ctx.scored = done.values, done.unknown, done.items, done.scored
    check_computed(ctx)
    _typed_scores(ctx)
    check_rubric_text(ctx)
    passes = check_items(ctx, refused)
    check_cover(ctx, passes["assessed"].state is not PassState.BLANK)
    report = Report(
        workbook.path, choice.rubric.id, choice.rubric.version, rubric_sha256(choice.rubric),
        unit=_cover(ctx, "UNIT"), period=_cover(ctx, "PERIOD"),
    )
    if choice.metadata is not None:
        report.unit_id, report.roster_sha256 = choice.metadata.unit_id, choice.metadata.roster_sha256
    report.findings = ordered(layout, ctx.findings)
    report.passes = passes
    report_totals(ctx, report, refused)
    report.item_heads = {f"{b.section.id}:{b.item.no}": (_short(b.item.name or b.item.content), b.item.score)
                         for _s, b in layout.blocks()}
    return report


def _typed_scores(ctx: CheckContext) -> None:
    """An item score typed over its formula that the item's rules could never give (CALC010)."""
    for slot in ctx.layout.slots.values():
        if slot.kind is not SlotKind.ITEM_SCORE:
            continue
        cell = ctx.cell(slot.name)
        if cell is None or cell.is_formula or not isinstance(cell.value, float):
            continue
        reachable = reachable_scores(ctx.layout.item(slot.section, slot.item))
        found = as_decimal(cell.value)
        if reachable is not None and found not in reachable:
            listed = "、".join(_fmt(v) for v in sorted(reachable, reverse=True)[:12])
            typed = next((f.id for f in ctx.findings if f.code == "CALC006" and f.name == slot.name), None)
            ctx.findings.append(codes.CALC010.make(ctx.lang, found=_fmt(found), reachable=listed, caused_by=typed, **ctx.where(slot)))


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _cover(ctx: CheckContext, field: str) -> str | None:
    name = f"XS_COVER_{field}"
    value = ctx.value(name)
    return str(value).strip() if value else None


def _short(text: str, limit: int = 24) -> str:
    """An item's title for a table: its 项目, or the start of its 考核内容 when it has none."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
