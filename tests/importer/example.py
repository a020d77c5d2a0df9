"""The import example of docs/rubric.md, done as an office does it: import the Word table, correct in Excel."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from xlscore.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "rubric-import" / "营业厅服务考核细则.docx"


def import_example(folder: Path) -> tuple[Path, object]:
    """``xlscore rubric import 营业厅服务考核细则.docx -o 营业厅细则.xlsx``: the authoring workbook and the run."""
    book = folder / "营业厅细则.xlsx"
    run = CliRunner().invoke(main, ["rubric", "import", str(EXAMPLE), "-o", str(book)])
    return book, run


def correct_in_excel(book: Path) -> None:
    """What the office does for the one review item: choose 取整 for 1.4 and clear its 待核对 cell."""
    import openpyxl

    workbook = openpyxl.load_workbook(book)
    sheet = workbook["细则"]
    header = {cell.value: cell.column for cell in sheet[1]}
    for row in sheet.iter_rows(min_row=2):
        if row[header["待核对"] - 1].value:
            assert row[header["序号"] - 1].value == "1.4"
            row[header["取整"] - 1].value = "不足一档按一档扣"
            row[header["待核对"] - 1].value = None
    workbook.save(book)


def corrected_example(folder: Path) -> Path:
    book, run = import_example(folder)
    assert run.exit_code == 1, run.output  # type: ignore[attr-defined]
    correct_in_excel(book)
    return book
