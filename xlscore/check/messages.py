"""Messages for files that cannot be checked at all (exit code 2), and for the report's frame."""

from __future__ import annotations

from xlscore.i18n import fmt, pick
from xlscore.reader.errors import UnreadableWorkbook

UNREADABLE: dict[str, dict[str, str]] = {
    "missing_file": {"zh": "找不到文件;请检查路径和文件名。", "en": "no such file; check the path and name."},
    "is_directory": {"zh": "这是一个文件夹,不是工作簿。", "en": "this is a folder, not a workbook."},
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
    "too_large": {
        "zh": "文件解压后总计 {size} 字节,远超评分表的大小;已拒绝读取。",
        "en": "the file would unpack to {size} bytes, far more than a scoring form; refused.",
    },
}


def unreadable_message(error: UnreadableWorkbook, lang: str) -> str:
    return fmt(pick(UNREADABLE[error.reason], lang), error.values)
