"""When a returned workbook was last saved, by its own record (``docProps/core.xml``'s ``dcterms:modified``)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

CORE = "docProps/core.xml"
MAX_CORE_BYTES = 64 * 1024
_MODIFIED = "{http://purl.org/dc/terms/}modified"


def saved_at(path: str | Path) -> dt.datetime | None:
    """The save time the file records (UTC), or None when it records none or cannot be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(CORE)
            if info.file_size > MAX_CORE_BYTES:
                return None
            data = archive.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return None
    return _modified(data)


def _modified(data: bytes) -> dt.datetime | None:
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except Exception:  # noqa: BLE001 - any malformed or hostile XML: no save time
        return None
    node = root.find(_MODIFIED)
    text = (node.text or "").strip() if node is not None else ""
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)
