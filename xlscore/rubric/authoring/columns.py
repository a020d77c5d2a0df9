"""The columns of the authoring workbook and the Chinese words its dropdowns use (one place for both ways)."""

from __future__ import annotations

from dataclasses import dataclass

from xlscore.rules import KINDS

SHEET = "细则"
INFO_SHEET = "基本信息"
HELP_SHEET = "填写说明"
CORRECTIONS_SHEET = "勘误记录"
CORRECTION_HEADERS = [("at", "位置"), ("original", "原文"), ("corrected", "改正为"), ("why", "原因")]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    help: str


COLUMNS = [
    Column("no", "序号", 7, "评分项或分组的序号,如 1、1.2、6.10;同一评分项的后续条款行可留空"),
    Column("name", "项目", 12, "项目名称(部分行、分组行填名称)"),
    Column("content", "考核内容", 30, "考核内容原文"),
    Column("score", "标准分", 7, "评分项的标准分;分组行、部分行填合计分值"),
    Column("text", "评分规定", 36, "评分规定原文(整格)"),
    Column("clause", "条款原文", 30, "本行这一条规则的原文"),
    Column("type", "类型", 14, "部分 / 分组 / 规则类型(下拉选择)"),
    Column("points", "扣分", 6, "每次/每项/每档扣的分数"),
    Column("bonus", "加分", 6, "加分(有上限):每次加的分数"),
    Column("unit", "单位", 6, "按次扣分、加分的计数单位:次、处、单、条、人次…;范围内酌情扣分按处计时填"),
    Column("cap", "上限", 6, "按次扣分(有上限)、按处计的范围内酌情扣分:本条最多扣的分数;加分(有上限):本条最多加的分数"),
    Column("min", "最低扣分", 6, "范围内酌情扣分:扣分的下限(扣1-3分填 1)"),
    Column("max", "最高扣分", 6, "范围内酌情扣分:扣分的上限(扣1-3分填 3)"),
    Column("elements", "要素", 24, "按缺项扣分的要素清单,用“、”分隔"),
    Column("target", "目标", 6, "未达标按档扣分的目标值(百分数,85 表示 85%)"),
    Column("step", "步长", 6, "每档的百分点数"),
    Column("rounding", "取整", 14, "不足一档如何计"),
    Column("direction", "方向", 10, "数值应不低于目标,或不高于目标"),
    Column("compare", "比较", 6, "月度未达标不得分:数值与限值的比较(≤ < ≥ >)"),
    Column("limit", "限值", 6, "月度未达标不得分的限值"),
    Column("limit_unit", "限值单位", 8, "限值的单位:% 或 秒…"),
    Column("monthly", "按月", 6, "是:每个抽查月录入一个值"),
    Column("sample_min", "抽查数", 7, "整项的最少抽查数(填在评分项第一行)"),
    Column("sample_unit", "抽查单位", 12, "整项抽查的单位,如 个录音电话、份工单、个月"),
    Column("rule_sample_min", "本条抽查数", 7, "本条规则自己的最少抽查数"),
    Column("rule_sample_unit", "本条抽查单位", 12, "本条规则自己的抽查单位"),
    Column("of_sample", "计入抽查", 7, "是:计数不能超过抽查数"),
    Column("exemption", "免考条件", 20, "可不做考核的条件(填在评分项第一行)"),
    Column("notes", "备注", 20, "随评分项打印的备注;部分行填“不完整”的说明"),
    Column("review", "待核对", 30, "导入时不能确定的地方;核对或改正后清空本格"),
]
KEYS = [c.key for c in COLUMNS]
INDEX = {c.key: i for i, c in enumerate(COLUMNS)}

SECTION = "部分"
SECTION_INCOMPLETE = "部分(不完整)"
GROUP = "分组"
#: rule kind → its Chinese title (the dropdown shows titles, the rubric stores kinds)
KIND_LABELS = {kind: cls.title["zh"] for kind, cls in KINDS.items()}
LABEL_KINDS = {label: kind for kind, label in KIND_LABELS.items()}
TYPE_CHOICES = [SECTION, SECTION_INCOMPLETE, GROUP, *KIND_LABELS.values()]
ROUNDING = {"floor": "不足一档不扣", "ceil": "不足一档按一档扣", "proportional": "按比例"}
DIRECTION = {"at_least": "不低于目标", "at_most": "不高于目标"}
COMPARE = {"le": "≤", "lt": "<", "ge": "≥", "gt": ">"}
YES, NO = "是", "否"
ELEMENT_SEPARATOR = "、"

INFO_ROWS = [("id", "编号", "英文字母、数字、- 或 _,如 csc"), ("title", "名称", "细则的名称"),
             ("version", "版本", "如 2025 或 1.0"), ("source", "来源", "依据的文件"),
             ("exemption_policy", "免考计分", "免考的评分项:满分(得标准分)或 不计入(不计入总分)")]
EXEMPTION_POLICY = {"full_score": "满分", "excluded": "不计入"}

HELP_LINES = [
    "如何填写本表(考核细则制作表)",
    "1. 一行一条规则。评分项的第一行填序号、项目、考核内容、标准分和评分规定原文;同一评分项的其余规则行,这几列留空。",
    "2. “类型”列用下拉选择:部分(一张评分表,如 客户服务中心,标准分填该部分总分)、分组(如 1 指标体系,标准分填合计)或一种规则类型。",
    "3. 各规则类型要填的列:按次扣分 → 扣分、单位;按次扣分(有上限) → 扣分、单位、上限;按缺项扣分 → 扣分、要素;一次性扣分 → 扣分;此项不得分 → 无;"
    "未达标按档扣分 → 目标、步长、扣分、取整(可选 方向、按月);月度未达标不得分 → 限值、比较、限值单位;人工评分 → 无;"
    "范围内酌情扣分 → 最低扣分、最高扣分(每处都可扣时再填单位,评分时录入各处扣分之和,可填合计上限);加分(有上限) → 加分、单位、上限"
    "(加分在扣完为止之后计入,本项得分可超过标准分)。",
    "4. 抽查数、抽查单位填在评分项第一行(整项的抽查);某条规则自己的抽查填“本条抽查数/单位”。计入抽查=是:计数不能超过抽查数。",
    "5. 黄色的“待核对”是导入时不能确定的地方:核对原文,改正本行,然后清空“待核对”单元格。",
    "   只要还有待核对,xlscore generate 和 xlscore rubric check 就不会把本表当作正式细则(会报错并列出位置)。",
    "6. 改好后:xlscore rubric check 本文件.xlsx 检查;xlscore generate --rubric 本文件.xlsx 生成评分表。",
]
