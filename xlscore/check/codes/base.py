"""The base of every finding code, the topics, and the registry every code class joins on definition."""

from __future__ import annotations

from typing import ClassVar

from xlscore.check.findings import Finding, Severity
from xlscore.form.wording import pass_name
from xlscore.i18n import fmt, pick

TOPICS = {
    "RUB": {"zh": "评分细则与版本", "en": "Rubric and version"},
    "STR": {"zh": "表格结构", "en": "Workbook structure"},
    "IN": {"zh": "录入内容", "en": "Inputs"},
    "COV": {"zh": "封面", "en": "Cover"},
    "CALC": {"zh": "计算结果", "en": "Computed cells"},
    "REM": {"zh": "扣分说明", "en": "Remarks"},
    "DIFF": {"zh": "自查与考评", "en": "Self-check vs assessment"},
}


#: code → class, filled as the topic modules define their classes.
CATALOGUE: dict[str, type[Code]] = {}


class Code:
    code: ClassVar[str]
    severity: ClassVar[Severity]
    title: ClassVar[dict[str, str]]
    description: ClassVar[dict[str, str]]
    template: ClassVar[dict[str, str]]
    #: Its expected/found values are formulas (shown with their leading ``=``).
    formulas: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.code in CATALOGUE:
            raise TypeError(f"finding code {cls.code} defined twice")
        CATALOGUE[cls.code] = cls

    @classmethod
    def make(
        cls,
        lang: str,
        *,
        sheet: str | None = None,
        cell: str | None = None,
        serial: str | None = None,
        pass_key: str | None = None,
        expected: object = None,
        found: object = None,
        name: str | None = None,
        caused_by: str | None = None,
        **values: object,
    ) -> Finding:
        where = _where(serial, pass_key, lang)
        message = fmt(pick(cls.template, lang), values, where=where, expected=expected, found=found, serial=serial,
                      sheet=sheet, cell=cell, name=name)
        return Finding(
            cls.code, cls.severity, message, sheet, cell, serial, pass_key,
            None if expected is None else str(expected), None if found is None else str(found), name, caused_by,
        )


def _where(serial: str | None, pass_key: str | None, lang: str) -> str:
    parts = []
    if serial:
        parts.append(f"序号 {serial}" if lang != "en" else f"item {serial}")
    if pass_key:
        parts.append(pass_name(pass_key, lang))
    if not parts:
        return ""
    return " ".join(parts) + (":" if lang != "en" else ": ")
