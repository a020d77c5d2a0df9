"""Why a file could not be read at all (exit code 2): one reason, said so a person can act on it."""

from __future__ import annotations

from dataclasses import dataclass, field

from xlscore.errors import XlscoreError


@dataclass
class UnreadableWorkbook(XlscoreError):
    """The file cannot be checked; ``reason`` is a message id of ``xlscore.check.messages``."""

    path: str
    reason: str
    values: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.path}: {self.reason} {self.values}"


class ReadLimit(Exception):
    """A part holds far more than any scoring form (rows, cells, strings): the read stops, the file is refused.

    Raised where the path is not known; the reader turns it into :class:`UnreadableWorkbook`.
    """

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason)
        self.reason, self.values = reason, values
