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
}


def cli_text(key: str, lang: str, **values: object) -> str:
    return fmt(pick(CLI_MESSAGES[key], lang), values)
