"""Gnumeric's ``ssconvert --recalc`` as a second spreadsheet engine (about a quarter of a second a file).

Gnumeric models booleans and exact comparisons as Excel documents them, so agreeing with it as well
as with LibreOffice shows the formulas do not lean on one engine's reading.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterable

TIMEOUT = 120.0


def find_ssconvert() -> str | None:
    return shutil.which("ssconvert")


def recalculate(paths: Iterable[str | os.PathLike[str]], outdir: str | os.PathLike[str]) -> dict[Path, Path]:
    """Open each workbook, recalculate every formula and save it as .xlsx in ``outdir``: source → result."""
    ssconvert = find_ssconvert()
    if ssconvert is None:
        raise RuntimeError("Gnumeric's ssconvert is not installed (Debian package gnumeric)")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    done: dict[Path, Path] = {}
    for source in map(Path, paths):
        target = out / source.name
        subprocess.run(
            [ssconvert, "--recalc", "-T", "Gnumeric_Excel:xlsx2", str(source), str(target)],
            check=True, capture_output=True, timeout=TIMEOUT,
        )
        done[source] = target
    return done
