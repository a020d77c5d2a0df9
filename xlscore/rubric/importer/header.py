"""Find the header row of a rubric table and which column holds what, by the names offices use."""

from __future__ import annotations

import re
from dataclasses import dataclass

from xlscore.rubric.importer.tables import Grid, fold

#: Column role → header names, most specific first. Matching is on folded text (NFKC, no spaces),
#: after dropping a parenthesised remark such as ``标准分(分)``.
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "no": ("序号", "编号", "项次", "条款号", "序"),
    "name": ("项目", "考核项目", "评价项目", "检查项目", "考核项", "项目名称", "类别", "考核类别", "内容类别"),
    "content": ("考核内容", "考核标准", "考核要求", "工作标准", "检查内容", "评价内容", "内容", "标准要求",
                "工作要求", "考评内容", "检查标准", "评价标准内容", "质量要求"),
    "score": ("标准分", "分值", "分数", "满分", "标准分值", "配分", "标准得分", "基本分", "应得分", "分"),
    "text": ("评分规定", "评分标准", "考核办法", "扣分标准", "评分办法", "评分细则", "扣分办法", "考核细则",
             "评分方法", "扣分细则", "考核评分标准", "评分说明", "扣分说明", "考核方法", "评分规则", "扣分规定"),
}
#: Roles whose header, when only contained in a longer name, still counts (``考核内容及要求``).
CONTAINS = {
    "text": ("评分", "扣分标准", "扣分办法", "考核办法"),
    "score": ("标准分", "分值"),
    "content": ("考核内容", "考核标准", "考核要求"),
}
#: Columns filled in by the assessors, never part of the rubric.
IGNORED = ("自查", "考评", "得分", "实得", "扣分", "备注", "检查记录", "存在问题", "评分人", "说明")
HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class Header:
    row: int
    columns: dict[str, int]  # role → 0-based column
    texts: list[str]  # the header row's texts, for messages


def role_of(text: str) -> str | None:
    """The column role a header text names, or None."""
    key = re.sub(r"\(.*?\)", "", fold(text))
    if not key:
        return None
    for role, names in ROLE_NAMES.items():
        if key in names:
            return role
    if any(key.startswith(word) for word in IGNORED):
        return None
    for role, words in CONTAINS.items():
        if any(word in key for word in words):
            return role
    return None


def find_header(grid: Grid) -> Header | None:
    """The first row (of the first 30) naming both a score and a rule column; None if there is none."""
    best: Header | None = None
    for r in range(min(len(grid.rows), HEADER_SCAN_ROWS)):
        columns: dict[str, int] = {}
        for c, cell in enumerate(grid.rows[r]):
            if cell.origin[1] != c:  # a header merged across columns counts once, at its first column
                continue
            role = role_of(cell.text)
            if role is not None and role not in columns:
                columns[role] = c
        texts = [cell.text for c, cell in enumerate(grid.rows[r]) if cell.origin[1] == c and cell.text]
        if "score" in columns and "text" in columns:
            return Header(r, columns, texts)
        if best is None and len(columns) >= 2 and ("text" in columns or "score" in columns):
            best = Header(r, columns, texts)
    return best
