"""``xlscore merge`` and ``xlscore diff``: options parsed here, the work done by :mod:`xlscore.round.outcomes`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from xlscore.cli_help import CONTEXT, LANG_OPTION, command_lang as _lang, early_lang
from xlscore.i18n import pick
from xlscore.report.terminal import visible

HELP = {
    "merge": {
        "zh": "合并两份副本:自查部分(录入、自查说明、封面自查人)取自第一份,考评部分取自第二份,写成一份新表并校验。\n\n"
              "两份须是同一评分细则、同一单位的表格。同一处在两份中填写不同即为冲突:逐格列出,不写出结果,"
              "除非用 --prefer self|assess 指定以哪份为准。也可给两个文件夹(-o 为输出文件夹),按单位配对"
              "(先按表内单位编号,再按封面单位名称,最后按文件名)。\n\n"
              "退出码:0 无错误,1 合并结果有错误,2 无法合并(文件不可用、细则或单位不同、有冲突)。",
        "en": "Merge two copies: the self-check side (inputs, self-check remarks, the cover's self-check fields) from the "
              "first, the assessed side from the second, into a fresh form that is then checked.\n\n"
              "Both must be forms of one rubric and one unit. A cell filled differently in both is a conflict: each is "
              "listed and nothing is written unless --prefer self|assess says which copy wins. Two folders may be given "
              "(-o is then a folder); their forms are paired by unit (embedded unit id, then cover name, then file name).\n\n"
              "Exit codes: 0 no errors, 1 the merged form has errors, 2 could not merge (unusable file, another rubric "
              "or unit, conflicts).",
    },
    "diff": {
        "zh": "对比同一单位的两次提交:列出每个改动的录入、说明、封面内容和公式(序号、项目、自查/考评、原值与新值),"
              "以及原有问题已更正、仍存在,或新增的问题。\n\n"
              "也可给两个文件夹(按单位配对),--summary 对比.xlsx 写出每个单位一行的对比汇总"
              "(已更正 / 仍有问题 / 未重新提交 / 无旧版本)。-o 变更.xlsx 写出含“变更表”的工作簿(仅单个文件对比)。\n\n"
              "退出码:0 新版本无错误,1 新版本仍有错误,2 无法对比(细则或单位不同、文件不可用)。",
        "en": "Compare two returns of one unit: every changed input, remark, cover field and formula (item, pass, old and "
              "new value), and which earlier findings are resolved, still there, or new.\n\n"
              "Two folders may be given (paired by unit); --summary comparison.xlsx writes one row per unit (corrected / "
              "problems remain / not resubmitted / no earlier copy). -o changes.xlsx writes a workbook with a Changes "
              "sheet (one pair of files only).\n\n"
              "Exit codes: 0 no errors in the later copy, 1 errors remain, 2 could not compare (another rubric or unit, "
              "unusable file).",
    },
    "output": {"zh": "合并结果文件(两个文件夹时为输出文件夹)。", "en": "The merged form (a folder when merging two folders)."},
    "prefer": {"zh": "冲突时以哪份为准:self(自查副本)或 assess(考评副本)。",
               "en": "Which copy wins a conflict: self (the self-check copy) or assess (the assessment copy)."},
    "roster": {"zh": "名单文件:按名单确认两份是同一单位(并用于文件夹配对)。",
               "en": "Roster: confirm both copies are one unit's (and pair folders by it)."},
    "force": {"zh": "覆盖已存在的输出文件(输入文件永不覆盖)。", "en": "Replace existing outputs (inputs are never written)."},
    "format": {"zh": "输出格式:text(默认)或 json。", "en": "Output format: text (default) or json."},
    "no_copy": {"zh": "不写出合并结果的校验副本。", "en": "Do not write the merged form's checked copy."},
    "quiet": {"zh": "只输出计数,不逐条列出问题。", "en": "Print counts only, not each finding."},
    "allow_blank": {"zh": "已开始填写的部分中的空白录入按 0 计。", "en": "Count blank inputs of a started pass as 0."},
    "diff_output": {"zh": "写出含“变更表”的工作簿。", "en": "Write a workbook with a Changes sheet."},
    "summary": {"zh": "对比两个文件夹时,写出每个单位一行的对比汇总工作簿。",
                "en": "With two folders, write a summary workbook with one row per unit."},
}


def _help(key: str) -> str:
    return pick(HELP[key], early_lang())


def _roster(ctx: click.Context, path: Path | None, lang: str):  # type: ignore[no-untyped-def]
    if path is None:
        return None
    from xlscore.cli_round import roster_problems
    from xlscore.round.roster import RosterError, read_roster

    try:
        return read_roster(path)
    except RosterError as exc:
        roster_problems(ctx, exc, lang)


def _emit(lines: list[str]) -> None:
    for line in lines:
        click.echo(visible(line))


def _same_kind(ctx: click.Context, first: Path, second: Path, lang: str) -> bool:
    from xlscore.round.merge_words import say

    if first.is_dir() != second.is_dir():
        raise click.UsageError(say("folders_or_files", lang), ctx)
    return first.is_dir()


@click.command(context_settings=CONTEXT, help=_help("merge"))
@click.argument("self_copy", type=click.Path(exists=True, path_type=Path))
@click.argument("assess_copy", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help=_help("output"))
@click.option("--prefer", type=click.Choice(["self", "assess"]), default=None, help=_help("prefer"))
@click.option("--roster", "roster_file", type=click.Path(dir_okay=False, path_type=Path), help=_help("roster"))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", help=_help("format"))
@click.option("--no-copy", is_flag=True, help=_help("no_copy"))
@click.option("-q", "--quiet", is_flag=True, help=_help("quiet"))
@click.option("--allow-blank", is_flag=True, help=_help("allow_blank"))
@click.option("--force", is_flag=True, help=_help("force"))
@LANG_OPTION
@click.pass_context
def merge(ctx: click.Context, self_copy: Path, assess_copy: Path, output: Path, prefer: str | None,
          roster_file: Path | None, output_format: str, no_copy: bool, quiet: bool, allow_blank: bool, force: bool,
          lang: str | None) -> None:
    from xlscore.round.merge_render import document
    from xlscore.round.outcomes import MergeRun, merge_folders, merge_pair, unpaired_lines
    from xlscore.round.merge_words import say

    lang = _lang(ctx, lang)
    run = MergeRun(prefer, _roster(ctx, roster_file, lang), force, lang, not no_copy, allow_blank, quiet)
    if not _same_kind(ctx, self_copy, assess_copy, lang):
        outcome = merge_pair(self_copy, assess_copy, output, run)
        if output_format == "json":
            click.echo(json.dumps(document("merge", outcome.data, outcome.exit_code), ensure_ascii=False, indent=2))
        else:
            _emit(outcome.lines)
        ctx.exit(outcome.exit_code)
    pairing, outcomes = merge_folders(self_copy, assess_copy, output, run)
    worst = max([o.exit_code for o in outcomes] + [2 if not outcomes else 0])
    if output_format == "json":
        body = {"pairs": [o.data for o in outcomes], "unpaired": [str(p) for p in (*pairing.only_first, *pairing.only_second)]}
        click.echo(json.dumps(document("merge", body, worst), ensure_ascii=False, indent=2))
    else:
        for outcome in outcomes:
            _emit(outcome.lines)
        _emit(unpaired_lines(pairing, lang))
        done = sum(1 for o in outcomes if o.output is not None)
        _emit([say("folder_closing", lang, pairs=len(outcomes), done=done, failed=len(outcomes) - done,
                   unpaired=len(pairing.only_first) + len(pairing.only_second))])
    ctx.exit(worst)


@click.command(context_settings=CONTEXT, help=_help("diff"))
@click.argument("old", type=click.Path(exists=True, path_type=Path))
@click.argument("new", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help=_help("diff_output"))
@click.option("--summary", type=click.Path(dir_okay=False, path_type=Path), default=None, help=_help("summary"))
@click.option("--roster", "roster_file", type=click.Path(dir_okay=False, path_type=Path), help=_help("roster"))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", help=_help("format"))
@click.option("--force", is_flag=True, help=_help("force"))
@LANG_OPTION
@click.pass_context
def diff(ctx: click.Context, old: Path, new: Path, output: Path | None, summary: Path | None, roster_file: Path | None,
         output_format: str, force: bool, lang: str | None) -> None:
    from xlscore.round.merge_render import document
    from xlscore.round.outcomes import diff_folders, diff_pair, unpaired_lines

    lang = _lang(ctx, lang)
    roster = _roster(ctx, roster_file, lang)
    folders = _same_kind(ctx, old, new, lang)
    for target in (output, summary):
        _guard(ctx, target, [old, new], force, lang)
    if not folders:
        outcome = diff_pair(old, new, lang, roster)
        lines, data, worst = outcome.lines, outcome.data, outcome.exit_code
        if output is not None and outcome.comparison is not None:
            worst = max(worst, _write(ctx, "changes", outcome.comparison, output, lang, lines))
    else:
        pairing, compared = diff_folders(old, new, lang, roster)
        lines = [line for *_files, o in compared for line in o.lines] + unpaired_lines(pairing, lang)
        data = {"pairs": [o.data for *_files, o in compared],
                "unpaired": [str(p) for p in (*pairing.only_first, *pairing.only_second)]}
        worst = max([o.exit_code for *_f, o in compared] + [2 if not compared else 0])
        if summary is not None:
            from xlscore.round.outcomes import summary_rows

            worst = max(worst, _write(ctx, "summary", summary_rows(pairing, compared), summary, lang, lines))
    if output_format == "json":
        click.echo(json.dumps(document("diff", data, worst), ensure_ascii=False, indent=2))
    else:
        _emit(lines)
    ctx.exit(worst)


def _guard(ctx: click.Context, target: Path | None, inputs: list[Path], force: bool, lang: str) -> None:
    from xlscore.report.outputs import Inputs, refusal, refusal_message

    if target is None:
        return
    reason = refusal(target, Inputs(inputs), force=force)
    if reason is not None:
        click.echo(visible(refusal_message(reason, target, lang)), err=True)
        ctx.exit(2)


def _write(ctx: click.Context, kind: str, content, target: Path, lang: str, lines: list[str]) -> int:  # type: ignore[no-untyped-def]
    from xlscore.report.outputs import write_error_message
    from xlscore.round.merge_render import write_changes, write_comparison_summary
    from xlscore.round.merge_words import say

    try:
        if kind == "changes":
            write_changes(content, target, lang)
            lines.append(say("changes_written", lang, file=target))
        else:
            write_comparison_summary(content, target, lang)
            lines.append(say("summary_written", lang, file=target, units=len(content)))
    except OSError as exc:
        click.echo(visible(write_error_message(exc, target, lang)), err=True)
        return 2
    return 0
