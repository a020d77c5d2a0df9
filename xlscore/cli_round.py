"""The round's command-line glue: ``roster template``, and the ``--roster`` of ``generate`` and ``check``.

Thin: options are parsed here and handed to :mod:`xlscore.round`; nothing is decided here.
"""

from __future__ import annotations

from pathlib import Path

import click

from xlscore.cli_help import CONTEXT, LANG_OPTION, Group, command_lang as _lang, early_lang
from xlscore.i18n import fmt, pick
from xlscore.messages import cli_text
from xlscore.report.terminal import visible

HELP = {
    "roster": {"zh": "考核名单:生成名单模板。", "en": "The roster of units: write its template."},
    "roster_template": {"zh": "写出被考核单位名单模板(单位编号、被考核单位、联系人、电话、考核期间)。",
                        "en": "Write the roster template (unit ID, unit, contact, phone, period)."},
    "roster_output": {"zh": "要写出的名单文件(默认:名单.xlsx;--lang en 时 roster.xlsx)。",
                      "en": "Roster file to write (default: 名单.xlsx; roster.xlsx with --lang en)."},
    "force": {"zh": "覆盖已存在的文件。", "en": "Replace an existing file."},
    "generate_roster": {"zh": "按名单为每个单位生成一份表格,写入 -o 指定的文件夹(默认:下发/)。",
                        "en": "Write one form per unit of this roster into the folder given with -o (default: 下发/)."},
    "check_roster": {"zh": "对照名单列出回收情况:未回收、重复、名单外、单位不符。",
                     "en": "Compare the returns with this roster: missing, duplicate, not on the roster, unit mismatch."},
}
TEXT = {
    "template_written": {"zh": "已写出名单模板 {file}", "en": "wrote the roster template {file}"},
    "round_generated": {"zh": "已按名单 {roster} 生成 {count} 份表格,写入 {folder}(评分细则 {id} 版本 {version})",
                        "en": "wrote {count} forms for the roster {roster} into {folder} (rubric {id} version {version})"},
    "form_over_roster": {"zh": "{file} 是名单本身,单位表格不能写在它上面(--force 也不行);请换一个输出文件夹(-o)。",
                         "en": "{file} is the roster itself and no form may be written over it (not even with --force); choose another folder with -o."},
    "forms_exist": {"zh": "{folder} 中已有 {count} 份同名表格(如 {first}),均未覆盖;请换一个文件夹,或加 --force 覆盖。",
                    "en": "{folder} already holds {count} of these forms (e.g. {first}); nothing was replaced. Choose another folder, or add --force."},
}
DEFAULT_ROSTER = {"zh": "名单.xlsx", "en": "roster.xlsx"}
DEFAULT_FOLDER = {"zh": "下发", "en": "forms"}


def round_help(key: str) -> str:
    return pick(HELP[key], early_lang())


def _say(key: str, lang: str, **values: object) -> str:
    return fmt(pick(TEXT[key], lang), values)


def roster_problems(ctx: click.Context, error, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Print a roster's problems and stop with exit code 2."""
    for line in error.lines(lang):
        click.echo(visible(f"{line}"), err=True)
    ctx.exit(2)


@click.group(cls=Group, context_settings=CONTEXT, help=round_help("roster"))
def roster() -> None:
    pass


@roster.command("template", context_settings=CONTEXT, help=round_help("roster_template"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=round_help("roster_output"))
@click.option("--force", is_flag=True, help=round_help("force"))
@LANG_OPTION
@click.pass_context
def roster_template(ctx: click.Context, output: Path | None, force: bool, lang: str | None) -> None:
    from xlscore.round.template import write_roster_template

    lang = _lang(ctx, lang)
    out = output or Path(pick(DEFAULT_ROSTER, lang))
    if (out.exists() or out.is_symlink()) and not force:
        click.echo(cli_text("output_exists", lang, file=out), err=True)
        ctx.exit(2)
    try:
        write_roster_template(out, lang)
    except OSError as exc:
        click.echo(cli_text("cannot_write", lang, file=out, reason=exc.strerror or exc), err=True)
        ctx.exit(2)
    click.echo(_say("template_written", lang, file=out))


def generate_for_roster(ctx: click.Context, rubric, roster_file: Path, output: Path | None, options, force: bool,  # type: ignore[no-untyped-def]
                        lang: str) -> None:
    """``generate --roster``: one form per unit into the folder ``output``; exits."""
    from xlscore.round.forms import existing, generate_round, over_roster, unit_forms
    from xlscore.round.roster import RosterError, read_roster

    from xlscore.generate import pass_passwords

    folder = output or Path(pick(DEFAULT_FOLDER, lang))
    try:
        pass_passwords(options)
    except ValueError:
        click.echo(cli_text("pass_password_alone", lang), err=True)
        ctx.exit(2)
    try:
        roster_read = read_roster(roster_file)
        forms = unit_forms(roster_read, folder)
    except RosterError as exc:
        roster_problems(ctx, exc, lang)
        return
    clash = over_roster(forms, roster_file)
    if clash is not None:
        click.echo(_say("form_over_roster", lang, file=clash), err=True)
        ctx.exit(2)
    there = existing(forms)
    if there and not force:
        click.echo(_say("forms_exist", lang, folder=folder, count=len(there), first=there[0].name), err=True)
        ctx.exit(2)
    try:
        generate_round(rubric, roster_read, forms, options)
    except OSError as exc:
        from xlscore.report.outputs import write_error_message

        click.echo(write_error_message(exc, Path(exc.filename or folder), lang), err=True)
        ctx.exit(2)
    click.echo(_say("round_generated", lang, roster=roster_file, count=len(forms), folder=folder, id=rubric.id,
                    version=rubric.version))


class RoundHook:
    """``check --roster``'s part of a run; without a roster every method leaves the run as it is."""

    def __init__(self, ctx: click.Context, roster_file: Path | None, lang: str) -> None:
        from xlscore.round.roster import RosterError
        from xlscore.round.run import RoundCheck

        self.lang, self.round = lang, None
        if roster_file is not None:
            try:
                self.round = RoundCheck.from_file(roster_file)
            except RosterError as exc:
                roster_problems(ctx, exc, lang)

    def jobs(self, jobs: list) -> list:  # type: ignore[type-arg]
        """The run's jobs without the roster itself (met when it lies among the returns)."""
        return jobs if self.round is None else [j for j in jobs if not self.round.is_roster(Path(j.path))]

    def add(self, report) -> None:  # type: ignore[no-untyped-def]
        if self.round is not None:
            self.round.add(report)

    def lines(self) -> list[str]:
        from xlscore.round.render import round_lines

        return [] if self.round is None else round_lines(self.round.status(), self.lang)

    def document(self, document: dict) -> dict:  # type: ignore[type-arg]
        if self.round is not None:
            from xlscore.round.render import round_json

            document["round"] = round_json(self.round.status(), self.lang)
            document["exit_code"] = max(document["exit_code"], self.exit_code)
        return document

    @property
    def exit_code(self) -> int:
        return 0 if self.round is None else self.round.status().exit_code

    def summary(self, rows: list) -> tuple[list, object]:  # type: ignore[type-arg]
        """(the summary's rows, the first sheet to draw) — with a roster, one row per roster unit and 回收情况."""
        if self.round is None:
            return rows, None
        from xlscore.round.summary_sheet import returns_sheet

        return self.round.summary_rows(rows), returns_sheet(self.round.status(), self.lang)
