"""The install is reproducible: constraints.txt pins what the test extra needs, and both install paths use it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"not an exact pin: {line}"
            pins[_normal(name)] = version
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_requirement_of_the_test_install_is_pinned() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted = [*project["dependencies"], *extras["test"], *extras["web"]]
    names = {_normal(re.match(r"[A-Za-z0-9_.-]+", r).group(0)) for r in wanted}  # type: ignore[union-attr]
    names.discard("xlscore")  # the test extra names the web extra through the package itself
    assert names <= set(_pins()), names - set(_pins())
    assert "xlscore" not in _pins() and "xlwings" not in _pins()


def test_ci_and_the_readme_install_with_the_constraints() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"pip install .*-c constraints\.txt -e '\.\[test\]'", ci)
    assert "pip install -c constraints.txt -e '.[test]' && python -m pytest -q" in readme
