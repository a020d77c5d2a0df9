"""A rule stated once for the whole table, in a 备注 row above or below it.

    备注:1、评分标准:检查标准内容有1项不符合,即扣该项全部标准分值;2、指标权重:…

In a table with no rule column, that clause is the rule of every item that has none of its own:
each becomes a zero-out of its item (as the clause says), not an item scored by hand.
"""

from __future__ import annotations

import re

from xlscore.rubric.importer.header import Header
from xlscore.rubric.importer.rows import Place, RawGroup, RawItem, RawTable, TextPart
from xlscore.rubric.importer.tables import Grid, fold

#: A clause taking the whole item's points: 扣该项全部标准分值, 扣除该项分值, 该项不得分.
WHOLE_ITEM = re.compile(r"扣除?(?:该|此|本)[项条]的?(?:全部|所有)?(?:标准)?分|(?:该|此|本)项不得分")
NOTE_START = re.compile(r"^(?:备注|注|说明)")
PART_LABEL = re.compile(r"^(?:(?:备注|注|说明)[::]?)?(?:\d+[、.．]|[(]\d+[)])?(?:评分标准|评分办法|扣分标准|评分规则)?[::]?")


def table_rule(grid: Grid, header: Header, table: RawTable) -> TextPart | None:
    """The whole-item clause of a 备注 row above the header or after the items; None when there is none."""
    above = [TextPart(cell.text, Place(grid.where_row(r), cell.where)) for r in range(header.row)
             for c, cell in enumerate(grid.rows[r]) if cell.origin == (r, c) and cell.text]
    for part in above + table.notes:
        if not NOTE_START.match(fold(part.text)):
            continue
        for piece in re.split(r"[;;。\n]|(?=\d+[、.．](?!\d))", part.text):
            clause = PART_LABEL.sub("", fold(piece))
            if WHOLE_ITEM.search(clause):
                if part in table.notes:
                    table.notes.remove(part)  # applied to the items below: no longer a note to confirm
                return TextPart(clause, part.place)
    return None


def apply_table_rule(grid: Grid, header: Header, table: RawTable) -> None:
    """Give the table-wide clause to every item without a rule, when the table has no rule column."""
    if "text" in header.columns:
        return
    rule = table_rule(grid, header, table)
    if rule is None:
        return
    for section in table.sections:
        for entry in section.entries:
            for item in entry.items if isinstance(entry, RawGroup) else [entry]:
                if isinstance(item, RawItem) and not item.texts:
                    item.texts.append(rule)
