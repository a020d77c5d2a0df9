"""What an import did, in a few lines: items and clauses read, reviews by reason, and which column was
taken as what (so that a wrong guess shows at once). The CLI only prints these lines."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from xlscore.i18n import fmt, pick
from xlscore.rubric.importer.header import Header
from xlscore.rubric.importer.notes import place_text
from xlscore.rubric.importer.tables import Grid

ROLE_LABELS = {
    "no": {"zh": "序号", "en": "序号"},
    "name": {"zh": "项目", "en": "item name"},
    "content": {"zh": "考核内容", "en": "考核内容"},
    "score": {"zh": "标准分", "en": "标准分"},
    "text": {"zh": "评分规定", "en": "评分规定"},
    "method": {"zh": "考核方式(抽查数)", "en": "how sampled"},
}
ROLE_ORDER = ("no", "name", "content", "score", "text", "method")
MESSAGES = {
    "read": {"zh": "读取:{items} 个评分项,{rules} 条规则;其中 {reviews} 条待核对。",
             "en": "read: {items} items, {rules} rules; {reviews} of them to review."},
    "reason": {"zh": "  待核对 {count} 处:{reason}", "en": "  to review, {count}: {reason}"},
    "columns": {"zh": "{table} 的列:{columns}", "en": "columns of {table}: {columns}"},
    "column": {"zh": "{role} ← “{header}”({where}){how}", "en": "{role} ← “{header}” ({where}){how}"},
    "by_content": {"zh": "[按内容判断]", "en": " [judged by its cells]"},
    "no_header": {"zh": "(无表头)", "en": "(no header)"},
    "missing": {"zh": "{role} ← 无", "en": "{role} ← none"},
}
#: Short names of the review reasons (keys of :data:`~.notes.NOTES`); others show their key.
REASONS = {
    "unrecognised": {"zh": "未识别的扣分方式", "en": "way of deducting not recognised"},
    "cap_not_expressible": {"zh": "无法表达的扣分上限", "en": "a cap the rule kind cannot hold"},
    "veto": {"zh": "一票否决", "en": "veto (一票否决)"},
    "range_unreadable": {"zh": "扣分范围无法读取", "en": "range not readable"},
    "no_target": {"zh": "未写目标值", "en": "no target stated"},
    "target_from_text": {"zh": "目标值取自文中", "en": "target taken from the text"},
    "no_rounding": {"zh": "未写不足一档如何计", "en": "part steps not stated"},
    "list_from_clause": {"zh": "要素清单取自条款", "en": "elements taken from the clause"},
    "list_from_content": {"zh": "要素清单取自考核内容", "en": "elements taken from the content"},
    "no_list": {"zh": "缺要素清单", "en": "no list of elements"},
    "several_amounts": {"zh": "一句多个扣分值", "en": "several amounts in one sentence"},
    "unusual_unit": {"zh": "不常见的计数单位", "en": "unusual unit"},
    "one_measure": {"zh": "可能按次/天计", "en": "perhaps per occurrence or per day"},
    "no_rules": {"zh": "没有评分规定(人工评分)", "en": "no rules (scored by hand)"},
    "score_missing": {"zh": "没有标准分", "en": "no points"},
    "score_unreadable": {"zh": "标准分不是数字", "en": "points not a number"},
    "score_shared": {"zh": "多行内容共用一个标准分", "en": "contents sharing one score"},
    "grades": {"zh": "按等级给分", "en": "points by grade"},
    "award_conditions": {"zh": "得分条件有多项", "en": "an award for several conditions"},
    "judgement_without_bounds": {"zh": "酌情扣分未写范围", "en": "judgement without bounds"},
    "negative_points": {"zh": "允许负分", "en": "negative points allowed"},
    "allowance": {"zh": "先免扣一部分", "en": "a free allowance"},
    "two_units": {"zh": "两种计数单位", "en": "two units"},
    "sample_in_clause": {"zh": "条款中的抽查数", "en": "a sample inside a clause"},
    "sample_not_usable": {"zh": "条款自带抽查数", "en": "a clause's own sample"},
    "shortfall": {"zh": "低于下限的扣分", "en": "shortfall below a minimum"},
    "bonus_without_cap": {"zh": "加分未写上限", "en": "bonus without a cap"},
    "bonus_once": {"zh": "加分次数未写", "en": "bonus count not stated"},
}


@dataclass(frozen=True)
class ColumnUse:
    """One column taken for a role: the table, the role, its header text and place, and how it was decided."""

    table: str
    role: str
    header: str
    where: str
    by_content: bool


def column_uses(grid: Grid, header: Header) -> list[ColumnUse]:
    out = []
    for role in ROLE_ORDER:
        c = header.columns.get(role)
        cell = grid.cell(header.row, c)
        if c is None or cell is None:
            continue
        out.append(ColumnUse(grid.name, role, cell.text.replace("\n", ""), cell.where, role in header.by_content))
    return out


def summary_lines(items: list[dict], reasons: list[str], columns: list[ColumnUse], lang: str) -> list[str]:
    """The summary: counts, reviews by reason (most first), and the columns of each table."""
    reviews = sum(1 for i in items for r in i["rules"] if r.get("review")) + sum(1 for i in items if i.get("review"))
    lines = [fmt(pick(MESSAGES["read"], lang), {"items": len(items), "rules": sum(len(i["rules"]) for i in items),
                                                "reviews": reviews})]
    for key, count in Counter(reasons).most_common():
        reason = pick(REASONS[key], lang) if key in REASONS else key
        lines.append(fmt(pick(MESSAGES["reason"], lang), {"count": count, "reason": reason}))
    tables: dict[str, list[ColumnUse]] = {}
    for use in columns:
        tables.setdefault(use.table, []).append(use)
    for table, uses in tables.items():
        taken = {u.role for u in uses}
        parts = [fmt(pick(MESSAGES["column"], lang), {
            "role": pick(ROLE_LABELS[u.role], lang), "header": u.header, "where": place_text(u.where, lang),
            "how": pick(MESSAGES["by_content"], lang) if u.by_content else ""}) for u in uses]
        parts += [fmt(pick(MESSAGES["missing"], lang), {"role": pick(ROLE_LABELS[r], lang)})
                  for r in ("score", "text") if r not in taken]
        sep = "; " if lang == "en" else ";"
        name = re.sub(r"^表(\d+)$", r"table \1", table) if lang == "en" else table
        lines.append(fmt(pick(MESSAGES["columns"], lang), {"table": name, "columns": sep.join(parts)}))
    return lines
