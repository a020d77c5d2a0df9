"""Build the three example units in ``examples/units/`` (filled forms saved through LibreOffice).

    python examples/build_examples.py [--out DIR]

- 城东客服中心: filled in cleanly, 自查 and 考评 agree: checks without errors.
- 城西客服中心: an inflated self-check: the unit recorded fewer faults than the assessor found.
- 城南客服中心: arithmetic errors: a total and an item score typed over their formulas, and a
  deduction formula changed, the kind of thing that happens when a form is "tidied up" by hand.

Each unit is generated with ``xlscore generate``'s pre-fill, edited where the case needs it, and
saved through LibreOffice so the files carry computed values the way Excel-saved files do.
Requires LibreOffice (``apt-get install libreoffice-calc-nogui python3-uno``).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from decimal import Decimal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the test support package

from xlscore.generate import GenerateOptions, generate_workbook, workbook_layout
from xlscore.form.layout import Layout, SlotKind, slot_name
from xlscore.rubric import load_rubric
from xlscore.rules import BelowTarget, InputKind, ThresholdZeroOut
from support import libreoffice

HERE = Path(__file__).resolve().parent
UNITS = ("城东客服中心", "城西客服中心", "城南客服中心")
PERIOD = "2026年第三季度"
#: Faults found, by (序号, clause number from 1): {pass: count}; everything else is 0 / 否 / on target.
FAULTS = {
    "城东客服中心": {("1.1", 1): {"self_check": 1, "assessed": 1}, ("6.9", 4): {"self_check": 2, "assessed": 2}},
    "城西客服中心": {
        ("1.1", 1): {"self_check": 0, "assessed": 3},
        ("1.7", 2): {"self_check": 1, "assessed": 4},
        ("6.2", 1): {"self_check": 0, "assessed": 2},
        ("6.17", 1): {"self_check": 0, "assessed": 2},
    },
    "城南客服中心": {("1.6", 1): {"self_check": 1, "assessed": 1}, ("4", 2): {"self_check": 2, "assessed": 2}},
}


def fill(layout: Layout, unit: str) -> dict[str, object]:
    """Every input of both passes, as a careful auditor would fill them in."""
    faults = FAULTS[unit]
    values: dict[str, object] = {"XS_COVER_UNIT": unit, "XS_COVER_PERIOD": PERIOD,
                                 "XS_COVER_SELF_BY": "张敏", "XS_COVER_SELF_DATE": "2026-10-08",
                                 "XS_COVER_ASSESSED_BY": "李强", "XS_COVER_ASSESSED_DATE": "2026-10-15"}
    for _sheet, block in layout.blocks():
        item, sid = block.item, block.section.id
        ctx = item.context()
        for slot in layout.item_slots(sid, item.no):
            if slot.kind is SlotKind.SAMPLE:
                sample = item.rules[slot.rule].sample if slot.rule is not None else item.sample
                values[slot.name] = sample.min if sample else 0
            elif slot.kind is SlotKind.EXEMPT:
                values[slot.name] = "否"
            elif slot.kind is SlotKind.INPUT:
                rule = item.rules[slot.rule or 0]
                spec = rule.input_spec(ctx)
                count = faults.get((item.no, (slot.rule or 0) + 1), {}).get(slot.pass_key or "", 0)
                if spec.kind is InputKind.YES_NO:
                    values[slot.name] = "否"
                elif spec.kind is InputKind.SCORE:
                    values[slot.name] = float(item.score - Decimal(2))
                    remark = slot_name(SlotKind.REMARK, section=sid, item=item.no, rule=slot.rule, month=slot.month,
                                       pass_key=slot.pass_key)
                    values[remark] = "制度基本齐全,个别制度未更新"
                elif isinstance(rule, BelowTarget):
                    better = Decimal(1) if rule.direction == "at_least" else Decimal(-1)
                    values[slot.name] = float(min(Decimal(100), max(Decimal(0), rule.target + better)))
                elif isinstance(rule, ThresholdZeroOut):
                    values[slot.name] = float(rule.limit - 1 if rule.compare in ("le", "lt") else rule.limit + 1)
                else:
                    values[slot.name] = count
                    if count:
                        remark = slot_name(SlotKind.REMARK, section=sid, item=item.no, rule=slot.rule, month=slot.month,
                                           pass_key=slot.pass_key)
                        values[remark] = f"抽查发现{count}处,见抽查记录第{(slot.rule or 0) + 3}页"
    return values


def _edits(layout: Layout) -> list[dict[str, object]]:
    """城南: a total typed over, an item score typed over, a deduction formula changed."""
    total = layout.slots[slot_name(SlotKind.SECTION_TOTAL, section="1", pass_key="assessed")]
    score = layout.slots[slot_name(SlotKind.ITEM_SCORE, section="1", item="4", pass_key="self_check")]
    deduction = layout.slots[slot_name(SlotKind.DEDUCTION, section="1", item="1.6", rule=0, pass_key="self_check")]
    source = layout.slots[slot_name(SlotKind.INPUT, section="1", item="1.6", rule=0, pass_key="self_check")]
    return [{"op": "set_cells", "cells": {
        (total.sheet, total.cell): 390,
        (score.sheet, score.cell): 15,
        (deduction.sheet, deduction.cell): f"=IF(ISNUMBER({source.cell}),1*{source.cell},0)",
    }}]


def build(out: Path) -> list[Path]:
    rubric = load_rubric()
    layout = workbook_layout(rubric, GenerateOptions())
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xlscore-examples-") as tmp:
        work = Path(tmp)
        sources = []
        for unit in UNITS:
            options = GenerateOptions(unit=unit, period=PERIOD, inputs=fill(layout, unit))
            sources.append(generate_workbook(rubric, work / f"{unit}.xlsx", options))
        done = libreoffice.recalculate(sources, work / "saved")
        results = []
        for unit, source in zip(UNITS, sources, strict=True):
            target = out / f"{unit}.xlsx"
            if unit == "城南客服中心":
                libreoffice.edit_workbook(done[source], work / "edited.xlsx", _edits(layout))
                shutil.move(str(work / "edited.xlsx"), target)
            else:
                shutil.move(str(done[source]), target)
            results.append(target)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "units")
    args = parser.parse_args()
    for path in build(args.out):
        print(path)


if __name__ == "__main__":
    main()
