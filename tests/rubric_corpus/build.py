"""Build the corpus tables (.docx/.xlsx) from their text specs, deterministically.

    python tests/rubric_corpus/build.py [NAME ...]

Each folder ``NN-name/`` holds ``table.yaml``, the table as the office publishes it, re-typed:

- ``format``: ``docx`` or ``xlsx``; ``sheet``: the worksheet's name (xlsx);
- ``title``: lines above the table (xlsx: rows merged across the table; docx: paragraphs);
- ``rows``: the table's rows, header rows included, each a list of cell texts. A cell ``"^"`` is
  merged with the cell above it (vMerge / a vertical merged range), ``"<"`` with the cell to its
  left (gridSpan / a horizontal merged range); ``[]`` is an empty row;
- ``notes``: lines below the table (as ``title``); ``notes_in_table: true`` puts them in the table
  as rows merged across it instead (docx);
- ``at``: ``[row, column]`` of the table's first cell in the sheet (xlsx; WPS files often start
  lower and to the right); ``widths``: column widths (xlsx).

The tool writes ``table.docx`` or ``table.xlsx`` next to the spec, with fixed document properties
so that a rebuild gives the same content.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
FIXED = datetime.datetime(2024, 1, 1, 8, 0, 0)
UP, LEFT = "^", "<"


def table_folders(names: list[str] | None = None) -> list[Path]:
    """The corpus folders (``NN-name``), in order; only ``names`` when given."""
    folders = sorted(p for p in HERE.iterdir() if p.is_dir() and (p / "table.yaml").is_file())
    return [p for p in folders if not names or p.name in names]


def load_spec(folder: Path) -> dict:
    return yaml.safe_load((folder / "table.yaml").read_text(encoding="utf-8"))


def table_path(folder: Path) -> Path:
    return folder / f"table.{load_spec(folder)['format']}"


def _width(rows: list[list]) -> int:
    return max(len(r) for r in rows if r)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _spans(rows: list[list]) -> list[tuple[int, int, int, int]]:
    """Merged ranges (top, left, bottom, right; 0-based) from the ``^`` and ``<`` marks."""
    width = _width(rows)
    grid = [list(r) + [""] * (width - len(r)) for r in rows]
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value == LEFT:
                owner[(r, c)] = owner.get((r, c - 1), (r, c - 1))
            elif value == UP:
                owner[(r, c)] = owner.get((r - 1, c), (r - 1, c))
    boxes: dict[tuple[int, int], list[int]] = {}
    for (r, c), (r0, c0) in owner.items():
        box = boxes.setdefault((r0, c0), [r0, c0, r0, c0])
        box[2], box[3] = max(box[2], r), max(box[3], c)
    return [tuple(b) for b in boxes.values()]  # type: ignore[misc]


def write_xlsx(spec: dict, path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment

    rows = spec["rows"]
    width = _width(rows)
    top, left = spec.get("at", [1, 1])
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = spec.get("sheet", "Sheet1")
    r = top
    for line in spec.get("title", []):
        ws.cell(r, left, line)
        ws.merge_cells(start_row=r, start_column=left, end_row=r, end_column=left + width - 1)
        r += 1
    first = r
    for row in rows:
        for c, value in enumerate(row):
            if value in (UP, LEFT) or value is None or value == "":
                continue
            cell = ws.cell(r, left + c, value)
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="center")
        r += 1
    for t, lft, b, rgt in _spans(rows):
        ws.merge_cells(start_row=first + t, start_column=left + lft, end_row=first + b, end_column=left + rgt)
    for line in spec.get("notes", []):
        ws.cell(r, left, line)
        ws.merge_cells(start_row=r, start_column=left, end_row=r, end_column=left + width - 1)
        r += 1
    for c, w in enumerate(spec.get("widths", []), start=left):
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = w
    book.properties.creator = "xlscore corpus"
    book.properties.created = book.properties.modified = FIXED
    book.save(str(path))


def write_docx(spec: dict, path: Path) -> None:
    import docx

    rows = [r for r in spec["rows"]]
    width = _width(rows)
    notes = spec.get("notes", [])
    in_table = spec.get("notes_in_table", False)
    if in_table:
        rows = rows + [[line] + [LEFT] * (width - 1) for line in notes]
    document = docx.Document()
    for line in spec.get("title", []):
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value not in (UP, LEFT):
                table.cell(r, c).text = _text(value)
    for t, lft, b, rgt in _spans(rows):
        table.cell(t, lft).merge(table.cell(b, rgt))
    if not in_table:
        for line in notes:
            document.add_paragraph(line)
    props = document.core_properties
    props.author, props.created, props.modified, props.revision = "xlscore corpus", FIXED, FIXED, 1
    document.save(str(path))


def _fix_zip_times(path: Path) -> None:
    """Rewrite the package with fixed member times and order, so a rebuild gives the same bytes."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    members = [(name, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
                if name == "docProps/core.xml" else data) for name, data in members]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            target.writestr(zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6]), data,
                            compress_type=zipfile.ZIP_DEFLATED)


def build(folder: Path, into: Path | None = None) -> Path:
    """Write the folder's table (into ``into`` instead of the folder when given); returns its path."""
    spec = load_spec(folder)
    path = (into or folder) / f"table.{spec['format']}"
    (write_docx if spec["format"] == "docx" else write_xlsx)(spec, path)
    _fix_zip_times(path)
    return path


def main(argv: list[str]) -> int:
    for folder in table_folders(argv or None):
        print(build(folder).relative_to(HERE))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
