"""Phrasings offices write in a 评分标准 cell, each in half-width and full-width typing."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from xlscore.rubric.importer.clauses import ItemFacts
from xlscore.rubric.importer.items import parse_item
from xlscore.rubric.importer.rows import Place, TextPart
from xlscore.rubric.importer.tables import fold

FULL = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def full_width(text: str) -> str:
    """Digits, ASCII punctuation and letters typed full-width (as a Chinese input method leaves them)."""
    return "".join(FULL.get(ch, ch) for ch in text).replace(",", "，")


def read(text: str, content: str = "按要求落实", score: int = 10) -> list[dict]:
    facts = ItemFacts(content=fold(content), score=Decimal(score), months=0)
    return parse_item([TextPart(text, Place("表1第2行"))], facts).rules


def shape(rule: dict) -> tuple:
    keys = ("points", "unit", "cap", "min", "max", "step", "target")
    return (rule["type"], {k: (str(rule[k]) if isinstance(rule[k], Decimal) else rule[k]) for k in keys if k in rule},
            "review" in rule)


CASES = [
    # dash notation and 减: the dash means 扣
    ("—0.5分/项", [("per_occurrence", {"points": "0.5", "unit": "项"}, False)]),
    ("每缺一种—1分", [("per_occurrence", {"points": "1", "unit": "种"}, False)]),
    ("应建立报修制度、回访制度,每缺一项扣2分", [("per_missing", {"points": "2"}, False)]),
    ("未建立台账–3分", [("once", {"points": "3"}, False)]),
    ("未建立台账-3分", [("once", {"points": "3"}, False)]),
    ("未建立台账减2分", [("once", {"points": "2"}, False)]),
    ("未恰当称呼客户（-5）", [("once", {"points": "5"}, False)]),
    # Chinese numerals
    ("未按时上报扣二分", [("once", {"points": "2"}, False)]),
    ("每处扣五分", [("per_occurrence", {"points": "5", "unit": "处"}, False)]),
    ("记录不全扣半分", [("once", {"points": "0.5"}, False)]),
    # per occurrence without 每
    ("发现一种扣2分", [("per_occurrence", {"points": "2", "unit": "种"}, False)]),
    ("有一人不戴安全帽的扣5分", [("per_occurrence", {"points": "5", "unit": "人"}, False)]),
    ("如有一人未系安全带的扣5分", [("per_occurrence", {"points": "5", "unit": "人"}, False)]),
    ("少一道工序扣3分", [("per_occurrence", {"points": "3", "unit": "道"}, False)]),
    ("违章作业扣2分/人次", [("per_occurrence", {"points": "2", "unit": "人次"}, False)]),
    ("巡视不落实扣1分/条、座", [("per_occurrence", {"points": "1", "unit": "条"}, True)]),
    ("指甲未及时剪,一个人扣5分", [("per_occurrence", {"points": "5", "unit": "人"}, False)]),
    ("一个月内未整改扣2分", [("once", {"points": "2"}, True)]),
    ("未交接扣1分/班次", [("per_occurrence", {"points": "1", "unit": "班次"}, False)]),
    ("年度检查发现1处未及时调整的扣2分", [("per_occurrence", {"points": "2", "unit": "处"}, False)]),
    ("违反一次扣三分", [("per_occurrence", {"points": "3", "unit": "次"}, False)]),
    ("一次性扣5分", [("once", {"points": "5"}, False)]),
    ("旷工一天扣2分", [("once", {"points": "2"}, True)]),
    # ranges
    ("扣2~3分", [("range", {"min": "2", "max": "3"}, False)]),
    ("扣1—3分", [("range", {"min": "1", "max": "3"}, False)]),
    ("酌情扣1-3分", [("range", {"min": "1", "max": "3"}, False)]),
    ("其他情况扣2-1分", [("range", {"min": "1", "max": "2"}, False)]),
    ("视情况扣分", [("manual", {}, True)]),
    # caps
    ("每处扣1分,最多扣5分", [("capped_per_occurrence", {"points": "1", "unit": "处", "cap": "5"}, False)]),
    ("每处扣1分,扣分不超过4分", [("capped_per_occurrence", {"points": "1", "unit": "处", "cap": "4"}, False)]),
    ("每处扣1分,直至扣为0分为止", [("per_occurrence", {"points": "1", "unit": "处"}, False)]),
    ("每处扣1分,扣完为止", [("per_occurrence", {"points": "1", "unit": "处"}, False)]),
    ("每处扣2分,可为负分", [("per_occurrence", {"points": "2", "unit": "处"}, True)]),
    # rate steps
    ("不低于60%,每低5个百分点—0.5分,不足5个百分点不扣分",
     [("below_target", {"points": "0.5", "step": "5", "target": "60"}, False)]),
    # awards
    ("经费纳入财政预算,得1.5分,否则不得分", [("once", {"points": "1.5"}, False)]),
    ("上报系数,得1分,每有1例未完成的,扣0.5分,扣完为止",
     [("capped_per_occurrence", {"points": "0.5", "unit": "例", "cap": "1"}, False)]),
    ("自治村计2分,合格村计1分", [("manual", {}, True)]),
    ("符合1.0,不符合0", [("once", {"points": "1"}, False)]),
    ("备课缺5节以内不扣分,5节以外每缺一节扣0.1分", [("per_occurrence", {"points": "0.1", "unit": "节"}, True)]),
    ("任抽一条线路,与现场不符扣3分", [("once", {"points": "3"}, True)]),
    # vetoes and zero-outs
    ("发生事故实行一票否决", [("manual", {}, True)]),
    ("未建立制度此项不得分", [("zero_out", {}, False)]),
    ("未建立制度本项计0分", [("zero_out", {}, False)]),
]


@pytest.mark.parametrize("typing", ["half", "full"])
@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] for c in CASES])
def test_phrasing(text: str, expected: list, typing: str) -> None:
    typed = full_width(text) if typing == "full" else text
    assert unicodedata.normalize("NFKC", typed).replace("，", ",") == unicodedata.normalize("NFKC", text)
    assert [shape(r) for r in read(typed)] == expected


def test_award_of_the_whole_item_beside_deductions_is_no_rule() -> None:
    rules = read("班子成员勤政廉政计6分。有不廉洁现象扣2分。", score=6)
    assert [shape(r) for r in rules] == [("once", {"points": "2"}, False)]


def test_shortfall_below_a_stated_minimum_is_reviewed() -> None:
    rules = read("每少一人扣2分", content="在岗人员不少于3人")
    assert [shape(r) for r in rules] == [("per_occurrence", {"points": "2", "unit": "人"}, True)]


def test_requirement_line_in_the_rule_cell_is_no_rule() -> None:
    rules = read("有明确的组织机构,完善的管理制度。无扣5分,不健全扣3分")
    assert [shape(r) for r in rules] == [("once", {"points": "5"}, False), ("once", {"points": "3"}, False)]
