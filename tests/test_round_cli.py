"""The round's commands follow check's conventions: exit codes, --format json, --force, --lang en, Chinese by default."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from click.testing import CliRunner

from round_support import roster_workbook
from xlscore.check.checker import check_file
from xlscore.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
UNITS = [("01", "城南客服中心"), ("02", "城北客服中心"), ("03", "CON")]


def _run(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("issued")
    roster_workbook(root / "名单.xlsx", UNITS)
    result = _run("generate", "--roster", str(root / "名单.xlsx"), "-o", str(root / "下发"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("已按名单") and "3 份表格" in result.stdout
    return root


def test_roster_template_default_name_no_clobber_force_and_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(main, ["roster", "template"])
    assert first.exit_code == 0 and first.stdout.strip() == "已写出名单模板 名单.xlsx"
    again = CliRunner().invoke(main, ["roster", "template"])
    assert again.exit_code == 2 and "名单.xlsx 已存在,未覆盖" in again.stderr
    assert CliRunner().invoke(main, ["roster", "template", "--force"]).exit_code == 0
    english = CliRunner().invoke(main, ["roster", "template", "--lang", "en"])
    assert english.exit_code == 0 and english.stdout.strip() == "wrote the roster template roster.xlsx"
    assert (tmp_path / "roster.xlsx").is_file() and (tmp_path / "名单.xlsx").is_file()
    assert "名单模板" in _run("roster", "template", "--help").stdout


def test_generate_writes_one_locked_form_per_unit(issued: Path) -> None:
    folder = issued / "下发"
    assert sorted(p.name for p in folder.iterdir()) == ["_CON.xlsx", "城北客服中心.xlsx", "城南客服中心.xlsx"]
    book = openpyxl.load_workbook(folder / "城北客服中心.xlsx")
    cover = book["封面"]
    assert cover.protection.sheet
    assert (cover["C6"].value, cover["C8"].value) == ("城北客服中心", "2025年度")
    assert cover["C6"].protection.locked and cover["C8"].protection.locked
    assert not cover["C10"].protection.locked  # 自查人 stays open
    report = check_file(folder / "城北客服中心.xlsx")
    assert report.unit_id == "02" and len(report.roster_sha256) == 64 and report.unit == "城北客服中心"


def test_generate_is_deterministic_and_never_clobbers(issued: Path, tmp_path: Path) -> None:
    before = _digest(issued / "下发")
    refused = _run("generate", "--roster", str(issued / "名单.xlsx"), "-o", str(issued / "下发"))
    assert refused.exit_code == 2 and "已有 3 份同名表格" in refused.stderr and _digest(issued / "下发") == before
    again = _run("generate", "--roster", str(issued / "名单.xlsx"), "-o", str(issued / "下发"), "--force")
    assert again.exit_code == 0 and _digest(issued / "下发") == before  # the same bytes, unit by unit
    english = _run("generate", "--roster", str(issued / "名单.xlsx"), "-o", str(tmp_path / "en"), "--lang", "en")
    assert english.exit_code == 0 and english.stdout.startswith("wrote 3 forms for the roster")
    assert openpyxl.load_workbook(tmp_path / "en" / "城南客服中心.xlsx").sheetnames[0] == "Cover"


def test_generate_refuses_a_bad_roster_and_writes_nothing(tmp_path: Path) -> None:
    names = tmp_path / "n.txt"
    names.write_text("城南/北\n城南:北\n", encoding="gbk")
    result = _run("generate", "--roster", str(names), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "同一个文件名“城南_北.xlsx”" in result.stderr and not (tmp_path / "out").exists()
    names.write_text("城南\n城南 \n", encoding="utf-8")
    english = _run("generate", "--roster", str(names), "-o", str(tmp_path / "out"), "--lang", "en")
    assert english.exit_code == 2 and "is listed twice" in english.stderr


@pytest.fixture()
def returns(issued: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "回收"
    folder.mkdir()
    shutil.copy(issued / "下发" / "城南客服中心.xlsx", folder / "城南客服中心.xlsx")
    shutil.copy(issued / "下发" / "城北客服中心.xlsx", folder / "北-最终.xlsx")
    shutil.copy(issued / "名单.xlsx", folder / "名单.xlsx")  # the roster among the returns is not a return
    return folder


def test_check_with_roster_json(issued: Path, returns: Path) -> None:
    result = _run("check", str(returns), "--roster", str(returns / "名单.xlsx"), "--no-copy", "--format", "json", "--jobs", "1")
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert len(document["files"]) == 2 and result.exit_code == document["exit_code"]
    units = {u["id"]: (u["state"], u["matched_by"], u["reason"]) for u in document["round"]["units"]}
    assert units == {"01": ("returned", "id", None), "02": ("returned", "id", "renamed"), "03": ("missing", None, None)}


def test_check_with_roster_text_in_both_languages(issued: Path, returns: Path) -> None:
    zh = _run("check", str(returns), "--roster", str(returns / "名单.xlsx"), "--no-copy", "-q")
    assert "回收情况(名单" in zh.stdout and "未回收: 单位“CON”(编号 03)没有交回表格" in zh.stdout
    en = _run("check", str(returns), "--roster", str(returns / "名单.xlsx"), "--no-copy", "-q", "--lang", "en")
    assert "missing: the unit “CON” (id 03) has returned no form" in en.stdout
    assert "matched by id:" in en.stdout


def test_check_with_a_bad_roster_is_exit_2(returns: Path, tmp_path: Path) -> None:
    (tmp_path / "空.txt").write_text("\n", encoding="utf-8")
    result = _run("check", str(returns), "--roster", str(tmp_path / "空.txt"), "--no-copy")
    assert result.exit_code == 2 and "名单中没有任何单位" in result.stderr and not result.stdout


def test_summary_with_roster_has_returns_first(issued: Path, returns: Path, tmp_path: Path) -> None:
    summary = tmp_path / "汇总.xlsx"
    result = _run("check", str(returns), "--roster", str(issued / "名单.xlsx"), "--no-copy", "-q", "--summary", str(summary))
    assert "已写出汇总表" in result.output
    book = openpyxl.load_workbook(summary)
    assert book.sheetnames[:2] == ["回收情况", "单位汇总"]
    rows = [r for r in book["回收情况"].iter_rows(min_row=4, values_only=True) if r[0]]
    assert [(r[0], r[1], r[4], r[5]) for r in rows] == [
        ("01", "城南客服中心", "已回收", "城南客服中心.xlsx"), ("02", "城北客服中心", "已回收", "北-最终.xlsx"),
        ("03", "CON", "未回收", None)]
    units = [r[1] for r in book["单位汇总"].iter_rows(min_row=4, values_only=True) if r[1]]
    assert sorted(units) == ["CON", "城北客服中心", "城南客服中心"]


def test_summary_with_roster_and_checked_copies(issued: Path, returns: Path, tmp_path: Path) -> None:
    summary = tmp_path / "汇总.xlsx"
    result = _run("check", str(returns), "--roster", str(issued / "名单.xlsx"), "-q", "--summary", str(summary))
    assert "已写出汇总表" in result.output and (returns / "北-最终.checked.xlsx").is_file()
    rows = list(openpyxl.load_workbook(summary)["单位汇总"].iter_rows(min_row=4, values_only=True))
    copies = {r[1]: r[-1] for r in rows if r[1]}
    assert copies == {"城南客服中心": "城南客服中心.checked.xlsx", "城北客服中心": "北-最终.checked.xlsx", "CON": None}


def test_a_roster_without_period_leaves_the_period_open(tmp_path: Path) -> None:
    names = tmp_path / "名单.txt"
    names.write_bytes("城南客服中心\r\n".encode("gbk"))
    assert _run("generate", "--roster", str(names), "-o", str(tmp_path / "out")).exit_code == 0
    cover = openpyxl.load_workbook(tmp_path / "out" / "城南客服中心.xlsx")["封面"]
    assert cover["C6"].protection.locked and not cover["C8"].protection.locked and cover["C8"].value is None
    given = _run("generate", "--roster", str(names), "-o", str(tmp_path / "p"), "--period", "2026年一季度")
    assert given.exit_code == 0
    cover = openpyxl.load_workbook(tmp_path / "p" / "城南客服中心.xlsx")["封面"]
    assert cover["C8"].value == "2026年一季度" and cover["C8"].protection.locked


def test_forms_of_another_roster_are_off_the_roster(returns: Path, tmp_path: Path) -> None:
    edited = roster_workbook(tmp_path / "新名单.xlsx", [*UNITS, ("04", "港口客服中心")])
    result = _run("check", str(returns), "--roster", str(edited), "--no-copy", "--format", "json", "--jobs", "1")
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert [(Path(o["file"]).name, o["reason"]) for o in document["round"]["off_roster"]] == [
        ("北-最终.xlsx", "roster_changed"), ("城南客服中心.xlsx", "roster_changed")]
    assert {u["state"] for u in document["round"]["units"]} == {"missing"}  # none dropped, none matched
    text = _run("check", str(returns), "--roster", str(edited), "--no-copy", "-q").stdout
    assert "名单外: 这份表格是按另一份名单" in text and "名单外文件 2" in text


def test_a_form_is_never_written_over_the_roster(tmp_path: Path) -> None:
    names = tmp_path / "名单.xlsx"
    roster_workbook(names, [("1", "名单"), ("2", "城南")])
    before = names.read_bytes()
    result = _run("generate", "--roster", str(names), "-o", str(tmp_path), "--force")
    assert result.exit_code == 2 and "是名单本身" in result.stderr and names.read_bytes() == before
    assert not (tmp_path / "城南.xlsx").exists()


def test_nothing_returned_yet_lists_every_unit_missing(issued: Path, tmp_path: Path) -> None:
    (tmp_path / "回收").mkdir()
    result = _run("check", str(tmp_path / "回收"), "--roster", str(issued / "名单.xlsx"))
    assert result.exit_code == 2 and "没有找到工作簿" in result.stderr
    assert result.stdout.count(": 未回收: ") == 3 and "未回收 3" in result.stdout
