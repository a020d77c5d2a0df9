"""Read every input slot and report inputs that are illegal, unreadable or read by interpretation."""

from __future__ import annotations

from decimal import Decimal

from xlscore.check import codes
from xlscore.check.context import CheckContext, show
from xlscore.check.normalise import Reading, read_input
from xlscore.form.layout import Slot, SlotKind
from xlscore.rules import InputKind, InputProblem, InputSpec
from xlscore.rules.base import number

SAMPLE_SPEC = InputSpec(InputKind.WHOLE, Decimal(0), Decimal(9999), "")
TEXT_SPEC = InputSpec(InputKind.TEXT)
YES_NO_SPEC = InputSpec(InputKind.YES_NO)

WHY = {
    "%": {"zh": "(百分号或百分比格式)", "en": " (a % sign or percent format)"},
    "text": {"zh": "(文字形式的数字)", "en": " (a number stored as text)"},
    "是": {"zh": "", "en": ""},
    "否": {"zh": "", "en": ""},
}
RANGE = {
    InputProblem.NOT_WHOLE: {"zh": "只能是整数", "en": "it must be a whole number"},
    InputProblem.BELOW_MINIMUM: {"zh": "不能小于 {min}", "en": "it may not be below {min}"},
    InputProblem.ABOVE_MAXIMUM: {"zh": "不能大于 {max}", "en": "it may not be above {max}"},
    InputProblem.NOT_A_NUMBER: {"zh": "必须是数字", "en": "it must be a number"},
    InputProblem.NOT_HALF: {"zh": "扣分只能是整分或半分(如 1 或 1.5)", "en": "points deducted must be whole or half points (such as 1 or 1.5)"},
    InputProblem.OUTSIDE_RANGE: {
        "zh": "本条扣分应为 0(不扣分)或 {min} 至 {max} 分",
        "en": "this clause deducts 0 (nothing) or from {min} to {max} points",
    },
}
MAGNITUDE = {"zh": "数值过大,评分表中的数不会超过 10 的 15 次方", "en": "far too large; no number on a scoring form reaches 10^15"}


def spec_of(ctx: CheckContext, slot: Slot) -> InputSpec:
    if slot.kind is SlotKind.INPUT:
        key = ("input_spec", slot.name)  # the rubric's alone: once per layout
        spec = ctx.layout.memo.get(key)
        if spec is None:
            item = ctx.layout.item(slot.section, slot.item)
            spec = ctx.layout.memo[key] = item.rules[slot.rule or 0].input_spec(item.context())
        return spec  # type: ignore[return-value]
    if slot.kind is SlotKind.SAMPLE:
        return SAMPLE_SPEC
    if slot.kind is SlotKind.EXEMPT:
        return YES_NO_SPEC
    return TEXT_SPEC


#: Problems that leave an input unknown (as opposed to read as meant, IN003): what depends on it cannot be computed.
REFUSED = ("IN002", "IN005", "IN006", "IN012")


def read_inputs(ctx: CheckContext) -> set[str]:
    """Fill ``ctx.readings``, report what is wrong with each input, and return the refused inputs."""
    refused: set[str] = set()
    for slot in ctx.layout.slots.values():
        if not slot.kind.is_input:
            continue
        spec = spec_of(ctx, slot)
        cell = ctx.cell(slot.name)
        percent = cell is not None and cell.style in ctx.workbook.percent_styles
        reading = read_input(cell, spec, percent)
        ctx.readings[slot.name] = reading
        _report(ctx, slot, spec, reading)
        if reading.problem in REFUSED or spec.problem(reading.value) is not None:
            refused.add(slot.name)
    return refused


def _report(ctx: CheckContext, slot: Slot, spec: InputSpec, reading: Reading) -> None:
    lang = ctx.lang  # where the finding is: worked out only for a finding (most inputs have none)
    raw = reading.raw
    if reading.problem == "IN006":
        ctx.findings.append(codes.IN006.make(lang, found=raw, **ctx.where(slot)))
    elif reading.problem == "IN012":
        ctx.findings.append(codes.IN012.make(lang, found="TRUE" if raw else "FALSE", **ctx.where(slot)))
    elif reading.problem == "IN002":
        hint = _range_hint(spec, lang)
        ctx.findings.append(codes.IN002.make(lang, found=raw, hint=hint, **ctx.where(slot)))
    elif reading.problem == "IN004":
        ctx.findings.append(codes.IN004.make(lang, found=raw, rule=MAGNITUDE[lang if lang == "en" else "zh"], **ctx.where(slot)))
    elif reading.problem == "IN005":
        ctx.findings.append(codes.IN005.make(lang, found=raw, **ctx.where(slot)))
    elif reading.problem == "IN003":
        expected = reading.why if reading.why in ("是", "否") else show(reading.value)  # type: ignore[arg-type]
        why = WHY.get(reading.why, {"zh": f"(去掉“{reading.why}”)", "en": f" (dropping “{reading.why}”)"})
        ctx.findings.append(codes.IN003.make(lang, found=raw, expected=expected, why=why.get(lang, why["zh"]), **ctx.where(slot)))
    problem = spec.problem(reading.value)
    if problem is not None and reading.value is not None:
        template = RANGE[problem][lang if lang == "en" else "zh"]
        rule = template.format(min=number(spec.minimum or Decimal(0)), max=number(spec.maximum or Decimal(0)))
        ctx.findings.append(codes.IN004.make(lang, found=show(reading.value), rule=rule, **ctx.where(slot)))  # type: ignore[arg-type]


def _range_hint(spec: InputSpec, lang: str) -> str:
    if spec.minimum is None or spec.maximum is None:
        return ""
    low, high = number(spec.minimum), number(spec.maximum)
    return f"({low}–{high})" if lang != "en" else f" ({low}–{high})"
