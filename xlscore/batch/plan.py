"""A check run decided before it starts: which files, where each output goes, and which may not be written.

Everything the command line needs beyond parsing options lives here, so the CLI stays a thin shell:
usage problems are raised as :class:`UsageProblem` (exit 2), outputs that would hit an input or a
file xlscore did not write are refused up front (the check itself still runs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xlscore.batch.pool import Job
from xlscore.batch.runner import Collected, RunResult, collect, copy_failed_message, copy_refusals
from xlscore.check.checker import CheckOptions
from xlscore.check.findings import Report
from xlscore.i18n import fmt, pick
from xlscore.report.outputs import Inputs, refusal, refusal_message, write_error_message
from xlscore.report.render import written_report
from xlscore.report.select import UnknownCode, filter_report, parse_codes

USAGE = {
    "copy_and_no_copy": {
        "zh": "--no-copy 与 --copy-to 不能同时使用。", "en": "--no-copy and --copy-to cannot be used together.",
    },
    "copy_to_needs_one_file": {
        "zh": "--copy-to 只能用于一个输入文件;校验多个文件时副本写在各自旁边(NAME.checked.xlsx)。",
        "en": "--copy-to works with one input file only; with several, each copy goes beside its file (NAME.checked.xlsx).",
    },
    "unknown_code": {
        "zh": "“{code}”不是任何问题代码或代码前缀(如 IN、CALC001、REM);代码列表见 docs/codes.md。",
        "en": "“{code}” is no finding code or code prefix (e.g. IN, CALC001, REM); see docs/codes.md for the list.",
    },
    "refused_output": {"zh": "{message}", "en": "{message}"},
}
SUMMARY_WRITTEN = {
    "zh": "已写出汇总表 {file}({units} 个单位,{failed} 个文件无法校验)",
    "en": "wrote the summary {file} ({units} units, {failed} files could not be checked)",
}


class UsageProblem(Exception):
    """Options that do not go together; the run does not start (exit 2)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def message(self, lang: str) -> str:
        return fmt(pick(USAGE[self.key], lang), self.values)


@dataclass
class CheckPlan:
    collected: Collected
    jobs: list[Job]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    summary: Path | None = None
    summary_refused: str | None = None
    summary_exit: int = 0
    skipped_for_summary: list = field(default_factory=list)  # type: ignore[type-arg]

    def shown(self, report: Report) -> Report:
        """``report`` with only the selected findings (``--select``/``--ignore``)."""
        return filter_report(report, self.select, self.ignore)

    def copy_failed(self, result: RunResult, lang: str) -> str:
        return copy_failed_message(Path(result.report.file), result.copy_error or "", lang)

    def summary_row(self, result: RunResult):  # type: ignore[no-untyped-def]
        from xlscore.batch.summary import unit_row

        return unit_row(result)

    def write_summary(self, rows: list, lang: str, lead=None) -> str:  # type: ignore[type-arg,no-untyped-def]
        """Write the summary (unless refused); returns the line to print and sets :attr:`summary_exit`.
        ``lead``: a first sheet to draw (see :func:`xlscore.batch.summary.write_summary`)."""
        assert self.summary is not None
        if self.summary_refused is not None:
            self.summary_exit = 2
            return self.summary_refused
        from xlscore.batch.summary import Failure, UnitRow, write_summary

        units = [r for r in rows if isinstance(r, UnitRow)]
        failures = [r for r in rows if isinstance(r, Failure)]
        try:
            write_summary(self.summary, units, failures, self.collected.skipped, lang, lead)
        except Exception as exc:  # noqa: BLE001 - one clear line, exit 2, whatever went wrong
            self.summary_exit = 2
            return write_error_message(exc, self.summary, lang)
        return fmt(pick(SUMMARY_WRITTEN, lang), {"file": self.summary, "units": len(units), "failed": len(failures)})


def plan_check(
    paths: list[Path], lang: str, *, rubric_file: Path | None = None, copy_to: Path | None = None,
    no_copy: bool = False, summary: Path | None = None, force: bool = False,
    select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), output_file: Path | None = None,
    allow_blank: bool = False,
) -> CheckPlan:
    """Decide the run; raises :class:`UsageProblem` or :class:`~xlscore.errors.RubricError` (both exit 2)."""
    if no_copy and copy_to is not None:
        raise UsageProblem("copy_and_no_copy")
    try:
        chosen, dropped = parse_codes(select), parse_codes(ignore)
    except UnknownCode as exc:
        raise UsageProblem("unknown_code", code=exc.args[0]) from None
    options = _options(rubric_file, lang)
    options.allow_blank = allow_blank
    collected = collect(paths)
    if copy_to is not None and len(collected.files) != 1:
        raise UsageProblem("copy_to_needs_one_file")
    inputs = Inputs(collected.files)
    if output_file is not None:
        reason = refusal(output_file, inputs, force=force, ours=written_report)
        if reason is not None:
            raise UsageProblem("refused_output", message=refusal_message(reason, output_file, lang))
    refused = {} if no_copy else copy_refusals(collected.files, copy_to, force=force, lang=lang)
    jobs = [Job(path, options, not no_copy, copy_to, refused.get(path)) for path in collected.files]
    plan = CheckPlan(collected, jobs, chosen, dropped, summary)
    if summary is not None:
        reason = refusal(summary, inputs, force=force)
        plan.summary_refused = refusal_message(reason, summary, lang) if reason else None
    return plan


def _options(rubric_file: Path | None, lang: str) -> CheckOptions:
    options = CheckOptions(lang=lang)
    if rubric_file is not None:
        from xlscore.rubric import load_rubric

        options.rubric = load_rubric(rubric_file, lang=lang)
        options.rubric_name = str(rubric_file)
    return options
