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
