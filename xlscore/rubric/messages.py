"""Every message about a rubric file, in Chinese and English: what is wrong, why, and how to fix it."""

from __future__ import annotations

RUBRIC_MESSAGES: dict[str, dict[str, str]] = {
    "unreadable": {
        "zh": "无法读取评分细则文件({reason});请检查路径和文件权限,文件须为 UTF-8 编码的 YAML。",
        "en": "cannot read the rubric file ({reason}); check the path and permissions; it must be UTF-8 YAML.",
    },
    "file_missing": {
        "zh": "找不到评分细则文件;请检查路径和文件名(包括扩展名 .yaml)。",
        "en": "no such rubric file; check the path and the file name (including the .yaml extension).",
    },
    "bad_yaml": {
        "zh": "YAML 语法错误:{detail};请检查缩进、冒号和引号。",
        "en": "YAML syntax error: {detail}; check indentation, colons and quotes.",
    },
    "not_mapping": {
        "zh": "文件顶层应为键值映射(id、title、version、source、sections …)。",
        "en": "the top level must be a mapping (id, title, version, source, sections …).",
    },
    "duplicate_key": {
        "zh": "键 `{key}` 重复出现;YAML 只会保留最后一个,请删除多余的一个。",
        "en": "key `{key}` appears twice; YAML would keep only the last one; remove the extra one.",
    },
    "unknown_key": {
        "zh": "未知的键 `{key}`;此处允许的键:{allowed}。",
        "en": "unknown key `{key}`; allowed here: {allowed}.",
    },
    "did_you_mean": {"zh": "是不是想写 `{suggestion}`?", "en": " Did you mean `{suggestion}`?"},
    "unknown_type": {
        "zh": "未知的规则类型 `{tag}`;允许的类型:{allowed}。",
        "en": "unknown rule type `{tag}`; allowed types: {allowed}.",
    },
    "missing_type": {
        "zh": "规则缺少 `type`;请写明规则类型之一:{allowed}。",
        "en": "the rule has no `type`; give one of: {allowed}.",
    },
    "missing_key": {"zh": "缺少必填键 `{key}`;请补上。", "en": "required key `{key}` is missing; add it."},
    "not_allowed": {
        "zh": "值 `{value}` 不被允许;允许的值:{allowed}。",
        "en": "value `{value}` is not allowed; allowed: {allowed}.",
    },
    "want_text": {
        "zh": "应为文本,实际是 `{value}`;请加引号(如 \"6.10\",否则 YAML 会把它读成数字 6.1)。",
        "en": "must be text, got `{value}`; quote it (\"6.10\" — unquoted, YAML reads it as the number 6.1).",
    },
    "want_number": {"zh": "应为数字,实际是 `{value}`。", "en": "must be a number, got `{value}`."},
    "greater_than": {"zh": "`{value}` 必须大于 {bound}。", "en": "`{value}` must be greater than {bound}."},
    "greater_than_equal": {"zh": "`{value}` 不能小于 {bound}。", "en": "`{value}` must be at least {bound}."},
    "less_than": {"zh": "`{value}` 必须小于 {bound}。", "en": "`{value}` must be less than {bound}."},
    "less_than_equal": {"zh": "`{value}` 不能大于 {bound}。", "en": "`{value}` must be at most {bound}."},
    "empty": {"zh": "不能为空;请填写内容。", "en": "must not be empty; fill it in."},
    "want_list": {"zh": "应为列表(每项以 `- ` 开头)。", "en": "must be a list (each entry starting with `- `)."},
    "want_mapping": {"zh": "应为键值映射。", "en": "must be a mapping of keys to values."},
    "want_bool": {"zh": "应为 true 或 false,实际是 `{value}`。", "en": "must be true or false, got `{value}`."},
    "bad_pattern": {
        "zh": "`{value}` 格式不对(应匹配 {pattern})。",
        "en": "`{value}` has the wrong form (must match {pattern}).",
    },
    "invalid": {"zh": "取值无效:{detail}", "en": "invalid value: {detail}"},
    "want_finite": {
        "zh": "应为有限的数字,实际是 `{value}`;请写出具体分值或百分比。",
        "en": "must be a finite number, got `{value}`; write the actual points or percentage.",
    },
    "key_not_text": {
        "zh": "键 `{key}` 应为文本;请改为此处允许的键名。",
        "en": "key `{key}` must be text; use one of the keys allowed here.",
    },
    "bad_serial": {
        "zh": "序号 `{value}` 格式不对:应为 1、1.2 或 6.10 这样的数字和点,并加引号(如 \"6.10\")。",
        "en": "序号 `{value}` has the wrong form: write it like 1, 1.2 or 6.10, quoted (\"6.10\").",
    },
    "bad_var_name": {
        "zh": "变量名 `{name}` 只能由小写字母、数字和 _ 组成且不能以数字开头;请改名,并同步修改文本中的引用。",
        "en": "variable name `{name}` may only use lower-case letters, digits and _, not starting with a digit; "
        "rename it and its uses in the text.",
    },
    "recursive_alias": {
        "zh": "别名 `*` 引用了包含它自身的锚点 `&`,形成无限循环;请直接写出内容,不要自我引用。",
        "en": "an alias `*` refers to an anchor `&` that contains it, an endless loop; write the content out instead.",
    },
    "too_large": {
        "zh": "文件展开后超过 {limit} 个节点(多半是锚点 `&` / 别名 `*` 层层引用);请去掉别名,直接写出内容。",
        "en": "the file expands to more than {limit} nodes (most likely nested anchors `&` / aliases `*`); "
        "remove the aliases and write the content out.",
    },
    "too_deep": {
        "zh": "嵌套层数过多,无法读取;评分细则的层级应为 sections → items →(items →)rules。",
        "en": "nested too deeply to read; a rubric nests sections → items → (items →) rules.",
    },
    # --- self-checks -------------------------------------------------------------------------
    "not_authoring": {
        "zh": "不是可用的考核细则制作表:{reason}。",
        "en": "not a usable rubric authoring workbook: {reason}.",
    },
    "review_pending": {
        "zh": "序号 {no} 待核对:{review};核对或改正后删除这条 review(在细则制作表中清空“待核对”单元格),才能生成正式评分表。",
        "en": "序号 {no} needs review: {review}; check or correct it, then delete this review (clear the 待核对 cell of the authoring workbook) before a final form can be made.",
    },
    "duplicate_serial": {
        "zh": "序号 {no} 在本部分重复(第一次出现在 {first});每个序号只能出现一次,请改正其中一个。",
        "en": "序号 {no} is used twice in this section (first at {first}); each 序号 must be unique; renumber one.",
    },
    "total_mismatch": {
        "zh": "{what} {no} 声明的标准分为 {declared},但下属各项合计 {actual};请改正声明的合计或某一项的标准分。",
        "en": "{what} {no} declares {declared} points but its entries add up to {actual}; fix the total or an entry's 标准分.",
    },
    "total_mismatch_incomplete": {
        "zh": "{what} {no} 声明 {declared} 分,已知各项合计 {actual}(该部分标记为不完整:{note})。",
        "en": "{what} {no} declares {declared} points; the known entries add up to {actual} (marked incomplete: {note}).",
    },
    "incomplete_without_note": {
        "zh": "标记为不完整的部分必须写 `note` 说明原因(工作簿中会醒目显示)。",
        "en": "a section marked incomplete needs a `note` saying why (the workbook shows it).",
    },
    "points_not_positive": {
        "zh": "扣分值 {value} 无法适用:每次扣分必须大于 0。",
        "en": "points {value} cannot apply: a deduction must be greater than 0.",
    },
    "range_inverted": {
        "zh": "扣分范围 {low}–{high} 无法适用:下限 `min` 不能小于 0,也不能大于上限 `max`。",
        "en": "the range {low}–{high} cannot apply: `min` may be neither below 0 nor above `max`.",
    },
    "range_cap_unusable": {
        "zh": "扣分范围的上限 `cap` = {cap} 无法适用:只有按处计的范围(写了 `unit`)才有合计上限,且不能小于 `max` = {high}。",
        "en": "the range's `cap` = {cap} cannot apply: only a range per occurrence (with a `unit`) has a cap on its total, and it may not be below `max` = {high}.",
    },
    "range_not_half": {
        "zh": "扣分范围的端点 {value} 不是整分或半分;请写成如 1 或 1.5。",
        "en": "the range bound {value} is neither a whole nor a half point; write e.g. 1 or 1.5.",
    },
    "score_not_positive": {"zh": "标准分 {value} 必须大于 0。", "en": "标准分 {value} must be greater than 0."},
    "no_elements": {
        "zh": "按缺项扣分的规则没有列出任何项目;请在 `elements` 中列出要求具备的各项。",
        "en": "a per-missing rule lists no elements; list the required elements under `elements`.",
    },
    "duplicate_element": {
        "zh": "`elements` 中的 `{element}` 重复;每项只能列一次。",
        "en": "`{element}` is listed twice in `elements`; list each once.",
    },
    "percent_out_of_range": {
        "zh": "百分比 {value} 超出 0–100;百分比请写成 85(表示 85%)。",
        "en": "percentage {value} is outside 0–100; write 85 for 85%.",
    },
    "step_not_positive": {
        "zh": "每档百分点 `step` = {value} 无法适用:必须大于 0。",
        "en": "`step` = {value} cannot apply: it must be greater than 0.",
    },
    "sample_not_usable": {
        "zh": "规则类型 {kind} 不能带抽查数量 `sample`;请把 `sample` 移到所属项目上,或删除。",
        "en": "rule type {kind} cannot take a `sample`; move the `sample` to the item, or remove it.",
    },
    "of_sample_without_sample": {
        "zh": "`of_sample: true` 需要一个抽查数量,但本规则和所属项目都没有 `sample`。",
        "en": "`of_sample: true` needs a sample size, but neither this rule nor its item has a `sample`.",
    },
    "of_sample_not_countable": {
        "zh": "规则类型 {kind} 不计数,不能写 `of_sample`。",
        "en": "rule type {kind} counts nothing, so `of_sample` does not apply.",
    },
    "monthly_without_months": {
        "zh": "按月计算的规则需要项目写明抽查月数,例如 `sample: {{min: 3, unit: 个月}}`。",
        "en": "a monthly rule needs the item to sample months, e.g. `sample: {{min: 3, unit: 个月}}`.",
    },
    "manual_not_alone": {
        "zh": "人工评分(manual)规则必须是该项目唯一的规则;其余条款请改为对应的扣分规则。",
        "en": "a manual rule must be the item's only rule; turn the other clauses into deduction rules.",
    },
    "unknown_var": {
        "zh": "文本引用了未定义的变量 `{{{name}}}`;请在 `vars` 中定义它(已定义:{known})。",
        "en": "the text uses undefined variable `{{{name}}}`; define it under `vars` (defined: {known}).",
    },
    "group_kinds": {"zh": "分组", "en": "group"},
    "section_kinds": {"zh": "部分", "en": "section"},
}
