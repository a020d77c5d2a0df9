"""Codes COV: the cover's facts (who, when, for which unit)."""

from __future__ import annotations

from xlscore.check.codes.base import Code
from xlscore.check.findings import Severity


class COV001(Code):
    code, severity = "COV001", Severity.ERROR
    title = {"zh": "未填被考核单位", "en": "unit name blank"}
    description = {"zh": "封面的被考核单位为空:汇总按单位名称区分各单位。",
                   "en": "The unit name on the cover is blank; summaries tell units apart by it."}
    template = {
        "zh": "封面未填写{what}。汇总按单位名称区分各单位,请填写。",
        "en": "the cover's {what} is blank. Summaries tell units apart by it: fill it in.",
    }


class COV002(Code):
    code, severity = "COV002", Severity.WARNING
    title = {"zh": "封面信息未填", "en": "cover field blank"}
    description = {"zh": "封面的考核期间、自查人/日期或考评人/日期为空(考评一侧仅在考评已填写时检查)。",
                   "en": "The cover's period, self-check signer/date or assessor/date is blank (the assessor's side only once the assessment is filled in)."}
    template = {
        "zh": "封面未填写{what}。请补填。",
        "en": "the cover's {what} is blank. Fill it in.",
    }
