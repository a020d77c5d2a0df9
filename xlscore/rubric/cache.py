"""A per-user cache of validated rubrics, so a fresh process does not validate a known rubric again.

Checking one workbook in a fresh process spends more time validating the embedded rubric (and
building pydantic's validators to do it) than checking. Every workbook of a round embeds the
same rubric, so its validated model is kept on disk, keyed by what decides it:

* the sha256 of the text it was validated from (the embedded JSON, the shipped YAML), so another
  text is another entry;
* a fingerprint of the code that validates it (the model and rule modules' source, the form
  modules that lay it out, the versions of xlscore, pydantic and Python), so changed code never
  reads an entry the old code wrote.

An entry is written only after its text validated (and, for an embedded rubric, hashed back to
the sha256 the workbook records), so a hit gives the model a miss would give: a cache can make a
check faster, never different. Entries are pickles, read only from a folder and files owned by
the user and writable by nobody else; anything odd is a miss. ``XLSCORE_CACHE_DIR`` moves the
cache (``off`` turns it off).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from xlscore.errors import RubricProblem
    from xlscore.rubric.model import Rubric

ENV = "XLSCORE_CACHE_DIR"
#: Modules whose source decides what a validated rubric is.
CODE = ("rubric/model.py", "rubric/canonical.py", "rubric/loader.py", "rubric/validate.py", "rubric/yaml_text.py",
        "rubric/selfcheck.py", "rubric/messages.py", "rules", "form", "cells.py")


def cache_dir() -> Path | None:
    configured = os.environ.get(ENV)
    if configured is not None:
        return Path(configured) if configured and configured != "off" else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "xlscore" / "cache" if base else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xlscore"


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 of the validating code's source and of the versions it runs on (pydantic's read, not imported)."""
    from xlscore import __version__

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{__version__}|{_pydantic_version()}|{sys.version}".encode())
    for name in CODE:
        path = package / name
        for file in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def _pydantic_version() -> str:
    """pydantic's version file (it pins its pydantic-core), without importing pydantic."""
    spec = importlib.util.find_spec("pydantic")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        version = Path(folder) / "version.py"
        if version.is_file():
            return hashlib.sha256(version.read_bytes()).hexdigest()
    return "unknown"


def _entry(kind: str, key: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    name = hashlib.sha256(f"{kind}|{key}|{code_fingerprint()}".encode()).hexdigest()
    return folder / f"{name}.pickle"


def load(kind: str, key: str) -> object | None:
    """The value stored for ``(kind, key)`` by this code, or None."""
    try:
        path = _entry(kind, key)
        if path is None or not (_trusted(path.parent) and _trusted(path)):
            return None
        with path.open("rb") as handle:
            stored_kind, stored_key, value = pickle.load(handle)
    except Exception:  # noqa: BLE001 - a missing, partial or foreign entry is a miss
        return None
    return value if (stored_kind, stored_key) == (kind, key) else None


def store(kind: str, key: str, value: object) -> None:
    """Keep ``value`` for ``(kind, key)``; a cache that cannot be written is no cache."""
    from xlscore.atomic import write_bytes_atomically

    try:
        path = _entry(kind, key)
        if path is None:
            return
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if _trusted(path.parent):
            write_bytes_atomically(path, pickle.dumps((kind, key, value), protocol=pickle.HIGHEST_PROTOCOL))
            os.chmod(path, 0o600)  # a group-writable entry (umask 002) would never be trusted
    except Exception:  # noqa: BLE001 - e.g. a read-only home, a full disk, an unpicklable value
        return


def _trusted(path: Path) -> bool:
    """Owned by this user and writable by nobody else (on POSIX; Windows keeps a user's folder private)."""
    info = os.stat(path)
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


# --- the rubrics a check needs ----------------------------------------------------------------------
def embedded_rubric(text: str, text_sha256: str, validate: Callable[[str], Rubric]) -> Rubric:
    """The rubric validated from ``text`` (whose sha256 the caller has verified is ``text_sha256``).

    ``validate`` runs on a miss; its exceptions propagate, and a rubric whose canonical form does
    not hash back to ``text_sha256`` is returned but not kept (the caller refuses it).
    """
    from xlscore.rubric.canonical import remember_sha256, rubric_sha256
    from xlscore.rubric.model import Rubric

    hit = load("embedded", text_sha256)
    if isinstance(hit, Rubric):
        remember_sha256(hit, text_sha256)  # it was kept only because its canonical form hashed so
        return hit
    rubric = validate(text)
    if rubric_sha256(rubric) == text_sha256:
        store("embedded", text_sha256, rubric)
    return rubric


def substituted(rubric: Rubric, variables: dict[str, str]) -> Rubric:
    """``substitute(rubric, variables)``, kept per (rubric sha256, variables)."""
    import json

    from xlscore.rubric.canonical import rubric_sha256, substitute
    from xlscore.rubric.model import Rubric

    key = rubric_sha256(rubric) + json.dumps(sorted(variables.items()), ensure_ascii=False)
    hit = load("substituted", key)
    if isinstance(hit, Rubric):
        return hit
    result = substitute(rubric, variables)
    store("substituted", key, result)
    return result


def shipped_identity(text: bytes, load_shipped: Callable[[], Rubric]) -> tuple[str, str, str]:
    """(id, version, sha256) of the shipped rubric whose YAML is ``text``; ``load_shipped`` on a miss."""
    from xlscore.rubric.canonical import rubric_sha256

    key = hashlib.sha256(text).hexdigest()
    hit = load("shipped", key)
    if isinstance(hit, tuple) and len(hit) == 3 and all(isinstance(part, str) for part in hit):
        return hit  # type: ignore[return-value]
    rubric = load_shipped()
    facts = (rubric.id, rubric.version, rubric_sha256(rubric))
    store("shipped", key, facts)
    return facts


def parsed(text: str, lang: str, parse: Callable[[], tuple[Rubric, list[RubricProblem]]]) -> tuple[Rubric, list[RubricProblem]]:
    """(rubric, warnings in ``lang``) of the rubric YAML ``text``; ``parse`` on a miss (its errors propagate)."""
    from xlscore.rubric.model import Rubric

    key = hashlib.sha256(text.encode("utf-8")).hexdigest() + "|" + lang
    hit = load("yaml", key)
    if isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[0], Rubric) and isinstance(hit[1], list):
        return hit[0], hit[1]
    rubric, warnings = parse()
    store("yaml", key, (rubric, warnings))
    return rubric, warnings
