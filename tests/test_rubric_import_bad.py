"""Files the importer cannot use get one clear Chinese message and exit 2, never a traceback."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.importer.office_tables import write_docx, write_xlsx
from xlscore.cli import main

ROWS = [("item", "1", "服务", "文明服务", 10, "违反规定,扣2分/次。")]


def _no_table(d: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("考核细则")
    document.add_paragraph("1.文明服务(10分):违反规定扣2分/次。")
    document.save(str(d / "无表格.docx"))
    return d / "无表格.docx"


def _encrypted(source: Path, target: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as handle, target.open("wb") as out:
        OOXMLFile(handle).encrypt("密码123", out)
    return target


CASES = {
    "no_table": (_no_table, "没有表格"),
    "no_score_column": (lambda d: write_docx(d / "无标准分.docx", "细则", ROWS,
                                             header=["序号", "项目", "考核内容", "评分标准", "备注"]), "标准分"),
    "encrypted_docx": (lambda d: _encrypted(write_docx(d / "a.docx", "细则", ROWS), d / "加密.docx"), "密码"),
    "encrypted_xlsx": (lambda d: _encrypted(write_xlsx(d / "a.xlsx", "细则", ROWS), d / "加密.xlsx"), "密码"),
    "doc_renamed": (lambda d: _renamed(write_docx(d / "a.docx", "细则", ROWS), d / "旧版.doc"), ".doc"),
    "not_a_zip": (lambda d: _bytes(d / "坏.docx", b"this is not a document"), "不是"),
    "empty_file": (lambda d: _bytes(d / "空.xlsx", b""), "不是"),
    "pdf": (lambda d: _bytes(d / "细则.pdf", b"%PDF-1.4"), ".pdf"),
    "xlsx_named_docx": (lambda d: _renamed(write_xlsx(d / "a.xlsx", "细则", ROWS), d / "表.docx"), "不是"),
    "header_only": (lambda d: write_docx(d / "只有表头.docx", "细则", []), "没有评分项"),
    "missing": (lambda d: d / "不存在.docx", "找不到"),
}


def _renamed(source: Path, target: Path) -> Path:
    source.rename(target)
    return target


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_one_clear_message(case: str, tmp_path: Path) -> None:
    make, words = CASES[case]
    source = make(tmp_path)
    before = hashlib.sha256(source.read_bytes()).hexdigest() if source.exists() else None
    run = CliRunner().invoke(main, ["rubric", "import", str(source), "-o", str(tmp_path / "out.xlsx")])
    assert run.exit_code == 2, run.output
    assert "Traceback" not in run.output and run.exception is None or isinstance(run.exception, SystemExit)
    lines = [line for line in run.output.splitlines() if line.strip()]
    assert len(lines) == 1, run.output
    assert words in lines[0] and str(source) in lines[0]
    assert not (tmp_path / "out.xlsx").exists()
    if before is not None:
        assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_message_in_english(tmp_path: Path) -> None:
    source = _no_table(tmp_path)
    run = CliRunner().invoke(main, ["--lang", "en", "rubric", "import", str(source)])
    assert run.exit_code == 2 and "no table" in run.output


def test_output_never_replaces_the_input_or_an_existing_file(tmp_path: Path) -> None:
    source = write_docx(tmp_path / "细则.docx", "细则", ROWS)
    same = CliRunner().invoke(main, ["rubric", "import", str(source), "-o", str(source), "--force"])
    assert same.exit_code == 2 and "输入文件" in same.output
    existing = tmp_path / "已有.xlsx"
    existing.write_bytes(b"mine")
    run = CliRunner().invoke(main, ["rubric", "import", str(source), "-o", str(existing)])
    assert run.exit_code == 2 and existing.read_bytes() == b"mine"
    assert CliRunner().invoke(main, ["rubric", "import", str(source), "-o", str(existing), "--force"]).exit_code == 0


def test_huge_sheet_dimensions_are_bounded(tmp_path: Path) -> None:
    """A stray value far away (XFD1048576) must not make the import walk a million rows."""
    import openpyxl

    source = write_xlsx(tmp_path / "远.xlsx", "细则", ROWS)
    workbook = openpyxl.load_workbook(source)
    workbook.active["XFD1048576"] = "x"
    workbook.save(source)
    run = CliRunner().invoke(main, ["rubric", "import", str(source), "-o", str(tmp_path / "o.yaml")])
    assert run.exit_code == 0, run.output


@pytest.mark.engine
def test_real_old_binary_file(tmp_path: Path) -> None:
    """A real .xls (saved by LibreOffice Calc in the old binary format) is named as such, exit 2.

    The test engine is Calc only (no Writer), so a real .doc cannot be made here; the same OLE
    container under a .doc name stands in for one.
    """
    libreoffice = pytest.importorskip("support.libreoffice")
    if libreoffice.find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = write_xlsx(tmp_path / "细则.xlsx", "细则", ROWS)
    old = libreoffice._convert([source], tmp_path / "old", "xls:MS Excel 97", ".xls", bytes.fromhex("D0CF11E0A1B11AE1"),
                               timeout=120, profile=None, separate_dir=True)[source]
    as_doc = tmp_path / "细则.doc"
    as_doc.write_bytes(old.read_bytes())
    for path, words in ((old, ".xls"), (as_doc, ".doc")):
        run = CliRunner().invoke(main, ["rubric", "import", str(path)])
        assert run.exit_code == 2 and words in run.output and "另存为" in run.output, run.output
        assert len(run.output.strip().splitlines()) == 1


def test_zip_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    """A small .docx whose parts expand past the limit is refused from its zip directory alone."""
    import zipfile

    source = write_docx(tmp_path / "a.docx", "细则", ROWS)
    bomb = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            out.writestr(info, original.read(info))
        out.writestr("word/media/padding.bin", b"\0" * (210 * 1024 * 1024))
    run = CliRunner().invoke(main, ["rubric", "import", str(bomb)])
    assert run.exit_code == 2 and "过大" in run.output
