"""Snapshot what ``xlscore check`` says and writes for every fixture, to compare two versions.

    python scripts/snapshot_reports.py snap DIR       # JSON reports and checked-copy part digests
    python scripts/snapshot_reports.py compare A B    # exit 1 and list the differences

Runs the installed command in a subprocess, so it works across any change of the package's
internals. Volatile fields (paths, check time, version) are stripped from the JSON; the checked
copy is compared part by part (sha256 of each zip entry), with the 差异表's audit header lines
(time of checking) removed.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INPUTS = sorted([*ROOT.glob("tests/fixtures/*.xls[xm]"), *ROOT.glob("examples/units/*.xlsx")])
VOLATILE_KEYS = {"file", "path", "copy", "checked_copy", "checked_at", "xlscore_version", "version_of_xlscore"}
VOLATILE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?")


def _strip(value: object) -> object:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE_KEYS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _parts(copy: Path) -> dict[str, str]:
    digests = {}
    with zipfile.ZipFile(copy) as package:
        for info in package.infolist():
            data = VOLATILE_TEXT.sub(b"<time>".decode(), package.read(info).decode("utf-8", "replace"))
            digests[info.filename] = hashlib.sha256(data.encode()).hexdigest()
    return digests


def snap(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for source in INPUTS:
            copy = Path(scratch) / f"{source.stem}.checked{source.suffix}"
            done = subprocess.run(
                [sys.executable, "-m", "xlscore", "check", "--format", "json", "--jobs", "1",
                 "--copy-to", str(copy), str(source)],
                capture_output=True, text=True, check=False,
            )
            if not done.stdout.strip():
                sys.exit(f"{source.name}: no JSON report (exit {done.returncode}):\n{done.stderr}")
            record = {
                "exit": done.returncode,
                "report": _strip(json.loads(done.stdout)),
                "parts": _parts(copy) if copy.exists() else None,
            }
            (out / f"{source.stem}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True))
    print(f"{len(INPUTS)} inputs snapped into {out}")


def compare(before: Path, after: Path) -> int:
    differ = 0
    for old in sorted(before.glob("*.json")):
        new = after / old.name
        if not new.exists() or _strip(json.loads(old.read_text())) != _strip(json.loads(new.read_text())):
            differ += 1
            print(f"differs: {old.stem}")
    print(f"{differ} of {len(list(before.glob('*.json')))} inputs differ")
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["snap"]:
        snap(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["compare"]:
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
