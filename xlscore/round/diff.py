"""What changed on resubmission: two returns of one unit compared cell by cell, and finding by finding.

:func:`compare` lists every typed value (input, remark, cover field) and every formula that differs
between the earlier and the later copy, and sorts the findings of both checks into 已更正 (in the
earlier copy only), 仍存在 (in both) and 新增 (in the later copy only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from xlscore.check.checker import CheckOptions, check_file
from xlscore.check.findings import Finding, Report, Severity
from xlscore.form.layout import Slot, SlotKind
from xlscore.round.merge import open_pair, refuse_mismatch
from xlscore.round.returned import Return, pass_of, same_value, shown, typed_slots


class FindingStatus(str, Enum):
    RESOLVED = "resolved"  # 已更正
    REMAINING = "remaining"  # 仍存在
    NEW = "new"  # 新增


#: What a changed cell is, for the list: the slot kinds grouped as a person names them.
CHANGE_KIND = {SlotKind.INPUT: "input", SlotKind.SAMPLE: "input", SlotKind.EXEMPT: "input",
               SlotKind.REASON: "input", SlotKind.REMARK: "remark", SlotKind.COVER: "cover"}


@dataclass(frozen=True)
class Change:
    """One cell that differs: ``kind`` input, remark, cover or formula; ``old``/``new`` as shown ("" blank)."""

    kind: str
    name: str
    sheet: str
    cell: str
    serial: str | None
    item: str | None
    pass_key: str | None
    old: str
    new: str

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "name": self.name, "sheet": self.sheet, "cell": self.cell, "serial": self.serial,
                "item": self.item, "pass": self.pass_key, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class FindingChange:
    """A finding and what became of it: the earlier copy's for 已更正, the later copy's otherwise."""

    status: FindingStatus
    finding: Finding


@dataclass
class Comparison:
    old_file: str
    new_file: str
    changes: list[Change] = field(default_factory=list)
    findings: list[FindingChange] = field(default_factory=list)
    old_report: Report | None = None
    new_report: Report | None = None

    def count(self, status: FindingStatus) -> int:
        """Root findings with ``status`` (consequences are not counted, as in the check's report)."""
        return sum(1 for f in self.findings if f.status is status and f.finding.caused_by is None)

    @property
    def errors_left(self) -> int:
        return self.new_report.errors if self.new_report is not None else 0

    @property
    def exit_code(self) -> int:
        """0: no error left in the later copy; 1: errors remain (or it could not be checked: 2)."""
        if self.new_report is None or self.new_report.unreadable:
            return 2
        return 1 if self.errors_left else 0


def compare(old_path: str | Path, new_path: str | Path, lang: str = "zh", roster=None) -> Comparison:  # type: ignore[no-untyped-def]
    """Compare two returns of one unit; raises :class:`~xlscore.round.merge.MergeRefused` when they are
    not two copies of one rubric (and, by their ids or the roster, of one unit)."""
    old, new = open_pair(old_path, new_path)
    refuse_mismatch(old, new, roster)
    out = Comparison(str(old_path), str(new_path), changes=changed_cells(old, new))
    out.old_report = check_file(old_path, CheckOptions(lang=lang))
    out.new_report = check_file(new_path, CheckOptions(lang=lang))
    out.findings = finding_changes(out.old_report, out.new_report)
    return out


def changed_cells(old: Return, new: Return) -> list[Change]:
    """Every typed value and formula that differs, in the form's order (cells as in the later copy)."""
    changes: list[Change] = []
    for slot in typed_slots(new.layout):
        before, after = old.typed.get(slot.name), new.typed.get(slot.name)
        if before is None and after is None or (before is not None and after is not None and same_value(before, after)):
            continue
        changes.append(_change(CHANGE_KIND[slot.kind], slot, new, pass_of(slot), shown(before), shown(after)))
    for slot in new.layout.slots.values():
        if not slot.kind.is_computed:
            continue
        before, after = old.formulas.get(slot.name), new.formulas.get(slot.name)
        if before != after:
            changes.append(_change("formula", slot, new, slot.pass_key, _formula(before), _formula(after)))
    return changes


def _formula(text: str | None) -> str:
    return "" if text is None else "=" + text


def _change(kind: str, slot: Slot, copy: Return, pass_key: str | None, old: str, new: str) -> Change:
    item = None
    if slot.item is not None:
        found = copy.layout.item(slot.section, slot.item)
        item = found.name or found.content[:24]
    return Change(kind, slot.name, slot.sheet, copy.cells.get(slot.name) or slot.cell, slot.item or slot.group, item,
                  pass_key, old, new)


def _key(finding: Finding) -> tuple[object, ...]:
    """A finding's identity across two copies: its code and defined name (cells move when rows are inserted)."""
    if finding.name:
        return finding.code, finding.name, finding.pass_key
    return finding.code, finding.sheet, finding.cell, finding.pass_key


def finding_changes(old: Report, new: Report) -> list[FindingChange]:
    """The later copy's findings as 仍存在 or 新增, then the earlier copy's that are gone as 已更正.

    Informational findings (自查分 ≠ 考评分 and the like) are left out: they are no fault to correct.
    """
    before = {_key(f): f for f in old.findings if f.severity is not Severity.INFO}
    after_keys = set()
    out: list[FindingChange] = []
    for finding in new.findings:
        if finding.severity is Severity.INFO:
            continue
        key = _key(finding)
        after_keys.add(key)
        out.append(FindingChange(FindingStatus.REMAINING if key in before else FindingStatus.NEW, finding))
    out += [FindingChange(FindingStatus.RESOLVED, f) for k, f in before.items() if k not in after_keys]
    return out
