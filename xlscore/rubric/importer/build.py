"""Assemble the imported rubric: sections, groups and items as dicts in the schema of csc.yaml.

Every uncertain part carries ``review: <where>: <what to check>``; the rubric's own arithmetic
(totals, duplicate 序号) is checked by the same self-checks as ``rubric check``, located in the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from xlscore.rubric.importer.clauses import ItemFacts
from xlscore.rubric.importer.errors import RubricImportError
from xlscore.rubric.importer.header import Header, find_header
from xlscore.rubric.importer.items import parse_item
from xlscore.rubric.importer.numbers import to_decimal
from xlscore.rubric.importer.rows import Place, RawGroup, RawItem, RawSection, RowReader, section_heading
from xlscore.rubric.importer.sniff import sniff
from xlscore.rubric.importer.tables import Grid, fold
from xlscore.rubric.model import SERIAL_PATTERN, Rubric
from xlscore.rules.base import number


@dataclass
class ImportFinding:
    """One thing the office must look at: severity ``review``/``error``/``warning``/``info``, where, what."""

    severity: str
    where: str
    message: str


@dataclass
class ImportResult:
    file: str
    data: dict[str, object]  # the rubric as YAML-ready data (review marks included)
    findings: list[ImportFinding] = field(default_factory=list)
    rubric: Rubric | None = None  # None when the data does not validate (see the error findings)

    @property
    def reviews(self) -> list[ImportFinding]:
        return [f for f in self.findings if f.severity == "review"]

    @property
    def errors(self) -> list[ImportFinding]:
        return [f for f in self.findings if f.severity == "error"]


def import_rubric(path: str | Path) -> ImportResult:
    """Read the rubric table of a .docx/.xlsx file; raises :class:`RubricImportError` when there is none."""
    path = Path(path)
    kind = sniff(path)
    if kind == "docx":
        from xlscore.rubric.importer.tables_docx import read_docx

        grids = read_docx(path)
    else:
        from xlscore.rubric.importer.tables_xlsx import read_xlsx

        grids = read_xlsx(path)
    chosen = _rubric_grids(path, grids)
    reader = RowReader()
    for grid, header in chosen:
        reader.read(grid, header)
    builder = _Builder(path)
    data = builder.rubric(reader)
    if not builder.item_count:
        raise RubricImportError(str(path), "no_items", {"where": chosen[0][0].name})
    result = ImportResult(str(path), data, builder.findings)
    _validate(result, builder.places)
    return result


def _rubric_grids(path: Path, grids: list[Grid]) -> list[tuple[Grid, Header]]:
    if not grids:
        raise RubricImportError(str(path), "no_table")
    found = [(grid, find_header(grid)) for grid in grids]
    chosen = [(g, h) for g, h in found if h is not None and "score" in h.columns and "text" in h.columns]
    if chosen:
        return chosen  # type: ignore[return-value]
    partial = next(((g, h) for g, h in found if h is not None), None)
    if partial is not None:
        grid, header = partial
        code = "no_score_column" if "score" not in header.columns else "no_rule_column"
        raise RubricImportError(str(path), code, {"where": grid.name, "headers": " | ".join(header.texts)})
    first = next((row for row in grids[0].rows if any(c.text for c in row)), [])
    headers = " | ".join(dict.fromkeys(c.text for c in first if c.text)) or "—"
    raise RubricImportError(str(path), "no_rubric_table", {"headers": headers[:200]})


class _Builder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.findings: list[ImportFinding] = []
        self.places: dict[str, Place] = {}
        self.item_count = 0

    def rubric(self, reader: RowReader) -> dict[str, object]:
        table = reader.table
        title = next((t for t in table.title_lines if section_heading(t) is None and len(fold(t)) <= 60), self.path.stem)
        for note in table.notes:
            self.findings.append(ImportFinding("info", str(note.place), f"说明行未作为评分项导入,请确认:{note.text[:80]}"))
        sections = [s for s in table.sections if s.entries]
        self.grand: list[tuple[Decimal, Place]] = []
        out_sections = [self._section(s, i, title) for i, s in enumerate(sections)]
        whole = sum((Decimal(str(s["total"])) for s in out_sections), Decimal(0))
        for stated, place in self.grand:
            if stated != whole:
                self.findings.append(ImportFinding("error", str(place), f"合计行写{number(stated)}分,与各部分分值之和{number(whole)}分不一致"))
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", self.path.stem).strip("-.") or "imported"
        return {
            "id": stem if re.match(r"^[A-Za-z0-9]", stem) else "imported",
            "title": title,
            "version": "1.0",
            "source": f"{self.path.name}(导入)",
            "sections": out_sections,
        }

    def _section(self, raw: RawSection, index: int, title: str) -> dict[str, object]:
        path = f"sections[{index}]"
        entries = _group_merged_names(raw.entries)
        items = [self._entry(e, f"{path}.items[{i}]") for i, e in enumerate(entries)]
        actual = sum((Decimal(str(e.get("total", e.get("score")))) for e in items), Decimal(0))
        declared = to_decimal(raw.total) if raw.total else None
        for value, place in raw.declared_totals:
            stated = to_decimal(value)
            if stated is not None and declared is None:
                declared = stated
            elif stated is not None and stated != declared:
                self.grand.append((stated, place))  # a grand total after the last section, or a wrong one
        section: dict[str, object] = {"id": str(index + 1), "title": raw.title or title, "total": declared if declared is not None else actual}
        if raw.place is not None:
            self.places[f"{path}.total"] = raw.place
            self.places[path] = raw.place
        if declared is None:
            self.findings.append(ImportFinding("info", str(raw.place or self.path.name), f"第{index + 1}部分未写明总分,按各项之和{number(actual)}分"))
        section["items"] = items
        return section

    def _entry(self, entry: RawItem | RawGroup, path: str) -> dict[str, object]:
        if isinstance(entry, RawItem):
            return self._item(entry, path)
        self.places[path] = entry.place
        self.places[f"{path}.total"] = entry.place
        items = [self._item(item, f"{path}.items[{i}]") for i, item in enumerate(entry.items)]
        total = to_decimal(entry.total)
        actual = sum((Decimal(str(i["score"])) for i in items), Decimal(0))
        for value, place in entry.declared_totals:
            stated = to_decimal(value)
            if stated is not None and total is None:
                total = stated
            elif stated is not None and stated != total:
                self.findings.append(ImportFinding("error", str(place), f"小计行写{number(stated)}分,与分组{entry.no}的分值{number(total)}分不一致"))
        if total is None:
            self.findings.append(ImportFinding("info", str(entry.place), f"分组{entry.no}未写分值,按下属各项之和{number(actual)}分"))
        return {"no": self._serial(entry.no, entry.place), "name": entry.name or entry.no, "total": total if total is not None else actual, "items": items}

    def _item(self, raw: RawItem, path: str) -> dict[str, object]:
        self.item_count += 1
        self.places[path] = raw.place
        self.places[f"{path}.score"] = raw.score_place
        reviews: list[str] = []
        score = to_decimal(raw.score)
        if score is None:
            reviews.append(f"标准分“{raw.score}”无法识别为数字,暂记0分" if raw.score else "没有标准分,暂记0分;请填写")
            score = Decimal(0)
        content = raw.content or raw.name or ""
        if not content:
            reviews.append("考核内容为空;请填写")
            content = "(未填写)"
        facts = ItemFacts(content=fold(content), score=score, months=0)
        parsed = parse_item(raw.texts, facts)
        if not parsed.rules:
            parsed.rules.append({"type": "manual", "clause": "(未填写评分规定)" if not raw.texts else raw.texts[0].text})
            reviews.append("没有可用的评分规定,暂按人工评分;请补上评分规定")
        item: dict[str, object] = {"no": self._serial(raw.no, raw.place)}
        if raw.name:
            item["name"] = raw.name
        item.update({"content": content, "score": score, "text": "\n".join(p.text for p in raw.texts) or "(未填写)"})
        if parsed.sample:
            item["sample"] = parsed.sample
        item["rules"] = parsed.rules
        for r_index, rule in enumerate(parsed.rules):
            self.places[f"{path}.rules[{r_index}]"] = raw.texts[0].place if raw.texts else raw.place
            if "review" in rule:
                self.findings.append(ImportFinding("review", str(rule["review"]).split(": ", 1)[0], f"序号{item['no']}:“{rule['clause']}” — {str(rule['review']).split(': ', 1)[-1]}"))
        if parsed.exemption:
            item["exemption"] = parsed.exemption
        if parsed.notes:
            item["notes"] = parsed.notes
        if reviews:
            item["review"] = f"{raw.place}: " + ";".join(reviews)
            self.findings.append(ImportFinding("review", str(raw.place), f"序号{item['no']}:" + ";".join(reviews)))
        return item

    def _serial(self, no: str, place: Place) -> str:
        """序号 as printed when it is one; a blank or unusual one is numbered on (900, 901 … so as not to clash)."""
        key = fold(no).rstrip(".、")
        if SERIAL_PATTERN.match(key):
            return key
        self.auto = getattr(self, "auto", 0) + 1
        made = f"{900 + self.auto}"
        said = f"序号“{no}”不是 1、1.2 这样的数字编号" if key else "没有序号"
        self.findings.append(ImportFinding("warning", str(place), f"{said},已编为{made};请改成正式序号"))
        return made


def _group_merged_names(entries: list[RawItem | RawGroup]) -> list[RawItem | RawGroup]:
    """Items under one 项目 cell merged down over them, with no group row, become a group of that name."""
    out: list[RawItem | RawGroup] = []
    index = 0
    while index < len(entries):
        entry = entries[index]
        run = [entry]
        if isinstance(entry, RawItem) and entry.name_origin is not None:
            while index + len(run) < len(entries):
                nxt = entries[index + len(run)]
                if not isinstance(nxt, RawItem) or nxt.name_origin != entry.name_origin or nxt.name is not None:
                    break
                run.append(nxt)
        prefix = _common_parent([i.no for i in run]) if len(run) > 1 else None  # type: ignore[union-attr]
        if len(run) > 1 and prefix is not None and isinstance(entry, RawItem):
            group = RawGroup(prefix, entry.name or prefix, "", entry.place, list(run))  # type: ignore[arg-type]
            entry.name = None
            out.append(group)
        else:
            out.extend(run)
        index += len(run)
    return out


def _common_parent(numbers: list[str]) -> str | None:
    parents = {fold(n).rsplit(".", 1)[0] for n in numbers if "." in fold(n)}
    return parents.pop() if len(parents) == 1 and all("." in fold(n) for n in numbers) else None


def _validate(result: ImportResult, places: dict[str, Place]) -> None:
    from xlscore.rubric.selfcheck import self_check

    try:
        result.rubric = Rubric.model_validate(result.data)
    except ValidationError as exc:
        for err in exc.errors():
            path = ".".join(str(p) for p in err["loc"])
            result.findings.append(ImportFinding("error", str(_place(path, places) or result.file), f"{path}: {err['msg']}"))
        return
    for problem in self_check(result.rubric):
        if problem.path.endswith(".review") or _under_review(problem.path, result.data):
            continue  # already listed as a review item
        severity = "error" if problem.severity == "error" else "warning"
        result.findings.append(ImportFinding(severity, str(_place(problem.path, places) or result.file), problem.message))


def _place(path: str, places: dict[str, Place]) -> Place | None:
    while path:
        if path in places:
            return places[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def _under_review(path: str, data: dict[str, object]) -> bool:
    """Whether a self-check problem sits in a rule that is already marked for review."""
    match = re.match(r"^(sections\[\d+\](?:\.items\[\d+\])+\.rules\[\d+\])", path)
    if not match:
        return False
    node: object = data
    for key, index in re.findall(r"(\w+)\[(\d+)\]", match.group(1)):
        node = node[key][int(index)]  # type: ignore[index]
    return isinstance(node, dict) and "review" in node
