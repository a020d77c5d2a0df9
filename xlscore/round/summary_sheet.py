"""The summary's first sheet, 回收情况: every roster unit, its state and file, then the files no unit claims."""

from __future__ import annotations

from pathlib import Path

from xlscore.i18n import pick
from xlscore.round.render import round_notes
from xlscore.round.status import RoundStatus
from xlscore.round.status_words import state_word

SHEET = {"zh": "回收情况", "en": "Returns"}
TITLE = {"zh": "回收情况(名单:{roster},{units} 个单位)", "en": "Returns (roster: {roster}, {units} units)"}
HEADERS = {
    "zh": ("单位编号", "被考核单位", "联系人", "电话", "状态", "文件", "说明"),
    "en": ("Unit ID", "Unit", "Contact", "Phone", "State", "File", "Note"),
}
OFF_HEADING = {"zh": "名单外的文件", "en": "Files not on the roster"}
WIDTHS = (12, 30, 10, 14, 10, 30, 80)


def returns_sheet(status: RoundStatus, lang: str):  # type: ignore[no-untyped-def]
    """A callback drawing 回收情况 into an XlsxWriter book with the summary's formats (``book, fmt``)."""

    def draw(book, fmt) -> None:  # type: ignore[no-untyped-def]
        ws = book.add_worksheet(pick(SHEET, lang))
        ws.write_string(0, 0, pick(TITLE, lang).format(roster=Path(status.roster.file).name, units=len(status.units)),
                        fmt["title"])
        for col, (head, width) in enumerate(zip(pick(HEADERS, lang), WIDTHS)):
            ws.write_string(2, col, head, fmt["header"])
            ws.set_column(col, col, width)
        notes = round_notes(status, lang)
        row = 3
        for entry in status.units:
            said = [n.message for n in notes if n.unit_id == entry.unit.id]
            file = Path(entry.used.form.file).name if entry.used else ""
            others = [Path(o.form.file).name for o in entry.others]
            values = (entry.unit.id, entry.unit.name, entry.unit.contact, entry.unit.phone,
                      state_word(entry.state.value, lang), "、".join([file, *others]).strip("、"), " ".join(said))
            for col, value in enumerate(values):
                ws.write_string(row, col, value, fmt["wrap"])
            row += 1
        if status.off_roster:
            row += 1
            ws.write_string(row, 0, pick(OFF_HEADING, lang), fmt["subtitle"])
            for note in (n for n in notes if n.state == "off_roster"):
                row += 1
                ws.write_string(row, 5, Path(note.where).name, fmt["wrap"])
                ws.write_string(row, 6, note.message, fmt["wrap"])
        ws.freeze_panes(3, 0)
        ws.activate()

    return draw
