"""From normalised inputs (by defined name) to the value every computed cell should show.

The bridge between the layout and the rule engine, used by the checker and by the tests that
prove the workbook's formulas agree with the engine. A computed cell shows nothing (``None``)
until an input it depends on is entered, exactly as its formula does. A cell that depends on a
refused input (one the checker could not read: text in a number cell, a negative count, a
boolean …) is *unknown*: there is no right value to compare it with, and no total that counts it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping

from xlscore.form.engine import ItemScore, RowKey, score_item
from xlscore.form.layout import PASS_KEYS, Layout, SlotKind, slot_name
from xlscore.form.sumtree import Shown, evaluate
from xlscore.rules import Value

ZERO = Decimal(0)
ITEM_INPUTS = (SlotKind.INPUT, SlotKind.SAMPLE, SlotKind.EXEMPT, SlotKind.REASON)


@dataclass
class Recomputed:
    """What every computed slot should show, which slots cannot be known, and each item's result."""

    values: dict[str, Shown] = field(default_factory=dict)
    #: The sum tree over every item's score, a blank item counted at its score with no deduction
    #: (the totals of a complete pass, also when blanks are counted as 0).
    scored: dict[str, Shown] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    items: dict[tuple[str, str, str], ItemScore] = field(default_factory=dict)  # (pass, section, 序号)


def item_inputs(layout: Layout, section: str, item_no: str, pass_key: str, inputs: Mapping[str, Value]) -> dict[RowKey, Value]:
    """The engine's view of one item's inputs for one pass."""
    values: dict[RowKey, Value] = {}
    for slot in layout.item_slots(section, item_no):
        if slot.kind is SlotKind.INPUT and slot.pass_key == pass_key:
            values[(slot.rule or 0, slot.month or 0)] = inputs.get(slot.name)
    return values


def recompute_all(
    layout: Layout,
    inputs: Mapping[str, Value],
    *,
    present: set[str] | None = None,
    refused: set[str] | frozenset[str] = frozenset(),
) -> Recomputed:
    """Expected value of every computed slot.

    ``inputs`` maps input slot names to normalised values (Decimal, True/False for 是/否, text,
    None); ``present`` names the input cells that are not empty (default: those with a value);
    ``refused`` the inputs that could not be read, whose dependants become unknown.
    """
    if present is None:
        present = {name for name, value in inputs.items() if value is not None}
    out = Recomputed()
    leaves: dict[str, Shown] = {}
    for p in PASS_KEYS:
        for section, item in layout.rubric.all_items():
            _item(layout, section.id, item.no, p, inputs, present, refused, leaves, out)
    unknown = set(out.unknown)
    out.values, out.unknown = evaluate(layout, leaves, unknown)
    scores = {slot_name(SlotKind.ITEM_SCORE, section=s, item=no, pass_key=p): r.score for (p, s, no), r in out.items.items()}
    out.scored, _ = evaluate(layout, scores, unknown)
    return out


def _item(layout: Layout, sid: str, no: str, p: str, inputs: Mapping[str, Value], present: set[str],
          refused: set[str] | frozenset[str], leaves: dict[str, Shown], out: Recomputed) -> None:
    item = layout.item(sid, no)
    slots = [s for s in layout.item_slots(sid, no) if s.pass_key == p]
    exempt = inputs.get(slot_name(SlotKind.EXEMPT, section=sid, item=no, pass_key=p)) is True
    result = score_item(item, item_inputs(layout, sid, no, p, inputs), exempt=exempt, policy=layout.rubric.exemption_policy_of(item))
    out.items[(p, sid, no)] = result
    score_name = slot_name(SlotKind.ITEM_SCORE, section=sid, item=no, pass_key=p)
    entered = any(s.name in present for s in slots if s.kind in ITEM_INPUTS)
    leaves[score_name] = result.score if entered else None
    for slot in slots:
        if slot.kind is not SlotKind.INPUT:
            continue
        ded = slot_name(SlotKind.DEDUCTION, section=sid, item=no, rule=slot.rule, month=slot.month, pass_key=p)
        leaves[ded] = result.deductions[(slot.rule or 0, slot.month or 0)] if slot.name in present else None
        if slot.name in refused:
            out.unknown.add(ded)
            if not exempt:
                out.unknown.add(score_name)
    exempt_name = slot_name(SlotKind.EXEMPT, section=sid, item=no, pass_key=p)
    if exempt_name in refused:
        out.unknown.add(score_name)


def recompute(layout: Layout, inputs: Mapping[str, Value]) -> tuple[dict[str, Shown], dict[tuple[str, str, str], ItemScore]]:
    """Expected values and item results, every input taken as readable (the generator's and tests' view)."""
    done = recompute_all(layout, inputs)
    return done.values, done.items
