"""Hostile and careless inputs: each keeps the corpus' promise.

One clear line (or the findings of a checkable file), the right exit code, no traceback, the input
byte-identical, nothing left behind, and the good files of the same batch still reported.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import hostile as h
from xlscore.batch import runner
from xlscore.batch.pool import Job, run_jobs
from xlscore.check.checker import CheckOptions
from xlscore.cli import main

HALF = h.CLEAN.read_bytes()[: h.CLEAN.stat().st_size // 2]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# --- numbers no spreadsheet holds ---------------------------------------------------------------------------
#: (cell XML at 1.1's self-check count G6, the finding code expected there)
NUMBERS = {
    "nan": (h.number_cell("NaN"), "IN002"),
    "inf": (h.number_cell("INF"), "IN002"),
    "minus_inf": (h.number_cell("-inf"), "IN002"),
    "overflow": (h.number_cell("1e309"), "IN004"),
    "huge_float": (h.number_cell("1e300"), "IN004"),
    "long_decimal": (h.number_cell("123456789012345678901234567890.0000000001"), "IN004"),
    "nan_text": (h.text_cell("NaN"), "IN002"),
    "huge_text": (h.text_cell("1e999999999"), "IN004"),
}


@pytest.mark.parametrize("case", list(NUMBERS))
def test_a_number_no_spreadsheet_holds_is_a_finding(case: str, tmp_path: Path) -> None:
    cell, code = NUMBERS[case]
    path = h.with_input(tmp_path / f"{case}.xlsx", cell)
    before = _sha256(path)
    result = _run("check", "--no-copy", str(path))
    assert result.exit_code == 1, result.output
    assert any(f"!G6: 错误 {code} " in line and "序号 1.1" in line for line in _lines(result.output)), result.output
    assert "内部错误" not in result.output
    assert _sha256(path) == before and sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_non_finite_sample_size_is_a_finding(tmp_path: Path) -> None:
    path = h.with_input(tmp_path / "sample.xlsx", h.number_cell("NaN", "G5"), cell=h.SAMPLE_CELL)
    result = _run("check", "--no-copy", str(path))
    assert result.exit_code == 1 and "!G5: 错误 IN002 " in result.output, result.output


def test_a_huge_cached_total_is_reported_shortly(tmp_path: Path) -> None:
    """A computed cell holding 1e300 is compared, not crashed on, and shown as Excel would show it."""
    formula = '<f aca="false">IF(COUNTA(G5:G7)=0,&quot;&quot;,MIN(15,MAX(0,15-SUM(H5:H7))))</f>'
    path = h.rewrite(tmp_path / "total.xlsx", {h.SECTION_PART: h.replace_once(f"{formula}<v>13</v>", f"{formula}<v>1e300</v>")})
    result = _run("check", "--no-copy", str(path))
    assert "!I5: 警告 CALC007 " in result.output and "1e+300" in result.output, result.output


def test_a_nan_file_does_not_stop_a_parallel_batch(tmp_path: Path) -> None:
    folder = tmp_path / "收表"
    folder.mkdir()
    shutil.copyfile(h.CLEAN, folder / "a_clean.xlsx")
    h.with_input(folder / "b_nan.xlsx", h.number_cell("NaN"))
    shutil.copyfile(h.CLEAN, folder / "c_clean.xlsx")
    result = _run("check", "--no-copy", "--jobs", "2", str(folder))
    assert result.exit_code == 1
    out = result.stdout
    assert f"{folder / 'a_clean.xlsx'}:0 个错误" in out and f"{folder / 'c_clean.xlsx'}:0 个错误" in out
    assert "b_nan.xlsx:'1 客户服务中心" in out and "共检查 3 个文件" in out


# --- an unforeseen error in one file ------------------------------------------------------------------------
def _explode_on(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = runner.check_file

    def check_file(path, options=None):  # type: ignore[no-untyped-def]
        if Path(path).name == name:
            raise ZeroDivisionError("boom at /secret/tmp/path")
        return real(path, options)

    monkeypatch.setattr(runner, "check_file", check_file)
    monkeypatch.delenv("XLSCORE_DEBUG", raising=False)


def test_an_unexpected_error_is_that_files_could_not_check_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers fork with the patched checker: the exploding file is reported, its neighbours too."""
    folder = tmp_path / "收表"
    folder.mkdir()
    for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
        shutil.copyfile(h.CLEAN, folder / name)
    _explode_on("b.xlsx", monkeypatch)
    for jobs in ("1", "2"):
        result = _run("check", "--no-copy", "--jobs", jobs, str(folder))
        assert result.exit_code == 2
        out = _lines(result.stdout)
        broken = [line for line in out if "b.xlsx" in line]
        assert len(broken) == 1 and "无法校验" in broken[0] and "ZeroDivisionError" in broken[0], out
        assert "/secret" not in result.output
        assert f"{folder / 'a.xlsx'}:0 个错误" in result.stdout and f"{folder / 'c.xlsx'}:0 个错误" in result.stdout


def test_batch_under_spawn(tmp_path: Path) -> None:
    """Windows has only ``spawn``: the batch must run there, bad file included, results in input order."""
    files = [tmp_path / "clean.xlsx", tmp_path / "nan.xlsx", tmp_path / "half.xlsx"]
    shutil.copyfile(h.CLEAN, files[0])
    h.with_input(files[1], h.number_cell("NaN"))
    files[2].write_bytes(HALF)
    jobs = [Job(path, CheckOptions(), False) for path in files]
    results = list(run_jobs(jobs, 2, start_method="spawn"))
    assert [r.report.file for r in results] == [str(p) for p in files]
    assert [r.report.exit_code for r in results] == [0, 1, 2]


# --- files that are not files -------------------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    """In a separate process with a timeout: a hang would otherwise hang the test run."""
    fifo = tmp_path / "管道.xlsx"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "xlscore", "check", str(fifo)], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 2
    lines = _lines(done.stdout + done.stderr)
    assert len(lines) == 1 and "管道.xlsx" in lines[0] and "不是普通文件" in lines[0], lines


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_refused() -> None:
    result = _run("check", "/dev/null")
    assert result.exit_code == 2 and "不是普通文件" in result.output


def test_a_symbolic_link_is_checked_and_its_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "原件" / "clean.xlsx"
    target.parent.mkdir()
    shutil.copyfile(h.CLEAN, target)
    before = _sha256(target)
    link = tmp_path / "链接.xlsx"
    link.symlink_to(target)
    result = _run("check", str(link))
    assert result.exit_code == 0, result.output
    assert _sha256(target) == before and link.is_symlink()
    assert (tmp_path / "链接.checked.xlsx").is_file()


def test_a_symbolic_link_loop_is_refused(tmp_path: Path) -> None:
    loop = tmp_path / "环.xlsx"
    loop.symlink_to(loop)
    result = _run("check", str(loop))
    assert result.exit_code == 2 and len(_lines(result.output)) == 1 and "无法读取" in result.output, result.output


# --- packages that lie about their parts --------------------------------------------------------------------
PACKAGES = {
    "duplicate": ({}, [("xl/workbook.xml", b"<x/>")], "同名部件"),
    "duplicate_by_case": ({}, [("XL/SharedStrings.xml", b"<x/>")], "同名部件"),
    "parent_path": ({}, [("../x", b"x")], "不合规"),
    "absolute_path": ({}, [("/etc/x", b"x")], "不合规"),
    "empty_shared_strings": ({"xl/sharedStrings.xml": lambda b: b""}, [], "损坏"),
    "empty_sheet": ({h.SECTION_PART: lambda b: b""}, [], "损坏"),
}


@pytest.mark.parametrize("case", list(PACKAGES))
def test_a_package_that_lies_is_refused(case: str, tmp_path: Path) -> None:
    edits, extra, phrase = PACKAGES[case]
    path = h.rewrite(tmp_path / f"{case}.xlsx", edits, extra=extra)
    before = _sha256(path)
    result = _run("check", str(path))
    assert result.exit_code == 2
    lines = _lines(result.output)
    assert len(lines) == 1 and path.name in lines[0] and "无法校验" in lines[0] and phrase in lines[0], lines
    assert _sha256(path) == before and sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_deeply_nested_xml_is_read_without_recursion(tmp_path: Path) -> None:
    path = h.rewrite(tmp_path / "nested.xlsx", {h.SECTION_PART: h.nested_sheet(200_000)})
    result = _run("check", "--no-copy", str(path))
    assert result.exit_code == 0, result.output


# --- what no scoring form holds: refused at once, with a reason ---------------------------------------------
def _rows(first: int, count: int, cols: int = 1) -> str:
    letters = [chr(65 + n) for n in range(cols)]
    return "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in letters) + "</row>"
                   for r in range(first, first + count))


def _noise(size: int) -> bytes:
    """Digits that compress about 2:1, so that the part passes the decompression-bomb ratio."""
    import random

    return "".join(random.Random(size).choices("0123456789", k=size)).encode()


LIMITS = {
    "rows_far_below": ({h.SECTION_PART: h.replace_once("</sheetData>", _rows(5000, 2_500) + "</sheetData>")},
                       "第 3000 行以下"),
    "too_many_cells": ({h.SECTION_PART: h.replace_once("</sheetData>", _rows(200, 700, 10) + "</sheetData>")},
                       "超过 5000 个单元格"),
    "shared_strings_too_large": (
        {"xl/sharedStrings.xml": lambda data: data.replace(b"</sst>", b"<si><t>" + _noise(3 * 2**20 // 2) + b"</t></si></sst>")},
        "共享字符串表"),
    "sheet_too_large": ({h.SECTION_PART: lambda data: data.replace(b"</sheetData>", b"</sheetData><!-- " + _noise(3 * 2**20 // 2) + b" -->")},
                        "解压后"),
}


@pytest.mark.parametrize("case", list(LIMITS))
def test_what_no_form_holds_is_refused_with_a_reason(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limits are lowered (same code path, smaller files): 5,000 cells, 2,000 beyond the form, 1 MiB parts."""
    monkeypatch.setattr("xlscore.reader.xlsx.MAX_CELLS", 5_000)
    monkeypatch.setattr("xlscore.reader.xlsx.MAX_OUT_OF_BOUNDS", 2_000)
    monkeypatch.setattr("xlscore.reader.xlsx.MAX_SHEET_BYTES", 2**20)
    monkeypatch.setattr("xlscore.reader.streaming.MAX_SHARED_STRINGS_BYTES", 2**20)
    edits, phrase = LIMITS[case]
    path = h.rewrite(tmp_path / f"{case}.xlsx", edits)
    before = _sha256(path)
    result = _run("check", str(path))
    assert result.exit_code == 2
    lines = _lines(result.output)
    assert len(lines) == 1 and "无法校验" in lines[0] and phrase in lines[0], lines
    assert _sha256(path) == before and sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_sheets_the_check_does_not_need_are_not_read(tmp_path: Path) -> None:
    """A broken sheet the form does not have (its part garbage) does not stop the check: it is never read."""
    from xlscore.check.checker import check_file

    workbook = h.replace_once("</sheets>", '<sheet name="贴进来的数据" sheetId="99" r:id="rIdJunk"/></sheets>')
    rels = lambda data: data.replace(b"</Relationships>", (  # noqa: E731
        b'<Relationship Id="rIdJunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'worksheet" Target="worksheets/junk.xml"/></Relationships>'))
    path = h.rewrite(tmp_path / "多一张表.xlsx", {"xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": rels},
                     extra=[("xl/worksheets/junk.xml", b"<not xml")])
    report = check_file(path)
    assert report.unreadable is None and report.exit_code in (0, 1)


# --- the checked copy -----------------------------------------------------------------------------------------
def test_a_streamed_sheet_gives_the_same_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every worksheet edited as a stub (its cells streamed past) gives the same copy, part for part."""
    import zipfile

    from xlscore.check.checker import check_file
    from xlscore.report import package
    from xlscore.report.copy import write_checked_copy

    source = h.FIXTURES / "typed_total.xlsx"
    report = check_file(source)
    plain = write_checked_copy(source, tmp_path / "plain.xlsx", report)
    seen: list[dict] = []  # type: ignore[type-arg]
    real = package.write_package

    def spy(archive, edits, target, streamed=None, removed=None):  # type: ignore[no-untyped-def]
        seen.append(dict(streamed or {}))
        return real(archive, edits, target, streamed, removed)

    monkeypatch.setattr(package, "STUB_MIN_BYTES", 0)
    monkeypatch.setattr("xlscore.report.copy.write_package", spy)
    streamed = write_checked_copy(source, tmp_path / "streamed.xlsx", report)
    assert seen and seen[0], "no sheet was streamed"
    with zipfile.ZipFile(plain) as a, zipfile.ZipFile(streamed) as b:
        assert a.namelist() == b.namelist()
        assert all(a.read(name) == b.read(name) for name in a.namelist())


def test_the_copy_drops_the_calc_chain_and_the_stale_sheet_list(tmp_path: Path) -> None:
    import zipfile

    from xlscore.check.checker import check_file
    from xlscore.report.copy import write_checked_copy
    from xlscore.report.outputs import CHECKED_COPY, written_by_xlscore

    calc_rel = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"
    app = (b'<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
           b'2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           b"<Application>Microsoft Excel</Application><HeadingPairs><vt:vector size=\"2\" baseType=\"variant\">"
           b"<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>"
           b"</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size=\"1\" baseType=\"lpstr\"><vt:lpstr>x</vt:lpstr>"
           b"</vt:vector></TitlesOfParts></Properties>")
    source = h.rewrite(tmp_path / "excel.xlsx", {
        "xl/_rels/workbook.xml.rels": lambda data: data.replace(
            b"</Relationships>", b'<Relationship Id="rIdCalc" Type="' + calc_rel + b'" Target="calcChain.xml"/></Relationships>'),
        "[Content_Types].xml": lambda data: data.replace(b"</Types>", (
            b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.calcChain+xml"/></Types>')),
        "docProps/app.xml": lambda data: app,
    }, extra=[("xl/calcChain.xml", b'<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                   b'<c r="I5" i="3"/></calcChain>')])
    copy = write_checked_copy(source, tmp_path / "excel.checked.xlsx", check_file(source))
    with zipfile.ZipFile(copy) as archive:
        assert "xl/calcChain.xml" not in archive.namelist()
        assert calc_rel not in archive.read("xl/_rels/workbook.xml.rels")
        assert b"calcChain" not in archive.read("[Content_Types].xml")
        kept = archive.read("docProps/app.xml")
        assert b"TitlesOfParts" not in kept and b"HeadingPairs" not in kept and b"Microsoft Excel" in kept
    assert written_by_xlscore(copy) == CHECKED_COPY and written_by_xlscore(source) is None


@pytest.mark.parametrize("target", ["[1]Sheet1!$A$1", "&apos;C:\\evil\\[x.xlsx]Sheet1&apos;!$A$1", "\\\\host\\share\\x.xlsx!A1"])
def test_a_defined_name_pointing_to_another_file_is_not_followed(target: str, tmp_path: Path) -> None:
    """The input cell's name points into another workbook: nothing is opened, the input is reported as lost."""
    old = 'name="XS_S1_I1_1_R1_SELF_IN" vbProcedure="false">&apos;1 客户服务中心AAAAA&apos;!$G$6'
    new = f'name="XS_S1_I1_1_R1_SELF_IN" vbProcedure="false">{target}'
    path = h.rewrite(tmp_path / "外部.xlsx", {"xl/workbook.xml": h.replace_once(old, new)})
    before = _sha256(path)
    result = _run("check", str(path))
    assert result.exit_code == 1, result.output
    assert any(" STR002 " in line and "XS_S1_I1_1_R1_SELF_IN" in line for line in _lines(result.stdout)), result.output
    assert _sha256(path) == before and (tmp_path / "外部.checked.xlsx").is_file()
