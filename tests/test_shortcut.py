"""``xlscore serve --shortcut``: the desktop ``.cmd`` that starts the page, checked by its content (cmd.exe is not here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from xlscore.shortcut import NAMES, desktop_folder, serve_command, shortcut_text, write_shortcut

CMD_SPECIAL = set('&|<>^()%!"')


def _run(home: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "XLSCORE_LANG": "zh"}
    return subprocess.run([sys.executable, "-m", "xlscore", "serve", "--shortcut", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_the_command_writes_a_chinese_named_cmd_on_the_desktop(tmp_path: Path) -> None:
    (tmp_path / "Desktop").mkdir()
    result = _run(tmp_path, tmp_path, "--port", "8765")
    assert result.returncode == 0, result.stderr
    target = tmp_path / "Desktop" / "xlscore 考核评分.cmd"
    assert f"已写出 {target}" in result.stdout
    data = target.read_bytes()
    text = data.decode("utf-8")  # UTF-8, and no BOM in front of @echo off
    assert data.startswith(b"@echo off\r\nchcp 65001 >nul\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends CRLF, none bare LF
    run_line = [line for line in text.split("\r\n") if "-m xlscore serve" in line]
    assert run_line == [f"{sys.executable} -m xlscore serve --port 8765"]
    assert "pause" in text  # the window stays open on an error


def test_no_desktop_folder_means_the_current_folder_and_no_clobber(tmp_path: Path) -> None:
    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir()
    here.mkdir()
    first = _run(home, here)
    assert first.returncode == 0, first.stderr
    target = here / NAMES["zh"]
    before = target.read_bytes()
    target.write_bytes(b"mine")
    again = _run(home, here)
    assert again.returncode == 2 and "已存在" in again.stderr and "--force" in again.stderr
    assert target.read_bytes() == b"mine"
    forced = _run(home, here, "--force")
    assert forced.returncode == 0 and target.read_bytes() == before


def test_english_shortcut_passes_the_language_on(tmp_path: Path) -> None:
    written = write_shortcut(tmp_path, "en", None, ["--lang", "en"])
    assert written.name == "xlscore scoring page.cmd"
    assert "\r\npy -m xlscore serve --lang en\r\n" in written.read_bytes().decode("utf-8")
    with pytest.raises(FileExistsError):
        write_shortcut(tmp_path, "en", None)


def test_paths_with_spaces_and_chinese_are_quoted() -> None:
    interpreter = r"C:\Users\张三\AppData\Local\Programs\Python\Python312\python.exe"
    assert serve_command(interpreter) == interpreter + " -m xlscore serve"
    spaced = r"C:\Program Files\Python312\python.exe"
    assert serve_command(spaced) == f'"{spaced}" -m xlscore serve'


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_echoed_words_hold_nothing_cmd_would_parse(lang: str) -> None:
    """An echo inside the ``if errorlevel 1 ( … )`` block would end at a ``)``; ``&``, ``|``, ``<``, ``>``, ``%`` act too."""
    for line in shortcut_text(lang, None).split("\r\n"):
        stripped = line.strip()
        if stripped.startswith(("echo ", "title ")):
            assert not CMD_SPECIAL & set(stripped.split(" ", 1)[1]), line


def test_desktop_on_windows_follows_onedrive_then_the_profile(tmp_path: Path) -> None:
    profile, onedrive = tmp_path / "profile", tmp_path / "OneDrive"
    (profile / "Desktop").mkdir(parents=True)
    environ = {"USERPROFILE": str(profile), "OneDrive": str(onedrive)}
    assert desktop_folder("win32", environ, home=tmp_path) == profile / "Desktop"
    (onedrive / "Desktop").mkdir(parents=True)
    assert desktop_folder("win32", environ, home=tmp_path) == onedrive / "Desktop"


def test_desktop_elsewhere_is_home_desktop_else_cwd(tmp_path: Path) -> None:
    assert desktop_folder("linux", {}, home=tmp_path, cwd=tmp_path / "cwd") == tmp_path / "cwd"
    (tmp_path / "Desktop").mkdir()
    assert desktop_folder("linux", {}, home=tmp_path, cwd=tmp_path / "cwd") == tmp_path / "Desktop"
