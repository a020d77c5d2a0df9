"""Where generate goes round XlsxWriter's regular expressions (defined names), it gets what XlsxWriter gives."""

from __future__ import annotations

from pathlib import Path

from xlscore.rubric import load_rubric


def test_defined_names_are_those_define_name_gives(tmp_path: Path) -> None:
    import xlsxwriter

    from xlscore.cells import sheet_ref
    from xlscore.generate import _PLAIN_NAME, _define_names
    from xlscore.form.layout import build_layout

    layout = build_layout(load_rubric(), "zh")
    ours, theirs = xlsxwriter.Workbook(tmp_path / "a.xlsx"), xlsxwriter.Workbook(tmp_path / "b.xlsx")
    _define_names(ours, layout)
    for slot in sorted(layout.slots.values(), key=lambda s: s.name):
        assert theirs.define_name(slot.name, "=" + sheet_ref(slot.sheet, slot.row, slot.col)) == 0
        theirs.defined_names[-1][3] = True
    assert all(_PLAIN_NAME.fullmatch(name) for name in layout.slots)  # the shortcut is taken
    assert ours.defined_names == theirs.defined_names
