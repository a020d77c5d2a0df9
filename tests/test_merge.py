"""Merging the passes: a 自查-only and a 考评-only copy make the form filled in one copy; conflicts stop it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from merge_support import form, full_fill, layout_of, owner, side, small_rubric
from xlscore.check.checker import check_file
from xlscore.check.rubric_source import shipped_rubric
from xlscore.form.layout import SlotKind
from xlscore.round.merge import MergeRefused, open_pair, plan_merge, refuse_mismatch, write_merged
from xlscore.round.returned import read_return


def _merge(first: Path, second: Path, out: Path, prefer: str | None = None):  # type: ignore[no-untyped-def]
    a, b = open_pair(first, second)
    refuse_mismatch(a, b)
    plan = plan_merge(a, b, prefer)
    if plan.writable:
        write_merged(plan, out)
    return plan


def _verdict(path: Path) -> tuple[list[tuple[str, str | None, str | None]], dict]:  # type: ignore[type-arg]
    report = check_file(path)
    return [(f.code, f.sheet, f.cell) for f in report.findings], report.totals


@pytest.mark.parametrize("seed", [1, 2])
def test_merge_of_split_copies_equals_the_form_filled_in_one_copy(tmp_path: Path, seed: int) -> None:
    rubric = shipped_rubric()
    layout = layout_of(rubric)
    fill = full_fill(layout, seed)
    one = form(rubric, tmp_path / "one.xlsx", fill)
    own = form(rubric, tmp_path / "self.xlsx", side(layout, fill, "self_check"))
    assessed = form(rubric, tmp_path / "assess.xlsx", side(layout, fill, "assessed"))
    plan = _merge(own, assessed, tmp_path / "merged.xlsx")
    assert plan.conflicts == [] and plan.borrowed == []
    merged = read_return(tmp_path / "merged.xlsx")
    assert merged.typed == read_return(one).typed  # input for input, remark for remark, cover for cover
    assert merged.formulas == read_return(one).formulas  # every formula intact
    assert _verdict(tmp_path / "merged.xlsx") == _verdict(one)  # the checker's verdict and totals


def test_raw_values_are_kept_as_typed(tmp_path: Path) -> None:
    rubric = small_rubric()
    layout = layout_of(rubric)
    name = next(s.name for s in layout.slots.values() if s.kind is SlotKind.INPUT and s.pass_key == "self_check")
    own = form(rubric, tmp_path / "self.xlsx", {name: "１５", "XS_COVER_UNIT": "城南"})
    assessed = form(rubric, tmp_path / "assess.xlsx", {"XS_COVER_UNIT": "城南"})
    _merge(own, assessed, tmp_path / "merged.xlsx")
    cell = _cell(tmp_path / "merged.xlsx", layout.slots[name])
    assert cell == "１５"  # text stays text: the check reads it as the self-check copy's check did
    codes = {(f.code, f.name) for f in check_file(tmp_path / "merged.xlsx").findings}
    assert ("IN003", name) in codes and ("IN003", name) in {(f.code, f.name) for f in check_file(own).findings}


def _cell(path: Path, slot) -> object:  # type: ignore[no-untyped-def]
    book = openpyxl.load_workbook(path)
    return book[slot.sheet].cell(slot.row, slot.col).value


def test_conflicting_copies_name_every_cell_and_write_nothing(tmp_path: Path) -> None:
    rubric = small_rubric()
    layout = layout_of(rubric)
    fill = full_fill(layout, 3)
    changed = [s.name for s in layout.slots.values() if s.kind is SlotKind.INPUT and s.pass_key == "self_check"][:3]
    remark = next(s.name for s in layout.slots.values() if s.kind is SlotKind.REMARK and s.pass_key == "assessed")
    other = dict(fill, **{name: 7 for name in changed}, XS_COVER_PERIOD="2024年度")
    fill[remark], other[remark] = "自查副本里的考评说明", "考评说明"
    own = form(rubric, tmp_path / "self.xlsx", fill)
    assessed = form(rubric, tmp_path / "assess.xlsx", other)
    out = tmp_path / "merged.xlsx"
    plan = _merge(own, assessed, out)
    expected = {n for n in changed if fill.get(n) != 7} | {remark, "XS_COVER_PERIOD"}
    assert {c.name for c in plan.conflicts} == expected
    assert all(c.cell == layout.slots[c.name].cell and c.sheet == layout.slots[c.name].sheet for c in plan.conflicts)
    period = next(c for c in plan.conflicts if c.name == "XS_COVER_PERIOD")
    assert (period.self_value, period.assess_value, period.pass_key) == ("2025年度", "2024年度", None)
    assert not out.exists()
    _merge(own, assessed, out, prefer="assess")
    typed = read_return(out).typed
    assert all(typed[n] == 7 for n in changed) and typed[remark] == "考评说明"


def test_another_rubric_or_another_unit_is_refused(tmp_path: Path) -> None:
    small = form(small_rubric(), tmp_path / "small.xlsx", {})
    shipped = form(shipped_rubric(), tmp_path / "shipped.xlsx", {})
    with pytest.raises(MergeRefused) as refused:
        refuse_mismatch(*open_pair(small, shipped))
    assert refused.value.reason == "different_rubric"
    one = form(small_rubric(), tmp_path / "01.xlsx", {}, unit="城南", unit_id="01", roster_sha256="a" * 64)
    two = form(small_rubric(), tmp_path / "02.xlsx", {}, unit="城北", unit_id="02", roster_sha256="a" * 64)
    with pytest.raises(MergeRefused) as refused:
        refuse_mismatch(*open_pair(one, two))
    assert refused.value.reason == "different_unit"
    with pytest.raises(MergeRefused) as refused:
        open_pair(tmp_path / "01.xlsx", Path(__file__))
    assert refused.value.reason == "unreadable"


def test_the_merged_form_keeps_the_units_id(tmp_path: Path) -> None:
    one = form(small_rubric(), tmp_path / "self.xlsx", {}, unit="城南", unit_id="01", roster_sha256="a" * 64)
    two = form(small_rubric(), tmp_path / "assess.xlsx", {}, unit="城南", unit_id="01", roster_sha256="a" * 64)
    _merge(one, two, tmp_path / "merged.xlsx")
    merged = read_return(tmp_path / "merged.xlsx")
    assert (merged.metadata.unit_id, merged.metadata.roster_sha256, merged.cover_unit) == ("01", "a" * 64, "城南")


TEXT_KINDS = (SlotKind.REMARK, SlotKind.REASON, SlotKind.COVER)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), split=st.integers(0, 2), texts=st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=6))
def test_a_merge_never_loses_a_remark_a_reason_or_a_cover_field(tmp_path: Path, seed: int, split: int, texts: list[str]) -> None:
    rubric = small_rubric()
    layout = layout_of(rubric)
    fill = full_fill(layout, seed)
    text_slots = [s.name for s in layout.slots.values() if s.kind in TEXT_KINDS]
    for index, text in enumerate(texts):
        if text.strip() and text.isprintable():
            fill[text_slots[(seed + index * 7) % len(text_slots)]] = text
    own, assessed = side(layout, fill, "self_check"), side(layout, fill, "assessed")
    if split == 1:  # the assessor worked on the unit's copy: it holds both passes
        assessed = dict(fill)
    elif split == 2:  # a text typed in the other party's copy only
        name = text_slots[seed % len(text_slots)]
        if owner(layout, name) == "assessed":
            own[name] = "只在自查副本"
            assessed.pop(name, None)
        else:
            assessed[name] = "只在考评副本"
            own.pop(name, None)
    folder = tmp_path / f"{seed}-{split}-{len(texts)}"
    folder.mkdir()
    a = form(rubric, folder / "self.xlsx", own)
    b = form(rubric, folder / "assess.xlsx", assessed)
    plan = _merge(a, b, folder / "merged.xlsx")
    assert plan.conflicts == []
    merged = read_return(folder / "merged.xlsx").typed
    for copy in (read_return(a).typed, read_return(b).typed):
        for name, value in copy.items():
            if layout.slots[name].kind in TEXT_KINDS:
                assert name in merged, name


@pytest.mark.engine
def test_libreoffice_computes_the_same_totals_for_the_merged_form(tmp_path: Path) -> None:
    from support.libreoffice import recalculate

    rubric = shipped_rubric()
    layout = layout_of(rubric)
    fill = full_fill(layout, 11)
    one = form(rubric, tmp_path / "one.xlsx", fill)
    own = form(rubric, tmp_path / "self.xlsx", side(layout, fill, "self_check"))
    assessed = form(rubric, tmp_path / "assess.xlsx", side(layout, fill, "assessed"))
    _merge(own, assessed, tmp_path / "merged.xlsx")
    done = recalculate([one, tmp_path / "merged.xlsx"], tmp_path / "recalculated")
    books = [openpyxl.load_workbook(done[p], data_only=True) for p in (one, tmp_path / "merged.xlsx")]
    computed = [s for s in layout.slots.values() if s.kind.is_computed]
    values = [[book[s.sheet].cell(s.row, s.col).value for s in computed] for book in books]
    assert values[0] == values[1]
    grand = [s for s in computed if s.kind is SlotKind.SUMMARY and s.section is None]
    assert all(isinstance(books[1][s.sheet].cell(s.row, s.col).value, (int, float)) for s in grand)
    assert check_file(done[tmp_path / "merged.xlsx"]).errors == check_file(done[one]).errors
