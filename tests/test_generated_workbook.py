"""The generated workbook read back with openpyxl: what SPEC §3 promises, cell by cell.

Every expectation about *where* comes from the layout (the one cell map); every expectation about
*what* (headers, validation types, print setup) is written here from the SPEC.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xlscore.cells import col_to_letters, rowcol_to_cell
from xlscore.cli import main
from support.excel_safety import defined_name_problem
from xlscore.generate import GenerateOptions, generate_workbook, workbook_layout
from xlscore.form.sizing import LINE_HEIGHT, lines_needed
from xlscore.form.layout import (
    HEADER_ROW,
    PASS_KEYS,
    SCORE_COL,
    SUMMARY_COL,
    GroupBlock,
    Layout,
    Slot,
    SlotKind,
)
from xlscore.form.metadata import Metadata
from xlscore.rubric import load_rubric, rubric_from_json, rubric_sha256
from xlscore.rubric.model import Item, Rubric
from xlscore.rules import InputKind

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "examples" / "small-rubric.yaml"
UNIT = "国网某供电公司客户服务中心"
PERIOD = "2024年第一季度"
HEADERS_ZH = ["序号", "项目", "考核内容", "标准分", "评分规定", "扣分标准", "自查录入", "自查扣分", "自查分",
              "考评录入", "考评扣分", "考评分", "自查说明", "考评说明"]
HEADERS_EN = ["No.", "Item", "What is assessed", "Points", "Scoring rules", "Deduction rule", "Self-check input",
              "Self-check deduction", "Self-check score", "Assessor input", "Assessor deduction", "Assessor score",
              "Self-check remark", "Assessor remark"]
CJK = re.compile(r"[\u4e00-\u9fff]")
TEXT_KINDS = (SlotKind.REMARK, SlotKind.REASON, SlotKind.COVER)


@dataclass
class Generated:
    rubric: Rubric
    layout: Layout
    path: Path
    wb: Workbook

    def cell(self, slot: Slot):  # type: ignore[no-untyped-def]
        return self.wb[slot.sheet].cell(slot.row, slot.col)

    def item(self, slot: Slot) -> Item:
        return next(b.item for s, b in self.layout.blocks() if s.section.id == slot.section and b.item.no == slot.item)


def _generate(tmp: Path, rubric_file: Path | None) -> Generated:
    rubric = load_rubric(rubric_file)
    options = GenerateOptions(unit=UNIT, period=PERIOD)
    path = generate_workbook(rubric, tmp / "book.xlsx", options)
    return Generated(rubric, workbook_layout(rubric, options), path, openpyxl.load_workbook(path))


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return _generate(tmp_path_factory.mktemp("shipped"), None)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return _generate(tmp_path_factory.mktemp("small"), SMALL)


@pytest.fixture(params=["shipped", "small"])
def book(request: pytest.FixtureRequest) -> Generated:
    return request.getfixturevalue(request.param)


def _validations(ws: Worksheet) -> dict[str, DataValidation]:
    """Cell address → the validation covering it."""
    out: dict[str, DataValidation] = {}
    for dv in ws.data_validations.dataValidation:
        for cell_range in dv.sqref.ranges:
            for row in range(cell_range.min_row, cell_range.max_row + 1):
                for col in range(cell_range.min_col, cell_range.max_col + 1):
                    out[rowcol_to_cell(row, col)] = dv
    return out


# --- sheets and the table ------------------------------------------------------------------------
def test_sheet_order(book: Generated) -> None:
    lay = book.layout
    corrections = [lay.corrections_sheet] if book.rubric.corrections else []
    assert book.wb.sheetnames == [lay.cover_sheet, lay.guide_sheet, *(s.name for s in lay.sheets), lay.summary_sheet,
                                  *corrections, lay.meta_sheet]
    assert book.wb.sheetnames[:2] == ["封面", "说明"] and lay.summary_sheet == "汇总"


def test_headers_in_spec_order_on_row_3(book: Generated) -> None:
    for sheet in book.layout.sheets:
        ws = book.wb[sheet.name]
        assert [ws.cell(HEADER_ROW, c).value for c in range(1, 15)] == HEADERS_ZH
        assert HEADER_ROW == 3


def test_every_serial_is_in_column_a_of_its_sheet(book: Generated) -> None:
    for sheet in book.layout.sheets:
        ws = book.wb[sheet.name]
        column_a = {ws.cell(r, 1).value for r in range(1, sheet.total_row + 1)}
        for entry in sheet.section.items:
            assert entry.no in column_a, f"{sheet.name}: 序号 {entry.no} missing"
            for item in getattr(entry, "items", []):
                assert item.no in column_a, f"{sheet.name}: 序号 {item.no} missing"
        for block in sheet.item_blocks():
            assert ws.cell(block.first_row, 1).value == block.item.no


def test_shipped_rubric_serials_all_present(shipped: Generated) -> None:
    shown = {shipped.wb[s.name].cell(b.first_row, 1).value for s, b in shipped.layout.blocks()}
    assert shown == {item.no for _, item in shipped.rubric.all_items()}
    assert len(shipped.rubric.all_items()) == 42


# --- inputs and their validations ----------------------------------------------------------------
def test_input_slots_are_unlocked(book: Generated) -> None:
    inputs = [s for s in book.layout.slots.values() if s.kind.is_input]
    assert inputs
    for slot in inputs:
        assert book.cell(slot).protection.locked is False, slot.name


def test_input_slots_have_validation_with_chinese_prompt(book: Generated) -> None:
    by_sheet: dict[str, dict[str, DataValidation]] = {}
    for slot in (s for s in book.layout.slots.values() if s.kind.is_input):
        dvs = by_sheet.setdefault(slot.sheet, _validations(book.wb[slot.sheet]))
        dv = dvs.get(slot.cell)
        assert dv is not None, f"{slot.name} ({slot.sheet}!{slot.cell}) has no validation"
        assert dv.prompt and CJK.search(dv.prompt), slot.name
        assert dv.promptTitle and dv.showInputMessage, slot.name
        if slot.kind in TEXT_KINDS:
            assert dv.type in (None, "any"), slot.name
        else:
            _assert_typed(book, slot, dv)


def _assert_typed(book: Generated, slot: Slot, dv: DataValidation) -> None:
    item = book.item(slot)
    assert dv.error and CJK.search(dv.error), slot.name
    if slot.kind is SlotKind.EXEMPT:
        assert (dv.type, dv.formula1) == ("list", '"是,否"'), slot.name
        return
    if slot.kind is SlotKind.SAMPLE:
        sample = item.rules[slot.rule].sample if slot.rule is not None else item.sample
        assert sample is not None
        assert (dv.type, dv.errorStyle, dv.formula1) == ("whole", "warning", str(sample.min)), slot.name
        assert dv.operator in (None, "between")  # between minimum and a generous maximum
        return
    spec = item.rules[slot.rule or 0].input_spec(item.context())
    if spec.kind is InputKind.YES_NO:
        assert (dv.type, dv.formula1) == ("list", '"是,否"'), slot.name
    elif spec.kind is InputKind.WHOLE:
        assert dv.type == "whole" and dv.operator in (None, "between"), slot.name
        assert (Decimal(dv.formula1), Decimal(dv.formula2)) == (spec.minimum, spec.maximum), slot.name
    elif spec.kind is InputKind.SCORE:
        assert dv.type == "decimal" and dv.operator in (None, "between"), slot.name
        assert (Decimal(dv.formula1), Decimal(dv.formula2)) == (0, item.score), slot.name
    elif spec.unit == "%":
        assert dv.type == "decimal" and dv.operator in (None, "between"), slot.name
        assert (Decimal(dv.formula1), Decimal(dv.formula2)) == (0, 100), slot.name
    else:  # a measured value in its own unit (seconds): not negative
        assert (dv.type, dv.operator, Decimal(dv.formula1)) == ("decimal", "greaterThanOrEqual", 0), slot.name
    assert dv.errorStyle in (None, "stop"), slot.name


def test_every_rule_kind_and_input_kind_is_exercised(small: Generated) -> None:
    kinds = {rule.type for _, item in small.rubric.all_items() for rule in item.rules}  # type: ignore[attr-defined]
    assert kinds == {"per_occurrence", "per_missing", "once", "zero_out", "below_target", "threshold_zero_out", "manual"}
    slot_kinds = {s.kind for s in small.layout.slots.values()}
    assert {SlotKind.SAMPLE, SlotKind.EXEMPT, SlotKind.REASON, SlotKind.REMARK, SlotKind.COVER} <= slot_kinds


# --- computed cells ------------------------------------------------------------------------------
def test_computed_slots_are_locked_formulas(book: Generated) -> None:
    computed = [s for s in book.layout.slots.values() if s.kind.is_computed]
    assert computed
    for slot in computed:
        cell = book.cell(slot)
        assert cell.protection.locked is True, slot.name
        assert isinstance(cell.value, str) and cell.value.startswith("="), f"{slot.name}: {cell.value!r}"


def test_summary_refers_to_each_section_total(book: Generated) -> None:
    lay = book.layout
    ws = book.wb[lay.summary_sheet]
    for sheet in lay.sheets:
        row = lay.summary_rows[sheet.section.id]
        for p in PASS_KEYS:
            total = lay.slot(SlotKind.SECTION_TOTAL, section=sheet.section.id, pass_key=p)
            assert (total.sheet, total.row, total.col) == (sheet.name, sheet.total_row, SCORE_COL[p])
            expected = f"='{sheet.name}'!${col_to_letters(total.col)}${total.row}"
            assert ws.cell(row, SUMMARY_COL[p]).value == expected
    grand = lay.summary_rows[""]
    first, last = min(lay.summary_rows[s.section.id] for s in lay.sheets), grand - 1
    for p in PASS_KEYS:
        letter = col_to_letters(SUMMARY_COL[p])
        span = f"{letter}{first}:{letter}{last}"  # shows nothing until a section has a score
        assert ws.cell(grand, SUMMARY_COL[p]).value == f'=IF(COUNT({span})=0,"",SUM({span}))'


def test_section_total_sums_every_top_level_entry(book: Generated) -> None:
    for sheet in book.layout.sheets:
        ws = book.wb[sheet.name]
        for p in PASS_KEYS:
            letter = col_to_letters(SCORE_COL[p])
            formula = ws.cell(sheet.total_row, SCORE_COL[p]).value
            rows = ",".join(f"{letter}{e.subtotal_row if isinstance(e, GroupBlock) else e.first_row}" for e in sheet.entries)
            assert formula == f'=IF(COUNT({rows})=0,"",SUM({rows}))'


# --- defined names -------------------------------------------------------------------------------
def test_every_slot_has_its_hidden_legal_name(book: Generated) -> None:
    names = book.wb.defined_names
    for slot in book.layout.slots.values():
        defined = names.get(slot.name)
        assert defined is not None, slot.name
        assert defined.hidden is True, slot.name
        assert defined_name_problem(slot.name) is None, slot.name
        assert list(defined.destinations) == [(slot.sheet, f"${col_to_letters(slot.col)}${slot.row}")], slot.name


def test_defined_names_are_unique_in_the_package(book: Generated) -> None:
    with zipfile.ZipFile(book.path) as package:
        xml = package.read("xl/workbook.xml").decode("utf-8")
    names = re.findall(r'<definedName name="(XS_[^"]+)"', xml)
    assert len(names) == len({n.lower() for n in names}) == len(book.layout.slots)


# --- protection, print setup, panes --------------------------------------------------------------
def test_every_sheet_is_protected_without_password_by_default(book: Generated) -> None:
    for ws in book.wb.worksheets:
        assert ws.protection.sheet is True, ws.title
        assert not ws.protection.password, ws.title


def test_section_sheets_print_setup(book: Generated) -> None:
    for sheet in book.layout.sheets:
        ws = book.wb[sheet.name]
        setup = ws.page_setup
        assert int(setup.paperSize) == 9 and setup.orientation == "landscape", ws.title
        # A fixed scale, not fit-to-page: Excel ignores manual page breaks under fit-to-page.
        assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
        assert 40 <= int(setup.scale) < 100
        assert ws.print_title_rows == "$1:$3"
        heads = [part.text or "" for hf in (ws.oddHeader, ws.oddFooter) for part in (hf.left, hf.center, hf.right)]
        assert any("&P" in h for h in heads), heads
        assert any(UNIT in h for h in heads), heads
        assert ws.freeze_panes == "C4"  # 序号 and 项目 stay in view


def test_page_breaks_never_fall_inside_an_item(book: Generated) -> None:
    for sheet in book.layout.sheets:
        breaks = {brk.id for brk in book.wb[sheet.name].row_breaks.brk}  # the last row above each break (1-based)
        for block in sheet.item_blocks():
            inside = set(range(block.first_row, block.last_row))
            assert not breaks & inside, f"{sheet.name} {block.item.no}: break after row {sorted(breaks & inside)}"


def test_long_sections_have_page_breaks(shipped: Generated) -> None:
    first = shipped.layout.sheets[0]
    assert len(shipped.wb[first.name].row_breaks.brk) >= 3, "section 1 prints on several pages"


def test_other_sheets_print_portrait_a4_with_page_numbers(book: Generated) -> None:
    lay = book.layout
    for name in (lay.cover_sheet, lay.guide_sheet, lay.summary_sheet):
        ws = book.wb[name]
        assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "portrait", name
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True, name
        assert "&P" in (ws.oddFooter.center.text or ""), name


def test_guide_rows_are_tall_enough_for_their_wrapped_text(book: Generated) -> None:
    ws = book.wb[book.layout.guide_sheet]
    width = ws.column_dimensions["A"].width
    for row in range(2, ws.max_row + 1):
        line = ws.cell(row, 1).value or ""
        needed = lines_needed(line, width)
        if needed > 1:
            assert ws.row_dimensions[row].height >= needed * LINE_HEIGHT, f"说明 row {row}: {line[:30]}"


def test_cover_carries_unit_and_period(book: Generated) -> None:
    lay = book.layout
    assert book.cell(lay.slot(SlotKind.COVER, cover_field="UNIT")).value == UNIT
    assert book.cell(lay.slot(SlotKind.COVER, cover_field="PERIOD")).value == PERIOD


# --- metadata ------------------------------------------------------------------------------------
def _metadata(wb: Workbook, sheet: str) -> Metadata:
    ws = wb[sheet]
    return Metadata.from_rows({k: v for k, v in ws.iter_rows(max_col=2, values_only=True) if k})


def test_metadata_sheet(book: Generated) -> None:
    ws = book.wb[book.layout.meta_sheet]
    assert ws.sheet_state == "veryHidden"
    meta = _metadata(book.wb, book.layout.meta_sheet)
    assert (meta.rubric_id, meta.rubric_version) == (book.rubric.id, book.rubric.version)
    assert meta.rubric_sha256 == rubric_sha256(book.rubric)
    assert rubric_from_json(meta.rubric_json) == book.rubric


def test_metadata_hash_is_the_shipped_rubric_hash(shipped: Generated) -> None:
    meta = _metadata(shipped.wb, shipped.layout.meta_sheet)
    assert meta.rubric_sha256 == rubric_sha256(load_rubric())
    assert rubric_from_json(meta.rubric_json) == load_rubric()


# --- language ------------------------------------------------------------------------------------
def test_english_headers(tmp_path: Path) -> None:
    rubric = load_rubric()
    options = GenerateOptions(lang="en")
    wb = openpyxl.load_workbook(generate_workbook(rubric, tmp_path / "en.xlsx", options))
    layout = workbook_layout(rubric, options)
    assert wb.sheetnames[:2] == ["Cover", "Guide"]
    for sheet in layout.sheets:
        assert [wb[sheet.name].cell(HEADER_ROW, c).value for c in range(1, 15)] == HEADERS_EN


# --- the command line ----------------------------------------------------------------------------
def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["generate", *args])


def test_generation_is_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "sub" / "b.xlsx"
    second.parent.mkdir()
    for out in (first, second):
        result = _run("-o", str(out), "--unit", UNIT, "--period", PERIOD)
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()


def _visible_text(wb: Workbook) -> str:
    """Sheet names and every string cell of the sheets people see (not the metadata's embedded rubric)."""
    parts = list(wb.sheetnames)
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            parts += [v for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    return "\n".join(parts)


def test_var_changes_the_text_not_the_hash(tmp_path: Path) -> None:
    default, hotline = tmp_path / "default.xlsx", tmp_path / "hotline.xlsx"
    assert _run("-o", str(default)).exit_code == 0
    result = _run("-o", str(hotline), "--var", "hotline=95598")
    assert result.exit_code == 0, result.output
    assert "AAAAA" in _visible_text(openpyxl.load_workbook(default))
    wb = openpyxl.load_workbook(hotline)
    shown = _visible_text(wb)
    assert "AAAAA" not in shown and "95598" in shown
    assert wb.sheetnames[2] == "1 客户服务中心95598"
    assert "95598" in wb.worksheets[2]["A1"].value
    meta = _metadata(wb, "_xlscore")
    assert meta.rubric_sha256 == rubric_sha256(load_rubric())
    assert meta.vars == {"hotline": "95598"}


def test_password_protects_every_sheet(tmp_path: Path) -> None:
    out = tmp_path / "locked.xlsx"
    assert _run("-o", str(out), "--password", "s3cret").exit_code == 0
    for ws in openpyxl.load_workbook(out).worksheets:
        assert ws.protection.sheet is True and ws.protection.password, ws.title


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "exists.xlsx"
    out.write_bytes(b"keep me")
    result = _run("-o", str(out))
    assert result.exit_code == 2
    assert "--force" in result.output and str(out) in result.output
    assert out.read_bytes() == b"keep me"
    assert _run("-o", str(out), "--force").exit_code == 0
    assert zipfile.is_zipfile(out)


@pytest.mark.parametrize("var", ["nosuchvar=1", "hotline", "=95598"])
def test_bad_var_writes_nothing(tmp_path: Path, var: str) -> None:
    out = tmp_path / "out.xlsx"
    result = _run("-o", str(out), "--var", var)
    assert result.exit_code == 2
    assert "hotline" in result.output or "KEY=VALUE" in result.output or "名称=值" in result.output
    assert list(tmp_path.iterdir()) == []



# --- per-pass editing rights and the workbook structure ---------------------------------------------
def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_workbook_structure_is_locked(book: Generated) -> None:
    assert '<workbookProtection lockStructure="1"/>' in _part(book.path, "xl/workbook.xml")
    assert book.wb.security is not None and book.wb.security.lockStructure


def test_pass_passwords_open_each_pass_own_columns(tmp_path: Path) -> None:
    from xlscore.generate.protection import pass_ranges

    rubric = load_rubric()
    options = GenerateOptions(password="sheet", self_password="unit", assess_password="team")
    path = generate_workbook(rubric, tmp_path / "pw.xlsx", options)
    layout = workbook_layout(rubric, options)
    wb = openpyxl.load_workbook(path)
    sheet = layout.sheets[0]
    xml = _part(path, "xl/worksheets/sheet3.xml")  # the first section sheet
    ranges = re.findall(r'<protectedRange password="([0-9A-F]{4})" sqref="([^"]+)" name="([^"]+)"/>', xml)
    assert [(sqref, title) for _hash, sqref, title in ranges] == [
        (" ".join(pass_ranges(layout)["self_check"][sheet.name]), "自查"),
        (" ".join(pass_ranges(layout)["assessed"][sheet.name]), "考评"),
    ]
    assert ranges[0][0] != ranges[1][0], "each pass has its own password"
    ws = wb[sheet.name]
    assert ws.protection.sheet and ws.protection.password
    for p in PASS_KEYS:
        for slot in layout.slots.values():
            if slot.sheet == sheet.name and slot.pass_key == p and slot.kind.is_input:
                cell = ws.cell(slot.row, slot.col)
                assert cell.protection.locked, f"{slot.name} opens only through its range"
                column = f"{col_to_letters(slot.col)}{HEADER_ROW + 1}:"
                assert any(part.startswith(column) for part in pass_ranges(layout)[p][sheet.name]), slot.name
    cover = _part(path, "xl/worksheets/sheet1.xml")
    assert 'sqref="C10 C12" name="自查"' in cover and 'sqref="C14 C16" name="考评"' in cover


def test_pass_passwords_without_sheet_password_are_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "-o", str(tmp_path / "x.xlsx"), "--self-password", "a"])
    assert result.exit_code == 2 and "--password" in result.output
    assert not (tmp_path / "x.xlsx").exists()
