"""The package list in pyproject.toml names every subpackage, so a plain ``pip install .`` works."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_packaged() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "xlscore").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, f"add to pyproject.toml: {sorted(found - listed)}"
    assert "xlscore.templates" in listed
    assert config["tool"]["setuptools"]["package-dir"]["xlscore.templates"] == "templates"
    assert "*.yaml" in config["tool"]["setuptools"]["package-data"]["xlscore.templates"]
