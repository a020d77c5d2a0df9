"""Every table of a Word document as a :class:`Grid`, with the paragraphs printed above it.

python-docx returns a merged cell at every grid position it covers, each time with the same
underlying ``<w:tc>`` element: comparing ``cell._tc`` tells a merged continuation from a new cell.
"""

from __future__ import annotations

from pathlib import Path

from xlscore.rubric.importer.errors import RubricImportError
from xlscore.rubric.importer.tables import MAX_COLS, MAX_ROWS, Cell, Grid, clean

#: Paragraphs kept from above a table (its title, a section heading).
TITLE_LINES = 3


def read_docx(path: Path) -> list[Grid]:
    """All top-level tables in document order; raises :class:`RubricImportError` if the file cannot be read."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a damaged package
        raise RubricImportError(str(path), "unreadable", {"reason": f"{type(exc).__name__}: {exc}"[:200]}) from None
    grids: list[Grid] = []
    above: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = clean("".join(node.text or "" for node in child.iter(qn("w:t"))))
            if text:
                above = (above + [text])[-TITLE_LINES:]
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            grids.append(_grid(table, len(grids) + 1, above))
            above = []
    return grids


def _grid(table, index: int, above: list[str]) -> Grid:  # type: ignore[no-untyped-def]
    name = f"表{index}"
    rows: list[list[Cell]] = []
    previous: list = []  # the <w:tc> of each column in the row above
    for r, row in enumerate(table.rows):
        if r >= MAX_ROWS:
            break
        try:
            cells = list(row.cells)[:MAX_COLS]
        except Exception:  # noqa: BLE001 - a malformed row: read what the others give
            cells = []
        out: list[Cell] = []
        for c, cell in enumerate(cells):
            tc = cell._tc
            if c > 0 and cells[c - 1]._tc is tc:
                origin = out[c - 1].origin
            elif c < len(previous) and previous[c] is tc:
                origin = rows[r - 1][c].origin
            else:
                origin = (r, c)
            text = out[c - 1].text if c > 0 and cells[c - 1]._tc is tc else clean(cell.text)
            out.append(Cell(text, origin, f"{name}第{r + 1}行第{c + 1}列"))
        rows.append(out)
        previous = [cell._tc for cell in cells]
    return Grid(name, rows, above, row_label="{table}第{row}行")
