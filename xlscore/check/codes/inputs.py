"""Codes IN: what was typed into input cells."""

from __future__ import annotations

from xlscore.check.codes.base import Code
from xlscore.check.findings import Severity


# --- IN: inputs -------------------------------------------------------------------------------------
class IN001(Code):
    code, severity = "IN001", Severity.ERROR
    title = {"zh": "未录入", "en": "input missing"}
    description = {"zh": "本轮已开始填写,但该项有必填的录入为空(每项报一次);本轮因此未完成,不给出总分和排名。",
                   "en": "A pass was started but required inputs of this item are blank (one finding per item); the pass is incomplete, so it has no final total and no rank."}
    template = {
        "zh": "{where}{what}未录入,本轮因此未完成。没有发生请填 0,“是/否”请选择,抽查数量请填实际数。",
        "en": "{where}{what} left blank, so this pass is incomplete. Enter 0 if nothing happened, choose 是/否, and enter the actual sample size.",
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
    description = {"zh": "录入值不在该单元格允许的范围内(负数、小数次数、超过上限、人工评分超过标准分、酌情扣分不是 0 也不在扣分范围内或不是整分半分)。",
                   "en": "An input is outside its allowed range (negative, a fractional count, above the maximum, a manual score above 标准分, a judged deduction neither 0 nor within its range, or not in whole or half points)."}
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
    code, severity = "IN010", Severity.ERROR
    title = {"zh": "本轮未填写", "en": "pass not filled in"}
    description = {"zh": "自查或考评的录入全部为空:本轮未填写,没有得分,不参加排名。",
                   "en": "Every input of a pass is blank: the pass is not filled in, has no score and is not ranked."}
    template = {
        "zh": "{where}本轮未填写(录入全部为空),没有得分,不参加排名。请填写后再交回。",
        "en": "{where}this pass is not filled in (every input is blank): it has no score and is not ranked. Fill it in and return it.",
    }


class IN011(Code):
    code, severity = "IN011", Severity.INFO
    title = {"zh": "空白按 0 计", "en": "blanks counted as 0"}
    description = {"zh": "按 --allow-blank 或评分细则的设置,已开始填写的一轮中空白的录入按 0(未扣分)计;每个文件报一次。",
                   "en": "With --allow-blank or the rubric's setting, blank inputs of a started pass count as 0 (no deduction); said once per file."}
    template = {
        "zh": "本文件有 {found} 处空白录入,已按设置(空白按 0 计)视为未扣分:{items}。",
        "en": "{found} blank input(s) counted as 0 (no deduction), as set (blanks count as 0): {items}.",
    }


class IN012(Code):
    code, severity = "IN012", Severity.ERROR
    title = {"zh": "录入了逻辑值", "en": "boolean in an input"}
    description = {"zh": "录入单元格中是逻辑值 TRUE/FALSE(多为粘贴而来);各电子表格程序对它的计算不一致,无法确定得分。",
                   "en": "An input holds a logical TRUE/FALSE (usually pasted); spreadsheet programs disagree on how to count it, so the score cannot be known."}
    template = {
        "zh": "{where}录入单元格是逻辑值 {found},不是数字或“是/否”;Excel、WPS 与 LibreOffice 对它的计算不一致,依赖它的得分无法计算。请改为数字或从下拉列表中选择。",
        "en": "{where}the input is the logical value {found}, not a number or 是/否; Excel, WPS and LibreOffice count it differently, so the scores depending on it cannot be computed. Enter a number or choose from the drop-down.",
    }
