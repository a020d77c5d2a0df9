"""Every text of the web page that is not a finding: labels, buttons, and why an upload was refused.

Findings, the 差异表 columns and unreadable-file messages come from the checker and the report
model; nothing here says anything about scores.
"""

from __future__ import annotations

from xlscore.i18n import fmt, pick

WORDS: dict[str, dict[str, str]] = {
    "title": {"zh": "xlscore 考核评分表", "en": "xlscore scoring workbooks"},
    "local_note": {"zh": "本页面只在本机运行,文件不会离开这台电脑。", "en": "This page runs on this computer only; no file leaves it."},
    "other_lang": {"zh": "English", "en": "中文"},
    "generate_heading": {"zh": "生成评分表", "en": "Generate a form"},
    "rubric_label": {"zh": "评分细则", "en": "Rubric"},
    "rubric_embedded": {"zh": "使用内置评分细则", "en": "Use the embedded rubric"},
    "rubric_upload": {"zh": "或上传评分细则文件(YAML 或细则工作簿)", "en": "or upload a rubric file (YAML or authoring workbook)"},
    "unit_label": {"zh": "被考核单位", "en": "Assessed unit"},
    "period_label": {"zh": "考核期间", "en": "Assessment period"},
    "generate_button": {"zh": "生成并下载", "en": "Generate and download"},
    "generated": {"zh": "已生成:{file}", "en": "Generated: {file}"},
    "check_heading": {"zh": "校验回收的评分表", "en": "Check returned forms"},
    "drop_hint": {
        "zh": "把一个或多个评分表(.xlsx/.xlsm)或一个 .zip 文件夹拖到这里,或点击选择文件",
        "en": "Drop one or more forms (.xlsx/.xlsm) or a .zip folder here, or click to choose files",
    },
    "choose_button": {"zh": "选择文件…", "en": "Choose files…"},
    "roster_label": {"zh": "名单(可选,.xlsx/.txt/.csv):上传后列出回收情况与未回收单位,再选择回收的表格",
                     "en": "Roster (optional, .xlsx/.txt/.csv): lists returns and missing units; choose it before the forms"},
    "roster_invalid": {"zh": "名单无法使用:", "en": "The roster cannot be used:"},
    "uploading": {"zh": "正在上传… {percent}%", "en": "Uploading… {percent}%"},
    "progress": {"zh": "已校验 {done} / {total} 个文件", "en": "{done} of {total} file(s) checked"},
    "finished": {"zh": "校验完成:共 {total} 个文件", "en": "Done: {total} file(s)"},
    "col_file": {"zh": "文件", "en": "File"},
    "col_unit": {"zh": "被考核单位", "en": "Unit"},
    "col_status": {"zh": "状态", "en": "Status"},
    "col_totals": {"zh": "重新计算的总分", "en": "Totals recomputed"},
    "col_counts": {"zh": "错误 / 警告 / 提示", "en": "Errors / warnings / notes"},
    "col_actions": {"zh": "操作", "en": "Actions"},
    "status_unreadable": {"zh": "无法校验", "en": "could not check"},
    "status_failed": {"zh": "校验失败", "en": "check failed"},
    "show_findings": {"zh": "查看差异", "en": "Show findings"},
    "hide_findings": {"zh": "收起差异", "en": "Hide findings"},
    "download_copy": {"zh": "下载校验副本", "en": "Download checked copy"},
    "download_all": {"zh": "下载全部校验副本(.zip)", "en": "Download all checked copies (.zip)"},
    "download_summary": {"zh": "下载汇总表", "en": "Download the summary"},
    "refused_heading": {"zh": "未校验的文件", "en": "Files not checked"},
    "no_findings": {"zh": "未发现问题。", "en": "No findings."},
    "error_prefix": {"zh": "出错:", "en": "Error: "},
    # Why a request or a file was refused.
    "forbidden": {
        "zh": "请求被拒绝:请从 xlscore serve 打开的页面操作(刷新页面后重试)。",
        "en": "request refused: use the page opened by xlscore serve (reload it and try again).",
    },
    "no_files": {"zh": "没有收到文件。", "en": "no file was received."},
    "request_too_large": {
        "zh": "上传的文件合计超过 {limit} MB;请分批上传。", "en": "the upload exceeds {limit} MB in all; upload in smaller batches.",
    },
    "length_required": {"zh": "请求缺少长度信息,已拒绝。", "en": "the request has no length, refused."},
    "too_many_files": {"zh": "一次最多校验 {limit} 个文件;请分批上传。", "en": "at most {limit} files per batch; upload in smaller batches."},
    "file_too_large": {"zh": "{file}:文件超过 {limit} MB,未校验。", "en": "{file}: larger than {limit} MB, not checked."},
    "bad_zip": {"zh": "{file}:不是有效的 .zip 文件(可能已损坏)。", "en": "{file}: not a valid .zip file (damaged?)."},
    "zip_too_many": {"zh": "{file}:压缩包中的文件超过 {limit} 个。", "en": "{file}: more than {limit} entries in the zip."},
    "zip_too_large": {"zh": "{file}:压缩包解压后超过 {limit} MB。", "en": "{file}: the zip expands to more than {limit} MB."},
    "zip_bomb": {
        "zh": "{file}:压缩包中有异常压缩的文件(疑似压缩炸弹),已拒绝。", "en": "{file}: the zip holds an abnormally compressed entry (a zip bomb?), refused.",
    },
    "bad_entry": {"zh": "压缩包中的此文件已损坏,无法解压。", "en": "this entry of the zip is damaged and cannot be extracted."},
    "owner": {"zh": "Excel/WPS 临时锁定文件,已跳过", "en": "an Excel/WPS lock file, skipped"},
    "checked": {"zh": "xlscore 写出的校验副本,已跳过", "en": "a checked copy written by xlscore, skipped"},
    "not_workbook": {"zh": "不是 .xlsx/.xlsm 工作簿,已跳过", "en": "not an .xlsx/.xlsm workbook, skipped"},
    "generate_failed": {
        "zh": "生成评分表时出现内部错误({kind});请把评分细则文件发给管理员。",
        "en": "internal error while generating the form ({kind}); send the rubric file to your administrator.",
    },
    "no_batch": {"zh": "找不到这批校验结果(可能已被清理);请重新上传。", "en": "this batch is gone (cleaned up?); upload again."},
    "rubric_invalid": {"zh": "评分细则有误:", "en": "The rubric has problems:"},
}


def word(key: str, lang: str, **values: object) -> str:
    return fmt(pick(WORDS[key], lang), values)


def all_words(lang: str) -> dict[str, str]:
    """Every word in one language, for the page's script (templates with ``{…}`` filled in there)."""
    return {key: pick(texts, lang) for key, texts in WORDS.items()}
