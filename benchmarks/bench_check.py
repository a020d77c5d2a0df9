"""One filled workbook, checked as a user does it: fresh processes, against openpyxl loading it.

    python benchmarks/bench_check.py [WORKBOOK] [--repeat 9]

Prints, each as medians of alternating runs within this one run:

* ``xlscore check F --copy-to copy.xlsx`` (writes the checked copy) against a fresh
  ``python -c "openpyxl.load_workbook(F)"``: target ratio ≤ 0.15;
* the same with the rubric cache off (``XLSCORE_CACHE_DIR=off``: what the first file of a new
  rubric costs);
* ``xlscore check F --no-copy`` against the same baseline;
* ``xlscore --help`` against ``python -c pass``: target ≤ 0.1 s;
* in one process, ``check_file`` against ``openpyxl.load_workbook`` (imports warm): target ≤ 1.0.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import EXAMPLE, alternate, python, report, run_process, warn_if_no_bytecode  # noqa: E402

LOAD = "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1])"


def _in_process(path: Path, repeat: int) -> tuple[float, float]:
    import openpyxl

    from xlscore.check.checker import check_file

    def timed(fn) -> float:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    return alternate(lambda: timed(lambda: check_file(path)), lambda: timed(lambda: openpyxl.load_workbook(path)), repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    warn_if_no_bytecode()
    path = args.workbook.resolve()
    load = lambda: run_process(python("-c", LOAD, str(path)))  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="xlscore-bench-") as tmp:
        copy = Path(tmp) / "copy.xlsx"

        def with_copy(env: dict[str, str] | None = None) -> float:
            seconds = run_process(python("-m", "xlscore", "check", str(path), "--copy-to", str(copy)), env=env)
            if not copy.exists():
                sys.exit("xlscore check wrote no checked copy")
            copy.unlink()
            return seconds

        print(f"workbook: {path.name} ({path.stat().st_size // 1024} KiB); medians of {args.repeat} alternating runs")
        ours, theirs = alternate(with_copy, load, args.repeat)
        report("xlscore check (with the checked copy), fresh process", ours, "openpyxl.load_workbook, fresh process",
               theirs, 0.15)
        off = {**os.environ, "XLSCORE_CACHE_DIR": "off"}
        ours, theirs = alternate(lambda: with_copy(off), load, args.repeat)
        report("the same, rubric cache off", ours, "openpyxl.load_workbook, fresh process", theirs, 0.15)
        ours, theirs = alternate(lambda: run_process(python("-m", "xlscore", "check", str(path), "--no-copy")), load,
                                 args.repeat)
        report("xlscore check --no-copy, fresh process", ours, "openpyxl.load_workbook, fresh process", theirs, None)
    ours, theirs = alternate(lambda: run_process(python("-m", "xlscore", "--help")),
                             lambda: run_process(python("-c", "pass")), args.repeat)
    met = "met" if ours <= 0.1 else "NOT met"
    report("xlscore --help", ours, "python -c pass", theirs, None)
    print(f"  xlscore --help: {ours:.3f} s (target ≤ 0.1 s: {met}); above bare Python: {ours - theirs:.3f} s")
    ours, theirs = _in_process(path, args.repeat)
    report("check_file, in one process", ours, "openpyxl.load_workbook, in one process", theirs, 1.0)


if __name__ == "__main__":
    main()
