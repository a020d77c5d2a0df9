"""回收情况 as notes (where, state, message), text lines and JSON: one model for every front."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlscore.report.terminal import visible
from xlscore.round.identify import Identification
from xlscore.round.names import normalise_name
from xlscore.round.roster import Roster, Unit
from xlscore.round.status import RoundStatus, UnitReturn, UnitState
from xlscore.round.status_words import line_text, state_word
from xlscore.round.words import problem_text


@dataclass(frozen=True)
class RoundNote:
    """One line of 回收情况: where (a returned file, or the roster and its row), the state's key, the message."""

    where: str
    state: str  # missing, duplicate, mismatch, unreadable, off_roster, renamed
    message: str
    unit_id: str = ""


def unit_notes(entry: UnitReturn, roster_file: str, lang: str) -> list[RoundNote]:
    """What a person should know about one roster unit (nothing for a plain return); a missing unit is
    located at its row of ``roster_file``."""
    unit, notes = entry.unit, []
    if entry.state is UnitState.MISSING:
        where = problem_text("row", lang, file=roster_file, row=unit.row) if unit.row else roster_file
        notes.append(RoundNote(where, "missing", line_text("missing", lang, name=unit.name, id=unit.id), unit.id))
    if entry.state is UnitState.UNREADABLE:
        for other in entry.others:
            notes.append(RoundNote(other.form.file, "unreadable", line_text("unreadable", lang, name=unit.name), unit.id))
    used = entry.used
    if used is None:
        return notes
    files = [used] + [o for o in entry.others if o.verdict is used.verdict]
    if len(files) > 1:
        why = line_text(entry.choice or "same_time", lang, time=_time(entry, used.form.file))
        notes.append(RoundNote(used.form.file, "duplicate", line_text(
            "duplicate", lang, name=unit.name, count=len(files), files="、".join(Path(f.form.file).name for f in files),
            used=Path(used.form.file).name, why=why), unit.id))
    for ident in [used, *entry.others]:
        note = _file_note(ident, lang)
        if note is not None:
            notes.append(note)
    return notes


def _file_note(ident: Identification, lang: str) -> RoundNote | None:
    unit, made_for, form = ident.unit, ident.made_for, ident.form
    if ident.reason == "renamed" and unit is not None:
        return RoundNote(form.file, "renamed", line_text("renamed", lang, name=unit.name, id=unit.id), unit.id)
    if ident.reason == "other_units_form" and unit is not None and made_for is not None:
        how = line_text("how_cover" if ident.how == "cover" else "how_file_name", lang, cover=form.cover_unit,
                        file_name=Path(form.file).name)
        return RoundNote(form.file, "mismatch", line_text("other_units_form", lang, made_for=made_for.name,
                                                          id=made_for.id, name=unit.name, how=how), unit.id)
    if ident.reason == "cover_changed" and made_for is not None:
        return RoundNote(form.file, "mismatch", line_text("cover_changed", lang, cover=form.cover_unit or "—",
                                                          name=made_for.name, id=made_for.id), made_for.id)
    return None


def off_roster_note(ident: Identification, roster: Roster, lang: str) -> RoundNote:
    form = ident.form
    message = line_text(ident.reason or "not_on_roster", lang, found=form.roster_sha256[:12], expected=roster.sha256[:12],
                        id=form.unit_id, cover=form.cover_unit)
    if ident.reason == "not_on_roster":
        near = nearest_unit(form.cover_unit, roster)
        if near is not None:
            message += line_text("nearest", lang, name=near.name, id=near.id)
    return RoundNote(form.file, "off_roster", message)


def nearest_unit(name: str, roster: Roster) -> Unit | None:
    """The roster unit whose name is closest to ``name`` (a near miss worth suggesting), or None."""
    keys = {u.key: u for u in roster.units}
    close = difflib.get_close_matches(normalise_name(name), list(keys), n=1, cutoff=0.6)
    return keys[close[0]] if close else None


def _time(entry: UnitReturn, file: str) -> str:
    stamp = entry.saved.get(file)
    return stamp.strftime("%Y-%m-%d %H:%M:%S UTC") if stamp else "—"


def round_notes(status: RoundStatus, lang: str) -> list[RoundNote]:
    """Every note of the round: roster units in roster order, then the files no unit claims."""
    notes = [note for entry in status.units for note in unit_notes(entry, status.roster.file, lang)]
    notes += [off_roster_note(i, status.roster, lang) for i in status.off_roster]
    return notes


def heading(status: RoundStatus, lang: str) -> str:
    counts = {state.value: status.count(state) for state in UnitState}
    return line_text("heading", lang, roster=status.roster.file, units=len(status.units), off=len(status.off_roster),
                     **counts)


def round_lines(status: RoundStatus, lang: str) -> list[str]:
    """The text report's block: the heading, then ``where: 状态: message`` per note."""
    lines = [visible(heading(status, lang))]
    for note in round_notes(status, lang):
        lines.append(visible(f"{note.where}: {state_word(note.state, lang)}: {note.message}"))
    return lines


def round_json(status: RoundStatus, lang: str) -> dict[str, Any]:
    """The JSON report's ``round`` object (schema: ``docs/report.schema.json``)."""
    notes = round_notes(status, lang)
    return {
        "roster": status.roster.file,
        "roster_sha256": status.roster.sha256,
        "period": status.roster.period,
        "exit_code": status.exit_code,
        "counts": {**{state.value: status.count(state) for state in UnitState}, "off_roster": len(status.off_roster)},
        "units": [_unit_json(entry) for entry in status.units],
        "off_roster": [{"file": i.form.file, "reason": i.reason} for i in status.off_roster],
        "notes": [{"where": n.where, "state": n.state, "unit_id": n.unit_id or None, "message": n.message} for n in notes],
    }


def _unit_json(entry: UnitReturn) -> dict[str, Any]:
    used = entry.used
    return {
        "id": entry.unit.id,
        "name": entry.unit.name,
        "state": entry.state.value,
        "file": used.form.file if used else None,
        "matched_by": used.how if used else None,
        "reason": used.reason or None if used else None,
        "other_files": [o.form.file for o in entry.others],
        "choice": entry.choice or None,
    }
