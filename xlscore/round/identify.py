"""Which roster unit a returned form is, and whether it is that unit's own form.

The embedded unit id comes first (a unit may rename its file), then the cover's unit name (compared
by :func:`~xlscore.round.names.normalise_name`). A form whose id names unit A but whose cover or file
name names another roster unit B was made for A and returned as B's: 单位不符, counted for B.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from xlscore.round.names import normalise_name, windows_file_name, without_copy_mark
from xlscore.round.roster import Roster, Unit


@dataclass(frozen=True)
class ReturnedForm:
    """What a returned file says about itself: its path, the metadata's unit id and roster sha256
    ("" for a form made without a roster), the cover's 被考核单位, and whether it could be checked."""

    file: str
    unit_id: str = ""
    roster_sha256: str = ""
    cover_unit: str = ""
    readable: bool = True

    @classmethod
    def from_report(cls, report) -> "ReturnedForm":  # type: ignore[no-untyped-def]
        """From a :class:`~xlscore.check.findings.Report` (an unreadable report gives ``readable=False``)."""
        return cls(report.file, report.unit_id or "", report.roster_sha256 or "", report.unit or "",
                   report.unreadable is None)

    @classmethod
    def from_metadata(cls, file: str, metadata, cover_unit: str = "") -> "ReturnedForm":  # type: ignore[no-untyped-def]
        """From a workbook's :class:`~xlscore.form.metadata.Metadata` (e.g. ``check.rubric_source.read_metadata``)
        and its cover's 被考核单位, without checking it (None for metadata that is gone or unreadable)."""
        unit_id = getattr(metadata, "unit_id", "") or ""
        return cls(file, unit_id, getattr(metadata, "roster_sha256", "") or "", cover_unit or "")

    @property
    def stem(self) -> str:
        return Path(self.file).stem


class Verdict(str, Enum):
    MATCHED = "matched"  # the unit's own form
    MISMATCH = "mismatch"  # 单位不符: another unit's form, or its cover name changed
    OFF_ROSTER = "off_roster"  # 名单外: no unit of this roster, or a form of another round
    UNREADABLE = "unreadable"  # could not be checked; placed by its file name when that names a unit


@dataclass(frozen=True)
class Identification:
    """The answer of :func:`identify`.

    ``unit``: the roster unit the return counts for (None for 名单外, or an unreadable file whose name
    names no unit). ``how``: ``id``, ``cover`` or ``file_name`` (what matched). ``made_for``: the unit
    the form was generated for, by its embedded id (None without one). ``reason``: why, for the
    report — ``renamed`` (matched by id under another file name), ``cover_changed``,
    ``other_units_form``, ``other_round``, ``roster_changed`` (another roster's form for a unit of this
    roster: another round, or the roster was edited after the forms went out), ``unknown_id``, ``no_cover``, ``not_on_roster`` or "".
    """

    form: ReturnedForm
    verdict: Verdict
    unit: Unit | None = None
    how: str = ""
    made_for: Unit | None = None
    reason: str = ""


def identify(form: ReturnedForm, roster: Roster) -> Identification:
    """Which unit of ``roster`` the return ``form`` is; see :class:`Identification`."""
    if not form.readable:
        unit = named_by_file(form.stem, roster)
        return Identification(form, Verdict.UNREADABLE, unit, "file_name" if unit else "")
    if form.roster_sha256 and form.roster_sha256 != roster.sha256:
        same = roster.by_id(form.unit_id)
        changed = same is not None and same.key == normalise_name(form.cover_unit)
        return Identification(form, Verdict.OFF_ROSTER, made_for=same if changed else None,
                              reason="roster_changed" if changed else "other_round")
    if form.unit_id:
        return _by_id(form, roster)
    unit = roster.by_name(form.cover_unit)
    if unit is None:
        return Identification(form, Verdict.OFF_ROSTER, reason="not_on_roster" if form.cover_unit.strip() else "no_cover")
    return Identification(form, Verdict.MATCHED, unit, "cover")


def _by_id(form: ReturnedForm, roster: Roster) -> Identification:
    made_for = roster.by_id(form.unit_id)
    if made_for is None:
        return Identification(form, Verdict.OFF_ROSTER, reason="unknown_id")
    by_cover = roster.by_name(form.cover_unit)
    by_file = named_by_file(form.stem, roster)
    other = next((u for u in (by_cover, by_file) if u is not None and u != made_for), None)
    if other is not None:
        return Identification(form, Verdict.MISMATCH, other, "cover" if other == by_cover else "file_name", made_for,
                              "other_units_form")
    if normalise_name(form.cover_unit) != made_for.key:
        return Identification(form, Verdict.MISMATCH, made_for, "id", made_for, "cover_changed")
    renamed = by_file != made_for
    return Identification(form, Verdict.MATCHED, made_for, "id", made_for, "renamed" if renamed else "")


def named_by_file(stem: str, roster: Roster) -> Unit | None:
    """The roster unit a file's stem names: its name, or the file name ``generate --roster`` gave it
    (a copy's mark such as ``(2)`` or `` - 副本`` aside)."""
    key = normalise_name(without_copy_mark(stem))
    if not key:
        return None
    return next((u for u in roster.units if key in (u.key, normalise_name(windows_file_name(u.name, u.id)))), None)
