"""Check many files across processes, streaming results in input order.

Each worker checks one file (and writes its checked copy) and sends back a compact result, so
the parent's memory does not grow with the findings of every file when only text is printed.
One pool serves the whole run; each worker keeps its rubrics and layouts between files (the
caches in ``check``), so it validates a rubric once, not once per file.

A pool costs its start and, in every worker, the first file's warm-up (the rubric validated, the
layout built), which this process has already paid for nothing. Below :data:`POOL_MIN_FILES` the
files are checked here, one after the other, which finishes first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from xlscore.check.checker import CheckOptions
from xlscore.batch.runner import RunResult, check_one

CHUNK = 4
#: Fewest files worth a pool of worker processes (measured: benchmarks/bench_pool.py).
POOL_MIN_FILES = 4


@dataclass(frozen=True)
class Job:
    path: Path
    options: CheckOptions
    write_copy: bool
    output: Path | None = None
    refused: str | None = None  # why the checked copy may not be written (decided before the run)


def _work(job: Job) -> RunResult:
    return check_one(job.path, job.options, write_copy=job.write_copy, output=job.output, refused=job.refused)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run_jobs(jobs: list[Job], workers: int, start_method: str | None = None) -> Iterator[RunResult]:
    """Results in the order of ``jobs``; ``workers`` = 1, or fewer than :data:`POOL_MIN_FILES` jobs,
    checks in this process (no pool is started).

    ``start_method`` (or ``XLSCORE_START_METHOD``) forces how workers start: ``spawn`` is what
    Windows has, so tests force it to prove the batch runs there; a forced method starts the pool
    from two files on.
    """
    method = start_method or os.environ.get("XLSCORE_START_METHOD")
    if workers <= 1 or len(jobs) < (2 if method else POOL_MIN_FILES):
        for job in jobs:
            yield _work(job)
        return
    import multiprocessing  # only a run that starts a pool pays for the import

    if method is None:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(processes=min(workers, len(jobs))) as pool:
        yield from pool.imap(_work, jobs, chunksize=CHUNK)
