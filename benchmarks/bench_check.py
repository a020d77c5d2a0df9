"""Time checking one filled workbook against a plain ``openpyxl.load_workbook`` of the same file.

Both are measured in the same run, alternating, and the ratio of medians is printed: machines
here are noisy, so only the ratio means anything. Target: ratio ≤ 1.0.

    python benchmarks/bench_check.py [WORKBOOK] [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import openpyxl

from xlscore.check.checker import check_file

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent / "tests" / "fixtures" / "clean.xlsx"


def _sample_workbook(folder: Path) -> Path:
    from xlscore.generate import GenerateOptions, generate_workbook
    from xlscore.rubric import load_rubric

    return generate_workbook(load_rubric(), folder / "filled.xlsx", GenerateOptions(inputs={"XS_S1_I1_1_R1_SELF_IN": 1}))


def _time(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.workbook or (DEFAULT if DEFAULT.exists() else _sample_workbook(Path(tmp)))
        check_file(path)  # warm up imports and the rubric cache
        openpyxl.load_workbook(path)
        checks, loads = [], []
        for _ in range(args.repeat):
            checks.append(_time(lambda: check_file(path)))
            loads.append(_time(lambda: openpyxl.load_workbook(path)))
    check_s, load_s = statistics.median(checks), statistics.median(loads)
    print(f"workbook: {path.name}")
    print(f"xlscore check (median of {args.repeat}): {check_s * 1000:.0f} ms")
    print(f"openpyxl.load_workbook (median of {args.repeat}): {load_s * 1000:.0f} ms")
    print(f"ratio check / load: {check_s / load_s:.2f}")


if __name__ == "__main__":
    main()
