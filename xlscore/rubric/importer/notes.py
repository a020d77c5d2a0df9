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
    # --- what a clause says that its rule does not carry (doubts.py, doubt_items.py) -------------------
    "doubt_amounts": {
        "zh": "条款中的{amounts}分没有体现在所定规则(type: {kind})中,可能漏读了扣分或得分;请核对",
        "en": "the clause's {amounts} points are not in the rule it was given (type: {kind}); a deduction or award may be unread: check it",
    },
    "doubt_phrases": {
        "zh": "条款中有{count}处扣分或不得分的说法,却只读成一条规则;请拆成多条",
        "en": "the clause states {count} deductions or zero-outs but was read as one rule; split it",
    },
    "doubt_each": {
        "zh": "条款写“{word}”,可能是几项各自扣分,却读成一条 {kind} 类型的规则;请拆成多条或改为按缺项扣分",
        "en": "the clause says “{word}”, perhaps several things each deducted, but it was read as a single rule of type {kind}; split it or make it per missing",
    },
    "doubt_judgement": {
        "zh": "条款写“{word}”,由评分人酌情决定,却读成了 {kind} 类型的规则;请核对",
        "en": "the clause says “{word}”, a judgement of the assessor, but it was read as a rule of type {kind}; check it",
    },
    "doubt_whole": {
        "zh": "条款写“{word}”(整项分值),却读成了 {kind} 类型的规则;请核对",
        "en": "the clause says “{word}” (the item's whole value) but was read as a rule of type {kind}; check it",
    },
    "doubt_part": {
        "zh": "条款写“{word}”(按比例或倍数扣分),所定规则(type: {kind})不能表达;请核对",
        "en": "the clause says “{word}” (a share or a multiple), which the rule (type: {kind}) cannot express; check it",
    },
    "doubt_count_threshold": {
        "zh": "条款写“{text}”,只有超出部分才按每{unit}扣分,所定规则每{unit}都扣;请核对",
        "en": "the clause says “{text}”: only the count beyond it is deducted per {unit}, but the rule deducts every one; check it",
    },
    "doubt_two_counts": {
        "zh": "条款按“每{units}”两种计数扣分,规则只按每{unit}计;请核对",
        "en": "the clause counts per {units} at once, but the rule counts per {unit} only; check it",
    },
    "doubt_exceeds": {
        "zh": "扣{points}分,超过本项标准分{score}分的两倍,可能读错了扣分值或标准分;请核对",
        "en": "{points} points deducted, more than twice the item's {score}: the amount or the 标准分 may be misread; check it",
    },
    "doubt_award_exceeds": {
        "zh": "得{points}分,超过本项标准分{score}分;请核对",
        "en": "an award of {points} points, more than the item's {score}; check it",
    },
    "doubt_scale": {
        "zh": "本项各“得分”条款合计{total}分,超过标准分{score}分:可能是分档给分(只得其中一档),规则不能表达;请核对",
        "en": "the item's awards add up to {total} points, more than its {score}: perhaps levels of one scale (only one earned), which no rule kind states; check it",
    },
    "doubt_levels": {
        "zh": "本项有几条按不同数值分档的条款({values}),各档可能不应同时计分;请核对",
        "en": "several clauses of the item are levels of one measure ({values}) that may not all count together; check them",
    },
    "doubt_unread_column": {
        "zh": "“{header}”列未读入,而其中{where}的“{text}”不在本项中;请核对本项的名称、内容与评分规定",
        "en": "the column “{header}” was not read, and its “{text}” ({where}) is in no part of this item; check the item's name, content and rules",
    },
    "doubt_closing_row": {
        "zh": "本项以“{text}”开头,可能是表末的备注、说明或合计行,而不是评分项;请核对",
        "en": "the item opens with “{text}”, perhaps a closing note, remark or total row rather than an item to score; check it",
    },
    "doubt_heading": {
        "zh": "本项的“{text}”与某部分或分组的标题相同,可能把标题读成了本项;请核对",
        "en": "the item's “{text}” is also the title of a section or group: a heading may have been read as this item; check it",
    },
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
    "escalating": {
        "zh": "扣分随次数变化(如“第一次…第二次…”),此类规则不能表达;请核对",
        "en": "the deduction changes with the count (first time, second time…), which no rule kind states; check it",
    },
    "bare_points": {
        "zh": "条款只写了分数、没有写“扣”,暂按出现即扣该分数;请核对",
        "en": "the clause gives points but no verb (扣); taken as deducted once when it happens: check it",
    },
    "list_from_content": {
        "zh": "要素清单取自考核内容({elements}),请核对是否完整",
        "en": "the list of elements is taken from 考核内容 ({elements}): check that it is complete",
    },
    "no_list": {
        "zh": "没有找到可数的要素清单,暂按每缺一项扣分计;如有清单,请改为按缺项扣分并在“要素”中逐项填写(用、分隔)",
        "en": "no countable list of elements found; taken as a deduction per missing one: if there is a list, change it to per missing and enter them under 要素 (separated by 、)",
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
    "starting_total": {
        "zh": "表中没有标准分列,各条款从起评分{total}分中扣减:已作为一个{total}分的评分项导入(扣完为止);请核对是否应分项计分",
        "en": "the table has no 标准分 column and every clause deducts from a starting total of {total}: imported as one item worth {total} (stopping at 0); check whether the points should be split over items",
    },
    "carried_down": {
        "zh": "上方条款注明“下同”,已同样用于本项;请核对",
        "en": "a rule above is marked “下同” (the same below) and was applied to this item too; check it",
    },
    "shared_cap": {
        "zh": "评分规定单元格合并覆盖多项,其上限或加分已分别用于每一项;如上限是各项合计,请核对",
        "en": "the rule cell is merged over several items and its cap or bonus was given to each; check it if the cap is for all of them together",
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
    "note_row_deducts": {
        "zh": "说明行写有扣分规定,可能修改了表中的条款,未自动套用;请核对并改到相应条款:“{text}”",
        "en": "a note row states a deduction that may change the rules above; it was not applied: check it and move it into the rules: “{text}”",
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
