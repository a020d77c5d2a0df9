"""The ``--help`` texts of the command line, in Chinese (default) and English.

click reads help texts when the commands are defined, before any option is parsed; so the language
is taken early, from ``--lang`` on the command line (or ``XLSCORE_LANG``), the same choice the
messages make later.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Iterator, Sequence

import click

from xlscore.i18n import DEFAULT_LANG, LANGS, pick

HELP: dict[str, dict[str, str]] = {
    "main": {
        "zh": "xlscore:按考核评分细则生成正式评分表,并校验填好的评分表。",
        "en": "xlscore: generate the official scoring workbook from a rubric, and check filled ones.",
    },
    "lang": {"zh": "消息语言:zh(默认)或 en;也可设环境变量 XLSCORE_LANG。",
             "en": "Language of messages: zh (default) or en; or set XLSCORE_LANG."},
    "rubric": {"zh": "显示或校验评分细则(默认为内置细则)。", "en": "Show or validate a rubric (default: the embedded one)."},
    "rubric_show": {"zh": "以树形显示评分细则:序号、项目、标准分、每条规则及合计。",
                    "en": "Print the rubric as a tree: 序号, 项目, 标准分, each rule in words, totals."},
    "rubric_check": {"zh": "校验评分细则:有效(允许警告)退出码 0,无效 1,文件无法读取 2。",
                     "en": "Validate a rubric: exit 0 when valid (warnings allowed), 1 when invalid, 2 when unreadable."},
    "rubric_import": {
        "zh": "从 Word(.docx)或 Excel(.xlsx)导入评分细则表:退出码 0 无问题,1 有需复核的项,2 无法读取。",
        "en": "Import a rubric table from Word (.docx) or Excel (.xlsx): exit 0 clean, 1 items to review, 2 unreadable.",
    },
    "import_output": {"zh": "写到此路径(默认:输入文件旁的 FILE.细则.xlsx;YAML 为 .yaml)。",
                      "en": "Where to write (default: FILE.细则.xlsx beside the input; .yaml for YAML)."},
    "import_format": {"zh": "xlsx:细则制作表(默认);yaml:内置细则的 YAML 格式。",
                      "en": "xlsx: the authoring workbook (default); yaml: the schema of the shipped rubric."},
    "rubric_template": {"zh": "写出一份空白的细则制作表(每条规定一行,下拉选项,填写说明)。",
                        "en": "Write a blank authoring workbook (one row per clause, dropdowns, instructions)."},
    "template_output": {"zh": "空白细则制作表的写出路径。", "en": "Where to write the blank authoring workbook."},
    "format": {"zh": "输出格式:text(默认)或 json。", "en": "Output format: text (default) or json."},
    "check": {
        "zh": "校验填好的评分表(文件或文件夹):退出码 0 无错误,1 发现错误,2 有文件无法校验或输出无法写出。",
        "en": "Check filled workbooks (files or folders): exit 0 clean, 1 errors found, 2 a file could not be checked or an output not written.",
    },
    "check_rubric": {"zh": "用此评分细则校验,而不是各工作簿内嵌的细则。",
                     "en": "Check against this rubric instead of the one embedded in each workbook."},
    "copy_to": {"zh": "校验副本写到此路径(仅限一个输入文件;默认写在原文件旁:NAME.checked.xlsx)。",
                "en": "Where to write the checked copy (one input file only; default NAME.checked.xlsx beside it)."},
    "no_copy": {"zh": "不写校验副本。", "en": "Do not write the checked copies."},
    "summary": {"zh": "另写一份各单位汇总表(总分、排名、各项得分、图表)。",
                "en": "Also write a summary workbook of all units (totals, ranks, items, chart)."},
    "force": {"zh": "允许覆盖已存在的、不是 xlscore 写出的输出文件(输入文件永远不会被覆盖)。",
              "en": "Replace existing output files xlscore did not write (an input file is never replaced)."},
    "jobs": {"zh": "并行进程数(默认:全部 CPU 核)。", "en": "Processes to check with (default: all cores)."},
    "allow_blank": {"zh": "已开始填写的一轮中空白的录入按 0(未扣分)计,而不是视为未完成。",
                    "en": "Count blank inputs of a started pass as 0 (no deduction) instead of leaving the pass incomplete."},
    "quiet": {"zh": "只输出计数,不逐条列出问题。", "en": "Print only the counts, not each finding."},
    "select": {"zh": "只报告这些代码(逗号分隔,可用前缀,如 IN,CALC001)。",
               "en": "Report only these codes (comma-separated, prefixes allowed, e.g. IN,CALC001)."},
    "ignore": {"zh": "不报告这些代码(逗号分隔,可用前缀,如 REM,DIFF001)。",
               "en": "Do not report these codes (comma-separated, prefixes allowed, e.g. REM,DIFF001)."},
    "exit_zero": {"zh": "发现错误时退出码仍为 0(无法校验的文件仍为 2)。",
                  "en": "Exit 0 even when errors are found (a file that could not be checked still gives 2)."},
    "output_file": {"zh": "把文本或 JSON 报告写入此文件(总是 UTF-8),而不是屏幕。",
                    "en": "Write the text or JSON report to this file (always UTF-8) instead of the screen."},
    "generate": {"zh": "按评分细则生成正式评分表。", "en": "Write the official scoring workbook for a rubric."},
    "generate_rubric": {"zh": "评分细则 YAML 文件(默认为内置细则)。", "en": "Rubric YAML (default: the embedded one)."},
    "generate_output": {"zh": "要写出的工作簿(默认:考核评分表.xlsx;--lang en 时 scoring-workbook.xlsx);用 --roster 时为文件夹(默认:下发)。",
                        "en": "Workbook to write (default: 考核评分表.xlsx; scoring-workbook.xlsx with --lang en); with --roster, the folder (default: forms)."},
    "generate_lang": {"zh": "工作簿语言:zh(默认)或 en。en 生成英文评分表,默认文件名也为英文。",
                      "en": "Workbook language: zh (default) or en. en writes an English workbook with an English default file name."},
    "unit": {"zh": "被考核单位,印在封面和页眉。", "en": "被考核单位 (unit), printed on 封面 and in the page header."},
    "period": {"zh": "考核期间,印在封面。", "en": "考核期间 (period), printed on 封面."},
    "var": {"zh": "设置评分细则变量,如 --var hotline=95598。", "en": "Set a rubric variable, e.g. hotline=95598."},
    "password": {"zh": "用此密码保护工作表(默认:不保护)。", "en": "Protect the sheets with this password (default: none)."},
    "self_password": {"zh": "打开“自查”列的密码(Excel“允许用户编辑区域”);需同时设 --password。",
                      "en": "Password that opens the 自查 columns (Excel 允许用户编辑区域); needs --password."},
    "assess_password": {"zh": "打开“考评”列的密码;需同时设 --password。", "en": "Password that opens the 考评 columns; needs --password."},
    "generate_force": {"zh": "输出文件已存在时覆盖。", "en": "Replace the output file if it exists."},
    "macros": {"zh": "Excel 中的“校验”按钮(仅 Windows 版 Excel,xlwings;不支持 WPS):安装说明和 VBA 模块。",
               "en": "The 校验 button inside Excel (Windows Excel only, xlwings; not WPS): setup help and its VBA module."},
    "macros_export": {"zh": "把随 xlscore 安装的 VBA 模块 xlscore.bas 写到文件夹 FOLDER。",
                      "en": "Write the VBA module xlscore.bas (shipped inside the package) into FOLDER."},
    "export_force": {"zh": "文件夹中已有 xlscore.bas 时覆盖。", "en": "Replace xlscore.bas if the folder already has one."},
    "serve": {"zh": "启动本机网页:在浏览器中生成评分表、校验交回的评分表(需安装 xlscore[web])。",
              "en": "Start the local web page: generate forms and check returned ones in the browser (needs xlscore[web])."},
    "serve_host": {"zh": "监听地址(默认 127.0.0.1,只有本机能访问)。非本机回环地址会让网络中的其他电脑也能访问(会打印警告)。",
                   "en": "Address to listen on (default 127.0.0.1: this computer only). Anything but loopback lets other computers in (a warning is printed)."},
    "serve_port": {"zh": "端口(默认:任一空闲端口)。", "en": "Port (default: a free one)."},
    "serve_no_browser": {"zh": "不自动打开浏览器,只打印网址。", "en": "Do not open the browser; only print the address."},
    "serve_shortcut": {"zh": "不启动网页,而是在桌面上写一个双击即可启动网页的快捷方式(xlscore 考核评分.cmd),并打印其位置。",
                       "en": "Instead of starting the page, write a double-clickable shortcut that starts it (xlscore scoring page.cmd) on the desktop, and print where."},
    "shortcut_force": {"zh": "(与 --shortcut 一起用)桌面上已有同名快捷方式时覆盖。",
                       "en": "(With --shortcut) replace a shortcut of the same name already on the desktop."},
    "install_help": {"zh": "打印在 Windows 上安装“校验”按钮的具体步骤(Python、xlwings、VBA 模块)。",
                     "en": "Print the exact Windows steps to set up the 校验 button (Python, xlwings, the VBA module)."},
    "help": {"zh": "显示此帮助并退出。", "en": "Show this message and exit."},
    "version": {"zh": "显示版本并退出。", "en": "Show the version and exit."},
    "version_line": {"zh": "%(prog)s 版本 %(version)s", "en": "%(prog)s, version %(version)s"},
}


def early_lang(argv: Sequence[str] | None = None, environ: dict[str, str] | None = None) -> str:
    """The language asked for, before click parses anything: the last valid ``--lang X``/``--lang=X``, else XLSCORE_LANG."""
    args = list(sys.argv[1:] if argv is None else argv)
    found = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        else:
            continue
        if value in LANGS:
            found = value  # a wrong one (--lang fr) is the error to show, in the language otherwise chosen
    if found is None:
        found = (os.environ if environ is None else environ).get("XLSCORE_LANG")
    return found if found in LANGS else DEFAULT_LANG


def help_text(key: str, lang: str | None = None) -> str:
    return pick(HELP[key], lang or early_lang())


LANG_OPTION = click.option("--lang", type=click.Choice(LANGS), default=None, help=help_text("lang"))
CONTEXT = {"help_option_names": ["-h", "--help"]}


def command_lang(ctx: click.Context, lang: str | None) -> str:
    """A command's language: its own ``--lang``, else the one given to ``xlscore``, else the early choice."""
    if lang:
        return lang
    root = ctx.find_root()
    return (root.obj or {}).get("lang") or early_lang([])


HEADINGS = {"Options": {"zh": "选项"}, "Commands": {"zh": "命令"}, "Arguments": {"zh": "参数"}}
USAGE_PREFIX = {"zh": "用法:", "en": "Usage: "}


class HelpFormatter(click.HelpFormatter):
    """click's help layout with its headings in the help language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix or pick(USAGE_PREFIX, early_lang()))

    @contextlib.contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(pick(HEADINGS[name], early_lang()) if name in HEADINGS and early_lang() == "zh" else name):
            yield


class Context(click.Context):
    formatter_class = HelpFormatter


class _Parses:
    """Gives a usage error raised while parsing its context, so the error shows the usage line (click's parser omits it)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except click.UsageError as exc:
            if exc.ctx is None:
                exc.ctx, exc.cmd = ctx, ctx.command  # type: ignore[misc]
            raise


class Command(_Parses, click.Command):
    context_class = Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = help_text("help")
        return option


class Group(_Parses, click.Group):
    """A command group whose commands and subgroups speak the help language too."""

    context_class = Context
    command_class = Command
    group_class = type  # subgroups are of this class

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = help_text("help")
        return option
