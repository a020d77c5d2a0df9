"""The rubric import corpus: real tables of many offices, each with its address and a hand-written expectation.

Every table folder under tests/rubric_corpus/ must say where the table was published (SOURCE.md),
rebuild byte for byte from its text spec to the committed file, and carry an expectation that
names real rule kinds and their parameters. The pooled import result must meet the acceptance:
at least 95 % of the expected clauses right and none silently wrong
(``python scripts/import_corpus_report.py --verbose`` lists every clause that is not). Imported
rubrics of the corpus generate forms that LibreOffice and Gnumeric recalculate as the engine does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.rubric_corpus.build import build, load_spec, table_folders, table_path
from tests.rubric_corpus.score import Score, load_expected, score_table, validate_expected

FOLDERS = table_folders()
IDS = [f.name for f in FOLDERS]


def _source(folder: Path) -> str:
    return (folder / "SOURCE.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", FOLDERS, ids=IDS)
def test_table_has_address_spec_and_valid_expectation(folder: Path, tmp_path: Path) -> None:
    assert re.search(r"^- Address: https?://\S+", _source(folder), re.M), "SOURCE.md needs '- Address: <url>'"
    assert re.search(r"^- Field: \S", _source(folder), re.M), "SOURCE.md needs '- Field: …'"
    assert re.fullmatch(r"\d\d-[a-z0-9-]+", folder.name)
    assert load_spec(folder)["format"] in ("docx", "xlsx")
    assert validate_expected(load_expected(folder)) == []
    rebuilt = build(folder, into=tmp_path)
    assert rebuilt.read_bytes() == table_path(folder).read_bytes(), "the committed table differs from its spec"


def test_corpus_has_25_tables_from_10_fields() -> None:
    fields = {re.search(r"^- Field: ([^(\n]+)", _source(f), re.M).group(1).strip() for f in FOLDERS}  # type: ignore[union-attr]
    assert len(FOLDERS) >= 25, f"{len(FOLDERS)} tables"
    assert len(fields) >= 10, sorted(fields)


def test_scorer_tells_right_flagged_silent_and_missing() -> None:
    """The scorer itself, on a hand-made import: each verdict once."""
    from tests.rubric_corpus.score import score_import

    expected = {"items": [
        {"serial": "1", "score": 10, "content": "甲", "rules": [{"type": "once", "points": 2}, "review"]},
        {"serial": "2", "score": 5, "content": "乙", "rules": [{"type": "per_occurrence", "points": 1, "unit": "处"},
                                                              {"type": "range", "min": 1, "max": 3}]},
        {"serial": "3", "score": 5, "content": "丙", "rules": [{"type": "zero_out"}]},
    ]}
    data = {"sections": [{"items": [
        {"no": "1", "name": "甲", "score": "10", "rules": [{"type": "manual", "review": "否决"},
                                                          {"type": "once", "points": "2.0"}]},
        {"no": "2", "name": "乙", "score": "5", "rules": [{"type": "per_occurrence", "points": "1"},
                                                         {"type": "once", "points": "3", "review": "?"}]},
        {"no": "4", "name": "小计", "score": "20", "rules": [{"type": "manual"}]},
    ]}]}
    s = score_import(expected, data)
    assert (s.right, s.flagged, s.silent, s.missing, s.extra, s.total) == (2, 1, 2, 1, 1, 5)


def _pooled() -> Score:
    pooled = Score()
    for folder in FOLDERS:
        pooled.add(score_table(folder))
    return pooled


def test_pooled_import_meets_the_acceptance() -> None:
    pooled = _pooled()
    summary = (f"right {pooled.right}/{pooled.total}, flagged {pooled.flagged}, silently wrong {pooled.silent},"
               f" missing {pooled.missing}\n" + "\n".join(n for n in pooled.notes if "SILENTLY" in n)[:4000])
    assert pooled.silent == 0, summary
    assert pooled.right >= 0.95 * pooled.total, summary


def _confirmed(value: object) -> object:
    """The imported data with every review mark removed: what the office has after confirming each one."""
    if isinstance(value, dict):
        return {k: _confirmed(v) for k, v in value.items() if k != "review"}
    if isinstance(value, list):
        return [_confirmed(v) for v in value]
    return value


@pytest.mark.engine
@pytest.mark.parametrize("folder", FOLDERS[::4], ids=IDS[::4])
def test_imported_corpus_rubric_form_agrees_with_engine(folder: Path, tmp_path: Path) -> None:
    """A sample of the corpus (every fourth table): import it, confirm its review marks as they stand,
    then fill, generate and recalculate the form."""
    import dataclasses

    from tests.test_formula_agreement import _run_batch
    from xlscore.rubric.importer import RubricImportError, import_rubric
    from xlscore.rubric.importer.output import rubric_yaml

    try:
        result = import_rubric(table_path(folder))
    except RubricImportError as error:
        pytest.fail(f"the importer refuses {folder.name}: {error}")
    rubric = tmp_path / "imported.yaml"
    rubric.write_text(rubric_yaml(dataclasses.replace(result, data=_confirmed(result.data))), encoding="utf-8")
    _run_batch(rubric, list(range(1000, 1006)), tmp_path)
