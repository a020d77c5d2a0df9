"""The ``xlscore`` command line: parses options, calls the library, renders its results. No scoring here."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from xlscore import __version__
from xlscore.cli_errors import ARGS_KEY, worded
from xlscore.cli_round import RoundHook, generate_for_roster, roster, round_help
from xlscore.cli_help import CONTEXT, LANG_OPTION, Group, command_lang as _lang, early_lang, help_text
from xlscore.errors import RubricError, RubricProblem
from xlscore.i18n import LANGS
from xlscore.messages import DEFAULT_OUTPUT, cli_text
from xlscore.report.terminal import tolerant_streams, visible


class _Guarded(Group):
    """Turns an unexpected exception into one readable line and exit code 2 (no traceback for users),
    and click's usage errors into the user's language (:mod:`xlscore.cli_errors`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta.setdefault(ARGS_KEY, list(args))  # the whole command line, for the language of an error
        return super().parse_args(ctx, args)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: object) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[arg-type]
        except click.ClickException as exc:
            raise worded(exc) from None

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, SystemExit):
            raise
        except (click.ClickException, click.Abort, KeyboardInterrupt) as exc:
            raise worded(exc) from None
        except BrokenPipeError:
            # The reader of our output went away (`xlscore check … | head`): stop quietly, as Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(1)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if os.environ.get("XLSCORE_DEBUG"):
                raise
            lang = (ctx.obj or {}).get("lang") or early_lang([])
            detail = str(exc).splitlines()[0][:200] if str(exc) else ""
            click.echo(cli_text("internal_error", lang, kind=type(exc).__name__, detail=detail), err=True)
            ctx.exit(2)


@click.group(cls=_Guarded, context_settings=CONTEXT, help=help_text("main"))
@click.version_option(__version__, "--version", prog_name="xlscore", help=help_text("version"),
                      message=help_text("version_line"))
@LANG_OPTION
@click.pass_context
def main(ctx: click.Context, lang: str | None) -> None:
    tolerant_streams()
    ctx.obj = {"lang": lang or early_lang([])}


@main.group(context_settings=CONTEXT, help=help_text("rubric"))
def rubric() -> None:
    pass


@rubric.command("show", context_settings=CONTEXT, help=help_text("rubric_show"))
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", help=help_text("format"))
@LANG_OPTION
@click.pass_context
def rubric_show(ctx: click.Context, file: Path | None, output_format: str, lang: str | None) -> None:
    from xlscore.rubric import load_rubric
    from xlscore.rubric.render import show_data, show_text

    lang = _lang(ctx, lang)
    try:
        loaded = load_rubric(file, lang=lang)
    except RubricError as exc:
        _print_problems(exc.file, exc.problems, lang)
        ctx.exit(2 if exc.unreadable else 1)
    if output_format == "json":
        click.echo(json.dumps(show_data(loaded, lang), ensure_ascii=False, indent=2))
    else:
        click.echo(show_text(loaded, lang))


@rubric.command("import", context_settings=CONTEXT, help=help_text("rubric_import"))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=help_text("import_output"))
@click.option("--format", "output_format", type=click.Choice(["xlsx", "yaml"]), default=None,
              help=help_text("import_format"))
@click.option("--force", is_flag=True, help=help_text("generate_force"))
@LANG_OPTION
@click.pass_context
def rubric_import(ctx: click.Context, file: Path, output: Path | None, output_format: str | None, force: bool,
                  lang: str | None) -> None:
    from xlscore.rubric.importer.errors import RubricImportError
    from xlscore.rubric.importer.output import OutputRefused, import_to_file, report_lines

    lang = _lang(ctx, lang)
    try:
        outcome = import_to_file(file, output, output_format, force)
    except RubricImportError as exc:
        click.echo(exc.message(lang), err=True)
        ctx.exit(2)
    except OutputRefused as exc:
        click.echo(exc.message(lang), err=True)
        ctx.exit(2)
    except OSError as exc:
        click.echo(cli_text("cannot_write", lang, file=output or file, reason=exc.strerror or exc), err=True)
        ctx.exit(2)
    for line in report_lines(outcome, lang):
        click.echo(line)
    ctx.exit(outcome.exit_code)


@rubric.command("template", context_settings=CONTEXT, help=help_text("rubric_template"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("考核细则制作表.xlsx"),
              show_default=True, help=help_text("template_output"))
@click.option("--force", is_flag=True, help=help_text("generate_force"))
@LANG_OPTION
@click.pass_context
def rubric_template(ctx: click.Context, output: Path, force: bool, lang: str | None) -> None:
    from xlscore.rubric.authoring.template import write_template

    lang = _lang(ctx, lang)
    if output.exists() and not force:
        click.echo(cli_text("output_exists", lang, file=output), err=True)
        ctx.exit(2)
    try:
        write_template(output)
    except OSError as exc:
        click.echo(cli_text("cannot_write", lang, file=output, reason=exc.strerror or exc), err=True)
        ctx.exit(2)
    click.echo(cli_text("template_written", lang, file=output))


@rubric.command("check", context_settings=CONTEXT, help=help_text("rubric_check"))
@click.argument("file", required=False, type=click.Path(path_type=Path))
@LANG_OPTION
@click.pass_context
def rubric_check(ctx: click.Context, file: Path | None, lang: str | None) -> None:
    from xlscore.rubric import load_rubric_checked, rubric_sha256

    lang = _lang(ctx, lang)
    try:
        loaded = load_rubric_checked(file, lang=lang)
    except RubricError as exc:
        _print_problems(exc.file, exc.problems, lang)
        if exc.unreadable:
            ctx.exit(2)
        click.echo(cli_text("rubric_invalid", lang, file=exc.file, errors=len(exc.problems)), err=True)
        ctx.exit(1)
    _print_problems(loaded.file, loaded.warnings, lang)
    r = loaded.rubric
    click.echo(
        cli_text(
            "rubric_valid", lang, file=loaded.file, id=r.id, version=r.version, sections=len(r.sections),
            items=len(r.all_items()), sha=rubric_sha256(r)[:12],
        )
    )
    if loaded.warnings:
        click.echo(cli_text("warnings_count", lang, count=len(loaded.warnings)))


@main.command(context_settings=CONTEXT, help=help_text("check"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--rubric", "rubric_file", type=click.Path(path_type=Path), help=help_text("check_rubric"))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", help=help_text("format"))
@click.option("--copy-to", type=click.Path(path_type=Path), help=help_text("copy_to"))
@click.option("--no-copy", is_flag=True, help=help_text("no_copy"))
@click.option("--summary", type=click.Path(path_type=Path), help=help_text("summary"))
@click.option("--force", is_flag=True, help=help_text("force"))
@click.option("-q", "--quiet", is_flag=True, help=help_text("quiet"))
@click.option("--select", multiple=True, metavar="CODE[,CODE]", help=help_text("select"))
@click.option("--ignore", multiple=True, metavar="CODE[,CODE]", help=help_text("ignore"))
@click.option("--exit-zero", is_flag=True, help=help_text("exit_zero"))
@click.option("--output-file", type=click.Path(path_type=Path), help=help_text("output_file"))
@click.option("--jobs", type=click.IntRange(min=1), default=None, help=help_text("jobs"))
@click.option("--allow-blank", is_flag=True, help=help_text("allow_blank"))
@click.option("--roster", "roster_file", type=click.Path(dir_okay=False, path_type=Path), help=round_help("check_roster"))
@LANG_OPTION
@click.pass_context
def check(
    ctx: click.Context, paths: tuple[Path, ...], rubric_file: Path | None, output_format: str,
    copy_to: Path | None, no_copy: bool, summary: Path | None, force: bool, quiet: bool,
    select: tuple[str, ...], ignore: tuple[str, ...], exit_zero: bool, output_file: Path | None,
    jobs: int | None, allow_blank: bool, roster_file: Path | None, lang: str | None,
) -> None:
    lang = _lang(ctx, lang)
    _require_defusedxml(ctx, lang)
    rounds = RoundHook(ctx, roster_file, lang)
    from xlscore.batch.plan import UsageProblem, plan_check
    from xlscore.batch.pool import default_jobs, run_jobs
    from xlscore.report.console import console
    from xlscore.report.render import Tally, document_json, text_lines, words

    try:
        plan = plan_check(list(paths), lang, rubric_file=rubric_file, copy_to=copy_to, no_copy=no_copy,
                          summary=summary, force=force, select=select, ignore=ignore, output_file=output_file,
                          allow_blank=allow_blank)
    except UsageProblem as problem:
        raise click.UsageError(problem.message(lang), ctx) from None
    except RubricError as exc:
        _print_problems(exc.file, exc.problems, lang)
        ctx.exit(2)
    plan.jobs = rounds.jobs(plan.jobs)
    for skipped in plan.collected.skipped:
        click.echo(visible(skipped.message(lang)), err=True)
    if not plan.jobs:
        click.echo(cli_text("no_workbooks", lang, paths=visible(", ".join(str(p) for p in paths))), err=True)
        for line in rounds.lines() if output_format == "text" else []:  # with a roster: every unit still missing
            click.echo(line)
        ctx.exit(2)
    tally, reports, copies, rows = Tally(), [], {}, []
    with console(len(plan.jobs), lang, output_file) as out:
        for result in run_jobs(plan.jobs, jobs or default_jobs()):
            out.step()
            report = plan.shown(result.report)
            tally.add(report, copy_failed=result.copy_error is not None)
            rounds.add(result.report)
            if output_format == "json":
                reports.append(report)
                copies[report.file] = (str(result.copy) if result.copy else None, result.copy_error)
            else:
                for line in text_lines(report, lang, quiet=quiet):
                    out.line(line)
                if result.copy is not None and not quiet:
                    out.line(words("copy", lang, file=report.file, copy=result.copy))
            if result.copy_error is not None:
                out.note(visible(plan.copy_failed(result, lang)))
            if summary is not None:
                rows.append(plan.summary_row(result))
        if output_format == "json":
            out.line(json.dumps(rounds.document(document_json(reports, copies)), ensure_ascii=False, indent=2))
        else:
            for line in rounds.lines():
                out.line(line)
            if tally.files != 1:
                out.line(tally.line(lang))
    if out.unwritten is not None:
        click.echo(visible(out.unwritten), err=True)
        tally.worst = 2
    tally.worst = max(tally.worst, rounds.exit_code)
    if summary is not None:
        _write_summary(ctx, plan, *rounds.summary(rows), lang, quiet_stdout=output_format == "json" or output_file is not None)
        tally.worst = max(tally.worst, plan.summary_exit)
    ctx.exit(tally.exit_code(exit_zero))


def _write_summary(ctx: click.Context, plan, rows: list, lead, lang: str, quiet_stdout: bool) -> None:  # type: ignore[no-untyped-def,type-arg]
    message = plan.write_summary(rows, lang, lead)
    click.echo(visible(message), err=quiet_stdout or plan.summary_exit != 0)


def _require_defusedxml(ctx: click.Context, lang: str) -> None:
    """Workbooks are untrusted: refuse to read them without defusedxml's protection."""
    try:
        import defusedxml  # noqa: F401
    except ImportError:
        click.echo(cli_text("no_defusedxml", lang), err=True)
        ctx.exit(2)


@main.command(context_settings=CONTEXT, help=help_text("generate"))
@click.option("--rubric", "rubric_file", type=click.Path(dir_okay=False, path_type=Path), help=help_text("generate_rubric"))
@click.option("-o", "--output", type=click.Path(path_type=Path), help=help_text("generate_output"))
@click.option("--roster", "roster_file", type=click.Path(dir_okay=False, path_type=Path), help=round_help("generate_roster"))
@click.option("--unit", default="", help=help_text("unit"))
@click.option("--period", default="", help=help_text("period"))
@click.option("--var", "variables", multiple=True, metavar="KEY=VALUE", help=help_text("var"))
@click.option("--password", default=None, help=help_text("password"))
@click.option("--self-password", default=None, help=help_text("self_password"))
@click.option("--assess-password", default=None, help=help_text("assess_password"))
@click.option("--force", is_flag=True, help=help_text("generate_force"))
@click.option("--lang", type=click.Choice(LANGS), default=None, help=help_text("generate_lang"))
@click.pass_context
def generate(
    ctx: click.Context, rubric_file: Path | None, output: Path | None, unit: str, period: str,
    variables: tuple[str, ...], password: str | None, self_password: str | None, assess_password: str | None,
    force: bool, lang: str | None, roster_file: Path | None = None,
) -> None:
    from xlscore.generate import GenerateOptions, generate_workbook, pass_passwords, workbook_layout
    from xlscore.rubric import load_rubric

    lang = _lang(ctx, lang)
    try:
        rubric = load_rubric(rubric_file, lang=lang)
    except RubricError as exc:
        _print_problems(exc.file, exc.problems, lang)
        ctx.exit(2)
    values = _parse_vars(ctx, variables, rubric.vars, lang)
    if roster_file is not None:
        options = GenerateOptions(period=period, vars=values, password=password, lang=lang,
                                  self_password=self_password, assess_password=assess_password)
        generate_for_roster(ctx, rubric, roster_file, output, options, force, lang)
        return
    out = output or Path(DEFAULT_OUTPUT.get(lang, DEFAULT_OUTPUT["zh"]))
    if out.exists() and not force:
        click.echo(cli_text("output_exists", lang, file=out), err=True)
        ctx.exit(2)
    options = GenerateOptions(unit=unit, period=period, vars=values, password=password, lang=lang,
                              self_password=self_password, assess_password=assess_password)
    try:
        pass_passwords(options)
    except ValueError:
        click.echo(cli_text("pass_password_alone", lang), err=True)
        ctx.exit(2)
    try:
        generate_workbook(rubric, out, options)
    except OSError as exc:
        from xlscore.report.outputs import write_error_message

        click.echo(write_error_message(exc, out, lang), err=True)
        ctx.exit(2)
    layout = workbook_layout(rubric, options)
    click.echo(cli_text(
        "generated", lang, file=out, id=rubric.id, version=rubric.version, sheets=len(layout.sheets),
        items=len(rubric.all_items()), names=len(layout.slots),
    ))


def _parse_vars(ctx: click.Context, variables: tuple[str, ...], known: dict[str, str], lang: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for entry in variables:
        name, sep, value = entry.partition("=")
        if not sep or not name.strip():
            click.echo(cli_text("bad_var", lang, value=entry), err=True)
            ctx.exit(2)
        if name.strip() not in known:
            click.echo(cli_text("unknown_var", lang, name=name.strip(), known=", ".join(sorted(known)) or "—"), err=True)
            ctx.exit(2)
        values[name.strip()] = value
    return values


def _print_problems(file: str, problems: list[RubricProblem], lang: str) -> None:
    for problem in problems:
        label = cli_text("error" if problem.severity == "error" else "warning", lang)
        click.echo(visible(f"{problem.where(file)}: {label}: {problem.message}"), err=True)


# The web page and the Excel button's commands, kept in their own module.
from xlscore.cli_frontends import macros, serve  # noqa: E402

main.add_command(macros)
main.add_command(serve)
main.add_command(roster)

from xlscore.cli_merge import diff, merge  # noqa: E402

main.add_command(merge)
main.add_command(diff)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
