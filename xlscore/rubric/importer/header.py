"""Find the header row of a rubric table and which column holds what: by the names offices use, then
by what the columns hold.

A header name settles most columns. Where it does not — a column called only 标准, 考核标准 or
评定标准 may hold the requirements or the deductions; two columns may both be called 分值 — the body
decides: the rule column is the one whose cells state deductions (``扣N分``, ``—N分``, ``不得分``),
the score column the one whose cells are numbers. Result columns (得分, 扣减分数, 实得分数, 备注…)
are never taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xlscore.rubric.importer.tables import Grid, fold

#: Column role → header names, most specific first. Matching is on folded text (NFKC, no spaces),
#: after dropping a parenthesised remark such as ``标准分(分)``.
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "no": ("序号", "编号", "项次", "条款号", "序"),
    "name": ("项目", "考核项目", "评价项目", "检查项目", "考核项", "项目名称", "类别", "考核类别", "内容类别",
             "具体检查项目", "考评项目", "细则", "考核细项", "检查细项"),
    "content": ("考核内容", "考核要求", "工作标准", "检查内容", "评价内容", "内容", "标准要求", "工作内容",
                "工作要求", "考评内容", "评价标准内容", "质量要求", "标准内容", "项目内容", "检查要求", "达标标准",
                "基本要求", "评价要求", "考核内容及要求", "考评内容及要求"),
    "score": ("标准分", "分值", "分数", "满分", "标准分值", "配分", "标准得分", "基本分", "应得分", "分", "应得分数",
              "权重分", "标准分数", "基准分", "权重"),
    "text": ("评分规定", "评分标准", "考核办法", "扣分标准", "评分办法", "评分细则", "扣分办法", "考核细则",
             "评分方法", "扣分细则", "考核评分标准", "评分说明", "扣分说明", "考核方法", "评分规则", "扣分规定",
             "考评标准", "考评办法", "计分办法", "计分标准", "扣分点", "扣分项", "扣分内容", "扣分要点"),
    #: how the assessor checks (``随机抽查…10张``): where a sample is printed
    "method": ("考核方式", "检查方式", "考评方式", "抽查方式"),
    #: names that may be the requirements or the deductions: the body decides (see :func:`_resolve`)
    "either": ("考核标准", "检查标准", "评定标准", "评估标准", "标准", "检查要点", "评价标准", "考核要点",
               "检查方法", "评价办法"),
}
#: Roles whose header, when only contained in a longer name, still counts (``考核内容及要求``).
CONTAINS = {
    "text": ("评分", "扣分标准", "扣分办法", "考核办法"),
    "score": ("标准分", "分值"),
    "content": ("考核内容", "考核要求", "检查内容", "工作内容", "内容"),
    "either": ("考核标准", "检查标准"),
    "name": ("项目",),
}
#: Columns filled in by the assessors, never part of the rubric.
IGNORED = ("自查", "自评", "考评", "得分", "实得", "扣分", "扣减", "备注", "检查记录", "检查情况", "存在问题", "评分人",
           "说明", "评定", "考核分", "改进", "小计")
HEADER_SCAN_ROWS = 30
#: A cell that states a deduction (or an award or zero-out): what a rule column holds.
DEDUCTS = re.compile(r"扣[除减]?[\d零一二两三四五六七八九十半]|[-—–]\d+(\.\d+)?分|减\d|不得分|[计记得]0分|一票否决")
SCORE_CELL = re.compile(r"^\d+(\.\d+)?分?$")
#: Points written at the end of a name or content cell: ``门窗墙壁(10分)``, ``…制度上墙。(2.5)``.
POINTS_IN = re.compile(r"[(]\s*(?:满分|共|计)?(\d+(?:\.\d+)?)\s*分?\s*[)][。.;]?$")
#: Share of a column's non-blank body cells that must state deductions for it to be the rule column.
RULE_SHARE = 0.5


@dataclass(frozen=True)
class Header:
    row: int
    columns: dict[str, int]  # role → 0-based column
    texts: list[str]  # the header row's texts, for messages
    by_content: tuple[str, ...] = ()  # roles decided by what the column holds, not by its name
    points_in_text: bool = False  # the score column is a name or content cell ending in ``(N分)``


def role_of(text: str) -> str | None:
    """The column role a header text names (``either`` when the body must decide), or None."""
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
    """The first row (of the first 30) giving both a score and a rule column; else the best partial one."""
    best: Header | None = None
    for r in range(min(len(grid.rows), HEADER_SCAN_ROWS)):
        named = _named(grid, r)
        if not named or len({c.origin for c in grid.rows[r] if c.text}) < 2:
            continue
        header = _resolve(grid, r, named)
        if "score" in header.columns and "text" in header.columns:
            return header
        if len(named) < 2 or not set(named.values()) & {"text", "score", "either", "content"}:
            continue
        if best is None and len(header.columns) >= 2 and ("text" in header.columns or "score" in header.columns):
            best = header
    return best


def _named(grid: Grid, r: int) -> dict[int, str]:
    """Column → role its header names. A header merged across columns names its last column; the
    columns before it hold the group names (``检查项目`` over 保证项目 | 安全生产责任制)."""
    named: dict[int, str] = {}
    row = grid.rows[r]
    for c, cell in enumerate(row):
        if cell.origin[1] != c or cell.origin[0] != r and r > 0 and grid.rows[r - 1][c].origin == cell.origin:
            continue
        role = role_of(cell.text)
        if role is None:
            continue
        last = c
        while last + 1 < len(row) and row[last + 1].origin == cell.origin:
            last += 1
        if last > c and role in ("name", "content", "either"):
            named[c] = "name"
            named[last] = "content" if role == "name" else role
        else:
            named[c] = role
    return named


def _resolve(grid: Grid, r: int, named: dict[int, str]) -> Header:
    """Roles from names, then the body's say where names leave a role open or claim it twice."""
    columns: dict[str, int] = {}
    by_content: list[str] = []
    body = _body(grid, r)
    either = [c for c, role in named.items() if role == "either"]
    for c, role in sorted(named.items()):
        if role not in ("either", "score") and role not in columns:
            columns[role] = c
    scores = [c for c, role in sorted(named.items()) if role == "score"]
    if scores:
        columns["score"] = next((c for c in scores if _share(body, c, SCORE_CELL.match) >= RULE_SHARE), scores[0])
    if "text" not in columns:
        candidates = either + [c for c in (columns.get("content"),) if c is not None]
        unnamed = [c for c in range(len(grid.rows[r])) if c not in named and grid.rows[r][c].origin[1] == c]
        for c in candidates + unnamed:
            if _share(body, c, DEDUCTS.search) >= RULE_SHARE:
                columns["text"] = c  # the content column too, when it states its deductions itself
                by_content.append("text")
                break
    for c in either:
        if c != columns.get("text") and "content" not in columns:
            columns["content"] = c
    if "score" not in columns:
        taken = set(columns.values()) | {c for c, role in named.items() if role == "score"}
        for c in range(len(grid.rows[r])):
            if c not in taken and _share(body, c, SCORE_CELL.match) >= 0.8:
                columns["score"] = c
                by_content.append("score")
                break
    points_in = False
    if "score" not in columns:
        points_in = _points_column(body, columns)
        if points_in is not None:
            columns["score"] = points_in
            by_content.append("score")
    texts = [cell.text for c, cell in enumerate(grid.rows[r]) if cell.origin[1] == c and cell.text]
    return Header(r, columns, texts, tuple(by_content), points_in is not None and points_in is not False)


def _points_column(body: list[list[str]], columns: dict[str, int]) -> int | None:
    """The column whose cells end in ``(N分)`` — the finest one, when a group column does too."""
    best, most = None, 0
    for c in range(max((len(row) for row in body), default=0)):
        if c == columns.get("text") or _share(body, c, POINTS_IN.search) < RULE_SHARE:
            continue
        count = sum(1 for row in body if c < len(row) and row[c])
        if count > most:
            best, most = c, count
    return best


def _body(grid: Grid, r: int) -> list[list[str]]:
    """The folded texts of the rows below the header (a merged cell once, at its first row)."""
    out = []
    for row_index in range(r + 1, min(len(grid.rows), r + 1 + 200)):
        if len({cell.origin for cell in grid.rows[row_index]}) == 1:
            continue  # a note or title merged across the table
        out.append([fold(cell.text) if cell.origin == (row_index, c) or cell.origin[0] == row_index else ""
                    for c, cell in enumerate(grid.rows[row_index])])
    return out


def _share(body: list[list[str]], c: int, test) -> float:  # type: ignore[no-untyped-def]
    """Share of the column's non-blank body cells that pass ``test``."""
    cells = [row[c] for row in body if c < len(row) and row[c]]
    return sum(bool(test(text)) for text in cells) / len(cells) if cells else 0.0
