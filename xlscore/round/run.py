"""A check run against a roster: gather what each return says about itself, then 回收情况 and the summary's rows.

Used by the command line and the web page alike (neither holds any of this logic).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from xlscore.round.identify import Identification, ReturnedForm, identify
from xlscore.round.roster import Roster, read_roster
from xlscore.round.saved import saved_at
from xlscore.round.status import RoundStatus, UnitState, round_status


class RoundCheck:
    """Collects each checked file's identity (:meth:`add`), then gives :meth:`status` and the summary rows."""

    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self.found: list[Identification] = []
        self.saved: dict[str, dt.datetime | None] = {}
        self.reports: dict[str, str] = {}  # the file as the user knows it → the report's file (the summary's key)
        self._status: RoundStatus | None = None

    @classmethod
    def from_file(cls, path: str | Path) -> "RoundCheck":
        """Raises :class:`~xlscore.round.roster.RosterError` for a roster that cannot serve a round."""
        return cls(read_roster(path))

    def is_roster(self, path: Path) -> bool:
        """The roster itself, met in a folder of returns: not a return."""
        try:
            return path.resolve() == Path(self.roster.file).resolve()
        except OSError:
            return False

    def add(self, report, name: str | None = None) -> None:  # type: ignore[no-untyped-def]
        """One checked file's report; ``name``: the file as the user knows it, when the report's file is a
        stored copy (the web page's uploads). The file name takes part in identifying the unit."""
        form = ReturnedForm.from_report(report)
        if name is not None:
            form = dataclasses.replace(form, file=name)
        self.reports[form.file] = report.file
        self.found.append(identify(form, self.roster))
        self.saved[form.file] = saved_at(report.file) if form.readable else None
        self._status = None

    def status(self) -> RoundStatus:
        if self._status is None:
            self._status = round_status(self.roster, self.found, self.saved)
        return self._status

    def summary_rows(self, rows: list) -> list:  # type: ignore[type-arg]
        """The summary's rows with a roster: one per roster unit in roster order (its used file, named as the
        roster names it; a unit without one gets an empty row), then the files that could not be checked."""
        from xlscore.batch.summary import Failure, UnitRow

        by_file = {r.file: r for r in rows if isinstance(r, UnitRow)}
        out: list = []  # type: ignore[type-arg]
        for entry in self.status().units:
            row = by_file.get(self.reports.get(entry.used.form.file, "")) if entry.used else None
            if row is not None:
                out.append(dataclasses.replace(row, unit=entry.unit.name, period=row.period or self.roster.period))
            else:
                state = "unreadable" if entry.state is UnitState.UNREADABLE else "missing"
                out.append(UnitRow("", entry.unit.name, self.roster.period, {}, {}, 0, 0, None, status=state))
        return out + [r for r in rows if isinstance(r, Failure)]
