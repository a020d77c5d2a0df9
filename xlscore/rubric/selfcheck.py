"""The rubric's own consistency: unique 序号, totals that add up, parameters that can apply."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from xlscore.errors import RubricProblem
from xlscore.i18n import fmt, pick
from xlscore.rubric.canonical import plain
from xlscore.rubric.messages import RUBRIC_MESSAGES
from xlscore.rubric.model import Group, Item, Rubric, Section
from xlscore.rules import RuleKind
from xlscore.rules.base import number

VAR_PATTERN = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def self_check(rubric: Rubric, lang: str = "zh") -> list[RubricProblem]:
    """Every problem of a structurally valid rubric; severity "warning" for an incomplete section's totals."""
    problems: list[RubricProblem] = []
    for s_index, section in enumerate(rubric.sections):
        path = f"sections[{s_index}]"
        problems += _section_checks(section, path, lang)
        for item, item_path in _items_with_paths(section, path):
            problems += _item_checks(item, item_path, lang)
    problems += _variable_checks(rubric, lang)
    return problems


def _items_with_paths(section: Section, path: str) -> Iterator[tuple[Item, str]]:
    for e_index, entry in enumerate(section.items):
        entry_path = f"{path}.items[{e_index}]"
        if isinstance(entry, Group):
            for i_index, item in enumerate(entry.items):
                yield item, f"{entry_path}.items[{i_index}]"
        else:
            yield entry, entry_path


def _section_checks(section: Section, path: str, lang: str) -> list[RubricProblem]:
    problems: list[RubricProblem] = []
    first_seen: dict[str, str] = {}
    for e_index, entry in enumerate(section.items):
        entry_path = f"{path}.items[{e_index}]"
        numbered = [(entry, entry_path)]
        if isinstance(entry, Group):
            numbered += [(item, f"{entry_path}.items[{i}]") for i, item in enumerate(entry.items)]
            actual = sum((item.score for item in entry.items), Decimal(0))
            if actual != entry.total:
                problems.append(_total_problem(f"{entry_path}.total", "group_kinds", entry.no, entry.total, actual, lang))
        for node, node_path in numbered:
            if node.no in first_seen:
                problems.append(
                    RubricProblem(f"{node_path}.no", _msg("duplicate_serial", lang, no=node.no, first=first_seen[node.no]))
                )
            first_seen.setdefault(node.no, node_path)
    actual = sum((e.total if isinstance(e, Group) else e.score for e in section.items), Decimal(0))
    if actual != section.total:
        if section.incomplete:
            message = _msg(
                "total_mismatch_incomplete", lang, what=_msg("section_kinds", lang), no=section.id,
                declared=number(section.total), actual=number(actual), note=section.note,
            )
            problems.append(RubricProblem(f"{path}.total", message, severity="warning"))
        else:
            problems.append(_total_problem(f"{path}.total", "section_kinds", section.id, section.total, actual, lang))
    if section.incomplete and not (section.note or "").strip():
        problems.append(RubricProblem(f"{path}.note", _msg("incomplete_without_note", lang)))
    return problems


def _total_problem(path: str, what: str, no: str, declared: Decimal, actual: Decimal, lang: str) -> RubricProblem:
    message = _msg("total_mismatch", lang, what=_msg(what, lang), no=no, declared=number(declared), actual=number(actual))
    return RubricProblem(path, message)


def _item_checks(item: Item, path: str, lang: str) -> list[RubricProblem]:
    problems: list[RubricProblem] = []
    if item.score <= 0:
        problems.append(RubricProblem(f"{path}.score", _msg("score_not_positive", lang, value=number(item.score))))
    if item.review:
        problems.append(RubricProblem(f"{path}.review", _msg("review_pending", lang, no=item.no, review=item.review)))
    months = item.context().months
    for r_index, rule in enumerate(item.rules):
        rule_path = f"{path}.rules[{r_index}]"
        if rule.review:
            problems.append(
                RubricProblem(f"{rule_path}.review", _msg("review_pending", lang, no=item.no, review=rule.review))
            )
        problems += [RubricProblem(f"{rule_path}.{key}", message) for key, message in _rule_checks(rule, lang)]
        if rule.is_monthly() and months == 0:
            problems.append(RubricProblem(f"{path}.sample", _msg("monthly_without_months", lang)))
        if rule.of_sample and rule.sample is None and item.sample is None:
            problems.append(RubricProblem(f"{rule_path}.of_sample", _msg("of_sample_without_sample", lang)))
        if rule.scored_by_hand and len(item.rules) > 1:
            problems.append(RubricProblem(f"{rule_path}.type", _msg("manual_not_alone", lang)))
    return problems


def _rule_checks(rule: RuleKind, lang: str) -> Iterator[tuple[str, str]]:
    points = getattr(rule, "points", None)
    if points is not None and points <= 0:
        yield "points", _msg("points_not_positive", lang, value=number(points))
    if rule.sample is not None and not rule.accepts_sample:
        yield "sample", _msg("sample_not_usable", lang, kind=_kind(rule))
    if rule.of_sample and not rule.accepts_of_sample():
        yield "of_sample", _msg("of_sample_not_countable", lang, kind=_kind(rule))
    for key, message, values in rule.parameter_problems():
        yield key, _msg(message, lang, **values)


def _kind(rule: RuleKind) -> str:
    return rule.type  # type: ignore[attr-defined]


def _variable_checks(rubric: Rubric, lang: str) -> list[RubricProblem]:
    known = set(rubric.vars)
    problems: list[RubricProblem] = []
    shown = {key: value for key, value in plain(rubric).items() if key not in ("vars", "corrections")}
    for path, text in _strings(shown, ""):
        for name in VAR_PATTERN.findall(text):
            if name not in known:
                listed = ", ".join(sorted(known)) or "—"
                problems.append(RubricProblem(path, _msg("unknown_var", lang, name=name, known=listed)))
    return problems


def _strings(node: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{path}[{index}]")


def _msg(message_id: str, lang: str, **values: object) -> str:
    return fmt(pick(RUBRIC_MESSAGES[message_id], lang), values)
