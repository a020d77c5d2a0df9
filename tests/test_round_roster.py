"""Rosters: the template read back, .txt/.csv in the encodings Windows writes, and bad rosters worded."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from round_support import PERIOD, UNITS, roster_workbook
from xlscore.round.forms import unit_forms
from xlscore.round.names import normalise_name, windows_file_name, without_copy_mark
from xlscore.round.roster import RosterError, derived_id, read_roster
from xlscore.round.template import write_roster_template


def test_template_filled_in_reads_back(tmp_path: Path) -> None:
    roster = read_roster(roster_workbook(tmp_path / "名单.xlsx"))
    assert [(u.id, u.name) for u in roster.units] == UNITS
    assert roster.period == PERIOD and roster.units[0].contact == "张工" and roster.units[0].row == 5
    assert len(roster.sha256) == 64


def test_template_is_deterministic_and_english(tmp_path: Path) -> None:
    write_roster_template(tmp_path / "a.xlsx")
    write_roster_template(tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    write_roster_template(tmp_path / "en.xlsx", "en")
    sheet = openpyxl.load_workbook(tmp_path / "en.xlsx").worksheets[0]
    assert [c.value for c in sheet[4]] == ["Unit ID", "Unit", "Contact", "Phone"]
    sheet["B2"], sheet["B5"], sheet["B6"] = "2025", "North", "South"
    sheet.parent.save(tmp_path / "en.xlsx")
    roster = read_roster(tmp_path / "en.xlsx")
    assert [u.name for u in roster.units] == ["North", "South"] and roster.period == "2025"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_one_column_of_names(tmp_path: Path, encoding: str, suffix: str) -> None:
    text = "考核期间:2025年上半年\r\n城南客服中心\r\n\r\n  城北客服中心 \r\n城东客服中心\r\n"
    path = tmp_path / f"names{suffix}"
    path.write_bytes(text.encode(encoding))
    roster = read_roster(path)
    assert [u.name for u in roster.units] == ["城南客服中心", "城北客服中心", "城东客服中心"]
    assert roster.period == "2025年上半年"
    assert [u.row for u in roster.units] == [2, 4, 5]  # blank lines skipped, rows as the file numbers them


def test_excel_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "名单.txt"
    path.write_bytes("单位编号\t被考核单位\t电话\r\nA1\t城南\t0571-1\r\n".encode("utf-16"))
    (unit,) = read_roster(path).units
    assert (unit.id, unit.name, unit.phone) == ("A1", "城南", "0571-1")


def test_csv_with_header_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text("序号,单位名称,单位编号,联系人\n1,城南,A1,李\n2,城北,,王\n", encoding="utf-8-sig")
    roster = read_roster(path)
    assert [(u.id, u.name, u.contact) for u in roster.units] == [("A1", "城南", "李"), (derived_id("城北"), "城北", "王")]


def test_derived_ids_are_stable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("甲\n乙\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("丙\n乙\n甲\n", encoding="utf-8")
    first, second = read_roster(tmp_path / "a.txt"), read_roster(tmp_path / "b.txt")
    assert first.by_name("甲").id == second.by_name("甲").id == derived_id(" 甲 ")
    assert first.by_name("乙").id != first.by_name("甲").id


def test_sha256_ignores_contacts_but_not_names(tmp_path: Path) -> None:
    base = read_roster(roster_workbook(tmp_path / "a.xlsx"))
    other_contacts = read_roster(roster_workbook(tmp_path / "b.xlsx"))
    renamed = read_roster(roster_workbook(tmp_path / "c.xlsx", [*UNITS[:-1], ("012", "机场新客服中心")]))
    assert base.sha256 == other_contacts.sha256 != renamed.sha256


def _problems(path: Path, lang: str = "zh") -> list[str]:
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    return caught.value.lines(lang)


def test_empty_roster(tmp_path: Path) -> None:
    write_roster_template(tmp_path / "名单.xlsx")
    (line,) = _problems(tmp_path / "名单.xlsx")
    assert "名单中没有任何单位" in line and "xlscore roster template" in line
    (tmp_path / "empty.txt").write_bytes(b"\xef\xbb\xbf\r\n \r\n")
    assert "the roster names no unit" in _problems(tmp_path / "empty.txt", "en")[0]


def test_duplicates_are_all_listed_with_rows(tmp_path: Path) -> None:
    path = roster_workbook(tmp_path / "名单.xlsx", [("1", "城南 客服中心"), ("2", "城北"), ("2", "城东"), ("4", "城南客服中心")])
    lines = _problems(path)
    assert len(lines) == 2
    assert lines[0].startswith(f"{path} 第 8 行: ") and "“城南客服中心”在名单中出现两次(第一次在第 5 行" in lines[0]
    assert lines[1].startswith(f"{path} 第 7 行: ") and "单位编号“2”(城东)与第 6 行(城北)重复" in lines[1]


def test_full_width_and_spaces_are_the_same_name(tmp_path: Path) -> None:
    (tmp_path / "n.txt").write_text("ＡＢＣ中心\nabc 中心\n", encoding="utf-8")
    assert "出现两次" in _problems(tmp_path / "n.txt")[0]
    assert normalise_name("城南\u3000客服中心 ") == normalise_name("城南客服中心")


def test_row_with_id_but_no_name(tmp_path: Path) -> None:
    path = roster_workbook(tmp_path / "名单.xlsx", [("1", "城南"), ("2", "")])
    (line,) = _problems(path)
    assert "第 6 行" in line and "有单位编号“2”但没有单位名称" in line


@pytest.mark.parametrize(("name", "data", "words"), [
    ("old.xls", b"\xd0\xcf\x11\xe0", "扩展名 .xls"),
    ("broken.xlsx", b"not a zip", "名单工作簿无法读取"),
    ("bytes.txt", b"\xff\xff\xfe", "文字编码无法识别"),
])
def test_unreadable_rosters(tmp_path: Path, name: str, data: bytes, words: str) -> None:
    (tmp_path / name).write_bytes(data)
    assert words in _problems(tmp_path / name)[0]
    assert "无法打开名单文件" in _problems(tmp_path / "missing.txt")[0]


@pytest.mark.parametrize(("name", "stem"), [
    ('城南/城北:"客服"*中心?', "城南_城北__客服__中心_"),
    ("滨江客服中心. . ", "滨江客服中心"),
    ("CON", "_CON"),
    ("com1.分部", "_com1.分部"),
    ("a<b>c|d\\e", "a_b_c_d_e"),
    ("\t", "U1"),
    ("长" * 200, "长" * 80),
])
def test_windows_file_names(name: str, stem: str) -> None:
    assert windows_file_name(name, "U1") == stem


def test_copy_marks() -> None:
    assert [without_copy_mark(s) for s in ("城南(2)", "城南 - 副本", "城南 - Copy (3)", "城南（1）", "A(2)B")] == \
        ["城南", "城南", "城南", "城南", "A(2)B"]


def test_same_file_name_after_sanitising_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_text("城南/城北\n城南:城北\nabc\nABC.\n", encoding="utf-8")
    with pytest.raises(RosterError) as caught:
        unit_forms(read_roster(path), tmp_path / "out")
    lines = caught.value.lines("zh")
    assert len(lines) == 2 and "同一个文件名“城南_城北.xlsx”" in lines[0] and "“ABC.”与第 3 行的“abc”" in lines[1] and "“ABC.xlsx”" in lines[1]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_name_gives_a_file_name_windows_accepts(name: str) -> None:
    stem = windows_file_name(name, "U1")
    assert stem and len(stem) <= 81
    assert not any(c in stem for c in '\\/:*?"<>|') and all(ord(c) >= 32 and ord(c) != 127 for c in stem)
    assert not stem.endswith((".", " ")) and stem.split(".")[0].strip().upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    assert windows_file_name(stem, "U1") == stem  # already safe: left as it is
    assert normalise_name(normalise_name(name)) == normalise_name(name)


def test_a_roster_that_unpacks_too_far_is_refused(tmp_path: Path) -> None:
    import zipfile

    bomb = tmp_path / "名单.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<" * (101 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    assert "超过 100 MB" in _problems(bomb)[0]


def test_headers_in_other_words(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2025年度被考核单位名单"])
    sheet.append([])
    sheet.append(["序号", "被考核单位名称", "单位代码", "联系人姓名", "联系电话"])
    sheet.append([1, "城南客服中心", "N01", "李", "123"])
    book.save(path)
    (unit,) = read_roster(path).units
    assert (unit.id, unit.name, unit.contact, unit.phone, unit.row) == ("N01", "城南客服中心", "李", "123", 4)


def test_numbered_names_without_header(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text("1,城南\n2,城北\n", encoding="gbk")
    assert [u.name for u in read_roster(path).units] == ["城南", "城北"]
