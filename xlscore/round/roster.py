"""A roster: the units of a round, read from the roster workbook or a one-column .txt/.csv of names.

Reading is tolerant: the header row is found by its words (单位编号, 被考核单位 …) wherever it is,
blank rows are skipped, ids are optional (a missing id is derived from the name, the same every
time). A roster that cannot serve a round (no unit, the same name or id twice) raises
:class:`RosterError` listing every problem with its row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from xlscore.i18n import fmt, pick
from xlscore.round.names import normalise_name
from xlscore.round.roster_files import RosterUnreadable, roster_rows
from xlscore.round.roster_table import RosterTable, parse_table
from xlscore.round.words import ROSTER_PROBLEMS


@dataclass(frozen=True)
class Unit:
    """One unit on the roster. ``row``: its 1-based row (line) in the roster file."""

    id: str
    name: str
    contact: str = ""
    phone: str = ""
    row: int = 0

    @property
    def key(self) -> str:
        """The unit's name as names are compared (:func:`~xlscore.round.names.normalise_name`)."""
        return normalise_name(self.name)


@dataclass(frozen=True)
class Roster:
    """The units of a round, in roster order, and the round's 考核期间 ("" when the roster has none)."""

    file: str
    units: tuple[Unit, ...]
    period: str = ""

    @property
    def sha256(self) -> str:
        """The round's fingerprint: sha256 of the ids, names and period (not of the file's bytes, so
        re-saving the roster or changing a phone number leaves the round the same)."""
        content = {"period": self.period, "units": [[u.id, u.name] for u in self.units]}
        return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()

    def by_id(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id.strip()), None) if unit_id else None

    def by_name(self, name: str) -> Unit | None:
        """The unit whose name compares equal to ``name`` (whitespace, full-width and case ignored)."""
        key = normalise_name(name)
        return next((u for u in self.units if u.key == key), None) if key else None


@dataclass(frozen=True)
class RosterProblem:
    """What is wrong with a roster, located: the file and its row (0: the whole file)."""

    kind: str  # a key of ROSTER_PROBLEMS: empty, duplicate_name, duplicate_id, no_name, unreadable …
    file: str
    row: int = 0
    values: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        where = self.file if not self.row else fmt(pick(ROSTER_PROBLEMS["row"], lang), file=self.file, row=self.row)
        return f"{where}: " + fmt(pick(ROSTER_PROBLEMS[self.kind], lang), self.values)


class RosterError(Exception):
    """The roster cannot serve a round; :attr:`problems` says every reason (a run stops: exit 2)."""

    def __init__(self, problems: list[RosterProblem]) -> None:
        super().__init__(problems[0].kind if problems else "roster")
        self.problems = problems

    def lines(self, lang: str) -> list[str]:
        return [p.message(lang) for p in self.problems]


def read_roster(path: str | Path) -> Roster:
    """Read a roster (.xlsx/.xlsm workbook, or .txt/.csv of names in UTF-8, UTF-8 with BOM or GBK).

    Raises :class:`RosterError` when it cannot be read or cannot serve a round (empty, duplicates,
    a row with an id but no name). Never writes the file.
    """
    path = Path(path)
    try:
        rows = roster_rows(path)
    except RosterUnreadable as exc:
        raise RosterError([RosterProblem(exc.kind, str(path), values=exc.values)]) from None
    table = parse_table(rows)
    return _roster(str(path), table)


def _roster(file: str, table: RosterTable) -> Roster:
    problems = [RosterProblem(kind, file, row, values) for kind, row, values in table.problems]
    units = [Unit(e.id or derived_id(e.name), e.name, e.contact, e.phone, e.row) for e in table.entries]
    problems += _duplicates(file, units, lambda u: u.key, "duplicate_name")
    problems += _duplicates(file, units, lambda u: u.id, "duplicate_id")
    if not units and not problems:
        problems.append(RosterProblem("empty", file))
    if problems:
        raise RosterError(problems)
    return Roster(file, tuple(units), table.period)


def _duplicates(file: str, units: list[Unit], key, kind: str) -> list[RosterProblem]:  # type: ignore[no-untyped-def]
    first: dict[str, Unit] = {}
    out = []
    for unit in units:
        seen = first.setdefault(key(unit), unit)
        if seen is not unit:
            out.append(RosterProblem(kind, file, unit.row, {"name": unit.name, "id": unit.id, "first": seen.row,
                                                            "first_name": seen.name}))
    return out


def derived_id(name: str) -> str:
    """The id of a unit the roster gives no id: ``U`` and 8 hex digits of its normalised name's sha256
    (the same for the same name, whatever its row)."""
    return "U" + hashlib.sha256(normalise_name(name).encode("utf-8")).hexdigest()[:8].upper()
