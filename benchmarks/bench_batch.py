"""Batch benchmark: a folder of many filled workbooks checked on 2 cores, as an office does after a round.

    python benchmarks/bench_batch.py [--files 1000] [--source examples/units] [--serial]

Copies the example units round-robin into a temporary folder and runs ``xlscore check`` on it in
fresh processes: ``--no-copy --jobs 2`` (target ≤ 20 s per 1,000 files), ``--jobs 2`` writing every
checked copy (target ≤ 40 s), and ``--no-copy --jobs 2`` on a quarter of the files, to see that
peak memory does not grow with the number of files; ``--serial`` adds ``--no-copy --jobs 1``.
Prints wall time, files per second, peak resident memory of the parent and of the largest worker,
and, as the baseline of this machine, what loading every file once with openpyxl would take on
2 cores (in-process loads, median of 5, times files / 2), with each run's ratio to that baseline;
then the peak memory of the full run against the quarter run (flat: about 1).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = """
import json, resource, sys
from xlscore.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
usage = {"parent_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
         "worker_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}
print(json.dumps(usage), file=sys.stderr)
"""
TARGETS = {"no-copy": 20.0, "copies": 40.0}  # seconds per 1,000 files on 2 cores


def prepare(source: Path, folder: Path, count: int) -> None:
    units = sorted(p for p in source.glob("*.xlsx") if not p.stem.endswith(".checked"))
    folder.mkdir(parents=True)
    for index in range(count):
        shutil.copyfile(units[index % len(units)], folder / f"unit{index:04d}.xlsx")


def run(folder: Path, *options: str) -> dict[str, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, "check", str(folder), *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
    )
    seconds = time.perf_counter() - start
    usage = json.loads(done.stderr.strip().splitlines()[-1])
    copies = list(folder.glob("*.checked.xlsx"))
    for copy in copies:
        copy.unlink()
    return {"seconds": seconds, "copies": len(copies), **usage}


def openpyxl_baseline(source: Path, files: int) -> float:
    import openpyxl

    unit = sorted(source.glob("*.xlsx"))[0]
    openpyxl.load_workbook(unit)
    loads = []
    for _ in range(5):
        start = time.perf_counter()
        openpyxl.load_workbook(unit)
        loads.append(time.perf_counter() - start)
    return statistics.median(loads) * files / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--source", type=Path, default=ROOT / "examples" / "units")
    parser.add_argument("--serial", action="store_true", help="also run --no-copy --jobs 1")
    args = parser.parse_args()
    quarter = max(1, args.files // 4)
    with tempfile.TemporaryDirectory(prefix="xlscore-batch-") as tmp:
        many, few = Path(tmp) / "many", Path(tmp) / "few"
        prepare(args.source, many, args.files)
        prepare(args.source, few, quarter)
        runs = {}
        if args.serial:
            runs[("--no-copy --jobs 1", args.files)] = run(many, "--no-copy", "--jobs", "1")
        runs[("--no-copy --jobs 2", args.files)] = run(many, "--no-copy", "--jobs", "2")
        runs[("--jobs 2 (with checked copies)", args.files)] = run(many, "--jobs", "2")
        runs[("--no-copy --jobs 2", quarter)] = run(few, "--no-copy", "--jobs", "2")
    baseline = openpyxl_baseline(args.source, args.files)
    print(f"workbooks copied round-robin from {args.source.name}/")
    print(f"{'run':32} {'files':>6} {'seconds':>8} {'files/s':>8} {'parent MiB':>11} {'worker MiB':>11}")
    for (name, count), result in runs.items():
        print(f"{name:32} {count:6d} {result['seconds']:8.1f} {count / result['seconds']:8.1f} "
              f"{result['parent_kib'] / 1024:11.0f} {result['worker_kib'] / 1024:11.0f}")
    scale = 1000 / args.files
    print(f"baseline: openpyxl.load_workbook of every file on 2 cores would take {baseline:.1f} s "
          f"({baseline * scale:.1f} s per 1,000)")
    for name, key in (("--no-copy --jobs 2", "no-copy"), ("--jobs 2 (with checked copies)", "copies")):
        seconds = runs[(name, args.files)]["seconds"]
        verdict = "met" if seconds * scale <= TARGETS[key] else "NOT met"
        print(f"{name}: {seconds * scale:.1f} s per 1,000 files (target ≤ {TARGETS[key]:.0f} s: {verdict}) | "
              f"openpyxl baseline {baseline * scale:.1f} s per 1,000 | ratio {seconds / baseline:.2f}")
    full, part = runs[("--no-copy --jobs 2", args.files)], runs[("--no-copy --jobs 2", quarter)]
    print(f"peak memory, {args.files} files against {quarter}: parent {full['parent_kib'] / part['parent_kib']:.2f}, "
          f"largest worker {full['worker_kib'] / part['worker_kib']:.2f} (flat: about 1)")
    copies = runs[("--jobs 2 (with checked copies)", args.files)]["copies"]
    print(f"checked copies written: {copies} of {args.files}")


if __name__ == "__main__":
    main()
