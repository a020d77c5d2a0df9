"""Shared formulas and an array total, as Excel and WPS store a filled-down form.

A run of formula cells down a column (then, for what is left, across a row) whose formulas have
one shape in R1C1 terms becomes a shared group: the first cell keeps the text as the master
``<f t="shared" ref=".." si="N">``, the others get ``<f t="shared" si="N"/>``. "One shape" is
decided by openpyxl's formula translator: a cell joins the run when the master's formula moved to
it is exactly its own. Every cell keeps its cached value.
"""

from __future__ import annotations

from openpyxl.formula.translate import Translator

from .cells import Cell, cells, ref_of, rewrite
from .parts import Parts, text_of, xml_of

MIN_RUN = 2


def shared_formulas(parts: Parts) -> None:
    si = 0
    for _name, part in parts.sheets():
        if parts.has(part):
            xml, si = _share(parts.text(part), si)
            parts.put(part, xml)


def array_total(parts: Parts) -> None:
    """The first total of each sheet (a formula with ``SUM(`` and ``COUNT(``) stored as a single-cell array formula."""
    for _name, part in parts.sheets():
        if not parts.has(part):
            continue
        done = False

        def change(cell: Cell) -> Cell | None:
            nonlocal done
            found = cell.formula()
            if done or found is None or found[0].get("t") or not _total(found[1] or ""):
                return None
            done = True
            cell.inner = cell.with_formula(f'<f t="array" ref="{cell.ref}">{found[1]}</f>')
            return cell

        parts.put(part, rewrite(parts.text(part), change))


def _total(formula: str) -> bool:
    return "SUM(" in formula and "COUNT(" in formula


def _share(xml: str, si: int) -> tuple[str, int]:
    plain: dict[tuple[int, int], str] = {}
    for cell in cells(xml):
        found = cell.formula()
        if found is not None and not found[0].get("t") and found[1]:
            plain[cell.at] = text_of(found[1])
    groups: dict[tuple[int, int], tuple[int, str | None]] = {}  # cell → (si, master's ref for the master)
    for along in ("column", "row"):
        for run in _runs(plain, groups, along):
            first, last = run[0], run[-1]
            groups[first] = (si, f"{ref_of(*first)}:{ref_of(*last)}")
            for at in run[1:]:
                groups[at] = (si, None)
            si += 1

    def change(cell: Cell) -> Cell | None:
        group = groups.get(cell.at)
        if group is None:
            return None
        number, ref = group
        if ref is None:
            cell.inner = cell.with_formula(f'<f t="shared" si="{number}"/>')
        else:
            cell.inner = cell.with_formula(f'<f t="shared" ref="{ref}" si="{number}">{xml_of(plain[cell.at])}</f>')
        return cell

    return rewrite(xml, change), si


def _runs(plain: dict[tuple[int, int], str], taken: dict[tuple[int, int], object], along: str) -> list[list[tuple[int, int]]]:
    step = (1, 0) if along == "column" else (0, 1)
    key = (lambda at: (at[1], at[0])) if along == "column" else (lambda at: at)
    runs = []
    done: set[tuple[int, int]] = set()
    for start in sorted(plain, key=key):
        if start in taken or start in done:
            continue
        run = [start]
        master = Translator("=" + plain[start], origin=ref_of(*start))
        at = (start[0] + step[0], start[1] + step[1])
        while at in plain and at not in taken and _same_shape(master, plain[at], at):
            run.append(at)
            at = (at[0] + step[0], at[1] + step[1])
        done.update(run)
        if len(run) >= MIN_RUN:
            runs.append(run)
    return runs


def _same_shape(master: Translator, formula: str, at: tuple[int, int]) -> bool:
    try:
        return master.translate_formula(ref_of(*at)) == "=" + formula
    except Exception:  # a formula the translator cannot move is never shared
        return False
