"""Merge and diff as the command line and the web page run them: one pair or two folders, outputs guarded.

Each run gives an outcome with its lines, its JSON and its exit code (0 clean, 1 errors found, 2 could
not merge or compare: refused, or in conflict), so the fronts only render.
Inputs are never written; an output is never an input, and never replaces a file xlscore did not
write unless ``force``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlscore.batch.runner import RunResult, check_one, copy_path
from xlscore.check.checker import CheckOptions
from xlscore.report.outputs import Inputs, refusal, refusal_message, write_error_message
from xlscore.report.render import report_json, text_lines, words
from xlscore.round.diff import Comparison, compare
from xlscore.round.merge import MergePlan, MergeRefused, open_pair, plan_merge, refuse_mismatch, write_merged
from xlscore.round.merge_render import conflict_lines, diff_json, diff_lines, merge_json, unit_status
from xlscore.round.merge_words import refused as refused_text, say
from xlscore.round.pairing import Pairing, pair_folders


@dataclass
class MergeRun:
    """Options of a merge: which copy wins a conflict, the roster, replacing outputs, the check's options."""

    prefer: str | None = None
    roster: Any = None
    force: bool = False
    lang: str = "zh"
    write_copy: bool = True
    allow_blank: bool = False
    quiet: bool = False


@dataclass
class Outcome:
    """One pair's result: lines to print, JSON, exit code (2: refused, nothing written)."""

    lines: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    exit_code: int = 0
    output: Path | None = None
    copy: Path | None = None
    comparison: Comparison | None = None


def merge_pair(self_path: Path, assess_path: Path, out: Path, run: MergeRun) -> Outcome:
    """Merge two copies into ``out`` and check the result; exit 2 when refused or in conflict (nothing written)."""
    lang = run.lang
    reason = refusal(out, Inputs([self_path, assess_path]), force=run.force)
    if reason is not None:
        return _refused(refusal_message(reason, out, lang), {"self_copy": str(self_path), "assess_copy": str(assess_path)})
    try:
        first, second = open_pair(self_path, assess_path)
        refuse_mismatch(first, second, run.roster)
    except MergeRefused as exc:
        return _refused(refused_text(exc.reason, lang, exc.values), {"self_copy": str(self_path),
                                                                      "assess_copy": str(assess_path)})
    plan = plan_merge(first, second, run.prefer)
    lines = conflict_lines(plan, out, lang)
    if not plan.writable:
        return Outcome(lines, {"merge": merge_json(plan, out, False)}, 2)
    try:
        write_merged(plan, out)
    except OSError as exc:
        return Outcome(lines + [write_error_message(exc, out, lang)], {"merge": merge_json(plan, out, False)}, 2)
    lines.append(say("merged", lang, self_copy=self_path, assess_copy=assess_path, out=out))
    if plan.borrowed:
        lines.append(say("borrowed", lang, count=len(plan.borrowed), first=plan.borrowed[0]))
    return _checked(plan, out, run, lines)


def _checked(plan: MergePlan, out: Path, run: MergeRun, lines: list[str]) -> Outcome:
    lang = run.lang
    target = copy_path(out)
    refused = None
    if run.write_copy:
        why = refusal(target, Inputs([out, Path(plan.self_copy.file), Path(plan.assess_copy.file)]), force=run.force,
                      ours_by_name=True)
        refused = refusal_message(why, target, lang) if why else None
    result: RunResult = check_one(out, CheckOptions(lang=lang, allow_blank=run.allow_blank), write_copy=run.write_copy,
                                  refused=refused)
    lines += text_lines(result.report, lang, quiet=run.quiet)
    if result.copy is not None and not run.quiet:
        lines.append(words("copy", lang, file=out, copy=result.copy))
    if result.copy_error:
        lines.append(result.copy_error)
    data = {"merge": merge_json(plan, out, True),
            "report": report_json(result.report, str(result.copy) if result.copy else None, result.copy_error)}
    exit_code = max(result.report.exit_code, 2 if result.copy_error else 0)
    return Outcome(lines, data, exit_code, out, result.copy)


def _refused(message: str, data: dict[str, Any]) -> Outcome:
    return Outcome([message], dict(data, refused=message), 2)


def merge_folders(self_dir: Path, assess_dir: Path, out_dir: Path, run: MergeRun) -> tuple[Pairing, list[Outcome]]:
    """Pair the forms of two folders by unit and merge each pair into ``out_dir`` under the 自查 copy's name."""
    pairing = pair_folders(self_dir, assess_dir, run.roster)
    outcomes = []
    if pairing.pairs:
        out_dir.mkdir(parents=True, exist_ok=True)
    for _unit, first, second in pairing.pairs:
        outcomes.append(merge_pair(first, second, out_dir / first.name, run))
    return pairing, outcomes


def diff_pair(old: Path, new: Path, lang: str = "zh", roster: Any = None) -> Outcome:
    """Compare two returns of one unit: exit 0 no error left in the later copy, 1 errors remain, 2 not comparable."""
    try:
        comparison = compare(old, new, lang, roster)
    except MergeRefused as exc:
        return _refused(refused_text(exc.reason, lang, exc.values), {"old": str(old), "new": str(new)})
    return Outcome(diff_lines(comparison, lang), diff_json(comparison), comparison.exit_code, comparison=comparison)


def diff_folders(old_dir: Path, new_dir: Path, lang: str = "zh", roster: Any = None) -> tuple[Pairing, list[tuple[str, Path, Path, Outcome]]]:
    """Compare every unit's earlier and later return, the folders paired by unit."""
    pairing = pair_folders(old_dir, new_dir, roster)
    return pairing, [(unit, old, new, diff_pair(old, new, lang, roster)) for unit, old, new in pairing.pairs]


def summary_rows(pairing: Pairing, compared: list[tuple[str, Path, Path, Outcome]]) -> list[tuple[str, str, str, Comparison | None, str]]:
    """Rows of the comparison summary: each compared unit, then the files found in one folder only."""
    rows = [(unit, str(old), str(new), o.comparison, unit_status(o.comparison)) for unit, old, new, o in compared]
    rows += [(p.stem, str(p), "", None, "only_old") for p in pairing.only_first]
    rows += [(p.stem, "", str(p), None, "only_new") for p in pairing.only_second]
    return rows


def unpaired_lines(pairing: Pairing, lang: str) -> list[str]:
    return [say("unpaired", lang, file=p) for p in (*pairing.only_first, *pairing.only_second)]
