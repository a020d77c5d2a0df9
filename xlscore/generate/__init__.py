"""``xlscore generate``: the official scoring workbook of a rubric (SPEC §3).

Written with XlsxWriter in memory, with fixed timestamps, so the same inputs give a byte-identical
file; each formula carries the cached value of an empty form so that readers which do not
recalculate still see right numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from xlscore import __version__
from xlscore.cells import sheet_ref
from xlscore.generate.paging import print_scale
from xlscore.generate.protection import ProtectedWorkbook, protect
from xlscore.generate.section import SheetContext, sheet_breaks, write_computed, write_section_sheet
from xlscore.generate.styles import SECTION_WIDTHS
from xlscore.form.recompute import recompute
from xlscore.generate.sheets import write_corrections, write_cover, write_guide, write_metadata, write_summary
from xlscore.generate.styles import make_styles
from xlscore.form.layout import HEADER_ROW, Layout, layout_for
from xlscore.form.metadata import Metadata
from xlscore.rubric.canonical import canonical_json, rubric_sha256
from xlscore.rubric.model import Rubric
from xlscore.form.wording import COL, text
from xlscore.atomic import write_atomically

#: The fixed creation time of every generated workbook (determinism).
FIXED_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)


@dataclass
class GenerateOptions:
    unit: str = ""
    period: str = ""
    vars: dict[str, str] = field(default_factory=dict)
    password: str | None = None
    #: Per-pass editing passwords (Excel's 允许用户编辑区域); they need ``password`` for the sheets.
    self_password: str | None = None
    assess_password: str | None = None
    lang: str = "zh"
    #: Values to pre-fill, by defined name (examples and test fixtures); cached formula results stay those
    #: of the empty form, so a spreadsheet program must recalculate (Excel does on load).
    inputs: dict[str, object] = field(default_factory=dict)
    #: The roster unit the form is made for: its id and the roster's sha256 go into the metadata, and the
    #: cover's unit and period are locked (a form for one unit names that unit for good).
    unit_id: str = ""
    roster_sha256: str = ""


def generate_workbook(rubric: Rubric, out: str | Path, options: GenerateOptions | None = None) -> Path:
    """Write the workbook for ``rubric`` to ``out`` atomically (a temporary file, then a rename)."""
    options = options or GenerateOptions()
    return write_atomically(Path(out), lambda handle: _write(rubric, handle, options))


def workbook_layout(rubric: Rubric, options: GenerateOptions) -> Layout:
    """The layout a workbook generated with ``options`` has (variables substituted, language chosen)."""
    return layout_for(rubric, options.vars, options.lang)


def _write(rubric: Rubric, path: BinaryIO, options: GenerateOptions) -> None:
    layout = workbook_layout(rubric, options)  # kept on disk: no validation or layout for a known rubric
    shown = layout.rubric
    wb = ProtectedWorkbook(path, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False})
    wb.set_properties({"title": shown.title, "subject": f"{rubric.id} {rubric.version}", "author": "xlscore",
                       "created": FIXED_TIME, "comments": f"xlscore {__version__}"})
    wb.set_calc_mode("auto")
    cover_values = {"UNIT": options.unit, "PERIOD": options.period}
    cover_values.update({k[len("XS_COVER_"):]: str(v) for k, v in options.inputs.items() if k.startswith("XS_COVER_")})
    blank_values, _ = recompute(layout, {})
    passwords = pass_passwords(options)
    ctx = SheetContext(layout, shown, make_styles(wb), options.lang, cover_values, dict(options.inputs), blank_values,
                       pass_ranges=bool(passwords), cover_locked=bool(options.unit_id))
    cover = wb.add_worksheet(layout.cover_sheet)
    write_cover(cover, ctx)
    guide = wb.add_worksheet(layout.guide_sheet)
    write_guide(guide, ctx)
    section_sheets = []
    for sheet in layout.sheets:
        ws = wb.add_worksheet(sheet.name)
        write_section_sheet(ws, sheet, ctx)
        write_computed(ws, sheet.name, ctx)
        _print_setup(ws, shown, options, landscape=True)
        scale = print_scale(SECTION_WIDTHS)
        ws.set_print_scale(scale)  # fit-to-width would make Excel ignore the manual breaks
        ws.set_h_pagebreaks(sheet_breaks(sheet, options.lang, scale))
        ws.freeze_panes(HEADER_ROW, COL["content"] - 1)  # 序号 and 项目 stay in view
        ws.repeat_rows(0, HEADER_ROW - 1)
        section_sheets.append(ws)
    summary = wb.add_worksheet(layout.summary_sheet)
    write_summary(summary, ctx)
    write_computed(summary, layout.summary_sheet, ctx)
    for portrait in (cover, guide, summary):
        _print_setup(portrait, shown, options, landscape=False)
    guide.fit_to_pages(1, 1)  # 说明 is one page
    extra = []
    if shown.corrections:
        corrections = wb.add_worksheet(layout.corrections_sheet)
        write_corrections(corrections, ctx)
        _print_setup(corrections, shown, options, landscape=False)
        extra.append(corrections)
    metadata = Metadata(
        generator_version=__version__, rubric_id=rubric.id, rubric_version=rubric.version,
        rubric_sha256=rubric_sha256(rubric), lang=options.lang, vars=shown.vars, rubric_json=canonical_json(rubric),
        unit_id=options.unit_id, roster_sha256=options.roster_sha256,
    )
    meta = wb.add_worksheet(layout.meta_sheet)
    write_metadata(meta, metadata)
    protect([cover, guide, *section_sheets, summary, *extra, meta], layout, options.password, passwords)
    cover.activate()
    _define_names(wb, layout)
    wb.close()


def pass_passwords(options: GenerateOptions) -> dict[str, str]:
    """pass → its editing password; per-pass passwords mean nothing while the sheet itself can be unprotected."""
    given = {p: v for p, v in (("self_check", options.self_password), ("assessed", options.assess_password)) if v}
    if given and not options.password:
        raise ValueError("per-pass passwords need a sheet password (--password)")
    return given


def _print_setup(ws, rubric: Rubric, options: GenerateOptions, *, landscape: bool) -> None:  # type: ignore[no-untyped-def]
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
        ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    unit = options.unit or "________"
    head_title = rubric.title.replace("&", "&&")
    ws.set_header(text("header", options.lang, title=head_title, unit=unit.replace("&", "&&")))
    ws.set_footer(text("footer", options.lang))


#: Names XlsxWriter's ``define_name`` accepts unchecked: ASCII letters, digits and ``_``, neither
#: cell-like nor R1C1-like (the ``_`` after ``XS``), under Excel's 255 characters.
_PLAIN_NAME = re.compile(r"XS_[A-Za-z0-9_]{1,250}")


def _define_names(wb: xlsxwriter.Workbook, layout: Layout) -> None:
    """A hidden workbook-level name on every input and computed cell (Name Manager stays usable).

    A plain slot name is added as ``define_name`` would add it, without its five regular
    expressions per name (a form has a thousand names); any other goes through ``define_name``.
    """
    for slot in sorted(layout.slots.values(), key=lambda s: s.name):
        formula = "=" + sheet_ref(slot.sheet, slot.row, slot.col)
        if _PLAIN_NAME.fullmatch(slot.name):
            wb.defined_names.append([slot.name, -1, formula.lstrip("="), False])
        elif wb.define_name(slot.name, formula) != 0:
            raise ValueError(f"cannot define name {slot.name}")
        wb.defined_names[-1][3] = True  # hidden

