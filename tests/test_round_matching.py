"""Which unit a return is, and 回收情况 over many returns: the matching rules stated case by case."""

from __future__ import annotations

import datetime as dt

import pytest

from xlscore.round.identify import ReturnedForm, Verdict, identify
from xlscore.round.roster import Roster, Unit
from xlscore.round.status import UnitState, round_status

ROSTER = Roster("名单.xlsx", (Unit("A", "城南客服中心", row=5), Unit("B", "城北客服中心", row=6),
                               Unit("C", "城东/西中心", row=7)), "2025年度")
SHA = ROSTER.sha256


def _form(file: str, unit_id: str = "", cover: str = "", sha: str = SHA, readable: bool = True) -> ReturnedForm:
    return ReturnedForm(file, unit_id, sha if unit_id else "", cover, readable)


@pytest.mark.parametrize(("form", "verdict", "unit", "how", "reason"), [
    (_form("回收/城南客服中心.xlsx", "A", "城南客服中心"), Verdict.MATCHED, "A", "id", ""),
    (_form("回收/城南客服中心(2).xlsx", "A", "城南客服中心"), Verdict.MATCHED, "A", "id", ""),
    (_form("回收/城东_西中心.xlsx", "C", "城东/西中心"), Verdict.MATCHED, "C", "id", ""),  # the name generate gave it
    (_form("回收/最终版.xlsx", "A", "城南客服中心"), Verdict.MATCHED, "A", "id", "renamed"),
    (_form("回收/x.xlsx", cover="城南 客服中心"), Verdict.MATCHED, "A", "cover", ""),
    (_form("回收/x.xlsx", cover="ＣＩＴＹ"), Verdict.OFF_ROSTER, None, "", "not_on_roster"),
    (_form("回收/城南客服中心.xlsx"), Verdict.OFF_ROSTER, None, "", "no_cover"),
    (_form("回收/城南客服中心.xlsx", "A", "城南客服中心", sha="0" * 64), Verdict.OFF_ROSTER, None, "", "roster_changed"),
    (_form("回收/城南客服中心.xlsx", "Q", "城南客服中心", sha="0" * 64), Verdict.OFF_ROSTER, None, "", "other_round"),
    (_form("回收/城南客服中心.xlsx", "Z", "城南客服中心"), Verdict.OFF_ROSTER, None, "", "unknown_id"),
    (_form("回收/城北客服中心.xlsx", "A", "城南客服中心"), Verdict.MISMATCH, "B", "file_name", "other_units_form"),
    (_form("回收/任意.xlsx", "A", "城北客服中心"), Verdict.MISMATCH, "B", "cover", "other_units_form"),
    (_form("回收/城南客服中心.xlsx", "A", "城南客服中心(新)"), Verdict.MISMATCH, "A", "id", "cover_changed"),
    (_form("回收/城北客服中心.xlsx", readable=False), Verdict.UNREADABLE, "B", "file_name", ""),
    (_form("回收/坏文件.xlsx", readable=False), Verdict.UNREADABLE, None, "", ""),
])
def test_identify(form: ReturnedForm, verdict: Verdict, unit: str | None, how: str, reason: str) -> None:
    found = identify(form, ROSTER)
    assert (found.verdict, found.unit.id if found.unit else None, found.how, found.reason) == (verdict, unit, how, reason)


def _saved(day: int) -> dt.datetime:
    return dt.datetime(2025, 1, day, tzinfo=dt.timezone.utc)


def test_status_keeps_every_unit_and_uses_the_newest_save() -> None:
    forms = [_form("a1.xlsx", "A", "城南客服中心"), _form("城南客服中心 - 副本.xlsx", "A", "城南客服中心"),
             _form("x.xlsx", cover="别处")]
    status = round_status(ROSTER, [identify(f, ROSTER) for f in forms], {"a1.xlsx": _saved(3), "城南客服中心 - 副本.xlsx": _saved(2)})
    states = [(u.unit.id, u.state) for u in status.units]
    assert states == [("A", UnitState.DUPLICATE), ("B", UnitState.MISSING), ("C", UnitState.MISSING)]
    first = status.units[0]
    assert first.used.form.file == "a1.xlsx" and first.choice == "newer" and [o.form.file for o in first.others] == ["城南客服中心 - 副本.xlsx"]
    assert [i.form.file for i in status.off_roster] == ["x.xlsx"] and status.exit_code == 0


def test_duplicates_without_a_later_save_take_the_last_name() -> None:
    forms = [_form("城南客服中心(2).xlsx", "A", "城南客服中心"), _form("城南客服中心(3).xlsx", "A", "城南客服中心")]
    status = round_status(ROSTER, [identify(f, ROSTER) for f in forms], {})
    assert status.units[0].used.form.file == "城南客服中心(3).xlsx" and status.units[0].choice == "same_time"
    recorded = round_status(ROSTER, [identify(f, ROSTER) for f in forms], {"城南客服中心(2).xlsx": _saved(1)})
    assert recorded.units[0].used.form.file == "城南客服中心(2).xlsx" and recorded.units[0].choice == "newer"


def test_mismatch_and_unreadable_states() -> None:
    forms = [_form("城北客服中心.xlsx", "A", "城南客服中心"), _form("城东_西中心.xlsx", readable=False)]
    status = round_status(ROSTER, [identify(f, ROSTER) for f in forms], {})
    assert [u.state for u in status.units] == [UnitState.MISSING, UnitState.MISMATCH, UnitState.UNREADABLE]
    assert status.units[1].used.made_for.id == "A" and status.exit_code == 1
    assert status.units[2].used is None and [o.form.file for o in status.units[2].others] == ["城东_西中心.xlsx"]


def test_notes_of_a_unit_with_two_own_forms_and_another_units_form() -> None:
    from xlscore.round.render import round_notes

    forms = [_form("城南客服中心.xlsx", "A", "城南客服中心"), _form("城南客服中心(2).xlsx", "A", "城南客服中心"),
             _form("城南客服中心 - 副本.xlsx", "B", "城北客服中心")]
    status = round_status(ROSTER, [identify(f, ROSTER) for f in forms], {"城南客服中心.xlsx": _saved(5)})
    notes = [(n.where, n.state) for n in round_notes(status, "zh")]
    assert notes == [("城南客服中心.xlsx", "duplicate"), ("城南客服中心 - 副本.xlsx", "mismatch"),
                     ("名单.xlsx 第 6 行", "missing"), ("名单.xlsx 第 7 行", "missing")]
    assert status.units[0].state is UnitState.MISMATCH and status.units[0].used.form.file == "城南客服中心.xlsx"


def test_a_cover_name_off_the_roster_suggests_the_nearest_unit() -> None:
    from xlscore.round.render import round_notes

    forms = [_form("x.xlsx", cover="城南供电所客服中心"), _form("y.xlsx", cover="完全不同的名字")]
    status = round_status(ROSTER, [identify(f, ROSTER) for f in forms], {})
    near, far = [n.message for n in round_notes(status, "zh") if n.state == "off_roster"]
    assert near.endswith("(名单中最接近的是“城南客服中心”,编号 A)") and "最接近" not in far
