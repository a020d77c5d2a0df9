"""The signature block printed on 封面 and 汇总: seal places for both sides, signatures and dates.

Lines to write on by hand, not input cells: a signature and a seal belong on paper.
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from xlscore.form.wording import text
from xlscore.generate.styles import Styles

#: Rows of the seal box, and the height of a row to sign on.
SEAL_ROWS, SIGN_HEIGHT = 4, 26
UNIT_SIDE = ("sign_unit_head", "sign_date")
TEAM_SIDE = ("sign_leader", "sign_members", "sign_date")


def write_signatures(ws: Worksheet, row: int, left: tuple[int, int], right: tuple[int, int], styles: Styles, lang: str) -> int:
    """Write the block from 0-based ``row``: the unit on columns ``left``, the team on ``right``; returns the next free row."""
    end = row
    for (first, last), heading, lines in ((left, "sign_unit", UNIT_SIDE), (right, "sign_team", TEAM_SIDE)):
        _span(ws, row, first, last, text(heading, lang), styles.sign_heading)
        ws.merge_range(row + 1, first, row + SEAL_ROWS, last, text("sign_seal", lang), styles.seal)
        r = row + SEAL_ROWS + 1
        for key in lines:
            _span(ws, r, first, last, text(key, lang), styles.sign_line)
            ws.set_row(r, SIGN_HEIGHT)
            r += 1
        end = max(end, r)
    ws.set_row(row, SIGN_HEIGHT)
    return end


def _span(ws: Worksheet, row: int, first: int, last: int, value: str, style: object) -> None:
    if last > first:
        ws.merge_range(row, first, row, last, value, style)
    else:
        ws.write_string(row, first, value, style)
