"""The one small hierarchy of "cannot continue" errors.

Findings about a workbook are records (see ``xlscore.findings``), never exceptions; these are
raised only when xlscore cannot go on at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass
class RubricError(XlscoreError):
    """A rubric file that cannot be used; carries every problem found, not just the first."""

    file: str
    problems: list[RubricProblem] = field(default_factory=list)
    unreadable: bool = False  # the file itself could not be read (missing, a folder, a pipe): exit 2, not 1

    def __str__(self) -> str:
        return "\n".join(f"{p.where(self.file)}: {p.message}" for p in self.problems)
