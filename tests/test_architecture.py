"""The package's plan holds: imports run one way, per-kind facts stay on the rule classes, one atomic write.

An AST walk over ``xlscore/``; each rule names the layer, what it may not import, and why.
"""

from __future__ import annotations

import ast
import os
import stat
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "xlscore"

#: layer → packages it must never import (checking stands on the form contract, not on generating).
FORBIDDEN = {
    "check": ("xlscore.generate",),
    "report": ("xlscore.generate",),
    "batch": ("xlscore.generate",),
    "rules": ("xlscore.rubric", "xlscore.form", "xlscore.generate", "xlscore.check", "xlscore.report",
              "xlscore.batch", "xlscore.reader", "xlscore.excel", "xlscore.cli"),
    "reader": ("xlscore.form", "xlscore.generate", "xlscore.check", "xlscore.report", "xlscore.batch"),
    "form": ("xlscore.generate", "xlscore.check", "xlscore.report", "xlscore.batch", "xlscore.cli"),
    "rubric": ("xlscore.form", "xlscore.generate", "xlscore.check", "xlscore.report", "xlscore.batch"),
}
RULE_KINDS = {"BelowTarget", "Bonus", "CappedPerOccurrence", "Manual", "Once", "PerMissing", "PerOccurrence", "RangeDeduction", "ThresholdZeroOut", "ZeroOut"}
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
    return out


def _layer(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


def test_imports_run_one_way() -> None:
    wrong = []
    for path in _modules():
        banned = FORBIDDEN.get(_layer(path), ())
        for line, module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if any(module == b or module.startswith(b + ".") for b in banned):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_no_rule_kind_ladders_outside_rules() -> None:
    """Per-kind behaviour lives on the rule classes: nobody else asks ``isinstance(rule, SomeKind)``."""
    wrong = []
    for path in _modules():
        if _layer(path) == "rules":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "isinstance" and len(node.args) == 2:
                names = {n.id for n in ast.walk(node.args[1]) if isinstance(n, ast.Name)}
                if names & RULE_KINDS:
                    wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno} isinstance(…, {sorted(names & RULE_KINDS)})")
    assert not wrong, "\n".join(wrong)


def test_modules_are_small() -> None:
    big = [f"{p.relative_to(PACKAGE)} ({n} lines)" for p in _modules()
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert not big, big


def test_one_atomic_write() -> None:
    """Only xlscore/atomic.py makes temporary files and renames them into place."""
    writers = []
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        if any(word in source for word in ("mkstemp", "os.replace", "os.rename")):
            writers.append(str(path.relative_to(PACKAGE)))
    assert writers == ["atomic.py"], writers


def test_no_file_is_written_but_atomically() -> None:
    """No ``open(path, "w")``, ``Path.write_text`` or ``write_bytes`` outside xlscore/atomic.py (zip members aside)."""
    writes = []
    for path in _modules():
        if path.name == "atomic.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
            opens_to_write = (getattr(node.func, "id", None) == "open" and isinstance(mode, ast.Constant)
                              and any(flag in str(mode.value) for flag in "wax+"))
            if opens_to_write or getattr(node.func, "attr", None) in {"write_text", "write_bytes"}:
                writes.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert writes == [], writes


def test_test_tooling_is_not_shipped() -> None:
    assert not (PACKAGE / "testing").exists()
    assert not (PACKAGE / "excel_safety.py").exists()


@pytest.fixture()
def umask_022():  # type: ignore[no-untyped-def]
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_every_output_gets_the_same_mode(tmp_path: Path, umask_022: None) -> None:
    """The form, a checked copy and a summary are all 0644 under umask 022 (one policy, one writer)."""
    from xlscore.batch.runner import check_one
    from xlscore.batch.summary import write_summary
    from xlscore.check.checker import CheckOptions
    from xlscore.generate import generate_workbook
    from xlscore.rubric import load_rubric

    form = generate_workbook(load_rubric(), tmp_path / "form.xlsx")
    result = check_one(form, CheckOptions(), write_copy=True)
    summary = write_summary(tmp_path / "summary.xlsx", [], [], [])
    for path in (form, result.copy, summary):
        assert path is not None and stat.S_IMODE(path.stat().st_mode) == 0o644, path
