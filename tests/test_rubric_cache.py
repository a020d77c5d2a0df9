"""The per-user rubric cache: a warm cache skips validation and never changes a report."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

from xlscore.check import rubric_source
from xlscore.check.checker import check_file
from xlscore.form import layout
from xlscore.reader.xlsx import read_workbook
from xlscore.rubric import cache

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "units").glob("*.xlsx"))
FIXTURES = [ROOT / "tests" / "fixtures" / name for name in ("clean.xlsx", "typed_total.xlsx", "formula_changed.xlsx")]


def _forget_in_process() -> None:
    """A fresh process, as far as the rubric is concerned: only the disk cache remains."""
    rubric_source._EMBEDDED.clear()
    rubric_source.shipped_identity.cache_clear()
    layout._LAYOUTS.clear()


@pytest.fixture
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    _forget_in_process()
    yield folder
    _forget_in_process()


def _refuse_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("validated although the cache holds the rubric")

    monkeypatch.setattr(rubric_source, "rubric_from_json", refuse)
    monkeypatch.setattr(rubric_source, "shipped_rubric", refuse)
    monkeypatch.setattr("xlscore.rubric.canonical.substitute", refuse)
    monkeypatch.setattr(layout, "build_layout", refuse)


@pytest.mark.parametrize("path", EXAMPLES + FIXTURES, ids=[p.stem for p in EXAMPLES + FIXTURES])
def test_a_warm_cache_gives_the_same_report_without_validating(path: Path, cache_in: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "off")
    uncached = check_file(path)
    _forget_in_process()
    monkeypatch.setenv(cache.ENV, str(cache_in))
    cold = check_file(path)
    assert len(list(cache_in.glob("*.pickle"))) == 4  # the embedded rubric, its substitution and layout, the shipped facts
    _forget_in_process()
    _refuse_validation(monkeypatch)
    warm = check_file(path)
    assert uncached == cold == warm


def test_entries_of_other_code_or_other_owners_are_not_read(cache_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_file(EXAMPLES[0])
    entries = sorted(cache_in.glob("*.pickle"))
    assert entries and all(entry.stat().st_mode & 0o777 == 0o600 for entry in entries)
    _forget_in_process()
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "other code")
    assert cache.load("shipped", "x") is None
    with pytest.raises(AssertionError):  # other code: every entry is a miss, so it validates
        _refuse_validation(monkeypatch)
        check_file(EXAMPLES[0])


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_could_write_is_a_miss(cache_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = check_file(EXAMPLES[0])
    for entry in cache_in.glob("*.pickle"):
        entry.chmod(0o666)
    _forget_in_process()
    calls = []
    real = rubric_source.rubric_from_json
    monkeypatch.setattr(rubric_source, "rubric_from_json", lambda text: calls.append(1) or real(text))
    assert check_file(EXAMPLES[0]) == expected
    assert calls == [1]


def test_a_damaged_or_renamed_entry_is_a_miss(cache_in: Path) -> None:
    cache.store("shipped", "a", ("id", "v", "sha"))
    assert cache.load("shipped", "a") == ("id", "v", "sha")
    entry = next(cache_in.glob("*.pickle"))
    other = cache._entry("shipped", "b")
    assert other is not None
    entry.rename(other)  # an entry under another key's name
    assert cache.load("shipped", "b") is None
    other.write_bytes(b"\x80\x05 not a pickle")
    assert cache.load("shipped", "b") is None


def test_off_and_unwritable_caches_change_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "off")
    _forget_in_process()
    expected = check_file(EXAMPLES[0])
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setenv(cache.ENV, str(blocked / "cache"))
    _forget_in_process()
    assert check_file(EXAMPLES[0]) == expected
    _forget_in_process()
    assert sys.modules["xlscore.rubric.cache"].load("embedded", "x") is None


def test_a_miss_still_validates_the_embedded_rubric(cache_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_file(EXAMPLES[0])  # a warm cache, for another text
    workbook = read_workbook(EXAMPLES[0])
    meta = rubric_source.read_metadata(workbook)
    assert isinstance(meta, rubric_source.Metadata)
    data = json.loads(meta.rubric_json)
    data["sections"][0]["total"] = "many"
    text = json.dumps(data, ensure_ascii=False)
    forged = dataclasses.replace(meta, rubric_json=text, rubric_sha256=hashlib.sha256(text.encode()).hexdigest())
    monkeypatch.setattr(rubric_source, "read_metadata", lambda _workbook: forged)
    _forget_in_process()
    choice = rubric_source.choose_rubric(workbook, None, None, "en")
    assert [finding.code for finding in choice.findings] == ["RUB004"]
    assert "ValidationError" in choice.findings[0].message
    assert cache.load("embedded", forged.rubric_sha256) is None


def test_a_known_yaml_text_is_neither_parsed_nor_validated_again(cache_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from xlscore.rubric import loader

    text = loader.default_rubric_path().read_text(encoding="utf-8")
    first = loader.parse_rubric(text, "a.yaml", lang="en")
    assert [w.path for w in first.warnings] == ["sections[1].total"]  # the incomplete section's, with its line
    monkeypatch.setattr(loader, "_parse", lambda *_args: pytest.fail("parsed although the cache holds the text"))
    second = loader.parse_rubric(text, "b.yaml", lang="en")
    assert (second.rubric, second.warnings, second.file) == (first.rubric, first.warnings, "b.yaml")
    with pytest.raises(pytest.fail.Exception):  # the same text in another language is another entry
        loader.parse_rubric(text, "c.yaml", lang="zh")
