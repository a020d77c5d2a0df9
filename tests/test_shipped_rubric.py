"""The shipped rubric (templates/csc.yaml) against the source text.

Every expectation here is written by hand from the source document
(《电力公司客户服务中心考核细则及评分规定》, see READING-NOTES.md), never generated from the YAML,
so a slip in the transcription shows up as a failure.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from xlscore.rubric.model import Group, Item, Rubric
from xlscore.rubric.validate import validated

SHIPPED = Path(__file__).resolve().parent.parent / "templates" / "csc.yaml"


def _load() -> Rubric:
    try:
        from xlscore.rubric import load_rubric
    except ImportError:  # the loader is optional for this test: fall back to the bare model
        return validated(Rubric, yaml.safe_load(SHIPPED.read_text(encoding="utf-8")))
    return load_rubric()


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return _load()


def _item(rubric: Rubric, no: str) -> Item:
    found = [item for _, item in rubric.all_items() if item.no == no]
    assert len(found) == 1, f"序号 {no} found {len(found)} times"
    return found[0]


def _rules(item: Item) -> list[dict]:
    return [{k: v for k, v in asdict(rule).items() if k != "review"} for rule in item.rules]


def _occ(clause, points, unit, sample=None, of_sample=False):
    return {"type": "per_occurrence", "clause": clause, "points": Decimal(points), "unit": unit,
            "sample": sample, "of_sample": of_sample}


def _missing(clause, points, elements):
    return {"type": "per_missing", "clause": clause, "points": Decimal(points), "elements": elements,
            "sample": None, "of_sample": False}


def _zero(clause):
    return {"type": "zero_out", "clause": clause, "sample": None, "of_sample": False}


def _texts(rubric: Rubric) -> list[str]:
    """Every piece of rubric text a reader sees: titles, names, content, rules, notes, elements."""
    out = [rubric.title]
    for section in rubric.sections:
        out += [section.title, section.note or ""]
        for entry in section.items:
            if isinstance(entry, Group):
                out.append(entry.name)
        for item in section.all_items():
            out += [item.name or "", item.content, item.text, *item.notes]
            if item.exemption is not None:
                out.append(item.exemption.condition)
            for rule in item.rules:
                out.append(rule.clause)
                out += getattr(rule, "elements", [])
    return [t for t in out if t]


# --- the file itself ------------------------------------------------------------------------------
def test_plain_yaml_reader_sees_the_same_rubric(rubric):
    # `no` is a YAML 1.1 boolean: the file quotes the key so any YAML reader gets 序号, not False.
    plain = validated(Rubric, yaml.safe_load(SHIPPED.read_text(encoding="utf-8")))
    assert plain == rubric


def test_header_and_vars(rubric):
    assert rubric.id == "csc"
    assert rubric.title == "电力公司客户服务中心考核细则及评分规定"
    assert rubric.vars == {"hotline": "AAAAA"}
    assert rubric.exemption_policy == "full_score"
    assert [s.id for s in rubric.sections] == ["1", "2"]


# --- arithmetic (READING-NOTES table) -------------------------------------------------------------
SECTION_1 = [
    ("1", 100), ("1.1", 15), ("1.2", 15), ("1.3", 5), ("1.4", 5), ("1.5", 5), ("1.6", 10),
    ("1.7", 15), ("1.8", 10), ("1.9", 10), ("1.10", 10),
    ("2", 10), ("3", 10), ("4", 15),
    ("5", 35), ("5.1", 30), ("5.2", 5),
    ("6", 160), ("6.1", 10), ("6.2", 10), ("6.3", 5), ("6.4", 5), ("6.5", 5), ("6.6", 5), ("6.7", 5),
    ("6.8", 5), ("6.9", 40), ("6.10", 15), ("6.11", 5), ("6.12", 5), ("6.13", 5), ("6.14", 10),
    ("6.15", 5), ("6.16", 5), ("6.17", 5), ("6.18", 5), ("6.19", 5), ("6.20", 5),
    ("7", 30), ("8", 20), ("9", 20),
]
SECTION_2 = [("2.1", 20), ("2.2", 20), ("2.3", 20), ("2.4", 20)]


def _flatten(section) -> list[tuple[str, Decimal]]:
    out = []
    for entry in section.items:
        if isinstance(entry, Group):
            out.append((entry.no, entry.total))
            out += [(item.no, item.score) for item in entry.items]
        else:
            out.append((entry.no, entry.score))
    return out


def test_serials_and_standard_scores_match_the_source(rubric):
    one, two = rubric.sections
    assert _flatten(one) == [(no, Decimal(score)) for no, score in SECTION_1]
    assert _flatten(two) == [(no, Decimal(score)) for no, score in SECTION_2]


def test_section_1_adds_up_to_400_at_every_level(rubric):
    section = rubric.sections[0]
    assert section.title == "客户服务中心{hotline}"
    assert section.total == 400
    assert not section.incomplete
    groups = [e for e in section.items if isinstance(e, Group)]
    assert [(g.no, g.name) for g in groups] == [("1", "指标体系"), ("5", "服务功能"), ("6", "工作质量")]
    for group in groups:
        assert sum(item.score for item in group.items) == group.total, group.no
    assert sum(e.total if isinstance(e, Group) else e.score for e in section.items) == 400
    assert [i.no for i in groups[0].items] == [f"1.{n}" for n in range(1, 11)]
    assert [i.no for i in groups[2].items] == [f"6.{n}" for n in range(1, 21)]


def test_section_2_is_incomplete_and_ends_at_2_4(rubric):
    section = rubric.sections[1]
    assert section.title == "客户服务中心(营业厅)"
    assert section.total == 400
    assert section.incomplete is True
    assert section.note and "2.4" in section.note and "截断" in section.note
    assert not any(isinstance(e, Group) for e in section.items)
    assert [i.no for i in section.all_items()] == ["2.1", "2.2", "2.3", "2.4"]
    last = _item(rubric, "2.4")
    assert last.name == "管理制度"
    assert last.content == "专业管理制度齐全。"
    assert [r.type for r in last.rules] == ["manual"]
    assert last.rules[0].clause.startswith("领导接待日制度、安全奖")
    assert "截断" in last.rules[0].clause
    assert last.notes and "截断" in last.notes[0]


def test_loader_warns_only_about_section_2():
    loader = pytest.importorskip("xlscore.rubric.loader")
    loaded = loader.load_rubric_checked()
    assert [w.path for w in loaded.warnings] == ["sections[1].total"]


# --- clause by clause -----------------------------------------------------------------------------
def test_item_1_1(rubric):
    item = _item(rubric, "1.1")
    assert item.name == "振铃时限"
    assert item.content == "振铃次数≤3次或振铃时间≤9秒,达到100%。"
    assert item.text == "1.抽查不少于12个录音电话,振铃超过规定时间或次数,扣2分/次;2.振铃超时未道歉者,扣2分/次。"
    assert asdict(item.sample) == {"min": 12, "unit": "个录音电话"}
    assert item.exemption is None
    assert _rules(item) == [
        _occ("抽查不少于12个录音电话,振铃超过规定时间或次数,扣2分/次", 2, "次"),
        _occ("振铃超时未道歉者,扣2分/次", 2, "次"),
    ]


def test_item_1_2(rubric):
    item = _item(rubric, "1.2")
    assert item.name == "接通率"
    assert item.content == "人工座席接通率应≥85%。"
    assert asdict(item.sample) == {"min": 3, "unit": "个月"}
    assert item.exemption.condition == "因自然灾害、限电等特殊原因引起大面积停电时"
    assert _rules(item) == [
        {"type": "below_target", "clause": "抽查不少于3个月情况,月接通率每下降10个百分点扣3分",
         "target": Decimal(85), "step": Decimal(10), "points": Decimal(3), "rounding": "floor",
         "direction": "at_least", "monthly": True, "sample": None, "of_sample": False},
    ]


def test_items_1_3_to_1_5(rubric):
    assert _item(rubric, "1.3").name is None
    rule = _item(rubric, "1.3").rules[0]
    assert (rule.type, rule.target, rule.step, rule.points, rule.rounding, rule.monthly) == (
        "below_target", 100, 10, 3, "floor", False)
    four = _item(rubric, "1.4")
    assert four.content == "与客户的平均通话时长应控制在150秒以内。"
    assert asdict(four.sample) == {"min": 3, "unit": "个月"}
    assert [(r.type, r.limit, r.compare, r.unit) for r in four.rules] == [("threshold_zero_out", 150, "le", "秒")]
    five = _item(rubric, "1.5")
    assert five.content == "平均转接呼叫率小于3%。"
    assert asdict(five.sample) == {"min": 3, "unit": "个月"}
    assert [(r.type, r.limit, r.compare, r.unit) for r in five.rules] == [("threshold_zero_out", 3, "lt", "%")]


def test_item_1_8_rules_across_the_page_break(rubric):
    item = _item(rubric, "1.8")
    assert item.text == (
        "抽查不少于12份工单。1.各类回访不及时,扣2分/单;2.回访率低于100%,此项不得分;"
        "3.各类回访无记录或记录不全,扣2分/单;4.回访客户无人接听时,次数少于3次,扣2分/单;"
        "5.每次间隔小于15分钟的,扣2分/单;6.未按规定项目进行回访的,扣2分/单。"
    )
    assert [r.type for r in item.rules] == ["per_occurrence", "zero_out"] + ["per_occurrence"] * 4
    assert item.rules[1].clause == "回访率低于100%,此项不得分"


def test_item_2(rubric):
    item = _item(rubric, "2")
    assert item.name == "管理制度"
    assert item.content == (
        "专业管理制度齐全:应建立报修制度、回访制度、投诉举报制度、咨询受理制度、停复电信息维护制度、"
        "座席代表语言规范化管理规定、短信运行管理制度、质量监控管理规范、优质服务信息快速报送制度、"
        "星级员工评选办法、外聘员工技能评定办法、客户满意度调查制度等。"
    )
    assert item.text == "每缺1项扣5分。"
    assert item.sample is None and item.exemption is None
    assert _rules(item) == [
        _missing("每缺1项扣5分", 5, [
            "报修制度", "回访制度", "投诉举报制度", "咨询受理制度", "停复电信息维护制度",
            "座席代表语言规范化管理规定", "短信运行管理制度", "质量监控管理规范", "优质服务信息快速报送制度",
            "星级员工评选办法", "外聘员工技能评定办法", "客户满意度调查制度",
        ]),
    ]


def test_item_3_hotline_service(rubric):
    item = _item(rubric, "3")
    assert item.name == "{hotline}客户服务"
    assert item.content == "{hotline}客户服务系统全面实现24小时服务,通过{hotline}热线、短信等方式为客户提供用电服务。"
    assert _rules(item) == [_missing("每缺1项扣5分", 5, ["{hotline}热线", "短信"])]


def test_item_4(rubric):
    item = _item(rubric, "4")
    assert item.name == "{hotline}场地"
    assert item.content == "办公环境干净明亮,铭牌、标志齐全规范,使用统一的VI标识;设施齐全,具备独立的休息区、学习区。"
    assert item.text == (
        "1.办公设备、表面有灰尘、污渍,扣5分/处;2.未应用VI标识,扣1分/处;3.铭牌、标志不齐全,扣5分/处;"
        "4.不具备独立的休息区、学习区,各扣5分。"
    )
    assert item.sample is None and item.exemption is None
    assert _rules(item) == [
        _occ("办公设备、表面有灰尘、污渍,扣5分/处", 5, "处"),
        _occ("未应用VI标识,扣1分/处", 1, "处"),
        _occ("铭牌、标志不齐全,扣5分/处", 5, "处"),
        _missing("不具备独立的休息区、学习区,各扣5分", 5, ["休息区", "学习区"]),
    ]


def test_item_5_1(rubric):
    item = _item(rubric, "5.1")
    assert item.name == "{hotline}电话"
    assert item.content == "提供咨询、查询、故障报修、投诉、举报、信息公告、表扬、建议、用电宣传等服务。"
    assert item.text == "每缺1项扣2分。"
    assert item.sample is None and item.exemption is None
    assert _rules(item) == [
        _missing("每缺1项扣2分", 2, ["咨询", "查询", "故障报修", "投诉", "举报", "信息公告", "表扬", "建议", "用电宣传"]),
    ]


def test_item_5_2_exemption(rubric):
    item = _item(rubric, "5.2")
    assert item.exemption.condition == "无使用自动语音播放功能的录音电话"
    assert asdict(item.sample) == {"min": 4, "unit": "个录音电话"}


def test_item_6_9(rubric):
    item = _item(rubric, "6.9")
    assert item.name == "客户报修"
    assert item.content.endswith("应详细做好记录,并及时向上级领导汇报。")
    assert item.text == (
        "抽查不少于4个录音电话。1.客户信息询问不全、未对故障进行初步判断的,扣2分/次;"
        "2.询问不清、记录信息不准,导致延误抢修,扣5分/次;3.抽查不少于12个工单,未在规定时间发送工单,扣1分/次;"
        "4.抽查不少于12份工单,工单内容记录不全,扣1分/单;5.未及时向上级领导汇报,导致事件影响扩大,扣5分/次。"
    )
    assert asdict(item.sample) == {"min": 4, "unit": "个录音电话"}
    assert item.exemption is None
    assert _rules(item) == [
        _occ("客户信息询问不全、未对故障进行初步判断的,扣2分/次", 2, "次"),
        _occ("询问不清、记录信息不准,导致延误抢修,扣5分/次", 5, "次"),
        _occ("抽查不少于12个工单,未在规定时间发送工单,扣1分/次", 1, "次", sample={"min": 12, "unit": "个工单"}),
        _occ("抽查不少于12份工单,工单内容记录不全,扣1分/单", 1, "单",
             sample={"min": 12, "unit": "份工单"}, of_sample=True),
        _occ("未及时向上级领导汇报,导致事件影响扩大,扣5分/次", 5, "次"),
    ]


def test_item_6_10(rubric):
    item = _item(rubric, "6.10")
    assert item.name == "投诉举报"
    assert item.content == "受理客户投诉、举报后,详细记录客户信息、投诉、举报内容、投诉、举报类型,并严格执行保密制度。"
    assert item.text == (
        "抽查不少于12份工单。1.对客户投诉、举报信息隐瞒不报,扣5分/次;2.记录不客观、不详实,扣2分/单;"
        "3.泄漏举报客户信息,此项不得分;延误投诉、举报,扣4分/次;造成越级投诉,此项不得分。"
    )
    assert asdict(item.sample) == {"min": 12, "unit": "份工单"}
    assert item.exemption is None
    assert _rules(item) == [
        _occ("对客户投诉、举报信息隐瞒不报,扣5分/次", 5, "次"),
        _occ("记录不客观、不详实,扣2分/单", 2, "单", of_sample=True),
        _zero("泄漏举报客户信息,此项不得分"),
        _occ("延误投诉、举报,扣4分/次", 4, "次"),
        _zero("造成越级投诉,此项不得分"),
    ]


def test_item_6_12(rubric):
    item = _item(rubric, "6.12")
    assert item.name == "短信服务"
    assert item.content == (
        "提供通知类、电力政策类、查询类、订阅类短信业务。根据客户业务要求,在规定时间内回复客户;"
        "短信内容经过严格地流程审批,确保严肃、准确、真实。"
    )
    assert item.text == (
        "抽查不少于12条短信内容。1.每缺少1项短信业务,扣1分/项;2.错发、漏发、多发短信息,扣1分/条;"
        "3.短信内容出错,语句不通,扣2分/条;4.未经审批发送的电力信息,造成社会影响的,不得分;"
        "5.未经审批发送非电力业务信息,造成恶劣影响的不得分。"
    )
    assert asdict(item.sample) == {"min": 12, "unit": "条短信内容"}
    assert item.exemption is None
    assert _rules(item) == [
        _missing("每缺少1项短信业务,扣1分/项", 1, ["通知类", "电力政策类", "查询类", "订阅类"]),
        _occ("错发、漏发、多发短信息,扣1分/条", 1, "条", of_sample=True),
        _occ("短信内容出错,语句不通,扣2分/条", 2, "条", of_sample=True),
        _zero("未经审批发送的电力信息,造成社会影响的,不得分"),
        _zero("未经审批发送非电力业务信息,造成恶劣影响的不得分"),
    ]


def test_spliced_rows_are_unspliced(rubric):
    assert _item(rubric, "6.7").content == (
        "对客户咨询时反映的问题应及时输入咨询工单。不能当即答复的问题应向客户致歉,并留下联系电话,经研究或请示领导后,尽快答复。"
    )
    assert _item(rubric, "6.7").text == "1.抽查不少于4个录音电话,未生成咨询工单,扣2分/单;2.未在规定时限内回复的,扣2分/单。"
    six14 = _item(rubric, "6.14")
    assert six14.content == (
        "系统出现的突发性故障,应及时记录故障发生时间,故障现象,故障消除时间,同时通知相关部门处理,及时向上级汇报,并做好系统故障登记。"
    )
    assert six14.text == "抽查3个月的情况。1.未及时通知相关部门处理,扣2分/次;2.未及时向上级汇报,扣1分/次;3.系统故障无记录可查,扣2分。"
    assert [(r.type, r.points) for r in six14.rules] == [("per_occurrence", 2), ("per_occurrence", 1), ("once", 2)]
    six19 = _item(rubric, "6.19")
    assert six19.content == "接班值长明确交接内容后,向本值接班人员认真传达后,签入系统。"
    assert six19.text == "抽查不少于12次交接班记录。交接班人员未签名,扣1分/次;未填写交接时间,扣1分/次。"


def test_items_without_a_sample(rubric):
    for no in ("2", "3", "4", "5.1", "6.11", "6.15", "6.16", "6.18", "6.20", "7", "8", "9", "2.1", "2.2", "2.3"):
        item = _item(rubric, no)
        assert item.sample is None, no
        assert all(r.sample is None and not r.of_sample for r in item.rules), no


def test_items_without_a_printed_title(rubric):
    for no in ("1.3", "1.10", "6.2", "6.3", "6.4", "6.6", "6.7", "6.8", "6.17", "6.18", "6.19", "6.20", "8", "9"):
        assert _item(rubric, no).name is None, no


def test_item_2_1_and_2_2(rubric):
    two1 = _item(rubric, "2.1")
    assert _rules(two1) == [
        _missing("通过意见箱、意见簿、客户满意度调查等方式,进行调查,未提供以上几种满意度调查方式的每缺1项扣5分",
                 5, ["意见箱", "意见簿", "客户满意度调查"]),
        {"type": "below_target", "clause": "客户满意率未达到99%,每下降一个百分点扣2分", "target": Decimal(99),
         "step": Decimal(1), "points": Decimal(2), "rounding": "ceil", "direction": "at_least", "monthly": False,
         "sample": None, "of_sample": False},
    ]
    two2 = _item(rubric, "2.2")
    assert two2.notes == ["(发现错误的及时追回,并且未造成客户损失的,不扣分。)"]
    assert two2.text.endswith("(发现错误的及时追回,并且未造成客户损失的,不扣分。)")
    assert [(r.type, r.points, r.unit) for r in two2.rules] == [("per_occurrence", 2, "单")] * 4


# --- the hotline variable -------------------------------------------------------------------------
def test_hotline_is_a_variable_wherever_the_source_says_AAAAA(rubric):
    assert rubric.sections[0].title == "客户服务中心{hotline}"
    assert _item(rubric, "3").content.count("{hotline}") == 2
    assert _item(rubric, "6.15").content == "{hotline}所有的业务联系,应首选{hotline}系统录音。"
    assert _item(rubric, "6.1").name == "{hotline}热线通话质量"
    # the source has AAAAA 9 times: section 1 title, item 3 ×3, item 4, 5.1, 6.1, 6.15 ×2
    assert sum(t.count("{hotline}") for t in _texts(rubric)) - sum(
        e.count("{hotline}") for e in _item(rubric, "3").rules[0].elements
    ) == 9
    assert not any("AAAAA" in t for t in _texts(rubric))


# --- corrections and cleanliness ------------------------------------------------------------------
#: corrections whose original is legitimately still in the text: an addition, not a replacement
#: (2.4 keeps the truncated words and only appends a truncation mark).
ADDITIONS = {("2.4", "领导接待日制度、安全奖")}


def test_every_correction_is_applied(rubric):
    corpus = "\n".join(_texts(rubric))
    skipped = set()
    assert rubric.corrections
    for c in rubric.corrections:
        if c.corrected == "":
            assert c.at == "header", c  # only the document site's boilerplate is dropped outright
        assert c.corrected in corpus, c
        if c.original in c.corrected:
            skipped.add((c.at, c.original))
            continue
        assert c.original not in corpus, c
    assert skipped == ADDITIONS


def test_every_page_marker_is_recorded(rubric):
    # the source has viewer markers 1、 to 14、; each one is repaired and recorded
    markers = sorted(int(m) for c in rubric.corrections for m in re.findall(r"\n(\d+)、", c.original))
    assert markers == list(range(1, 15))


DAMAGE = ["W3", "W9", "Io0", "虬", "%o", "100机", "Vl", "哆嗦", "致谦", " .", "L抽查", "L未", "AAAAA", "\n"]


@pytest.mark.parametrize("marker", DAMAGE)
def test_no_damage_left(rubric, marker):
    offending = [t for t in _texts(rubric) if marker in t]
    assert offending == []


def test_no_viewer_page_marker_left(rubric):
    pattern = re.compile(r"[\u4e00-\u9fff]\d+、")
    assert [t for t in _texts(rubric) if pattern.search(t)] == []
