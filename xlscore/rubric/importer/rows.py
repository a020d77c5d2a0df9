"""Rows of a rubric table → sections, groups and items, still as text (no clause parsing here).

What a row is, decided in this order: blank (spacer), a repeated header, a 小计/合计 row, a
section heading (``客户服务中心(400分)``), a note (``注:…``), a group heading (序号 ``1`` with no
评分规定, its items ``1.1``…), a continuation of the item above (序号 and 标准分 merged from
above, another 评分规定), or an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xlscore.rubric.importer.header import POINTS_IN, Header, role_of
from xlscore.rubric.importer.tables import Grid, fold

TOTAL_WORDS = ("小计", "合计", "总计", "总分", "共计", "累计")
NOTE_WORDS = ("注", "说明", "备注", "附注", "附:", "*")
SECTION_SCORE = re.compile(r"[((]\s*(?:满分|共|计|总分|标准分)?\s*(\d+(?:\.\d+)?)\s*分\s*[))]\s*$")
SECTION_PREFIX = re.compile(r"^(第[一二三四五六七八九十\d]+(部分|章|篇)|[一二三四五六七八九十]+[、.])")


@dataclass
class Place:
    """Where something is, for messages: the row as a whole and, if known, the cell."""

    row: str
    cell: str = ""

    def __str__(self) -> str:
        return self.cell or self.row


@dataclass
class TextPart:
    text: str
    place: Place


@dataclass
class RawItem:
    no: str
    name: str | None
    content: str
    score: str
    place: Place
    score_place: Place
    texts: list[TextPart] = field(default_factory=list)
    name_origin: tuple[int, int] | None = None  # the 项目 cell, to tell a shared (merged) name
    shared_score: list[Place] = field(default_factory=list)  # rows of other contents under this 标准分


@dataclass
class RawGroup:
    no: str
    name: str
    total: str
    place: Place
    items: list[RawItem] = field(default_factory=list)
    declared_totals: list[tuple[str, Place]] = field(default_factory=list)


@dataclass
class RawSection:
    title: str
    total: str | None
    place: Place | None
    entries: list[RawItem | RawGroup] = field(default_factory=list)
    declared_totals: list[tuple[str, Place]] = field(default_factory=list)


@dataclass
class RawTable:
    """What the rows of one or more grids hold."""

    sections: list[RawSection]
    title_lines: list[str]
    notes: list[TextPart] = field(default_factory=list)
    skipped: list[TextPart] = field(default_factory=list)


def section_heading(text: str) -> tuple[str, str | None] | None:
    """(title, declared total) if ``text`` reads as a section heading, else None."""
    line = fold(text)
    if not line or len(line) > 40:
        return None
    found = SECTION_SCORE.search(line)
    if found:
        return text.strip()[: len(text.strip()) - len(found.group(0))].strip() or text.strip(), found.group(1)
    if SECTION_PREFIX.match(line) and not re.search(r"扣\d|不得分", line):
        return text.strip(), None
    return None


class RowReader:
    """Walks the rows of the rubric grids in order, keeping the current section, group and item."""

    def __init__(self) -> None:
        self.table = RawTable([RawSection("", None, None)], [])
        self.group: RawGroup | None = None
        self.item: RawItem | None = None

    @property
    def section(self) -> RawSection:
        return self.table.sections[-1]

    def read(self, grid: Grid, header: Header) -> None:
        for r in range(header.row):
            self.table.title_lines += [c.text for c in _distinct(grid, r) if c.text]
        for line in grid.title_lines:
            heading = section_heading(line)
            if heading is not None and self.table.sections[-1].entries:
                self._start_section(heading, Place(f"{grid.name}之前"))
            elif heading is not None and not self.table.sections[-1].entries:
                self.section.title, self.section.total = heading
                self.section.place = Place(f"{grid.name}之前")
        self.table.title_lines = grid.title_lines + self.table.title_lines
        header_texts = [fold(t) for t in header.texts]
        for r in range(header.row + 1, len(grid.rows)):
            self._row(grid, header, r, header_texts)

    # --- one row -------------------------------------------------------------------------------
    def _row(self, grid: Grid, header: Header, r: int, header_texts: list[str]) -> None:
        cells = _distinct(grid, r)
        fresh = [c for c in cells if c.origin[0] == r and c.text]
        if not fresh:
            return  # a spacer row, or only cells merged from above
        texts = [fold(c.text) for c in fresh]
        place = Place(grid.where_row(r))
        if texts == header_texts[: len(texts)] or sum(role_of(c.text) is not None for c in fresh) >= 3:
            return  # the header repeated after a page break
        if any(t.startswith(TOTAL_WORDS) for t in texts):
            self._total_row(grid, header, r, place)
            return
        inside = any(c.origin[0] < r and c.text for c in cells)  # a cell merged from above: the row is in an item
        if not inside and (len(fresh) == 1 or len({c.origin for c in cells if c.text}) == 1):
            if self._lone_text(fresh[0].text, place):
                return
        self._scored_row(grid, header, r, place)

    def _lone_text(self, text: str, place: Place) -> bool:
        """A row with one text across the table: a section heading or a note. False: read it as an item row."""
        heading = section_heading(text)
        if heading is not None:
            self._start_section(heading, place)
            return True
        if fold(text).startswith(NOTE_WORDS) or len(fold(text)) > 40:
            self.table.notes.append(TextPart(text, place))
            return True
        return False

    def _start_section(self, heading: tuple[str, str | None], place: Place) -> None:
        if self.section.entries or self.section.title:
            self.table.sections.append(RawSection("", None, None))
        self.section.title, self.section.total = heading
        self.section.place = place
        self.group, self.item = None, None

    def _total_row(self, grid: Grid, header: Header, r: int, place: Place) -> None:
        score = grid.cell(r, header.columns.get("score"))
        value = score.text if score is not None and grid.fresh(r, header.columns.get("score")) else ""
        if not re.search(r"\d", fold(value)):
            value = next((m.group(0) for c in _distinct(grid, r) for m in [re.search(r"\d+(\.\d+)?", fold(c.text))] if m), "")
        label = next((fold(c.text) for c in _distinct(grid, r) if c.text), "")
        target = self.group if self.group is not None and label.startswith("小计") else self.section
        if value:
            target.declared_totals.append((value, Place(place.row, score.where if score else "")))
        self.group, self.item = None, None

    def _scored_row(self, grid: Grid, header: Header, r: int, place: Place) -> None:
        col = header.columns
        get = lambda role: grid.cell(r, col.get(role))  # noqa: E731
        text_cell, no_cell, score_cell = get("text"), get("no"), get("score")
        has_text = text_cell is not None and grid.fresh(r, col.get("text")) and not text_cell.blank()
        new_no = no_cell is not None and grid.fresh(r, col.get("no")) and not no_cell.blank()
        new_score = score_cell is not None and grid.fresh(r, col.get("score")) and not score_cell.blank()
        content = get("content")
        fresh_content = col.get("content") != col.get("text") and content is not None \
            and grid.fresh(r, col.get("content")) and not content.blank()
        bare = has_text and fresh_content and text_cell is not None and content is not None \
            and amount_clause(content.text, text_cell.text)
        if has_text and self.item is not None and not new_no and not new_score:
            self.item.texts.append(TextPart(bare or text_cell.text, Place(place.row, text_cell.where)))
            if fresh_content and not bare:
                self.item.shared_score.append(place)  # another content under the same 标准分 cell
            return
        name_cell, content_cell = get("name"), get("content")
        name_fresh = name_cell is not None and grid.fresh(r, col.get("name"))
        no = no_cell.text.strip() if new_no and no_cell else ""
        if not has_text and not (content_cell is not None and grid.fresh(r, col.get("content")) and content_cell.text):
            if no or (name_fresh and name_cell and name_cell.text):
                self._group_row(no, name_cell.text if name_fresh and name_cell else "", score_cell, new_score, place)
                return
        item = RawItem(
            no=no,
            name=name_cell.text if name_fresh and name_cell and name_cell.text else None,
            content=content_cell.text if content_cell is not None and grid.fresh(r, col.get("content")) else "",
            score=_score_text(score_cell.text, header) if new_score and score_cell else "",
            place=place,
            score_place=Place(place.row, score_cell.where if score_cell else ""),
            name_origin=name_cell.origin if name_cell is not None else None,
        )
        method = get("method")
        if method is not None and grid.fresh(r, col.get("method")) and not method.blank():
            item.texts.append(TextPart(method.text, Place(place.row, method.where)))  # 随机抽查…10张: the sample
        if has_text and text_cell is not None:
            item.texts.append(TextPart(bare or text_cell.text, Place(place.row, text_cell.where)))
        if bare and item.name:
            item.content = ""  # the defect went into the clause: the item is its 项目
        if not name_fresh and name_cell is not None and name_cell.text:
            item.name = None  # 项目 merged from the row above: the group's name, not the item's
        if header.points_in_text and item.name is None and score_cell is not None and new_score \
                and col.get("score") != col.get("content"):
            item.name = score_cell.text  # B1计划(1分): the cell with the points names the item
        self._add_item(item)

    def _group_row(self, no: str, name: str, score_cell, new_score: bool, place: Place) -> None:  # type: ignore[no-untyped-def]
        total = score_cell.text if new_score and score_cell else ""
        if re.fullmatch(r"[一二三四五六七八九十]+[、.]?", fold(no)) and name:
            self._start_section((name.strip(), total or None), place)  # 一 | 安全生产管理 | 320: a part
            return
        self.group = RawGroup(no, name, total, Place(place.row, score_cell.where if score_cell else ""))
        self.section.entries.append(self.group)
        self.item = None

    def _add_item(self, item: RawItem) -> None:
        group = self.group
        if group is not None and not _belongs(item.no, group.no):
            group = self.group = None
        if group is not None:
            group.items.append(item)
        else:
            self.section.entries.append(item)
        self.item = item


#: A rule cell holding only the amount (``1``, ``0.5/项``, ``2分``) or a grade (``乙级``) of the defect beside it.
BARE_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?)分?(/[^\d/]{1,3})?$")
GRADE = re.compile(r"^[甲乙丙丁]级$")


def amount_clause(defect: str, text: str) -> str:
    """``缺质量控制医师签名`` + ``1`` → ``缺质量控制医师签名,扣1分``; "" when ``text`` is a rule of its own."""
    key = fold(text)
    found = BARE_AMOUNT.match(key)
    if found:
        return f"{defect.strip()},扣{found.group(1)}分{found.group(2) or ''}"
    if GRADE.match(key):
        return f"{defect.strip()}:{key}"
    return ""


def _score_text(text: str, header: Header) -> str:
    """The 标准分 as printed; from ``门窗墙壁(10分)`` when the points are written in the cell."""
    if not header.points_in_text:
        return text
    found = POINTS_IN.search(fold(text))
    return found.group(1) if found else text


def _belongs(no: str, group_no: str) -> bool:
    """Whether item 序号 ``no`` sits under group ``group_no`` (``1.3`` under ``1``; an unnumbered row stays)."""
    key = fold(no)
    return not key or not group_no or key.startswith(fold(group_no) + ".")


def _distinct(grid: Grid, r: int):  # type: ignore[no-untyped-def]
    """The row's cells, a cell merged across columns once."""
    seen = set()
    out = []
    for cell in grid.rows[r]:
        if cell.origin not in seen:
            seen.add(cell.origin)
            out.append(cell)
    return out
