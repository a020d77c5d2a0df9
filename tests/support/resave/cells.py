"""The cells of a worksheet part as text: each ``<c>`` with its position, attributes and content.

Re-savers rewrite one cell at a time and leave the rest of the part as it is. The positions come
from ``r`` attributes (every re-saver but :mod:`.norefs` runs on a package that has them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl.utils.cell import coordinate_from_string, column_index_from_string, get_column_letter

CELL = re.compile(r"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
ATTR = re.compile(r'([\w:]+)="([^"]*)"')
FORMULA = re.compile(r"<f\b([^>]*?)(?:/>|>(.*?)</f>)", re.DOTALL)


@dataclass
class Cell:
    attrs: dict[str, str]
    inner: str  # "" for an empty element

    @property
    def ref(self) -> str:
        return self.attrs["r"]

    @property
    def at(self) -> tuple[int, int]:
        letters, row = coordinate_from_string(self.ref)
        return row, column_index_from_string(letters)

    def formula(self) -> tuple[dict[str, str], str | None] | None:
        """The ``<f>`` element's attributes and text (None for an empty one), or None without one."""
        match = FORMULA.search(self.inner)
        if match is None:
            return None
        return dict(ATTR.findall(match.group(1))), match.group(2)

    def with_formula(self, element: str) -> str:
        return FORMULA.sub(lambda _m: element, self.inner, count=1)

    def xml(self) -> str:
        attrs = "".join(f' {k}="{v}"' for k, v in self.attrs.items())
        return f"<c{attrs}/>" if not self.inner else f"<c{attrs}>{self.inner}</c>"


def cells(xml: str) -> list[Cell]:
    return [Cell(dict(ATTR.findall(m.group(1))), m.group(2) or "") for m in CELL.finditer(xml)]


def rewrite(xml: str, change: Callable[[Cell], Cell | None]) -> str:
    """``xml`` with each cell replaced by what ``change`` returns (None: unchanged)."""

    def one(match: re.Match[str]) -> str:
        cell = Cell(dict(ATTR.findall(match.group(1))), match.group(2) or "")
        new = change(cell)
        return match.group(0) if new is None else new.xml()

    return CELL.sub(one, xml)


def ref_of(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"
