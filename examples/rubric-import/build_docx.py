"""Write 营业厅服务考核细则.docx: a rubric table as an office keeps it in Word (python-docx only).

Run from the repository root: ``python examples/rubric-import/build_docx.py``. The table has what
office tables have: a title above it, a section row with its total, group rows, a line break between
numbered clauses, a 小计 row and a note, a judged range (1.2) and a capped bonus (3). One clause
(1.4) does not say how a part step counts, so the import marks it for review: that is the step the
README shows being corrected in Excel.
"""

from __future__ import annotations

import sys
from pathlib import Path

TITLE = "供电营业厅服务考核细则(示例)"
HEADER = ["序号", "项目", "考核内容", "标准分", "评分规定", "自查分", "考评分"]
ROWS = [
    ("section", "营业厅服务(100分)"),
    ("row", "1", "服务规范", "", "40", ""),
    ("row", "1.1", "仪容仪表", "统一着装,佩戴工号牌。", "10",
     "抽查不少于5名员工。\n1.未统一着装,扣2分/人次;\n2.未佩戴工号牌,扣1分/人次。"),
    ("row", "1.2", "服务用语", "使用文明规范用语,不说服务忌语。", "10", "每发现一次使用服务忌语扣2分;服务态度生硬的,视情况扣1～3分。"),
    ("row", "1.3", "业务办理", "办理业务时一次性告知客户所需资料。", "10",
     "未一次性告知客户所需资料,扣5分;与客户发生争吵的,此项不得分。"),
    ("row", "1.4", "客户满意度", "客户满意率应≥95%。", "10", "满意率每下降1个百分点扣2分。"),
    ("row", "小计", "", "", "40", ""),
    ("row", "2", "营业环境", "", "30", ""),
    ("row", "2.1", "便民设施", "营业厅配备便民设施。", "15", "未配备饮水机、老花镜、雨伞的,各扣5分。"),
    ("row", "2.2", "等候时间", "客户平均等候时间应控制在20分钟以内。", "15",
     "抽查不少于3个月情况,月平均等候时间未达到要求,此项不得分。"),
    ("row", "3", "投诉处理", "客户投诉按规定时限处理并回访。", "30",
     "抽查不少于10份工单,未按时处理的,扣3分/单;处理结果未回访的,扣2分/单;获客户书面表扬的,加1分/次,最多加3分。"),
    ("row", "合计", "", "", "100", ""),
    ("note", "注:各项扣分扣完为止,不出现负分。"),
]


def build(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.author = "xlscore"
    document.add_heading(TITLE, level=1)
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER):
        cell.text = text
    for row in ROWS:
        cells = table.add_row().cells
        if row[0] in ("section", "note"):
            cells[0].merge(cells[-1]).text = row[1]
        else:
            for cell, text in zip(cells, row[1:]):
                cell.text = text
    document.save(str(path))
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("营业厅服务考核细则.docx")
    print(build(target))
