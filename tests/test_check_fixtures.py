"""The checker on the fixture corpus (``tests/fixtures``, built by ``build_fixtures.py`` through LibreOffice).

Each case states by hand, from what was done to the workbook, the exact set of ``(sheet, cell,
code)`` the report must hold: the finding itself and every consequence a wrong number has (an item
score wrong → its subtotal, the section total and the 汇总 cells show wrong numbers too). Cells are
named by their defined names in the generated layout, with explicit row shifts where rows were
inserted or deleted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from xlscore.check import codes
from xlscore.check.checker import CheckOptions, check_file
from xlscore.check.computed import BECAUSE, FIX
from xlscore.check.findings import Report
from xlscore.cli import main
from xlscore.generate import GenerateOptions, workbook_layout
from xlscore.rubric import load_rubric

from test_reader_check import PRODUCED as STORAGE_CODES

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED = Path(__file__).parent.parent / "templates" / "csc.yaml"
LAYOUT = workbook_layout(load_rubric(), GenerateOptions())
S1, S2 = (sheet.name for sheet in LAYOUT.sheets)
COVER, SUMMARY = LAYOUT.cover_sheet, LAYOUT.summary_sheet

#: (sheet, cell — or the pass for a finding without a cell —, code, caused_by: the root finding's id or None)
Key = tuple[str | None, str | None, str, str | None]
META = LAYOUT.meta_sheet


def cell(name: str, shift: int = 0) -> tuple[str, str]:
    """(sheet, A1) of a defined name of the generated form, ``shift`` rows lower (rows inserted above it)."""
    slot = LAYOUT.slots[name]
    return slot.sheet, f"{slot.cell.rstrip('0123456789')}{slot.row + shift}"


def root(code: str, name: str, shift: int = 0) -> str:
    """The id of the root finding ``code`` at the cell of ``name`` (what its consequences carry as caused_by)."""
    sheet, where = cell(name, shift)
    return f"{code}@{sheet}!{where}"


def at(code: str, *names: str, shift: int = 0, by: str | None = None) -> set[Key]:
    """``code`` at each of the cells ``names``, each caused by the root ``by`` (None: a root itself)."""
    return {(*cell(name, shift), code, by) for name in names}


def whole(code: str, sheet: str | None = None, pass_key: str | None = None) -> set[Key]:
    """A finding about a sheet or the whole workbook (no cell)."""
    return {(sheet, pass_key, code, None)}


def summary(*passes: str, section: str = "1", diffs: bool = True, by: str | None = None) -> set[Key]:
    """What a wrong section total shows on 汇总: the section's and the grand total of each pass wrong
    (CALC005), and both differences when only one pass is wrong; all consequences of ``by``."""
    names = {f"XS_SUM_S{section}_{p}" for p in passes} | {f"XS_SUM_{p}" for p in passes}
    if diffs:
        names |= {f"XS_SUM_S{section}_DIFF", "XS_SUM_DIFF"}
    return at("CALC005", *names, by=by)


def cascade(root_id: str, *names: str, shift: int = 0) -> set[Key]:
    """The 小计 (CALC003), 合计 (CALC004) and 汇总 (CALC005) cells that follow from ``root_id`` on sheet 1."""
    kinds = {"SUBTOTAL": "CALC003", "TOTAL": "CALC004", "SCORE": "CALC002", "DED": "CALC001"}
    return {(*cell(n, shift), kinds[n.rsplit("_", 1)[1]], root_id) for n in names}


#: What every fixture shows because LibreOffice saved it last: the metadata sheet merely hidden and
#: the defined names no longer hidden, one warning per kind (a file saved by Excel keeps both).
SAVED = {(None, "names", "RUB005", None), (META, "meta_hidden", "RUB005", None)}
S1_1 = "XS_S1_I1_1_ASSESS_SCORE"
TYPED_1_1, TYPED_1_8, TYPED_1_9 = (root("CALC006", f"XS_S1_I1_{n}_ASSESS_SCORE") for n in (1, 8, 9))
TYPED_TOTAL = root("CALC006", "XS_S1_ASSESS_TOTAL")
TEXT_2_4 = root("IN003", "XS_S2_I2_4_R1_ASSESS_IN")
VALUE_7 = root("IN006", "XS_S1_I7_R1_ASSESS_IN")
CHANGED_1_6 = root("CALC012", "XS_S1_I1_6_R1_ASSESS_DED")
CHANGED_1_7 = root("CALC012", "XS_S1_I1_7_R1_ASSESS_DED")
STALE_1_1 = root("CALC007", "XS_S1_I1_1_R1_ASSESS_DED")
ERROR_1_4 = root("IN006", "XS_S1_I1_4_R1_M1_ASSESS_IN")
SHORT_G1 = root("CALC012", "XS_S1_G1_ASSESS_SUBTOTAL")
#: The row inserted inside 1.1 (between its clauses) sits where clause 2's row was; 4 typed in its 考评 扣分.
INSERTED = (LAYOUT.sheets[0].name, f"K{LAYOUT.slots['XS_S1_I1_1_R2_ASSESS_IN'].row}")
INSERTED_ROOT = f"CALC013@{INSERTED[0]}!{INSERTED[1]}"
UP_S1 = ("XS_S1_G1_ASSESS_SUBTOTAL", "XS_S1_ASSESS_TOTAL")

#: fixture → (expected findings, exit code)
CASES: dict[str, tuple[set[Key], int]] = {
    "clean": (SAVED, 0),
    "clean_xlsm.xlsm": (SAVED, 0),
    # 考评 section total of sheet 1 typed as 400 over its SUM: the 汇总 cells that add it up follow from it.
    "typed_total": (SAVED | at("CALC006", "XS_S1_ASSESS_TOTAL") | summary("ASSESS", by=TYPED_TOTAL), 1),
    # 考评 1.1 clause 1 counted 2 (score 11) but 13 typed over the score (reachable in steps of 2);
    # 1.9 counted 1 (score 6) but 7 typed (1.9 deducts in 4s: 7 is unreachable). Two roots; the
    # subtotal and everything above it follow from the first (1.1).
    "wrong_count_vs_typed_score": (
        SAVED | at("CALC006", S1_1, "XS_S1_I1_9_ASSESS_SCORE") | at("CALC010", "XS_S1_I1_9_ASSESS_SCORE", by=TYPED_1_9)
        | at("DIFF001", S1_1, "XS_S1_I1_9_ASSESS_SCORE") | cascade(TYPED_1_1, *UP_S1) | summary("ASSESS", by=TYPED_1_1),
        1,
    ),
    # The row of 1.1 clause 2 deleted: its names point at #REF!; the ranges shrank with it, which is not a change.
    "row_deleted": (SAVED | whole("STR002", S1), 1),
    # Two rows inserted inside 1.1 and one above 6.1: names and formulas moved, nothing to report.
    "row_inserted": (SAVED, 0),
    # Text where numbers belong: read as meant (IN003); −15 is also below 0 (IN004, refused: 6.15 is
    # not computable, nothing above it is compared). The formula of 2.4 cannot read "15分" and deducts
    # nothing, so its deduction, score and the totals above it follow from that input.
    "text_numbers": (
        SAVED | at("IN003", "XS_S1_I1_1_ASSESS_SAMPLE", "XS_S1_I1_2_R1_M1_ASSESS_IN", "XS_S1_I6_15_R1_ASSESS_IN",
                   "XS_S2_I2_4_R1_ASSESS_IN")
        | at("IN004", "XS_S1_I6_15_R1_ASSESS_IN")
        | at("CALC001", "XS_S2_I2_4_R1_ASSESS_DED", by=TEXT_2_4) | at("CALC002", "XS_S2_I2_4_ASSESS_SCORE", by=TEXT_2_4)
        | at("CALC004", "XS_S2_ASSESS_TOTAL", by=TEXT_2_4)
        | at("CALC005", "XS_SUM_S2_ASSESS", "XS_SUM_S2_DIFF", by=TEXT_2_4),  # the grand totals: not computable
        1,
    ),
    # ="a"+1 typed into the 考评 count of 7: #VALUE!, passed on by every formula above it (one root).
    "value_error": (
        SAVED | at("IN006", "XS_S1_I7_R1_ASSESS_IN")
        | at("CALC009", "XS_S1_I7_R1_ASSESS_DED", "XS_S1_I7_ASSESS_SCORE", "XS_S1_ASSESS_TOTAL", "XS_SUM_S1_ASSESS",
             "XS_SUM_ASSESS", by=VALUE_7),
        1,
    ),
    # 13 unanswered 工单 of a sample of 12, in both passes.
    "count_above_sample": (SAVED | at("IN007", "XS_S1_I1_10_R1_SELF_IN", "XS_S1_I1_10_R1_ASSESS_IN"), 1),
    "sample_below_minimum": (SAVED | at("IN008", "XS_S1_I1_1_ASSESS_SAMPLE"), 0),
    # 1.8's zero-out fired (考评) while 10 is typed over its score.
    "zero_out_typed_score": (
        SAVED | at("CALC006", "XS_S1_I1_8_ASSESS_SCORE") | at("DIFF001", "XS_S1_I1_8_ASSESS_SCORE")
        | cascade(TYPED_1_8, *UP_S1) | summary("ASSESS", by=TYPED_1_8),
        1,
    ),
    "exemption_without_reason": (SAVED | at("IN009", "XS_S1_I1_2_ASSESS_REASON"), 1),
    # 1.1: 标准分 15 → 20, its 评分规定 and clause 1's 扣分标准 reworded (the formulas are unchanged).
    "rubric_text_edited": (
        SAVED | at("STR004", "XS_S1_I1_1_STD") | at("STR005", "XS_S1_I1_1_TEXT", "XS_S1_I1_1_R1_CLAUSE"), 1,
    ),
    "metadata_removed": (whole("RUB001") | {(None, "names", "RUB005", None)}, 0),
    # Generated from csc 1.1 (1.1 clause 1: 3 points): checked against its embedded rubric.
    "other_version": (SAVED | whole("RUB003"), 0),
    # 考评 found more in 1.7 and 6.2 than 自查.
    "self_vs_assessed": (SAVED | at("DIFF001", "XS_S1_I1_7_ASSESS_SCORE", "XS_S1_I6_2_ASSESS_SCORE"), 0),
    # Every defined name removed: cells found by 序号 on each sheet that had names (STR001), and the
    # checks still work there: the 考评说明 of 1.7 clause 2 is missing.
    "names_removed": (
        {(META, "meta_hidden", "RUB005", None)} | whole("STR001", COVER) | whole("STR001", S1) | whole("STR001", S2)
        | whole("STR001", SUMMARY) | at("REM001", "XS_S1_I1_7_R2_ASSESS_REMARK"),
        0,
    ),
    # Names removed and 6.20 (the last item of group 6) deleted: the item is missing (once); the
    # subtotal's range shrank with the row, which is not a changed formula.
    "item_missing": (
        {(META, "meta_hidden", "RUB005", None)} | whole("STR001", COVER) | whole("STR001", S1) | whole("STR001", S2)
        | whole("STR001", SUMMARY) | whole("STR003", S1),
        1,
    ),
    # 1.6 clause 1 (考评) computes 3* instead of 2*: one root (the changed formula, both shown) and its cascade.
    "formula_changed": (
        SAVED | at("CALC012", "XS_S1_I1_6_R1_ASSESS_DED") | cascade(CHANGED_1_6, "XS_S1_I1_6_ASSESS_SCORE", *UP_S1)
        | summary("ASSESS", by=CHANGED_1_6),
        1,
    ),
    # The 考评 count of 1.1 clause 1 changed 1 → 3 without recalculating: the deduction's saved value
    # is stale (a warning); the cells adding it up follow from it.
    "stale_cache": (
        SAVED | at("CALC007", "XS_S1_I1_1_R1_ASSESS_DED") | at("DIFF001", S1_1)
        | cascade(STALE_1_1, S1_1, *UP_S1) | summary("ASSESS", by=STALE_1_1),
        0,
    ),
    # =1/0 over the deduction of 1.7 clause 1 (考评): the changed formula is the root; #DIV/0! in every
    # cell adding it up, and the 汇总 differences show nothing.
    "error_in_formula": (
        SAVED | at("CALC012", "XS_S1_I1_7_R1_ASSESS_DED")
        | at("CALC009", "XS_S1_I1_7_ASSESS_SCORE", *UP_S1, "XS_SUM_S1_ASSESS", "XS_SUM_ASSESS", by=CHANGED_1_7)
        | at("CALC005", "XS_SUM_S1_DIFF", "XS_SUM_DIFF", by=CHANGED_1_7),
        1,
    ),
    "not_yes_no": (SAVED | at("IN005", "XS_S1_I8_R1_ASSESS_IN"), 1),
    # -1 past the validation: refused; what depends on it is not computable, so nothing is compared.
    "negative_count": (SAVED | at("IN004", "XS_S1_I6_20_R1_ASSESS_IN"), 1),
    # 2.4 (manual, 20 points) scored 25 in both passes: refused, no 应为 for the cells above it.
    "manual_score_above_standard": (SAVED | at("IN004", "XS_S2_I2_4_R1_SELF_IN", "XS_S2_I2_4_R1_ASSESS_IN"), 1),
    # A blank 考评 pass: 未填写, once, an error (no total, no rank).
    "pass_not_filled": (SAVED | whole("IN010", pass_key="assessed"), 1),
    "metadata_altered": (SAVED | whole("RUB004"), 1),
    # The text =HYPERLINK(…) typed into the 考评 count of 6.11: not a number (and never run as a formula).
    "hyperlink_text": (SAVED | at("IN002", "XS_S1_I6_11_R1_ASSESS_IN"), 1),
    # Two blanks in a filled 考评 pass: one error per item, the pass is incomplete.
    "input_blank": (SAVED | at("IN001", "XS_S1_I1_6_ASSESS_SAMPLE", "XS_S1_I6_3_R1_ASSESS_IN"), 1),
    "remark_missing": (SAVED | at("REM001", "XS_S1_I4_R2_ASSESS_REMARK"), 0),
    # Nothing entered at all: both passes 未填写, the unit name (error) and the other cover fields (warnings).
    "blank_form": (
        SAVED | whole("IN010", pass_key="self_check") | whole("IN010", pass_key="assessed")
        | at("COV001", "XS_COVER_UNIT") | at("COV002", "XS_COVER_PERIOD", "XS_COVER_SELF_BY", "XS_COVER_SELF_DATE"),
        1,
    ),
    "cover_unit_blank": (SAVED | at("COV001", "XS_COVER_UNIT"), 1),
    # 自查 left 1.1 clause 1 and all of 1.3 blank: one error per item; no DIFF001 for an unfinished item.
    "partly_filled": (SAVED | at("IN001", "XS_S1_I1_1_R1_SELF_IN", "XS_S1_I1_3_SELF_SAMPLE"), 1),
    # One refused input per rule kind in 考评; the error value of 1.4 is passed on by the formulas above it.
    "refused_inputs": (
        SAVED | at("IN002", "XS_S1_I1_1_R1_ASSESS_IN") | at("IN004", "XS_S1_I1_3_R1_ASSESS_IN", "XS_S1_I3_R1_ASSESS_IN")
        | at("IN004", "XS_S2_I2_4_R1_ASSESS_IN") | at("IN005", "XS_S1_I6_5_R2_ASSESS_IN")
        | at("IN012", "XS_S1_I1_8_R2_ASSESS_IN") | at("IN006", "XS_S1_I1_4_R1_M1_ASSESS_IN")
        | at("CALC009", "XS_S1_I1_4_R1_M1_ASSESS_DED", "XS_S1_I1_4_ASSESS_SCORE", *UP_S1, "XS_SUM_S1_ASSESS",
             "XS_SUM_ASSESS", by=ERROR_1_4),
        1,
    ),
    # Group 1's 考评 subtotal sums one item fewer: the changed formula (both shown) and what adds it up.
    "sum_shortened": (
        SAVED | at("CALC012", "XS_S1_G1_ASSESS_SUBTOTAL") | cascade(SHORT_G1, "XS_S1_ASSESS_TOTAL")
        | summary("ASSESS", by=SHORT_G1),
        1,
    ),
    # 1.6 clause 1's 考评 deduction reads clause 2's input (the row below): a changed formula, not F9.
    "wrong_row_reference": (
        SAVED | at("CALC012", "XS_S1_I1_6_R1_ASSESS_DED") | at("DIFF001", "XS_S1_I1_6_ASSESS_SCORE")
        | cascade(CHANGED_1_6, "XS_S1_I1_6_ASSESS_SCORE", *UP_S1) | summary("ASSESS", by=CHANGED_1_6),
        1,
    ),
    # A row inserted inside 1.1 with 4 typed in its 扣分: caught by the score's range; found at that row.
    "inserted_row_deduction": (
        SAVED | {(*INSERTED, "CALC013", None)} | at("CALC002", S1_1, by=INSERTED_ROOT)
        | cascade(INSERTED_ROOT, *UP_S1, shift=1) | summary("ASSESS", by=INSERTED_ROOT),
        1,
    ),
    # Saved again by openpyxl (no cached results): one finding for the file; 1.1 counted 3 in 考评.
    "openpyxl_saved": (SAVED | whole("CALC011") | at("DIFF001", S1_1), 0),
    # 1.1 clause 2's deduction without the blank guard (as an older form wrote it): changed, but its value is right.
    "formula_harmless": (SAVED | at("CALC008", "XS_S1_I1_1_R2_ASSESS_DED"), 0),
    # Recalculated and saved by Gnumeric: SUM(H39) for SUM(H39:H39) is the same formula; what the save
    # dropped is one warning per kind, never an error about the scores.
    "gnumeric_saved": (
        {(None, kind, "RUB005", None) for kind in ("names", "titles", "area")} | {(META, "meta_visible", "RUB005", None)},
        0,
    ),
}

#: --rubric templates/csc.yaml on the csc 1.1 workbook: the rubric differs (RUB002) and is applied:
#: 1.1's texts differ, clause 1's formula (3*) is changed in both passes, and every total above it follows.
SELF_ROOT, ASSESS_ROOT = (root("CALC012", f"XS_S1_I1_1_R1_{p}_DED") for p in ("SELF", "ASSESS"))
OTHER_VERSION_WITH_SHIPPED = (
    SAVED | whole("RUB002")
    | at("STR005", "XS_S1_I1_1_TEXT", "XS_S1_I1_1_R1_CLAUSE")
    | at("CALC012", "XS_S1_I1_1_R1_SELF_DED", "XS_S1_I1_1_R1_ASSESS_DED")
    | cascade(SELF_ROOT, "XS_S1_I1_1_SELF_SCORE", "XS_S1_G1_SELF_SUBTOTAL", "XS_S1_SELF_TOTAL")
    | cascade(ASSESS_ROOT, S1_1, *UP_S1)
    | summary("SELF", diffs=False, by=SELF_ROOT) | summary("ASSESS", diffs=False, by=ASSESS_ROOT)
)


#: partly_filled with --allow-blank: the blanks count as 0, said once for the file; the pass is complete.
ALLOW_BLANK = SAVED | whole("IN011") | at("DIFF001", S1_1)


def fixture(case: str) -> Path:
    return FIXTURES / (case if "." in case else f"{case}.xlsx")


def keys(report: Report) -> set[Key]:
    return {(f.sheet, f.cell or f.pass_key or (f.name if f.code == "RUB005" else None), f.code, f.caused_by)
            for f in report.findings}


def only(report: Report, code: str) -> list:  # type: ignore[type-arg]
    return [f for f in report.findings if f.code == code]


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {case: check_file(fixture(case)) for case in CASES}


def test_every_fixture_has_a_case() -> None:
    on_disk = {p.name for p in FIXTURES.iterdir() if p.suffix in (".xlsx", ".xlsm")}
    assert on_disk == {fixture(case).name for case in CASES}


def test_every_code_is_produced_by_some_fixture(reports: dict[str, Report]) -> None:
    produced = {code for expected, _ in CASES.values() for (_s, _c, code, _by) in expected}
    produced |= {code for (_s, _c, code, _by) in OTHER_VERSION_WITH_SHIPPED | ALLOW_BLANK}
    produced |= STORAGE_CODES  # formulas stored inconsistently: no program writes them, so no fixture has them
    assert produced == set(codes.CATALOGUE)


@pytest.mark.parametrize("case", list(CASES))
def test_fixture_findings(case: str, reports: dict[str, Report]) -> None:
    expected, exit_code = CASES[case]
    report = reports[case]
    assert report.unreadable is None
    assert keys(report) == expected
    assert len(report.findings) == len(expected), "one finding per (sheet, cell, code)"
    assert report.exit_code == exit_code
    ids = {f.id for f in report.findings}
    assert all(f.caused_by in ids for f in report.findings if f.caused_by), "every consequence names a root it has"


def test_consequences_follow_their_root(reports: dict[str, Report]) -> None:
    """Roots in reading order, each immediately followed by what follows from it."""
    for case, report in reports.items():
        current = None
        for finding in report.findings:
            if finding.caused_by is None:
                current = finding.id
            else:
                assert finding.caused_by == current, (case, finding)


def test_allow_blank_counts_blanks_as_zero_once() -> None:
    report = check_file(fixture("partly_filled"), CheckOptions(allow_blank=True))
    assert keys(report) == ALLOW_BLANK
    assert report.exit_code == 0
    assert report.passes["self_check"].final and report.passes["self_check"].blank_as_zero
    # 1.1 clause 1 blank counts as no deduction (自查 15 where 考评 deducted 2); 1.3 blank scores its 15
    assert report.totals["self_check"].grand == report.totals["assessed"].grand + 2 == 467


def test_unfinished_passes_have_no_totals(reports: dict[str, Report]) -> None:
    """Incomplete, blank or unreadable: no total that looks final, the reason instead."""
    for case, p in (("partly_filled", "self_check"), ("pass_not_filled", "assessed"), ("refused_inputs", "assessed")):
        report = reports[case]
        assert not report.passes[p].final and not report.complete
        assert report.totals[p].grand is None and report.totals[p].reasons[""], case
    assert reports["partly_filled"].passes["self_check"].label() == "未完成 2 项"
    assert reports["pass_not_filled"].passes["assessed"].label() == "未填写"
    assert "无法计算" in reports["refused_inputs"].totals["assessed"].reasons[""]
    assert reports["clean"].complete and reports["clean"].totals["assessed"].grand == 465


def test_other_version_against_the_shipped_rubric() -> None:
    report = check_file(fixture("other_version"), CheckOptions(rubric=load_rubric(SHIPPED), rubric_name=str(SHIPPED)))
    assert keys(report) == OTHER_VERSION_WITH_SHIPPED
    assert report.exit_code == 1
    assert report.rubric_version == "1.0"
    (rub,) = only(report, "RUB002")
    assert "1.1" in rub.message and "1.0" in rub.message


def test_clean_totals(reports: dict[str, Report]) -> None:
    """The clean fill: 400 − (2+2+1+2+2) on sheet 1, 80 − (4+2) on sheet 2, the same in both passes."""
    for p in ("self_check", "assessed"):
        assert reports["clean"].totals[p].sections == {"1": 391, "2": 74}
        assert reports["clean"].totals[p].grand == 465
        assert reports["clean"].shown_totals[p].grand == 465
    assert reports["row_inserted"].totals == reports["clean"].totals
    assert reports["row_inserted"].shown_totals == reports["clean"].shown_totals


# --- messages in full -----------------------------------------------------------------------------------
def test_typed_total_messages(reports: dict[str, Report]) -> None:
    typed, *_ = only(reports["typed_total"], "CALC006")
    sheet, where = cell("XS_S1_ASSESS_TOTAL")
    assert typed.message == codes.CALC006.make(
        "zh", expected="391", found="400", what="合计", sheet=sheet, cell=where, pass_key="assessed",
    ).message
    assert typed.message.startswith("考评:合计的公式被覆盖为手工录入的 400(按细则应为 391)")
    grand = next(f for f in only(reports["typed_total"], "CALC005") if (f.sheet, f.cell) == cell("XS_SUM_ASSESS"))
    total = "{}!{}".format(*cell("XS_S1_ASSESS_TOTAL"))
    assert grand.message == codes.CALC005.make(
        "zh", expected="465", found="474", what="汇总得分", because=BECAUSE["upstream"]["zh"].format(root=total),
        fix=FIX["upstream"]["zh"].format(root=total), pass_key="assessed",
    ).message
    assert grand.caused_by == typed.id
    assert (grand.expected, grand.found) == ("465", "474")


def test_upstream_explanation_of_consequences(reports: dict[str, Report]) -> None:
    """A total that is only wrong because what it adds up is wrong says so, at every level."""
    for case in ("wrong_count_vs_typed_score", "zero_out_typed_score", "formula_changed", "stale_cache", "text_numbers"):
        consequences = [f for f in reports[case].findings if f.code in ("CALC003", "CALC004", "CALC005")]
        assert consequences
        for finding in consequences:
            root = next(f for f in reports[case].findings if f.id == finding.caused_by)
            named = f"{root.sheet}!{root.cell}"
            assert BECAUSE["upstream"]["zh"].format(root=named) in finding.message, (case, finding)


def test_wrong_count_messages(reports: dict[str, Report]) -> None:
    report = reports["wrong_count_vs_typed_score"]
    (unreachable,) = only(report, "CALC010")
    assert unreachable.message == codes.CALC010.make("zh", found="7", reachable="10、6、2、0", serial="1.9",
                                                     pass_key="assessed").message
    difference = next(f for f in only(report, "DIFF001") if f.serial == "1.1")
    assert difference.message == "序号 1.1:自查分 13,考评分 11,相差 -2。"
    assert difference.pass_key is None
    subtotal = next(iter(only(report, "CALC003")))
    assert (subtotal.expected, subtotal.found) == ("90", "93")


def test_text_number_messages(reports: dict[str, Report]) -> None:
    report = reports["text_numbers"]
    by_cell = {(f.sheet, f.cell, f.code): f for f in report.findings}
    full_width = by_cell[(*cell("XS_S1_I1_1_ASSESS_SAMPLE"), "IN003")]
    assert full_width.message == "序号 1.1 考评:录入的“１５”按 15 读取(文字形式的数字);表中公式不认这种写法,请改为 15。"
    deduction = by_cell[(*cell("XS_S2_I2_4_R1_ASSESS_DED"), "CALC001")]
    assert deduction.message == codes.CALC001.make(
        "zh", expected="5", found="0", rule=1, because="(该条录入“15分”公式不认,表中按 0 计算)",
        fix=FIX["input"]["zh"], serial="2.4", pass_key="assessed",
    ).message


def test_hyperlink_text_is_reported_as_text() -> None:
    report = check_file(fixture("hyperlink_text"))
    (finding,) = only(report, "IN002")
    assert finding.found == '=HYPERLINK("http://x","y")'
    assert finding.message == codes.IN002.make("zh", found='=HYPERLINK("http://x","y")', hint="(0–999)",
                                               serial="6.11", pass_key="assessed").message


def test_structure_messages(reports: dict[str, Report]) -> None:
    (deleted,) = only(reports["row_deleted"], "STR002")
    assert deleted.serial == "1.1" and deleted.name is not None and deleted.name.startswith("XS_S1_I1_1_R2_")
    assert deleted.message == f"序号 1.1:第2条所在的行已被删除(名称 {deleted.name} 指向 #REF!),该项无法校验。请恢复原表中的这一行。"
    (missing,) = only(reports["item_missing"], "STR003")
    assert missing.serial == "6.20"
    assert missing.message == f"序号 6.20:在工作表 {S1} 中找不到该评分项,无法校验。请使用原表,不要删除评分项。"
    by_name = {f.sheet: f for f in only(reports["names_removed"], "STR001")}
    assert f"工作表 {S2} 中没有 xlscore 的定义名称" in by_name[S2].message


def test_pass_not_filled_names_the_pass(reports: dict[str, Report]) -> None:
    (finding,) = only(reports["pass_not_filled"], "IN010")
    assert finding.pass_key == "assessed"
    assert finding.message == codes.IN010.make("zh", pass_key="assessed").message


def test_english_messages() -> None:
    report = check_file(fixture("typed_total"), CheckOptions(lang="en"))
    typed = next(f for f in report.findings if f.code == "CALC006")
    assert typed.message == (
        "Assessment: the formula of the total was typed over with 400 (the rubric gives 391). It no longer "
        "recomputes; restore the formula from the original form and change the inputs instead."
    )
    for finding in report.findings:
        text = finding.message.replace("汇总", "").replace(S1, "").replace("_xlscore", "")
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in text), finding.message


# --- the command line ---------------------------------------------------------------------------------------
def test_cli_on_the_fixture_folder() -> None:
    result = CliRunner().invoke(main, ["check", "--no-copy", "--format", "json", str(FIXTURES)])
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    by_file = {Path(entry["file"]).name: entry["exit_code"] for entry in document["files"]}
    assert by_file == {fixture(case).name: exit_code for case, (_, exit_code) in CASES.items()}
    assert not list(FIXTURES.glob("*.checked.*"))


@pytest.mark.parametrize("case", ["clean", "metadata_removed", "typed_total", "other_version"])
def test_cli_exit_codes(case: str) -> None:
    result = CliRunner().invoke(main, ["check", "--no-copy", str(fixture(case))])
    assert result.exit_code == CASES[case][1], result.output
    assert "Traceback" not in result.output


def test_cli_in_english() -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "check", "--no-copy", str(fixture("typed_total"))])
    assert result.exit_code == 1, result.output
    assert "CALC006 Assessment: the formula of the total was typed over with 400" in result.output
    # one root (the typed total) counted; its 汇总 consequences are listed under it, not counted
    assert result.output.strip().endswith("1 error(s), 2 warning(s), 0 note(s); Self-check complete, Assessment complete")
    assert "\n    affects: summary E4/F4/E6/F6\n" in result.output


def test_cli_with_rubric_override() -> None:
    result = CliRunner().invoke(main, ["check", "--no-copy", "--rubric", str(SHIPPED), str(fixture("other_version"))])
    assert result.exit_code == 1, result.output
    assert "RUB002" in result.output


def test_cli_clean_file_exit_0() -> None:
    result = CliRunner().invoke(main, ["check", "--no-copy", str(fixture("clean"))])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 个错误,2 个警告,0 条提示;自查已完成,考评已完成")
