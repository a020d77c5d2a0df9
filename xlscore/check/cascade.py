"""Root causes and their consequences: which finding a wrong computed cell only follows from.

A cell whose own formula is intact but whose value is wrong because a cell it reads is wrong is
a *consequence*: it carries ``caused_by`` (the root finding's id), names the root cell in its
message, and is not counted on its own. Roots are found by walking down the precedents (the sum
tree's terms, an item's deductions, a deduction's input) to the first cell with a root finding.
"""

from __future__ import annotations

from xlscore.check.codes.base import Code
from xlscore.check.context import CheckContext
from xlscore.check.findings import Finding
from xlscore.form.layout import Slot


class Cascade:
    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        #: slot name → the root finding its wrong value comes from (its own, or its precedent's)
        self.at: dict[str, Finding] = {f.name: f for f in ctx.findings if f.name and f.caused_by is None}
        self.extra: dict[str, list[Finding]] = {}
        self.stale: list[Finding] = []

    def root(self, slot: Slot, finding: Finding, *, primary: bool = True, stale: bool = False) -> None:
        self.ctx.findings.append(finding)
        if primary:
            self.at.setdefault(slot.name, finding)
        else:
            self.extra.setdefault(slot.name, []).append(finding)
        if stale:
            self.stale.append(finding)

    def first_root(self, slot: Slot) -> Finding | None:
        extra = self.extra.get(slot.name)
        return extra[0] if extra else self.at.get(slot.name)

    def consequence(self, slot: Slot, code: type[Code], values: dict[str, object], root: Finding | None) -> None:
        finding = code.make(self.ctx.lang, caused_by=root.id if root else None, **values)  # type: ignore[arg-type]
        self.ctx.findings.append(finding)
        if root is not None:
            self.at.setdefault(slot.name, root)

    def root_of_precedents(self, names: list[str]) -> Finding | None:
        for name in names:
            found = self.at.get(name)
            if found is not None:
                return found
        return None

    def fold_stale(self, file_finding: Finding) -> None:
        """Replace every stale root, and what follows from them, by one finding for the file."""
        ids = {f.id for f in self.stale}
        self.ctx.findings[:] = [f for f in self.ctx.findings if f not in self.stale and f.caused_by not in ids]
        self.ctx.findings.append(file_finding)
