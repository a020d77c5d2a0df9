"""One sentence of a 评分规定 → one rule dict (schema of ``templates/csc.yaml``) and what to review.

Each kind is recognised by its wording; anything read with an assumption says so in ``reviews``
(messages of :mod:`xlscore.rubric.importer.notes`, for the office that checks the import). A sentence no kind fits becomes a ``manual``
rule marked for review: never dropped, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from xlscore.rubric.importer.elements import clause_list, content_list, introduced
from xlscore.rubric.importer.limits import content_limit, content_target
from xlscore.rubric.importer.notes import Note, note
from xlscore.rubric.importer.numbers import NUMBER, to_decimal
from xlscore.rubric.importer.split import Sentence
from xlscore.rules.base import number

UNITS = ("人次", "件次", "班次", "户次", "台次", "车次", "批次", "次", "处", "单", "件", "条", "户", "项", "人", "台", "份", "个",
         "起", "例", "天", "日", "张", "本", "套", "间", "辆", "批", "笔", "页", "宗", "家", "座", "只", "栏", "块", "具", "支", "名", "篇", "位", "盒", "瓶",
         "种", "道", "层", "节", "类", "场", "餐", "课", "棵", "株")
UNIT = "(" + "|".join(UNITS) + ")"
POINTS = rf"扣除?({NUMBER})分"
#: ``一处``, ``1人次`` counting occurrences, not ``一次性``, ``一天内``, ``一处理``, ``第一次``, ``一个月``
ONE_UNIT = rf"(?<![第\d十百.抽取])(?:一|1)个?(?!天|日){UNIT}(?![内性理置般律致定年月周季]|工作日)"
SLASH_UNIT = re.compile(rf"{POINTS}/(?:每)?{UNIT}")
PER_UNIT = re.compile(
    rf"{POINTS}/(?:每)?{UNIT}|每(?:发现|出现|有|查出|查到|少|缺|违反)?(?:一|1)?{UNIT}[^;]{{0,10}}?{POINTS}"
    rf"|{ONE_UNIT}[^;]{{0,16}}?{POINTS}"
)
PER_MISSING = re.compile(rf"(?:每缺少?(?:一|1)?|缺少?(?:一|1))(项|个|种|类|样|本)([^\s,;。扣]*)|各{POINTS}")
#: A free allowance before counting starts (``缺5节以内不扣分,5节以外每缺一节扣0.1分``): no rule kind has it.
ALLOWANCE = re.compile(r"(?:以内|以下|之内)不扣分|\d+[^\d,;]{0,4}(?:以外|之外|以上)[^,;]{0,3}每")
#: An award: what the item gives when the condition is met (``得2分;否则不得分``, ``计6分``).
AWARD = re.compile(rf"(?<![不扣加共合累总])(?:得|计|记)({NUMBER})分|(?<!不)符合({NUMBER})分?(?=,?不符合0)")
BELOW = re.compile(
    rf"每(下降|降低|低于|减少|少|低|上升|增加|超过|高于|多|超出|提高)(?:完成|了)?({NUMBER})(?:个)?(?:百分点|%|个百分比)[^,;]*?{POINTS}"
)
ZERO = re.compile(r"(?:此项|该项|本项)?不得分|得0分|记0分|计0分|扣除?(?:该|此|本)项(?:全部)?分")
MISSED = re.compile(r"未达到|未达|达不到|不达|没有达到|未满足|不满足|不符合")
RANGE = re.compile(rf"扣除?({NUMBER})分?[-~至到]({NUMBER})分")
RANGE_UNIT = re.compile(rf"^/(?:每)?{UNIT}|每(?:发现|出现|有|查出|查到)?(?:一|1)?{UNIT}[^,;]{{0,8}}?$")
BONUS = re.compile(rf"加({NUMBER})?分|奖励?({NUMBER})分")
BONUS_UNIT = re.compile(rf"^/(?:每)?{UNIT}|每(?:[^,;一1]{{0,4}}?(?:一|1))?{UNIT}[^,;]{{0,10}}?$")
MANUAL = re.compile(r"酌情|视情况|视情节|按实际情况|根据实际情况|实际情况评分|综合评定|综合评分|由考核组|按完成情况")
ONCE = re.compile(POINTS)
AT_MOST_WORDS = ("上升", "增加", "超过", "高于", "多", "超出", "提高")


@dataclass
class ItemFacts:
    """What a clause needs to know about its item."""

    content: str  # folded 考核内容
    score: Decimal | None
    months: int  # the item's sample, when it is in months


@dataclass
class Parsed:
    rule: dict[str, object]
    reviews: list[Note] = field(default_factory=list)


def parse_clause(sentence: Sentence, facts: ItemFacts, context: str) -> Parsed:
    """The rule a sentence states. ``context`` is the whole numbered clause (where a list may be printed)."""
    sentence = _award_as_cap(sentence, facts)
    text = sentence.text
    base: dict[str, object] = {"clause": text}
    for recognise in (_veto, _award, _bonus, _range, _below_target, _zero, _per_missing, _per_occurrence, _once,
                      _manual):
        parsed = recognise(text, base, facts, context)
        if parsed is not None:
            break
    else:
        parsed = Parsed({**base, "type": "manual"}, [note("unrecognised", text=text)])
    _cap(sentence, facts, parsed)
    if "负分" in text:
        parsed.reviews.append(note("negative_points"))
    if parsed.rule["type"] != "below_target" and ALLOWANCE.search(text):
        parsed.reviews.append(note("allowance"))
    parsed.rule = {"type": parsed.rule.pop("type"), **parsed.rule}  # ``type`` first, as in csc.yaml
    return parsed


def _award_as_cap(sentence: Sentence, facts: ItemFacts) -> Sentence:
    """``得1分,每有1例未完成的,扣0.5分``: the award is what the deductions can take away (their cap)."""
    found = AWARD.search(sentence.text)
    if found is None or not ONCE.search(sentence.text[found.end():]):
        return sentence
    rest = (sentence.text[: found.start()] + sentence.text[found.end():]).strip(",;。")
    cap = sentence.cap if sentence.cap else (found.group(1) or found.group(2))
    return Sentence(rest, sentence.aside, sentence.clause_no, cap)


def _award(text: str, base: dict, facts: ItemFacts, context: str) -> Parsed | None:  # type: ignore[type-arg]
    """``…,得2分,否则不得分``: the award is lost when the condition is not met (one deduction of it)."""
    found = AWARD.search(text)
    points = to_decimal(found.group(1) or found.group(2)) if found else None
    if found is None or not points or ONCE.search(text) or BONUS.search(text):
        return None
    if len(AWARD.findall(text)) > 1:  # 自治村计2分,合格村计1分: a grade scale
        return Parsed({**base, "type": "manual"}, [note("grades")])
    reviews = []
    if "、" in text[: found.start()] and not ZERO.search(text[found.end():]):
        reviews.append(note("award_conditions", points=number(points)))
    return Parsed({**base, "type": "once", "points": points, "award": True}, reviews)


def _cap(sentence: Sentence, facts: ItemFacts, parsed: Parsed) -> None:
    if parsed.rule["type"] == "bonus":
        _bonus_cap(sentence, facts, parsed)
        return
    if sentence.cap is None:
        return
    cap = to_decimal(sentence.cap) if sentence.cap else None
    if cap is None or (facts.score is not None and cap >= facts.score):
        return  # 扣完为止 at the item's own score: every item already stops at 0
    if parsed.rule["type"] == "per_occurrence" and not parsed.reviews:
        parsed.rule.update(type="capped_per_occurrence", cap=cap)
        return
    if parsed.rule["type"] == "range" and "unit" in parsed.rule and not parsed.reviews and cap >= parsed.rule["max"]:  # type: ignore[operator]
        parsed.rule["cap"] = cap  # 每处扣1-2分,最多扣5分: the total typed stops at 5
        return
    parsed.reviews.append(note("cap_not_expressible", cap=number(cap)))


def _veto(text: str, base: dict, facts: ItemFacts, context: str) -> Parsed | None:  # type: ignore[type-arg]
    if "一票否决" not in text:
        return None
    return Parsed({**base, "type": "manual"}, [note("veto")])


def _bonus(text: str, base: dict, facts: ItemFacts, context: str) -> Parsed | None:  # type: ignore[type-arg]
    found = BONUS.search(text)
    if not found or "扣" in text:
        return None
    points = to_decimal(found.group(1) or found.group(2) or "")
    if points is None or points <= 0:
        return Parsed({**base, "type": "manual"}, [note("bonus_without_points")])
    unit = _unit_near(BONUS_UNIT, text, found)
    return Parsed({**base, "type": "bonus", "points": points, "unit": unit or "次", "per": unit is not None})


def _bonus_cap(sentence: Sentence, facts: ItemFacts, parsed: Parsed) -> None:
    """A bonus's cap: ``最多加5分`` as printed; without one, a single bonus, or the item's 标准分 per occurrence."""
    rule = parsed.rule
    per = rule.pop("per")
    points = rule["points"]
    cap = to_decimal(sentence.cap) if sentence.cap else None
    if cap is not None and cap > 0:
        rule["cap"] = cap
    elif not per:
        rule["cap"] = points
        parsed.reviews.append(note("bonus_once", points=number(points)))  # type: ignore[arg-type]
    else:
        rule["cap"] = facts.score if facts.score and facts.score > 0 else points
        parsed.reviews.append(note("bonus_without_cap", cap=number(rule["cap"])))  # type: ignore[arg-type]


def _range(text: str, base: dict, facts: ItemFacts, context: str) -> Parsed | None:  # type: ignore[type-arg]
    found = RANGE.search(text)
    if not found:
        return None
    low, high = to_decimal(found.group(1)), to_decimal(found.group(2))
    if low is not None and high is not None and low > high:
        low, high = high, low  # 其他情况扣2-1分
    rule = {**base, "type": "range", "min": low, "max": high}
    unit = _unit_near(RANGE_UNIT, text, found)
    if unit is not None:
        rule["unit"] = unit
    if low is None or high is None or low > high or (low * 2) % 1 or (high * 2) % 1:
        return Parsed(rule, [note("range_unreadable", text=found.group(0))])
    return Parsed(rule)


def _unit_near(pattern: re.Pattern[str], text: str, found: re.Match[str]) -> str | None:
    """The measure word of ``每处扣…`` before the amount or ``…分/处`` right after it, if any."""
    after = pattern.search(text[found.end():])
    if after is not None and after.start() == 0 and after.group(1):
        return after.group(1)
    before = pattern.search(text[: found.start()])
    if before is not None and before.group(2):
        return before.group(2)
    return None


def _below_target(text: str, base: dict, facts: ItemFacts, context: str) -> Parsed | None:  # type: ignore[type-arg]
    found = BELOW.search(text)
    if not found:
        return None
    reviews: list[Note] = []
    direction = "at_most" if found.group(1) in AT_MOST_WORDS else "at_least"
    step, points = to_decimal(found.group(2)), to_decimal(found.group(3))
    target, how = content_target(text[: found.start()] + text[found.end():], facts.content, direction)
    if target is None:
        target = Decimal(100) if direction == "at_least" else Decimal(0)
        reviews.append(note("no_target", target=number(target)))
    elif how is not None:
        reviews.append(how)
    rounding = _rounding(text)
    if rounding is None:
        rounding = "floor"
        reviews.append(note("no_rounding"))
    rule = {**base, "type": "below_target", "target": target, "step": step, "points": points, "rounding": rounding}
    if direction == "at_most":
        rule["direction"] = "at_most"
    if facts.months and "月" in text:
        rule["monthly"] = True
    return Parsed(rule, reviews)


def _rounding(text: str) -> str | None:
    if "按比例" in text:
        return "proportional"
    if re.search(r"不足[^,;]{0,12}(按|计|算)[^,;]{0,6}(计|扣|算)", text):
        return "ceil"
    if re.search(r"不足[^,;]{0,12}(不扣|不计|不予扣)", text):
        return "floor"
    return None


def _zero(text: str, base: dict, facts: ItemFacts, context: str) -> Parsed | None:  # type: ignore[type-arg]
    if not ZERO.search(text) or ONCE.search(ZERO.sub("", text)):
        return None
    if MISSED.search(text) and facts.months:
        limit = content_limit(facts.content)
        if limit is not None:
            value, compare, unit = limit
            rule = {**base, "type": "threshold_zero_out", "limit": value, "compare": compare, "unit": unit}
            return Parsed(rule)
        return Parsed({**base, "type": "zero_out"}, [note("monthly_without_limit")])
    return Parsed({**base, "type": "zero_out"})


def _per_missing(text: str, base: dict, facts: ItemFacts, context: str) -> Parsed | None:  # type: ignore[type-arg]
    found = PER_MISSING.search(text)
    if not found:
        return None
    points_match = ONCE.search(text[found.start():]) or ONCE.search(text)
    if points_match is None:
        return None
    points = to_decimal(points_match.group(1))
    noun = found.group(2) or "" if found.group(1) else ""
    reviews: list[Note] = []
    each = found.group(0).startswith("各")
    elements = clause_list(text[: found.start()]) or (clause_list(context) if not each else [])
    if elements and not each and not introduced(text[: found.start()] or context):
        reviews.append(note("list_from_clause", elements="、".join(elements)))
    if not elements and not each:
        elements = content_list(facts.content, noun)
        if elements:
            reviews.append(note("list_from_content", elements="、".join(elements)))
    if not elements and found.group(0).startswith("每") and found.group(1):
        # 每缺一种扣1分 with no list anywhere: each missing one counted, as 每处 counts places
        return Parsed({**base, "type": "per_occurrence", "points": points, "unit": found.group(1)})
    if not elements:
        reviews.append(note("no_list"))
    return Parsed({**base, "type": "per_missing", "points": points, "elements": elements}, reviews)


def _per_occurrence(text: str, base: dict, facts: ItemFacts, context: str) -> Parsed | None:  # type: ignore[type-arg]
    found = SLASH_UNIT.search(text) or PER_UNIT.search(text)
    if not found:
        return None
    if found.re is SLASH_UNIT:
        points, unit = found.group(1), found.group(2)
    elif found.group(3) is not None:
        unit, points = found.group(3), found.group(4)
    else:
        unit, points = found.group(5), found.group(6)
    reviews = []
    if found.re is SLASH_UNIT and re.match(r"[或、/]", text[found.end():]):
        reviews.append(note("two_units", text=text[found.start():]))  # 扣1分/条、座: which does it count?
    if re.match(r"每(?:少|缺)", found.group(0)) and re.search(r"不少于|不低于|至少|不得少于", facts.content):
        reviews.append(note("shortfall", limit=facts.content[:30]))  # 每少一人 below 不少于3人: from the limit?
    return Parsed({**base, "type": "per_occurrence", "points": to_decimal(points), "unit": unit}, reviews)


def _once(text: str, base: dict, facts: ItemFacts, context: str) -> Parsed | None:  # type: ignore[type-arg]
    found = ONCE.findall(text)
    if not found:
        return None
    reviews = [] if len(found) == 1 else [note("several_amounts")]
    if re.search(rf"每[^,;扣]{{1,6}}{POINTS}", text):
        reviews.append(note("unusual_unit"))
    elif re.search(rf"(?<![第\d])(?:一|1){UNIT}(?!性)", text):
        reviews.append(note("one_measure"))
    return Parsed({**base, "type": "once", "points": to_decimal(found[0])}, reviews)


def _manual(text: str, base: dict, facts: ItemFacts, context: str) -> Parsed | None:  # type: ignore[type-arg]
    if not MANUAL.search(text):
        return None
    bounds = re.search(rf"{NUMBER}分", text)
    return Parsed({**base, "type": "manual"}, [] if bounds else [note("judgement_without_bounds", text=text)])
