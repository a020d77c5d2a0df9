"""scripts/render_previews.py: the print previews shown in docs/workbook.md are produced by a script that runs.

Rendering needs LibreOffice and poppler; without them the rendering test is skipped (the committed
images are still checked).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "render_previews.py"
COMMITTED = ROOT / "docs" / "img"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Every page the script renders: the blank form, a filled form, a checked copy, a summary.
RENDERED = ("cover.png", "guide.png", "section1-page1.png", "form-summary.png", "filled-section1.png",
            "filled-summary.png", "checked-copy.png", "summary-units.png", "summary-items.png")


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) from the PNG's IHDR chunk; fails when the file is not a PNG."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE and head[12:16] == b"IHDR", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


def _assert_previews(folder: Path) -> None:
    cover_w, cover_h = png_size(folder / "cover.png")
    section_w, section_h = png_size(folder / "section1-page1.png")
    assert cover_h > cover_w, "the cover prints portrait"
    assert section_w > section_h, "a section sheet prints landscape"
    # A4 at 80 dpi is about 661 × 935 pixels.
    assert 600 < min(section_w, section_h) < 720 and 880 < max(section_w, section_h) < 990


@pytest.mark.engine
@pytest.mark.skipif(not all(shutil.which(t) for t in ("soffice", "pdftoppm", "pdftotext")),
                    reason="needs LibreOffice (soffice) and poppler (pdftoppm, pdftotext)")
def test_script_renders_both_pages(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path / "img")], capture_output=True,
                          text=True, timeout=600, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "img").iterdir()) == sorted(RENDERED)
    _assert_previews(tmp_path / "img")


def test_committed_previews_exist() -> None:
    _assert_previews(COMMITTED)
    for name in RENDERED:
        png_size(COMMITTED / name)
