"""`rubric import` prints what it read: items and clauses, reviews by reason, which column was taken as what."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.importer.office_tables import write_xlsx
from xlscore.cli import main

ROWS = [("item", "1", "服务", "文明服务", 10, "违反规定,扣2分/次。"),
        ("item", "2", "纪律", "遵守纪律", 10, "视情况扣分")]
HEADER = ["序号", "项目", "考核内容", "分值", "扣分标准", "得分"]


def _run(tmp_path: Path, *lang: str) -> list[str]:
    source = write_xlsx(tmp_path / "细则.xlsx", "细则", ROWS, header=HEADER)
    run = CliRunner().invoke(main, [*lang, "rubric", "import", str(source), "-o", str(tmp_path / "out.yaml")])
    assert run.exit_code == 1, run.output  # one clause to review
    return run.output.splitlines()


def test_summary_in_chinese(tmp_path: Path) -> None:
    lines = _run(tmp_path)
    assert "读取:2 个评分项,2 条规则;其中 1 条待核对。" in lines
    assert "  待核对 1 处:酌情扣分未写范围" in lines
    columns = next(line for line in lines if line.startswith("'考核细则' 的列:"))
    assert "评分规定 ← “扣分标准”('考核细则'!E3)" in columns
    assert "标准分 ← “分值”('考核细则'!D3)" in columns
    assert "得分" not in columns


def test_summary_in_english(tmp_path: Path) -> None:
    lines = _run(tmp_path, "--lang", "en")
    assert "read: 2 items, 2 rules; 1 of them to review." in lines
    assert "  to review, 1: judgement without bounds" in lines
    assert any(line.startswith("columns of '考核细则': ") and "评分规定 ← “扣分标准”" in line for line in lines)


def test_condition_row_is_no_item_and_a_closing_note_that_deducts_is_reviewed(tmp_path: Path) -> None:
    from xlscore.rubric.importer import import_rubric

    rows = [("note", "以下均为扣完本项分值为止"), *ROWS[:1],
            ("note", "备注:第1项如发生投诉另扣5分。"), ("note", "注:检查每月一次。")]
    result = import_rubric(write_xlsx(tmp_path / "细则.xlsx", "细则", rows, header=HEADER))
    items = [i for s in result.data["sections"] for e in s["items"] for i in e.get("items", [e])]
    assert [i["no"] for i in items] == ["1"]
    kinds = [(f.severity, n.key) for f in result.findings for n in f.notes]
    assert ("review", "note_row_deducts") in kinds and ("info", "note_row") in kinds
    assert not any("扣完" in f.message for f in result.findings)


def test_footnote_lists_the_elements_of_a_per_missing_rule(tmp_path: Path) -> None:
    from xlscore.rubric.importer import import_rubric

    rows = [("item", "1", "制度", "建立各项制度", 10, "制度不全,每缺一项扣2分(见注1)"),
            ("note", "注1:制度包括值班制度、交接班制度、巡视制度。")]
    result = import_rubric(write_xlsx(tmp_path / "细则.xlsx", "细则", rows, header=HEADER))
    rule = result.data["sections"][0]["items"][0]["rules"][0]
    assert rule["type"] == "per_missing" and rule["elements"] == ["值班制度", "交接班制度", "巡视制度"]
    assert "review" not in rule
