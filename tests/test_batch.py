"""Checking a folder: per-file results, the worst exit code, skipped files, parallel runs, the summary."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlscore.cli import main
from xlscore.batch.summary import units_frame

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "examples" / "units"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """Clean, faulty and inflated units, a broken file, an owner file and a stray .xls."""
    batch = tmp_path / "batch"
    batch.mkdir()
    for source in sorted(UNITS.glob("*.xlsx")):
        shutil.copyfile(source, batch / source.name)
    shutil.copyfile(UNITS / "城东客服中心.xlsx", batch / "城北客服中心.xlsx")  # a tie with 城东 (and 城南)
    (batch / "损坏.xlsx").write_bytes((UNITS / "城东客服中心.xlsx").read_bytes()[:5000])
    (batch / "~$城东客服中心.xlsx").write_bytes(b"\x00" * 162)
    (batch / "旧表.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504)
    return batch


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_folder_results_exit_code_and_skips(folder: Path) -> None:
    code, out, err = _run("check", str(folder), "--no-copy", "--jobs", "2")
    assert code == 2  # the worst file could not be checked
    assert "~$城东客服中心.xlsx" in err and "临时锁定文件" in err  # skipped with a note, not an error
    assert "旧表.xls" in err and "跳过" in err
    assert "损坏.xlsx: 无法校验" in out
    assert "城东客服中心.xlsx:0 个错误,2 个警告,0 条提示;自查已完成,考评已完成" in out
    assert "城南客服中心.xlsx:3 个错误" in out  # three roots; what follows from them is listed, not counted
    assert "共检查 5 个文件" in out and "1 个文件无法校验" in out
    assert "Traceback" not in out + err


def test_jobs_one_and_two_agree(folder: Path) -> None:
    one = _run("check", str(folder), "--no-copy", "--jobs", "1", "--format", "json")
    two = _run("check", str(folder), "--no-copy", "--jobs", "2", "--format", "json")
    assert one[0] == two[0] == 2
    assert json.loads(one[1]) == json.loads(two[1])


def test_summary_rows_ranks_and_totals_equal_reports(folder: Path, tmp_path: Path) -> None:
    summary = tmp_path / "汇总.xlsx"
    code, out, _ = _run("check", str(folder), "--no-copy", "--summary", str(summary), "--format", "json")
    assert code == 2
    reports = {Path(f["file"]).stem: f for f in json.loads(out)["files"] if f["status"] == "checked"}
    book = openpyxl.load_workbook(summary)
    units = book["单位汇总"]
    header = [c.value for c in units[3]]
    rows = {r[header.index("文件")]: dict(zip(header, r)) for r in units.iter_rows(min_row=4, values_only=True)
            if r[header.index("文件")]}
    rows = {Path(name).stem: row for name, row in rows.items()}
    assert set(rows) == {"城东客服中心", "城西客服中心", "城南客服中心", "城北客服中心"}
    assert rows["城北客服中心"]["单位"] == "城东客服中心"  # the unit comes from 封面, the file name is beside it
    for unit, row in rows.items():
        report = reports[unit]
        assert row["考评总分"] == float(report["totals"]["assessed"]["grand"])
        assert row["自查总分"] == float(report["totals"]["self_check"]["grand"])
        assert row["考评 第1部分"] == float(report["totals"]["assessed"]["sections"]["1"])
        assert row["错误数"] == report["counts"]["error"]
        assert row["警告数"] == report["counts"]["warning"]
        assert row["考评−自查"] == row["考评总分"] - row["自查总分"]
    # equal totals share a rank, the next rank skips (1, 1, 1, 4), as an office ranks
    assert rows["城东客服中心"]["排名"] == rows["城北客服中心"]["排名"] == rows["城南客服中心"]["排名"] == 1
    assert rows["城西客服中心"]["排名"] == 4
    failed = book["未校验文件"]
    listed = {r[0]: r[1] for r in failed.iter_rows(min_row=2, values_only=True)}
    assert any(name.endswith("损坏.xlsx") and "损坏" in reason for name, reason in listed.items())
    assert any(name.endswith("~$城东客服中心.xlsx") for name in listed)
    items = book["各项考评分"]
    # Items as rows with their section; units as columns; the lowest marked only where units differ.
    assert [c.value for c in items[3]][:4] == ["部分", "序号", "项目", "标准分"]
    assert [items.cell(4, c).value for c in (1, 2, 4)] == ["1", "1.1", 15]
    assert items.print_title_cols == "$A:$D"
    rules = [r for rng in items.conditional_formatting for r in rng.rules]
    assert rules and "MIN(" in rules[0].formula[0] and "MAX(" in rules[0].formula[0]
    assert len(book["得分率图"]._charts) == 2, "rates by section and the 考评 − 自查 gap"
    assert rows["城东客服中心"]["状态"] in ("完整", "未填完", "有错误")
    assert units.cell(2, 1).value.startswith("考核期间:")


def test_summary_links_to_checked_copies(folder: Path, tmp_path: Path) -> None:
    pytest.importorskip("xlscore.report.copy")
    summary = tmp_path / "out" / "汇总.xlsx"
    code, _, _ = _run("check", str(folder / "城东客服中心.xlsx"), str(folder / "城西客服中心.xlsx"), "--summary", str(summary))
    assert code == 0
    units = openpyxl.load_workbook(summary)["单位汇总"]
    links = [c.hyperlink.target for row in units.iter_rows(min_row=4) for c in row if c.hyperlink]
    # Relative links, written the Windows way (the office opens the summary in Excel on Windows).
    relative = [link.replace("\\", "/") for link in links]
    assert sorted(Path(link).name for link in relative) == ["城东客服中心.checked.xlsx", "城西客服中心.checked.xlsx"]
    for link in relative:
        assert (summary.parent / link).resolve().is_file()


def test_ties_share_a_rank_in_the_frame() -> None:
    from decimal import Decimal

    from xlscore.batch.summary import UnitRow

    def row(unit: str, total: int) -> UnitRow:
        grand = {"self_check": Decimal(total), "assessed": Decimal(total)}
        return UnitRow(unit + ".xlsx", unit, "", {"self_check": {"1": grand["self_check"]}, "assessed": {"1": grand["assessed"]}},
                       grand, 0, 0, None)

    frame = units_frame([row("甲", 90), row("乙", 95), row("丙", 90), row("丁", 80)], "zh")
    assert list(zip(frame["单位"], frame["排名"])) == [("乙", 1), ("丙", 2), ("甲", 2), ("丁", 4)]


@pytest.mark.parametrize("args", [["--help"], ["check", str(UNITS / "城东客服中心.xlsx"), "--no-copy"]])
def test_cli_does_not_import_pandas(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from xlscore.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'pandas' not in sys.modules, 'pandas was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


class _Terminal:
    """A stand-in stderr that says it is a terminal and keeps what is written."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from xlscore.report.console import console

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with console(3, "zh") as out:
        for _ in range(3):
            out.step()
    assert "校验中" in terminal.text and "100%" in terminal.text
    quiet = _Terminal()
    quiet.isatty = lambda: False  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stderr", quiet)
    with console(3, "zh") as out:
        out.step()
    assert quiet.text == ""
    with console(1, "zh") as out:  # one file: no bar even on a terminal
        out.step()
    assert quiet.text == ""
