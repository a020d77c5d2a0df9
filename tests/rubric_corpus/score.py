"""Score an import against a table's hand-written expectation, clause by clause.

A clause is **right** when an imported rule of the item has the expected kind and every parameter
the rule kind has (points, unit, cap, range bounds, target and step, the number of elements, the
clause's own sample…) equal to the expectation, a parameter the expectation leaves out taking the
kind's default; an expected ``review`` (a clause no rule kind states: a veto, a grade scale) is
right when the rule is marked for review; ``{one_of: [...]}`` lists two readings a table allows,
either of them right. The item itself must match too: its 序号 (where the
expectation gives one), 标准分, a piece of its content, and its sample (抽查不少于…).

A clause that is not right is **flagged** when the rule or its item carries a review mark,
**silently wrong** when neither does, and **missing** when the item or the clause is not there.
An imported rule or item the table does not have (a 小计 or 备注 row read as an item, a clause
split in two) counts as silently wrong unless flagged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from xlscore.rules import KINDS

REVIEW = "review"
#: rule fields that are not parameters of the scoring
NOT_PARAMETERS = {"type", "clause", "review"}


@dataclass
class Score:
    right: int = 0
    flagged: int = 0
    silent: int = 0
    missing: int = 0
    expected_reviews: int = 0  # of ``right``: expected ``review`` clauses that were flagged
    extra: int = 0  # of ``silent``: imported rules and items the table does not have
    notes: list[str] = field(default_factory=list)  # one line per clause not right

    @property
    def total(self) -> int:
        """The expected clauses (a silently wrong extra rule is counted in ``silent`` but adds no clause)."""
        return self.right + self.flagged + self.missing + self.silent - self.extra

    def add(self, other: "Score") -> None:
        for name in ("right", "flagged", "silent", "missing", "expected_reviews", "extra"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.notes += other.notes


def load_expected(folder: Path) -> dict:
    return yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))


def _number(value: object) -> object:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value)).normalize()
    if isinstance(value, str):
        try:
            return Decimal(value).normalize()
        except ArithmeticError:
            return value
    return value


REQUIRED = object()


def _defaults(kind: str) -> dict[str, object]:
    """The kind's parameters with their defaults (``REQUIRED`` for those without one)."""
    out: dict[str, object] = {}
    for f in dataclasses.fields(KINDS[kind]):
        if f.name not in NOT_PARAMETERS:
            out[f.name] = REQUIRED if f.default is dataclasses.MISSING else f.default
    return out


def _sample(value: object) -> object:
    if not value:
        return None
    return (_number(value.get("min")), value.get("unit"))  # type: ignore[union-attr]


def rule_key(rule: dict) -> tuple:
    """The kind and every parameter (defaults filled in; elements by count; numbers as Decimal)."""
    kind = rule["type"]
    values = {**_defaults(kind), **{k: v for k, v in rule.items() if k not in NOT_PARAMETERS}}
    parts = []
    for name in sorted(values):
        value = values[name]
        if name == "elements":
            value = len(value or [])
        elif name == "sample":
            value = _sample(value)
        parts.append((name, _number(value)))
    return (kind, tuple(parts))


def validate_expected(data: dict) -> list[str]:
    """What is wrong with an expectation file (empty when it is usable)."""
    problems = []
    if not isinstance(data, dict) or not isinstance(data.get("items"), list) or not data["items"]:
        return ["expected.yaml needs a non-empty list `items`"]
    for n, item in enumerate(data["items"], start=1):
        where = f"item {n} ({item.get('serial')})"
        for key in ("score", "content", "rules"):
            if key not in item:
                problems.append(f"{where}: no `{key}`")
        unknown = set(item) - {"serial", "score", "content", "rules", "sample"}
        if unknown:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        for rule in [r for entry in item.get("rules") or [] for r in _alternatives(entry)]:
            if rule == REVIEW:
                continue
            if not isinstance(rule, dict) or rule.get("type") not in KINDS:
                problems.append(f"{where}: not a rule kind or `review`: {rule!r}")
                continue
            allowed = set(_defaults(rule["type"]))
            required = {k for k, v in _defaults(rule["type"]).items() if v is REQUIRED}
            if set(rule) - allowed - {"type"}:
                problems.append(f"{where}: {rule['type']} has no {sorted(set(rule) - allowed - {'type'})}")
            if required - set(rule):
                problems.append(f"{where}: {rule['type']} needs {sorted(required - set(rule))}")
        if not item.get("rules"):
            problems.append(f"{where}: no rules")
    return problems


def imported_items(data: dict) -> list[dict]:
    return [i for s in data["sections"] for e in s["items"] for i in e.get("items", [e])]


def _same_item(want: dict, got: dict) -> bool:
    return (_number(got.get("score")) == _number(want["score"])
            and _sample(got.get("sample")) == _sample(want.get("sample")))


def _matches(want: dict, got: dict) -> bool:
    if want.get("serial") is not None and str(got.get("no")) != str(want["serial"]):
        return False
    text = f"{got.get('name') or ''} {got.get('content') or ''}"
    return str(want["content"]) in text


def _flagged(rule: dict, item: dict) -> bool:
    return bool(rule.get("review") or item.get("review"))


def score_item(want: dict, got: dict | None, label: str) -> Score:
    out = Score()
    rules = want["rules"]
    if got is None:
        out.missing += len(rules)
        out.notes.append(f"{label}: item missing ({len(rules)} clauses)")
        return out
    found = list(got.get("rules", []))
    used = [False] * len(found)
    pending = []
    same_item = _same_item(want, got)
    for index, rule in enumerate(rules):
        hit = None
        if same_item:
            for j, f in enumerate(found):
                if used[j]:
                    continue
                if _rule_matches(rule, f, got):
                    hit = j
                    break
        if hit is None:
            pending.append(index)
        else:
            used[hit] = True
            out.right += 1
            out.expected_reviews += REVIEW in _alternatives(rule)
    for index in pending:
        j = next((j for j, u in enumerate(used) if not u), None)
        what = "" if same_item else (f" (item: score {got.get('score')} sample {got.get('sample')},"
                                     f" expected {want['score']} {want.get('sample')})")
        if j is None:
            out.missing += 1
            out.notes.append(f"{label} clause {index + 1}: missing, expected {rules[index]}{what}")
            continue
        used[j] = True
        f = found[j]
        if _flagged(f, got):
            out.flagged += 1
            out.notes.append(f"{label} clause {index + 1}: flagged, expected {rules[index]}, got {_show(f)}{what}")
        else:
            out.silent += 1
            out.notes.append(f"{label} clause {index + 1}: SILENTLY WRONG, expected {rules[index]},"
                             f" got {_show(f)}{what}")
    for j, f in enumerate(found):
        if not used[j] and not _flagged(f, got):
            out.silent += 1
            out.extra += 1
            out.notes.append(f"{label}: SILENTLY WRONG extra rule {_show(f)}")
    return out


def _alternatives(rule: object) -> list:
    """An expected clause's acceptable readings: ``{one_of: [...]}`` where the table allows two."""
    return rule["one_of"] if isinstance(rule, dict) and "one_of" in rule else [rule]


def _rule_matches(want: object, found: dict, item: dict) -> bool:
    for option in _alternatives(want):
        if option == REVIEW and _flagged(found, item):
            return True
        if option != REVIEW and rule_key(found) == rule_key(option):  # type: ignore[arg-type]
            return True
    return False


def _show(rule: dict) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in rule.items() if k not in ("clause", "review")) + "}" + (
        " [review]" if rule.get("review") else "") + f" «{rule.get('clause', '')}»"


def score_import(expected: dict, data: dict | None) -> Score:
    """Every expected item against the imported items (in table order), and the unexpected extras."""
    out = Score()
    items = imported_items(data) if data is not None else []
    taken = [False] * len(items)
    start = 0
    for n, want in enumerate(expected["items"], start=1):
        label = f"item {want.get('serial') or n} «{want['content']}»"
        hit = None
        for j in list(range(start, len(items))) + list(range(0, start)):
            if not taken[j] and _matches(want, items[j]):
                hit = j
                break
        if hit is not None:
            taken[hit] = True
            start = hit + 1
        out.add(score_item(want, items[hit] if hit is not None else None, label))
    for j, item in enumerate(items):
        if taken[j] or item.get("review"):
            continue
        loud = [r for r in item.get("rules", []) if not r.get("review")]
        if loud:
            out.silent += len(loud)
            out.extra += len(loud)
            out.notes.append(f"extra item {item.get('no')} «{item.get('name')} {item.get('content')}»:"
                             f" SILENTLY WRONG {len(loud)} unflagged rule(s)")
    return out


def score_table(folder: Path) -> Score:
    """Import the folder's table and score it against its expectation."""
    from tests.rubric_corpus.build import table_path
    from xlscore.rubric.importer import RubricImportError, import_rubric

    expected = load_expected(folder)
    try:
        result = import_rubric(table_path(folder))
    except RubricImportError as error:
        out = score_import(expected, None)
        out.notes.insert(0, f"refused: {error}")
        return out
    out = score_import(expected, result.data)
    if result.rubric is None:
        out.notes.insert(0, "does not validate: " + "; ".join(f.message for f in result.errors))
    return out
