"""Codes CALC (computed cells), REM (remarks) and DIFF (self-check vs assessment)."""

from __future__ import annotations

from xlscore.check.codes.base import Code
from xlscore.check.findings import Severity


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
    formulas = True
    title = {"zh": "公式被改动", "en": "formula changed"}
    description = {"zh": "公式与生成时不同。", "en": "A formula differs from the generated one."}
    template = {
        "zh": "{where}{what}的公式被改动(表中:={found};应为:={expected}{differs})。请从原表恢复公式。",
        "en": "{where}the formula of {what} was changed (workbook: ={found}; generated: ={expected}{differs}). Restore it from the original form.",
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


class CALC011(Code):
    code, severity = "CALC011", Severity.WARNING
    title = {"zh": "文件未重新计算", "en": "file not recalculated"}
    description = {"zh": "文件中没有保存计算结果,或大多数计算结果过期(保存它的程序未重新计算);对整个文件报一次。",
                   "en": "The file holds no computed results, or most of them are stale (the program that saved it did not recalculate); one finding for the file."}
    template = {
        "zh": "文件保存前未重新计算({found} 个计算单元格的结果缺失或过期,如 {cells})。请在 Excel/WPS 中打开后保存;本次按录入重新计算校验。",
        "en": "the file was saved without recalculating ({found} computed cells missing or stale, e.g. {cells}). Open it in Excel/WPS and save it; it was checked by recomputing from the inputs.",
    }


class CALC012(Code):
    code, severity = "CALC012", Severity.ERROR
    title = {"zh": "公式被改动,结果有误", "en": "changed formula, wrong result"}
    description = {"zh": "公式的引用与生成时不同(求和范围缩短或延长、引用了别的行、增减了项),使结果与细则不符。",
                   "en": "The formula's references differ from the generated ones (a range shortened or extended, another row referenced, a term added or removed), so the result differs from the rubric."}
    template = {
        "zh": "{where}{what}的公式被改动(表中:={found};应为:={expected}{differs}),结果为 {shown},按细则应为 {value}。请从原表恢复公式。",
        "en": "{where}the formula of {what} was changed (workbook: ={found}; generated: ={expected}{differs}); it gives {shown}, the rubric gives {value}. Restore the formula from the original form.",
    }
    formulas = True


class CALC013(Code):
    code, severity = "CALC013", Severity.ERROR
    title = {"zh": "插入的行被计入", "en": "inserted row counted"}
    description = {"zh": "在评分项或小计范围内插入了一行并录入了数值,它被求和公式计入,改变了得分。",
                   "en": "A row inserted inside an item or group holds a number that a sum includes, changing the score."}
    template = {
        "zh": "{where}第 {row} 行是插入的行,其中录入的 {found} 被{what}的求和范围 {range} 计入,使{what}由 {expected} 变为 {shown}。请删除这一行,在原有的录入单元格中录入。",
        "en": "{where}row {row} was inserted and its {found} is counted by the sum {range} of {what}, which shows {shown} instead of {expected}. Delete the row and use the form's own input cells.",
    }


# --- REM / DIFF -------------------------------------------------------------------------------------
class REM001(Code):
    code, severity = "REM001", Severity.WARNING
    title = {"zh": "扣分无说明", "en": "deduction without remark"}
    description = {"zh": "有扣分,但该轮的说明(自查说明或考评说明)为空。",
                   "en": "Points were deducted but that pass's remark (自查说明 or 考评说明) is empty."}
    template = {
        "zh": "{where}第{rule}条扣了 {found} 分,但{column}为空。请在{column}中写明依据(哪一单、哪一次、哪个录音)。",
        "en": "{where}clause {rule} deducts {found} points but {column} is empty. Say there which case (ticket, call).",
    }


class DIFF001(Code):
    code, severity = "DIFF001", Severity.INFO
    title = {"zh": "自查分与考评分不同", "en": "self-check differs from assessment"}
    description = {"zh": "同一项的自查分与考评分不同(按重算结果)。", "en": "The recomputed self-check and assessor scores of an item differ."}
    template = {
        "zh": "{where}自查分 {found},考评分 {expected},相差 {difference}。",
        "en": "{where}self-check {found}, assessor {expected}, a difference of {difference}.",
    }
