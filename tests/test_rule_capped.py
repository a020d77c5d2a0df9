"""``capped_per_occurrence``: N points per occurrence, the clause stopping at its cap (hand-written cases)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlscore.rules import CappedPerOccurrence, ItemContext

RULE = CappedPerOccurrence(type="capped_per_occurrence", clause="每处扣1.5分,最多扣4分", points=Decimal("1.5"),
                           unit="处", cap=Decimal(4))
CTX = ItemContext(standard_score=Decimal(10))


@pytest.mark.parametrize(("count", "deduction"), [(None, "0"), (0, "0"), (1, "1.5"), (2, "3"), (3, "4"), (40, "4")])
def test_deduction_stops_at_the_cap(count: int | None, deduction: str) -> None:
    value = None if count is None else Decimal(count)
    assert RULE.deduction(value, CTX) == Decimal(deduction)


def test_formula_and_words() -> None:
    assert RULE.formula("H7", CTX) == "IF(ISNUMBER(H7),MIN(4,1.5*H7),0)"
    assert RULE.describe("zh") == "扣1.5分/处,最多扣4分"
    assert RULE.possible_deductions(CTX) == [Decimal(0), Decimal("1.5"), Decimal(3), Decimal(4)]


def test_imported_cap_becomes_a_capped_rule(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.importer.office_tables import write_docx
    from xlscore.rubric.importer import import_rubric

    rows = [("item", "1", "隐患整改", "隐患按期整改", 15, "逾期未整改的隐患,每项扣3分,本项最多扣9分。")]
    data = import_rubric(write_docx(tmp_path / "a.docx", "细则", rows)).data
    rule = data["sections"][0]["items"][0]["rules"][0]
    assert (rule["type"], rule["points"], rule["unit"], rule["cap"]) == ("capped_per_occurrence", 3, "项", 9)
    assert "review" not in rule
