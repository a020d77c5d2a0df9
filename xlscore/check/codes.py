"""The catalogue of finding codes: stable, topic-prefixed, never renumbered or reused.

Each code is a class with its severity, title, description and message template (Chinese and
English). ``docs/codes.md`` is generated from these classes (``xlscore.check.docs``).
Messages say where (序号, pass), what, why and how to fix; ``{where}`` expands to
``序号 1.1 自查:`` and missing values print as ``?``.
"""

from __future__ import annotations

from typing import ClassVar

from xlscore.check.findings import Finding, Severity
from xlscore.i18n import fmt, pick
from xlscore.form.wording import pass_name

TOPICS = {
    "RUB": {"zh": "评分细则与版本", "en": "Rubric and version"},
    "STR": {"zh": "表格结构", "en": "Workbook structure"},
    "IN": {"zh": "录入内容", "en": "Inputs"},
    "CALC": {"zh": "计算结果", "en": "Computed cells"},
    "REM": {"zh": "扣分说明", "en": "Remarks"},
    "DIFF": {"zh": "自查与考评", "en": "Self-check vs assessment"},
}


class Code:
    code: ClassVar[str]
    severity: ClassVar[Severity]
    title: ClassVar[dict[str, str]]
    description: ClassVar[dict[str, str]]
    template: ClassVar[dict[str, str]]

    @classmethod
    def make(
        cls,
        lang: str,
        *,
        sheet: str | None = None,
        cell: str | None = None,
        serial: str | None = None,
        pass_key: str | None = None,
        expected: object = None,
        found: object = None,
        name: str | None = None,
        **values: object,
    ) -> Finding:
        where = _where(serial, pass_key, lang)
        message = fmt(pick(cls.template, lang), values, where=where, expected=expected, found=found, serial=serial,
                      sheet=sheet, cell=cell, name=name)
        return Finding(
            cls.code, cls.severity, message, sheet, cell, serial, pass_key,
            None if expected is None else str(expected), None if found is None else str(found), name,
        )


def _where(serial: str | None, pass_key: str | None, lang: str) -> str:
    parts = []
    if serial:
        parts.append(f"序号 {serial}" if lang != "en" else f"item {serial}")
    if pass_key:
        parts.append(pass_name(pass_key, lang))
    if not parts:
        return ""
    return " ".join(parts) + (":" if lang != "en" else ": ")


# --- RUB: rubric and version ------------------------------------------------------------------------
class RUB001(Code):
    code, severity = "RUB001", Severity.WARNING
    title = {"zh": "元数据表缺失", "en": "metadata sheet missing"}
    description = {"zh": "工作簿中没有 xlscore 写入的隐藏元数据表,无法确认所用的评分细则版本。",
                   "en": "The hidden metadata sheet written by xlscore is gone, so the rubric version cannot be confirmed."}
    template = {
        "zh": "工作簿中的隐藏元数据表已被删除,无法确认它所用的评分细则版本;本次按 {rubric} 校验。请使用 xlscore generate 生成的原表填写。",
        "en": "the hidden metadata sheet has been removed, so the workbook's rubric version cannot be confirmed; checked against {rubric}. Fill in the form xlscore generated.",
    }


class RUB002(Code):
    code, severity = "RUB002", Severity.ERROR
    title = {"zh": "评分细则与工作簿不一致", "en": "rubric differs from the workbook's"}
    description = {"zh": "用 --rubric 指定的细则与工作簿内嵌的细则不同(sha256 不一致)。",
                   "en": "The rubric given with --rubric differs from the one embedded in the workbook (sha256)."}
    template = {
        "zh": "工作簿按评分细则 {found_id} 版本 {found_version}(sha256 {found})生成,而本次指定的是 {expected_id} 版本 {expected_version}(sha256 {expected});按指定的细则校验,结果可能与表中不符。请确认使用了正确的细则或重新下发表格。",
        "en": "the workbook was generated from rubric {found_id} version {found_version} (sha256 {found}), but {expected_id} version {expected_version} (sha256 {expected}) was given; checked against the one given, so results may not match the form. Use the matching rubric or send out a new form.",
    }


class RUB003(Code):
    code, severity = "RUB003", Severity.WARNING
    title = {"zh": "评分细则版本较旧或不同", "en": "another rubric version"}
    description = {"zh": "工作簿内嵌的细则与 xlscore 自带的同名细则版本不同;按工作簿内嵌的版本校验。",
                   "en": "The workbook's embedded rubric is another version of the shipped rubric; the embedded one is used."}
    template = {
        "zh": "工作簿使用评分细则 {rubric_id} 版本 {found}(sha256 {found_sha}),与当前版本 {expected}(sha256 {expected_sha})不同;已按工作簿内嵌的版本校验。如需统一口径,请重新下发新版表格。",
        "en": "the workbook uses rubric {rubric_id} version {found} (sha256 {found_sha}), not the current {expected} (sha256 {expected_sha}); checked against the embedded version. Send out the new form if all units must use the same version.",
    }


class RUB004(Code):
    code, severity = "RUB004", Severity.ERROR
    title = {"zh": "元数据被改动", "en": "metadata altered"}
    description = {"zh": "元数据表中的细则内容与其记录的 sha256 不符,或无法读取。",
                   "en": "The rubric in the metadata sheet does not match its recorded sha256, or cannot be read."}
    template = {
        "zh": "隐藏元数据表中的评分细则已被改动或损坏({detail});本次按 {rubric} 校验。请使用 xlscore generate 生成的原表。",
        "en": "the rubric in the hidden metadata sheet was altered or is damaged ({detail}); checked against {rubric}. Use the form xlscore generated.",
    }


# --- STR: workbook structure ------------------------------------------------------------------------
class STR001(Code):
    code, severity = "STR001", Severity.WARNING
    title = {"zh": "按序号定位", "en": "cells found by 序号"}
    description = {"zh": "工作簿中的定义名称已丢失,单元格改按序号和表头位置查找。",
                   "en": "The defined names are gone; cells were found by 序号 and header position instead."}
    template = {
        "zh": "工作表 {sheet} 中没有 xlscore 的定义名称({missing} 个缺失),已改按序号和表头查找单元格;若行被移动过,结果可能不准。请使用原表填写,不要复制到新工作簿。",
        "en": "sheet {sheet} has lost xlscore's defined names ({missing} missing); cells were found by 序号 and header instead, which may be wrong if rows were moved. Fill in the original form rather than a copy.",
    }


class STR002(Code):
    code, severity = "STR002", Severity.ERROR
    title = {"zh": "行被删除", "en": "row deleted"}
    description = {"zh": "定义名称指向 #REF!:它所在的行已被删除。", "en": "A defined name points at #REF!: its row was deleted."}
    template = {
        "zh": "{where}{what}所在的行已被删除(名称 {name} 指向 #REF!),该项无法校验。请恢复原表中的这一行。",
        "en": "{where}the row of {what} was deleted (name {name} points at #REF!), so it cannot be checked. Restore the row from the original form.",
    }


class STR003(Code):
    code, severity = "STR003", Severity.ERROR
    title = {"zh": "评分项缺失", "en": "item missing"}
    description = {"zh": "在工作簿中找不到细则中的某个评分项或工作表。", "en": "An item or sheet of the rubric is not in the workbook."}
    template = {
        "zh": "{where}在工作表 {sheet} 中找不到该评分项,无法校验。请使用原表,不要删除评分项。",
        "en": "{where}the item is not on sheet {sheet}, so it cannot be checked. Use the original form and keep every item.",
    }


class STR004(Code):
    code, severity = "STR004", Severity.ERROR
    title = {"zh": "标准分被改动", "en": "标准分 edited"}
    description = {"zh": "表中的标准分与评分细则不同。", "en": "The 标准分 in the workbook differs from the rubric."}
    template = {
        "zh": "{where}标准分应为 {expected},表中为 {found}。标准分由评分细则规定,请改回 {expected}。",
        "en": "{where}标准分 should be {expected}, the workbook shows {found}. The rubric sets it: change it back to {expected}.",
    }


class STR005(Code):
    code, severity = "STR005", Severity.WARNING
    title = {"zh": "细则文字被改动", "en": "rubric text edited"}
    description = {"zh": "评分规定或扣分标准的文字与评分细则不同。", "en": "The 评分规定 or 扣分标准 text differs from the rubric."}
    template = {
        "zh": "{where}{column}的文字与评分细则不同(表中:“{found}”)。评分按细则原文计算;请勿修改细则文字,意见请写在扣分说明中。",
        "en": "{where}the {column} text differs from the rubric (workbook: “{found}”). Scores follow the rubric's text; put comments in 扣分说明 instead.",
    }


# --- IN: inputs -------------------------------------------------------------------------------------
class IN001(Code):
    code, severity = "IN001", Severity.WARNING
    title = {"zh": "未录入", "en": "input missing"}
    description = {"zh": "该录入单元格为空,而本轮其他单元格已填写。", "en": "An input is blank while this pass has other inputs."}
    template = {
        "zh": "{where}{what}未录入(空白按 0 计)。没有发生请填 0,“是/否”请选择,抽查数量请填实际数。",
        "en": "{where}{what} blank (counted as 0). Enter 0 if nothing happened, choose 是/否, and enter the actual sample size.",
    }


class IN002(Code):
    code, severity = "IN002", Severity.ERROR
    title = {"zh": "不是数字", "en": "not a number"}
    description = {"zh": "数值单元格中是无法识别为数字的文字。", "en": "A number cell holds text that cannot be read as a number."}
    template = {
        "zh": "{where}录入的“{found}”不是数字,表中公式按 0 计算。请改为数字{hint}。",
        "en": "{where}“{found}” is not a number; the workbook's formula counts it as 0. Enter a number{hint}.",
    }


class IN003(Code):
    code, severity = "IN003", Severity.WARNING
    title = {"zh": "按人工理解读取", "en": "input read as meant"}
    description = {"zh": "录入的内容(全角数字、带单位、百分号、Y/N 等)已按其本意读取,但表中公式不认。",
                   "en": "An input (full-width digits, a unit, a % sign, Y/N …) was read as meant, but the workbook's formula does not understand it."}
    template = {
        "zh": "{where}录入的“{found}”按 {expected} 读取{why};表中公式不认这种写法,请改为 {expected}。",
        "en": "{where}“{found}” was read as {expected}{why}; the workbook's formula does not understand it: enter {expected}.",
    }


class IN004(Code):
    code, severity = "IN004", Severity.ERROR
    title = {"zh": "超出范围", "en": "out of range"}
    description = {"zh": "录入值不在该单元格允许的范围内(负数、小数次数、超过上限、人工评分超过标准分)。",
                   "en": "An input is outside its allowed range (negative, a fractional count, above the maximum, a manual score above 标准分)."}
    template = {
        "zh": "{where}录入的 {found} 不在允许范围内:{rule}。请改正。",
        "en": "{where}{found} is not allowed here: {rule}. Correct it.",
    }


class IN005(Code):
    code, severity = "IN005", Severity.ERROR
    title = {"zh": "不是“是/否”", "en": "not 是/否"}
    description = {"zh": "“是/否”单元格中是其他内容。", "en": "A 是/否 cell holds something else."}
    template = {
        "zh": "{where}录入的“{found}”不是“是”或“否”,表中公式按“否”计算。请从下拉列表中选择。",
        "en": "{where}“{found}” is neither 是 nor 否; the workbook's formula takes it as 否. Choose from the drop-down.",
    }


class IN006(Code):
    code, severity = "IN006", Severity.ERROR
    title = {"zh": "录入单元格是错误值", "en": "error value in an input"}
    description = {"zh": "录入单元格中是 Excel 错误值(#VALUE!、#REF! 等)。", "en": "An input holds an Excel error value (#VALUE!, #REF! …)."}
    template = {
        "zh": "{where}录入单元格显示错误值 {found}(可能粘贴了公式)。请清除后直接录入数值。",
        "en": "{where}the input shows the error {found} (a formula was probably pasted). Clear it and type the value.",
    }


class IN007(Code):
    code, severity = "IN007", Severity.ERROR
    title = {"zh": "计数超过抽查数", "en": "count above sample"}
    description = {"zh": "计的是抽查的对象,但计数比抽查数量还多。", "en": "A count of sampled things exceeds the sample size."}
    template = {
        "zh": "{where}录入 {found} {unit},超过抽查数量 {expected}。请核对计数或抽查数量。",
        "en": "{where}{found} {unit} recorded, more than the sample of {expected}. Check the count or the sample size.",
    }


class IN008(Code):
    code, severity = "IN008", Severity.WARNING
    title = {"zh": "抽查数量不足", "en": "sample below minimum"}
    description = {"zh": "实际抽查数量少于细则要求的最少数量。", "en": "The sample drawn is smaller than the rubric's minimum."}
    template = {
        "zh": "{where}抽查数量 {found} 少于细则要求的 {expected}{unit}。请补足抽查,或在扣分说明中写明原因。",
        "en": "{where}a sample of {found} is below the required {expected} {unit}. Sample more, or explain why in 扣分说明.",
    }


class IN009(Code):
    code, severity = "IN009", Severity.ERROR
    title = {"zh": "免考核未写原因", "en": "exemption without reason"}
    description = {"zh": "选择了免考核,但没有写原因。", "en": "The item is exempted but no reason is given."}
    template = {
        "zh": "{where}选择了免考核,但未写明原因。请在“免考核原因”一行写明依据(可免考核的条件:{condition})。",
        "en": "{where}the item is exempted but no reason is given. Give it on the reason row (allowed when: {condition}).",
    }


class IN010(Code):
    code, severity = "IN010", Severity.INFO
    title = {"zh": "本轮未填写", "en": "pass not filled in"}
    description = {"zh": "自查或考评的录入全部为空,本轮未校验录入缺失。", "en": "Every input of a pass is blank; missing inputs of that pass are not reported."}
    template = {
        "zh": "{where}本轮录入全部为空(尚未填写),只校验了计算结果。",
        "en": "{where}every input of this pass is blank (not filled in yet); only the computed cells were checked.",
    }


# --- CALC: computed cells ---------------------------------------------------------------------------
class CALC001(Code):
    code, severity = "CALC001", Severity.ERROR
    title = {"zh": "扣分不符", "en": "deduction differs"}
    description = {"zh": "某条扣分与按细则重算的结果不同。", "en": "A deduction differs from the recomputed one."}
    template = {
        "zh": "{where}第{rule}条扣分应为 {expected},表中为 {found}{because}。{fix}",
        "en": "{where}clause {rule}: the deduction should be {expected}, the workbook shows {found}{because}. {fix}",
    }


class CALC002(Code):
    code, severity = "CALC002", Severity.ERROR
    title = {"zh": "得分不符", "en": "item score differs"}
    description = {"zh": "某项得分与按细则重算的结果不同。", "en": "An item score differs from the recomputed one."}
    template = {
        "zh": "{where}得分应为 {expected},表中为 {found}{because}。{fix}",
        "en": "{where}the score should be {expected}, the workbook shows {found}{because}. {fix}",
    }


class CALC003(Code):
    code, severity = "CALC003", Severity.ERROR
    title = {"zh": "小计不符", "en": "subtotal differs"}
    description = {"zh": "分组小计与重算结果不同。", "en": "A group subtotal differs from the recomputed one."}
    template = {
        "zh": "{where}小计应为 {expected},表中为 {found}{because}。{fix}",
        "en": "{where}the subtotal should be {expected}, the workbook shows {found}{because}. {fix}",
    }


class CALC004(Code):
    code, severity = "CALC004", Severity.ERROR
    title = {"zh": "合计不符", "en": "section total differs"}
    description = {"zh": "工作表合计与重算结果不同。", "en": "A section total differs from the recomputed one."}
    template = {
        "zh": "{where}第{section}部分合计应为 {expected},表中为 {found}{because}。{fix}",
        "en": "{where}the total of section {section} should be {expected}, the workbook shows {found}{because}. {fix}",
    }


class CALC005(Code):
    code, severity = "CALC005", Severity.ERROR
    title = {"zh": "汇总不符", "en": "summary differs"}
    description = {"zh": "汇总表中的得分或差异与重算结果不同。", "en": "A 汇总 cell differs from the recomputed one."}
    template = {
        "zh": "{where}汇总表中{what}应为 {expected},表中为 {found}{because}。{fix}",
        "en": "{where}on 汇总, {what} should be {expected}, the workbook shows {found}{because}. {fix}",
    }


class CALC006(Code):
    code, severity = "CALC006", Severity.ERROR
    title = {"zh": "公式被覆盖", "en": "formula typed over"}
    description = {"zh": "应为公式的单元格中被直接录入了数值,它不会再随录入更新。",
                   "en": "A cell that must be a formula holds a typed value, which no longer follows the inputs."}
    template = {
        "zh": "{where}{what}的公式被覆盖为手工录入的 {found}(按细则应为 {expected})。该单元格不会再自动计算;请从原表恢复公式,通过录入单元格调整扣分。",
        "en": "{where}the formula of {what} was typed over with {found} (the rubric gives {expected}). It no longer recomputes; restore the formula from the original form and change the inputs instead.",
    }


class CALC007(Code):
    code, severity = "CALC007", Severity.WARNING
    title = {"zh": "缓存值过期或缺失", "en": "cached value stale or missing"}
    description = {"zh": "公式完好,但文件中保存的计算结果不是按当前录入算出的(文件保存前未重新计算)。",
                   "en": "The formula is intact but the saved result was not computed from the current inputs (not recalculated before saving)."}
    template = {
        "zh": "{where}{what}保存的结果 {found} 不是按当前录入计算的(应为 {expected});文件保存前未重新计算。请在 Excel/WPS 中打开、按 F9 重新计算后保存。",
        "en": "{where}the saved result of {what}, {found}, was not computed from the current inputs (should be {expected}); the file was saved without recalculating. Open it, press F9 and save.",
    }


class CALC008(Code):
    code, severity = "CALC008", Severity.WARNING
    title = {"zh": "公式被改动", "en": "formula changed"}
    description = {"zh": "公式与生成时不同。", "en": "A formula differs from the generated one."}
    template = {
        "zh": "{where}{what}的公式被改动(表中:={found};应为:={expected})。请从原表恢复公式。",
        "en": "{where}the formula of {what} was changed (workbook: ={found}; generated: ={expected}). Restore it from the original form.",
    }


class CALC009(Code):
    code, severity = "CALC009", Severity.ERROR
    title = {"zh": "计算结果是错误值", "en": "error value in a computed cell"}
    description = {"zh": "公式单元格显示 Excel 错误值。", "en": "A formula cell shows an Excel error value."}
    template = {
        "zh": "{where}{what}显示错误值 {found}(应为 {expected})。通常是删除了行或粘贴覆盖了引用的单元格;请从原表恢复。",
        "en": "{where}{what} shows the error {found} (should be {expected}), usually because a referenced row was deleted or pasted over; restore it from the original form.",
    }


class CALC010(Code):
    code, severity = "CALC010", Severity.WARNING
    title = {"zh": "得分无法由细则得出", "en": "score not reachable"}
    description = {"zh": "表中的得分不可能由该项的扣分规则算出(如扣分以 2 分为单位却得了奇数分)。",
                   "en": "The score shown cannot result from the item's rules (e.g. an odd score where deductions come in 2s)."}
    template = {
        "zh": "{where}得分 {found} 不可能由该项的扣分规则得出(可能的得分:{reachable})。请按细则逐条录入扣分。",
        "en": "{where}a score of {found} cannot result from the item's rules (possible: {reachable}). Record the deductions clause by clause.",
    }


# --- REM / DIFF -------------------------------------------------------------------------------------
class REM001(Code):
    code, severity = "REM001", Severity.WARNING
    title = {"zh": "扣分无说明", "en": "deduction without remark"}
    description = {"zh": "有扣分,但扣分说明为空。", "en": "Points were deducted but 扣分说明 is empty."}
    template = {
        "zh": "{where}第{rule}条扣了 {found} 分,但未写扣分说明。请写明依据(哪一单、哪一次、哪个录音)。",
        "en": "{where}clause {rule} deducts {found} points but 扣分说明 is empty. Say which case (ticket, call).",
    }


class DIFF001(Code):
    code, severity = "DIFF001", Severity.INFO
    title = {"zh": "自查分与考评分不同", "en": "self-check differs from assessment"}
    description = {"zh": "同一项的自查分与考评分不同(按重算结果)。", "en": "The recomputed self-check and assessor scores of an item differ."}
    template = {
        "zh": "{where}自查分 {found},考评分 {expected},相差 {difference}。",
        "en": "{where}self-check {found}, assessor {expected}, a difference of {difference}.",
    }


CATALOGUE: dict[str, type[Code]] = {
    cls.code: cls
    for cls in (
        RUB001, RUB002, RUB003, RUB004, STR001, STR002, STR003, STR004, STR005,
        IN001, IN002, IN003, IN004, IN005, IN006, IN007, IN008, IN009, IN010,
        CALC001, CALC002, CALC003, CALC004, CALC005, CALC006, CALC007, CALC008, CALC009, CALC010,
        REM001, DIFF001,
    )
}
