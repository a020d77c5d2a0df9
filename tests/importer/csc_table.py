"""The shipped rubric's printed table (序号, 项目, 考核内容, 标准分, 评分规定), as rows for office_tables."""

from __future__ import annotations

import re

import yaml

from xlscore.rubric.loader import default_rubric_path


def _sub(text: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


def csc_data() -> dict:
    return yaml.safe_load(default_rubric_path().read_text(encoding="utf-8"))


def csc_rows(full_width: bool = False, breaks: bool = False) -> list[tuple]:
    """Rows of the printed table; ``full_width`` types some scores as ``１５``/``15分``, ``breaks`` puts each
    numbered clause of a 评分规定 on its own line, as people do in Word."""
    data = csc_data()
    values = data.get("vars", {})
    rows: list[tuple] = []
    for s_index, section in enumerate(data["sections"]):
        rows.append(("section", f"{_sub(section['title'], values)}({section['total']}分)"))
        for entry in section["items"]:
            if "items" in entry:
                rows.append(("group", entry["no"], _sub(entry["name"], values), entry["total"]))
                for item in entry["items"]:
                    rows.append(_item(item, values, full_width, breaks))
                rows.append(("total", "小计", entry["total"]))
                rows.append(("blank",))
            else:
                rows.append(_item(entry, values, full_width, breaks))
        if not section.get("incomplete"):
            rows.append(("total", "合计", section["total"]))
    rows.append(("note", "注:各项扣分扣完为止,不出现负分。"))
    return rows


def _item(item: dict, values: dict[str, str], full_width: bool, breaks: bool) -> tuple:
    score: object = item["score"]
    if full_width and item["no"].endswith(("1", "3")):
        score = str(score).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    elif full_width and item["no"].endswith("5"):
        score = f"{score}分"
    text = _sub(item["text"], values)
    if breaks:
        text = re.sub(r"(?<=[;。])(?=\d\.)", "\n", text)
    return ("item", item["no"], _sub(item.get("name") or "", values), _sub(item["content"], values), score, text)


def csc_rules() -> dict[str, list[dict]]:
    """序号 → the rules of csc.yaml (variables substituted), for comparison."""
    data = csc_data()
    values = data.get("vars", {})
    out = {}
    for section in data["sections"]:
        for entry in section["items"]:
            for item in entry.get("items", [entry]):
                rules = yaml.safe_load(_sub(yaml.safe_dump(item["rules"], allow_unicode=True), values))
                out[f"{section['id']}/{item['no']}"] = {"rules": rules, "sample": item.get("sample")}
    return out
