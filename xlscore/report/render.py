"""Renderers of reports: linter-style lines with a closing count, and one JSON document."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable

from xlscore import __version__
from xlscore.check.findings import Report, Severity, Totals
from xlscore.i18n import fmt, pick

WORDS = {
    "count": {
        "zh": "{file}:{errors} 个错误,{warnings} 个警告,{infos} 条提示",
        "en": "{file}: {errors} error(s), {warnings} warning(s), {infos} note(s)",
    },
    "total": {
        "zh": "共检查 {files} 个文件:{errors} 个错误,{warnings} 个警告,{infos} 条提示;{unreadable} 个文件无法校验",
        "en": "{files} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} note(s); {unreadable} could not be checked",
    },
    "unreadable": {"zh": "无法校验:{message}", "en": "cannot check: {message}"},
    "copy": {"zh": "{file}:已写出校验副本 {copy}", "en": "{file}: wrote the checked copy {copy}"},
}


def words(key: str, lang: str, **values: object) -> str:
    return fmt(pick(WORDS[key], lang), values)


def finding_lines(report: Report) -> list[str]:
    """``file:sheet!cell: CODE message`` for each finding (``file:sheet:`` or ``file:`` without a cell)."""
    lines = []
    for finding in report.findings:
        where = report.file
        if finding.sheet:
            where += f":{finding.sheet}" + (f"!{finding.cell}" if finding.cell else "")
        lines.append(f"{where}: {finding.code} {finding.message}")
    return lines


def text_lines(report: Report, lang: str) -> list[str]:
    if report.unreadable is not None:
        return [f"{report.file}: {words('unreadable', lang, message=report.unreadable)}"]
    counts = _counts([report])
    return finding_lines(report) + [words("count", lang, file=report.file, **counts)]


class Tally:
    """Running counts over many reports, so a batch need not keep every report."""

    def __init__(self) -> None:
        self.files = self.unreadable = self.worst = 0
        self.counts = {"errors": 0, "warnings": 0, "infos": 0}

    def add(self, report: Report) -> None:
        self.files += 1
        self.unreadable += report.unreadable is not None
        for key, value in _counts([report]).items():
            self.counts[key] += value
        self.worst = max(self.worst, report.exit_code)

    def line(self, lang: str) -> str:
        return words("total", lang, files=self.files, unreadable=self.unreadable, **self.counts)


def closing_line(reports: Iterable[Report], lang: str) -> str:
    tally = Tally()
    for report in reports:
        tally.add(report)
    return tally.line(lang)


def _counts(reports: list[Report]) -> dict[str, int]:
    return {
        "errors": sum(r.count(Severity.ERROR) for r in reports),
        "warnings": sum(r.count(Severity.WARNING) for r in reports),
        "infos": sum(r.count(Severity.INFO) for r in reports),
    }


def exit_code(reports: Iterable[Report]) -> int:
    """The worst file decides: 2 could not check, 1 errors found, 0 clean."""
    return max((r.exit_code for r in reports), default=0)


def _totals_json(totals: dict[str, Totals]) -> dict[str, Any]:
    return {
        p: {"sections": {k: _num(v) for k, v in t.sections.items()}, "grand": _num(t.grand)}
        for p, t in totals.items()
    }


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f")


def report_json(report: Report) -> dict[str, Any]:
    """One file's report as JSON-ready data (numbers as exact decimal strings)."""
    data: dict[str, Any] = {"file": report.file}
    if report.unreadable is not None:
        data.update(status="unreadable", message=report.unreadable, exit_code=2)
        return data
    data.update(
        status="checked",
        exit_code=report.exit_code,
        rubric={"id": report.rubric_id, "version": report.rubric_version, "sha256": report.rubric_sha256},
        unit=report.unit,
        period=report.period,
        counts={s.value: report.count(s) for s in Severity},
        totals=_totals_json(report.totals),
        shown_totals=_totals_json(report.shown_totals),
        findings=[f.to_json() for f in report.findings],
    )
    return data


def document_json(reports: list[Report]) -> dict[str, Any]:
    """The whole run as one JSON document (schema: ``docs/report.schema.json``)."""
    return {
        "xlscore": __version__,
        "exit_code": exit_code(reports),
        "counts": {
            "error": sum(r.count(Severity.ERROR) for r in reports),
            "warning": sum(r.count(Severity.WARNING) for r in reports),
            "info": sum(r.count(Severity.INFO) for r in reports),
            "unreadable": sum(1 for r in reports if r.unreadable is not None),
        },
        "files": [report_json(r) for r in reports],
    }
