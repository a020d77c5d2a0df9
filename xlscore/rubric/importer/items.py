"""One item's 评分规定 text → its sample, exemption, notes and rules (with their review marks)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xlscore.rubric.importer.clauses import AWARD, MANUAL, ItemFacts, parse_clause
from xlscore.rubric.importer.notes import Note, note
from xlscore.rubric.importer.numbers import NUMBER, to_decimal
from xlscore.rubric.importer.rows import Place, TextPart
from xlscore.rubric.importer.split import DEDUCTION, Sentence, sentences

SAMPLE = re.compile(
    rf"(?:抽查|任抽|抽取)(?:了)?(?:[^\d,;。()]{{0,8}}?的)?(?:不少于|不低于|至少|不得少于|最少)?({NUMBER})"
    r"(个月|[个份条次件户人台张本组批家项名位]?)"
    r"([^\s,;。()、的]*)"
)
EXEMPT = re.compile(r"[,]?(?:则)?(?:可|可以)?(?:不做|不予|免于|免予|不作|不参与|不参加|不|免)考核|[,]?免考")
NO_DEDUCTION = re.compile(r"不扣分|不予扣分|不作扣分")
OF_SAMPLE = re.compile(r"不(?:得|能|应)?超过抽查(?:数|数量|份数|总数)")
#: Measure words counting events rather than sampled things: such a count may exceed the sample.
EVENT_UNITS = ("次", "处", "件次", "人次", "户次", "台次", "项")


@dataclass
class ItemRules:
    rules: list[dict[str, object]] = field(default_factory=list)
    sample: dict[str, object] | None = None
    exemption: dict[str, object] | None = None
    notes: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)  # where each rule was printed, in the order of ``rules``
    reviews: list[list[Note]] = field(default_factory=list)  # what to check in each rule, in the order of ``rules``
    item_reviews: list[Note] = field(default_factory=list)  # what to check in the item as a whole


def parse_item(parts: list[TextPart], facts: ItemFacts) -> ItemRules:
    """Parse every 评分规定 cell of an item; review marks (with their place) go on the rule dicts."""
    out = ItemRules()
    first = True
    for part in parts:
        for sentence in sentences(part.text):
            _sentence(sentence, part.place, facts, out, first)
            first = False
    _award_as_total(out, facts)
    _bonus_with_zero_out(out)
    for rule, place, reviews in zip(out.rules, out.places, out.reviews):
        if reviews:  # the mark in the rubric is in the document's language
            rule["review"] = f"{place}: " + ";".join(n.text("zh") for n in reviews)
    return out


def _award_as_total(out: ItemRules, facts: ItemFacts) -> None:
    """``…计6分。有不廉洁现象扣2分``: an award of the item's whole score, with deductions beside it,
    states the points the others deduct from; it is not a rule of its own."""
    awards = [i for i, rule in enumerate(out.rules) if rule.pop("award", False)]
    if len(awards) == len(out.rules) or facts.score is None:
        return
    for index in reversed(awards):
        if out.rules[index]["points"] == facts.score:
            out.notes.append(str(out.rules[index]["clause"]))
            del out.rules[index], out.places[index], out.reviews[index]


def _bonus_with_zero_out(out: ItemRules) -> None:
    """A bonus still counts after 此项不得分 (it is added after 扣完为止): say so where an item has both."""
    if not any(rule["type"] in ("zero_out", "threshold_zero_out") for rule in out.rules):
        return
    for rule, reviews in zip(out.rules, out.reviews):
        if rule["type"] == "bonus":
            reviews.append(note("bonus_with_zero_out"))


def _sentence(sentence: Sentence, place: Place, facts: ItemFacts, out: ItemRules, first: bool) -> None:
    text = sentence.text
    deduction = DEDUCTION.search(text) is not None
    sample = _sample(text)
    if sample is not None and out.sample is None and first:
        out.sample = sample
        facts.months = sample["min"] if sample["unit"] in ("个月", "月") else 0  # type: ignore[assignment]
    if not deduction:
        if EXEMPT.search(text):
            out.exemption = {"condition": EXEMPT.sub("", text).strip(",;。 ") or text}
        elif OF_SAMPLE.search(text):
            for rule in out.rules:
                if rule.get("type") == "per_occurrence" and (rule.get("sample") or out.sample):
                    rule["of_sample"] = True
        elif sentence.aside or NO_DEDUCTION.search(text):
            out.notes.append(f"({text})" if sentence.aside else text)
        elif sample is not None and (out.sample is sample or _same(sample, out.sample)):
            pass  # the item's sample, printed as a sentence of its own
        elif _requirement(text):
            out.notes.append(text)
        else:
            _rule(sentence, place, facts, out, None)
        return
    own = sample if sample is not None and out.sample is not sample and not _same(sample, out.sample) else None
    _rule(sentence, place, facts, out, own)


def _rule(sentence: Sentence, place: Place, facts: ItemFacts, out: ItemRules, sample: dict | None) -> None:  # type: ignore[type-arg]
    parsed = parse_clause(sentence, facts, sentence.text)
    rule = parsed.rule
    if sample is not None:
        if rule["type"] in ("per_occurrence", "below_target"):
            rule["sample"] = sample
        else:
            parsed.reviews.append(note("sample_not_usable", min=sample["min"], unit=sample["unit"]))
            if not out.sample:  # a sample printed inside a clause may be the whole item's
                out.item_reviews.append(note("sample_in_clause", min=sample["min"], unit=sample["unit"]))
    counted = rule.get("sample") or out.sample
    missing = "缺" in str(rule["clause"])  # 每缺少一张: things missing are not among those sampled
    if rule["type"] == "per_occurrence" and counted and not missing and _counts_sampled(str(rule["unit"]), str(counted["unit"])):  # type: ignore[index]
        rule["of_sample"] = True
    out.rules.append(rule)
    out.places.append(place)
    out.reviews.append(parsed.reviews)


def _requirement(text: str) -> bool:
    """A line of a rule cell that deducts nothing and leaves nothing to judge: it belongs to the content."""
    return ("分" not in text and not MANUAL.search(text) and "否决" not in text and not AWARD.search(text)
            and not re.search(r"[甲乙丙丁]级", text))


def _sample(text: str) -> dict[str, object] | None:
    found = SAMPLE.search(text)
    if not found:
        return None
    count = to_decimal(found.group(1))
    if count is None or count <= 0 or count != count.to_integral_value():
        return None
    noun = re.sub(r"(的)?情况$", "", found.group(3))
    unit = (found.group(2) or "") + noun
    return {"min": int(count), "unit": unit or "个"}


def _same(a: dict | None, b: dict | None) -> bool:  # type: ignore[type-arg]
    return a is not None and b is not None and a["min"] == b["min"] and a["unit"] == b["unit"]


def _counts_sampled(unit: str, sample_unit: str) -> bool:
    """Whether a count in ``unit`` counts the sampled things (单 of 份工单, 条 of 条停电信息, 班次 of 交接班记录)."""
    if unit in EVENT_UNITS or not sample_unit:
        return False
    measure, noun = sample_unit[:1], sample_unit[1:]
    if sample_unit.startswith("个月"):
        return False
    return unit == measure or unit[0] in noun
