"""The import's last check: a clause whose text its rule does not wholly account for is marked for review.

Each case states a clause as an office prints it and the doubt expected (or none): the clause is read
by the importer's own parser, then checked. Whole tables are written with openpyxl.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_rubric_import_phrasings import full_width
from xlscore.rubric.importer import import_rubric
from xlscore.rubric.importer.clauses import ItemFacts
from xlscore.rubric.importer.doubt_items import ItemChecks
from xlscore.rubric.importer.doubts import rule_doubts
from xlscore.rubric.importer.items import parse_item
from xlscore.rubric.importer.notes import NOTES
from xlscore.rubric.importer.rows import Place, TextPart
from xlscore.rubric.importer.summary import REASONS
from xlscore.rubric.importer.tables import fold


def doubts(text: str, score: int = 5) -> list[tuple[str, list[str]]]:
    """(rule type, doubt keys) for each rule read from ``text`` in an item of ``score`` points."""
    facts = ItemFacts(content=fold("按要求落实"), score=Decimal(score), months=0)
    rules = parse_item([TextPart(text, Place("表1第2行"))], facts).rules
    return [(rule["type"], [n.key for n in found]) for rule, found in zip(rules, rule_doubts(rules, Decimal(score)))]


def keys(text: str, score: int = 5) -> set[str]:
    return {key for _, found in doubts(text, score) for key in found}


# A clause and the doubt it must raise: each is text the rule it gets does not carry.
DOUBTFUL = [
    ("无专人、无实施方案、无工作总结分别扣1分", 5, "doubt_each"),
    ("未建立扣1分、2分", 5, "doubt_amounts"),
    ("查看资料,达到标准6分,未达到扣2分", 10, "doubt_amounts"),
    ("视情况扣2分", 5, "doubt_judgement"),
    ("扣该项分值的一半", 5, "doubt_part"),
    ("每有一次加倍扣分,扣2分", 5, "doubt_part"),
    ("有违规行为扣2分或全部分值", 5, "doubt_whole"),
    ("未落实的扣本项全部分值的50%", 5, "doubt_part"),
    ("超过3次的,每次扣1分", 5, "doubt_count_threshold"),
    ("未佩戴工牌的每人每次扣1分", 5, "doubt_two_counts"),
    ("迟到的每人扣1分/次", 5, "doubt_two_counts"),
    ("未签订责任书扣20分", 2, "doubt_exceeds"),
    ("完成全年任务得5分", 2, "doubt_award_exceeds"),
    ("达到5%得1分;达到10%得2分;达到15%以上得3分", 3, "doubt_scale"),
    ("合格率低于90%扣2分;低于80%扣4分", 10, "doubt_levels"),
    ("一项不符合扣1分,两项不符合扣2分,三项以上不符合不得分", 5, "doubt_levels"),
    ("出现1次扣1分,出现2次扣3分,出现3次及以上扣5分", 5, "doubt_levels"),
    ("3天内未整改扣1分;7天内未整改扣3分", 5, "doubt_levels"),
]


@pytest.mark.parametrize("text,score,key", DOUBTFUL)
def test_unaccounted_text_is_doubted(text: str, score: int, key: str) -> None:
    assert key in keys(text, score)


@pytest.mark.parametrize("text,score,key", DOUBTFUL)
def test_unaccounted_text_is_doubted_when_typed_full_width(text: str, score: int, key: str) -> None:
    assert key in keys(full_width(text), score)


# Clauses whose rule accounts for all they say: a condition with a number (低于90%, 24小时, 60分以下)
# is what the assessor checks, not an amount; a step (每超过1天) is what the rule counts.
ACCOUNTED = [
    "未建立制度扣2分",
    "每缺一项扣1分,扣完为止",
    "扣1分/次,最多扣3分",
    "酌情扣1-3分",
    "合格率低于90%扣2分",
    "超过24小时未处理扣1分",
    "三分之一以上未完成扣2分",
    "迟报(2天以上)扣0.5分/次",
    "考试成绩60分以下扣1分",
    "满意度测评低于80分的扣2分",
    "按100分制考核,未达标扣2分",
    "未分别建立台账扣2分",
    "各记录不全扣1分",
    "未全部分类扣1分",
    "扣除该项全部分值",
    "每缺一项扣1分,直至扣除全部分值为止",
    "扣2分(本项共5分)",
    "合格率不低于95%,每低1个百分点扣1分,不足1个百分点不扣;低于80%不得分",
    "发现一次扣2分,两次以上不得分",
    "班子不团结、不协调各扣1分",
    "得1分,每有1例未完成的,扣0.5分",
    "未叠被子扣10分",
    "有专门机构得2分;机构健全得1分;分工明确得2分",
    "十分严重的扣5分",
    "每月检查一次,每发现一处扣1分",
    "每超时1天扣1分",
    "每处扣1分/处",
    "每季度不少于1次,少1次扣1分",
    "每缺少一张扣6分;缺少10张以上此项不得分",
    "合格率低于90%扣2分;低于80%不得分",
    "扣分率超过10%的不得分",
]


@pytest.mark.parametrize("text", ACCOUNTED)
def test_accounted_clause_raises_no_doubt(text: str) -> None:
    assert keys(text) == set()


def test_every_doubt_speaks_both_languages() -> None:
    for key in [k for k in NOTES if k.startswith("doubt_")]:
        assert NOTES[key]["zh"] and NOTES[key]["en"]
        assert key in REASONS and REASONS[key]["zh"] and REASONS[key]["en"]


def test_heading_read_as_an_item_is_doubted() -> None:
    data = {"sections": [{"title": "安全管理", "items": [
        {"no": "1", "name": "安全管理", "content": "建立制度", "score": 5, "rules": []},
        {"no": "2", "content": "落实责任", "score": 5, "rules": []},
        {"no": "3", "name": "教育培训", "total": 5, "items": [
            {"no": "3.1", "content": "教育培训", "score": 5, "rules": []}]},
    ]}]}
    checks = ItemChecks(data, {}, [])
    items = data["sections"][0]["items"]
    assert [n.key for n in checks.doubts(items[0])] == ["doubt_heading"]
    assert checks.doubts(items[1]) == []
    assert [n.key for n in checks.doubts(items[2]["items"][0])] == ["doubt_heading"]


def test_closing_row_read_as_an_item_is_doubted() -> None:
    data = {"sections": [{"title": "表", "items": [
        {"no": "9", "name": "备注:未按时上报的扣2分", "content": "", "score": 0, "rules": []},
        {"no": "10", "content": "注1:各项资料以原件为准", "score": 0, "rules": []},
        {"no": "11", "content": "合计", "score": 100, "rules": []},
        {"no": "12", "name": "说明书管理", "content": "注意用电安全", "score": 5, "rules": []},
    ]}]}
    checks = ItemChecks(data, {}, [])
    found = [[n.key for n in checks.doubts(item)] for item in data["sections"][0]["items"]]
    assert found == [["doubt_closing_row"]] * 3 + [[]]


def _workbook(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "考核表"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _items(result) -> list[dict]:  # type: ignore[no-untyped-def]
    return [i for s in result.data["sections"] for e in s["items"] for i in e.get("items", [e])]


def test_table_marks_the_doubted_rule_at_its_cell(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "t.xlsx", ["序号", "项目", "考核内容", "标准分", "评分标准"], [
        ["1", "节水覆盖率", "≥15%", 3, "达到5%得1分;达到10%得2分;达到15%以上得3分"],
        ["2", "组织领导", "有方案", 3, "无专人、无方案、无总结分别扣1分"],
        ["3", "制度建设", "有制度", 3, "未建立制度扣2分"],
    ])
    result = import_rubric(source)
    first, second, third = _items(result)
    assert all(r["review"].startswith("'考核表'!E2: ") and "分档给分" in r["review"] for r in first["rules"])
    assert second["rules"][0]["review"].startswith("'考核表'!E3: ") and "分别" in second["rules"][0]["review"]
    assert "review" not in third["rules"][0] and "review" not in third
    found = [f for f in result.reviews if any(n.key.startswith("doubt_") for n in f.notes)]
    assert [f.where for f in found] == ["'考核表'!E2"] * 3 + ["'考核表'!E3"]
    assert "several things each deducted" in found[-1].text("en") and "序号 2" in found[-1].text("en")
    assert any("分别/各自扣分读成一条" in line for line in result.summary("zh"))


def test_rule_already_under_review_keeps_its_own_reason(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "t.xlsx", ["序号", "项目", "考核内容", "标准分", "评分标准"], [
        ["1", "车辆", "按规定", 5, "酌情扣分"],
        ["2", "档案", "按规定", 5, "视情况扣2分"],
    ])
    result = import_rubric(source)
    judged, fixed = _items(result)
    assert "doubt" not in judged["rules"][0]["review"] and "酌情" in judged["rules"][0]["review"]
    assert "评分人" not in judged["rules"][0]["review"].split(":", 1)[0]
    assert "视情况" in fixed["rules"][0]["review"] and fixed["rules"][0]["type"] == "once"


def test_unread_category_merged_over_items_is_a_label_not_doubted(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "t.xlsx", ["序号", "项目", "类别", "考核内容", "标准分", "评分标准"], [
        ["1", "安全制度", "制度建设", "建立并公布", 5, "未建立扣2分"],
        ["2", "值班制度", None, "建立并执行", 5, "未建立扣2分"],
    ])
    sheet = openpyxl.load_workbook(source)
    sheet.active.merge_cells("C2:C3")
    sheet.save(source)
    result = import_rubric(source)
    assert [i.get("name") for i in _items(result)] == ["安全制度", "值班制度"]  # 项目 read, 类别 not
    assert not any(n.key == "doubt_unread_column" for f in result.reviews for n in f.notes)


def test_unread_item_names_beside_a_merged_group_are_doubted(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "t.xlsx", ["序号", "项目", "考核项目", "考核内容", "标准分", "评分标准"], [
        ["1", "制度建设", "安全制度", "建立并公布", 5, "未建立扣2分"],
        ["2", None, "值班制度", "建立并执行", 5, "未建立扣2分"],
    ])
    sheet = openpyxl.load_workbook(source)
    sheet.active.merge_cells("B2:B3")
    sheet.save(source)
    result = import_rubric(source)
    for item, name in zip(_items(result), ("安全制度", "值班制度")):  # read, or said to be unread
        assert name in f"{item.get('name')} {item['content']}" or "“考核项目”列未读入" in item["review"]


def test_unread_column_naming_the_item_is_doubted(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "t.xlsx", ["类别", "序号", "项目", "考核内容", "考核评分标准", "标准分", "责任单位"], [
        ["技术指标", "9", "工业用水重复利用率", "≥75%", "每低5%扣1分", 5, "经委"],
        [None, "10", "节水器具普及率", "100%", "未达到不得分", 3, "城管局"],
    ])
    sheet = openpyxl.load_workbook(source)
    sheet.active.merge_cells("A2:A3")
    sheet.save(source)
    result = import_rubric(source)
    items = _items(result)
    assert len(items) == 2
    for item, name in zip(items, ("工业用水重复利用率", "节水器具普及率")):  # read, or said to be unread
        assert name in f"{item.get('name')} {item['content']}" or "“项目”列未读入" in item["review"]
    found = [f for f in result.reviews if any(n.key == "doubt_unread_column" for n in f.notes)]
    if found:
        assert {f.where for f in found} == {"'考核表'第2行", "'考核表'第3行"}
        assert "'考核表'!C2" in found[0].text("zh") and "was not read" in found[0].text("en")


PIECES = ["扣", "分", "2", "0.5", "每", "处", "次", "项", "分别", "各", "得", "加", "以上", "超过", "低于", "%", ",", ";",
          "一", "两", "十", "不得分", "酌情", "该项分值", "一半", "全部", "/", "-", "~", "未", "达到", "满分", "共", "人"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.integers(min_value=0, max_value=20))
def test_doubts_never_change_a_rule_and_never_fail(pieces: list[str], score: int) -> None:
    facts = ItemFacts(content=fold("按要求落实"), score=Decimal(score), months=0)
    rules = parse_item([TextPart("".join(pieces) or "扣1分", Place("表1第2行"))], facts).rules
    before = copy.deepcopy(rules)
    found = rule_doubts(rules, Decimal(score))
    assert rules == before and len(found) == len(rules)
    assert all(n.key in NOTES and n.text("zh") and n.text("en") for notes in found for n in notes)
