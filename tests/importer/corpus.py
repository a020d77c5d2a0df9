"""Hand-written rubrics of other offices (service hall, safety inspection, hospital ward, school), and traps.

Each row's last element is the expectation, written by hand: the kinds (with points, or a dict of
the parameters to compare) its 评分规定 should give, in order; ``"review"`` where no rule kind
states the clause (a veto, a grade scale, a range with a cap) or a reading needs an assumption
(a bonus with no cap), so the importer must flag it. The writers are tests/importer/office_tables.
"""

from __future__ import annotations

Expected = list[tuple[str, float | dict[str, float | str] | None]]

SERVICE_HALL = {
    "title": "城区供电营业厅服务规范考核评分标准",
    "format": "docx",
    "header": ["序号", "考核项目", "考核内容", "分值", "考核办法", "得分"],
    "rows": [
        ("section", "一、服务环境(30分)"),
        ("item", "1", "环境卫生", "营业厅内外整洁,无杂物、无烟头", "10分", "发现一处不整洁扣1分,扣完为止。",
         [("per_occurrence", 1)]),
        ("item", "2", "便民设施", "配备饮水机、老花镜、雨伞、充电设施、便民药箱", "5", "每缺一项扣1分。",
         [("per_missing", 1)]),
        ("item", "3", "公示标识", "营业时间牌、业务公示栏齐全", "5", "缺少营业时间牌、业务公示栏的,各扣2.5分。",
         [("per_missing", 2.5)]),
        ("item", "4", "仪容仪表", "统一着装,佩戴工号牌", "１０", "①未统一着装扣2分/人次;\n②未佩戴工号牌扣1分/人次。",
         [("per_occurrence", 2), ("per_occurrence", 1)]),
        ("section", "二、服务质量(50分)"),
        ("item", "5", "服务态度", "使用文明用语,态度热情", "20", "服务态度生硬,每发现一次扣5分;与客户发生争吵的,此项不得分。",
         [("per_occurrence", 5), ("zero_out", None)]),
        ("item", "6", "业务办理", "履行一次性告知义务", "15", "未履行一次性告知扣3分;资料不全导致客户往返的,视情节扣1～3分。",
         [("once", 3), ("range", {"min": 1, "max": 3})]),
        ("item", "7", "客户满意度", "客户满意率≥95%", "15", "满意率每低1个百分点扣2分,不足1个百分点的不扣分。",
         [("below_target", 2)]),
        ("section", "三、安全与纪律(20分)"),
        ("item", "8", "有责投诉", "杜绝有责投诉", "10", "发生有责投诉的,实行一票否决。", [("review", None)]),
        ("item", "9", "表扬", "争取客户表扬", "10", "获得客户书面表扬的,每次加2分,最多加4分。",
         [("bonus", {"points": 2, "unit": "次", "cap": 4})]),
        ("total", "合计", 100),
        ("note", "注:考核结果与营业厅绩效挂钩,每季度考核一次。"),
    ],
}

SAFETY = {
    "title": "生产经营单位安全生产检查评分表",
    "format": "xlsx",
    "header": ["检查项目", "检查内容", "标准分", "扣分标准", "实得分", "备注"],
    "rows": [
        ("item", "", "安全管理制度", "建立安全生产责任制、安全教育培训制度、隐患排查治理制度", 15, "每缺少一项制度扣5分。",
         [("per_missing", 5)]),
        ("item", "", "消防器材", "灭火器配置齐全并在有效期内", 10, "灭火器过期或失效,每具扣2分。", [("per_occurrence", 2)]),
        ("item", "", "用电安全", "无私拉乱接电线", 10, "发现私拉乱接电线的,扣5分;造成事故的,不得分。",
         [("once", 5), ("zero_out", None)]),
        ("item", "", "安全培训", "从业人员培训率达到100%", 10, "培训率每降低5个百分点扣1分。", [("below_target", 1)]),
        ("item", "", "应急演练", "每季度至少开展1次应急演练", 10, "未开展演练扣10分。", [("once", 10)]),
        ("item", "", "隐患整改", "隐患按期整改", 15, "逾期未整改的隐患,每项扣3分,本项最多扣9分。",
         [("capped_per_occurrence", 3)]),
        ("item", "", "检查记录", "检查记录完整", 10, "根据记录情况酌情扣分。", [("manual", None)]),
        ("item", "", "特种作业", "特种作业人员持证上岗", 20, "发现无证上岗的,此项得0分。", [("zero_out", None)]),
        ("total", "合计", 100),
    ],
}

WARD = {
    "title": "护理单元(病区)护理质量考核标准",
    "format": "docx",
    "merge_groups": True,
    "header": ["序号", "项目", "考核标准", "分值", "评分方法"],
    "rows": [
        ("group", "1", "病房管理", 20),
        ("item", "1.1", "", "病房整洁,床单位整齐", 5, "一处不符合要求扣0.5分", [("per_occurrence", 0.5)]),
        ("item", "1.2", "", "危重患者护理记录完整、准确", 10, "抽查5份病历,每份不合格扣2分", [("per_occurrence", 2)]),
        ("item", "1.3", "", "患者知晓责任护士", 5, "随机询问3名患者,1名不知晓扣1分", [("per_occurrence", 1)]),
        ("group", "2", "药品管理", 20),
        ("item", "2.1", "", "高危药品单独存放、标识清晰", 10, "未单独存放不得分;标识不清扣2分", [("zero_out", None), ("once", 2)]),
        ("item", "2.2", "", "急救车药品、物品齐全,无过期", 10, "每缺一种药品扣1分,过期药品每支扣2分",
         [("per_missing", 1), ("per_occurrence", 2)]),
        ("item", "3", "院感管理", "手卫生依从率≥90%", 10, "手卫生依从率低于90%扣5分", [("once", 5)]),
    ],
}

SCHOOL = {
    "title": "中小学教师教学常规考核细则",
    "format": "xlsx",
    "header": ["序号", "评价项目", "评价内容", "分值", "评分标准"],
    "rows": [
        ("section", "一、教学工作(60分)"),
        ("group", "1", "备课与作业", 20),
        ("item", "1.1", "备课", "教案齐全,超前备课一周", 10, "缺1篇教案扣1分", [("per_occurrence", 1)]),
        ("item", "1.2", "作业", "作业全批全改", 10, "抽查10本作业,每本未批改扣1分,扣完为止", [("per_occurrence", 1)]),
        ("item", "2", "课堂教学", "听课评价", 20, "按听课评价等级评分:优20分,良15分,中10分,差5分", [("review", None)]),
        ("item", "3", "学生成绩", "及格率", 20, "及格率达到90%得满分,每降低1个百分点扣1分", [("below_target", 1)]),
        ("section", "二、纪律与安全(40分)"),
        ("item", "4", "安全", "无安全责任事故", 20, "发生安全责任事故,实行一票否决", [("review", None)]),
        ("item", "5", "出勤", "按时到岗", 20, "迟到早退每人次扣0.5分,旷工一天扣2分", [("per_occurrence", 0.5), ("review", None)]),
    ],
}

#: Judged ranges and bonus points as offices print them: full-width digits, ～ - — 至 到, with and without caps.
RANGES_AND_BONUSES = {
    "title": "供电所服务工作考核评分标准(含加分项)",
    "format": "xlsx",
    "header": ["序号", "项目", "考核内容", "分值", "评分标准"],
    "rows": [
        ("item", "1", "服务规范", "规范服务", 10, "服务不规范的,视情况扣1～3分。", [("range", {"min": 1, "max": 3})]),
        ("item", "2", "资料管理", "资料齐全", 10, "资料不全每处扣0.5—1分,扣完为止。",
         [("range", {"min": 0.5, "max": 1, "unit": "处"})]),
        ("item", "3", "信息报送", "按时报送", 10, "信息报送不及时的,扣１至２分/次。", [("range", {"min": 1, "max": 2, "unit": "次"})]),
        ("item", "4", "表彰", "争先创优", 10, "获省级表彰加2分/次,最多加5分;获市级表彰每次加1分,累计最多加3分。",
         [("bonus", {"points": 2, "unit": "次", "cap": 5}), ("bonus", {"points": 1, "unit": "次", "cap": 3})]),
        ("item", "5", "创新", "工作创新", 5, "工作创新被上级推广的加1分。", [("bonus", {"points": 1, "cap": 1})]),
        ("item", "6", "宣传", "宣传报道", 10, "每发表一篇宣传稿件加0.5分。", [("review", None)]),
        ("item", "7", "安全", "安全生产", 10, "发生安全责任事故的一票否决。", [("review", None)]),
        ("item", "8", "纪律", "遵守纪律", 10, "违反劳动纪律的扣2分-4分。", [("range", {"min": 2, "max": 4})]),
        ("item", "9", "差错", "业务差错", 10, "每发现一处差错扣1到2分,最多扣5分。",
         [("range", {"min": 1, "max": 2, "unit": "处", "cap": 5})]),
        ("item", "10", "荣誉", "获得荣誉", 10, "获国家级表彰加３分/项,最多加６分;发生重大责任事故此项不得分。",
         [("bonus", {"points": 3, "unit": "项", "cap": 6}), ("zero_out", None)]),
        ("total", "合计", 95),
    ],
}

CORPUS = {"service_hall": SERVICE_HALL, "safety": SAFETY, "ward": WARD, "school": SCHOOL,
          "ranges_and_bonuses": RANGES_AND_BONUSES}

#: Phrasings that are easy to misread: each must come back right or flagged (never silently wrong).
TRAPS = {
    "title": "易误读条款",
    "format": "docx",
    "header": ["序号", "项目", "考核内容", "标准分", "评分规定"],
    "rows": [
        ("item", "1", "资料", "客户资料完整准确", 10, "资料不全、不准确的,每缺1项扣2分", [("per_missing", 2)]),
        ("item", "2", "时限", "每件业务办理不超过30分钟", 10, "每超过1分钟扣1分", [("review", None)]),
        ("item", "3", "人员", "在岗人员不少于3人", 10, "每少一人扣2分", [("review", None)]),
        ("item", "4", "考核", "完成率", 10, "得分=实际完成率×10", [("review", None)]),
        ("item", "5", "业绩", "完成任务", 10, "超额完成加1分,未完成扣2分", [("review", None), ("once", 2)]),
        ("item", "6", "记录", "记录规范", 10, "扣1分/处(最多扣5分)", [("capped_per_occurrence", 1)]),
        ("item", "7", "满意", "满意率≥95%,投诉率≤1%", 10, "满意率每下降1个百分点扣2分", [("below_target", 2)]),
    ],
}

CORPUS["traps"] = TRAPS
