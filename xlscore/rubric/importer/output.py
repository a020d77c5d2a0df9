"""Write an import's result: YAML in the schema of csc.yaml, or the authoring workbook; and its report lines."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from xlscore.atomic import write_bytes_atomically
from xlscore.i18n import fmt, pick
from xlscore.rubric.importer.build import ImportResult, import_rubric
from xlscore.rubric.importer.errors import RubricImportError
from xlscore.rules.base import number

FORMATS = ("xlsx", "yaml")
LABELS = {
    "review": {"zh": "待核对", "en": "review"},
    "error": {"zh": "错误", "en": "error"},
    "warning": {"zh": "警告", "en": "warning"},
    "info": {"zh": "说明", "en": "note"},
}
MESSAGES = {
    "summary": {
        "zh": "{file}: 导入 {sections} 个部分、{items} 个评分项、{rules} 条规则;{reviews} 条待核对,{errors} 处错误。已写出 {out}",
        "en": "{file}: imported {sections} sections, {items} items, {rules} rules; {reviews} to review, {errors} errors. Wrote {out}",
    },
    "next_step": {
        "zh": "请逐条核对“待核对”的内容,改正后清空其待核对标记;标记清空前,generate 与 rubric check 不会把它当作正式细则。",
        "en": "check every item marked for review, correct it and clear its mark; until then generate and rubric check refuse it as a final rubric.",
    },
    "output_exists": {
        "zh": "{file} 已存在,未覆盖;请用 -o 指定新文件名,或加 --force 覆盖。",
        "en": "{file} already exists and was left alone; choose another name with -o, or add --force to replace it.",
    },
    "output_is_input": {
        "zh": "输出文件不能是输入文件本身({file});请用 -o 指定另一个文件名。",
        "en": "the output may not be the input file itself ({file}); choose another name with -o.",
    },
}
YAML_HEADER = (
    "# Imported from {source} by `xlscore rubric import`.\n"
    "# Every `review:` says where in the source table and what to check. Correct the rule, then delete the\n"
    "# `review:` line: a rubric with a review left refuses to generate a final form.\n"
)


@dataclass
class ImportOutcome:
    result: ImportResult
    output: Path

    @property
    def exit_code(self) -> int:
        return 1 if self.result.reviews or self.result.errors else 0


def text(key: str, lang: str, **values: object) -> str:
    return fmt(pick(MESSAGES[key], lang), values)


def default_output(source: Path, output_format: str) -> Path:
    return source.with_name(f"{source.stem}.细则.{'yaml' if output_format == 'yaml' else 'xlsx'}")


def format_of(output: Path | None, output_format: str | None) -> str:
    if output_format:
        return output_format
    return "yaml" if output is not None and output.suffix.lower() in (".yaml", ".yml") else "xlsx"


def import_to_file(source: Path, output: Path | None, output_format: str | None, force: bool) -> ImportOutcome:
    """Import ``source`` and write it; raises :class:`RubricImportError` or :class:`OutputRefused`."""
    chosen = format_of(output, output_format)
    target = output or default_output(source, chosen)
    if target.exists() and target.resolve() == source.resolve():
        raise OutputRefused("output_is_input", target)
    if target.exists() and not force:
        raise OutputRefused("output_exists", target)
    result = import_rubric(source)
    if chosen == "yaml":
        write_bytes_atomically(target, rubric_yaml(result).encode("utf-8"))
    else:
        from xlscore.rubric.authoring.write import authoring_bytes

        write_bytes_atomically(target, authoring_bytes(result.data))
    return ImportOutcome(result, target)


class OutputRefused(Exception):
    def __init__(self, code: str, file: Path) -> None:
        super().__init__(code)
        self.code, self.file = code, file

    def message(self, lang: str) -> str:
        return text(self.code, lang, file=self.file)


def report_lines(outcome: ImportOutcome, lang: str) -> list[str]:
    result = outcome.result
    lines = [f"{result.file}: {f.where_in(lang)}: {pick(LABELS[f.severity], lang)}: {f.text(lang)}" for f in result.findings]
    items = [i for s in result.data["sections"] for e in s["items"] for i in e.get("items", [e])]  # type: ignore[union-attr, index]
    lines.append(text(
        "summary", lang, file=result.file, sections=len(result.data["sections"]), items=len(items),  # type: ignore[arg-type]
        rules=sum(len(i["rules"]) for i in items), reviews=len(result.reviews), errors=len(result.errors),
        out=outcome.output,
    ))
    lines += result.summary(lang)
    if result.reviews:
        lines.append(text("next_step", lang))
    return lines


def rubric_yaml(result: ImportResult) -> str:
    """The rubric as YAML in the order of csc.yaml; ``no`` quoted, numbers plain, review marks kept."""
    body = yaml.dump(result.data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return YAML_HEADER.format(source=Path(result.file).name) + body


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = number(value)
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(str, _text)
