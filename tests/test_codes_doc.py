"""docs/codes.md is generated from the code catalogue and must not go stale."""

from pathlib import Path

from xlscore.check.codes import CATALOGUE, Code
from xlscore.check.docs import codes_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "codes.md"


def test_codes_doc_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == codes_markdown(), "run: python -m xlscore.check.docs > docs/codes.md"


def test_catalogue_is_complete_and_consistent() -> None:
    assert len(CATALOGUE) >= 20
    for code, cls in CATALOGUE.items():
        assert issubclass(cls, Code) and cls.code == code
        assert code.rstrip("0123456789") in {"RUB", "STR", "IN", "COV", "CALC", "REM", "DIFF"}
        for texts in (cls.title, cls.description, cls.template):
            assert texts["zh"] and texts["en"]
        assert "{" not in cls.description["zh"] and "{" not in cls.description["en"]


def test_messages_tolerate_missing_values() -> None:
    for cls in CATALOGUE.values():
        for lang in ("zh", "en"):
            assert cls.make(lang).message  # every placeholder missing: prints "?" rather than failing
