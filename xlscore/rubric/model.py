"""The rubric as a validated, typed model (SPEC §1).

Section → (group →) item → rules. Scores are ``Decimal``; every number is normalised on load
(``2.0`` and ``2`` are the same number), so the canonical form does not depend on how it was typed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    Tag,
    field_validator,
)
from pydantic_core import PydanticCustomError

from xlscore.rules import ItemContext, Rule, SampleMinimum
from xlscore.rules.base import number

SERIAL_PATTERN = re.compile(r"^\d+(\.\d+)*$")
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


def _canonical_decimal(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("must be a finite number")
    return Decimal(number(value))


Score = Annotated[
    Decimal,
    AfterValidator(_canonical_decimal),
    PlainSerializer(number, return_type=str, when_used="json"),
]
ExemptionPolicy = Literal["full_score", "excluded"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _serial(value: str) -> str:
    if not SERIAL_PATTERN.match(value):
        raise PydanticCustomError("bad_serial", "序号 must look like 1, 1.2 or 6.10, got `{value}`", {"value": value})
    return value


Serial = Annotated[str, AfterValidator(_serial)]


class Exemption(_Strict):
    """``可不做考核``: the item may be exempted when ``condition`` holds; the auditor records 是/否 and a reason."""

    condition: str = Field(min_length=1, description="when the item may be exempted, as printed")
    policy: ExemptionPolicy | None = Field(
        default=None, description="full_score: the item scores its 标准分; excluded: it leaves the total"
    )


class Item(_Strict):
    """One scored row of the paper form (序号 1.1, 2, 6.10 …)."""

    no: Serial = Field(description="序号 as printed, as text (\"6.10\", not 6.1)")
    name: str | None = Field(default=None, description="项目: the short title, where the source prints one")
    content: str = Field(min_length=1, description="考核内容 as printed")
    score: Score = Field(description="标准分")
    text: str = Field(min_length=1, description="评分规定 as printed (after cleaning)")
    rules: list[Rule] = Field(min_length=1, description="the structured clauses that compute the deduction")
    sample: SampleMinimum | None = Field(default=None, description="the item's minimum sample (抽查不少于…)")
    exemption: Exemption | None = None
    notes: list[str] = Field(default_factory=list, description="remarks printed with the item")
    # Not part of the canonical form: a rubric with a pending review is refused before any form is made.
    review: str | None = Field(
        default=None, exclude=True, description="what a person must check before this item is final (set by import)"
    )

    def context(self) -> ItemContext:
        months = self.sample.min if self.sample is not None and self.sample.is_months else 0
        return ItemContext(standard_score=self.score, months=months)

    @property
    def title(self) -> str:
        return self.name or self.content


class Group(_Strict):
    """A numbered heading with items under it (序号 1 指标体系 → 1.1–1.10)."""

    no: Serial
    name: str = Field(min_length=1)
    total: Score = Field(description="the group's declared 标准分")
    items: list[Item] = Field(min_length=1)


def _entry_tag(value: Any) -> str:
    if isinstance(value, dict):
        return "group" if "items" in value else "item"
    return "group" if isinstance(value, Group) else "item"


Entry = Annotated[
    Union[Annotated[Group, Tag("group")], Annotated[Item, Tag("item")]],
    Discriminator(_entry_tag),
]


class Section(_Strict):
    """One scoring sheet of the workbook (客户服务中心AAAAA, 400分)."""

    id: str = Field(pattern=r"^[0-9A-Za-z]+$", description="the section's number, as text")
    title: str = Field(min_length=1)
    total: Score = Field(description="the section's declared 标准分")
    incomplete: bool = Field(default=False, description="the source is cut off inside this section")
    note: str | None = Field(default=None, description="why the section is incomplete, shown in the workbook")
    items: list[Entry] = Field(min_length=1, description="groups and items, in printed order")

    def all_items(self) -> list[Item]:
        out: list[Item] = []
        for entry in self.items:
            out.extend(entry.items if isinstance(entry, Group) else [entry])
        return out


class Correction(_Strict):
    """One repair of the damaged source text, so an auditor can compare the workbook with the paper."""

    at: str = Field(min_length=1, description="where: a 序号, or 'header'")
    original: str = Field(description="the text as the source has it")
    corrected: str = Field(description="the text as transcribed")
    why: str | None = None


class Rubric(_Strict):
    """A whole rubric: header, variables, corrections and sections."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    version: str = Field(min_length=1)
    source: str = Field(min_length=1, description="the document this rubric transcribes")
    vars: dict[str, str] = Field(default_factory=dict, description="text variables such as hotline: AAAAA")
    exemption_policy: ExemptionPolicy = "full_score"
    blank_inputs: Literal["incomplete", "zero"] = Field(
        default="incomplete",
        description="incomplete: a blank input leaves its pass unfinished; zero: the office counts blanks as 0",
    )
    corrections: list[Correction] = Field(default_factory=list)
    sections: list[Section] = Field(min_length=1)

    @field_validator("vars")
    @classmethod
    def _var_names(cls, value: dict[str, str]) -> dict[str, str]:
        for key in value:
            if not re.match(r"^[a-z_][a-z0-9_]*$", key):
                raise PydanticCustomError(
                    "bad_var_name", "variable name `{name}` must be lower-case letters, digits and _", {"name": key}
                )
        return value

    def all_items(self) -> list[tuple[Section, Item]]:
        return [(section, item) for section in self.sections for item in section.all_items()]

    def exemption_policy_of(self, item: Item) -> ExemptionPolicy:
        if item.exemption is not None and item.exemption.policy is not None:
            return item.exemption.policy
        return self.exemption_policy
