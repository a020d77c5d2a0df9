"""``generate --roster``: one form per roster unit, ``FOLDER/<单位>.xlsx``, its unit and period locked on the cover."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from xlscore.round.names import file_key, windows_file_name
from xlscore.round.roster import Roster, RosterError, RosterProblem, Unit

SUFFIX = ".xlsx"


@dataclass(frozen=True)
class UnitForm:
    unit: Unit
    path: Path


def unit_forms(roster: Roster, folder: str | Path) -> list[UnitForm]:
    """Where each unit's form goes (roster order). Raises :class:`RosterError` when two units would get
    the same file name on Windows (names are sanitised first: :func:`~xlscore.round.names.windows_file_name`)."""
    folder = Path(folder)
    first: dict[str, Unit] = {}
    problems, forms = [], []
    for unit in roster.units:
        stem = windows_file_name(unit.name, unit.id)
        seen = first.setdefault(file_key(stem), unit)
        if seen is not unit:
            problems.append(RosterProblem("same_file_name", roster.file, unit.row, {
                "name": unit.name, "first": seen.row, "first_name": seen.name, "file_name": stem}))
        forms.append(UnitForm(unit, folder / f"{stem}{SUFFIX}"))
    if problems:
        raise RosterError(problems)
    return forms


def existing(forms: list[UnitForm]) -> list[Path]:
    """The targets already there (refused without --force)."""
    return [f.path for f in forms if f.path.exists() or f.path.is_symlink()]


def over_roster(forms: list[UnitForm], roster_file: str | Path) -> Path | None:
    """The form path that is the roster file itself (refused even with --force: an input is never written)."""
    from xlscore.report.outputs import Inputs

    roster = Inputs([Path(roster_file)])
    return next((f.path for f in forms if f.path in roster), None)


def generate_round(rubric, roster: Roster, forms: list[UnitForm], options) -> list[Path]:  # type: ignore[no-untyped-def]
    """Write each unit's form (atomically, one by one) with ``options`` (a ``GenerateOptions``) made
    for the unit: its name and the roster's period (``options.period`` when the roster has none) on
    the cover, its id and the roster's sha256 in the metadata. Returns the paths written."""
    from xlscore.generate import generate_workbook

    written = []
    for form in forms:
        form.path.parent.mkdir(parents=True, exist_ok=True)
        unit_options = dataclasses.replace(
            options, unit=form.unit.name, period=roster.period or options.period,
            unit_id=form.unit.id, roster_sha256=roster.sha256,
        )
        written.append(generate_workbook(rubric, form.path, unit_options))
    return written
