"""Why a file could not be imported at all: one clear message, no traceback (the CLI exits 2)."""

from __future__ import annotations

from xlscore.errors import XlscoreError
from xlscore.i18n import fmt, pick

IMPORT_ERRORS: dict[str, dict[str, str]] = {
    "missing_file": {"zh": "找不到文件;请检查路径和文件名。", "en": "no such file; check the path and the name."},
    "unreadable": {"zh": "无法读取文件({reason})。", "en": "cannot read the file ({reason})."},
    "doc_file": {
        "zh": "这是旧版 Word 文档(.doc),无法读取;请在 Word/WPS 中“另存为” .docx 后再导入。",
        "en": "this is an old Word document (.doc), which cannot be read; save it as .docx in Word/WPS and import that.",
    },
    "xls_file": {
        "zh": "这是旧版 Excel 工作簿(.xls),无法读取;请在 Excel/WPS 中“另存为” .xlsx 后再导入。",
        "en": "this is an old Excel workbook (.xls), which cannot be read; save it as .xlsx in Excel/WPS and import that.",
    },
    "encrypted": {
        "zh": "文件设置了打开密码(已加密),无法读取;请在 Word/Excel/WPS 中取消密码后另存一份再导入。",
        "en": "the file is password-protected (encrypted) and cannot be read; remove the password in Word/Excel/WPS, save a copy and import that.",
    },
    "unsupported_format": {
        "zh": "不支持的文件类型 `{suffix}`;请导入 Word 文档(.docx)或 Excel 工作簿(.xlsx)。",
        "en": "unsupported file type `{suffix}`; import a Word document (.docx) or an Excel workbook (.xlsx).",
    },
    "not_office_file": {
        "zh": "文件内容不是 {kind} 格式(可能已损坏或扩展名有误);请在 Word/Excel/WPS 中打开并重新保存后再导入。",
        "en": "the file is not a valid {kind} file (damaged, or a wrong extension); open it in Word/Excel/WPS, save it again and import that.",
    },
    "too_large": {
        "zh": "文件过大({size} 字节,上限 {limit});评分细则表格不会这么大,请检查是否选错了文件。",
        "en": "the file is too large ({size} bytes, limit {limit}); a rubric table is never this big; check the file.",
    },
    "no_table": {
        "zh": "文档中没有表格;请把考核细则做成表格(序号、项目、考核内容、标准分、评分规定)后再导入。",
        "en": "the document holds no table; put the rubric in a table (序号, 项目, 考核内容, 标准分, 评分规定) and import again.",
    },
    "no_score_column": {
        "zh": "{where} 的表格没有“标准分”列(也没有“分值”“分数”);请在表头加上标准分列后再导入。找到的表头:{headers}",
        "en": "the table at {where} has no 标准分 column (nor 分值/分数); add a 标准分 column to the header and import again. Header found: {headers}",
    },
    "no_rule_column": {
        "zh": "{where} 的表格没有“评分规定”列(也没有“评分标准”“考核办法”“扣分标准”);请在表头加上该列后再导入。找到的表头:{headers}",
        "en": "the table at {where} has no 评分规定 column (nor 评分标准/考核办法/扣分标准); add it to the header and import again. Header found: {headers}",
    },
    "no_rubric_table": {
        "zh": "没有找到考核细则表格:表头应含“标准分”(或分值、分数)和“评分规定”(或评分标准、考核办法、扣分标准)。第一个表格的第一行是:{headers}",
        "en": "no rubric table found: the header must name 标准分 (or 分值/分数) and 评分规定 (or 评分标准/考核办法/扣分标准). The first table's first row is: {headers}",
    },
    "no_items": {
        "zh": "{where} 的表格在表头之下没有评分项(有标准分和评分规定的行);请检查表格内容。",
        "en": "the table at {where} has no scored rows below its header (rows with a 标准分 and a 评分规定); check the table.",
    },
}


class RubricImportError(XlscoreError):
    """A file that cannot be imported; ``message(lang)`` says why and what to do."""

    def __init__(self, file: str, code: str, values: dict[str, object] | None = None) -> None:
        super().__init__(code)
        self.file = file
        self.code = code
        self.values = values or {}

    def message(self, lang: str = "zh") -> str:
        return f"{self.file}: " + fmt(pick(IMPORT_ERRORS[self.code], lang), self.values)

    def __str__(self) -> str:
        return self.message("zh")
