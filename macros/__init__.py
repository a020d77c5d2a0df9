"""The VBA module of the 校验 button, shipped as package data (``xlscore.macros``)."""

from __future__ import annotations

import os
import tempfile
from importlib import resources
from pathlib import Path

BAS = "xlscore.bas"


def bas_path() -> Path:
    """Where the installed package keeps ``xlscore.bas``."""
    return Path(str(resources.files("xlscore.macros").joinpath(BAS)))


def export_bas(folder: Path, *, force: bool = False) -> Path:
    """Write ``xlscore.bas`` into ``folder`` atomically; raises FileExistsError unless ``force``."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / BAS
    if target.exists() and not force:
        raise FileExistsError(0, "exists", str(target))
    fd, tmp = tempfile.mkstemp(prefix=".xlscore-", suffix=".bas", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(bas_path().read_bytes())
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
