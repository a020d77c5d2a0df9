"""Merge the passes: the 自查 side of one copy and the 考评 side of another, into a fresh form.

The unit fills its copy, the assessment group fills another. :func:`plan_merge` takes every typed
value of the self-check pass from the first copy and of the assessed pass from the second (the
cover's unit and period, which both parties may fill, from either); a value typed in both copies
that differs is a :class:`Conflict`, settled only by ``prefer``. :func:`write_merged` writes the
result as a fresh form of the same rubric (the generator's, every formula intact), values as typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xlscore.form.layout import SlotKind
from xlscore.generate import GenerateOptions, generate_workbook
from xlscore.round.returned import NotAReturn, Return, pass_of, read_return, same_value, shown, typed_slots

PREFER = ("self", "assess")


class MergeRefused(Exception):
    """Two copies that cannot be merged: ``reason`` (different_rubric, different_unit, or a
    :class:`~xlscore.round.returned.NotAReturn` reason) and the values its message names."""

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason)
        self.reason, self.values = reason, values


@dataclass(frozen=True)
class Conflict:
    """A value typed differently in the two copies: where it goes in the merged form, and both values."""

    name: str
    sheet: str
    cell: str
    serial: str | None
    item: str | None
    pass_key: str | None
    self_value: object
    assess_value: object

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "sheet": self.sheet, "cell": self.cell, "serial": self.serial, "item": self.item,
                "pass": self.pass_key, "self_copy": shown(self.self_value), "assess_copy": shown(self.assess_value)}


@dataclass
class MergePlan:
    """What the merged form will hold (slot name → value as typed) and what the copies disagree on."""

    self_copy: Return
    assess_copy: Return
    values: dict[str, object] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    prefer: str | None = None
    #: slot names whose value came from the copy that does not own its pass (typed there only).
    borrowed: list[str] = field(default_factory=list)

    @property
    def writable(self) -> bool:
        return not self.conflicts or self.prefer is not None


def open_pair(self_path: str | Path, assess_path: str | Path) -> tuple[Return, Return]:
    """Read both copies; raises :class:`MergeRefused` when either is no form of xlscore."""
    copies = []
    for path in (self_path, assess_path):
        try:
            copies.append(read_return(path))
        except NotAReturn as exc:
            raise MergeRefused(exc.reason, file=exc.file, detail=exc.detail) from None
    return copies[0], copies[1]


def refuse_mismatch(first: Return, second: Return, roster=None) -> None:  # type: ignore[no-untyped-def]
    """Raise :class:`MergeRefused` unless both are forms of one rubric and, where they say so, one unit.

    With embedded unit ids, the ids must agree; with a roster (:class:`~xlscore.round.roster.Roster`),
    each copy must be identified as the same roster unit.
    """
    if first.metadata.rubric_sha256 != second.metadata.rubric_sha256:
        raise MergeRefused("different_rubric", first=first.file, second=second.file,
                           first_rubric=_rubric_label(first), second_rubric=_rubric_label(second))
    units = (first.unit_id, second.unit_id)
    if roster is not None:
        units = (_roster_unit(first, roster), _roster_unit(second, roster))
    if all(units) and units[0] != units[1]:
        raise MergeRefused("different_unit", first=first.file, second=second.file, first_unit=units[0],
                           second_unit=units[1])


def _rubric_label(copy: Return) -> str:
    meta = copy.metadata
    return f"{meta.rubric_id} {meta.rubric_version} ({meta.rubric_sha256[:12]})"


def _roster_unit(copy: Return, roster) -> str:  # type: ignore[no-untyped-def]
    from xlscore.round.identify import ReturnedForm, identify

    found = identify(ReturnedForm.from_metadata(copy.file, copy.metadata, copy.cover_unit), roster)
    if found.unit is None:
        raise MergeRefused("not_on_roster", file=copy.file, roster=roster.file)
    return f"{found.unit.id} {found.unit.name}"


def plan_merge(self_copy: Return, assess_copy: Return, prefer: str | None = None) -> MergePlan:
    """Decide every typed value of the merged form; see the module's docstring. ``prefer``: self or assess."""
    plan = MergePlan(self_copy, assess_copy, prefer=prefer)
    for slot in typed_slots(self_copy.layout):
        mine, theirs = self_copy.typed.get(slot.name), assess_copy.typed.get(slot.name)
        if mine is None and theirs is None:
            continue
        owner = pass_of(slot)
        first, second = (theirs, mine) if owner == "assessed" else (mine, theirs)
        if first is None or second is None or same_value(first, second):
            plan.values[slot.name] = first if first is not None else second
            if first is None and owner is not None:
                plan.borrowed.append(slot.name)
            continue
        plan.conflicts.append(_conflict(self_copy, slot, mine, theirs))
        if prefer is not None:
            plan.values[slot.name] = mine if prefer == "self" else theirs
    return plan


def _conflict(copy: Return, slot, mine: object, theirs: object) -> Conflict:  # type: ignore[no-untyped-def]
    item = None
    if slot.item is not None:
        found = copy.layout.item(slot.section, slot.item)
        item = found.name or found.content[:24]
    return Conflict(slot.name, slot.sheet, slot.cell, slot.item, item, pass_of(slot), mine, theirs)


def write_merged(plan: MergePlan, out: str | Path) -> Path:
    """Write the merged form to ``out`` atomically; raises ValueError when conflicts remain unsettled."""
    if not plan.writable:
        raise ValueError("conflicts need a preference")
    first, second = plan.self_copy.metadata, plan.assess_copy.metadata
    layout = plan.self_copy.layout
    inputs = {name: (_cover_text(value) if layout.slots[name].kind is SlotKind.COVER else value)
              for name, value in plan.values.items()}
    rubric = _source_rubric(plan.self_copy)
    variables = {k: v for k, v in first.vars.items() if k in rubric.vars}
    options = GenerateOptions(vars=variables, lang=first.lang, inputs=inputs,
                              unit_id=first.unit_id or second.unit_id,
                              roster_sha256=first.roster_sha256 if first.unit_id else second.roster_sha256)
    return generate_workbook(rubric, Path(out), options)


def _cover_text(value: object) -> str:
    return shown(value)


def _source_rubric(copy: Return):  # type: ignore[no-untyped-def]
    from xlscore.check.rubric_source import embedded_rubric

    return embedded_rubric(copy.metadata)
