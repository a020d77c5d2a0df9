"""Forms filled as the two parties fill them: the unit its 自查 side, the assessment group its 考评 side."""

from __future__ import annotations

from pathlib import Path

from fills import random_fill, written
from xlscore.form.layout import COVER_PASS, Layout
from xlscore.generate import GenerateOptions, generate_workbook, workbook_layout
from xlscore.rubric import load_rubric

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "examples" / "small-rubric.yaml"
COVER = {"XS_COVER_UNIT": "城南客服中心", "XS_COVER_PERIOD": "2025年度", "XS_COVER_SELF_BY": "张三",
         "XS_COVER_SELF_DATE": "2025-03-01", "XS_COVER_ASSESSED_BY": "李四", "XS_COVER_ASSESSED_DATE": "2025-03-09"}


def small_rubric():  # type: ignore[no-untyped-def]
    return load_rubric(SMALL)


def layout_of(rubric) -> Layout:  # type: ignore[no-untyped-def]
    return workbook_layout(rubric, GenerateOptions())


def owner(layout: Layout, name: str) -> str | None:
    """The pass a typed slot belongs to (None: a cover field both fill)."""
    slot = layout.slots[name]
    return COVER_PASS.get(name[len("XS_COVER_"):]) if name.startswith("XS_COVER_") else slot.pass_key


def full_fill(layout: Layout, seed: int, remarks: bool = True) -> dict[str, object]:
    """A random fill of both passes, with cover fields and a remark on every other rule row."""
    fill = written(random_fill(layout, seed))
    fill.update(COVER)
    if remarks:
        for index, slot in enumerate(s for s in layout.slots.values() if s.kind.value == "remark"):
            if index % 2 == seed % 2:
                fill[slot.name] = f"说明{index}"
    return fill


def side(layout: Layout, fill: dict[str, object], pass_key: str) -> dict[str, object]:
    """What one party types: its own pass and the shared cover fields."""
    return {k: v for k, v in fill.items() if owner(layout, k) in (pass_key, None)}


def form(rubric, path: Path, inputs: dict[str, object], **options: object) -> Path:  # type: ignore[no-untyped-def]
    return generate_workbook(rubric, path, GenerateOptions(inputs=inputs, **options))  # type: ignore[arg-type]
