"""The command line's contract: exit codes, outputs that never clobber, linter conventions, terminal safety."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import hostile as h
from xlscore.cli import main
from xlscore.report.outputs import CHECKED_COPY, SUMMARY, written_by_xlscore

TYPED = h.FIXTURES / "typed_total.xlsx"  # 5 errors


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture()
def unit(tmp_path: Path) -> Path:
    path = tmp_path / "城南.xlsx"
    shutil.copyfile(TYPED, path)
    return path


# --- outputs never clobber ------------------------------------------------------------------------------------
def test_summary_over_an_input_is_refused_even_with_force(unit: Path) -> None:
    before = _sha256(unit)
    for extra in ([], ["--force"]):
        result = _run("check", "--no-copy", str(unit), "--summary", str(unit), *extra)
        assert result.exit_code == 2
        assert "是要校验的文件之一" in result.stderr
        assert _sha256(unit) == before


def test_copy_over_another_input_is_refused(unit: Path, tmp_path: Path) -> None:
    """``check x.xlsx x.checked.xlsx``: the second input is not replaced by the first one's copy."""
    second = tmp_path / "城南.checked.xlsx"
    shutil.copyfile(h.CLEAN, second)
    before = _sha256(second)
    result = _run("check", str(unit), str(second))
    assert result.exit_code == 2
    assert "未写出校验副本" in result.stderr and "是要校验的文件之一" in result.stderr
    assert _sha256(second) == before
    assert "城南.checked.xlsx:0 个错误" in result.stdout  # the second input is still checked


def test_foreign_files_are_not_replaced_without_force(unit: Path, tmp_path: Path) -> None:
    mine = tmp_path / "我的.xlsx"
    mine.write_bytes(b"precious")
    for option in ("--summary", "--copy-to"):
        args = ["check", str(unit), option, str(mine)] + (["--no-copy"] if option == "--summary" else [])
        result = _run(*args)
        assert result.exit_code == 2, result.output
        assert "不是 xlscore 写出的文件" in result.stderr and mine.read_bytes() == b"precious"
    result = _run("check", str(unit), "--copy-to", str(mine), "--force")
    assert result.exit_code == 1 and written_by_xlscore(mine) == CHECKED_COPY


def test_a_users_file_at_the_copy_name_is_not_replaced(unit: Path, tmp_path: Path) -> None:
    """The name NAME.checked.xlsx alone does not make a file xlscore's: a workbook of the user's own is kept."""
    copy = tmp_path / "城南.checked.xlsx"
    shutil.copyfile(unit, copy)  # a workbook, but not a checked copy
    before = _sha256(copy)
    result = _run("check", str(unit))
    assert result.exit_code == 2 and "不是 xlscore 写出的文件" in result.stderr and _sha256(copy) == before


def test_an_unmarked_copy_from_before_the_mark_is_replaced(unit: Path, tmp_path: Path) -> None:
    """A checked copy written before copies were marked (first sheet 差异表, no mark) is replaced on a re-check."""
    import zipfile

    copy = tmp_path / "城南.checked.xlsx"
    assert _run("check", str(unit)).exit_code == 1
    unmarked = tmp_path / "unmarked.xlsx"
    with zipfile.ZipFile(copy) as source, zipfile.ZipFile(unmarked, "w") as out:
        for info in source.infolist():
            if info.filename != "docProps/custom.xml":
                out.writestr(info, source.read(info))
    unmarked.replace(copy)
    assert written_by_xlscore(copy) is None
    assert _run("check", str(unit)).exit_code == 1
    assert written_by_xlscore(copy) == CHECKED_COPY


def test_outputs_are_marked_and_replaced_on_the_next_run(unit: Path, tmp_path: Path) -> None:
    summary = tmp_path / "汇总.xlsx"
    for _ in range(2):
        result = _run("check", str(unit), "--summary", str(summary))
        assert result.exit_code == 1, result.output
    assert written_by_xlscore(summary) == SUMMARY
    assert written_by_xlscore(tmp_path / "城南.checked.xlsx") == CHECKED_COPY


def test_a_summary_inside_the_checked_folder_is_skipped_with_a_note(unit: Path, tmp_path: Path) -> None:
    summary = tmp_path / "汇总.xlsx"
    assert _run("check", "--no-copy", str(tmp_path), "--summary", str(summary)).exit_code == 1
    again = _run("check", "--no-copy", str(tmp_path), "--summary", str(summary))
    assert again.exit_code == 1, again.output  # not 2: the old summary is not a workbook that failed
    assert "汇总.xlsx" in again.stderr and "跳过 xlscore 写出的汇总表" in again.stderr
    assert "共检查" not in again.stdout  # one file checked: the unit


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_read_only_copy_is_left_alone(unit: Path, tmp_path: Path) -> None:
    copy = tmp_path / "城南.checked.xlsx"
    copy.write_bytes(b"old")
    copy.chmod(0o444)
    result = _run("check", str(unit))
    assert result.exit_code == 2 and "只读" in result.stderr and copy.read_bytes() == b"old"


def test_a_target_open_in_excel_is_one_line_and_exit_2(unit: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows, os.replace over a file Excel holds open raises PermissionError: simulated here."""
    copy = tmp_path / "城南.checked.xlsx"
    assert _run("check", str(unit)).exit_code == 1
    before = _sha256(copy)
    real = os.replace

    def locked(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(dst).name in ("城南.checked.xlsx", "汇总.xlsx") and Path(dst).exists():
            raise PermissionError(13, "Permission denied", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", locked)
    summary = tmp_path / "汇总.xlsx"
    assert _run("check", "--no-copy", str(unit), "--summary", str(summary)).exit_code == 1
    result = _run("check", str(unit), "--summary", str(summary))
    assert result.exit_code == 2
    notes = [line for line in _lines(result.stderr) if "关闭" in line]
    assert len(notes) == 2 and all("请先在 Excel/WPS 中关闭" in line for line in notes), result.stderr
    assert ".xlscore-" not in result.output  # no temporary file named
    assert _sha256(copy) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["城南.checked.xlsx", "城南.xlsx", "汇总.xlsx"]


def test_no_copy_with_copy_to_is_a_usage_error(unit: Path, tmp_path: Path) -> None:
    result = _run("check", str(unit), "--no-copy", "--copy-to", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2 and "--no-copy" in result.output


def test_the_old_o_option_is_gone(unit: Path, tmp_path: Path) -> None:
    """``-o`` would mean the report file to a linter user; it is refused, not silently reinterpreted."""
    result = _run("check", str(unit), "-o", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2 and not (tmp_path / "x.xlsx").exists()


# --- linter conventions ---------------------------------------------------------------------------------------
def test_each_line_has_severity_and_an_excel_quoted_sheet(unit: Path) -> None:
    result = _run("check", "--no-copy", str(unit))
    # a root's consequences are summarised on an indented 影响 line under it
    findings = [line for line in _lines(result.stdout)[:-1] if not line.startswith("    ")]
    assert findings and all((f"{unit}:'" in line and ("': " in line or "!" in line)) or line.startswith(f"{unit}: ")
                            for line in findings)
    assert all(" 错误 " in line or " 警告 " in line or " 提示 " in line for line in findings)
    english = _run("check", "--no-copy", "--lang", "en", str(unit))
    assert all(" error " in line or " warning " in line or " note " in line
               for line in _lines(english.stdout)[:-1] if not line.startswith("    "))


def test_quiet_select_ignore_and_exit_zero(unit: Path) -> None:
    full = _lines(_run("check", "--no-copy", str(unit)).stdout)
    codes = {line.split(" 错误 ", 1)[1].split()[0] for line in full if " 错误 " in line}
    assert codes, full
    quiet = _run("check", "--no-copy", "-q", str(unit))
    assert _lines(quiet.stdout) == full[-1:] and quiet.exit_code == 1
    prefix = sorted(codes)[0][:2]
    selected = _lines(_run("check", "--no-copy", "--select", prefix, str(unit)).stdout)
    assert selected[:-1] and all(f" {prefix}" in line for line in selected[:-1] if not line.startswith("    "))
    ignored = _run("check", "--no-copy", "--ignore", ",".join(sorted(codes)), str(unit))
    # no errors left (nor what only followed from them); warnings stay
    assert ignored.exit_code == 0 and not any(" 错误 " in line or line.startswith("    ") for line in _lines(ignored.stdout))
    zero = _run("check", "--no-copy", "--exit-zero", str(unit))
    assert zero.exit_code == 0 and _lines(zero.stdout) == full
    bad = _run("check", "--no-copy", "--select", "NOPE", str(unit))
    assert bad.exit_code == 2 and "NOPE" in bad.output


def test_exit_zero_never_hides_a_file_that_could_not_be_checked(tmp_path: Path) -> None:
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04broken")
    assert _run("check", "--exit-zero", str(broken)).exit_code == 2


def test_output_file_is_utf8_and_json_names_each_copy(unit: Path, tmp_path: Path) -> None:
    report = tmp_path / "报告.json"
    result = _run("check", "--format", "json", "--output-file", str(report), str(unit))
    assert result.exit_code == 1 and result.stdout == ""
    document = json.loads(report.read_bytes().decode("utf-8"))
    assert document["files"][0]["checked_copy"] == str(tmp_path / "城南.checked.xlsx")
    assert document["files"][0]["copy_error"] is None
    text = tmp_path / "报告.txt"
    _run("check", "--no-copy", "--output-file", str(text), str(unit))
    assert "个错误" in text.read_bytes().decode("utf-8")


def test_output_file_may_not_be_an_input(unit: Path) -> None:
    before = _sha256(unit)
    for extra in ([], ["--force"]):
        result = _run("check", "--no-copy", "--output-file", str(unit), str(unit), *extra)
        assert result.exit_code == 2 and _sha256(unit) == before
        assert "是要校验的文件之一" in result.stderr


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_output_file_over_a_foreign_file_needs_force(unit: Path, tmp_path: Path, output_format: str) -> None:
    report = tmp_path / "notes.txt"
    report.write_text("my own notes\n", encoding="utf-8")
    args = ("check", "--no-copy", "--format", output_format, "--output-file", str(report), str(unit))
    refused = _run(*args)
    assert refused.exit_code == 2 and "不是 xlscore 写出的文件" in refused.stderr
    assert report.read_text(encoding="utf-8") == "my own notes\n"
    assert _run(*args, "--force").exit_code == 1
    assert report.read_text(encoding="utf-8") != "my own notes\n"
    again = _run(*args)  # xlscore's own report is replaced without --force, in either language
    assert again.exit_code == 1, again.stderr
    assert _run(*args, "--lang", "en").exit_code == 1


def test_output_file_is_written_atomically(unit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report goes through the one atomic writer; a failed write leaves the previous report whole."""
    import xlscore.atomic as atomic

    report = tmp_path / "报告.txt"
    assert _run("check", "--no-copy", "--output-file", str(report), str(unit)).exit_code == 1
    before = report.read_bytes()
    targets: list[Path] = []
    real = atomic.write_atomically

    def failing(target: Path, write):  # type: ignore[no-untyped-def]
        targets.append(Path(target))

        def half(handle):  # type: ignore[no-untyped-def]
            handle.write(b"half a report")
            raise OSError(28, "No space left on device")

        return real(target, half)

    monkeypatch.setattr(atomic, "write_atomically", failing)
    result = _run("check", "--no-copy", "--output-file", str(report), str(unit))
    assert targets == [report]
    assert result.exit_code == 2 and f"无法写入 {report}" in result.stderr
    assert report.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["城南.xlsx", "报告.txt"])


# --- rubric commands ---------------------------------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_rubric_check_of_a_pipe_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "细则.yaml"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "xlscore", "rubric", "check", str(fifo)],
                          capture_output=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 2


# --- terminal safety ---------------------------------------------------------------------------------------------
def test_control_characters_from_cells_and_names_are_shown_escaped(tmp_path: Path) -> None:
    """A CR in a cell's text and an escape sequence in the file name cannot forge or break lines."""
    name = "evil\x1b]0;pwned\x07\nfake.xlsx"
    path = h.with_input(tmp_path / name, h.text_cell("12&#13;x.xlsx: 0 个错误"))  # &#13;: a raw CR reads as LF
    result = _run("check", "--no-copy", str(path))
    assert "\x1b" not in result.output and "\r" not in result.output and "\x07" not in result.output
    assert "\\x1b" in result.output and "\\r" in result.output and "\\n" in result.output
    lines = _lines(result.stdout)
    assert all(line.startswith(str(tmp_path)) for line in lines), lines  # every line is one finding or the count


def test_a_gbk_console_gets_replacements_not_a_crash(tmp_path: Path) -> None:
    """A Chinese Windows console (cp936) cannot show every character; xlscore replaces, never crashes."""
    path = h.with_input(tmp_path / "单位😀.xlsx", h.text_cell("１２😀"))
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    done = subprocess.run([sys.executable, "-m", "xlscore", "check", "--no-copy", str(path)], capture_output=True,
                          timeout=120, env=env)
    assert done.returncode == 1, done.stderr.decode("gbk", "replace")
    out = done.stdout.decode("gbk")  # decodes: what was written is valid GBK
    assert "单位?.xlsx" in out and "个错误" in out and b"Traceback" not in done.stderr


# --- help ----------------------------------------------------------------------------------------------------------
def test_help_is_chinese_by_default_and_english_on_request() -> None:
    def helped(*args: str, lang: str | None = None) -> str:
        env = {k: v for k, v in os.environ.items() if k != "XLSCORE_LANG"}
        if lang:
            env["XLSCORE_LANG"] = lang
        done = subprocess.run([sys.executable, "-m", "xlscore", *args], capture_output=True, text=True,
                              encoding="utf-8", timeout=60, env={**env, "PYTHONIOENCODING": "utf-8"})
        assert done.returncode == 0, done.stderr
        return done.stdout

    chinese = helped("check", "--help")
    assert "用法:" in chinese and "选项:" in chinese and "校验填好的评分表" in chinese and "显示此帮助并退出" in chinese
    english = helped("--lang", "en", "check", "--help")
    assert "Usage:" in english and "Check filled workbooks" in english and "用法" not in english
    assert "Check filled workbooks" in helped("check", "--help", lang="en")
    assert "English workbook" in helped("--lang", "en", "generate", "--help").replace("\n", " ").replace("  ", " ")


# --- the summary writes workbook text as text ----------------------------------------------------------------------
def test_unit_names_that_look_like_links_stay_text(tmp_path: Path) -> None:
    """Unit names typed on 封面 that look like a URL, a network share or a formula reach the summary as text."""
    names = ["http://evil.example/x", "external:\\\\host\\share\\x.xlsx", "=1+1"]
    for index, name in enumerate(names):
        cover = '<c r="C6" s="4" t="inlineStr"><is><t>' + name + "</t></is></c>"
        h.rewrite(tmp_path / f"u{index}.xlsx", {"xl/worksheets/sheet1.xml": h.replace_once('<c r="C6" s="4" t="s"><v>3</v></c>', cover)})
    summary = tmp_path / "汇总.xlsx"
    result = _run("check", "--no-copy", str(tmp_path), "--summary", str(summary))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(summary) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    rels = b"".join(data for name, data in parts.items() if name.endswith(".rels"))
    assert b"evil.example" not in rels and b"host" not in rels  # no hyperlink relationship to either
    assert not any(b"<hyperlink" in data for data in parts.values())
    assert not any(b"<f>1+1</f>" in data for data in parts.values())
    text = b"".join(parts.values())
    assert b"http://evil.example/x" in text and b"external:\\\\host" in text


def test_shell_completion_script_as_the_readme_says() -> None:
    env = {**os.environ, "_XLSCORE_COMPLETE": "bash_source"}
    done = subprocess.run([sys.executable, "-c", "from xlscore.cli import main; main(prog_name='xlscore')"],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0 and "_XLSCORE_COMPLETE" in done.stdout and "complete " in done.stdout, done.stderr


def test_the_progress_bar_is_cleared_before_each_result_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a shared terminal the bar (stderr) is taken off its line before a result line (stdout) is printed."""
    from xlscore.report.console import console

    events: list[tuple[str, str]] = []

    class Stream:
        def __init__(self, name: str, tty: bool) -> None:
            self.name, self.tty = name, tty

        def isatty(self) -> bool:
            return self.tty

        def write(self, text: str) -> int:
            events.append((self.name, text))
            return len(text)

        def flush(self) -> None:
            pass

    monkeypatch.setattr(sys, "stderr", Stream("err", True))
    out = Stream("out", True)
    with console(3, "zh") as shown:
        monkeypatch.setattr(shown, "out", out)
        for n in range(3):
            shown.step()
            shown.line(f"result {n}")
    for index, (name, text) in enumerate(events):
        if name == "out" and text.startswith("result"):
            before = [t for s, t in events[:index] if s == "err"]
            assert before and before[-1].startswith("\r\x1b[K"), events[:index]
            after = [t for s, t in events[index + 1:] if s == "err"]
            assert after and "校验中" in "".join(after)  # drawn again below the line


def test_windows_paths_are_printed_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A name with backslashes and a drive letter (a legal file name here) comes out exactly as typed."""
    monkeypatch.chdir(tmp_path)
    name = "D:\\考核\\2026年第一季度各单位回收的评分表\\城南客服中心.xlsx"
    Path(name).write_bytes(b"not a workbook")
    result = _run("check", name)
    assert result.exit_code == 2 and result.output.startswith(name + ": 无法校验"), result.output
