"""WPS in-cell pictures: a cell whose formula is ``DISPIMG("ID_…",1)`` shows a picture of ``xl/cellimages.xml``.

WPS writes the formula as ``_xlfn.DISPIMG("ID_…",1)`` with the text ``=DISPIMG("ID_…",1)`` as its
cached value; Excel, which has no such function, shows ``#NAME?`` and keeps that after a save; a
cell may also have no cached value at all. Whatever the value, the cell holds a picture.
"""

from __future__ import annotations

import re

_DISPIMG = re.compile(r'^\s*=?\s*@?\s*(?:_xlfn\.)?DISPIMG\s*\(\s*"([^"]*)"\s*,\s*\d+\s*\)\s*$', re.IGNORECASE)


def picture_id(formula: str | None) -> str | None:
    """The picture's id when ``formula`` (without ``=``) is a DISPIMG call, else None."""
    if not formula or "DISPIMG" not in formula.upper():
        return None
    match = _DISPIMG.match(formula)
    return match.group(1) if match else None


def shown_text(picture: str) -> str:
    """What WPS stores and shows as the cell's text: ``=DISPIMG("ID_…",1)``."""
    return f'=DISPIMG("{picture}",1)'
