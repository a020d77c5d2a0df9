"""The ``xlscore`` command line: parses options, calls the library, renders its results. No scoring here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from xlscore import __version__
from xlscore.errors import RubricError, RubricProblem
from xlscore.i18n import DEFAULT_LANG, LANGS
from xlscore.messages import cli_text

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


def _print_problems(file: str, problems: list[RubricProblem], lang: str) -> None:
    for problem in problems:
        label = cli_text("error" if problem.severity == "error" else "warning", lang)
        click.echo(f"{problem.where(file)}: {label}: {problem.message}", err=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
