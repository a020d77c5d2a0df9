"""The one small hierarchy of "cannot continue" errors.

Findings about a workbook are records (see ``xlscore.findings``), never exceptions; these are
raised only when xlscore cannot go on at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, TypeVar

T = TypeVar("T")


class XlscoreError(Exception):
    """Base class: something xlscore cannot continue past."""


@dataclass
class RubricProblem:
    """One problem in a rubric file, located by its YAML path (``sections[0].items[3].score``)."""

    path: str
    message: str
    line: int | None = None
    severity: str = "error"  # "error" or "warning"

    def where(self, file: str) -> str:
        loc = f"{file}:{self.line}" if self.line else file
        return f"{loc}: {self.path}" if self.path else loc


def nearest(path: str, table: Mapping[str, T]) -> T | None:
    """What ``table`` holds for ``path`` (``sections[0].items[3].score``) or, failing that, for the
    closest enclosing path (``sections[0].items[3]``, ``sections[0]``…); None when nothing encloses it."""
    while path:
        if path in table:
            return table[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


@dataclass
class RubricError(XlscoreError):
    """A rubric file that cannot be used; carries every problem found, not just the first."""

    file: str
    problems: list[RubricProblem] = field(default_factory=list)
    unreadable: bool = False  # the file itself could not be read (missing, a folder, a pipe): exit 2, not 1

    def __str__(self) -> str:
        return "\n".join(f"{p.where(self.file)}: {p.message}" for p in self.problems)
