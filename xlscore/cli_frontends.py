"""The commands for people outside the terminal: ``serve`` (the local web page) and ``macros`` (the Excel button).

Thin like the rest of the CLI: they start the web app or write the shipped VBA module, nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from xlscore.cli_help import CONTEXT, LANG_OPTION, Command, Group, command_lang as _lang, help_text
from xlscore.messages import cli_text


@click.group(cls=Group, context_settings=CONTEXT, help=help_text("macros"))
def macros() -> None:
    pass


@macros.command("install-help", context_settings=CONTEXT, help=help_text("install_help"))
@LANG_OPTION
@click.pass_context
def macros_install_help(ctx: click.Context, lang: str | None) -> None:
    from xlscore.excel.messages import install_help
    from xlscore.macros import bas_path

    click.echo(install_help(_lang(ctx, lang), str(bas_path())))


@macros.command("export", context_settings=CONTEXT, help=help_text("macros_export"))
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help=help_text("export_force"))
@LANG_OPTION
@click.pass_context
def macros_export(ctx: click.Context, folder: Path, force: bool, lang: str | None) -> None:
    from xlscore.macros import export_bas

    lang = _lang(ctx, lang)
    _write_or_exit(ctx, lang, lambda: export_bas(folder, force=force), folder, "output_exists", "macros_exported")


@click.command(cls=Command, context_settings=CONTEXT, help=help_text("serve"))
@click.option("--host", default="127.0.0.1", help=help_text("serve_host"))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help=help_text("serve_port"))
@click.option("--no-browser", is_flag=True, help=help_text("serve_no_browser"))
@click.option("--jobs", type=click.IntRange(min=1), default=None, help=help_text("jobs"))
@click.option("--shortcut", is_flag=True, help=help_text("serve_shortcut"))
@click.option("--force", is_flag=True, help=help_text("shortcut_force"))
@LANG_OPTION
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, no_browser: bool, jobs: int | None, shortcut: bool, force: bool,
          lang: str | None) -> None:
    lang = _lang(ctx, lang)
    if shortcut:
        _write_shortcut(ctx, lang, force, port=port, jobs=jobs, explicit_lang=ctx.params.get("lang"))
        return
    try:
        from xlscore.web.server import is_loopback, serve as run_server  # needs the web extra
    except ImportError as exc:
        click.echo(cli_text("serve_missing", lang, detail=exc.name or exc), err=True)
        ctx.exit(2)
    local = is_loopback(host)
    if not local:
        click.echo(cli_text("serve_exposed", lang, host=host), err=True)
    announce = "serve_url" if local else "serve_url_exposed"
    run_server(host, port, not no_browser, lang, jobs, lambda url: click.echo(cli_text(announce, lang, url=url), err=True))


def _write_shortcut(ctx: click.Context, lang: str, force: bool, port: int, jobs: int | None,
                    explicit_lang: str | None) -> None:
    from xlscore.shortcut import desktop_folder, running_interpreter, write_shortcut

    options = [*(["--port", str(port)] if port else []), *(["--jobs", str(jobs)] if jobs else []),
               *(["--lang", explicit_lang] if explicit_lang else [])]
    folder = desktop_folder()
    _write_or_exit(ctx, lang, lambda: write_shortcut(folder, lang, running_interpreter(), options, force=force),
                   folder, "shortcut_exists", "shortcut_written")


def _write_or_exit(ctx: click.Context, lang: str, write: Callable[[], Path], folder: Path, exists_key: str,
                   done_key: str) -> None:
    """Run ``write``; say where it wrote, or why not (an existing file, a folder that refuses) and exit 2."""
    try:
        target = write()
    except OSError as exc:
        exists = isinstance(exc, FileExistsError)
        click.echo(cli_text(exists_key, lang, file=exc.filename) if exists else
                   cli_text("cannot_write", lang, file=folder, reason=exc.strerror or exc), err=True)
        ctx.exit(2)
    click.echo(cli_text(done_key, lang, file=target))
