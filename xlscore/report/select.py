"""``--select`` / ``--ignore``: which finding codes a report shows, by code or code prefix (as ruff and flake8 do)."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from xlscore.check.codes import CATALOGUE
from xlscore.check.findings import Report


class UnknownCode(ValueError):
    """A ``--select``/``--ignore`` entry that is no code and no prefix of one; ``args[0]`` is the entry."""


def parse_codes(values: Iterable[str]) -> tuple[str, ...]:
    """``("REM,DIFF001", "in")`` → ``("REM", "DIFF001", "IN")``; raises :class:`UnknownCode` for a stray entry."""
    out: list[str] = []
    for value in values:
        for entry in value.split(","):
            prefix = entry.strip().upper()
            if not prefix:
                continue
            if not any(code.startswith(prefix) for code in CATALOGUE):
                raise UnknownCode(entry.strip())
            out.append(prefix)
    return tuple(out)


def selected(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Shown when selected (everything is, without ``select``) and not ignored; the longer prefix wins a tie."""
    chosen = max((len(p) for p in select if code.startswith(p)), default=-1 if select else 0)
    dropped = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    return chosen >= 0 and chosen > dropped


def filter_report(report: Report, select: tuple[str, ...], ignore: tuple[str, ...]) -> Report:
    """``report`` with only its selected findings (counts and exit code follow); unchanged without filters."""
    if not select and not ignore:
        return report
    kept = {f.id for f in report.findings if selected(f.code, select, ignore) and f.caused_by is None}
    # A consequence goes with its root: listed under it when the root is kept, not at all when it is not.
    return replace(report, findings=[f for f in report.findings
                                     if (f.id if f.caused_by is None else f.caused_by) in kept])
