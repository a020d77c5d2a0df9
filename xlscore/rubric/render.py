"""``xlscore rubric show``: the rubric as a tree with totals, as text or as a JSON-ready dict."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from xlscore.i18n import fmt, pick
from xlscore.rubric.canonical import rubric_sha256, substitute
from xlscore.rubric.model import Group, Item, Rubric, Section
from xlscore.rules import RuleKind
from xlscore.rules.base import number

WORDS = {
    "points": {"zh": "{score}分", "en": "{score} points"},
    "sum": {"zh": "(下属合计 {sum}分)", "en": "(entries add up to {sum})"},
    "sample": {"zh": "抽查不少于{min}{unit}", "en": "sample at least {min} {unit}"},
    "of_sample": {"zh": "计数不超过抽查数", "en": "count ≤ sample size"},
    "exemption": {"zh": "可免考核:{condition}", "en": "may be exempted: {condition}"},
    "incomplete": {"zh": "【不完整】{note}", "en": "[incomplete] {note}"},
    "grand": {"zh": "合计 {score}分", "en": "total {score} points"},
}


def _w(key: str, lang: str, **values: object) -> str:
    return fmt(pick(WORDS[key], lang), values)


def rule_words(rule: RuleKind, lang: str) -> str:
    """One rule in words, with its own sample minimum: ``扣2分/次; 抽查不少于12份工单``."""
    parts = [rule.describe(lang)]
    if rule.sample is not None:
        parts.append(_w("sample", lang, min=rule.sample.min, unit=rule.sample.unit))
    if rule.of_sample:
        parts.append(_w("of_sample", lang))
    return "; ".join(parts)


def show_text(rubric: Rubric, lang: str = "zh") -> str:
    """The tree: 序号, 项目, 标准分, each rule in words, totals per group and section."""
    shown = substitute(rubric)
    lines = [f"{rubric.id} {rubric.version}  {shown.title}", f"sha256 {rubric_sha256(rubric)}"]
    for section in shown.sections:
        lines += _section_lines(section, lang)
    grand = sum((s.total for s in shown.sections), Decimal(0))
    lines.append(_w("grand", lang, score=number(grand)))
    return "\n".join(lines)


def _section_lines(section: Section, lang: str) -> list[str]:
    total = _entries_sum(section)
    head = f"{section.id}  {section.title}  {_w('points', lang, score=number(section.total))}"
    if total != section.total:
        head += "  " + _w("sum", lang, sum=number(total))
    lines = ["", head]
    if section.incomplete:
        lines.append("   " + _w("incomplete", lang, note=section.note))
    for entry in section.items:
        if isinstance(entry, Group):
            subtotal = sum((i.score for i in entry.items), Decimal(0))
            line = f"  {entry.no}  {entry.name}  {_w('points', lang, score=number(entry.total))}"
            if subtotal != entry.total:
                line += "  " + _w("sum", lang, sum=number(subtotal))
            lines.append(line)
            for item in entry.items:
                lines += _item_lines(item, "    ", lang)
        else:
            lines += _item_lines(entry, "  ", lang)
    return lines


def _item_lines(item: Item, indent: str, lang: str) -> list[str]:
    lines = [f"{indent}{item.no}  {_short(item.title)}  {_w('points', lang, score=number(item.score))}"]
    pad = indent + "    "
    if item.sample is not None:
        lines.append(pad + _w("sample", lang, min=item.sample.min, unit=item.sample.unit))
    if item.exemption is not None:
        lines.append(pad + _w("exemption", lang, condition=item.exemption.condition))
    for index, rule in enumerate(item.rules, 1):
        lines.append(f"{pad}{index}. {rule_words(rule, lang)}  ← {_short(rule.clause, 40)}")
    return lines


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _entries_sum(section: Section) -> Decimal:
    return sum((e.total if isinstance(e, Group) else e.score for e in section.items), Decimal(0))


def show_data(rubric: Rubric, lang: str = "zh") -> dict[str, Any]:
    """The same tree as JSON-ready data (numbers as strings, exact)."""
    shown = substitute(rubric)
    return {
        "id": rubric.id,
        "title": shown.title,
        "version": rubric.version,
        "sha256": rubric_sha256(rubric),
        "total": number(sum((s.total for s in shown.sections), Decimal(0))),
        "sections": [_section_data(s, lang) for s in shown.sections],
    }


def _section_data(section: Section, lang: str) -> dict[str, Any]:
    entries = []
    for entry in section.items:
        if isinstance(entry, Group):
            entries.append({
                "no": entry.no,
                "name": entry.name,
                "total": number(entry.total),
                "sum": number(sum((i.score for i in entry.items), Decimal(0))),
                "items": [_item_data(i, lang) for i in entry.items],
            })
        else:
            entries.append(_item_data(entry, lang))
    return {
        "id": section.id,
        "title": section.title,
        "total": number(section.total),
        "sum": number(_entries_sum(section)),
        "incomplete": section.incomplete,
        "note": section.note,
        "entries": entries,
    }


def _item_data(item: Item, lang: str) -> dict[str, Any]:
    return {
        "no": item.no,
        "name": item.name,
        "content": item.content,
        "score": number(item.score),
        "sample": dataclasses.asdict(item.sample) if item.sample else None,
        "exemption": item.exemption.condition if item.exemption else None,
        "rules": [
            {"type": rule.type, "clause": rule.clause, "words": rule_words(rule, lang)}  # type: ignore[attr-defined]
            for rule in item.rules
        ],
    }
