"""The authoring workbook → rubric data, with the cell address of every value (for located messages).

Columns are found by their header text, so an office may reorder or hide columns. Reads are bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from xlscore.rubric.authoring.columns import (
    COLUMNS, COMPARE, CORRECTION_HEADERS, CORRECTIONS_SHEET, DIRECTION, EXEMPTION_POLICY, GROUP, INFO_ROWS,
    INFO_SHEET, LABEL_KINDS, ROUNDING, SECTION, SECTION_INCOMPLETE, SHEET, YES,
)

MAX_ROWS = 5000
MAX_COLS = 60
_BY_WORD = {
    "rounding": {v: k for k, v in ROUNDING.items()},
    "direction": {v: k for k, v in DIRECTION.items()},
    "compare": {v: k for k, v in COMPARE.items()} | {"<=": "le", ">=": "ge"},
}


class AuthoringError(Exception):
    """The workbook is not an authoring workbook (no 细则 sheet, no 类型 column…)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class AuthoringData:
    data: dict[str, Any]
    cells: dict[str, str] = field(default_factory=dict)  # rubric path → 'sheet'!A1
    problems: list[tuple[str, str]] = field(default_factory=list)  # (cell, message) found while reading


def read_authoring(path: Path) -> AuthoringData:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(str(path), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged package
        raise AuthoringError(f"{type(exc).__name__}: {exc}"[:200]) from None
    if SHEET not in workbook.sheetnames:
        raise AuthoringError(f"没有名为“{SHEET}”的工作表,不是考核细则制作表(可用 xlscore rubric template 生成空白表)")
    out = AuthoringData({})
    if INFO_SHEET in workbook.sheetnames:
        out.data.update(_info(workbook[INFO_SHEET], out.cells))
    out.cells["sections"] = f"'{SHEET}'!A2"
    if CORRECTIONS_SHEET in workbook.sheetnames:
        out.data["corrections"] = _corrections(workbook[CORRECTIONS_SHEET])
    _rows(workbook[SHEET], out)
    return out


def _corrections(sheet: Any) -> list[dict[str, Any]]:
    found = []
    keys = [key for key, _ in CORRECTION_HEADERS]
    for row in sheet.iter_rows(min_row=2, max_row=min(sheet.max_row, MAX_ROWS), max_col=len(keys), values_only=True):
        if any(v is not None for v in row):
            entry = {key: ("" if v is None else str(v)) for key, v in zip(keys, row)}
            if not entry["why"]:
                entry.pop("why")
            found.append(entry)
    return found


def _info(sheet: Any, cells: dict[str, str]) -> dict[str, Any]:
    labels = {label: key for key, label, _ in INFO_ROWS}
    data: dict[str, Any] = {}
    for r, row in enumerate(sheet.iter_rows(min_row=2, max_row=min(sheet.max_row, 200), max_col=2, values_only=True), 2):
        label, value = (str(row[0]).strip() if row[0] is not None else ""), row[1]
        if label in labels:
            cells[labels[label]] = f"'{sheet.title}'!B{r}"
        if value is None or str(value).strip() == "":
            continue
        if label in labels and labels[label] == "exemption_policy":
            words = {v: k for k, v in EXEMPTION_POLICY.items()}
            data["exemption_policy"] = words.get(str(value).strip(), str(value).strip())
        elif label in labels:
            data[labels[label]] = str(value).strip()
        elif label.startswith("变量:"):
            data.setdefault("vars", {})[label[3:]] = str(value)
    return data


def _rows(sheet: Any, out: AuthoringData) -> None:
    from openpyxl.utils import get_column_letter

    n_cols = min(sheet.max_column, MAX_COLS)
    header = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=1, max_col=n_cols))]
    wanted = {c.header: c.key for c in COLUMNS}
    col = {wanted[str(h).strip()]: i for i, h in enumerate(header) if h is not None and str(h).strip() in wanted}
    if "type" not in col:
        raise AuthoringError(f"工作表“{SHEET}”第1行没有“类型”列;请勿改动表头")
    builder = _Builder(out, sheet.title, {k: get_column_letter(i + 1) for k, i in col.items()})
    for r, row in enumerate(sheet.iter_rows(min_row=2, max_row=min(sheet.max_row, MAX_ROWS), max_col=n_cols, values_only=True), start=2):
        values = {key: _clean(row[i]) for key, i in col.items() if i < len(row)}
        if any(v is not None for v in values.values()):
            builder.row(r, values)
    out.data["sections"] = builder.sections


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


class _Builder:
    def __init__(self, out: AuthoringData, sheet: str, letters: dict[str, str]) -> None:
        self.out, self.sheet, self.letters = out, sheet, letters
        self.sections: list[dict[str, Any]] = []
        self.group: dict[str, Any] | None = None
        self.item: dict[str, Any] | None = None
        self.path = ""

    def at(self, key: str, r: int) -> str:
        return f"'{self.sheet}'!{self.letters.get(key, self.letters['type'])}{r}"

    def row(self, r: int, v: dict[str, Any]) -> None:
        kind = v.get("type")
        if kind in (SECTION, SECTION_INCOMPLETE):
            self._section(r, v, kind == SECTION_INCOMPLETE)
        elif kind == GROUP:
            self._group(r, v)
        elif kind in LABEL_KINDS or kind in LABEL_KINDS.values():
            self._rule(r, v, LABEL_KINDS.get(kind, kind))
        else:
            message = "类型为空;请从下拉列表选择" if kind is None else f"未知的类型“{kind}”;请从下拉列表选择"
            self.out.problems.append((self.at("type", r), message))

    def _section(self, r: int, v: dict[str, Any], incomplete: bool) -> None:
        section: dict[str, Any] = {"id": _text(v.get("no")) or str(len(self.sections) + 1), "title": _text(v.get("name")),
                                   "total": _number(v.get("score")), "items": []}
        if incomplete:
            section["incomplete"] = True
        if v.get("notes"):
            section["note"] = _text(v["notes"])
        self.sections.append(section)
        self.path = f"sections[{len(self.sections) - 1}]"
        self._locate(self.path, r, {"id": "no", "title": "name", "total": "score", "note": "notes"})
        self.group = self.item = None

    def _group(self, r: int, v: dict[str, Any]) -> None:
        section = self._current_section(r)
        self.group = {"no": _text(v.get("no")), "name": _text(v.get("name")), "total": _number(v.get("score")), "items": []}
        section["items"].append(self.group)
        self._locate(f"{self.path}.items[{len(section['items']) - 1}]", r, {"no": "no", "name": "name", "total": "score"})
        self.item = None

    def _rule(self, r: int, v: dict[str, Any], kind: str) -> None:
        if v.get("no") is not None or self.item is None:
            self._item(r, v)
        rule = _rule(v, kind)
        assert self.item is not None
        self.item["rules"].append(rule)
        rule_path = f"{self.item_path}.rules[{len(self.item['rules']) - 1}]"
        self._locate(rule_path, r, {k: k for k in ("clause", "points", "unit", "cap", "min", "max", "elements", "target", "step",
                                                   "rounding", "direction", "compare", "limit", "monthly", "of_sample", "review")})
        if kind == "bonus":
            self._locate(rule_path, r, {"points": "bonus"})
        self._locate(rule_path, r, {"type": "type", "sample": "rule_sample_min"})

    def _item(self, r: int, v: dict[str, Any]) -> None:
        section = self._current_section(r)
        no = _text(v.get("no"))
        if self.group is not None and no and not no.startswith(f"{self.group['no']}."):
            self.group = None
        item: dict[str, Any] = {"no": no, "content": _text(v.get("content")), "score": _number(v.get("score")),
                                "text": _text(v.get("text")) or _text(v.get("clause")), "rules": []}
        if v.get("name") is not None:
            item["name"] = _text(v["name"])
        if v.get("sample_min") is not None or v.get("sample_unit") is not None:
            item["sample"] = {"min": _number(v.get("sample_min")), "unit": _text(v.get("sample_unit"))}
        if v.get("exemption"):
            item["exemption"] = {"condition": _text(v["exemption"])}
        if v.get("notes"):
            item["notes"] = [line for line in _text(v["notes"]).split("\n") if line.strip()]
        container = self.group["items"] if self.group is not None else section["items"]
        container.append(item)
        self.item = item
        base = f"{self.path}.items[{len(section['items']) - 1}]"
        self.item_path = f"{base}.items[{len(container) - 1}]" if self.group is not None else base
        self._locate(self.item_path, r, {"no": "no", "name": "name", "content": "content", "score": "score",
                                         "text": "text", "sample": "sample_min", "exemption": "exemption", "notes": "notes"})

    def _current_section(self, r: int) -> dict[str, Any]:
        if not self.sections:
            self.out.problems.append((self.at("type", r), "第一条规则之前没有“部分”行;请在表首加一行类型为“部分”的行"))
            self._section(r, {"name": "(未命名)", "score": None}, False)
        return self.sections[-1]

    def _locate(self, path: str, r: int, keys: dict[str, str]) -> None:
        self.out.cells.setdefault(path, self.at("type", r))
        for field_name, column in keys.items():
            if column in self.letters:
                self.out.cells[f"{path}.{field_name}"] = self.at(column, r)


def _rule(v: dict[str, Any], kind: str) -> dict[str, Any]:
    rule: dict[str, Any] = {"type": kind, "clause": _text(v.get("clause")) or _text(v.get("text")) or ""}
    for key in ("points", "target", "step", "limit", "cap", "min", "max"):
        if v.get(key) is not None:
            rule[key] = _number(v[key])
    if kind == "bonus" and v.get("bonus") is not None:
        rule["points"] = _number(v["bonus"])
    if v.get("unit") is not None:
        rule["unit"] = _text(v["unit"])
    if kind == "threshold_zero_out" and v.get("limit_unit") is not None:
        rule["unit"] = _text(v["limit_unit"])
    if v.get("elements") is not None:
        rule["elements"] = [e.strip() for e in re.split(r"[、,,;;\n]", _text(v["elements"])) if e.strip()]
    for key in ("rounding", "direction", "compare"):
        if v.get(key) is not None:
            word = _text(v[key])
            rule[key] = _BY_WORD[key].get(word, word)
    for key in ("monthly", "of_sample"):
        if v.get(key) is not None:
            rule[key] = _text(v[key]) in (YES, "TRUE", "True", "true", "Y", "y", "√")
    if v.get("rule_sample_min") is not None or v.get("rule_sample_unit") is not None:
        rule["sample"] = {"min": _number(v.get("rule_sample_min")), "unit": _text(v.get("rule_sample_unit"))}
    if v.get("review"):
        rule["review"] = _text(v["review"])
    return rule


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: Any) -> Any:
    """A number cell as Decimal; text such as ``15分``/``１５`` normalised; anything else left for validation."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    from xlscore.rubric.importer.numbers import to_decimal

    found = to_decimal(str(value))
    if found is not None:
        return found
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return str(value)
