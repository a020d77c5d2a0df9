"""回收情况 as a table (every roster unit, its state, its files, what to do), drawn on the summary's first
sheet and shown on the web page: one model for both."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xlscore.i18n import fmt, pick
from xlscore.round.render import round_notes
from xlscore.round.status import RoundStatus
from xlscore.round.status_words import state_word

SHEET = {"zh": "回收情况", "en": "Returns"}
TITLE = {"zh": "回收情况(名单:{roster},{units} 个单位)", "en": "Returns (roster: {roster}, {units} units)"}
HEADERS = {
    "zh": ("单位编号", "被考核单位", "联系人", "电话", "状态", "文件", "说明"),
    "en": ("Unit ID", "Unit", "Contact", "Phone", "State", "File", "Note"),
}
WIDTHS = (12, 30, 10, 14, 10, 30, 80)


@dataclass
class ReturnsTable:
    title: str
    columns: tuple[str, ...]
    rows: list[list[str]]  # one per roster unit (roster order), then one per file not on the roster

    def view(self) -> dict[str, object]:
        """As the web page's tables take it."""
        return {"title": self.title, "columns": list(self.columns), "rows": self.rows}


def returns_table(status: RoundStatus, lang: str) -> ReturnsTable:
    """Every roster unit with its state, file(s) and the round's notes on it; then the 名单外 files."""
    notes = round_notes(status, lang)
    rows = []
    for entry in status.units:
        files = [Path(i.form.file).name for i in ([entry.used] if entry.used else []) + entry.others]
        said = " ".join(n.message for n in notes if n.unit_id == entry.unit.id)
        rows.append([entry.unit.id, entry.unit.name, entry.unit.contact, entry.unit.phone,
                     state_word(entry.state.value, lang), "、".join(files), said])
    for note in (n for n in notes if n.state == "off_roster"):
        rows.append(["", "", "", "", state_word("off_roster", lang), Path(note.where).name, note.message])
    title = fmt(pick(TITLE, lang), roster=Path(status.roster.file).name, units=len(status.units))
    return ReturnsTable(title, pick(HEADERS, lang), rows)  # type: ignore[arg-type]


def returns_sheet(status: RoundStatus, lang: str):  # type: ignore[no-untyped-def]
    """A callback drawing 回收情况 into an XlsxWriter book with the summary's formats (``book, fmt``);
    every text is written as a string, never a formula."""
    table = returns_table(status, lang)

    def draw(book, fmt_) -> None:  # type: ignore[no-untyped-def]
        ws = book.add_worksheet(pick(SHEET, lang))
        ws.write_string(0, 0, table.title, fmt_["title"])
        for col, (head, width) in enumerate(zip(table.columns, WIDTHS)):
            ws.write_string(2, col, head, fmt_["header"])
            ws.set_column(col, col, width)
        for row, values in enumerate(table.rows, start=3):
            for col, value in enumerate(values):
                if value:
                    ws.write_string(row, col, value, fmt_["wrap"])
                else:
                    ws.write_blank(row, col, None, fmt_["wrap"])
        ws.freeze_panes(3, 0)
        ws.activate()

    return draw
