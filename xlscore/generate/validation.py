"""Data validations for input cells, from the rule kinds' own input declarations.

Every text is cut to the limits past which Excel "repairs" the file: titles 32 characters,
prompts 255, error messages 224.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from xlscore.rubric.model import Item
from xlscore.rules import NO, YES, InputKind, InputSpec, RuleKind
from xlscore.rules.base import MAX_COUNT, number
from xlscore.form.wording import pass_name, prompt

TITLE_LIMIT, PROMPT_LIMIT, ERROR_LIMIT = 32, 255, 224
MAX_SAMPLE = 9999


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _messages(title: str, body: str, error_title: str = "", error: str = "", **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"input_title": cut(title, TITLE_LIMIT), "input_message": cut(body, PROMPT_LIMIT)}
    if error:
        out.update(error_title=cut(error_title or title, TITLE_LIMIT), error_message=cut(error, ERROR_LIMIT))
    out.update(extra)
    return out


def rule_validation(rule: RuleKind, item: Item, pass_key: str, lang: str, ref: str = "A1") -> dict[str, Any]:
    """The validation of one rule input cell (``ref``: its own address, for a custom-formula validation)."""
    ctx = item.context()
    spec: InputSpec = rule.input_spec(ctx)
    who = pass_name(pass_key, lang)
    clause = rule.clause
    if spec.kind is InputKind.YES_NO:
        return yes_no_validation(prompt("yes_no_title", lang, pass_name=who), prompt("yes_no_prompt", lang, clause=clause), lang)
    if spec.kind is InputKind.WHOLE:
        low = number(spec.minimum if spec.minimum is not None else Decimal(0))
        high = number(spec.maximum if spec.maximum is not None else MAX_COUNT)
        key = rule.prompt_key
        title = prompt(f"{key}_title", lang, pass_name=who, unit=spec.unit)
        body = prompt(f"{key}_prompt", lang, clause=clause, unit=spec.unit, min=low, max=high, **rule.prompt_values())
        error = prompt("count_error", lang, min=low, max=high)
        return _messages(title, body, "", error, validate="integer", criteria="between", minimum=int(low),
                         maximum=int(high), error_type="stop")
    if spec.kind is InputKind.JUDGED:
        return _judged(rule, spec, item, ref, who, lang)
    if spec.kind is InputKind.SCORE:
        top = number(spec.maximum if spec.maximum is not None else Decimal(0))
        return _messages(
            prompt("score_title", lang, pass_name=who), prompt("score_prompt", lang, clause=clause, max=top), "",
            prompt("score_error", lang, max=top), validate="decimal", criteria="between", minimum=0,
            maximum=float(spec.maximum or 0), error_type="stop",
        )
    if spec.unit == "%":
        return _messages(
            prompt("rate_title", lang, pass_name=who), prompt("rate_prompt", lang, clause=clause), "",
            prompt("rate_error", lang), validate="decimal", criteria="between", minimum=0, maximum=100,
            error_type="stop",
        )
    return _messages(
        prompt("value_title", lang, pass_name=who, unit=spec.unit), prompt("value_prompt", lang, clause=clause, unit=spec.unit),
        "", prompt("value_error", lang), validate="decimal", criteria=">=", value=0, error_type="stop",
    )


def _judged(rule: RuleKind, spec: InputSpec, item: Item, ref: str, who: str, lang: str) -> dict[str, Any]:
    """0, or half points from the rule's minimum to its maximum: a custom formula, the only way Excel states a gap."""
    low, high = number(spec.minimum or Decimal(0)), number(spec.maximum or Decimal(0))
    values = {**rule.prompt_values(), "min": low, "max": high}
    return _messages(
        prompt("judged_title", lang, pass_name=who), prompt("judged_prompt", lang, clause=rule.clause, **values), "",
        prompt("judged_error", lang, **values), validate="custom",
        value=f"={rule.validation_formula(ref, item.context())}",
        error_type="stop",
    )


def yes_no_validation(title: str, body: str, lang: str) -> dict[str, Any]:
    return _messages(title, body, "", prompt("yes_no_error", lang), validate="list", source=[YES, NO], error_type="stop")


def sample_validation(minimum: int, unit: str, pass_key: str, lang: str) -> dict[str, Any]:
    """Below the minimum is suspicious, not impossible: a warning the auditor may override."""
    who = pass_name(pass_key, lang)
    return _messages(
        prompt("sample_title", lang, pass_name=who), prompt("sample_prompt", lang, min=minimum, unit=unit), "",
        prompt("sample_error", lang, min=minimum, unit=unit), validate="integer", criteria="between",
        minimum=minimum, maximum=MAX_SAMPLE, error_type="warning",
    )


def exempt_validation(condition: str, pass_key: str, lang: str) -> dict[str, Any]:
    who = pass_name(pass_key, lang)
    return yes_no_validation(prompt("exempt_title", lang, pass_name=who), prompt("exempt_prompt", lang, condition=condition), lang)


def text_validation(title: str, body: str) -> dict[str, Any]:
    """A free-text cell: no restriction, only the prompt."""
    return _messages(title, body, validate="any")
