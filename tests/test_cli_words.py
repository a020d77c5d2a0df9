"""click's usage errors speak the user's language: the same facts (name, value, suggestion, choices), exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from xlscore.cli import main

# (arguments, facts the message must carry, the zh sentence, the en sentence)
CASES = [
    (["check"], ["'PATHS...'"], "缺少参数", "Missing argument"),
    (["check", "--bogus", "x.xlsx"], ["'--bogus'", "'--jobs'"], "您是不是要输入", "Did you mean"),
    (["chek"], ["'chek'", "'check'"], "没有命令", "No such command"),
    (["rubric", "chek"], ["'chek'", "'check'"], "您是不是要输入", "Did you mean"),
    (["check", "--jobs", "abc", "x.xlsx"], ["'--jobs'", "'abc'"], "不是整数", "is not a whole number"),
    (["check", "--jobs", "0", "x.xlsx"], ["'--jobs'", "0", "x>=1"], "不在允许的范围内", "is not in the range"),
    (["check", "x.xlsx", "--format"], ["'--format'"], "后面缺少值", "requires a value"),
    (["check", "--format", "xml", "x.xlsx"], ["'--format'", "'xml'", "text, json"], "不是可选值", "is not one of"),
    (["--lang", "fr", "check", "x.xlsx"], ["'--lang'", "'fr'", "zh, en"], "不是可选值", "is not one of"),
    (["check", "--no-copy=yes", "x.xlsx"], ["'--no-copy'"], "不接受值", "does not take a value"),
    (["rubric", "show", "a.yaml", "b.yaml"], ["b.yaml"], "多余的参数", "Unexpected extra argument"),
    (["generate", "--rubric", "{folder}"], ["'--rubric'", "'{folder}'"], "是文件夹,这里需要文件", "is a folder"),
    (["rubric", "import"], ["'FILE'"], "缺少参数", "Missing argument"),
]

# What a zh message may contain besides Chinese: what the user typed, names of options and arguments, punctuation.
LATIN = re.compile(r"[A-Za-z][A-Za-z ]{3,}[A-Za-z]")


def _invoke(args: list[str], lang: str, folder: Path):  # type: ignore[no-untyped-def]
    args = [a.replace("{folder}", str(folder)) for a in args]
    return CliRunner().invoke(main, args, prog_name="xlscore", env={"XLSCORE_LANG": "en" if lang == "en" else None})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("args", "facts", "zh", "en"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_usage_errors_in_the_users_language(args: list[str], facts: list[str], zh: str, en: str, lang: str,
                                            tmp_path: Path) -> None:
    result = _invoke(args, lang, tmp_path)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    text = result.stderr
    assert "Traceback" not in text and result.stdout == ""
    for fact in facts:
        assert fact.replace("{folder}", str(tmp_path)) in text
    lines = text.splitlines()
    command = "xlscore " + " ".join(a for a in args[:2] if a.isalpha() and a in {"check", "rubric", "generate",
                                                                                  "import", "show"})
    if lang == "zh":
        assert zh in lines[-1] and lines[-1].startswith("错误:")
        assert lines[0].startswith("用法:") and lines[1] == f"运行 '{command.strip()} --help' 查看帮助。"
        typed = {a.replace("{folder}", str(tmp_path)) for a in args + facts}  # what was typed, or suggested
        for word in LATIN.findall(lines[-1]):
            assert any(word in t for t in typed), (word, lines[-1])
    else:
        assert en in lines[-1] and lines[-1].startswith("Error: ")
        assert lines[0].startswith("Usage: ") and lines[1] == f"Try '{command.strip()} --help' for help."
        assert not re.search(r"[\u4e00-\u9fff]", text)


def test_an_unknown_command_error_has_no_english_sentence() -> None:
    """The case of the report: no "Missing argument", "Error:" or "Try" left in a Chinese error."""
    result = CliRunner().invoke(main, ["check"], prog_name="xlscore", env={"XLSCORE_LANG": None})
    assert result.stderr == "用法:xlscore check [OPTIONS] PATHS...\n运行 'xlscore check --help' 查看帮助。\n错误:缺少参数 'PATHS...'。\n"


def test_lang_after_the_error_still_chooses_the_language() -> None:
    result = CliRunner().invoke(main, ["check", "--bogus", "--lang", "en"], prog_name="xlscore",
                                env={"XLSCORE_LANG": None})
    assert result.exit_code == 2 and "Error: No such option '--bogus'." in result.stderr


def test_an_interrupted_run_is_worded_and_exits_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import xlscore.batch.plan as plan

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(plan, "plan_check", interrupted)
    result = CliRunner().invoke(main, ["check", str(tmp_path)], prog_name="xlscore", env={"XLSCORE_LANG": None})
    assert result.exit_code == 2 and result.stderr.strip() == "已中止。"


def test_control_characters_typed_are_shown_escaped() -> None:
    result = CliRunner().invoke(main, ["rubric", "show", "a.yaml", "b\x1b[31m.yaml"], prog_name="xlscore",
                                env={"XLSCORE_LANG": None})
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "多余的参数" in result.stderr


@pytest.mark.parametrize(("lang", "expected"), [("zh", "错误:无法打开文件 '报告.txt':Permission denied"),
                                                ("en", "Error: Could not open file '报告.txt': Permission denied")])
def test_a_file_error_is_worded_and_exits_2(lang: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """No xlscore option opens a file through click today; should one do, its error is worded like the rest."""
    from xlscore.cli_errors import worded

    monkeypatch.setenv("XLSCORE_LANG", lang)
    monkeypatch.setattr("sys.argv", ["xlscore"])
    error = worded(click.FileError("报告.txt", "Permission denied"))
    assert isinstance(error, click.ClickException) and error.exit_code == 2 and error.message == expected


@pytest.mark.parametrize(("env_lang", "args", "expected"), [
    (None, ["--version"], "xlscore 版本 "),
    (None, ["--version", "--lang", "en"], "xlscore, version "),
    ("en", ["--version"], "xlscore, version "),
])
def test_version_line_in_the_users_language(env_lang: str | None, args: list[str], expected: str) -> None:
    import os
    import subprocess
    import sys

    from xlscore import __version__

    env = {k: v for k, v in os.environ.items() if k != "XLSCORE_LANG"}
    if env_lang:
        env["XLSCORE_LANG"] = env_lang
    done = subprocess.run([sys.executable, "-m", "xlscore", *args], capture_output=True, text=True, env=env,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected + __version__
