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
    #: The :attr:`id` of the root finding this one only follows from (a 小计 wrong because an item
    #: score is); such a consequence is listed under its root and not counted on its own.
    caused_by: str | None = None

    @property
    def id(self) -> str:
        """``CODE@sheet!cell`` (``CODE@sheet/pass/name`` without a cell): unique within a report."""
        if self.cell:
            return f"{self.code}@{self.sheet or ''}!{self.cell}"
        return f"{self.code}@{self.sheet or ''}/{self.pass_key or ''}/{self.name or ''}"

    @property
    def is_root(self) -> bool:
        return self.caused_by is None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["pass"] = data.pop("pass_key")
        data["id"] = self.id
        return data


class PassState(str, Enum):
    """How far a pass (自查 or 考评) was filled in: only a complete pass has totals that are final."""

    COMPLETE = "complete"
    INCOMPLETE = "incomplete"  # some required inputs are blank
    BLANK = "blank"  # 未填写: no input at all


@dataclass
class PassStatus:
    """The completeness of one pass, and why its totals are not final when they are not.

    ``final`` is True only for a complete pass with every input readable: then, and only then,
    its totals are numbers that may be shown as the result and ranked. ``missing_items`` counts
    the items with required inputs blank; ``unreadable`` the inputs that could not be read;
    ``blank_as_zero`` says that blanks were counted as 0 (``--allow-blank`` or the rubric).
    """

    state: PassState
    missing_items: int = 0
    unreadable: int = 0
    blank_as_zero: bool = False

    @property
    def final(self) -> bool:
        return self.state is PassState.COMPLETE and self.unreadable == 0

    def label(self, lang: str = "zh") -> str:
        """完成 / 未完成 N 项 / 未填写 (and 含无效录入 N 处 when inputs were refused)."""
        en = lang == "en"
        if self.state is PassState.BLANK:
            text = "not filled in" if en else "未填写"
        elif self.state is PassState.INCOMPLETE:
            text = f"incomplete: {self.missing_items} item(s)" if en else f"未完成 {self.missing_items} 项"
        else:
            text = "complete" if en else "已完成"
        if self.unreadable:
            text += f", {self.unreadable} unreadable input(s)" if en else f",含无效录入 {self.unreadable} 处"
        return text

    def to_json(self) -> dict[str, Any]:
        return {"state": self.state.value, "final": self.final, "missing_items": self.missing_items,
                "unreadable_inputs": self.unreadable, "blank_as_zero": self.blank_as_zero}


@dataclass
class Totals:
    """Recomputed totals of one pass, for the top of 差异表 and the batch summary.

    A total is ``None`` when it cannot be given as a final number: the pass is not complete, or an
    input it adds up could not be read (``reasons`` says why, per section id and ``""`` for the grand total).
    """

    sections: dict[str, Decimal | None] = field(default_factory=dict)
    grand: Decimal | None = Decimal(0)
    reasons: dict[str, str] = field(default_factory=dict)


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
    #: pass → its completeness; a pass whose status is not ``final`` has no totals (None) and no rank.
    passes: dict[str, PassStatus] = field(default_factory=dict)
    #: What the form's metadata says it was made for: a roster unit's id and that roster's sha256 ("" when not).
    unit_id: str = ""
    roster_sha256: str = ""

    def count(self, severity: Severity) -> int:
        """Root findings of ``severity``: consequences (``caused_by``) are not counted on their own."""
        return sum(1 for f in self.findings if f.severity is severity and f.caused_by is None)

    @property
    def complete(self) -> bool:
        """Every pass complete and readable: the unit may be ranked."""
        return bool(self.passes) and all(s.final for s in self.passes.values())

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
