"""click's usage errors in the user's language, with the facts click gives (name, value, suggestion, choices).

click words its errors in English. :func:`worded` turns any :class:`click.ClickException` (and an
abort) into one that prints the usage line, the help hint and the message in Chinese, or English with
``--lang en``; the exit code stays click's (2 for usage errors). Where click exposes the facts as
attributes (the parameter, the option name, the close matches), they are used; where it only gives a
sentence (a value that does not convert), the sentence of each common type is read for its value, and
anything else keeps click's sentence inside the translated frame.
"""

from __future__ import annotations

import re

import click

from xlscore.cli_help import USAGE_PREFIX, early_lang
from xlscore.i18n import fmt, pick
from xlscore.report.terminal import visible

#: Where the arguments of a run are kept (``ctx.meta`` is shared by every context of a run).
ARGS_KEY = "xlscore.args"

WORDS: dict[str, dict[str, str]] = {
    "error": {"zh": "错误:{message}", "en": "Error: {message}"},
    "hint": {"zh": "运行 '{command} {option}' 查看帮助。", "en": "Try '{command} {option}' for help."},
    "missing_argument": {"zh": "缺少参数 {name}。", "en": "Missing argument {name}."},
    "missing_option": {"zh": "缺少选项 {name}。", "en": "Missing option {name}."},
    "missing_choice": {"zh": "缺少 {name};可选:{choices}。", "en": "Missing {name}; choose from {choices}."},
    "no_such_option": {"zh": "没有选项 {name}。", "en": "No such option {name}."},
    "no_such_command": {"zh": "没有命令 {name}。", "en": "No such command {name}."},
    "did_you_mean": {"zh": "您是不是要输入 {names}?", "en": "Did you mean {names}?"},
    "needs_value": {"zh": "选项 {name} 后面缺少值。", "en": "Option {name} requires a value."},
    "needs_values": {"zh": "选项 {name} 后面需要 {count} 个值。", "en": "Option {name} requires {count} values."},
    "takes_no_value": {"zh": "选项 {name} 不接受值。", "en": "Option {name} does not take a value."},
    "argument_values": {"zh": "参数 {name} 需要 {count} 个值。", "en": "Argument {name} takes {count} values."},
    "extra_arguments": {"zh": "多余的参数:{args}。", "en": "Unexpected extra argument(s): {args}."},
    "missing_command": {"zh": "缺少命令。", "en": "Missing command."},
    "invalid_value": {"zh": "{name} 的值无效:{reason}", "en": "Invalid value for {name}: {reason}"},
    "invalid_bare": {"zh": "值无效:{reason}", "en": "Invalid value: {reason}"},
    "not_integer": {"zh": "{value} 不是整数。", "en": "{value} is not a whole number."},
    "not_number": {"zh": "{value} 不是数字。", "en": "{value} is not a number."},
    "not_in_range": {"zh": "{value} 不在允许的范围内({range})。", "en": "{value} is not in the range {range}."},
    "not_choice": {"zh": "{value} 不是可选值;可选:{choices}。", "en": "{value} is not one of {choices}."},
    "path_missing": {"zh": "{value} 不存在。", "en": "{value} does not exist."},
    "path_is_file": {"zh": "{value} 是文件,这里需要文件夹。", "en": "{value} is a file; a folder is needed here."},
    "path_is_dir": {"zh": "{value} 是文件夹,这里需要文件。", "en": "{value} is a folder; a file is needed here."},
    "path_unreadable": {"zh": "{value} 无法读取(没有读权限)。", "en": "{value} cannot be read (no permission)."},
    "path_unwritable": {"zh": "{value} 无法写入(没有写权限)。", "en": "{value} cannot be written (no permission)."},
    "file_error": {"zh": "无法打开文件 {file}:{reason}", "en": "Could not open file {file}: {reason}"},
    "aborted": {"zh": "已中止。", "en": "Aborted."},
}

_NOT_VALID = re.compile(r"^(?P<value>.*) is not a valid (?P<what>[\w ]+)\.$", re.S)
_NOT_IN_RANGE = re.compile(r"^(?P<value>.*) is not in the range (?P<range>.+)\.$", re.S)
_NOT_CHOICE = re.compile(r"^(?P<value>.*) is not (?:one of )?'", re.S)
_PATH = re.compile(r"^\w+ (?P<value>'.*'|\".*\") (?P<what>does not exist|is a file|is a directory|is not readable|"
                   r"is not writable)\.$", re.S)
_PATH_KEYS = {"does not exist": "path_missing", "is a file": "path_is_file", "is a directory": "path_is_dir",
              "is not readable": "path_unreadable", "is not writable": "path_unwritable"}
_NEEDS = re.compile(r"requires (?:an argument|(?P<count>\d+) arguments)\.$")
_ARGUMENT_VALUES = re.compile(r"^Argument '(?P<name>.*)' takes (?P<count>\d+) values\.$", re.S)
_EXTRA = re.compile(r"^Got unexpected extra arguments? \((?P<args>.*)\)$", re.S)


class Worded(click.ClickException):
    """A click error already put in the user's words: the lines before it (usage, help hint), then the message."""

    def __init__(self, message: str, exit_code: int, *before: str) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click's is a class attribute; each error keeps its own
        self.before = before

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def,override]
        for line in (*self.before, visible(self.message)):  # what the user typed may hold controls
            click.echo(line, err=file is None, file=file)


def worded(error: BaseException) -> BaseException:
    """``error`` in the user's language; what is not click's to word (help shown on no arguments) as it is."""
    if isinstance(error, Worded) or isinstance(error, click.exceptions.NoArgsIsHelpError):
        return error
    ctx = getattr(error, "ctx", None)
    lang = _lang(ctx)
    if isinstance(error, (click.Abort, KeyboardInterrupt)):
        # Could not check: exit 2, not click's 1 (which means "errors found"); after a Ctrl+C, a new line first.
        return Worded(pick(WORDS["aborted"], lang), 2, *([""] if isinstance(error, KeyboardInterrupt) else []))
    if isinstance(error, click.FileError):
        return Worded(_error(lang, _say("file_error", lang, file=f"'{error.ui_filename}'", reason=error.message)), 2)
    assert isinstance(error, click.ClickException)
    message = fmt(pick(WORDS["error"], lang), {"message": message_of(error, lang)})
    if not isinstance(error, click.UsageError) or ctx is None:
        return Worded(message, error.exit_code)
    return Worded(message, error.exit_code, *(line for line in (_usage(ctx, lang), _hint(ctx, lang)) if line))


def message_of(error: click.ClickException, lang: str) -> str:
    """The sentence of ``error`` in ``lang``: from its attributes where click has them, else from its text."""
    if isinstance(error, click.MissingParameter):
        return _missing(error, lang)
    if isinstance(error, click.BadParameter):
        return _bad_value(error, lang)
    if isinstance(error, click.NoSuchOption):
        return _say("no_such_option", lang, name=repr(error.option_name)) + _suggestion(error.possibilities, lang)
    no_such_command = getattr(click.exceptions, "NoSuchCommand", None)  # click >= 8.4
    if no_such_command is not None and isinstance(error, no_such_command):
        return _say("no_such_command", lang, name=repr(error.command_name)) + _suggestion(error.possibilities, lang)
    if isinstance(error, click.BadOptionUsage):
        needs = _NEEDS.search(error.message)
        if needs:
            key = "needs_values" if needs["count"] else "needs_value"
            return _say(key, lang, name=repr(error.option_name), count=needs["count"])
        if error.message.endswith("does not take a value."):
            return _say("takes_no_value", lang, name=repr(error.option_name))
        return error.message
    return _plain(error.message, lang)


def _missing(error: click.MissingParameter, lang: str) -> str:
    param, ctx = error.param, error.ctx
    name = _param_name(error)
    if param is not None and isinstance(param.type, click.Choice):
        return _say("missing_choice", lang, name=name, choices=_choices(param.type))
    kind = error.param_type or (param.param_type_name if param is not None else "parameter")
    return _say("missing_argument" if kind == "argument" else "missing_option", lang, name=name)


def _bad_value(error: click.BadParameter, lang: str) -> str:
    reason = _reason(error.message, error.param, lang)
    name = _param_name(error)
    if not name:
        return _say("invalid_bare", lang, reason=reason)
    return _say("invalid_value", lang, name=name, reason=reason)


def _reason(text: str, param: click.Parameter | None, lang: str) -> str:
    """Why a value was refused, read from click's sentence for the common types; click's own sentence otherwise."""
    kind = param.type if param is not None else None
    if isinstance(kind, click.Choice) and (found := _NOT_CHOICE.match(text)):
        return _say("not_choice", lang, value=found["value"], choices=_choices(kind))
    if isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
        if found := _NOT_IN_RANGE.match(text):
            return _say("not_in_range", lang, value=found["value"], range=found["range"])
        if found := _NOT_VALID.match(text):
            integer = isinstance(kind, click.types.IntParamType)
            return _say("not_integer" if integer else "not_number", lang, value=found["value"])
    if isinstance(kind, click.Path) and (found := _PATH.match(text)):
        return _say(_PATH_KEYS[found["what"]], lang, value=found["value"])
    return text


def _plain(text: str, lang: str) -> str:
    """A bare usage error: click's own ones by their sentence; xlscore's (already worded) as they are."""
    if found := _EXTRA.match(text):
        return _say("extra_arguments", lang, args=found["args"])
    if found := _ARGUMENT_VALUES.match(text):
        return _say("argument_values", lang, name=repr(found["name"]), count=found["count"])
    if text == "Missing command.":
        return pick(WORDS["missing_command"], lang)
    return text


def _suggestion(possibilities: list[str] | None, lang: str) -> str:
    if not possibilities:
        return ""
    gap = " " if lang == "en" else ""
    return gap + _say("did_you_mean", lang, names=" / ".join(repr(p) for p in sorted(possibilities)))


def _param_name(error: click.BadParameter) -> str:
    hint = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint(error.ctx)  # type: ignore[arg-type]
    if hint is not None and not isinstance(hint, str):
        hint = " / ".join(repr(h) for h in hint)
    return hint or ""


def _choices(kind: click.Choice) -> str:
    return ", ".join(str(choice) for choice in kind.choices)


def _usage(ctx: click.Context, lang: str) -> str:
    formatter = ctx.make_formatter()
    formatter.write_usage(ctx.command_path, " ".join(ctx.command.collect_usage_pieces(ctx)), pick(USAGE_PREFIX, lang))
    return formatter.getvalue().rstrip("\n")


def _hint(ctx: click.Context, lang: str) -> str:
    if ctx.command.get_help_option(ctx) is None:
        return ""
    option = max(ctx.command.get_help_option_names(ctx), key=len)
    return fmt(pick(WORDS["hint"], lang), {"command": ctx.command_path, "option": option})


def _error(lang: str, message: str) -> str:
    return fmt(pick(WORDS["error"], lang), {"message": message})


def _say(key: str, lang: str, **values: object) -> str:
    return fmt(pick(WORDS[key], lang), values)


def _lang(ctx: click.Context | None) -> str:
    """The run's language: ``--lang`` anywhere among its arguments (even past the error), else XLSCORE_LANG."""
    args = ctx.meta.get(ARGS_KEY) if ctx is not None else None
    return early_lang(args)
