"""Write rubric tables the way offices make them, with python-docx and openpyxl (never the importer's code).

A table is a list of rows: ``("section", title)``, ``("group", no, name, score)``,
``("item", no, name, content, score, text)``, ``("total", label, score)``, ``("note", text)``,
``("blank",)``. Scores are written as given (``15``, ``"１５"``, ``"15分"``).
"""

from __future__ import annotations

from pathlib import Path

HEADER = ["序号", "项目", "考核内容", "标准分", "评分规定", "自查分", "考评分"]


def write_docx(path: Path, title: str, rows: list[tuple], header: list[str] | None = None,
               merge_groups: bool = False, above: list[str] | None = None) -> Path:
    """A Word document: a title paragraph, then one table; section and note rows merged across the table.

    With ``merge_groups`` the group row's 项目 cell is merged down over its items (as offices do).
    """
    import docx

    header = header or HEADER
    document = docx.Document()
    document.add_heading(title, level=1)
    for line in above or []:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    col = {name: i for i, name in enumerate(header)}
    group_cell = None
    for row in rows:
        cells = table.add_row().cells
        kind = row[0]
        if kind in ("section", "note"):
            merged = cells[0].merge(cells[-1])
            merged.text = row[1]
            group_cell = None
        elif kind == "total":
            cells[0].text, cells[_score_col(col)].text = row[1], str(row[2])
        elif kind == "group":
            _put(cells, col, no=row[1], name=row[2], score=row[3])
            group_cell = cells[col_of(col, "name")] if merge_groups else None
        elif kind == "item":
            _, no, name, content, score, text = row
            if group_cell is not None and "." in str(no):
                group_cell = group_cell.merge(cells[col_of(col, "name")])
                _put(cells, col, no=no, content=(f"{name}:{content}" if name else content), score=score, text=text)
            else:
                group_cell = None
                _put(cells, col, no=no, name=name or "", content=content, score=score, text=text)
    document.save(str(path))
    return path


def col_of(col: dict[str, int], role: str) -> int:
    names = {"no": ("序号", "编号"), "name": ("项目", "考核项目", "检查项目", "评价项目"),
             "content": ("考核内容", "考核标准", "检查内容", "评价内容"), "score": ("标准分", "分值", "分数"),
             "text": ("评分规定", "评分标准", "考核办法", "扣分标准", "评分方法")}
    return next(col[n] for n in names[role] if n in col)


def _score_col(col: dict[str, int]) -> int:
    return col_of(col, "score")


def _put(cells, col: dict[str, int], **values: object) -> None:  # type: ignore[no-untyped-def]
    for role, value in values.items():
        if value is not None and has(col, role):
            cells[col_of(col, role)].text = str(value)


def has(col: dict[str, int], role: str) -> bool:
    try:
        col_of(col, role)
    except StopIteration:
        return False
    return True


def write_xlsx(path: Path, title: str, rows: list[tuple], header: list[str] | None = None,
               merge_groups: bool = True, sheet: str = "考核细则") -> Path:
    """An Excel workbook: a merged title row, a blank row, the header, then the rows.

    Group rows are left out when ``merge_groups``: the group's name sits in 项目, merged over its items.
    """
    import openpyxl
    from openpyxl.styles import Alignment

    header = header or HEADER
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    width = len(header)
    ws.cell(1, 1, title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    for c, text in enumerate(header, start=1):
        ws.cell(3, c, text)
    col = {name: i + 1 for i, name in enumerate(header)}
    r = 4
    group: tuple[int, str] | None = None  # first row, name

    def close_group(last: int) -> None:
        nonlocal group
        if group is not None and last >= group[0]:
            c = col_of(col, "name")
            ws.cell(group[0], c, group[1])
            if last > group[0]:
                ws.merge_cells(start_row=group[0], start_column=c, end_row=last, end_column=c)
        group = None

    for row in rows:
        kind = row[0]
        if kind in ("section", "note"):
            close_group(r - 1)
            ws.cell(r, 1, row[1])
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        elif kind == "blank":
            pass
        elif kind == "total":
            close_group(r - 1)
            ws.cell(r, 1, row[1])
            ws.cell(r, col_of(col, "score"), row[2])
        elif kind == "group":
            close_group(r - 1)
            if merge_groups:
                group = (r, row[2])
                continue
            if has(col, "no"):
                ws.cell(r, col_of(col, "no"), row[1])
            ws.cell(r, col_of(col, "name"), row[2])
            ws.cell(r, col_of(col, "score"), row[3])
        elif kind == "item":
            _, no, name, content, score, text = row
            if group is not None and "." not in str(no):
                close_group(r - 1)
            if has(col, "no"):
                ws.cell(r, col_of(col, "no"), str(no))
            if group is not None:
                ws.cell(r, col_of(col, "content"), f"{name}:{content}" if name else content)
            else:
                ws.cell(r, col_of(col, "name"), name or None)
                ws.cell(r, col_of(col, "content"), content)
            if has(col, "score"):
                ws.cell(r, col_of(col, "score"), score)
            if has(col, "text"):
                ws.cell(r, col_of(col, "text"), text).alignment = Alignment(wrap_text=True)
        r += 1
    close_group(r - 1)
    workbook.save(str(path))
    return path
