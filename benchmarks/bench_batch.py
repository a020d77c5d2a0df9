"""Batch benchmark: check a folder of many filled workbooks, as the office does after a round.

    python benchmarks/bench_batch.py [--files 1000] [--source examples/units]

Copies the example units round-robin into a temporary folder, then runs ``xlscore check`` on it
in fresh processes: ``--no-copy --jobs 1``, ``--no-copy --jobs 2``, ``--jobs 2`` (writing every
checked copy), and ``--no-copy --jobs 2`` on a quarter of the files to see whether peak memory
grows with the number of files. Prints wall time, files per second, the speed-up of 2 processes
over 1, and peak resident memory of the parent and of the largest worker.
"""

from __future__ import annotations

import argparse
import json
import shutil
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
    for copy in folder.glob("*.checked.xlsx"):
        copy.unlink()
    return {"seconds": seconds, **usage}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--source", type=Path, default=ROOT / "examples" / "units")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="xlscore-batch-") as tmp:
        many, few = Path(tmp) / "many", Path(tmp) / "few"
        prepare(args.source, many, args.files)
        prepare(args.source, few, max(1, args.files // 4))
        runs = {
            "--no-copy --jobs 1": run(many, "--no-copy", "--jobs", "1"),
            "--no-copy --jobs 2": run(many, "--no-copy", "--jobs", "2"),
            "--jobs 2 (with copies)": run(many, "--jobs", "2"),
            f"--no-copy --jobs 2, {len(list(few.iterdir()))} files": run(few, "--no-copy", "--jobs", "2"),
        }
    print(f"{args.files} workbooks copied from {args.source.name}/")
    print(f"{'run':38} {'seconds':>8} {'files/s':>8} {'parent MiB':>11} {'worker MiB':>11}")
    for name, result in runs.items():
        count = args.files if "files" not in name else max(1, args.files // 4)
        print(f"{name:38} {result['seconds']:8.1f} {count / result['seconds']:8.1f} "
              f"{result['parent_kib'] / 1024:11.0f} {result['worker_kib'] / 1024:11.0f}")
    one, two = runs["--no-copy --jobs 1"]["seconds"], runs["--no-copy --jobs 2"]["seconds"]
    print(f"speed-up of --jobs 2 over --jobs 1: {one / two:.2f}")


if __name__ == "__main__":
    main()
