"""Rows and cells without ``r`` attributes: positions follow from order (ECMA-376 allows it).

A gap between two cells of a row is filled with empty ``<c/>`` elements and a gap between rows with
empty ``<row/>`` elements, so that every position is still where order puts it.
"""

from __future__ import annotations

import re

from .cells import CELL, Cell, cells
from .parts import Parts

ROW = re.compile(r"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.DOTALL)


def without_refs(parts: Parts) -> None:
    for _name, part in parts.sheets():
        if parts.has(part):
            parts.put(part, _strip(parts.text(part)))


def _strip(xml: str) -> str:
    data = re.search(r"(<sheetData\b[^>]*>)(.*?)(</sheetData>)", xml, re.DOTALL)
    if data is None:
        return xml
    out, previous = [], 0
    for row in ROW.finditer(data.group(2)):
        number = int(re.search(r'\br="(\d+)"', row.group(1)).group(1))  # type: ignore[union-attr]
        out.extend("<row/>" for _ in range(number - previous - 1))
        previous = number
        attrs = re.sub(r'\s+r="\d+"', "", row.group(1))
        out.append(f"<row{attrs}>{_row_cells(row.group(2) or '')}</row>")
    return xml[: data.start(2)] + "".join(out) + xml[data.end(2):]


def _row_cells(inner: str) -> str:
    out, column = [], 0
    for cell in cells(inner):
        at = cell.at[1]
        out.extend("<c/>" for _ in range(at - column - 1))
        column = at
        attrs = {k: v for k, v in cell.attrs.items() if k != "r"}
        out.append(Cell(attrs, cell.inner).xml())
    assert len(CELL.findall(inner)) == len(cells(inner))
    return "".join(out)
