"""Codes RUB (rubric and version) and STR (workbook structure)."""

from __future__ import annotations

from xlscore.check.codes.base import Code
from xlscore.check.findings import Severity


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


class RUB005(Code):
    code, severity = "RUB005", Severity.WARNING
    title = {"zh": "曾被其他程序保存", "en": "saved by another program"}
    description = {"zh": "文件曾被其他程序保存,丢失了表格依赖的设置(元数据表被显示、名称不再隐藏、打印标题丢失、打印区域失效);每类报一次,不影响得分。",
                   "en": "Another program saved the file and dropped settings the form relies on (metadata sheet shown, names no longer hidden, print titles lost, print area broken); one warning per kind, scores are not affected."}
    template = {
        "zh": "该文件曾被其他程序保存,{what}。得分不受影响;如需打印或再次下发,请使用 xlscore 生成的原表。",
        "en": "the file was saved by another program: {what}. Scores are not affected; use the form xlscore generated to print or send out again.",
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
        "zh": "{where}{column}的文字与评分细则不同(表中:“{found}”)。评分按细则原文计算;请勿修改细则文字,意见请写在自查说明或考评说明中。",
        "en": "{where}the {column} text differs from the rubric (workbook: “{found}”). Scores follow the rubric's text; put comments in 自查说明 or 考评说明 instead.",
    }


class STR006(Code):
    code, severity = "STR006", Severity.ERROR
    title = {"zh": "公式无法读取", "en": "formula cannot be read"}
    description = {"zh": "单元格存的是共享公式,但文件中没有该组的主公式,无法得知它的公式;只校验它显示的值。",
                   "en": "The cell stores a shared formula whose master is not in the file, so its formula is unknown; only its value is checked."}
    template = {
        "zh": "工作表 {sheet} 单元格 {cell}{more}:{detail}。这些单元格的公式无法校验(只校验显示的值)。文件可能被其他程序改写过;请在 Excel 或 WPS 中打开原表重新保存后再提交,或从原表复制这些公式。",
        "en": "sheet {sheet} cell {cell}{more}: {detail}. Their formulas cannot be checked (only their values are). Another program may have rewritten the file; open it in Excel or WPS and save it again, or copy these formulas from the original form.",
    }


class STR007(Code):
    code, severity = "STR007", Severity.WARNING
    title = {"zh": "公式存储自相矛盾", "en": "formula stored inconsistently"}
    description = {"zh": "共享公式组有两个主公式,或数组公式的范围不包含它所在的单元格;已按最合理的方式读取,公式本身不作为改动证据。",
                   "en": "A shared-formula group has two masters, or an array formula's range does not hold its own cell; read the most likely way, and its text is not taken as evidence of a change."}
    template = {
        "zh": "工作表 {sheet} 单元格 {cell}{more}:{detail}。该公式按{how}读取,其文字不作为改动依据。文件可能被其他程序改写过;请在 Excel 或 WPS 中打开原表重新保存后再提交。",
        "en": "sheet {sheet} cell {cell}{more}: {detail}. The formula was read {how}, and its text is not taken as evidence of a change. Another program may have rewritten the file; open it in Excel or WPS and save it again.",
    }
