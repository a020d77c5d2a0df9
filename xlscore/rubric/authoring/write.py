"""Rubric data → the authoring workbook (XlsxWriter): one row per clause, dropdowns, review cells highlighted.

Every text is written with ``write_string``: text from a user's document never becomes a formula or link.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from xlscore.rubric.authoring.columns import (
    COLUMNS, COMPARE, CORRECTION_HEADERS, CORRECTIONS_SHEET, DIRECTION, ELEMENT_SEPARATOR, EXEMPTION_POLICY, GROUP,
    HELP_LINES, HELP_SHEET, INDEX, INFO_ROWS, INFO_SHEET, KIND_LABELS, NO, ROUNDING, SECTION, SECTION_INCOMPLETE,
    SHEET, TYPE_CHOICES, YES,
)

MAX_ROWS = 2000  # validations and highlights reach this far, so rows an office adds are covered


def authoring_bytes(data: dict[str, Any]) -> bytes:
    """The workbook for rubric ``data`` (as the importer or a YAML file gives it)."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "strings_to_numbers": False})
    workbook.set_properties({"title": str(data.get("title", ""))})
    formats = _formats(workbook)
    sheet = workbook.add_worksheet(SHEET)
    _header(sheet, formats)
    for r, row in enumerate(rubric_rows(data), start=1):
        for key, value in row.items():
            _put(sheet, r, INDEX[key], value, formats)
    _validations(sheet, workbook, formats)
    _info(workbook.add_worksheet(INFO_SHEET), data, formats)
    _help(workbook.add_worksheet(HELP_SHEET), formats)
    if data.get("corrections"):
        _corrections(workbook.add_worksheet(CORRECTIONS_SHEET), data["corrections"], formats)
    workbook.close()
    return buffer.getvalue()


def rubric_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of the 细则 sheet, as column key → value."""
    rows: list[dict[str, Any]] = []
    for section in data.get("sections", []):
        kind = SECTION_INCOMPLETE if section.get("incomplete") else SECTION
        row = {"no": str(section.get("id", "")), "name": section.get("title"), "score": section.get("total"), "type": kind}
        if section.get("note"):
            row["notes"] = section["note"]
        rows.append(row)
        for entry in section.get("items", []):
            if "items" in entry:
                rows.append({"no": entry["no"], "name": entry["name"], "score": entry["total"], "type": GROUP})
                rows += [r for item in entry["items"] for r in _item_rows(item)]
            else:
                rows += _item_rows(entry)
    return rows


def _item_rows(item: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for index, rule in enumerate(item.get("rules", [])):
        row = _rule_row(rule)
        if index == 0:
            row.update({"no": item["no"], "name": item.get("name"), "content": item.get("content"),
                        "score": item.get("score"), "text": item.get("text")})
            if item.get("sample"):
                row["sample_min"], row["sample_unit"] = item["sample"]["min"], item["sample"]["unit"]
            if item.get("exemption"):
                row["exemption"] = item["exemption"]["condition"]
            if item.get("notes"):
                row["notes"] = "\n".join(item["notes"])
            reviews = [item.get("review"), rule.get("review")]
            row["review"] = ";".join(r for r in reviews if r) or None
        rows.append(row)
    return rows


def _rule_row(rule: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"clause": rule.get("clause"), "type": KIND_LABELS.get(rule["type"], rule["type"])}
    for key in ("points", "unit", "target", "step", "limit", "cap", "min", "max"):
        if key in rule:
            row[key] = rule[key]
    if rule["type"] == "bonus" and "points" in rule:
        row["bonus"] = row.pop("points")
    if rule["type"] == "threshold_zero_out":
        row["limit_unit"] = rule.get("unit", "%")
        row.pop("unit", None)
        row["compare"] = COMPARE[rule["compare"]]
    if "elements" in rule:
        row["elements"] = ELEMENT_SEPARATOR.join(rule["elements"])
    if "rounding" in rule:
        row["rounding"] = ROUNDING[rule["rounding"]]
    if rule.get("direction"):
        row["direction"] = DIRECTION[rule["direction"]]
    if rule.get("monthly"):
        row["monthly"] = YES
    if rule.get("of_sample"):
        row["of_sample"] = YES
    if rule.get("sample"):
        row["rule_sample_min"], row["rule_sample_unit"] = rule["sample"]["min"], rule["sample"]["unit"]
    if rule.get("review"):
        row["review"] = rule["review"]
    return row


def _put(sheet: Any, r: int, c: int, value: Any, formats: dict[str, Any]) -> None:
    if value is None or value == "":
        return
    style = formats["review"] if COLUMNS[c].key == "review" else formats["cell"]
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        sheet.write_number(r, c, float(value) if isinstance(value, Decimal) else value, style)
    else:
        sheet.write_string(r, c, str(value), style)


def _formats(workbook: Any) -> dict[str, Any]:
    base = {"font_name": "宋体", "font_size": 10, "valign": "top", "text_wrap": True, "border": 1}
    return {
        "cell": workbook.add_format(base),
        "header": workbook.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "align": "center"}),
        "review": workbook.add_format({**base, "bg_color": "#FFEB9C", "font_color": "#9C5700"}),
        "flag": workbook.add_format({"bg_color": "#FFF2CC"}),
        "title": workbook.add_format({"bold": True, "font_size": 14, "font_name": "宋体"}),
        "text": workbook.add_format({"font_name": "宋体", "font_size": 11, "text_wrap": True, "valign": "top"}),
    }


def _header(sheet: Any, formats: dict[str, Any]) -> None:
    for c, column in enumerate(COLUMNS):
        sheet.write_string(0, c, column.header, formats["header"])
        sheet.set_column(c, c, column.width)
        sheet.write_comment(0, c, column.help, {"x_scale": 2})
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, 0, len(COLUMNS) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)


def _validations(sheet: Any, workbook: Any, formats: dict[str, Any]) -> None:
    def col(key: str) -> int:
        return INDEX[key]

    def listed(key: str, choices: list[str], title: str) -> None:
        sheet.data_validation(1, col(key), MAX_ROWS, col(key), {
            "validate": "list", "source": choices, "error_title": title[:32],
            "error_message": f"请从下拉列表中选择:{'、'.join(choices)}"[:224],
        })

    listed("type", TYPE_CHOICES, "类型")
    listed("rounding", list(ROUNDING.values()), "取整")
    listed("direction", list(DIRECTION.values()), "方向")
    listed("compare", list(COMPARE.values()), "比较")
    for key in ("monthly", "of_sample"):
        listed(key, [YES, NO], "是/否")
    for key in ("points", "bonus", "target", "step", "limit", "cap", "min", "max", "score"):
        sheet.data_validation(1, col(key), MAX_ROWS, col(key), {
            "validate": "decimal", "criteria": ">=", "value": 0, "error_title": "数值",
            "error_message": "请填写不小于 0 的数字(不要带“分”字)。",
        })
    for key in ("sample_min", "rule_sample_min"):
        sheet.data_validation(1, col(key), MAX_ROWS, col(key), {
            "validate": "integer", "criteria": ">=", "value": 1, "error_title": "抽查数",
            "error_message": "抽查数应为正整数。",
        })
    review = _letter(col("review"))
    sheet.conditional_format(1, 0, MAX_ROWS, len(COLUMNS) - 1, {
        "type": "formula", "criteria": f'=LEN(${review}2)>0', "format": formats["flag"],
    })


def _letter(c: int) -> str:
    from xlsxwriter.utility import xl_col_to_name

    return xl_col_to_name(c)


def _info(sheet: Any, data: dict[str, Any], formats: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 50)
    sheet.set_column(2, 2, 40)
    for c, text in enumerate(("项目", "值", "说明")):
        sheet.write_string(0, c, text, formats["header"])
    rows = list(INFO_ROWS) + [(f"vars.{k}", f"变量:{k}", "文字中的 {" + k + "} 换成此值") for k in data.get("vars", {})]
    for r, (key, label, help_text) in enumerate(rows, start=1):
        value = data.get("vars", {}).get(key[5:]) if key.startswith("vars.") else data.get(key)
        if key == "exemption_policy":
            value = EXEMPTION_POLICY.get(str(value), value)
        sheet.write_string(r, 0, label, formats["cell"])
        sheet.write_string(r, 1, "" if value is None else str(value), formats["cell"])
        sheet.write_string(r, 2, help_text, formats["cell"])


def _help(sheet: Any, formats: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 120)
    for r, line in enumerate(HELP_LINES):
        sheet.write_string(r, 0, line, formats["title"] if r == 0 else formats["text"])


def _corrections(sheet: Any, corrections: list[dict[str, Any]], formats: dict[str, Any]) -> None:
    """The source-correction log (original → corrected), so an auditor can compare with the paper."""
    for c, (_, header) in enumerate(CORRECTION_HEADERS):
        sheet.write_string(0, c, header, formats["header"])
        sheet.set_column(c, c, 10 if c == 0 else 40)
    for r, correction in enumerate(corrections, start=1):
        for c, (key, _) in enumerate(CORRECTION_HEADERS):
            value = correction.get(key)
            if value is not None:
                sheet.write_string(r, c, str(value), formats["cell"])
