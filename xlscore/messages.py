"""User-facing wording of the command line, in Chinese and English (one place, no scattered literals)."""

from __future__ import annotations

from xlscore.i18n import fmt, pick

CLI_MESSAGES: dict[str, dict[str, str]] = {
    "error": {"zh": "错误", "en": "error"},
    "warning": {"zh": "警告", "en": "warning"},
    "rubric_valid": {
        "zh": "{file}: 评分细则有效(id {id},版本 {version},{sections} 个部分,{items} 个评分项,sha256 {sha})",
        "en": "{file}: rubric is valid (id {id}, version {version}, {sections} sections, {items} items, sha256 {sha})",
    },
    "rubric_invalid": {
        "zh": "{file}: 评分细则有 {errors} 处错误,未通过校验。",
        "en": "{file}: the rubric has {errors} error(s) and is not valid.",
    },
    "warnings_count": {"zh": "{count} 条警告", "en": "{count} warning(s)"},
    "generated": {
        "zh": "已生成 {file}(评分细则 {id} 版本 {version},{sheets} 张评分表,{items} 个评分项,{names} 个已命名单元格)",
        "en": "wrote {file} (rubric {id} version {version}, {sheets} scoring sheets, {items} items, {names} named cells)",
    },
    "output_exists": {
        "zh": "{file} 已存在,未覆盖;请用 -o 指定新文件名,或加 --force 覆盖。",
        "en": "{file} already exists and was left alone; choose another name with -o, or add --force to replace it.",
    },
    "bad_var": {
        "zh": "--var 应写成 名称=值(如 --var hotline=95598),实际是 `{value}`。",
        "en": "--var must be NAME=VALUE (e.g. --var hotline=95598), got `{value}`.",
    },
    "unknown_var": {
        "zh": "评分细则没有变量 `{name}`;可用的变量:{known}。",
        "en": "the rubric has no variable `{name}`; its variables: {known}.",
    },
    "pass_password_alone": {
        "zh": "--self-password 和 --assess-password 需要同时给出 --password(工作表保护密码),否则任何人都能撤销工作表保护。",
        "en": "--self-password and --assess-password need --password (the sheet password) too, or anyone could unprotect the sheets.",
    },
    "cannot_write": {
        "zh": "无法写入 {file}:{reason};请检查目录是否存在、是否有写权限,以及文件是否正在 Excel/WPS 中打开。",
        "en": "cannot write {file}: {reason}; check the folder exists and is writable, and the file is not open in Excel/WPS.",
    },
    "internal_error": {
        "zh": "xlscore 内部错误({kind}: {detail})。这不是您的错误;请把命令和文件发给管理员。设置环境变量 XLSCORE_DEBUG=1 可查看详细信息。",
        "en": "xlscore internal error ({kind}: {detail}). This is not your fault; send the command and file to the maintainer. Set XLSCORE_DEBUG=1 for details.",
    },
    "output_needs_one_file": {
        "zh": "-o 只能用于一个输入文件;校验多个文件时副本写在各自旁边(NAME.checked.xlsx)。",
        "en": "-o works with one input file only; with several, each copy goes beside its file (NAME.checked.xlsx).",
    },
    "no_workbooks": {
        "zh": "无法校验:在 {paths} 中没有找到工作簿(.xlsx/.xlsm)。",
        "en": "cannot check: no workbook (.xlsx/.xlsm) in {paths}.",
    },
    "summary_written": {
        "zh": "已写出汇总表 {file}({units} 个单位,{failed} 个文件无法校验)",
        "en": "wrote the summary {file} ({units} units, {failed} files could not be checked)",
    },
    "template_written": {
        "zh": "已写出空白的考核细则制作表 {file};按“填写说明”工作表填写后,用 xlscore rubric check {file} 检查。",
        "en": "wrote the blank authoring workbook {file}; fill it in as its 填写说明 sheet says, then run xlscore rubric check {file}.",
    },
    "no_defusedxml": {
        "zh": "缺少 defusedxml,出于安全原因拒绝读取工作簿;请运行 pip install defusedxml。",
        "en": "defusedxml is missing, so workbooks are not read (a safety measure); run pip install defusedxml.",
    },
    "serve_url": {
        "zh": "xlscore 页面已启动:{url}(只在本机;按 Ctrl+C 停止,停止后上传的文件和结果都会删除)",
        "en": "xlscore page running at {url} (this computer only; Ctrl+C stops it and deletes every upload and result)",
    },
    "serve_url_exposed": {
        "zh": "xlscore 页面已启动:{url}(按 Ctrl+C 停止,停止后上传的文件和结果都会删除)",
        "en": "xlscore page running at {url} (Ctrl+C stops it and deletes every upload and result)",
    },
    "serve_exposed": {
        "zh": "警告:--host {host} 不是本机回环地址,同一网络中的其他电脑也能打开此页面并上传文件。",
        "en": "warning: --host {host} is not a loopback address; other computers on the network can open this page and upload files.",
    },
    "serve_missing": {
        "zh": "没有安装网页所需的组件({detail});请运行 pip install 'xlscore[web]'(在源代码目录中:pip install '.[web]')。",
        "en": "the web page's packages are not installed ({detail}); run pip install 'xlscore[web]' (in a source folder: pip install '.[web]').",
    },
    "shortcut_written": {
        "zh": "已写出 {file};双击它即可启动考核评分网页(使用期间不要关闭它打开的黑色窗口)。",
        "en": "wrote {file}; double-click it to start the scoring page (keep the black window it opens while you use the page).",
    },
    "shortcut_exists": {
        "zh": "{file} 已存在,未覆盖;如要重写,请加 --force。",
        "en": "{file} already exists and was left alone; add --force to replace it.",
    },
    "macros_exported": {
        "zh": "已写出 {file};在 Excel 的 VBA 编辑器中用 文件 → 导入文件… 导入它(步骤见 xlscore macros install-help)。",
        "en": "wrote {file}; import it in Excel's VBA editor with File > Import File... (steps: xlscore macros install-help).",
    },
}

DEFAULT_OUTPUT = {"zh": "考核评分表.xlsx", "en": "scoring-workbook.xlsx"}


def cli_text(key: str, lang: str, **values: object) -> str:
    return fmt(pick(CLI_MESSAGES[key], lang), values)
