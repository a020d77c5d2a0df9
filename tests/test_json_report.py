"""The CLI's JSON equals the library's report and validates against the committed schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from xlscore.check.checker import CheckOptions, check_file
from xlscore.report.render import document_json
from xlscore.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
FIXTURES = ROOT / "tests" / "fixtures"
FILES = [FIXTURES / "clean.xlsx", FIXTURES / "text_numbers.xlsx", FIXTURES / "row_deleted.xlsx",
         FIXTURES / "metadata_removed.xlsx", FIXTURES / "names_removed.xlsx"]


def _cli_json(*paths: Path, lang: str = "zh") -> dict:
    result = CliRunner().invoke(main, ["check", "--no-copy", "--format", "json", "--jobs", "1", "--lang", lang,
                                       *map(str, paths)])
    assert isinstance(result.exception, SystemExit) or result.exception is None
    return json.loads(result.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_json_equals_library_report(lang: str) -> None:
    document = _cli_json(*FILES, lang=lang)
    library = document_json([check_file(path, CheckOptions(lang=lang)) for path in FILES])
    volatile = {"xlscore"}  # the version: stripped as frictionless strips its volatile fields
    assert {k: v for k, v in document.items() if k not in volatile} == {k: v for k, v in library.items() if k not in volatile}


def test_json_validates_against_schema(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    document = _cli_json(*FILES, broken)
    jsonschema.validate(document, SCHEMA)
    assert document["exit_code"] == 2
    assert document["files"][-1] == {"file": str(broken), "status": "unreadable", "message": document["files"][-1]["message"],
                                     "exit_code": 2}
    findings = [f for file in document["files"] if file["status"] == "checked" for f in file["findings"]]
    assert findings, "the corpus has findings to validate"


def test_schema_rejects_what_it_should() -> None:
    document = _cli_json(FIXTURES / "text_numbers.xlsx")
    jsonschema.validate(document, SCHEMA)
    bad = json.loads(json.dumps(document))
    bad["files"][0]["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)
    bad = json.loads(json.dumps(document))
    bad["files"][0]["totals"]["assessed"]["grand"] = 12.5  # numbers are exact decimal strings
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)
