"""``xlscore serve --shortcut``: a double-clickable ``.cmd`` on the desktop that starts the web page.

Where it goes: on Windows the user's Desktop folder as the shell knows it (``SHGetKnownFolderPath``,
so a Desktop that OneDrive or a policy redirected is found), else ``%USERPROFILE%\\Desktop``;
elsewhere ``~/Desktop`` when it exists, else the current folder.

What it holds, for cmd.exe: CRLF line ends; the interpreter that made the shortcut (the one xlscore is
installed in) runs ``-m xlscore serve``, or ``py -m xlscore serve`` when that interpreter is unknown.

Encoding: cmd.exe reads a batch file line by line in the console's code page (936, GBK, on a Chinese
Windows), and a user's folder may have a Chinese name (``C:\\Users\\张三``). The file is UTF-8 without a
BOM (a BOM would spoil the first line), and its first line, pure ASCII, switches the console to UTF-8
(``chcp 65001``), so every later line, the interpreter's path and the Chinese window title included, is
read as written. Python writes to the console in UTF-16 whatever the code page, so its messages are
unaffected. When the window closes after an error, ``pause`` keeps the message on screen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from xlscore.atomic import write_bytes_atomically
from xlscore.i18n import pick

NAMES = {"zh": "xlscore 考核评分.cmd", "en": "xlscore scoring page.cmd"}
TITLES = {"zh": "xlscore 考核评分网页", "en": "xlscore scoring page"}
NOTICES = {
    "zh": "正在启动考核评分网页,浏览器会自动打开。使用期间请不要关闭此窗口;用完后关闭此窗口即可。",
    "en": "Starting the scoring page; the browser opens by itself. Keep this window open while you use it; close it when done.",
}
FAILED = {
    "zh": "网页未能启动,请看上面的提示;常见原因见《使用指南》的“安装出错时”一节。",
    "en": "The page did not start; see the message above. Common causes: the guide's section on installation problems.",
}


def shortcut_name(lang: str) -> str:
    return pick(NAMES, lang)


def desktop_folder(platform: str = sys.platform, environ: Mapping[str, str] | None = None,
                   home: Path | None = None, cwd: Path | None = None) -> Path:
    """The folder a shortcut goes to (see the module's docstring)."""
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    if platform == "win32":
        found = _windows_desktop() if sys.platform == "win32" else None
        if found is not None:
            return found
        profile = environ.get("USERPROFILE")
        for base in (environ.get("OneDrive"), profile):
            if base and Path(base, "Desktop").is_dir():
                return Path(base, "Desktop")
        return Path(profile, "Desktop") if profile else home / "Desktop"
    desktop = home / "Desktop"
    return desktop if desktop.is_dir() else (Path.cwd() if cwd is None else cwd)


def _windows_desktop() -> Path | None:  # pragma: no cover - Windows only
    """The Desktop known folder from the Windows shell, wherever it was redirected; None when unavailable."""
    import ctypes
    import uuid
    from ctypes import wintypes

    class GUID(ctypes.Structure):
        _fields_ = [("data1", wintypes.DWORD), ("data2", wintypes.WORD), ("data3", wintypes.WORD),
                    ("data4", ctypes.c_ubyte * 8)]

    raw = uuid.UUID("{B4BFCC3A-DB2C-424C-B029-7FE99A87C641}").bytes_le  # FOLDERID_Desktop
    guid = GUID.from_buffer_copy(raw)
    path = ctypes.c_wchar_p()
    try:
        shell32, ole32 = ctypes.windll.shell32, ctypes.windll.ole32  # type: ignore[attr-defined]
        if shell32.SHGetKnownFolderPath(ctypes.byref(guid), 0, None, ctypes.byref(path)) != 0:
            return None
        found = Path(path.value) if path.value else None
        ole32.CoTaskMemFree(path)
    except (AttributeError, OSError):
        return None
    return found if found is not None and found.is_dir() else None


def _quoted(argument: str) -> str:
    return f'"{argument}"' if any(ch in argument for ch in ' &()^%!"') or not argument else argument


def serve_command(interpreter: str | None, options: Sequence[str] = ()) -> str:
    """The command line of the shortcut: the given interpreter, else the ``py`` launcher, running ``-m xlscore serve``."""
    start = _quoted(interpreter) if interpreter else "py"
    return " ".join([start, "-m", "xlscore", "serve", *(_quoted(option) for option in options)])


def shortcut_text(lang: str, interpreter: str | None, options: Sequence[str] = ()) -> str:
    """The ``.cmd`` file's text, lines joined by CRLF (cmd.exe's line end), ending with one."""
    lines = [
        "@echo off",
        "chcp 65001 >nul",
        f"title {pick(TITLES, lang)}",
        f"echo {pick(NOTICES, lang)}",
        serve_command(interpreter, options),
        "if errorlevel 1 (",
        f"  echo {pick(FAILED, lang)}",
        "  pause",
        ")",
    ]
    return "\r\n".join(lines) + "\r\n"


def running_interpreter() -> str | None:
    """The interpreter xlscore runs in, which has it installed; None when Python cannot say (embedded)."""
    executable = sys.executable or ""
    if not executable:
        return None
    path = Path(executable)
    if path.stem.lower() == "pythonw":  # a windowless interpreter would hide the page's address and errors
        path = path.with_name("python" + path.suffix)
    return str(path)


def write_shortcut(folder: Path, lang: str, interpreter: str | None, options: Sequence[str] = (),
                   force: bool = False) -> Path:
    """Write the shortcut into ``folder``; FileExistsError when one is there and ``force`` is not given."""
    target = folder / shortcut_name(lang)
    if target.exists() and not force:
        raise FileExistsError(17, "exists", str(target))
    return write_bytes_atomically(target, shortcut_text(lang, interpreter, options).encode("utf-8"))
