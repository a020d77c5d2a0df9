"""Codes IN: what was typed into input cells."""

from __future__ import annotations

from xlscore.check.codes.base import Code
from xlscore.check.findings import Severity


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
        "zh": "{where}抽查数量 {found} 少于细则要求的 {expected}{unit}。请补足抽查,或在本轮的说明(自查说明或考评说明)中写明原因。",
        "en": "{where}a sample of {found} is below the required {expected} {unit}. Sample more, or explain why in that pass's remark (自查说明 or 考评说明).",
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
