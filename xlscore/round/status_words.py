"""The words of 回收情况 (Chinese and English): state names and each line's where, what, why and how to fix."""

from __future__ import annotations

from xlscore.i18n import fmt, pick

STATE = {
    "returned": {"zh": "已回收", "en": "returned"},
    "missing": {"zh": "未回收", "en": "missing"},
    "duplicate": {"zh": "重复", "en": "duplicate"},
    "mismatch": {"zh": "单位不符", "en": "unit mismatch"},
    "unreadable": {"zh": "无法校验", "en": "could not check"},
    "off_roster": {"zh": "名单外", "en": "not on the roster"},
    "renamed": {"zh": "已按编号识别", "en": "matched by id"},
}

LINES = {
    "heading": {
        "zh": "回收情况(名单 {roster},{units} 个单位):已回收 {returned},未回收 {missing},重复 {duplicate},单位不符 {mismatch},无法校验 {unreadable},名单外文件 {off}",
        "en": "returns (roster {roster}, {units} units): returned {returned}, missing {missing}, duplicate {duplicate}, unit mismatch {mismatch}, could not check {unreadable}, files not on the roster {off}",
    },
    "missing": {
        "zh": "单位“{name}”(编号 {id})没有交回表格;请催收,或确认名单无误。",
        "en": "the unit “{name}” (id {id}) has returned no form; chase it up, or check the roster.",
    },
    "duplicate": {
        "zh": "单位“{name}”交回了 {count} 份表格({files});使用 {used},因为{why}。如应使用另一份,请移走不用的文件后重新校验。",
        "en": "the unit “{name}” returned {count} forms ({files}); {used} is used because {why}. If another one is meant, move the unused files away and check again.",
    },
    "newer": {"zh": "它的保存时间 {time} 最晚(文件自身记录的修改时间)",
              "en": "its save time {time} is the latest (the modified time the file records)"},
    "same_time": {"zh": "各份的保存时间相同或未记录,按文件名取排在最后的一份",
                  "en": "the copies record the same save time or none, so the last by file name is taken"},
    "renamed": {
        "zh": "文件名与单位“{name}”不同,但表内记录的单位编号 {id} 属于该单位;按“{name}”的表格计。",
        "en": "the file name is not the unit's, but the unit id {id} recorded in the form is “{name}”'s; counted as “{name}”'s form.",
    },
    "other_units_form": {
        "zh": "这份表格是为单位“{made_for}”(编号 {id})生成的,却作为单位“{name}”的表格交回({how});请“{name}”用自己的表格重新填写交回。",
        "en": "this form was made for the unit “{made_for}” (id {id}) but returned as “{name}”'s ({how}); “{name}” should fill in and return its own form.",
    },
    "cover_changed": {
        "zh": "封面上的单位“{cover}”与生成时的“{name}”(编号 {id})不一致;封面单位已锁定,不应修改。请核实后用下发的原表重新交回。",
        "en": "the cover names “{cover}”, not “{name}” (id {id}) it was made for; the cover unit is locked and must not change. Check and return the form as sent out.",
    },
    "how_cover": {"zh": "封面写的是“{cover}”", "en": "its cover names “{cover}”"},
    "how_file_name": {"zh": "文件名是“{file_name}”", "en": "its file name is “{file_name}”"},
    "other_round": {
        "zh": "这份表格属于另一轮考核(名单指纹 {found},本轮 {expected}),不计入本轮;请确认文件是否放错,或改用本轮下发的表格。",
        "en": "this form belongs to another round (roster fingerprint {found}, this round {expected}) and is not counted; check whether it was put here by mistake, or use this round's form.",
    },
    "roster_changed": {
        "zh": "这份表格是按另一份名单(指纹 {found})为单位“{cover}”生成的,与本名单(指纹 {expected})不同:可能是另一轮考核的表格,也可能是名单在下发后被修改过;不计入本轮。如名单确有改动,请用下发时的名单校验,或重新下发表格。",
        "en": "this form was made for “{cover}” from another roster (fingerprint {found}, this roster {expected}): a form of another round, or the roster was edited after the forms went out; it is not counted. If the roster was edited, check against the roster the forms were made from, or send the forms out again.",
    },
    "unknown_id": {
        "zh": "表内的单位编号“{id}”不在名单中,不计入汇总;请确认名单是否为下发时所用的名单。",
        "en": "the unit id “{id}” recorded in the form is not on the roster and is not counted; check that this is the roster the forms were made from.",
    },
    "not_on_roster": {
        "zh": "封面上的单位“{cover}”不在名单中,不计入汇总;如确属本轮,请把它加入名单,或改正封面上的单位名称。",
        "en": "the cover's unit “{cover}” is not on the roster and is not counted; add it to the roster if it belongs to this round, or correct the cover.",
    },
    "nearest": {"zh": "(名单中最接近的是“{name}”,编号 {id})", "en": " (the closest on the roster: “{name}”, id {id})"},
    "no_cover": {
        "zh": "封面未填写被考核单位,表内也没有单位编号,无法对应名单中的单位;请在封面填写单位名称后重新交回。",
        "en": "the cover names no unit and the form records no unit id, so it matches no roster unit; fill in the unit on the cover and return it again.",
    },
    "unreadable": {
        "zh": "单位“{name}”交回的文件无法校验(原因见上);请该单位重新交回。",
        "en": "the file the unit “{name}” returned could not be checked (see above); ask the unit to return it again.",
    },
}


def state_word(state: str, lang: str) -> str:
    return pick(STATE[state], lang)


def line_text(key: str, lang: str, **values: object) -> str:
    return fmt(pick(LINES[key], lang), values)
