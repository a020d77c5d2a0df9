"""The rubric as a validated, typed model (SPEC §1): frozen records, validated by ``rubric.validate``.

Section → (group →) item → rules. Scores are ``Decimal``; every number is normalised on load
(``2.0`` and ``2`` are the same number), so the canonical form does not depend on how it was typed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from xlscore.rules import ItemContext, Rule, SampleMinimum
from xlscore.rules.base import number
from xlscore.rules.schema import After, Tagged, invalid, param, record

SERIAL_PATTERN = re.compile(r"^\d+(\.\d+)*$")
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


def _canonical_decimal(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("must be a finite number")
    return Decimal(number(value))


#: A score, normalised on load and written as :func:`number` in the canonical form.
Score = Annotated[Decimal, After(_canonical_decimal)]
ExemptionPolicy = Literal["full_score", "excluded"]


def _serial(value: str) -> str:
    if not SERIAL_PATTERN.match(value):
        raise invalid("bad_serial", "序号 must look like 1, 1.2 or 6.10, got `{value}`", {"value": value})
    return value


Serial = Annotated[str, After(_serial)]


def _var_names(value: dict[str, str]) -> dict[str, str]:
    for key in value:
        if not re.match(r"^[a-z_][a-z0-9_]*$", key):
            raise invalid("bad_var_name", "variable name `{name}` must be lower-case letters, digits and _", {"name": key})
    return value


@record
class Exemption:
    """``可不做考核``: the item may be exempted when ``condition`` holds; the auditor records 是/否 and a reason."""

    condition: str = param(min_length=1, description="when the item may be exempted, as printed")
    policy: ExemptionPolicy | None = param(
        default=None, description="full_score: the item scores its 标准分; excluded: it leaves the total"
    )


@record
class Item:
    """One scored row of the paper form (序号 1.1, 2, 6.10 …)."""

    no: Serial = param(description="序号 as printed, as text (\"6.10\", not 6.1)")
    name: str | None = param(default=None, description="项目: the short title, where the source prints one")
    content: str = param(min_length=1, description="考核内容 as printed")
    score: Score = param(description="标准分")
    text: str = param(min_length=1, description="评分规定 as printed (after cleaning)")
    rules: list[Rule] = param(min_length=1, description="the structured clauses that compute the deduction")
    sample: SampleMinimum | None = param(default=None, description="the item's minimum sample (抽查不少于…)")
    exemption: Exemption | None = None
    notes: list[str] = param(default_factory=list, description="remarks printed with the item")
    # Not part of the canonical form: a rubric with a pending review is refused before any form is made.
    review: str | None = param(
        default=None, exclude=True, description="what a person must check before this item is final (set by import)"
    )

    def context(self) -> ItemContext:
        months = self.sample.min if self.sample is not None and self.sample.is_months else 0
        return ItemContext(standard_score=self.score, months=months)

    @property
    def title(self) -> str:
        return self.name or self.content


@record
class Group:
    """A numbered heading with items under it (序号 1 指标体系 → 1.1–1.10)."""

    no: Serial
    name: str = param(min_length=1)
    total: Score = param(description="the group's declared 标准分")
    items: list[Item] = param(min_length=1)


def _entry_tag(value: Any) -> str:
    if isinstance(value, dict):
        return "group" if "items" in value else "item"
    return "group" if isinstance(value, Group) else "item"


Entry = Annotated[Union[Group, Item], Tagged(_entry_tag, ("group", "item"))]


@record
class Section:
    """One scoring sheet of the workbook (客户服务中心AAAAA, 400分)."""

    id: str = param(pattern=r"^[0-9A-Za-z]+$", description="the section's number, as text")
    title: str = param(min_length=1)
    total: Score = param(description="the section's declared 标准分")
    incomplete: bool = param(default=False, description="the source is cut off inside this section")
    note: str | None = param(default=None, description="why the section is incomplete, shown in the workbook")
    items: list[Entry] = param(min_length=1, description="groups and items, in printed order")

    def all_items(self) -> list[Item]:
        out: list[Item] = []
        for entry in self.items:
            out.extend(entry.items if isinstance(entry, Group) else [entry])
        return out


@record
class Correction:
    """One repair of the damaged source text, so an auditor can compare the workbook with the paper."""

    at: str = param(min_length=1, description="where: a 序号, or 'header'")
    original: str = param(description="the text as the source has it")
    corrected: str = param(description="the text as transcribed")
    why: str | None = None


@record
class Rubric:
    """A whole rubric: header, variables, corrections and sections."""

    id: str = param(pattern=ID_PATTERN)
    title: str = param(min_length=1)
    version: str = param(min_length=1)
    source: str = param(min_length=1, description="the document this rubric transcribes")
    vars: Annotated[dict[str, str], After(_var_names)] = param(
        default_factory=dict, description="text variables such as hotline: AAAAA"
    )
    exemption_policy: ExemptionPolicy = "full_score"
    blank_inputs: Literal["incomplete", "zero"] = param(
        default="incomplete",
        description="incomplete: a blank input leaves its pass unfinished; zero: the office counts blanks as 0",
    )
    corrections: list[Correction] = param(default_factory=list)
    sections: list[Section] = param(min_length=1)

    def all_items(self) -> list[tuple[Section, Item]]:
        return [(section, item) for section in self.sections for item in section.all_items()]

    def exemption_policy_of(self, item: Item) -> ExemptionPolicy:
        if item.exemption is not None and item.exemption.policy is not None:
            return item.exemption.policy
        return self.exemption_policy
