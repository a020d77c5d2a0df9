"""What the wheel carries for users: the VBA module (and ``macros export``), the web page's templates and assets."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner

from xlscore.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_macros_export_writes_the_shipped_module_and_never_overwrites(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["macros", "export", str(tmp_path / "宏")])
    assert result.exit_code == 0, result.output
    written = tmp_path / "宏" / "xlscore.bas"
    assert written.read_bytes() == (ROOT / "macros" / "xlscore.bas").read_bytes()
    written.write_bytes(b"edited")
    again = CliRunner().invoke(main, ["macros", "export", str(tmp_path / "宏")])
    assert again.exit_code == 2 and "--force" in again.output
    assert written.read_bytes() == b"edited"
    forced = CliRunner().invoke(main, ["macros", "export", str(tmp_path / "宏"), "--force"])
    assert forced.exit_code == 0 and written.read_bytes() == (ROOT / "macros" / "xlscore.bas").read_bytes()


def test_wheel_ships_the_module_and_the_web_page(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = tmp_path.glob("xlscore-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("xlscore/macros/xlscore.bas", "xlscore/web/templates/index.html", "xlscore/web/static/app.js",
                   "xlscore/web/static/app.css", "xlscore/templates/csc.yaml"):
        assert needed in names, needed
    assert not any(name.startswith(("tests/", "xlscore/testing/")) for name in names)
