"""Every text of the round a person reads (Chinese and English): roster problems, 回收情况, the template."""

from __future__ import annotations

from xlscore.i18n import fmt, pick

ROSTER_PROBLEMS = {
    "row": {"zh": "{file} 第 {row} 行", "en": "{file} row {row}"},
    "not_roster": {
        "zh": "不能作为名单读取(扩展名 {suffix}):名单须是 .xlsx 工作簿(xlscore roster template 生成)或每行一个单位名称的 .txt/.csv 文件。",
        "en": "cannot be read as a roster (extension {suffix}): a roster is an .xlsx workbook (from xlscore roster template) or a .txt/.csv file with one unit name per line.",
    },
    "cannot_open": {"zh": "无法打开名单文件({reason});请检查路径。", "en": "cannot open the roster ({reason}); check the path."},
    "too_big": {"zh": "名单文件超过 {limit} MB,不像单位名单;请检查是否选错了文件。",
                "en": "the roster is larger than {limit} MB, which no list of units is; check that this is the right file."},
    "encoding": {
        "zh": "名单文件的文字编码无法识别(既不是 UTF-8 也不是 GBK);请用记事本或 Excel 另存为 UTF-8 后再试。",
        "en": "the roster's text encoding is neither UTF-8 nor GBK; save it as UTF-8 (Notepad or Excel: Save As) and try again.",
    },
    "bad_workbook": {
        "zh": "名单工作簿无法读取({reason}),文件可能已损坏或不是 .xlsx;请在 Excel 中打开并另存为 .xlsx 后再试。",
        "en": "the roster workbook cannot be read ({reason}); it may be damaged or not an .xlsx. Open it in Excel, save it as .xlsx and try again.",
    },
    "empty": {
        "zh": "名单中没有任何单位:未找到“被考核单位”列下的名称,也没有每行一个的单位名称;请按 xlscore roster template 生成的模板填写名单。",
        "en": "the roster names no unit: no names under a “被考核单位 / Unit” header and no unit name per line; fill in the template from xlscore roster template.",
    },
    "duplicate_name": {
        "zh": "单位“{name}”在名单中出现两次(第一次在第 {first} 行,名称忽略空格和全半角后相同);每个单位只能列一次,请删除或改正其中一行。",
        "en": "the unit “{name}” is listed twice (first on row {first}; names are compared ignoring spaces and full-width forms); list each unit once: delete or correct one of the rows.",
    },
    "duplicate_id": {
        "zh": "单位编号“{id}”({name})与第 {first} 行({first_name})重复;编号用来识别交回的表,必须各不相同,请改正其中一个。",
        "en": "the unit id “{id}” ({name}) repeats the one on row {first} ({first_name}); ids identify the returned forms and must differ: correct one of them.",
    },
    "no_name": {
        "zh": "有单位编号“{id}”但没有单位名称;请在“被考核单位”列填写名称,或删除这一行。",
        "en": "has the unit id “{id}” but no unit name; fill in the 被考核单位 (Unit) column or delete the row.",
    },
    "same_file_name": {
        "zh": "单位“{name}”与第 {first} 行的“{first_name}”在 Windows 下会得到同一个文件名“{file_name}.xlsx”;请把其中一个名称改得有所区别。",
        "en": "the units “{name}” and “{first_name}” (row {first}) would get the same file name “{file_name}.xlsx” on Windows; make one of the names differ.",
    },
}


def problem_text(key: str, lang: str, **values: object) -> str:
    return fmt(pick(ROSTER_PROBLEMS[key], lang), values)

TEMPLATE = {
    "sheet": {"zh": "名单", "en": "Roster"},
    "guide_sheet": {"zh": "说明", "en": "How to"},
    "title": {"zh": "被考核单位名单", "en": "Units of the assessment round"},
    "period": {"zh": "考核期间", "en": "Period"},
    "period_hint": {"zh": "(如 2025年度,写在每个单位表格的封面上)", "en": "(e.g. 2025; printed on each unit's cover)"},
    "id": {"zh": "单位编号", "en": "Unit ID"},
    "name": {"zh": "被考核单位", "en": "Unit"},
    "contact": {"zh": "联系人", "en": "Contact"},
    "phone": {"zh": "电话", "en": "Phone"},
    "note": {"zh": "每行一个单位。单位编号可不填(按名称自动生成);联系人、电话可不填。",
             "en": "One unit per row. The unit ID may be left blank (derived from the name); contact and phone are optional."},
}

GUIDE = {
    "zh": [
        "被考核单位名单的填写与使用",
        "",
        "1. 在“名单”表中每行填写一个被考核单位;“被考核单位”必填,名称不能重复。",
        "2. “单位编号”可不填,xlscore 按单位名称自动生成固定的编号;填写时每个编号必须不同。",
        "3. “考核期间”填在名单表第 2 行,会写在每个单位表格的封面上。",
        "4. 下发:xlscore generate --roster 名单.xlsx -o 下发/  为每个单位生成一份表格,封面上的单位和考核期间已锁定。",
        "5. 回收:xlscore check 回收/ --roster 名单.xlsx --summary 汇总.xlsx  列出未回收、重复、名单外和单位不符的文件。",
        "6. 下发后请不要再修改名单中的单位名称和编号,否则已下发的表格会被视为另一轮考核的表格。",
        "也可以用每行一个单位名称的 .txt 或 .csv 文件作为名单(UTF-8 或 GBK 编码)。",
    ],
    "en": [
        "Filling in and using the roster",
        "",
        "1. On the Roster sheet, one unit per row; Unit is required and names must differ.",
        "2. Unit ID may be left blank: xlscore derives a fixed ID from the name; IDs given must all differ.",
        "3. Period goes in row 2 of the Roster sheet and is printed on each unit's cover.",
        "4. Send out: xlscore generate --roster roster.xlsx -o out/  writes one form per unit with its name and period locked on the cover.",
        "5. Collect: xlscore check returns/ --roster roster.xlsx --summary summary.xlsx  lists missing, duplicate, off-roster and mismatched returns.",
        "6. Do not change unit names or IDs after sending the forms out: forms already sent would count as another round's.",
        "A .txt or .csv file with one unit name per line (UTF-8 or GBK) serves as a roster too.",
    ],
}


def template_word(key: str, lang: str) -> str:
    return pick(TEMPLATE[key], lang)
