"""``range`` (扣1-3分, judged within bounds) and ``bonus`` (加2分/次,最多加5分): hand-worked cases at the edges."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from xlscore.check.checker import check_file
from xlscore.form.engine import item_score_formula, reachable_scores, score_item
from xlscore.generate import GenerateOptions, generate_workbook, workbook_layout
from xlscore.form.layout import SlotKind, slot_name
from xlscore.rubric import Item, load_rubric
from xlscore.rubric.canonical import plain
from xlscore.rubric.selfcheck import self_check
from xlscore.rubric.validate import validated
from xlscore.rules import Bonus, InputKind, InputProblem, ItemContext, RangeDeduction

D = Decimal
ALL_KINDS = Path(__file__).parent / "data" / "all-kinds.yaml"
RANGE = RangeDeduction(type="range", clause="视情况扣1～3分", min=D(1), max=D(3))
PER_PLACE = RangeDeduction(type="range", clause="每处扣0.5-1分", min=D("0.5"), max=D(1), unit="处")
BONUS = Bonus(type="bonus", clause="获省级表彰加2分/次,最多加5分", points=D(2), cap=D(5))
CTX = ItemContext(standard_score=D(10))


def item(*rules: dict[str, Any], score: str = "10") -> Item:
    return validated(Item, {"no": "4", "content": "内容", "score": score, "text": "规定", "rules": list(rules)})


# --- range ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("typed", "problem"), [
    (None, None), ("0", None), ("1", None), ("1.5", None), ("3", None),  # 0, the bounds, a half point
    ("0.5", InputProblem.OUTSIDE_RANGE), ("3.5", InputProblem.OUTSIDE_RANGE), ("-1", InputProblem.OUTSIDE_RANGE),
    ("1.3", InputProblem.NOT_HALF), ("2.25", InputProblem.NOT_HALF),
])
def test_range_input_is_zero_or_half_points_within_bounds(typed: str | None, problem: InputProblem | None) -> None:
    spec = RANGE.input_spec(CTX)
    assert (spec.kind, spec.minimum, spec.maximum) == (InputKind.JUDGED, D(1), D(3))
    assert spec.problem(None if typed is None else D(typed)) is problem


def test_range_deducts_what_was_typed_and_writes_it_so() -> None:
    assert [RANGE.deduction(v, CTX) for v in (None, D(0), D("2.5"))] == [D(0), D(0), D("2.5")]
    assert RANGE.formula("H7", CTX) == "IF(ISNUMBER(H7),H7,0)"
    assert RANGE.validation_formula("H7", CTX) == "AND(ISNUMBER(H7),OR(H7=0,AND(H7>=1,H7<=3,MOD(H7*2,1)=0)))"
    assert RANGE.possible_deductions(CTX) == [D(0), D(1), D("1.5"), D(2), D("2.5"), D(3)]
    assert (RANGE.describe("zh"), RANGE.describe("en")) == ("视情况扣1–3分", "1–3 points as judged")


def test_range_per_occurrence_takes_the_total_up_to_the_standard_score() -> None:
    spec = PER_PLACE.input_spec(CTX)
    assert (spec.minimum, spec.maximum) == (D("0.5"), D(10))  # 3 处 at 1 point: 3; any total up to 标准分 10
    assert spec.problem(D("3.5")) is None and spec.problem(D("10.5")) is InputProblem.OUTSIDE_RANGE
    assert PER_PLACE.possible_deductions(CTX) is None
    assert "各处扣分之和" in (PER_PLACE.guide_note("zh") or "")


def test_range_per_occurrence_with_a_cap_stops_the_total_there() -> None:
    capped = replace(PER_PLACE, cap=D(2))
    spec = capped.input_spec(CTX)
    assert (spec.minimum, spec.maximum) == (D("0.5"), D(2))
    assert spec.problem(D(2)) is None and spec.problem(D("2.5")) is InputProblem.OUTSIDE_RANGE
    assert capped.describe("zh") == "每处扣0.5–1分(录入合计),最多扣2分"
    assert "合计最多 2 分" in (capped.guide_note("zh") or "")
    assert list(capped.parameter_problems()) == []
    assert [k for k, _m, _v in replace(RANGE, cap=D(5)).parameter_problems()] == ["cap"]  # no unit


@pytest.mark.parametrize(("low", "high", "keys"), [("3", "1", {"min"}), ("0", "0", {"max"}), ("1.2", "3", {"min"})])
def test_range_self_checks(low: str, high: str, keys: set[str]) -> None:
    rule = RangeDeduction(type="range", clause="扣分", min=D(low), max=D(high))
    assert {key for key, _message, _values in rule.parameter_problems()} == keys


# --- bonus ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("count", "gained"), [(None, "0"), (0, "0"), (1, "2"), (2, "4"), (3, "5"), (40, "5")])
def test_bonus_adds_up_to_its_cap(count: int | None, gained: str) -> None:
    value = None if count is None else D(count)
    assert BONUS.deduction(value, CTX) == -D(gained)
    assert BONUS.formula("H7", CTX) == "IF(ISNUMBER(H7),-MIN(5,2*H7),0)"


@pytest.mark.parametrize(("late", "awards", "zeroed", "score"), [
    (D(0), D(0), False, "10"),  # nothing happened
    (D(1), D(1), False, "10"),  # 10 − 2 + 2: the bonus makes up the deduction
    (D(0), D(2), False, "14"),  # 10 + 2×2: above 标准分
    (D(0), D(9), False, "15"),  # 10 + 5 (the cap)
    (D(7), D(1), False, "2"),  # 10 − 14 stops at 0 (扣完为止), then + 2
    (D(0), D(1), True, "2"),  # 此项不得分 gives 0, the bonus is still added
])
def test_item_score_floors_deductions_then_adds_the_bonus(late: Decimal, awards: Decimal, zeroed: bool, score: str) -> None:
    scored = item({"type": "per_occurrence", "clause": "迟报扣2分/次", "points": 2},
                  {"type": "bonus", "clause": "获表彰加2分/次,最多加5分", "points": 2, "cap": 5},
                  {"type": "zero_out", "clause": "重大投诉此项不得分"})
    result = score_item(scored, {(0, 0): late, (1, 0): awards, (2, 0): zeroed})
    assert result.score == D(score)
    assert result.zeroed is zeroed


def test_item_formula_with_a_bonus_sums_deductions_and_bonus_apart() -> None:
    plain = item({"type": "per_occurrence", "clause": "迟报扣2分/次", "points": 2})
    with_bonus = item({"type": "per_occurrence", "clause": "迟报扣2分/次", "points": 2},
                      {"type": "bonus", "clause": "加1分/次,最多加1分", "points": 1, "cap": 1})
    assert item_score_formula(plain, "H5:H6", None, "full_score") == "MIN(10,MAX(0,10-SUM(H5:H6)))"
    assert item_score_formula(with_bonus, "H5:H6", None, "full_score") == (
        'MIN(10,MAX(0,10-SUMIF(H5:H6,">0")))-SUMIF(H5:H6,"<0")')
    assert reachable_scores(with_bonus) == {D(n) for n in range(0, 12, 2)} | {D(n) for n in range(1, 12, 2)}


def test_bonus_and_range_in_the_self_check_and_the_guide() -> None:
    rubric = load_rubric(ALL_KINDS)
    assert self_check(rubric) == []
    from xlscore.generate.sheets import guide_lines

    lines = guide_lines(rubric, "zh")
    heading = lines.index("酌情扣分与加分的录入方式:")
    assert lines[heading + 1].startswith("  4  服务不规范视情况扣1～3分:录入实际扣的分数")
    assert any("扣分栏以负数显示加分" in line for line in lines[heading:])


# --- the checker --------------------------------------------------------------------------------
def test_checker_reports_a_judged_deduction_outside_its_bounds(tmp_path: Path) -> None:
    rubric = load_rubric(ALL_KINDS)
    layout = workbook_layout(rubric, GenerateOptions())
    name = slot_name(SlotKind.INPUT, section="1", item="4", rule=0, pass_key="self_check")
    half = slot_name(SlotKind.INPUT, section="1", item="4", rule=0, pass_key="assessed")
    path = generate_workbook(rubric, tmp_path / "form.xlsx", GenerateOptions(inputs={name: 5, half: 1.3}))
    found = {(f.cell, f.code): f.message for f in check_file(path).findings if f.code == "IN004"}
    cell, other = layout.slots[name].cell, layout.slots[half].cell
    assert set(found) == {(cell, "IN004"), (other, "IN004")}
    assert "本条扣分应为 0(不扣分)或 1 至 3 分" in found[(cell, "IN004")]
    assert "整分或半分" in found[(other, "IN004")]


# --- the authoring workbook and the importer ------------------------------------------------
def test_all_kinds_survive_the_authoring_workbook(tmp_path: Path) -> None:
    """range and bonus rows: 类型, 最低扣分/最高扣分/单位 and 加分/单位/上限 written and read back unchanged."""
    import openpyxl
    import yaml

    from xlscore.rubric.authoring.columns import INDEX
    from xlscore.rubric.authoring.write import authoring_bytes
    from xlscore.rubric.yaml_text import RubricYamlLoader

    book = tmp_path / "all-kinds.xlsx"
    data = yaml.load(ALL_KINDS.read_text(encoding="utf-8"), Loader=RubricYamlLoader)  # noqa: S506 - a SafeLoader
    book.write_bytes(authoring_bytes(data))
    def judged_and_bonus(rubric) -> list:  # type: ignore[no-untyped-def, type-arg]
        return [(i.no, i.score, [plain(r) for r in i.rules]) for _s, i in rubric.all_items() if i.no in ("4", "5")]

    assert judged_and_bonus(load_rubric(book)) == judged_and_bonus(load_rubric(ALL_KINDS))
    rows = list(openpyxl.load_workbook(book)["细则"].iter_rows(values_only=True))
    bonus = next(r for r in rows if r[INDEX["clause"]] == "获省级表彰加2分/次,最多加5分")
    assert (bonus[INDEX["type"]], bonus[INDEX["bonus"]], bonus[INDEX["points"]], bonus[INDEX["cap"]]) == ("加分(有上限)", 2, None, 5)
    judged = next(r for r in rows if r[INDEX["clause"]] == "记录不全每处扣0.5-1分")
    assert (judged[INDEX["type"]], str(judged[INDEX["min"]]), judged[INDEX["max"]], judged[INDEX["unit"]],
            judged[INDEX["cap"]]) == ("范围内酌情扣分", "0.5", 1, "处", 2)


def test_imported_ranges_and_bonuses_become_their_kinds(tmp_path: Path) -> None:
    from tests.importer.office_tables import write_docx
    from xlscore.rubric.importer import import_rubric

    rows = [("item", "1", "服务", "规范服务", 10, "服务不规范视情况扣１～３分;获省级表彰加2分/次,最多加5分。"),
            ("item", "2", "宣传", "宣传报道", 10, "每发表一篇稿件加0.5分;发生重大事故此项不得分。")]
    data = import_rubric(write_docx(tmp_path / "a.docx", "细则", rows)).data
    first, second = (i["rules"] for i in data["sections"][0]["items"])
    assert [(r["type"], r.get("min"), r.get("max"), r.get("points"), r.get("cap")) for r in first] == [
        ("range", 1, 3, None, None), ("bonus", None, None, 2, 5)]
    assert not any("review" in r for r in first)
    assert (second[0]["type"], second[0]["points"], second[0]["unit"], second[0]["cap"]) == ("bonus", D("0.5"), "篇", 10)
    assert "未写加分上限" in second[0]["review"] and "不得分时加分仍照加" in second[0]["review"]


def test_a_legal_fill_with_ranges_and_bonuses_checks_clean(tmp_path: Path) -> None:
    """The generated formulas (SUMIF for an item with a bonus) are the ones the checker expects, and the
    totals it recomputes from shown deductions (bonus after 扣完为止) are the cached ones."""
    from xlscore.check.checker import CheckOptions

    rubric = load_rubric(ALL_KINDS)
    layout = workbook_layout(rubric, GenerateOptions())
    inputs: dict[str, object] = {}
    for slot in layout.slots.values():
        if slot.kind is SlotKind.INPUT and slot.item in ("4", "5"):
            inputs[slot.name] = {0: 2.5, 1: 2, 2: 9, 3: "否"}[slot.rule or 0] if slot.item == "4" else {0: 7, 1: 1}[slot.rule or 0]
    path = generate_workbook(rubric, tmp_path / "form.xlsx", GenerateOptions(unit="U", period="P", inputs=inputs))
    report = check_file(path, CheckOptions(allow_blank=True))
    assert [f.code for f in report.findings if f.severity.value == "error"] == []
    # not recalculated (no cached results), blanks counted as 0, cover names and 说明 left blank: nothing else
    assert {f.code for f in report.findings} <= {"CALC011", "IN011", "COV002", "REM001"}
    item4 = score_item(layout.item("1", "4"), {(0, 0): D("2.5"), (1, 0): D(2), (2, 0): D(9), (3, 0): False})
    assert item4.score == D("10.5")  # 10 − 2.5 − 2 = 5.5, + 5 (2×9 capped at 5)
    item5 = score_item(layout.item("1", "5"), {(0, 0): D(7), (1, 0): D(1)})
    assert item5.score == D("1.5")  # 5 − 7 stops at 0, + 1.5
