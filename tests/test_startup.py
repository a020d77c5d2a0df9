"""Start-up: a command imports only what it uses, and a pool starts only when it pays.

No timings here (benchmarks/ measures them); these tests pin what the timings depend on.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xlscore.batch import pool
from xlscore.batch.pool import POOL_MIN_FILES, Job, run_jobs
from xlscore.check.checker import CheckOptions, check_file

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "examples" / "units" / "城东客服中心.xlsx"
HEAVY = ("pydantic", "pandas", "xlsxwriter", "openpyxl", "yaml", "multiprocessing", "xlscore.check", "xlscore.rubric")


def _imported_after(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    """The names of the modules ``xlscore ARGS`` has imported when it exits (a fresh process)."""
    code = (
        "import sys\n"
        "from xlscore.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def _loaded(modules: set[str], name: str) -> bool:
    return any(module == name or module.startswith(name + ".") for module in modules)


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check", "--help"], ["generate", "--help"]])
def test_help_imports_nothing_heavy(args: list[str]) -> None:
    modules = _imported_after(args)
    assert "click" in modules  # the probe works: it sees what was imported
    assert [name for name in HEAVY if _loaded(modules, name)] == []


def test_checking_one_file_imports_no_writer_summary_or_pool(tmp_path: Path) -> None:
    source = tmp_path / "unit.xlsx"
    shutil.copyfile(UNIT, source)
    modules = _imported_after(["check", str(source), "--no-copy"])
    assert _loaded(modules, "xlscore.check")  # it did check
    assert [name for name in ("pandas", "xlsxwriter", "openpyxl", "multiprocessing") if _loaded(modules, name)] == []


VALIDATING = ("pydantic", "pydantic_core", "yaml")


def _twice(tmp_path: Path, args: list[str]) -> tuple[set[str], set[str]]:
    """The modules of a first and a second fresh run of ``xlscore ARGS`` (``{n}`` numbers the run) over one cache."""
    env = {**os.environ, "XLSCORE_CACHE_DIR": str(tmp_path / "cache")}
    return tuple(_imported_after([arg.format(n=n) for arg in args], env) for n in (1, 2))  # type: ignore[return-value]


def test_checking_against_a_known_rubric_imports_no_validation(tmp_path: Path) -> None:
    source = tmp_path / "unit.xlsx"
    shutil.copyfile(UNIT, source)
    cold, warm = _twice(tmp_path, ["check", str(source), "--copy-to", str(tmp_path / "checked{n}.xlsx")])
    assert (tmp_path / "checked2.xlsx").is_file()  # it did check, with the checked copy
    assert [name for name in VALIDATING if _loaded(cold, name)] == list(VALIDATING)  # a miss validates (and reads
    # the shipped YAML, whose id, version and sha256 a check compares with the embedded rubric's)
    assert [name for name in VALIDATING if _loaded(warm, name)] == []


def test_generating_from_a_known_rubric_imports_no_validation(tmp_path: Path) -> None:
    cold, warm = _twice(tmp_path, ["generate", "-o", str(tmp_path / "form{n}.xlsx")])
    assert (tmp_path / "form2.xlsx").read_bytes() == (tmp_path / "form1.xlsx").read_bytes()  # the cache changes nothing
    assert [name for name in VALIDATING if _loaded(cold, name)] == list(VALIDATING)  # a miss parses and validates
    assert [name for name in VALIDATING if _loaded(warm, name)] == []


def _refuse_pools(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(multiprocessing, "get_context", no_pool)
    monkeypatch.delenv("XLSCORE_START_METHOD", raising=False)


def _jobs(tmp_path: Path, count: int) -> list[Job]:
    paths = []
    for index in range(count):
        paths.append(tmp_path / f"unit{index}.xlsx")
        shutil.copyfile(UNIT, paths[-1])
    return [Job(path, CheckOptions(), False) for path in paths]


def test_one_file_starts_no_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse_pools(monkeypatch)
    jobs = _jobs(tmp_path, 1)
    results = list(run_jobs(jobs, 2))
    assert [r.report for r in results] == [check_file(jobs[0].path)]


def test_fewer_files_than_pay_for_a_pool_start_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse_pools(monkeypatch)
    jobs = _jobs(tmp_path, POOL_MIN_FILES - 1)
    results = list(run_jobs(jobs, 2))
    assert [r.report.file for r in results] == [str(job.path) for job in jobs]


def test_enough_files_share_one_pool_and_keep_their_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XLSCORE_START_METHOD", raising=False)
    started = []
    real = multiprocessing.get_context

    def counted(method: str | None = None):  # type: ignore[no-untyped-def]
        started.append(method)
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", counted)
    jobs = _jobs(tmp_path, POOL_MIN_FILES + 1)
    results = list(pool.run_jobs(jobs, 2))
    assert len(started) == 1
    assert [r.report.file for r in results] == [str(job.path) for job in jobs]
    assert [r.report for r in results] == [check_file(job.path) for job in jobs]
