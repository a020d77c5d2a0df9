"""The 扣分标准 text of each row of an item block: the clause (numbered, per month) or the row's label."""

from __future__ import annotations

from xlscore.form.layout import ItemBlock, ItemRow, RowKind
from xlscore.form.wording import text


def row_label_keys(block: ItemBlock, row: ItemRow) -> tuple[str, dict[str, object]]:
    """The wording key and values for the 扣分标准 cell of a non-rule row."""
    item = block.item
    if row.kind is RowKind.SAMPLE and item.sample is not None:
        return "sample_row", {"min": item.sample.min, "unit": item.sample.unit}
    if row.kind is RowKind.RULE_SAMPLE and row.rule is not None:
        sample = item.rules[row.rule].sample
        return "rule_sample_row", {"rule": row.rule + 1, "min": sample.min if sample else "", "unit": sample.unit if sample else ""}
    if row.kind is RowKind.EXEMPT and item.exemption is not None:
        return "exempt_row", {"condition": item.exemption.condition}
    return "reason_row", {}


def row_label(block: ItemBlock, row: ItemRow, lang: str) -> str:
    key, values = row_label_keys(block, row)
    return text(key, lang, **values)


def row_text(block: ItemBlock, row: ItemRow, lang: str) -> str:
    """The 扣分标准 cell of any row: the clause (numbered, per month) or the row's label."""
    item = block.item
    if row.kind is not RowKind.RULE or row.rule is None:
        return row_label(block, row, lang)
    rule = item.rules[row.rule]
    label = f"{row.rule + 1}. {rule.clause}" if len(item.rules) > 1 else rule.clause
    if row.month is not None:
        label = text("month_row", lang, month=row.month + 1, what=label)
    if rule.scored_by_hand:
        label += text("manual_note", lang)
    return label
