"""Assemble the imported rubric: sections, groups and items as dicts in the schema of csc.yaml.

Every uncertain part carries ``review: <where>: <what to check>``; the rubric's own arithmetic
(totals, duplicate 序号) is checked by the same self-checks as ``rubric check``, located in the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from xlscore.errors import nearest
from xlscore.rubric.importer.clauses import ItemFacts
from xlscore.rubric.importer.errors import RubricImportError
from xlscore.rubric.importer.header import Header, find_header
from xlscore.rubric.importer.items import parse_item
from xlscore.rubric.importer.notes import Note, joined, note, place_text
from xlscore.rubric.importer.numbers import to_decimal
from xlscore.rubric.importer.rows import Place, RawGroup, RawItem, RawSection, RowReader, section_heading
from xlscore.rubric.importer.sniff import sniff
from xlscore.rubric.importer.summary import ColumnUse, column_uses, summary_lines
from xlscore.rubric.importer.tables import Grid, fold
from xlscore.rubric.model import SERIAL_PATTERN, Rubric
from xlscore.rules.base import number


@dataclass
class ImportFinding:
    """One thing the office must look at: severity ``review``/``error``/``warning``/``info``, where, what.

    ``where`` is the place as printed in Chinese; :meth:`where_in` and :meth:`text` give ``--lang``'s.
    """

    severity: str
    where: str
    notes: list[Note]
    head: Note | None = None  # 序号 (and clause) the notes are about

    def text(self, lang: str) -> str:
        return (self.head.text(lang) if self.head else "") + joined(self.notes, lang)

    def where_in(self, lang: str) -> str:
        return place_text(self.where, lang)

    @property
    def message(self) -> str:
        """The message in Chinese."""
        return self.text("zh")


@dataclass
class ImportResult:
    file: str
    data: dict[str, object]  # the rubric as YAML-ready data (review marks included)
    findings: list[ImportFinding] = field(default_factory=list)
    rubric: Rubric | None = None  # None when the data does not validate (see the error findings)
    columns: list[ColumnUse] = field(default_factory=list)  # which column was taken as what, per table

    @property
    def reviews(self) -> list[ImportFinding]:
        return [f for f in self.findings if f.severity == "review"]

    @property
    def errors(self) -> list[ImportFinding]:
        return [f for f in self.findings if f.severity == "error"]

    def summary(self, lang: str) -> list[str]:
        """Items and clauses read, reviews by reason, and which column was taken as what."""
        items = [i for s in self.data["sections"] for e in s["items"] for i in e.get("items", [e])]  # type: ignore[union-attr, index]
        reasons = [n.key for f in self.reviews for n in f.notes]
        return summary_lines(items, reasons, self.columns, lang)


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
    columns = [use for grid, header in chosen for use in column_uses(grid, header)]
    result = ImportResult(str(path), data, builder.findings, columns=columns)
    _validate(result, builder.places)
    return result


def _rubric_grids(path: Path, grids: list[Grid]) -> list[tuple[Grid, Header]]:
    if not grids:
        raise RubricImportError(str(path), "no_table")
    found = [(grid, find_header(grid)) for grid in grids]
    chosen = [(g, h) for g, h in found if h is not None and "score" in h.columns and "text" in h.columns]
    if chosen:
        return chosen  # type: ignore[return-value]
    unruled = [(g, h) for g, h in found if h is not None and "score" in h.columns and "content" in h.columns]
    if unruled:
        return unruled  # type: ignore[return-value]  # no rule column: every item is scored by hand (reviewed)
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
        for row in table.notes:
            self.findings.append(ImportFinding("info", str(row.place), [note("note_row", text=row.text[:80])]))
        sections = [s for s in table.sections if s.entries]
        self.grand: list[tuple[Decimal, Place]] = []
        out_sections = [self._section(s, i, title) for i, s in enumerate(sections)]
        whole = sum((Decimal(str(s["total"])) for s in out_sections), Decimal(0))
        for stated, place in self.grand:
            if stated != whole:
                self.findings.append(ImportFinding("error", str(place), [
                    note("grand_total_mismatch", stated=number(stated), whole=number(whole))]))
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
            self.findings.append(ImportFinding("info", str(raw.place or self.path.name), [
                note("section_total_missing", index=index + 1, actual=number(actual))]))
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
                self.findings.append(ImportFinding("error", str(place), [
                    note("subtotal_mismatch", stated=number(stated), no=entry.no, total=number(total))]))  # type: ignore[arg-type]
        if total is None:
            self.findings.append(ImportFinding("info", str(entry.place), [
                note("group_total_missing", no=entry.no, actual=number(actual))]))
        return {"no": self._serial(entry.no, entry.place), "name": entry.name or entry.no, "total": total if total is not None else actual, "items": items}

    def _item(self, raw: RawItem, path: str) -> dict[str, object]:
        self.item_count += 1
        self.places[path] = raw.place
        self.places[f"{path}.score"] = raw.score_place
        reviews: list[Note] = []
        score = to_decimal(raw.score)
        if score is None:
            reviews.append(note("score_unreadable", score=raw.score) if raw.score else note("score_missing"))
            score = Decimal(0)
        if raw.shared_score:
            reviews.append(note("score_shared", rows=len(raw.shared_score) + 1, last=str(raw.shared_score[-1])))
        content = raw.content or raw.name or ""
        if not content:
            reviews.append(note("content_missing"))
            content = "(未填写)"
        facts = ItemFacts(content=fold(content), score=score, months=0)
        parsed = parse_item(raw.texts, facts)
        reviews += parsed.item_reviews
        if not parsed.rules:
            parsed.rules.append({"type": "manual", "clause": "(未填写评分规定)" if not raw.texts else raw.texts[0].text})
            reviews.append(note("no_rules"))
        item: dict[str, object] = {"no": self._serial(raw.no, raw.place)}
        if raw.name:
            item["name"] = raw.name
        item.update({"content": content, "score": score, "text": "\n".join(p.text for p in raw.texts) or "(未填写)"})
        if parsed.sample:
            item["sample"] = parsed.sample
        item["rules"] = parsed.rules
        for r_index, rule in enumerate(parsed.rules):
            self.places[f"{path}.rules[{r_index}]"] = raw.texts[0].place if raw.texts else raw.place
            notes = parsed.reviews[r_index] if r_index < len(parsed.reviews) else []
            if notes:
                where = str(parsed.places[r_index])
                self.findings.append(ImportFinding("review", where, notes, note("rule_head", no=item["no"], clause=rule["clause"])))
        if parsed.exemption:
            item["exemption"] = parsed.exemption
        if parsed.notes:
            item["notes"] = parsed.notes
        if reviews:
            item["review"] = f"{raw.place}: " + joined(reviews, "zh")
            self.findings.append(ImportFinding("review", str(raw.place), reviews, note("item_head", no=item["no"])))
        return item

    def _serial(self, no: str, place: Place) -> str:
        """序号 as printed when it is one; a blank or unusual one is numbered on (900, 901 … so as not to clash)."""
        key = fold(no).rstrip(".、")
        if SERIAL_PATTERN.match(key):
            return key
        self.auto = getattr(self, "auto", 0) + 1
        made = f"{900 + self.auto}"
        said = note("serial_unusual", no=no, made=made) if key else note("serial_missing", made=made)
        self.findings.append(ImportFinding("warning", str(place), [said]))
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
    from pydantic import ValidationError

    from xlscore.rubric.selfcheck import self_check
    from xlscore.rubric.validate import error_lines, validated

    try:
        result.rubric = validated(Rubric, result.data)
    except ValidationError as exc:
        for path, text in error_lines(exc):
            message = f"{path}: {text}"  # pydantic's own words, in English: a shape no table gives
            result.findings.append(ImportFinding("error", str(nearest(path, places) or result.file), [
                note("given", zh=message, en=message)]))
        return
    for problem, english in zip(self_check(result.rubric), self_check(result.rubric, "en")):
        if problem.path.endswith(".review") or _under_review(problem.path, result.data):
            continue  # already listed as a review item
        severity = "error" if problem.severity == "error" else "warning"
        result.findings.append(ImportFinding(severity, str(nearest(problem.path, places) or result.file), [
            note("given", zh=problem.message, en=english.message)]))


def _under_review(path: str, data: dict[str, object]) -> bool:
    """Whether a self-check problem sits in a rule that is already marked for review."""
    match = re.match(r"^(sections\[\d+\](?:\.items\[\d+\])+\.rules\[\d+\])", path)
    if not match:
        return False
    node: object = data
    for key, index in re.findall(r"(\w+)\[(\d+)\]", match.group(1)):
        node = node[key][int(index)]  # type: ignore[index]
    return isinstance(node, dict) and "review" in node
