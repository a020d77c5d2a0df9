"""Checking as the command line does it: collect files, check each, write the checked copies.

A bad file never stops the run: it becomes a report with ``unreadable`` set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from xlscore.check.checker import CheckOptions, check_file
from xlscore.check.findings import Report
from xlscore.check.messages import internal_error_message
from xlscore.i18n import fmt, pick
from xlscore.report.outputs import (
    CHECKED_COPY, SUMMARY, Inputs, refusal, refusal_message, write_error_message, written_by_xlscore,
)

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CHECKED_MARK = ".checked"
SKIP = {
    "owner": {"zh": "跳过 Excel/WPS 临时锁定文件", "en": "skipped: an Excel/WPS lock file"},
    "checked": {"zh": "跳过 xlscore 写出的校验副本", "en": "skipped: a checked copy written by xlscore"},
    "summary": {"zh": "跳过 xlscore 写出的汇总表", "en": "skipped: a summary written by xlscore"},
    "not_workbook": {"zh": "跳过非工作簿文件", "en": "skipped: not a workbook"},
}


@dataclass
class Skipped:
    path: Path
    reason: str

    def message(self, lang: str) -> str:
        return f"{self.path}: {pick(SKIP[self.reason], lang)}"


@dataclass
class Collected:
    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def collect(paths: list[Path]) -> Collected:
    """Files named are taken as they are (a bad one is reported later); folders are walked for workbooks."""
    out = Collected()
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                reason = _skip_reason(child)
                if reason is None:
                    out.files.append(child)
                elif reason != "not_workbook" or child.suffix.lower() in (".xls", ".ods", ".csv"):
                    out.skipped.append(Skipped(child, reason))
        else:
            out.files.append(path)
    return out


def _skip_reason(path: Path) -> str | None:
    if path.name.startswith("~$"):
        return "owner"
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return "not_workbook"
    if path.stem.endswith(CHECKED_MARK):
        return "checked"
    kind = written_by_xlscore(path)
    if kind == SUMMARY:
        return "summary"
    if kind == CHECKED_COPY:
        return "checked"
    return None


def copy_path(source: Path) -> Path:
    """``NAME.checked.xlsx`` beside the input (``.xlsm`` stays ``.xlsm``: its macros are kept)."""
    suffix = source.suffix if source.suffix.lower() in WORKBOOK_SUFFIXES else ".xlsx"
    return source.with_name(f"{source.stem}{CHECKED_MARK}{suffix}")


@dataclass
class RunResult:
    report: Report
    copy: Path | None = None
    copy_error: str | None = None


def check_one(path: Path, options: CheckOptions, *, write_copy: bool, output: Path | None = None,
              refused: str | None = None) -> RunResult:
    """Check ``path`` and, when it could be read, write its checked copy (``refused``: why it may not be).

    Never raises for one file's sake: an unexpected error becomes this file's "could not check"
    report (exit 2), so the other files of a batch are still checked and reported.
    """
    try:
        report = check_file(path, options)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        if os.environ.get("XLSCORE_DEBUG"):
            raise
        return RunResult(Report(str(path), unreadable=internal_error_message(exc, options.lang)))
    if report.unreadable is not None or not write_copy:
        return RunResult(report)
    if refused is not None:
        return RunResult(report, None, refused)
    from xlscore.report.copy import write_checked_copy

    target = output or copy_path(path)
    try:
        write_checked_copy(path, target, report, options.lang)
    except Exception as exc:  # noqa: BLE001 - the report stands even when its copy cannot be made
        if os.environ.get("XLSCORE_DEBUG") and not isinstance(exc, (OSError, ValueError)):
            raise
        return RunResult(report, None, write_error_message(exc, target, options.lang))
    return RunResult(report, target)


def copy_refusals(files: list[Path], output: Path | None, *, force: bool, lang: str) -> dict[Path, str]:
    """For each file whose checked copy may not be written (it would hit an input or a foreign file), why."""
    inputs = Inputs(files)
    out = {}
    for path in files:
        target = output or copy_path(path)
        reason = refusal(target, inputs, force=force, ours_by_name=output is None)
        if reason is not None:
            out[path] = refusal_message(reason, target, lang)
    return out


def check_many(
    files: list[Path], options: CheckOptions, *, write_copy: bool, output: Path | None = None,
    progress: Callable[[RunResult], None] | None = None,
) -> list[RunResult]:
    results = []
    for path in files:
        result = check_one(path, options, write_copy=write_copy, output=output)  # library use: no guard
        if progress is not None:
            progress(result)
        results.append(result)
    return results


def copy_failed_message(path: Path, error: str, lang: str) -> str:
    """``error`` is a whole sentence from :mod:`xlscore.report.outputs`."""
    template = {"zh": "{file}:未写出校验副本。{error}", "en": "{file}: the checked copy was not written. {error}"}
    return fmt(pick(template, lang), {"file": path, "error": error})
