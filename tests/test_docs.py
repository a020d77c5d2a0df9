"""The docs are tested: every command shown in the README and the guide runs and prints what the page shows,
links between the docs resolve, docs/cli.md is what the code generates. How a doc marks its blocks:
tests/docs_support.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.docs_support import ROOT, Block, anchors, as_posix_command, blocks, links, shown_in

GUIDE = ROOT / "docs" / "使用指南.md"
README = ROOT / "README.md"
RUN_DOCS = (README, GUIDE)
DOCS = sorted([README, *(ROOT / "docs").glob("*.md"), ROOT / "examples" / "README.md"])
BIN = Path(sys.executable).parent
TIMEOUT = 300

#: Every block the doc tests do not run, with why; a new skip must be added here, so each one is listed.
EXPECTED_SKIPS = {
    ("README.md", "setup"): "the set-up commands install packages; tests/test_docs.py::test_setup_commands_match_ci "
                            "compares them with .ci/run, which runs them from nothing",
    ("README.md", "development"): "runs the test suite and the docs build themselves",
    ("docs/使用指南.md", "windows-only"): "py -m pip install of the wheel: Windows only",
}


def _skip_key(block: Block) -> tuple[str, str] | None:
    name = str(block.doc.relative_to(ROOT))
    if "windows-only" in block.directives:
        return name, "windows-only"
    if "skip" in block.directives:
        return name, block.directives["skip"]
    return None


def _environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("XLSCORE_")}
    env.update(HOME=str(home), PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", BROWSER="true",
               XLSCORE_CACHE_DIR=str(home / "cache"), PYTHONIOENCODING="utf-8")
    return env


def _workspace(tmp: Path) -> Path:
    """A folder as a new user has it: the examples beside them, a desktop."""
    work = tmp / "work"
    shutil.copytree(ROOT / "examples", work / "examples", ignore=shutil.ignore_patterns("*.checked.xlsx", "__pycache__"))
    (tmp / "home" / "Desktop").mkdir(parents=True)
    return work


# --- what the user does by hand between two blocks (in Excel) -------------------------------------------------

def _fill_roster(work: Path) -> None:
    """Type the period and four units into the roster template, as in Excel."""
    import openpyxl

    book = openpyxl.load_workbook(work / "名单.xlsx")
    sheet = book.worksheets[0]
    header = next(row[0].row for row in sheet.iter_rows(max_row=10) if any(c.value == "被考核单位" for c in row))
    column = next(c.column for c in sheet[header] if c.value == "被考核单位")
    period_row = next(row[0].row for row in sheet.iter_rows(max_row=header) if row[0].value == "考核期间")
    sheet.cell(period_row, 2, "2026年第三季度")
    for offset, unit in enumerate(["城东客服中心", "城南客服中心", "城西客服中心", "城北客服中心"], start=1):
        sheet.cell(header + offset, column, unit)
    book.save(work / "名单.xlsx")


def _collect_returns(work: Path) -> None:
    """Three units sent their forms back (the examples: clean, an inflated self-check, arithmetic errors)."""
    (work / "回收").mkdir(exist_ok=True)
    for unit in sorted((ROOT / "examples" / "units").glob("*.xlsx")):
        shutil.copy2(unit, work / "回收" / unit.name)


def _correct_rubric(work: Path) -> None:
    from tests.importer.example import correct_in_excel

    correct_in_excel(work / "营业厅细则.xlsx")


def _typed_again(source: Path, target: Path, passes: tuple[str | None, ...]) -> None:
    """What a person types into a fresh copy of the form: the given passes' inputs, remarks and cover fields of ``source``."""
    from xlscore.check.rubric_source import embedded_rubric
    from xlscore.generate import GenerateOptions, generate_workbook
    from xlscore.round.returned import pass_of, read_return

    typed = read_return(source)
    inputs = {name: value for name, value in typed.typed.items() if pass_of(typed.layout.slots[name]) in passes}
    target.parent.mkdir(parents=True, exist_ok=True)
    generate_workbook(embedded_rubric(typed.metadata), target, GenerateOptions(inputs=inputs))


def _split_passes(work: Path) -> None:
    """Each unit typed its 自查 into its own copy (自查/), the assessment group its 考评 into another (考评/)."""
    for unit in sorted((ROOT / "examples" / "units").glob("*.xlsx")):
        _typed_again(unit, work / "自查" / unit.name, ("self_check", None))
        _typed_again(unit, work / "考评" / unit.name, ("assessed", None))


def _unit_corrects(work: Path) -> None:
    """The office moves the first return to 旧/; the unit re-enters it in a fresh form (formulas restored) into 回收/."""
    old = work / "旧" / "城南客服中心.xlsx"
    old.parent.mkdir(exist_ok=True)
    shutil.move(work / "回收" / "城南客服中心.xlsx", old)
    _typed_again(old, work / "回收" / "城南客服中心.xlsx", ("self_check", "assessed", None))


HOOKS = {"fill_roster": _fill_roster, "collect_returns": _collect_returns, "correct_rubric": _correct_rubric,
         "split_passes": _split_passes, "unit_corrects": _unit_corrects}


# --- running -------------------------------------------------------------------------------------------------

def _run(line: str, work: Path, env: dict[str, str]) -> tuple[int, str]:
    done = subprocess.run(["bash", "-c", as_posix_command(line)], cwd=work, env=env, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=TIMEOUT)
    return done.returncode, done.stdout + done.stderr


def _run_background(line: str, work: Path, env: dict[str, str]) -> tuple[int, str]:
    """Start a command that keeps running; wait until it printed its address, then stop it."""
    process = subprocess.Popen(["bash", "-c", "exec " + as_posix_command(line)], cwd=work, env=env, text=True,
                               encoding="utf-8", stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = ""
    deadline = time.monotonic() + 60
    try:
        assert process.stdout is not None
        while time.monotonic() < deadline:
            chunk = process.stdout.readline()
            if not chunk:
                break
            output += chunk
            if "http://127.0.0.1:" in output:
                break
    finally:
        process.terminate()
        process.wait(timeout=30)
    return 0, output


def _runnable(doc: Path) -> list[Block]:
    return [block for block in blocks(doc) if _skip_key(block) is None]


def _check_block(block: Block, work: Path, env: dict[str, str]) -> list[str]:
    problems = []
    if "before" in block.directives:
        HOOKS[block.directives["before"]](work)
    for command in block.commands:
        if re.match(r"xlscore serve(?!.*--shortcut)", command.line):
            code, output = _run_background(command.line, work, env)
        else:
            code, output = _run(command.line, work, env)
        if "Traceback" in output or code not in (0, 1):
            problems.append(f"{block.where}: `{command.line}` exited {code}:\n{output[-2000:]}")
            continue
        for shown in command.shown:
            if not shown_in(shown, output):
                problems.append(f"{block.where}: `{command.line}` did not print {shown!r}; it printed:\n{output[-2000:]}")
    return problems


@pytest.mark.parametrize("doc", RUN_DOCS, ids=lambda p: p.name)
def test_every_command_shown_runs_and_prints_what_the_page_says(doc: Path, tmp_path: Path) -> None:
    """In document order, in one folder (a round builds on its earlier steps)."""
    work = _workspace(tmp_path)
    env = _environment(tmp_path / "home")
    problems: list[str] = []
    ran = 0
    for block in _runnable(doc):
        problems += _check_block(block, work, env)
        ran += len(block.commands)
    assert ran > 0
    assert not problems, "\n\n".join(problems)


def test_the_skips_are_the_listed_ones() -> None:
    found = {key for doc in RUN_DOCS for block in blocks(doc) if (key := _skip_key(block))}
    assert found == set(EXPECTED_SKIPS), found ^ set(EXPECTED_SKIPS)


def test_windows_only_lines_are_marked() -> None:
    """``py -m pip`` and a ``.cmd`` run only on Windows: a block holding one must be marked so."""
    for doc in RUN_DOCS:
        for block in blocks(doc):
            for command in block.commands:
                if re.match(r"py\s", command.line) or command.line.endswith(".cmd"):
                    assert "windows-only" in block.directives, f"{block.where}: {command.line}"


def test_setup_commands_match_ci() -> None:
    """README's two set-up commands are what .ci/run does: the same Debian packages, install, tests."""
    setup = next(block for block in blocks(README) if block.directives.get("skip") == "setup")
    first, second = (command.line for command in setup.commands)
    assert re.search(r"pip install (-c \S+ )?\.( |$)", first) and first.endswith("xlscore generate")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    packages = re.search(r"DEBIAN_PACKAGES=\(([^)]*)\)", ci).group(1).split()  # type: ignore[union-attr]
    assert f"apt-get install -y {' '.join(packages)}" in second
    ci_pip = re.search(r"pip install (.*)", ci).group(1)  # type: ignore[union-attr]
    assert "-e '.[test]'" in second and "-e '.[test]'" in ci_pip and "python -m pytest -q" in second
    for option in re.findall(r"-c \S+", first + " " + second):
        assert (ROOT / option.split()[1]).is_file(), option
        assert option in ci_pip, f".ci/run must install with {option} too"
    validator = re.search(r'OOXML_VALIDATOR="([^"]+)"', ci)
    if validator:  # the checked-copy tests' validator, installed by npm
        assert f"npm install --prefix .tools/validator --no-audit --no-fund {validator.group(1)}" in second


def test_the_tour_is_five_lines() -> None:
    tour = [block for block in blocks(README) if block.language == "sh" and not block.directives]
    assert [len(block.commands) for block in tour] == [5]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_resolve(doc: Path) -> None:
    broken = []
    for line, target in links(doc):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        path, _, anchor = target.partition("#")
        goal = (doc.parent / path).resolve() if path else doc
        if not goal.exists():
            broken.append(f"{doc.name}:{line}: {target} (no such file)")
        elif anchor and goal.suffix == ".md" and anchor not in anchors(goal):
            broken.append(f"{doc.name}:{line}: {target} (no such heading)")
    assert not broken, "\n".join(broken)


def test_cli_reference_is_what_the_code_says() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_cli_doc.py"), "--check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr


def test_readme_is_a_front_page() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 220


def test_rubric_doc_quotes_the_example_file() -> None:
    text = (ROOT / "docs" / "rubric.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert block == (ROOT / "examples" / "small-rubric.yaml").read_text(encoding="utf-8")


def test_the_harness_can_fail(tmp_path: Path) -> None:
    """A shown line that the command does not print, and a command that fails, are reported."""
    doc = tmp_path / "doc.md"
    doc.write_text("<!-- doc-test: before=none -->\n```console\n> xlscore --version\nxlscore 版本 0.1.0\n"
                   "> xlscore --version\nxlscore 版本 9.9…\n> xlscore nonsense\n```\n", encoding="utf-8")
    (block,) = blocks(doc.resolve().relative_to(ROOT) if doc.is_relative_to(ROOT) else doc)
    assert block.directives == {"before": "none"} and [c.line for c in block.commands][0] == "xlscore --version"
    block.directives = {}
    block.doc = GUIDE  # only for the place in messages
    problems = _check_block(block, _workspace(tmp_path), _environment(tmp_path / "home"))
    assert len(problems) == 2 and "9.9" in problems[0] and "nonsense" in problems[1]
    assert shown_in("回收\\城南…已写出", "回收/城南客服中心.xlsx:已写出校验副本")
    assert not shown_in("已写出…城北", "已写出 城南\n城北")


INLINE = re.compile(r"`((?:py -m )?xlscore [a-z][^`]*)`")


def test_commands_named_in_the_text_exist() -> None:
    """A command quoted in running text (`xlscore serve --shortcut --force`) has that command and those options:
    each is parsed with ``--help`` added (click refuses an unknown command or option before it prints help)."""
    quoted = sorted({match for doc in RUN_DOCS for match in INLINE.findall(doc.read_text(encoding="utf-8"))})
    assert len(quoted) >= 5, quoted
    for line in quoted:
        words = line.removeprefix("py -m ").split()  # `py -m xlscore` is the Windows spelling of the same command
        done = subprocess.run([str(BIN / "xlscore"), *words[1:], "--help"], capture_output=True, text=True,
                              encoding="utf-8", timeout=TIMEOUT, env=_environment(ROOT / ".no-home"))
        assert done.returncode == 0, f"`{line}`: {done.stderr}"
