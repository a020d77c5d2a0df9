"""Every text the generated workbook shows: sheet names, headers, labels, prompts (Chinese and English).

One place, so the generator, the reader and the reports use the same words.
"""

from __future__ import annotations

from xlscore.i18n import fmt, pick

#: The section sheet's columns, in SPEC order: key → header text.
COLUMNS: list[tuple[str, dict[str, str]]] = [
    ("no", {"zh": "序号", "en": "No."}),
    ("name", {"zh": "项目", "en": "Item"}),
    ("content", {"zh": "考核内容", "en": "What is assessed"}),
    ("standard", {"zh": "标准分", "en": "Points"}),
    ("text", {"zh": "评分规定", "en": "Scoring rules"}),
    ("clause", {"zh": "扣分标准", "en": "Deduction rule"}),
    ("self_input", {"zh": "自查录入", "en": "Self-check input"}),
    ("self_deduction", {"zh": "自查扣分", "en": "Self-check deduction"}),
    ("self_score", {"zh": "自查分", "en": "Self-check score"}),
    ("assessed_input", {"zh": "考评录入", "en": "Assessor input"}),
    ("assessed_deduction", {"zh": "考评扣分", "en": "Assessor deduction"}),
    ("assessed_score", {"zh": "考评分", "en": "Assessor score"}),
    ("self_remark", {"zh": "自查说明", "en": "Self-check remark"}),
    ("assessed_remark", {"zh": "考评说明", "en": "Assessor remark"}),
]
COL = {key: index for index, (key, _) in enumerate(COLUMNS, start=1)}

SHEETS = {
    "cover": {"zh": "封面", "en": "Cover"},
    "guide": {"zh": "说明", "en": "Guide"},
    "summary": {"zh": "汇总", "en": "Summary"},
    "meta": {"zh": "_xlscore", "en": "_xlscore"},
    "corrections": {"zh": "勘误记录", "en": "Corrections"},
}

PASSES = {
    "self_check": {"zh": "自查", "en": "Self-check"},
    "assessed": {"zh": "考评", "en": "Assessment"},
}

TEXT: dict[str, dict[str, str]] = {
    "sheet_title": {"zh": "{title}", "en": "{title}"},
    "section_heading": {"zh": "{id}  {title}({total}分)", "en": "{id}  {title} ({total} points)"},
    "unit_line": {"zh": "被考核单位:", "en": "Unit assessed: "},
    "period_line": {"zh": "考核期间:", "en": "Period: "},
    "incomplete": {"zh": "注意:本部分不完整。{note}", "en": "Note: this section is incomplete. {note}"},
    "subtotal": {"zh": "{name} 小计", "en": "{name} subtotal"},
    "section_total": {"zh": "合计", "en": "Total"},
    "sample_row": {"zh": "抽查数量(不少于{min}{unit})", "en": "Sample size (at least {min} {unit})"},
    "rule_sample_row": {"zh": "第{rule}条抽查数量(不少于{min}{unit})", "en": "Sample size for clause {rule} (at least {min} {unit})"},
    "month_row": {"zh": "第{month}个月:{what}", "en": "Month {month}: {what}"},
    "exempt_row": {"zh": "是否免考核({condition})", "en": "Exempted? ({condition})"},
    "reason_row": {"zh": "免考核原因", "en": "Reason for exemption"},
    "manual_note": {"zh": "(人工评分:录入得分)", "en": "(scored by hand: enter the score)"},
    "enter_count": {"zh": "录入{unit}数", "en": "enter the number of {unit}"},
    # 封面
    "cover_unit": {"zh": "被考核单位", "en": "Unit assessed"},
    "cover_period": {"zh": "考核期间", "en": "Period"},
    "cover_self_by": {"zh": "自查人", "en": "Self-check by"},
    "cover_self_date": {"zh": "自查日期", "en": "Self-check date"},
    "cover_assessed_by": {"zh": "考评人", "en": "Assessed by"},
    "cover_assessed_date": {"zh": "考评日期", "en": "Assessment date"},
    "cover_signature": {"zh": "签字:", "en": "Signature:"},
    "cover_source": {"zh": "依据:《{title}》(细则版本 {version})", "en": "Under: {title} (rubric version {version})"},
    # the signature block of 封面 and 汇总
    "sign_unit": {"zh": "被考核单位(盖章)", "en": "Unit assessed (seal)"},
    "sign_unit_head": {"zh": "被考核单位负责人(签字):", "en": "Head of the unit (signature):"},
    "sign_team": {"zh": "考核组(盖章)", "en": "Assessment team (seal)"},
    "sign_leader": {"zh": "考核组组长(签字):", "en": "Team leader (signature):"},
    "sign_members": {"zh": "考核组成员(签字):", "en": "Team members (signature):"},
    "sign_date": {"zh": "日期:      年    月    日", "en": "Date:"},
    "sign_seal": {"zh": "(盖章处)", "en": "(seal here)"},
    # 汇总
    "summary_title": {"zh": "得分汇总", "en": "Score summary"},
    "summary_section": {"zh": "部分", "en": "Section"},
    "summary_standard": {"zh": "标准分", "en": "Points"},
    "summary_self": {"zh": "自查得分", "en": "Self-check score"},
    "summary_assessed": {"zh": "考评得分", "en": "Assessor score"},
    "summary_diff": {"zh": "差异(考评−自查)", "en": "Difference (assessor − self)"},
    "summary_grand": {"zh": "总计", "en": "Grand total"},
    "summary_incomplete": {"zh": "(不完整)", "en": " (incomplete)"},
    "summary_self_rate": {"zh": "自查得分率", "en": "Self-check rate"},
    "summary_assessed_rate": {"zh": "考评得分率", "en": "Assessor rate"},
    "summary_declared": {
        "zh": "注:第{id}部分细则规定 {declared} 分,原文只存有 {scoreable} 分的项目;本表标准分与得分率按可评分的 {scoreable} 分计。",
        "en": "Note: the rubric gives section {id} {declared} points, but the source keeps items worth {scoreable} only; "
              "points and rates here count the {scoreable} that can be scored.",
    },
    "summary_rate_note": {"zh": "得分率 = 得分 ÷ 可评分的标准分。", "en": "Rate = score ÷ the points that can be scored."},
    # 勘误记录
    "corrections_title": {"zh": "勘误记录(原文 → 本表)", "en": "Corrections (source → this form)"},
    "corrections_at": {"zh": "位置", "en": "Where"},
    "corrections_original": {"zh": "原文", "en": "Source text"},
    "corrections_corrected": {"zh": "本表", "en": "This form"},
    "corrections_deleted": {"zh": "(删去)", "en": "(deleted)"},
    # header / footer
    "header": {"zh": "&L&\"宋体\"{title}&R{unit}", "en": "&L{title}&R{unit}"},
    "footer": {"zh": "&C第 &P 页,共 &N 页", "en": "&CPage &P of &N"},
}

YES_NO = {"zh": ("是", "否"), "en": ("是", "否")}  # the stored answers are 是/否 in every language


def text(key: str, lang: str, **values: object) -> str:
    return fmt(pick(TEXT[key], lang), values)


def sheet_name(key: str, lang: str) -> str:
    return pick(SHEETS[key], lang)


def header(key: str, lang: str) -> str:
    return pick(dict(COLUMNS)[key], lang)


def pass_name(pass_key: str, lang: str) -> str:
    return pick(PASSES[pass_key], lang)

#: Data-validation prompts and error texts (titles ≤ 32 characters, prompts ≤ 255, errors ≤ 224).
PROMPTS: dict[str, dict[str, str]] = {
    "count_title": {"zh": "{pass_name}:录入{unit}数", "en": "{pass_name}: number of {unit}"},
    "count_prompt": {
        "zh": "{clause}\n请录入发生的{unit}数(整数 {min}–{max});没有发生填 0。",
        "en": "{clause}\nEnter how many {unit} occurred (whole number {min}–{max}); 0 if none.",
    },
    "count_error": {"zh": "只能录入 {min} 到 {max} 之间的整数。", "en": "Enter a whole number from {min} to {max}."},
    "missing_title": {"zh": "{pass_name}:录入缺少的项数", "en": "{pass_name}: elements missing"},
    "missing_prompt": {
        "zh": "{clause}\n请录入缺少的项数(整数 0–{max})。要求具备:{elements}",
        "en": "{clause}\nEnter how many listed elements are missing (0–{max}). Required: {elements}",
    },
    "yes_no_title": {"zh": "{pass_name}:是否发生", "en": "{pass_name}: did it happen?"},
    "yes_no_prompt": {
        "zh": "{clause}\n发生选“是”,未发生选“否”。",
        "en": "{clause}\nChoose 是 (yes) if it happened, 否 (no) if not.",
    },
    "yes_no_error": {"zh": "请从下拉列表中选择“是”或“否”。", "en": "Choose 是 (yes) or 否 (no) from the list."},
    "rate_title": {"zh": "{pass_name}:录入实测值(%)", "en": "{pass_name}: measured value (%)"},
    "rate_prompt": {
        "zh": "{clause}\n录入百分数的数值(0–100),例如 85% 录入 85。",
        "en": "{clause}\nEnter the percentage as a number from 0 to 100 (85 for 85%).",
    },
    "rate_error": {"zh": "只能录入 0 到 100 之间的数值(85% 录入 85)。", "en": "Enter a number from 0 to 100 (85 for 85%)."},
    "value_title": {"zh": "{pass_name}:录入实测值({unit})", "en": "{pass_name}: measured value ({unit})"},
    "value_prompt": {"zh": "{clause}\n录入该月的实测值({unit})。", "en": "{clause}\nEnter the month's measured value ({unit})."},
    "value_error": {"zh": "只能录入不小于 0 的数值。", "en": "Enter a number of at least 0."},
    "judged_title": {"zh": "{pass_name}:录入扣分", "en": "{pass_name}: points deducted"},
    "judged_prompt": {
        "zh": "{clause}\n酌情扣分:录入实际扣的分数。不扣填 0,否则填 {min}–{max} 分,可有半分。",
        "en": "{clause}\nJudged deduction: enter the points deducted. 0 if none, otherwise {min}–{max}; half points allowed.",
    },
    "judged_error": {
        "zh": "只能录入 0(不扣分)或 {min} 到 {max} 之间的分数(整分或半分)。",
        "en": "Enter 0 (no deduction) or points from {min} to {max} (whole or half points).",
    },
    "bonus_title": {"zh": "{pass_name}:录入加分{unit}数", "en": "{pass_name}: bonus {unit}"},
    "bonus_prompt": {
        "zh": "{clause}\n请录入获得加分的{unit}数(整数 {min}–{max});没有填 0。每{unit}加{points}分,最多加{cap}分。",
        "en": "{clause}\nEnter how many {unit} earn the bonus (whole number {min}–{max}); 0 if none. {points} points each, at most {cap}.",
    },
    "score_title": {"zh": "{pass_name}:录入得分", "en": "{pass_name}: score"},
    "score_prompt": {
        "zh": "{clause}\n本项人工评分:录入得分(0–{max},可有半分)。",
        "en": "{clause}\nScored by hand: enter the score (0–{max}; half points allowed).",
    },
    "score_error": {"zh": "得分只能在 0 到 {max} 之间。", "en": "The score must be between 0 and {max}."},
    "sample_title": {"zh": "{pass_name}:录入抽查数量", "en": "{pass_name}: sample size"},
    "sample_prompt": {
        "zh": "录入实际抽查的数量。细则要求不少于{min}{unit}。",
        "en": "Enter how many were actually sampled. The rubric requires at least {min} {unit}.",
    },
    "sample_error": {
        "zh": "抽查数量少于细则要求的{min}{unit},或不是整数。确实如此请选“是”保留,并在本轮的说明(自查说明或考评说明)中写明原因。",
        "en": "The sample is below the required {min} {unit}, or not a whole number. Keep it only if true, and explain it.",
    },
    "exempt_title": {"zh": "{pass_name}:是否免考核", "en": "{pass_name}: exempted?"},
    "exempt_prompt": {
        "zh": "可免考核的条件:{condition}\n符合条件选“是”,并在下一行写明原因;否则选“否”。",
        "en": "May be exempted when: {condition}\nChoose 是 if so and give the reason on the next row; otherwise 否.",
    },
    "reason_title": {"zh": "{pass_name}:免考核原因", "en": "{pass_name}: reason for exemption"},
    "reason_prompt": {"zh": "选择免考核时,必须写明原因(如停电通知文号)。", "en": "When exempted, say why (e.g. the outage notice)."},
    "remark_title": {"zh": "{pass_name}说明", "en": "{pass_name}: reason for deduction"},
    "remark_prompt": {
        "zh": "有扣分时写明依据:哪一单、哪一次、哪个录音。",
        "en": "When points are deducted, say which case: which ticket, which call.",
    },
    "cover_title": {"zh": "{label}", "en": "{label}"},
    "cover_prompt": {"zh": "请填写{label}。", "en": "Fill in: {label}."},
}


def prompt(key: str, lang: str, **values: object) -> str:
    return fmt(pick(PROMPTS[key], lang), values)
