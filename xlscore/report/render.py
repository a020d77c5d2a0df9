"""Renderers of reports: linter-style lines with a closing count, and one JSON document."""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from xlscore import __version__
from xlscore.cells import quote_sheet
from xlscore.check.findings import Finding, Report, Severity, Totals
from xlscore.form.wording import pass_name
from xlscore.i18n import fmt, pick
from xlscore.report.terminal import visible

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
    "affects": {"zh": "影响:{cells}", "en": "affects: {cells}"},
    "copy": {"zh": "{file}:已写出校验副本 {copy}", "en": "{file}: wrote the checked copy {copy}"},
}
SEVERITY = {
    Severity.ERROR: {"zh": "错误", "en": "error"},
    Severity.WARNING: {"zh": "警告", "en": "warning"},
    Severity.INFO: {"zh": "提示", "en": "note"},
}


#: How a consequence is named in its root's 影响 line.
AFFECTED = {
    "CALC001": {"zh": "扣分", "en": "deduction"},
    "CALC002": {"zh": "得分", "en": "score"},
    "CALC003": {"zh": "小计", "en": "subtotal"},
    "CALC004": {"zh": "合计", "en": "total"},
    "CALC005": {"zh": "汇总", "en": "summary"},
    "CALC009": {"zh": "错误值", "en": "error value"},
    "CALC010": {"zh": "得分不可达", "en": "unreachable score"},
}


#: The lines a text report ends with (a file's count or could-not-check line, its copy, the run's count).
CLOSING = ("count", "total", "copy", "unreadable")
REPORT_TAIL_BYTES = 1 << 16
_JSON_START = b'{\n  "xlscore": "'


def written_report(path: Path) -> bool:
    """Whether ``path`` holds a report xlscore wrote (``--output-file``): so a later run may replace it.

    A JSON report opens with its ``xlscore`` version; a text report ends with one of xlscore's closing
    lines, in either language. Anything else, an empty file included, is someone else's.
    """
    try:
        with open(path, "rb") as handle:
            if handle.read(len(_JSON_START)) == _JSON_START:
                return True
            handle.seek(max(0, path.stat().st_size - REPORT_TAIL_BYTES))
            tail = handle.read(REPORT_TAIL_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    lines = [line for line in tail.splitlines() if line.strip()]
    return bool(lines) and _closing_line().match(lines[-1]) is not None


@functools.lru_cache(maxsize=1)
def _closing_line() -> re.Pattern[str]:
    def pattern(template: str) -> str:
        return re.sub(r"\\\{\w+\\\}", ".*", re.escape(template))

    templates = [text for key in CLOSING for text in WORDS[key].values()]
    return re.compile("|".join(f"(?:.*{pattern(t)})" for t in templates))


def words(key: str, lang: str, **values: object) -> str:
    """A line of the report; every value is made terminal-safe (file names and cell text may hold controls)."""
    return fmt(pick(WORDS[key], lang), {k: visible(v) for k, v in values.items() if v is not None})


def finding_lines(report: Report, lang: str = "zh") -> list[str]:
    """``file:'sheet'!cell: 错误 CODE message`` for each root finding (``file:'sheet':`` or ``file:`` without a cell),
    each followed by one indented line summarising what only follows from it (``影响:小计 I38,合计 I119,…``).

    The sheet is quoted as Excel writes it in a reference; control characters anywhere are escaped.
    """
    lines = []
    ids = {f.id for f in report.findings}
    following: dict[str, list[Finding]] = {}
    for finding in report.findings:
        if finding.caused_by is not None and finding.caused_by in ids:
            following.setdefault(finding.caused_by, []).append(finding)
    for finding in report.findings:
        if finding.caused_by is not None and finding.caused_by in ids:
            continue
        where = report.file
        if finding.sheet:
            where += f":{quote_sheet(finding.sheet)}" + (f"!{finding.cell}" if finding.cell else "")
        severity = pick(SEVERITY[finding.severity], lang)
        lines.append(visible(f"{where}: {severity} {finding.code} {finding.message}"))
        if finding.id in following:
            lines.append(visible("    " + words("affects", lang, cells=affected(following[finding.id], finding.sheet, lang))))
    return lines


def affected(findings: list[Finding], root_sheet: str | None, lang: str) -> str:
    """``小计 I38,合计 I119,汇总 D4/D6/F4/F6``: what follows from a root, by kind, in order."""
    groups: dict[str, list[str]] = {}
    for f in findings:
        label = pick(AFFECTED.get(f.code, {"zh": f.code, "en": f.code}), lang)
        cell = f.cell or ""
        if f.sheet and f.sheet != root_sheet and f.code != "CALC005":
            cell = f"{f.sheet}!{cell}"
        groups.setdefault(label, []).append(cell)
    sep = "," if lang != "en" else ", "
    return sep.join(f"{label} {'/'.join(cells)}" for label, cells in groups.items())


def status_line(report: Report, lang: str) -> str:
    """自查已完成,考评未完成 2 项: each pass's state, as the summary's status column says it."""
    gap, sep = (" ", ", ") if lang == "en" else ("", ",")
    return sep.join(f"{pass_name(p, lang)}{gap}{s.label(lang)}" for p, s in report.passes.items())


def text_lines(report: Report, lang: str, *, quiet: bool = False) -> list[str]:
    """A file's lines: its findings and its count, or its one "could not check" line (``quiet``: the count only)."""
    if report.unreadable is not None:
        return [visible(f"{report.file}: {words('unreadable', lang, message=report.unreadable)}")]
    counts = _counts([report])
    closing = [words("count", lang, file=report.file, **counts)]
    if report.passes:
        closing[0] += (";" if lang != "en" else "; ") + status_line(report, lang)
    return closing if quiet else finding_lines(report, lang) + closing


class Tally:
    """Running counts over many reports, so a batch need not keep every report."""

    def __init__(self) -> None:
        self.files = self.unreadable = self.worst = 0
        self.counts = {"errors": 0, "warnings": 0, "infos": 0}

    def add(self, report: Report, *, copy_failed: bool = False) -> None:
        """Count ``report``; a checked copy that could not be written makes the run exit 2."""
        self.files += 1
        self.unreadable += report.unreadable is not None
        for key, value in _counts([report]).items():
            self.counts[key] += value
        self.worst = max(self.worst, report.exit_code, 2 if copy_failed else 0)

    def exit_code(self, exit_zero: bool = False) -> int:
        """The run's exit code; ``exit_zero`` forgives found errors (1), never what could not be done (2)."""
        return 0 if exit_zero and self.worst == 1 else self.worst

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
    out: dict[str, Any] = {}
    for p, t in totals.items():
        out[p] = {"sections": {k: _num(v) for k, v in t.sections.items()}, "grand": _num(t.grand)}
        if t.reasons:
            out[p]["reasons"] = dict(t.reasons)
    return out


def _num(value: Decimal | None) -> str | None:
    """An exact decimal string; None (JSON null) for a total that is not final."""
    return None if value is None else format(value.normalize(), "f")


def report_json(report: Report, copy: str | None = None, copy_error: str | None = None) -> dict[str, Any]:
    """One file's report as JSON-ready data (numbers as exact decimal strings), with its checked copy's path."""
    data: dict[str, Any] = {"file": report.file}
    if report.unreadable is not None:
        data.update(status="unreadable", message=report.unreadable, exit_code=2)
        return data
    data.update(
        status="checked",
        checked_copy=copy,
        copy_error=copy_error,
        exit_code=report.exit_code,
        rubric={"id": report.rubric_id, "version": report.rubric_version, "sha256": report.rubric_sha256},
        unit=report.unit,
        period=report.period,
        counts={s.value: report.count(s) for s in Severity},
        passes={p: status.to_json() for p, status in report.passes.items()},
        complete=report.complete,
        totals=_totals_json(report.totals),
        shown_totals=_totals_json(report.shown_totals),
        findings=[f.to_json() for f in report.findings],
    )
    return data


def document_json(reports: list[Report], copies: dict[str, tuple[str | None, str | None]] | None = None) -> dict[str, Any]:
    """The whole run as one JSON document (schema: ``docs/report.schema.json``).

    ``copies`` maps a file to (its checked copy's path, why it could not be written); a copy that
    could not be written makes the run's exit code 2.
    """
    copies = copies or {}
    failed_copy = any(error for _copy, error in copies.values())
    return {
        "xlscore": __version__,
        "exit_code": max(exit_code(reports), 2 if failed_copy else 0),
        "counts": {
            "error": sum(r.count(Severity.ERROR) for r in reports),
            "warning": sum(r.count(Severity.WARNING) for r in reports),
            "info": sum(r.count(Severity.INFO) for r in reports),
            "unreadable": sum(1 for r in reports if r.unreadable is not None),
        },
        "files": [report_json(r, *copies.get(r.file, (None, None))) for r in reports],
    }
