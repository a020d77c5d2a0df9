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
