"""What the benchmarks share: timing fresh processes, alternating with their baseline, medians.

Every figure is a whole process, as a user starts it. The xlscore run and its baseline alternate
within one run of the script, so a busy machine slows both alike; only the ratio travels between
machines, and both figures are printed so a reader can judge it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "units" / "城南客服中心.xlsx"


def warn_if_no_bytecode() -> None:
    """Python started with PYTHONDONTWRITEBYTECODE compiles every module it imports each time: say so."""
    import os

    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set, so modules without bytecode are compiled on every start; "
              "run `python -m compileall -q xlscore` first or unset it", file=sys.stderr)


def run_process(args: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    """Seconds for one process, from start to exit (its output discarded)."""
    start = time.perf_counter()
    subprocess.run(list(args), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def alternate(subject: Callable[[], float], baseline: Callable[[], float], repeat: int) -> tuple[float, float]:
    """Medians of ``repeat`` runs each, subject and baseline alternating, after one warm-up of each."""
    subject(), baseline()  # file cache, bytecode
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(subject())
        theirs.append(baseline())
    return statistics.median(ours), statistics.median(theirs)


def report(what: str, ours: float, baseline_name: str, theirs: float, target: float | None) -> None:
    ratio = ours / theirs
    verdict = "" if target is None else ("  (target ≤ %.2f: %s)" % (target, "met" if ratio <= target else "NOT met"))
    print(f"{what}: {ours * 1000:.0f} ms | {baseline_name}: {theirs * 1000:.0f} ms | ratio {ratio:.2f}{verdict}")


def python(*args: str) -> list[str]:
    return [sys.executable, *args]
