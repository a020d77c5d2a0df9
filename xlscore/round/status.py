"""回收情况: every roster unit with its state and file, and the returns no unit claims.

Built from the :class:`~xlscore.round.identify.Identification` of every returned file; no roster
unit is ever dropped (a unit with no return is ``missing``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from xlscore.round.identify import Identification, Verdict
from xlscore.round.roster import Roster, Unit


class UnitState(str, Enum):
    RETURNED = "returned"  # 已回收
    MISSING = "missing"  # 未回收
    DUPLICATE = "duplicate"  # 重复: several files, the newest save used
    MISMATCH = "mismatch"  # 单位不符
    UNREADABLE = "unreadable"  # 无法校验: a file came back but could not be checked


#: How each state counts in the exit code: 1 where a person must act on a file (0 otherwise).
STATE_EXIT = {UnitState.MISMATCH: 1}


@dataclass
class UnitReturn:
    """One roster unit in 回收情况. ``used``: the file whose scores count for the unit (None: none);
    ``others``: its further files (older duplicates, files that are not its own form);
    ``choice``: why ``used`` was chosen among duplicates (``newer``, ``same_time``, "")."""

    unit: Unit
    state: UnitState
    used: Identification | None = None
    others: list[Identification] = field(default_factory=list)
    choice: str = ""
    saved: dict[str, dt.datetime | None] = field(default_factory=dict)  # file → its recorded save time


@dataclass
class RoundStatus:
    roster: Roster
    units: list[UnitReturn]
    off_roster: list[Identification] = field(default_factory=list)

    def count(self, state: UnitState) -> int:
        return sum(1 for u in self.units if u.state is state)

    @property
    def exit_code(self) -> int:
        return max((STATE_EXIT.get(u.state, 0) for u in self.units), default=0)

    def used_files(self) -> dict[str, Unit]:
        """file → the roster unit it counts for (one file per unit)."""
        return {u.used.form.file: u.unit for u in self.units if u.used is not None}


def round_status(roster: Roster, found: list[Identification], saved: dict[str, dt.datetime | None]) -> RoundStatus:
    """The 回收情况 of ``roster`` given every return's identification and save time (file → time or None)."""
    by_unit: dict[str, list[Identification]] = {u.id: [] for u in roster.units}
    off = []
    for ident in found:
        if ident.unit is None:
            if ident.verdict is not Verdict.UNREADABLE:
                off.append(ident)
            continue
        by_unit[ident.unit.id].append(ident)
    units = [_unit_return(unit, by_unit[unit.id], saved) for unit in roster.units]
    return RoundStatus(roster, units, off)


def _unit_return(unit: Unit, files: list[Identification], saved: dict[str, dt.datetime | None]) -> UnitReturn:
    own = [i for i in files if i.verdict is Verdict.MATCHED]
    mismatched = [i for i in files if i.verdict is Verdict.MISMATCH]
    times = {i.form.file: saved.get(i.form.file) for i in files}
    if not files:
        return UnitReturn(unit, UnitState.MISSING)
    if not own and not mismatched:
        return UnitReturn(unit, UnitState.UNREADABLE, None, files, saved=times)
    candidates = own or mismatched
    ordered = sorted(candidates, key=lambda i: _newest_first(i, saved))
    used = ordered[0]
    others = [i for i in files if i is not used]
    if mismatched:
        state = UnitState.MISMATCH
    elif len(own) > 1:
        state = UnitState.DUPLICATE
    else:
        state = UnitState.RETURNED
    choice = ""
    if len(candidates) > 1:
        first, second = (saved.get(i.form.file) for i in ordered[:2])
        choice = "newer" if first is not None and (second is None or first > second) else "same_time"
    return UnitReturn(unit, state, used, others, choice, times)


def _newest_first(ident: Identification, saved: dict[str, dt.datetime | None]) -> tuple:  # type: ignore[type-arg]
    """Sort key: recorded save time, newest first; without one (or a tie), the file name last in order first."""
    stamp = saved.get(ident.form.file)
    name = Path(ident.form.file).name
    return (stamp is None, -(stamp.timestamp() if stamp else 0.0), _reverse(name))


def _reverse(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text) + (0,)
