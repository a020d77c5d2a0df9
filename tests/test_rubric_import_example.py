"""The sequence of docs/rubric.md, end to end: Word table → import → correct in Excel → check → generate."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from tests.importer.example import EXAMPLE, correct_in_excel, import_example
from xlscore.cli import main
from xlscore.rubric import load_rubric


def _table_texts(path: Path) -> list[list[str]]:
    import docx

    document = docx.Document(str(path))
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def test_example_docx_is_what_its_script_writes(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_docx", EXAMPLE.with_name("build_docx.py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    rebuilt = module.build(tmp_path / "rebuilt.docx")
    assert _table_texts(rebuilt) == _table_texts(EXAMPLE)


def test_readme_sequence(tmp_path: Path) -> None:
    book, run = import_example(tmp_path)
    assert run.exit_code == 1  # one clause to review
    assert "1 条待核对" in run.output and "序号1.4" in run.output
    refused = CliRunner().invoke(main, ["generate", "--rubric", str(book), "-o", str(tmp_path / "form.xlsx")])
    assert refused.exit_code == 2 and "待核对" in refused.output
    correct_in_excel(book)
    checked = CliRunner().invoke(main, ["rubric", "check", str(book)])
    assert checked.exit_code == 0, checked.output
    form = tmp_path / "营业厅评分表.xlsx"
    made = CliRunner().invoke(main, ["generate", "--rubric", str(book), "-o", str(form), "--unit", "城东营业厅"])
    assert made.exit_code == 0, made.output
    rubric = load_rubric(book)
    rule = rubric.sections[0].items[0].items[3].rules[0]  # type: ignore[union-attr]
    assert (rule.type, rule.rounding, rule.target) == ("below_target", "ceil", 95)
    assert "1 营业厅服务" in openpyxl.load_workbook(form).sheetnames


def test_authoring_workbook_marks_the_review_cell(tmp_path: Path) -> None:
    book, _ = import_example(tmp_path)
    sheet = openpyxl.load_workbook(book)["细则"]
    header = {cell.value: cell.column for cell in sheet[1]}
    flagged = [row for row in sheet.iter_rows(min_row=2) if row[header["待核对"] - 1].value]
    assert len(flagged) == 1
    cell = flagged[0][header["待核对"] - 1]
    assert cell.fill.fgColor.rgb.endswith("FFEB9C")
    validated = {str(dv.sqref).split(":")[0] for dv in sheet.data_validations.dataValidation if dv.type == "list"}
    assert "G2" in validated  # the 类型 dropdown


def test_rubric_doc_quotes_the_tested_commands() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "rubric.md").read_text(encoding="utf-8")
    assert "xlscore rubric import examples/rubric-import/营业厅服务考核细则.docx -o 营业厅细则.xlsx" in text
    assert "xlscore rubric check 营业厅细则.xlsx" in text
    assert "xlscore generate --rubric 营业厅细则.xlsx -o 营业厅评分表.xlsx" in text
    assert "(img/authoring-workbook.png)" in text
