"""Findings: typed records of what is wrong in a returned workbook, and the report that holds them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Finding:
    """One discrepancy, located: sheet and cell (A1) where it shows, 序号, pass, expected vs found."""

    code: str
    severity: Severity
    message: str
    sheet: str | None = None
    cell: str | None = None
    serial: str | None = None  # 序号
    pass_key: str | None = None  # self_check / assessed
    expected: str | None = None
    found: str | None = None
    name: str | None = None  # the defined name of the cell, when it has one

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["pass"] = data.pop("pass_key")
        return data


@dataclass
class Totals:
    """Recomputed totals of one pass, for the top of 差异表 and the batch summary."""

    sections: dict[str, Decimal] = field(default_factory=dict)
    grand: Decimal = Decimal(0)


@dataclass
class Report:
    """Everything the checker found in one file."""

    file: str
    rubric_id: str | None = None
    rubric_version: str | None = None
    rubric_sha256: str | None = None
    unit: str | None = None
    period: str | None = None
    findings: list[Finding] = field(default_factory=list)
    totals: dict[str, Totals] = field(default_factory=dict)  # pass → recomputed totals
    shown_totals: dict[str, Totals] = field(default_factory=dict)  # pass → totals as the workbook shows them
    item_scores: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # pass → "s:序号" → score
    section_titles: dict[str, str] = field(default_factory=dict)
    #: "s:序号" → (项目, 标准分) in rubric order: what a cross-unit summary prints beside the scores.
    item_heads: dict[str, tuple[str, Decimal]] = field(default_factory=dict)
    unreadable: str | None = None  # a message when the file could not be checked at all
    #: The audit record: the checked file's sha256 and when it was checked (local time), when checked from a file.
    file_sha256: str | None = None
    checked_at: str | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def exit_code(self) -> int:
        if self.unreadable is not None:
            return 2
        return 1 if self.errors else 0
