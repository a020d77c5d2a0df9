"""``xlscore generate`` against XlsxWriter writing the same cells and merges, bare (fresh processes).

    python benchmarks/bench_generate.py [--repeat 9]

The baseline is what any generator must at least do: start Python, import XlsxWriter and write
the form's cells (texts, numbers, formulas) and merged ranges, without styles, validations,
names or page set-up. Its cells are taken from a workbook xlscore generated (read back with
openpyxl before timing starts). Target ratio ≤ 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import alternate, python, report, run_process, warn_if_no_bytecode  # noqa: E402

BARE = """
import json, sys, xlsxwriter
sheets = json.load(open(sys.argv[1], encoding="utf-8"))
book = xlsxwriter.Workbook(sys.argv[2])
for sheet in sheets:
    page = book.add_worksheet(sheet["name"])
    tops = {}
    for first_row, first_col, last_row, last_col in sheet["merges"]:
        tops[(first_row, first_col)] = (last_row, last_col)
    cells = {(r, c): v for r, c, v in sheet["cells"]}
    for (first_row, first_col), (last_row, last_col) in tops.items():
        page.merge_range(first_row, first_col, last_row, last_col, cells.pop((first_row, first_col), ""))
    for (r, c), v in cells.items():
        page.write(r, c, v)
book.close()
"""


def _cells(workbook: Path, target: Path) -> Path:
    import openpyxl

    book = openpyxl.load_workbook(workbook)
    sheets = []
    for page in book.worksheets:
        cells = [[cell.row - 1, cell.column - 1, cell.value] for row in page.iter_rows() for cell in row
                 if cell.value is not None and isinstance(cell.value, (str, int, float))]
        merges = [[m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1] for m in page.merged_cells.ranges]
        sheets.append({"name": page.title, "cells": cells, "merges": merges})
    target.write_text(json.dumps(sheets, ensure_ascii=False), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    warn_if_no_bytecode()
    with tempfile.TemporaryDirectory(prefix="xlscore-bench-") as tmp:
        ours_out, bare_out = Path(tmp) / "form.xlsx", Path(tmp) / "bare.xlsx"
        generate = python("-m", "xlscore", "generate", "-o", str(ours_out), "--force")
        run_process(generate)
        if not ours_out.exists():
            sys.exit("xlscore generate wrote nothing")
        data = _cells(ours_out, Path(tmp) / "cells.json")
        bare = python("-c", BARE, str(data), str(bare_out))
        run_process(bare)
        if not bare_out.exists():
            sys.exit("the bare XlsxWriter script wrote nothing")
        sheets = json.loads(data.read_text(encoding="utf-8"))
        print(f"form: {len(sheets)} sheets, {sum(len(s['cells']) for s in sheets)} cells, "
              f"{sum(len(s['merges']) for s in sheets)} merged ranges; medians of {args.repeat} alternating runs")
        ours, theirs = alternate(lambda: run_process(generate), lambda: run_process(bare), args.repeat)
    report("xlscore generate, fresh process", ours, "bare XlsxWriter, same cells and merges, fresh process", theirs, 2.0)


if __name__ == "__main__":
    main()
