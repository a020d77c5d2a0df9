"""Every text of the Excel integration: what the 校验 button says, and the Windows installation steps.

``VBA`` holds the texts the VBA module ``macros/xlscore.bas`` shows itself (before Python runs);
the module spells the Chinese ones as code points to stay ASCII, and a test checks they agree.
"""

from __future__ import annotations

from xlscore import __version__
from xlscore.i18n import fmt, pick

#: The wheel an administrator builds from a clone (``pip wheel . --no-deps -w dist``): xlscore is on no
#: package index, so every install command names this file (or a clone) instead of a package name.
WHEEL = f"xlscore-{__version__}-py3-none-any.whl"

MESSAGES: dict[str, dict[str, str]] = {
    "no_xlwings": {
        "zh": "没有安装 xlwings({detail}),无法在 Excel 中校验。请在“命令提示符”中运行:"
              "pip install \"" + WHEEL + "[excel]\",再运行:xlwings addin install。"
              "不用 Excel 也可以校验:xlscore check 文件.xlsx",
        "en": "xlwings is not installed ({detail}), so the workbook cannot be checked inside Excel. In a "
              "Command Prompt run: pip install \"" + WHEEL + "[excel]\", then: xlwings addin install. "
              "Without Excel, check the file with: xlscore check FILE.xlsx",
    },
    "not_from_excel": {
        "zh": "没有找到调用它的 Excel 工作簿:check_caller() 和 clear_caller() 只能由 Excel 中的“校验”按钮"
              "(宏 XlscoreCheck / XlscoreClear,经 xlwings 的 RunPython)调用,需要 Windows 或 macOS 上的 "
              "Microsoft Excel;xlwings 不支持 WPS。在命令行中请用:xlscore check 文件.xlsx",
        "en": "no calling Excel workbook was found: check_caller() and clear_caller() run only from the check "
              "button inside Excel (macros XlscoreCheck / XlscoreClear, through xlwings' RunPython), which needs "
              "Microsoft Excel on Windows or macOS; xlwings does not support WPS. On the command line use: "
              "xlscore check FILE.xlsx",
    },
    "failed": {
        "zh": "在 Excel 中校验时出错({kind}: {detail})。请保存工作簿,用命令行 xlscore check 文件.xlsx 校验,"
              "并把这条信息发给管理员。",
        "en": "checking inside Excel failed ({kind}: {detail}). Save the workbook, check it with "
              "xlscore check FILE.xlsx, and send this message to your administrator.",
    },
    "checked": {
        "zh": "校验完成:{errors} 个错误,{warnings} 个警告,{infos} 条提示。结果见第一张工作表“{sheet}”,"
              "有问题的单元格已标色。点“清除校验”(宏 XlscoreClear)可删除“{sheet}”并恢复原底色。",
        "en": "checked: {errors} error(s), {warnings} warning(s), {infos} note(s). See the first sheet "
              "“{sheet}”; cells with findings are highlighted. Run XlscoreClear to remove “{sheet}” and "
              "restore the cells' colours.",
    },
    "not_highlighted": {
        "zh": "另有 {count} 个单元格所在的工作表设有保护密码,未能标色。",
        "en": " {count} cell(s) on password-protected sheets could not be highlighted.",
    },
    "cleared": {
        "zh": "已删除 xlscore 写入的“{sheet}”,并恢复了 {count} 个单元格的原底色。",
        "en": "removed “{sheet}” written by xlscore and restored the colours of {count} cell(s).",
    },
    "cleared_colours": {
        "zh": "已恢复 {count} 个单元格的原底色。",
        "en": "restored the colours of {count} cell(s).",
    },
    "nothing_to_clear": {
        "zh": "没有找到 xlscore 写入的差异表或标色,无需清除。",
        "en": "there is no discrepancy sheet or highlighting written by xlscore to remove.",
    },
}

#: What the VBA module says when the add-in, Python or the packages are missing (no Python runs then).
VBA: dict[str, dict[str, str]] = {
    "no_addin": {
        "zh": "没有加载 xlwings 加载项。请关闭 Excel,在“命令提示符”中运行 pip install \"" + WHEEL + "[excel]\","
              "再运行 xlwings addin install,然后重新打开 Excel。",
        "en": "The xlwings add-in is not loaded. Close Excel, and in a Command Prompt run: "
              "pip install \"" + WHEEL + "[excel]\" and then: xlwings addin install. Then open Excel again.",
    },
    "no_python": {
        "zh": "没有找到 Python。请从 python.org 安装 Python 3.11 或更高版本,安装时勾选"
              "“Add python.exe to PATH”,然后在“命令提示符”中运行 pip install \"" + WHEEL + "[excel]\"。",
        "en": "Python was not found. Install Python 3.11 or later from python.org, tick "
              "\"Add python.exe to PATH\", then in a Command Prompt run: pip install \"" + WHEEL + "[excel]\"",
    },
    "no_package": {
        "zh": "Python 中没有安装 xlscore 或 xlwings。请在“命令提示符”中运行 pip install \"" + WHEEL + "[excel]\"。",
        "en": "Python cannot import xlscore or xlwings. In a Command Prompt run: pip install \"" + WHEEL + "[excel]\"",
    },
}

INSTALL_HELP = {
    "zh": """\
在 Windows 版 Excel 中使用“校验”按钮(只需设置一次)

注意:按钮只适用于 Windows 版 Microsoft Excel,尚未在 Excel 中实际运行验证,不支持 WPS。
WPS 用户和不用命令行的用户,请改用网页:xlscore serve(在浏览器中校验,无需设置 Excel)。

1. 安装 Python 3.11 或更高版本:从 python.org 下载 Windows 安装程序,在安装程序第一页勾选
   “Add python.exe to PATH”。装好后打开“命令提示符”,运行 python --version 确认。
2. 安装 xlscore 和 xlwings。xlscore 不在任何公共软件源上,请用管理员给的安装包文件
   ({wheel})或源代码目录。在“命令提示符”中,进入安装包所在的文件夹,运行:
       pip install "{wheel}[excel]"
   或在源代码目录中运行:
       pip install ".[excel]"
   (管理员在源代码目录中用 pip wheel . --no-deps -w dist 生成安装包。)
3. 关闭所有 Excel 窗口,运行:
       xlwings addin install
   重新打开 Excel,功能区中会出现 “xlwings” 选项卡。
4. Excel:文件 → 选项 → 信任中心 → 信任中心设置 → 宏设置,勾选“信任对 VBA 工程对象模型的访问”
   (Trust access to the VBA project object model;xlwings 的部分功能需要)。
5. 显示“开发工具”选项卡:文件 → 选项 → 自定义功能区 → 勾选“开发工具”。
6. 先在“命令提示符”中运行 xlscore macros export 文件夹,把 xlscore.bas 写到该文件夹
   (它随 xlscore 一起安装,位于 {bas})。打开评分表,按 Alt+F11 打开 VBA 编辑器:
   文件 → 导入文件…,选择 xlscore.bas。左侧出现模块 “xlscore”,关闭 VBA 编辑器。
7. 插入按钮:开发工具 → 插入 → 表单控件 → 按钮,在表中画出按钮,在“指定宏”对话框中选择
   XlscoreCheck,把按钮文字改为“校验”。可再画一个按钮,指定宏 XlscoreClear,文字为“清除校验”。
   评分表的工作表受保护(无密码):先点 审阅 → 撤消工作表保护,放好按钮后再 审阅 → 保护工作表。
8. 文件 → 另存为,保存类型选“Excel 启用宏的工作簿 (*.xlsm)”。
9. 从网上下载或从邮件附件保存的文件,Office 会阻止其中的宏(提示“Microsoft 已阻止宏运行,因为
   此文件的来源不受信任”)。解除阻止:关闭文件,在资源管理器中右键单击文件 → 属性 → 常规,
   勾选“解除锁定”(Unblock)→ 确定,再打开文件并点“启用内容”。或者把文件放到受信任位置
   (文件 → 选项 → 信任中心 → 信任中心设置 → 受信任位置)。
10. 点“校验”:结果作为第一张工作表“差异表”写入当前工作簿(再次点击会替换它),有问题的单元格
    标色;“清除校验”删除差异表并恢复原底色。校验不会保存工作簿。

如果 xlwings 使用的不是 PATH 中的 python(例如在 xlwings 选项卡中设置了 Interpreter),
请在 VBA 编辑器中把模块 xlscore 顶部的 PROBE_PYTHON 改为 False。

WPS 用户:xlwings 不支持 WPS 表格。请用网页 xlscore serve,或在命令行中校验:
    xlscore check 文件.xlsx
它会在原文件旁写出 文件.checked.xlsx,第一张工作表是差异表。
""",
    "en": """\
The check button inside Excel for Windows (one-time setup)

Note: the button is for Microsoft Excel on Windows only, has not yet been verified inside Excel,
and does not work in WPS. WPS users and people without a terminal: use the web page instead,
xlscore serve (checks in the browser; no Excel setup).

1. Install Python 3.11 or later: download the Windows installer from python.org and, on the
   installer's first page, tick "Add python.exe to PATH". Then open a Command Prompt and run
   python --version to confirm.
2. Install xlscore and xlwings. xlscore is on no package index: use the wheel file your
   administrator gives you ({wheel}) or a clone of its source. In the Command Prompt, in the
   folder that holds the wheel, run:
       pip install "{wheel}[excel]"
   or, in the source folder:
       pip install ".[excel]"
   (The administrator builds the wheel in the source folder with: pip wheel . --no-deps -w dist)
3. Close every Excel window, then run:
       xlwings addin install
   Open Excel again: the ribbon shows an "xlwings" tab.
4. In Excel: File > Options > Trust Center > Trust Center Settings > Macro Settings, tick
   "Trust access to the VBA project object model" (some xlwings features need it).
5. Show the Developer tab: File > Options > Customize Ribbon > tick "Developer".
6. In the Command Prompt run xlscore macros export FOLDER, which writes xlscore.bas into FOLDER
   (it is installed with xlscore, at {bas}). Open the scoring workbook, press Alt+F11 for the
   VBA editor: File > Import File..., choose xlscore.bas. A module "xlscore" appears; close the VBA editor.
7. Insert the button: Developer > Insert > Form Controls > Button, draw it on the sheet, choose
   XlscoreCheck in the "Assign Macro" dialog, and label it "Check". A second button assigned to
   XlscoreClear removes the results. The form's sheets are protected (no password): first use
   Review > Unprotect Sheet, place the button, then Review > Protect Sheet.
8. File > Save As, type "Excel Macro-Enabled Workbook (*.xlsm)".
9. Office blocks macros in files downloaded from the internet or saved from e-mail ("Microsoft has
   blocked macros from running because the source of this file is untrusted"). To unblock: close the
   file, right-click it in File Explorer > Properties > General, tick "Unblock" > OK, open it again
   and click "Enable Content". Or keep the file in a trusted location (File > Options > Trust Center >
   Trust Center Settings > Trusted Locations).
10. Click "Check": the results are written into the open workbook as its first sheet (a second click
    replaces it) and cells with findings are highlighted; XlscoreClear deletes that sheet and restores
    the colours. Checking never saves the workbook.

If xlwings runs another Python than the "python" on PATH (an Interpreter set in the xlwings tab),
set PROBE_PYTHON to False at the top of the module xlscore in the VBA editor.

WPS users: xlwings does not support WPS Spreadsheets. Use the web page, xlscore serve, or check
on the command line:
    xlscore check FILE.xlsx
It writes FILE.checked.xlsx beside the file, with the discrepancy sheet first.
""",
}

BAS_LOCATION = {
    "zh": "在 xlscore 源代码的 macros 文件夹中",
    "en": "in the macros folder of the xlscore source",
}


def message(key: str, lang: str, **values: object) -> str:
    return fmt(pick(MESSAGES[key], lang), values)


def install_help(lang: str, bas: str | None = None) -> str:
    """The Windows installation steps; ``bas`` is where ``xlscore.bas`` is, when known."""
    return pick(INSTALL_HELP, lang).replace("{bas}", bas or pick(BAS_LOCATION, lang)).replace("{wheel}", WHEEL)
