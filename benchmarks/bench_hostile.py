"""Hostile big files: time and peak memory of ``xlscore check`` on each, with and without the checked copy.

The promise (README): any input of at most 10 MB gets its verdict, or a clear refusal, in at most
10 s and 300 MB. This script builds files made to break it — small on disk, huge inside — from the
clean fixture, runs the real command in a child process and reports wall time, peak RSS (the
child's ``ru_maxrss``) and the first line of what it said. It is a benchmark, not a test: machines
differ, so nothing here fails; compare the numbers with the bound.

    python benchmarks/bench_hostile.py [--keep DIR] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "tests" / "fixtures" / "clean.xlsx"
SECTION = "xl/worksheets/sheet3.xml"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _rebuild(target: Path, edits: dict[str, Callable[[bytes], bytes]],
             extra: Iterator[tuple[str, bytes]] = iter(())) -> Path:
    with zipfile.ZipFile(CLEAN) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info.filename, edits[info.filename](data) if info.filename in edits else data)
        for name, data in extra:
            new.writestr(name, data)
    return target


def _rows(first: int, count: int, cols: int = 1) -> bytes:
    letters = [_letters(c) for c in range(1, cols + 1)]
    out = []
    for r in range(first, first + count):
        cells = "".join(f'<c r="{letter}{r}"><v>{(r * 7 + i) % 997}</v></c>' for i, letter in enumerate(letters))
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out).encode()


def _letters(col: int) -> str:
    text = ""
    while col:
        col, rem = divmod(col - 1, 26)
        text = chr(65 + rem) + text
    return text


def _before_sheet_data_end(rows: bytes) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(b"</sheetData>", rows + b"</sheetData>", 1)


def million_rows(target: Path) -> Path:
    """1 M small rows below the form in its first section sheet (far beyond the layout)."""
    return _rebuild(target, {SECTION: _before_sheet_data_end(_rows(200, 1_000_000))})


def full_in_bounds(target: Path) -> Path:
    """The first section sheet with 45,000 more numbers (columns N…BK, rows 200…1099): checkable, and big."""
    def fill(data: bytes) -> bytes:
        rows = []
        for r in range(200, 1100):
            cells = "".join(f'<c r="{_letters(c)}{r}"><v>{(r * c) % 997}</v></c>' for c in range(14, 64))
            rows.append(f'<row r="{r}">{cells}</row>')
        return data.replace(b"</sheetData>", "".join(rows).encode() + b"</sheetData>", 1)

    return _rebuild(target, {SECTION: fill})


def twelve_sheets(target: Path) -> Path:
    """Twelve extra sheets, each 2,900 rows × 64 columns of numbers (all inside the read bounds)."""
    sheets = 12
    body = _rows(1, 2900, 64)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode() + body + b"</sheetData></worksheet>"

    def workbook(data: bytes) -> bytes:
        entries = "".join(f'<sheet name="数据{n}" sheetId="{100 + n}" r:id="rIdX{n}"/>' for n in range(sheets))
        return data.replace(b"</sheets>", entries.encode() + b"</sheets>", 1)

    def rels(data: bytes) -> bytes:
        entries = "".join(f'<Relationship Id="rIdX{n}" Type="{WORKSHEET_REL}" Target="worksheets/extra{n}.xml"/>'
                          for n in range(sheets))
        return data.replace(b"</Relationships>", entries.encode() + b"</Relationships>", 1)

    def types(data: bytes) -> bytes:
        entries = "".join(f'<Override PartName="/xl/worksheets/extra{n}.xml" ContentType="{SHEET_TYPE}"/>'
                          for n in range(sheets))
        return data.replace(b"</Types>", entries.encode() + b"</Types>", 1)

    extra = ((f"xl/worksheets/extra{n}.xml", xml) for n in range(sheets))
    return _rebuild(target, {"xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": rels,
                             "[Content_Types].xml": types}, extra)


def many_shared_strings(target: Path) -> Path:
    """6 M shared strings (the part unpacks to ~100 MB at a ratio under the bomb limit)."""
    count = 6_000_000
    rng = random.Random(7)
    items = "".join(f"<si><t>{letter}</t></si>" for letter in rng.choices("abcd", k=count))
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">'
    return _rebuild(target, {"xl/sharedStrings.xml": lambda _data: (head + items + "</sst>").encode()})


def huge_attribute(target: Path, size: int = 20_000_000) -> Path:
    """An unknown attribute of 20 M random digits on one cell of the first section sheet."""
    rng = random.Random(11)
    value = "".join(rng.choices("0123456789", k=size)).encode()
    return _rebuild(target, {SECTION: lambda data: data.replace(b'<c r="G6" ', b'<c foo="' + value + b'" r="G6" ', 1)})


def attribute_under_limit(target: Path) -> Path:
    """The same with 16 M digits: the sheet stays just under the 16 MiB limit, so it is read and copied."""
    return huge_attribute(target, 16_000_000)


def deep_nesting(target: Path) -> Path:
    """A million nested unknown elements at the end of the first section sheet's cells."""
    depth = 1_000_000
    return _rebuild(target, {SECTION: _before_sheet_data_end(b"<x>" * depth + b"</x>" * depth)})


CASES: dict[str, Callable[[Path], Path]] = {
    "million_rows": million_rows,
    "full_in_bounds": full_in_bounds,
    "twelve_sheets": twelve_sheets,
    "many_shared_strings": many_shared_strings,
    "huge_attribute": huge_attribute,
    "attribute_under_limit": attribute_under_limit,
    "deep_nesting": deep_nesting,
}

_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "started = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True, encoding='utf-8', errors='replace')\n"
    "seconds = time.perf_counter() - started\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "lines = [l for l in (done.stdout + done.stderr).splitlines() if l.strip()]\n"
    "import json; print(json.dumps({'seconds': seconds, 'peak_mb': peak / 1024, 'exit': done.returncode,"
    " 'said': lines[0][:160] if lines else ''}, ensure_ascii=False))\n"
)


def measure(path: Path, copy: bool) -> dict[str, object]:
    """One ``xlscore check`` in a fresh child: wall time, its peak RSS (MB), exit code, first line."""
    command = [sys.executable, "-m", "xlscore", "check", "--jobs", "1", str(path)]
    if not copy:
        command.insert(4, "--no-copy")
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build the files in this folder and keep them")
    parser.add_argument("--only", nargs="*", choices=list(CASES), help="run only these cases")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="xlscore-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    print("| file | size | check --no-copy | check with the copy | what it said |")
    print("|---|---|---|---|---|")
    for name in args.only or list(CASES):
        path = CASES[name](folder / f"{name}.xlsx")
        size = path.stat().st_size / 2**20
        without = measure(path, copy=False)
        with_copy = measure(path, copy=True)
        for leftover in folder.glob(f"{name}.checked.*"):
            leftover.unlink()
        print(f"| {name} | {size:.1f} MB | {without['seconds']:.1f} s, {without['peak_mb']:.0f} MB, exit {without['exit']} "
              f"| {with_copy['seconds']:.1f} s, {with_copy['peak_mb']:.0f} MB, exit {with_copy['exit']} | {with_copy['said']} |",
              flush=True)


if __name__ == "__main__":
    main()
