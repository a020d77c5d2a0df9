"""The ``xlscore`` command line: parses options, calls the library, renders its results. No scoring here."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from xlscore import __version__
from xlscore.errors import RubricError, RubricProblem
from xlscore.i18n import DEFAULT_LANG, LANGS
from xlscore.messages import DEFAULT_OUTPUT, cli_text

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of messages: zh (default) or en.",
)


def _lang(ctx: click.Context, lang: str | None) -> str:
    if lang:
        return lang
    root = ctx.find_root()
    return (root.obj or {}).get("lang") or DEFAULT_LANG


class _Guarded(click.Group):
    """Turns an unexpected exception into one readable line and exit code 2 (no traceback for users)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # The reader of our output went away (`xlscore check … | head`): stop quietly, as Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(1)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if os.environ.get("XLSCORE_DEBUG"):
                raise
            lang = (ctx.obj or {}).get("lang", DEFAULT_LANG)
            detail = str(exc).splitlines()[0][:200] if str(exc) else ""
            click.echo(cli_text("internal_error", lang, kind=type(exc).__name__, detail=detail), err=True)
            ctx.exit(2)


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="xlscore")
@LANG_OPTION
@click.pass_context
def main(ctx: click.Context, lang: str | None) -> None:
    """xlscore: generate the official scoring workbook from a rubric, and check filled ones."""
    ctx.obj = {"lang": lang or DEFAULT_LANG}


@main.group()
def rubric() -> None:
    """Show or validate a rubric (default: the embedded one)."""


@rubric.command("show")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@LANG_OPTION
@click.pass_context
def rubric_show(ctx: click.Context, file: Path | None, output_format: str, lang: str | None) -> None:
    """Print the rubric as a tree: 序号, 项目, 标准分, each rule in words, totals."""
    from xlscore.rubric import load_rubric
    from xlscore.rubric.render import show_data, show_text

    lang = _lang(ctx, lang)
    try:
        loaded = load_rubric(file, lang=lang)
    except RubricError as exc:
        _print_problems(exc.file, exc.problems, lang)
        ctx.exit(1)
    if output_format == "json":
        click.echo(json.dumps(show_data(loaded, lang), ensure_ascii=False, indent=2))
    else:
        click.echo(show_text(loaded, lang))


@rubric.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write (default: FILE.细则.xlsx beside the input; .yaml for YAML).")
@click.option("--format", "output_format", type=click.Choice(["xlsx", "yaml"]), default=None,
              help="xlsx: the authoring workbook (default); yaml: the schema of the shipped rubric.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@LANG_OPTION
@click.pass_context
def rubric_import(ctx: click.Context, file: Path, output: Path | None, output_format: str | None, force: bool,
                  lang: str | None) -> None:
    """Import a rubric table from Word (.docx) or Excel (.xlsx): exit 0 clean, 1 items to review, 2 unreadable."""
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


@rubric.command("template")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("考核细则制作表.xlsx"),
              show_default=True, help="Where to write the blank authoring workbook.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@LANG_OPTION
@click.pass_context
def rubric_template(ctx: click.Context, output: Path, force: bool, lang: str | None) -> None:
    """Write a blank authoring workbook (one row per clause, dropdowns, instructions)."""
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


@rubric.command("check")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@LANG_OPTION
@click.pass_context
def rubric_check(ctx: click.Context, file: Path | None, lang: str | None) -> None:
    """Validate a rubric: exit 0 when valid (warnings allowed), 1 when invalid."""
    from xlscore.rubric import load_rubric_checked, rubric_sha256

    lang = _lang(ctx, lang)
    try:
        loaded = load_rubric_checked(file, lang=lang)
    except RubricError as exc:
        _print_problems(exc.file, exc.problems, lang)
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


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--rubric", "rubric_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Check against this rubric instead of the one embedded in each workbook.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the checked copy (one input file only; default NAME.checked.xlsx beside it).")
@click.option("--no-copy", is_flag=True, help="Do not write the checked copies.")
@click.option("--summary", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a summary workbook of all units (totals, ranks, items, chart).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Processes to check with (default: all cores).")
@LANG_OPTION
@click.pass_context
def check(
    ctx: click.Context, paths: tuple[Path, ...], rubric_file: Path | None, output_format: str,
    output: Path | None, no_copy: bool, summary: Path | None, jobs: int | None, lang: str | None,
) -> None:
    """Check filled workbooks (files or folders): exit 0 clean, 1 errors found, 2 could not check."""
    lang = _lang(ctx, lang)
    _require_defusedxml(ctx, lang)
    from xlscore.check.checker import CheckOptions
    from xlscore.batch.pool import Job, default_jobs, run_jobs
    from xlscore.report.render import Tally, document_json, text_lines, words
    from xlscore.batch.runner import collect, copy_failed_message

    options = CheckOptions(lang=lang)
    if rubric_file is not None:
        from xlscore.rubric import load_rubric

        try:
            options.rubric = load_rubric(rubric_file, lang=lang)
        except RubricError as exc:
            _print_problems(exc.file, exc.problems, lang)
            ctx.exit(2)
        options.rubric_name = str(rubric_file)
    collected = collect(list(paths))
    if output is not None and len(collected.files) != 1:
        click.echo(cli_text("output_needs_one_file", lang), err=True)
        ctx.exit(2)
    for skipped in collected.skipped:
        click.echo(skipped.message(lang), err=True)
    if not collected.files:
        click.echo(cli_text("no_workbooks", lang, paths=", ".join(str(p) for p in paths)), err=True)
        ctx.exit(2)
    batch = [Job(path, options, not no_copy, output) for path in collected.files]
    tally, reports, rows = Tally(), [], []
    with _progress(len(batch), lang) as bar:
        for result in run_jobs(batch, jobs or default_jobs()):
            bar.update(1)
            tally.add(result.report)
            if output_format == "json":
                reports.append(result.report)
            else:
                for line in text_lines(result.report, lang):
                    click.echo(line)
                if result.copy is not None:
                    click.echo(words("copy", lang, file=result.report.file, copy=result.copy))
            if result.copy_error is not None:
                click.echo(copy_failed_message(Path(result.report.file), result.copy_error, lang), err=True)
            if summary is not None:
                from xlscore.batch.summary import unit_row

                rows.append(unit_row(result))
    if output_format == "json":
        click.echo(json.dumps(document_json(reports), ensure_ascii=False, indent=2))
    elif tally.files != 1:
        click.echo(tally.line(lang))
    if summary is not None:
        _write_summary(ctx, summary, rows, collected.skipped, lang, quiet_stdout=output_format == "json")
    ctx.exit(tally.worst)


def _progress(length: int, lang: str):  # type: ignore[no-untyped-def]
    """A progress bar on a terminal (stderr), silent otherwise."""
    import contextlib

    if length > 1 and sys.stderr.isatty():
        label = "校验中" if lang != "en" else "checking"
        return click.progressbar(length=length, label=label, file=sys.stderr)
    return contextlib.nullcontext(_NoBar())


class _NoBar:
    def update(self, steps: int) -> None:
        pass


def _write_summary(ctx: click.Context, path: Path, rows: list, skipped: list, lang: str,  # type: ignore[type-arg]
                   quiet_stdout: bool = False) -> None:
    from xlscore.batch.summary import Failure, UnitRow, write_summary

    units = [r for r in rows if isinstance(r, UnitRow)]
    failures = [r for r in rows if isinstance(r, Failure)]
    try:
        write_summary(path, units, failures, skipped, lang)
    except OSError as exc:
        click.echo(cli_text("cannot_write", lang, file=path, reason=exc.strerror or exc), err=True)
        ctx.exit(2)
    click.echo(cli_text("summary_written", lang, file=path, units=len(units), failed=len(failures)), err=quiet_stdout)


def _require_defusedxml(ctx: click.Context, lang: str) -> None:
    """Workbooks are untrusted: refuse to read them without defusedxml's protection."""
    try:
        import defusedxml  # noqa: F401
    except ImportError:
        click.echo(cli_text("no_defusedxml", lang), err=True)
        ctx.exit(2)


@main.command()
@click.option("--rubric", "rubric_file", type=click.Path(dir_okay=False, path_type=Path), help="Rubric YAML (default: the embedded one).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Workbook to write (default: 考核评分表.xlsx).")
@click.option("--unit", default="", help="被考核单位, printed on 封面 and in the page header.")
@click.option("--period", default="", help="考核期间, printed on 封面.")
@click.option("--var", "variables", multiple=True, metavar="KEY=VALUE", help="Set a rubric variable, e.g. hotline=95598.")
@click.option("--password", default=None, help="Protect the sheets with this password (default: none).")
@click.option("--self-password", default=None, help="Password that opens the 自查 columns (Excel 允许用户编辑区域); needs --password.")
@click.option("--assess-password", default=None, help="Password that opens the 考评 columns; needs --password.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@LANG_OPTION
@click.pass_context
def generate(
    ctx: click.Context, rubric_file: Path | None, output: Path | None, unit: str, period: str,
    variables: tuple[str, ...], password: str | None, self_password: str | None, assess_password: str | None,
    force: bool, lang: str | None,
) -> None:
    """Write the official scoring workbook for a rubric."""
    from xlscore.generate import GenerateOptions, generate_workbook, pass_passwords, workbook_layout
    from xlscore.rubric import load_rubric

    lang = _lang(ctx, lang)
    try:
        rubric = load_rubric(rubric_file, lang=lang)
    except RubricError as exc:
        _print_problems(exc.file, exc.problems, lang)
        ctx.exit(2)
    values = _parse_vars(ctx, variables, rubric.vars, lang)
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
        click.echo(cli_text("cannot_write", lang, file=out, reason=exc.strerror or exc), err=True)
        ctx.exit(2)
    layout = workbook_layout(rubric, options)
    click.echo(cli_text(
        "generated", lang, file=out, id=rubric.id, version=rubric.version, sheets=len(layout.sheets),
        items=len(rubric.all_items()), names=len(layout.slots),
    ))


@main.group()
def macros() -> None:
    """The 校验 button inside Excel (Windows, xlwings): setup help."""


@macros.command("install-help")
@LANG_OPTION
@click.pass_context
def macros_install_help(ctx: click.Context, lang: str | None) -> None:
    """Print the exact Windows steps to set up the 校验 button (Python, xlwings, the VBA module)."""
    from xlscore.excel.messages import install_help

    bas = Path(__file__).resolve().parent.parent / "macros" / "xlscore.bas"
    click.echo(install_help(_lang(ctx, lang), str(bas) if bas.is_file() else None))


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
        click.echo(f"{problem.where(file)}: {label}: {problem.message}", err=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
