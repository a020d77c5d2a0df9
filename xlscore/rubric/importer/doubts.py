"""The last check of an import: every clause must be wholly accounted for by the rule it was given.

The clause parser reads one way of deducting from each sentence. What it leaves unread is where a
silent error hides: an amount the rule does not carry (``分别扣1分、2分``, ``达到标准6分``), several
deductions read as one (``无A、无B分别扣1分``), award levels read as separate deductions
(``达到5%得1分;达到10%得2分``), a judgement (``酌情``) or a part of the item's value (``扣该项分值的一半``)
read as a fixed amount, a threshold on the count itself (``超过3次的,每次扣1分``), an amount far above
the item's 标准分. Such a rule is not changed; it is marked for review with the reason and its place
in the table. Rules already marked are left as they are. :mod:`.doubt_items` does the same for the
items (a column left unread, a heading read as an item).
"""

from __future__ import annotations

import re
from decimal import Decimal

from xlscore.rubric.importer.clauses import AWARD, UNITS
from xlscore.rubric.importer.doubt_items import ItemChecks, walk_items
from xlscore.rubric.importer.header import Header
from xlscore.rubric.importer.notes import Note, note
from xlscore.rubric.importer.numbers import NUMBER, to_decimal
from xlscore.rubric.importer.split import DEDUCTION
from xlscore.rubric.importer.tables import Grid
from xlscore.rules.base import number

#: An amount of points in a clause: ``扣2分``, ``0.5分``, ``扣2-3分`` (both bounds); not 分钟, 百分之, 百分点.
AMOUNT = re.compile(rf"(?:({NUMBER})分?[-~至到])?({NUMBER})分(?![钟之点比制])")
#: Before a Chinese numeral, only these make ``N分`` an amount (``十分重要`` is not one).
AMOUNT_VERB = "扣得计记加奖减罚各共为值满至到-"
#: A score compared (``低于60分``, ``80分以上``): a condition of the rule, not an amount it deducts.
CONDITION_BEFORE = ("不低于", "不少于", "低于", "高于", "不足", "超过", "达到", "不到", "少于", "多于", "大于", "小于", "≥", "≤", "<", ">")
CONDITION_AFTER = re.compile(r"^(?:及|或)?(?:以上|以下|以内)")
#: ``满分10分``, ``本项共计4分``: the item's (or group's) total, stated beside the rule.
TOTAL = re.compile(rf"(?:满分|总分|共计|合计|共|总计)({NUMBER})分")
#: Several things each deducted (``分别扣1分``, ``各扣1分``): more than one deduction.
EACH = re.compile(rf"(?:分别|各自|各)(?=(?:扣除?|减|罚|计|得|加|记){NUMBER}分)")
#: A deduction left to the assessor.
JUDGEMENT = re.compile(r"酌情|视情况|视情节|视[^,;为]{1,8}(?:情况|程度|情节)|根据[^,;]{0,8}(?:情况|程度)|适当扣")
#: The item's whole value, or a part of it.
WHOLE = re.compile(r"全部分[值数]|(?:该|此|本)[项条](?:全部)?分[值数]|全部扣除|扣除全部")
PART = re.compile(r"扣[^,;]{0,12}?(?:一半|(?<!百)分之|倍)|(?:分值|分数|得分)的?\d+(?:\.\d+)?%|扣(?:除|减)?\d+(?:\.\d+)?%"
                  r"|按\d+(?:\.\d+)?%扣|减半|折半|加倍|双倍")
#: A comparison with a number: ``达到5%``, ``低于90%``, ``2件以上``, ``超过3次``.
MEASURE = "%|个百分点|" + "|".join(UNITS)
COMPARED = re.compile(
    rf"(?:达到|达|超过|超出|低于|高于|不足|少于|多于|不低于|不少于|不到|大于|小于|满|≥|≤|>|<)(?P<value>{NUMBER})(?P<measure>{MEASURE})?"
    rf"|(?P<value2>{NUMBER})(?P<measure2>{MEASURE})?(?:以上|以下|以外|之外)"
)
#: A count named after 每 or a slash (``每人``, ``每发现一处``, ``扣1分/次``): two different ones in a clause
#: count two things at once.
PER = re.compile(rf"(?:每(?:发现|出现|有|查出|少|缺)?(?:一|1)?个?|分/(?:每)?)(?P<unit>{'|'.join(UNITS)})")
#: A count going beyond a number (``超过3次``, ``3次以上``): a threshold on what is counted.
BEYOND = re.compile(
    rf"(?:超过|超出|多于|大于|满)(?P<value>{NUMBER})(?P<measure>{MEASURE})"
    rf"|(?P<value2>{NUMBER})(?P<measure2>{MEASURE})(?:及|或)?(?:以上|以外|之外)"
)
#: A count stated as a condition (``两项不符合``, ``出现2次``, ``3天内``), not a step (每处) nor an order (第一次).
COUNT = re.compile(rf"(?<![每第\d.])(?P<value>{NUMBER})(?P<measure>{'|'.join(UNITS)})(?!性)")
DEDUCTING = ("once", "per_occurrence", "capped_per_occurrence", "per_missing", "range")
COUNTED = ("per_occurrence", "capped_per_occurrence")
#: Kinds that hold no threshold: two of them on one measure at different values are levels of a scale.
LEVELLED = ("once", "zero_out", "range", "bonus")


def review_doubts(data: dict, places: dict, grids: list[tuple[Grid, Header]]) -> list[tuple[str, list[Note], Note]]:  # type: ignore[type-arg]
    """Mark the rules and items of the imported ``data`` that their text does not bear out.

    Returns the review findings to add, as (where, reasons, head); the marks are written into
    ``data`` (``review:`` in the document's language, after any there already).
    """
    found: list[tuple[str, list[Note], Note]] = []
    checks = ItemChecks(data, places, grids)
    for path, item in walk_items(data):
        score = to_decimal(str(item.get("score", "")))
        doubts = rule_doubts(item["rules"], score)
        for index, rule in enumerate(item["rules"]):
            reasons = doubts[index]
            if not reasons or rule.get("review"):
                continue
            where = str(places.get(f"{path}.rules[{index}]") or places.get(path) or "")
            rule["review"] = f"{where}: " + ";".join(n.text("zh") for n in reasons)
            found.append((where, reasons, note("rule_head", no=item["no"], clause=rule["clause"])))
        reasons = checks.doubts(item)
        if reasons:
            where = str(places.get(path) or "")
            mark = ";".join(n.text("zh") for n in reasons)
            item["review"] = f"{item['review']};{mark}" if item.get("review") else f"{where}: {mark}"
            found.append((where, reasons, note("item_head", no=item["no"])))
    return found


def rule_doubts(rules: list[dict], score: Decimal | None) -> list[list[Note]]:  # type: ignore[type-arg]
    """What each rule of an item leaves unaccounted for (an empty list where nothing)."""
    out = [clause_doubts(rule, score) for rule in rules]
    for index, reason in _scale(rules, score) + _levels(rules):
        if all(n.key != reason.key for n in out[index]):
            out[index].append(reason)
    return out


def clause_doubts(rule: dict, score: Decimal | None) -> list[Note]:  # type: ignore[type-arg]
    """What one rule's clause says that the rule does not carry."""
    kind, text = rule["type"], str(rule.get("clause") or "")
    if kind == "manual":
        return []  # scored by hand: the text is the assessor's guide
    out = []
    unused = unused_amounts(rule, score)
    if unused:
        out.append(note("doubt_amounts", amounts="、".join(number(a) for a in unused), **_kind(kind)))
    phrases = len(DEDUCTION.findall(text))
    if phrases > 1:
        out.append(note("doubt_phrases", count=phrases))
    each = EACH.search(text)
    if each and kind not in ("per_missing", *COUNTED):
        out.append(note("doubt_each", word=each.group(0), **_kind(kind)))
    judged = JUDGEMENT.search(text)
    if judged and kind != "range":
        out.append(note("doubt_judgement", word=judged.group(0), **_kind(kind)))
    whole = WHOLE.search(text)
    points = to_decimal(str(rule.get("points", "")))
    if whole and not _until(text, whole) and kind not in ("zero_out", "threshold_zero_out") and not (
            kind == "once" and points is not None and score is not None and points >= score):
        out.append(note("doubt_whole", word=whole.group(0), **_kind(kind)))
    part = PART.search(text)
    if part:
        out.append(note("doubt_part", word=part.group(0), **_kind(kind)))
    out += _count_threshold(rule, text) + _two_counts(rule, text) + _exceeds(rule, text, score)
    return out


def _until(text: str, found: re.Match[str]) -> bool:
    """``直至扣除全部分值为止``: the item's floor (扣完为止), not a deduction of its whole value."""
    return text[: found.start()].endswith(("直至", "直到", "至")) or "为止" in text[found.end(): found.end() + 4]


def unused_amounts(rule: dict, score: Decimal | None) -> list[Decimal]:  # type: ignore[type-arg]
    """The amounts of points in the clause that are none of the rule's numbers (nor the item's total)."""
    text = str(rule.get("clause") or "")
    known = {Decimal(0)} | ({score} if score is not None else set())
    for key in ("points", "cap", "min", "max", "target", "step", "limit"):
        value = to_decimal(str(rule.get(key, "")))
        if value is not None:
            known.add(value)
    known |= {v for v in (to_decimal(t) for t in TOTAL.findall(text)) if v is not None}
    out: list[Decimal] = []
    for found in AMOUNT.finditer(text):
        for index in (1, 2):
            value = _amount(text, found, index)
            if value is not None and value not in known and value not in out:
                out.append(value)
    return out


def _amount(text: str, found: re.Match[str], index: int) -> Decimal | None:
    raw = found.group(index)
    if raw is None:
        return None
    start = found.start(index)
    if not raw[0].isdigit() and raw != "半" and (start == 0 or text[start - 1] not in AMOUNT_VERB):
        return None  # 十分重要, 一分为二: not an amount
    if raw[0].isdigit() and start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".-"):
        return None  # part of a code or a date (CJJ92-2002)
    if text[:start].endswith(CONDITION_BEFORE) or CONDITION_AFTER.match(text[found.end():]):
        return None  # 低于60分的: a condition, not an amount
    return to_decimal(raw)


def _count_threshold(rule: dict, text: str) -> list[Note]:  # type: ignore[type-arg]
    """``超过3次的,每次扣1分``: a threshold on the very count the rule deducts for, which it does not hold."""
    if rule["type"] not in COUNTED:
        return []
    unit = str(rule.get("unit") or "")
    for found in BEYOND.finditer(text):
        if text[: found.start()].endswith("每"):
            continue  # 每超过1天: a step, counted by the rule
        if _measure(found) and _measure(found) == unit:
            return [note("doubt_count_threshold", text=found.group(0), unit=unit)]
    return []


def _two_counts(rule: dict, text: str) -> list[Note]:  # type: ignore[type-arg]
    """``每人每次扣1分``: a deduction per two things (people and times) counted by one of them."""
    if rule["type"] not in COUNTED:
        return []
    units = list(dict.fromkeys(found.group("unit") for found in PER.finditer(text)))
    if len(units) < 2:
        return []
    return [note("doubt_two_counts", units="、".join(units), unit=str(rule.get("unit") or ""))]


def _exceeds(rule: dict, text: str, score: Decimal | None) -> list[Note]:  # type: ignore[type-arg]
    """An award above the item's 标准分, or a deduction more than twice it: not this item's amount."""
    if not score or score <= 0:
        return []
    kind = rule["type"]
    if kind == "once" and _is_award(text):
        points = to_decimal(str(rule.get("points", "")))
        if points is not None and points > score:
            return [note("doubt_award_exceeds", points=number(points), score=number(score))]
        return []
    if kind not in DEDUCTING:
        return []
    amount = to_decimal(str(rule.get("max" if kind == "range" else "points", "")))
    if amount is not None and amount > 2 * score:
        return [note("doubt_exceeds", points=number(amount), score=number(score))]
    return []


def _is_award(text: str) -> bool:
    return AWARD.search(text) is not None and DEDUCTION.search(AWARD.sub("", text)) is None


def _scale(rules: list[dict], score: Decimal | None) -> list[tuple[int, Note]]:  # type: ignore[type-arg]
    """Awards (``得N分``) adding up to more than the item's 标准分: levels of one scale, not each earned."""
    awards = [(i, to_decimal(str(r.get("points", "")))) for i, r in enumerate(rules)
              if r["type"] == "once" and _is_award(str(r.get("clause") or ""))]
    total = sum((p for _, p in awards if p is not None), Decimal(0))
    if score is None or len(awards) < 2 or total <= score:
        return []
    reason = note("doubt_scale", total=number(total), score=number(score))
    return [(i, reason) for i, _ in awards]


def _levels(rules: list[dict]) -> list[tuple[int, Note]]:  # type: ignore[type-arg]
    """Several rules of an item comparing the same measure with different numbers (``低于90%…,低于80%…``,
    ``一项不符合扣1分,两项不符合扣2分``): levels of one scale, of which only one applies."""
    by_unit: dict[str, dict[int, Decimal]] = {}
    for index, rule in enumerate(rules):
        if rule["type"] not in LEVELLED + COUNTED:
            continue  # below_target and threshold_zero_out hold their thresholds
        text = str(rule.get("clause") or "")
        for found in [*COMPARED.finditer(text), *COUNT.finditer(text)]:
            value = to_decimal(found.group("value") or found.group("value2"))
            measure = _measure(found)
            if value is not None and measure:
                by_unit.setdefault(measure, {}).setdefault(index, value)
    out = []
    for measure, values in by_unit.items():
        amounts = {v for i, v in values.items() if rules[i]["type"] != "zero_out"}
        if len(amounts) > 1:  # one deduction and a zero-out beyond a number is what the rules state
            shown = "、".join(f"{number(v)}{measure}" for v in values.values())
            out += [(index, note("doubt_levels", values=shown)) for index in values]
    return out


def _measure(found: re.Match[str]) -> str:
    return found.group("measure") or found.group("measure2") or ""


def _kind(kind: str) -> dict[str, str]:
    """The rule's ``type:`` as the office will see and change it in the imported rubric."""
    return {"kind": kind}
