"""Messages for files that cannot be checked at all (exit code 2), and for the report's frame."""

from __future__ import annotations

from xlscore.i18n import fmt, pick
from xlscore.reader.errors import UnreadableWorkbook

UNREADABLE: dict[str, dict[str, str]] = {
    "missing_file": {"zh": "找不到文件;请检查路径和文件名。", "en": "no such file; check the path and name."},
    "is_directory": {"zh": "这是一个文件夹,不是工作簿。", "en": "this is a folder, not a workbook."},
    "not_regular_file": {
        "zh": "这不是普通文件(可能是管道或设备),不是工作簿;已拒绝读取。",
        "en": "this is not a regular file (a pipe or a device?), so not a workbook; refused.",
    },
    "owner_file": {
        "zh": "这是 Excel/WPS 打开文件时生成的临时锁定文件(~$ 开头),不是工作簿;请检查不带 ~$ 的那个文件。",
        "en": "this is the lock file Excel/WPS creates while a workbook is open (~$…), not a workbook; check the file without ~$.",
    },
    "unreadable": {"zh": "无法读取文件({reason})。", "en": "cannot read the file ({reason})."},
    "empty_file": {"zh": "文件是空的(0 字节);请重新保存或重新发送。", "en": "the file is empty (0 bytes); save or send it again."},
    "not_a_workbook": {
        "zh": "这不是 Excel 工作簿(.xlsx/.xlsm);请在 Excel 或 WPS 中另存为 .xlsx 后再校验。",
        "en": "this is not an Excel workbook (.xlsx/.xlsm); save it as .xlsx in Excel or WPS and check again.",
    },
    "xls_file": {
        "zh": "这是旧版 .xls 格式,无法校验;请在 Excel 或 WPS 中另存为 .xlsx(Excel 工作簿)后再校验。",
        "en": "this is the old .xls format; save it as .xlsx (Excel Workbook) in Excel or WPS and check again.",
    },
    "encrypted_or_xls": {
        "zh": "文件设置了打开密码(已加密),或是旧版 .xls 格式;请取消“用密码进行加密”并另存为 .xlsx 后再校验。",
        "en": "the file is password-encrypted or in the old .xls format; remove the open password and save as .xlsx, then check again.",
    },
    "ods_file": {
        "zh": "这是 OpenDocument 表格(.ods);请另存为 .xlsx(Excel 工作簿)后再校验。",
        "en": "this is an OpenDocument spreadsheet (.ods); save it as .xlsx (Excel Workbook) and check again.",
    },
    "broken_zip": {
        "zh": "文件已损坏或不完整(可能下载或复制中断);请让对方重新发送原文件。",
        "en": "the file is damaged or incomplete (an interrupted download or copy?); ask for the original again.",
    },
    "corrupt_part": {
        "zh": "文件内部已损坏({detail}),无法读取;请在 Excel/WPS 中打开并另存一份,或让对方重新发送。",
        "en": "the file is damaged inside ({detail}); open it in Excel/WPS and save a new copy, or ask for it again.",
    },
    "xml_entities": {
        "zh": "文件含有不允许的 XML 实体定义(可能是恶意构造的文件),已拒绝读取。",
        "en": "the file contains XML entity declarations (possibly a crafted file) and was refused.",
    },
    "strict_ooxml": {
        "zh": "文件是“Strict Open XML”格式;请在 Excel 中另存为普通的“Excel 工作簿(.xlsx)”后再校验。",
        "en": "the file is in Strict Open XML format; save it as a normal Excel Workbook (.xlsx) and check again.",
    },
    "too_many_parts": {
        "zh": "文件内部含有 {count} 个部件(上限 {limit}),不像评分表;已拒绝读取。",
        "en": "the file holds {count} parts (limit {limit}); it is not a scoring form and was refused.",
    },
    "part_too_large": {
        "zh": "文件内部部件 {part} 解压后过大({size} 字节);已拒绝读取。",
        "en": "part {part} would unpack to {size} bytes, too large; refused.",
    },
    "zip_bomb": {
        "zh": "文件内部部件 {part} 的压缩比异常({ratio}:1),可能是恶意构造的文件;已拒绝读取。",
        "en": "part {part} compresses {ratio}:1, which suggests a crafted file; refused.",
    },
    "duplicate_part": {
        "zh": "文件内部有两个同名部件 {part}(名称不分大小写),不同软件会读到不同的内容;已拒绝读取。请在 Excel/WPS 中另存一份后再校验。",
        "en": "the file holds two parts named {part} (names ignore case), so programs may read different contents; refused. Save a new copy in Excel/WPS and check again.",
    },
    "bad_part_name": {
        "zh": "文件内部部件名称 {part} 不合规(指向包外或含非法字符),可能是恶意构造的文件;已拒绝读取。",
        "en": "part name {part} is not allowed (it points outside the package or holds illegal characters), which suggests a crafted file; refused.",
    },
    "too_many_cells": {
        "zh": "文件含有超过 {limit} 个单元格的内容,远超评分表;已拒绝读取。请只发送评分表本身。",
        "en": "the file holds more than {limit} cells, far more than a scoring form; refused. Send the scoring form alone.",
    },
    "far_beyond_form": {
        "zh": "工作表“{sheet}”在第 {row} 行以下或第 {col} 列以右还有大量内容,远超评分表;已拒绝读取。请删除多余的行列后另存再校验。",
        "en": "sheet “{sheet}” holds a great deal below row {row} or right of column {col}, far beyond a scoring form; refused. Delete the extra rows and columns, save, and check again.",
    },
    "sheet_too_large": {
        "zh": "工作表“{sheet}”解压后 {size} 字节(上限 {limit}),远超评分表;已拒绝读取。",
        "en": "sheet “{sheet}” unpacks to {size} bytes (limit {limit}), far more than a scoring form; refused.",
    },
    "too_many_strings": {
        "zh": "文件的共享字符串表超过 {limit} 条,远超评分表;已拒绝读取。",
        "en": "the file's shared-string table holds more than {limit} strings, far more than a scoring form; refused.",
    },
    "strings_too_large": {
        "zh": "文件的共享字符串表解压后 {size} 字节(上限 {limit}),远超评分表;已拒绝读取。",
        "en": "the file's shared-string table unpacks to {size} bytes (limit {limit}), far more than a scoring form; refused.",
    },
    "internal_error": {
        "zh": "xlscore 内部错误({kind}),这个文件未能校验;这不是您的错误,请把文件发给管理员。",
        "en": "xlscore internal error ({kind}); this file was not checked. It is not your fault: send the file to the maintainer.",
    },
    "not_scoring_form": {
        "zh": "这不是 xlscore 生成的考核评分表(没有元数据、定义名称,也找不到任何评分项);请用 xlscore generate 生成的表格填写。",
        "en": "this is not a scoring workbook generated by xlscore (no metadata, no defined names, no item found); fill in a form made by xlscore generate.",
    },
    "too_large": {
        "zh": "文件解压后总计 {size} 字节,远超评分表的大小;已拒绝读取。",
        "en": "the file would unpack to {size} bytes, far more than a scoring form; refused.",
    },
}


def unreadable_message(error: UnreadableWorkbook, lang: str) -> str:
    return fmt(pick(UNREADABLE[error.reason], lang), error.values)


def internal_error_message(error: BaseException, lang: str) -> str:
    """One file's "could not check" line for an error xlscore did not foresee (no traceback, no paths)."""
    return fmt(pick(UNREADABLE["internal_error"], lang), {"kind": type(error).__name__})
