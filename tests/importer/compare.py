"""Compare an import with the shipped rubric, clause by clause: kind and parameters, and review marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tests.importer.csc_table import csc_rules

PARAMETERS = ("points", "unit", "elements", "target", "step", "rounding", "direction", "monthly", "limit",
              "compare", "sample", "of_sample")


def _canon(value: object) -> object:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value)).normalize()
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canon(v) for v in value]
    return value


def rule_key(rule: dict) -> tuple:
    """A rule's kind and parameters (defaults spelled out), for equality."""
    defaults = {"monthly": False, "of_sample": False, "direction": "at_least", "sample": None}
    if rule["type"] == "threshold_zero_out":
        defaults["unit"] = "%"
    if rule["type"] == "per_occurrence":
        defaults["unit"] = "次"
    return (rule["type"], tuple((p, _canon(rule.get(p, defaults.get(p)))) for p in PARAMETERS))


@dataclass
class Comparison:
    total: int = 0
    same: int = 0
    flagged_wrong: list[str] = field(default_factory=list)
    silent_wrong: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.same / self.total


def compare_with_csc(data: dict) -> Comparison:
    """Each csc.yaml rule against the imported rule at the same section, 序号 and position."""
    got = {}
    for s_index, section in enumerate(data["sections"]):
        for entry in section["items"]:
            for item in entry.get("items", [entry]):
                got[f"{s_index + 1}/{item['no']}"] = item
    out = Comparison()
    for key, want in csc_rules().items():
        item = got.get(key)
        for index, rule in enumerate(want["rules"]):
            out.total += 1
            found = item["rules"][index] if item is not None and index < len(item["rules"]) else None
            same_sample = item is not None and _canon(item.get("sample")) == _canon(want["sample"])
            if found is not None and rule_key(found) == rule_key(rule) and same_sample:
                out.same += 1
            elif found is not None and (found.get("review") or item.get("review")):
                out.flagged_wrong.append(f"{key} rule {index + 1}")
            else:
                out.silent_wrong.append(f"{key} rule {index + 1}: {found} != {rule}")
        if item is not None and len(item["rules"]) > len(want["rules"]):
            extra = item["rules"][len(want["rules"]):]
            out.silent_wrong += [f"{key}: extra rule {r}" for r in extra if not r.get("review")]
    return out
