"""The one way xlscore writes a file: into a temporary file beside the target, then a rename.

Every output (the generated form, a checked copy, a summary) goes through :func:`write_atomically`,
so a reader never sees half a file, a failure leaves nothing behind, and every output gets the same
permissions: 0644 minus the user's umask, as a plain ``open()`` would give.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

FILE_MODE = 0o666  # before the umask, as open() does


def write_atomically(target: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write`` with a binary handle on a temporary file beside ``target``, then rename it over ``target``.

    The folder is created when missing. On any failure the temporary file is removed and the exception
    propagates; ``target`` is then unchanged.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".xlscore-", suffix=target.suffix or ".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.chmod(tmp, FILE_MODE & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_bytes_atomically(target: Path, data: bytes) -> Path:
    """:func:`write_atomically` for content already in memory."""
    return write_atomically(target, lambda handle: handle.write(data))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
