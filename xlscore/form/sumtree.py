"""The sum tree, described once: item scores → 小计 → 合计 → 汇总 (and 考评 − 自查).

Each :class:`SumNode` says which slot adds up which. Its three uses evaluate this one
description: :func:`node_formula` writes the Excel formula, :func:`evaluate` recomputes the
exact values from the item scores (the engine's), and the checker evaluates one node over the
values a workbook shows (:func:`combine`).

A value is a ``Decimal`` or ``None``: ``None`` is a cell that shows nothing (``""``), because
nothing below it was entered yet. A sum shows nothing only when all its terms show nothing; a
difference shows nothing when either side does, so a half-filled 汇总 never shows a number
that looks final.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping

from xlscore.cells import col_to_letters, rowcol_to_cell, sheet_ref
from xlscore.form.layout import PASS_KEYS, GroupBlock, Layout, SlotKind, slot_name

Shown = Decimal | None


@dataclass(frozen=True)
class SumNode:
    """``name`` = ``op`` over ``terms`` (slot names); ``span``: Excel writes the terms as one range."""

    name: str
    op: str  # "sum" | "diff" (terms[0] − terms[1]) | "ref" (the one term, from another sheet)
    terms: tuple[str, ...]
    span: tuple[int, int] | None = None  # first and last row of the range, for a range sum


def sum_tree(layout: Layout) -> list[SumNode]:
    """Every node, terms before the nodes that use them (evaluation order); built once per layout."""
    cached = getattr(layout, "_sum_tree", None)
    if cached is None:
        cached = list(_build(layout))
        setattr(layout, "_sum_tree", cached)
    return cached


def _build(layout: Layout) -> Iterable[SumNode]:
    for p in PASS_KEYS:
        for sheet in layout.sheets:
            sid = sheet.section.id
            terms = []
            for entry in sheet.entries:
                if isinstance(entry, GroupBlock):
                    name = slot_name(SlotKind.SUBTOTAL, section=sid, group=entry.group.no, pass_key=p)
                    items = tuple(_score(sid, b.item.no, p) for b in entry.items)
                    yield SumNode(name, "sum", items, (entry.items[0].first_row, entry.items[-1].last_row))
                    terms.append(name)
                else:
                    terms.append(_score(sid, entry.item.no, p))
            total = slot_name(SlotKind.SECTION_TOTAL, section=sid, pass_key=p)
            yield SumNode(total, "sum", tuple(terms))
            yield SumNode(slot_name(SlotKind.SUMMARY, section=sid, pass_key=p), "ref", (total,))
        parts = tuple(slot_name(SlotKind.SUMMARY, section=s.id, pass_key=p) for s in layout.rubric.sections)
        rows = [layout.summary_rows[s.id] for s in layout.rubric.sections]
        yield SumNode(slot_name(SlotKind.SUMMARY, pass_key=p), "sum", parts, (min(rows), max(rows)))
    for sid in [s.id for s in layout.rubric.sections] + [None]:
        assessed, own = (slot_name(SlotKind.SUMMARY, section=sid, pass_key=p) for p in ("assessed", "self_check"))
        yield SumNode(slot_name(SlotKind.SUMMARY_DIFF, section=sid), "diff", (assessed, own))


def _score(section: str, item: str, p: str) -> str:
    return slot_name(SlotKind.ITEM_SCORE, section=section, item=item, pass_key=p)


def combine(node: SumNode, values: list[Shown]) -> Shown:
    """The value of ``node`` from the values of its terms (in order)."""
    if node.op == "diff":
        return None if values[0] is None or values[1] is None else values[0] - values[1]
    if node.op == "ref":
        return values[0]
    shown = [v for v in values if v is not None]
    return sum(shown, Decimal(0)) if shown else None


def evaluate(layout: Layout, values: Mapping[str, Shown], unknown: set[str]) -> tuple[dict[str, Shown], set[str]]:
    """Every node's value from the item scores in ``values``; a node is unknown when any term is."""
    out: dict[str, Shown] = dict(values)
    unknown = set(unknown)
    for node in sum_tree(layout):
        out[node.name] = combine(node, [out.get(t) for t in node.terms])
        if any(t in unknown for t in node.terms):
            unknown.add(node.name)
    return out, unknown


def node_of(layout: Layout, name: str) -> SumNode | None:
    cached = getattr(layout, "_sum_nodes", None)
    if cached is None:
        cached = {n.name: n for n in sum_tree(layout)}
        setattr(layout, "_sum_nodes", cached)
    return cached.get(name)


def node_formula(layout: Layout, node: SumNode) -> str:
    """The Excel formula (without ``=``): shows ``""`` exactly when :func:`combine` gives None."""
    here = layout.slots[node.name]
    refs = []
    for term in node.terms:
        slot = layout.slots[term]
        refs.append(rowcol_to_cell(slot.row, slot.col) if slot.sheet == here.sheet else sheet_ref(slot.sheet, slot.row, slot.col))
    if node.op == "ref":
        return refs[0]
    if node.op == "diff":
        return f'IF(COUNT({refs[0]},{refs[1]})<2,"",{refs[0]}-{refs[1]})'
    if node.span is not None:
        letters = col_to_letters(layout.slots[node.terms[0]].col)
        args = f"{letters}{node.span[0]}:{letters}{node.span[1]}"
    else:
        args = ",".join(refs)
    return f'IF(COUNT({args})=0,"",SUM({args}))'
