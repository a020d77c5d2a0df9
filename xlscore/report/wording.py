"""Every text of the checked copy's 差异表 sheet and of its errors (Chinese and English).

One place, like :mod:`xlscore.form.wording` for the generated workbook; pass names come from there.
"""

from __future__ import annotations

from xlscore.i18n import fmt, pick

#: The sheet's name; when the workbook already has it, ``DUPLICATE_NAME`` numbers it.
SHEET_NAME = {"zh": "差异表", "en": "Discrepancies"}
DUPLICATE_NAME = {"zh": "{name}({n})", "en": "{name} ({n})"}

#: The findings table, in SPEC order: key → header text.
COLUMNS: list[tuple[str, dict[str, str]]] = [
    ("serial", {"zh": "序号", "en": "No."}),
    ("severity", {"zh": "严重程度", "en": "Severity"}),
    ("code", {"zh": "代码", "en": "Code"}),
    ("sheet", {"zh": "工作表", "en": "Sheet"}),
    ("cell", {"zh": "单元格", "en": "Cell"}),
    ("pass", {"zh": "轮次", "en": "Pass"}),
    ("expected", {"zh": "应为", "en": "Expected"}),
    ("found", {"zh": "表中", "en": "Found"}),
    ("message", {"zh": "说明", "en": "Message"}),
    ("handling", {"zh": "处理情况", "en": "Follow-up"}),
    ("reviewer", {"zh": "复核人", "en": "Reviewed by"}),
]

SEVERITY = {
    "error": {"zh": "错误", "en": "Error"},
    "warning": {"zh": "警告", "en": "Warning"},
    "info": {"zh": "提示", "en": "Note"},
}

TEXT: dict[str, dict[str, str]] = {
    "title": {"zh": "差异表(xlscore 校验结果)", "en": "Discrepancies (checked by xlscore)"},
    "file": {"zh": "文件", "en": "File"},
    "rubric": {"zh": "评分细则", "en": "Rubric"},
    "rubric_value": {"zh": "{id} 版本 {version}(sha256 {sha})", "en": "{id} version {version} (sha256 {sha})"},
    "file_sha": {"zh": "文件 sha256", "en": "File sha256"},
    "checked": {"zh": "校验时间", "en": "Checked"},
    "checked_value": {"zh": "{at}(xlscore {version})", "en": "{at} (xlscore {version})"},
    "unit": {"zh": "被考核单位", "en": "Unit assessed"},
    "period": {"zh": "考核期间", "en": "Period"},
    "missing": {"zh": "—", "en": "—"},
    "section": {"zh": "部分", "en": "Section"},
    "grand": {"zh": "总计", "en": "Grand total"},
    "recomputed": {"zh": "{pass_name}(重算)", "en": "{pass_name} (recomputed)"},
    "shown": {"zh": "{pass_name}(表中)", "en": "{pass_name} (in workbook)"},
    "agree": {"zh": "是否一致", "en": "Agree?"},
    "agree_yes": {"zh": "一致", "en": "yes"},
    "agree_no": {"zh": "不一致", "en": "NO"},
    "no_findings": {"zh": "未发现问题。", "en": "Nothing to report."},
    "footer": {"zh": "&C第 &P 页,共 &N 页", "en": "&CPage &P of &N"},
}

#: Why the copy could not be written (raised as ``CopyError``, a ValueError, for the command line to show).
ERRORS: dict[str, dict[str, str]] = {
    "same_file": {
        "zh": "校验副本不能覆盖原文件 {file};请另选文件名。",
        "en": "the checked copy cannot replace the original {file}; choose another name.",
    },
    "not_a_package": {
        "zh": "{file} 不是可编辑的 .xlsx/.xlsm 文件包({detail})。",
        "en": "{file} is not an .xlsx/.xlsm package that can be edited ({detail}).",
    },
    "unsupported": {
        "zh": "{file} 的部件 {part} 无法编辑({detail})。",
        "en": "part {part} of {file} cannot be edited ({detail}).",
    },
}


def copy_text(key: str, lang: str, **values: object) -> str:
    return fmt(pick(TEXT[key], lang), values)


def column_header(key: str, lang: str) -> str:
    return pick(dict(COLUMNS)[key], lang)


def severity_name(severity: str, lang: str) -> str:
    return pick(SEVERITY[severity], lang)


def error_text(key: str, lang: str, **values: object) -> str:
    return fmt(pick(ERRORS[key], lang), values)


def sheet_name_choice(existing: set[str], lang: str) -> str:
    """差异表, or 差异表(2), 差异表(3) … when the workbook has it already (Excel ignores case)."""
    base = pick(SHEET_NAME, lang)
    taken = {name.lower() for name in existing}
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = fmt(pick(DUPLICATE_NAME, lang), {"name": base, "n": n})
    return candidate
