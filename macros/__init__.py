"""The VBA module of the 校验 button, shipped as package data (``xlscore.macros``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

BAS = "xlscore.bas"


def bas_path() -> Path:
    """Where the installed package keeps ``xlscore.bas``."""
    return Path(str(resources.files("xlscore.macros").joinpath(BAS)))


def export_bas(folder: Path, *, force: bool = False) -> Path:
    """Write ``xlscore.bas`` into ``folder`` (created when missing); raises FileExistsError unless ``force``."""
    from xlscore.atomic import write_bytes_atomically

    target = folder / BAS
    if target.exists() and not force:
        raise FileExistsError(0, "exists", str(target))
    return write_bytes_atomically(target, bas_path().read_bytes())
