"""Every text the cross-unit summary workbook shows (Chinese and English)."""

from __future__ import annotations

from xlscore.i18n import pick

WORDS = {
    "units": {"zh": "单位汇总", "en": "Units"},
    "items": {"zh": "各项考评分", "en": "Item scores"},
    "chart": {"zh": "得分率图", "en": "Chart"},
    "failed": {"zh": "未校验文件", "en": "Not checked"},
    "title": {"zh": "考核结果汇总", "en": "Assessment summary"},
    "items_title": {"zh": "各项考评分(按单位)", "en": "Assessor scores by item and unit"},
    "subtitle": {"zh": "考核期间:{period}    制表日期:{date}", "en": "Period: {period}    Made on: {date}"},
    "signers": {"zh": "制表人:__________________        审核人:__________________",
                "en": "Prepared by: __________________        Reviewed by: __________________"},
    "unit": {"zh": "单位", "en": "Unit"},
    "period": {"zh": "考核期间", "en": "Period"},
    "status": {"zh": "状态", "en": "Status"},
    "status_complete": {"zh": "完整", "en": "complete"},
    "status_incomplete": {"zh": "未填完", "en": "incomplete"},
    "status_errors": {"zh": "有错误", "en": "with errors"},
    "status_missing": {"zh": "未回收", "en": "not returned"},
    "status_unreadable": {"zh": "无法校验", "en": "could not check"},
    "status_note": {
        "zh": "状态:完整 = 两轮均已填完且无错误;未填完 = 有一轮未填写、未填完或有无效录入,没有最终得分,不参加排名;"
              "有错误 = 校验发现错误,分数以校验副本为准。",
        "en": "Status: complete = both passes filled in, no errors; incomplete = a pass not filled in, unfinished or "
              "with unreadable inputs: no final score and no rank; with errors = the check found errors, see the checked copy.",
    },
    "self": {"zh": "自查", "en": "Self-check"},
    "assessed": {"zh": "考评", "en": "Assessed"},
    "section": {"zh": "第{id}部分", "en": "Section {id}"},
    "overall": {"zh": "总体", "en": "Overall"},
    "grand": {"zh": "总分", "en": "total"},
    "rank": {"zh": "排名", "en": "Rank"},
    "gap": {"zh": "考评−自查", "en": "Assessed − self"},
    "errors": {"zh": "错误数", "en": "Errors"},
    "warnings": {"zh": "警告数", "en": "Warnings"},
    "copy": {"zh": "校验副本", "en": "Checked copy"},
    "file": {"zh": "文件", "en": "File"},
    "reason": {"zh": "原因", "en": "Reason"},
    "section_col": {"zh": "部分", "en": "Section"},
    "serial": {"zh": "序号", "en": "No."},
    "item": {"zh": "项目", "en": "Item"},
    "standard": {"zh": "标准分", "en": "Points"},
    "lowest": {
        "zh": "红色加粗:该项各单位中的最低分;各单位得分相同的项目不标。",
        "en": "Bold red: the lowest score of an item among the units; items where all units score the same are not marked.",
    },
    "rates_title": {"zh": "各单位考评得分率(得分 ÷ 可评分的标准分)", "en": "Assessor rate by unit (score ÷ scoreable points)"},
    "gap_title": {"zh": "各单位考评总分 − 自查总分", "en": "Assessed total − self-check total by unit"},
    "open": {"zh": "打开", "en": "open"},
}


def w(key: str, lang: str, **values: object) -> str:
    return pick(WORDS[key], lang).format(**values)
