"""What the importer tells the office, in Chinese and English: review reasons, findings and places.

A :class:`Note` is a message key and its values, rendered in the language asked for. The ``review:``
marks written into the imported rubric (YAML or authoring workbook) are in the document's language,
Chinese; the console findings follow ``--lang``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xlscore.i18n import fmt, pick

NOTES: dict[str, dict[str, str]] = {
    # --- why a clause is marked for review (clauses.py, items.py) ----------------------------------
    "unrecognised": {
        "zh": "未识别出扣分方式(“{text}”),暂按人工评分;请改成相应的类型和参数",
        "en": "no way of deducting recognised in “{text}”; taken as scored by hand: change it to the right type and parameters",
    },
    "cap_not_expressible": {
        "zh": "条款写有扣分上限{cap}分,此类规则不能表达上限(整项扣完为止);请核对",
        "en": "the clause caps its deduction at {cap} points, which this kind of rule cannot express (the item stops at 0); check it",
    },
    "veto": {
        "zh": "“一票否决”不受支持(它会使整个部分或整个考核为0分);请人工处理,并改写本条",
        "en": "a veto (一票否决, zeroing a whole section or assessment) is not supported; handle it by hand and rewrite this clause",
    },
    "bonus_without_points": {
        "zh": "加分条款没有写加几分,暂按人工评分;请改为“加分(有上限)”并填写加分和上限",
        "en": "the bonus clause does not say how many points; taken as scored by hand: change it to a capped bonus with its points and cap",
    },
    "bonus_once": {
        "zh": "未写按次加分,也未写加分上限,暂按只加一次(最多加{points}分);请核对",
        "en": "neither a bonus per occurrence nor a cap is stated; taken as added once (at most {points} points); check it",
    },
    "bonus_without_cap": {
        "zh": "未写加分上限,暂以{cap}分为上限;请核对并填写上限",
        "en": "no cap on the bonus is stated; {cap} points taken as the cap: check it and enter the cap",
    },
    "bonus_with_zero_out": {
        "zh": "本项另有“不得分”条款:不得分时加分仍照加(加分在扣完为止之后计入);如不应加分请核对",
        "en": "the item can also be zeroed (不得分): the bonus is still added then (it counts after 扣完为止); check it if it should not",
    },
    "range_unreadable": {
        "zh": "扣分范围“{text}”无法按整分或半分的上下限读取;请核对最低扣分与最高扣分",
        "en": "the range “{text}” cannot be read as bounds in whole or half points; check the least and the most points deducted",
    },
    "no_target": {
        "zh": "原文未写目标值,暂按{target}%;请核对目标",
        "en": "the text states no target; {target}% taken: check the target",
    },
    "target_from_text": {
        "zh": "目标值按文中的{value}%理解;请核对",
        "en": "the target is read as the {value}% in the text; check it",
    },
    "no_rounding": {
        "zh": "原文未写不足一档如何计,暂按“不足一档不扣”(floor);可改为 ceil(不足一档按一档扣)或 proportional(按比例)",
        "en": "the text does not say how a part step counts; taken as not counted (floor): change it to ceil (a part step counts as one) or proportional if needed",
    },
    "monthly_without_limit": {
        "zh": "按月抽查“未达到要求”,但考核内容中没有找到唯一的限值,暂按是/否判定;请核对",
        "en": "a monthly “requirement not met”, but 考核内容 names no single limit; taken as a yes/no answer: check it",
    },
    "list_from_clause": {
        "zh": "要素清单取自条款中的列举({elements}),请核对它是否就是要求具备的各项",
        "en": "the list of elements is taken from the clause's enumeration ({elements}): check that these are the required elements",
    },
    "list_from_content": {
        "zh": "要素清单取自考核内容({elements}),请核对是否完整",
        "en": "the list of elements is taken from 考核内容 ({elements}): check that it is complete",
    },
    "no_list": {
        "zh": "没有找到可数的要素清单;请在“要素”中逐项填写(用、分隔)",
        "en": "no countable list of elements found; enter them under 要素 (separated by 、)",
    },
    "several_amounts": {
        "zh": "一句中有多个扣分值;请拆成多条",
        "en": "one sentence holds several deductions; split it into several rules",
    },
    "unusual_unit": {
        "zh": "“每…扣N分”的计数单位不常见,暂按一次性扣分;请核对是否应按次/处计",
        "en": "the unit of “每…扣N分” is unusual; taken as a one-off deduction: check whether it counts per occurrence",
    },
    "one_measure": {
        "zh": "文中有“一+量词”,可能是按次/天计的扣分,暂按一次性扣分;请核对",
        "en": "the text has “一 + measure word”, perhaps a deduction per occurrence or per day; taken as a one-off deduction: check it",
    },
    "sample_not_usable": {
        "zh": "条款自带抽查数({min}{unit}),但此类规则不能使用;请核对",
        "en": "the clause has its own sample ({min} {unit}), which this kind of rule cannot use; check it",
    },
    "award_conditions": {
        "zh": "得{points}分的条件有多项,暂按全部做到才得分(缺任一项扣{points}分);如做到部分可得部分分,请改写",
        "en": "the {points} points are awarded for several conditions; taken as all or nothing (any one missing loses {points}): rewrite it if part of them earns part",
    },
    "grades": {
        "zh": "条款按等级给分(如“自治村计2分,合格村计1分”),暂按人工评分;请核对",
        "en": "the clause awards points by grade; taken as scored by hand: check it",
    },
    "shortfall": {
        "zh": "按“每少/每缺”扣分,但考核内容写有下限(“{limit}”):是否只计低于下限的部分,请核对",
        "en": "deducted per shortfall, but 考核内容 states a minimum (“{limit}”): check whether only the part below it counts",
    },
    "allowance": {
        "zh": "条款先免扣一部分(如“5节以内不扣分”)再按次扣分,此类规则不能表达免扣部分;请核对",
        "en": "the clause lets a first part go free (such as 5 lessons) before deducting each one, which no rule kind states; check it",
    },
    "two_units": {
        "zh": "“{text}”写了两种计数单位,暂按第一种计;请核对",
        "en": "“{text}” names two units; counted by the first: check it",
    },
    "negative_points": {
        "zh": "原文允许扣成负分,本表每项最低为0分;请核对",
        "en": "the text allows negative points, but the form stops each item at 0; check it",
    },
    "judgement_without_bounds": {
        "zh": "“{text}”由评分人酌情扣分,未写扣分范围;暂按人工评分,请填写最低与最高扣分",
        "en": "“{text}” leaves the deduction to the assessor with no bounds; taken as scored by hand: enter the least and the most points",
    },
    "award_is_total": {
        "zh": "“{text}”写的是本项满分,其余条款从中扣分;未作为规则导入,请核对",
        "en": "“{text}” states the item's full points, from which the other clauses deduct; not imported as a rule: check it",
    },
    "sample_in_clause": {
        "zh": "条款中写有抽查数({min}{unit}),可能是整项的抽查数;请核对本项的抽查数",
        "en": "a clause states a sample ({min} {unit}), perhaps the whole item's; check the item's sample",
    },
    # --- the item itself (build.py) -----------------------------------------------------------------
    "score_unreadable": {
        "zh": "标准分“{score}”无法识别为数字,暂记0分",
        "en": "标准分 “{score}” is not a number; 0 taken",
    },
    "score_shared": {
        "zh": "{rows}行不同的考核内容共用一个标准分(合并单元格,至{last}),已合为一项;请核对它们是否各有分值",
        "en": "{rows} rows of different content share one 标准分 (a merged cell, down to {last}) and were read as one item; check whether each has its own points",
    },
    "score_missing": {"zh": "没有标准分,暂记0分;请填写", "en": "no 标准分; 0 taken: enter it"},
    "content_missing": {"zh": "考核内容为空;请填写", "en": "考核内容 is empty; fill it in"},
    "no_rules": {
        "zh": "没有可用的评分规定,暂按人工评分;请补上评分规定",
        "en": "no usable 评分规定; taken as scored by hand: add the 评分规定",
    },
    # --- findings' heads and the table's own facts (build.py) --------------------------------------
    "item_head": {"zh": "序号{no}:", "en": "序号 {no}: "},
    "rule_head": {"zh": "序号{no}:“{clause}” — ", "en": "序号 {no}: “{clause}” — "},
    "note_row": {
        "zh": "说明行未作为评分项导入,请确认:“{text}”",
        "en": "a note row was not imported as an item; confirm: “{text}”",
    },
    "grand_total_mismatch": {
        "zh": "合计行写{stated}分,与各部分分值之和{whole}分不一致",
        "en": "the 合计 row states {stated} points, but the sections add up to {whole}",
    },
    "section_total_missing": {
        "zh": "第{index}部分未写明总分,按各项之和{actual}分",
        "en": "section {index} states no total; the sum of its items, {actual} points, taken",
    },
    "subtotal_mismatch": {
        "zh": "小计行写{stated}分,与分组{no}的分值{total}分不一致",
        "en": "the 小计 row states {stated} points, but group {no} has {total}",
    },
    "group_total_missing": {
        "zh": "分组{no}未写分值,按下属各项之和{actual}分",
        "en": "group {no} states no total; the sum of its items, {actual} points, taken",
    },
    "serial_unusual": {
        "zh": "序号“{no}”不是 1、1.2 这样的数字编号,已编为{made};请改成正式序号",
        "en": "序号 “{no}” is not a number such as 1 or 1.2; numbered {made}: give it a proper 序号",
    },
    "serial_missing": {
        "zh": "没有序号,已编为{made};请改成正式序号",
        "en": "no 序号; numbered {made}: give it a proper 序号",
    },
    #: a message that comes with both languages already (the rubric's self-checks)
    "given": {"zh": "{zh}", "en": "{en}"},
}

#: How places are printed (tables_docx.py, tables.py, rows.py) and their English: 表1第5行第3列, 表1第5行,
#: 'Sheet'第5行, 表1之前 (a title above the table); a cell such as 'Sheet'!C5 reads the same in both.
_PLACES = (
    (re.compile(r"^表(\d+)第(\d+)行第(\d+)列$"), "table {0}, row {1}, column {2}"),
    (re.compile(r"^表(\d+)第(\d+)行$"), "table {0}, row {1}"),
    (re.compile(r"^(.+)第(\d+)行$"), "{0} row {1}"),
    (re.compile(r"^表(\d+)之前$"), "above table {0}"),
    (re.compile(r"^(.+)之前$"), "above {0}"),
)


@dataclass
class Note:
    """One message: a key of :data:`NOTES` and its values."""

    key: str
    values: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return fmt(pick(NOTES[self.key], lang), self.values)


def note(key: str, **values: object) -> Note:
    return Note(key, values)


def joined(notes: list[Note], lang: str) -> str:
    """Several reasons in one line."""
    return ("; " if lang == "en" else ";").join(n.text(lang) for n in notes)


def place_text(where: str, lang: str) -> str:
    """A place as printed (Chinese, as the review marks carry it), in ``lang``."""
    if lang != "en":
        return where
    for pattern, english in _PLACES:
        found = pattern.match(where)
        if found:
            return english.format(*found.groups())
    return where
