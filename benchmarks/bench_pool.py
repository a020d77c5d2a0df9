"""When does a pool of worker processes pay? A few files checked in this process against a pool.

    python benchmarks/bench_pool.py [--counts 2 3 4 6 8] [--repeat 5]

For each count of files (copies of one example unit), fresh processes of ``xlscore check --no-copy``
with ``--jobs 1`` against ``--jobs 2`` with the pool forced (``XLSCORE_START_METHOD``, which starts
it from two files on), alternating, medians. ``POOL_MIN_FILES`` in ``xlscore/batch/pool.py`` is the
count from which the pool is faster.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import EXAMPLE, alternate, python, run_process  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[2, 3, 4, 6, 8])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    print(f"start method {method}; medians of {args.repeat} alternating runs")
    for count in args.counts:
        with tempfile.TemporaryDirectory(prefix="xlscore-pool-") as tmp:
            for index in range(count):
                shutil.copyfile(EXAMPLE, Path(tmp) / f"unit{index}.xlsx")
            command = python("-m", "xlscore", "check", tmp, "--no-copy")
            env = {**os.environ, "XLSCORE_START_METHOD": method}

            def pooled() -> float:
                import time

                start = time.perf_counter()
                subprocess.run([*command, "--jobs", "2"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, check=False)
                return time.perf_counter() - start

            serial, pool = alternate(lambda: run_process([*command, "--jobs", "1"]), pooled, args.repeat)
        print(f"{count} files: in this process {serial * 1000:.0f} ms | pool of 2 {pool * 1000:.0f} ms | "
              f"ratio pool/serial {pool / serial:.2f}")


if __name__ == "__main__":
    main()
