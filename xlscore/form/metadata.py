"""The very-hidden metadata sheet: what makes a filled workbook self-describing.

Two columns, key and value, all text. The rubric's canonical JSON is split over as many rows as
it needs (a cell holds at most 32,767 characters). Shared by the generator and the reader.
A form made for one unit of a roster also records that unit's id and the roster's sha256 (two
optional rows after the rubric, absent from a form made without a roster).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

FORMAT = "xlscore-workbook/1"
#: Characters per cell: well below 16,384, where LibreOffice breaks a long text with a newline when it edits a file.
CHUNK = 8000

KEYS = ("format", "generator_version", "rubric_id", "rubric_version", "rubric_sha256", "lang", "vars", "rubric_parts")


@dataclass
class Metadata:
    generator_version: str
    rubric_id: str
    rubric_version: str
    rubric_sha256: str
    lang: str
    vars: dict[str, str]
    rubric_json: str
    format: str = FORMAT
    extra: dict[str, str] = field(default_factory=dict)
    #: The roster unit this form was made for, and the sha256 of that roster ("" without a roster).
    unit_id: str = ""
    roster_sha256: str = ""

    def rows(self) -> list[tuple[str, str]]:
        """(key, value) rows as written to the sheet, in order."""
        chunks = [self.rubric_json[i : i + CHUNK] for i in range(0, len(self.rubric_json), CHUNK)] or [""]
        head = [
            ("format", self.format),
            ("generator_version", self.generator_version),
            ("rubric_id", self.rubric_id),
            ("rubric_version", self.rubric_version),
            ("rubric_sha256", self.rubric_sha256),
            ("lang", self.lang),
            ("vars", json.dumps(self.vars, ensure_ascii=False, sort_keys=True)),
            ("rubric_parts", str(len(chunks))),
        ]
        unit = [("unit_id", self.unit_id), ("roster_sha256", self.roster_sha256)] if self.unit_id else []
        return head + [(f"rubric_{i + 1}", chunk) for i, chunk in enumerate(chunks)] + unit

    @classmethod
    def from_rows(cls, rows: dict[str, str]) -> "Metadata":
        """Rebuild from key → value; raises ValueError (with the missing key) when incomplete."""
        missing = [k for k in KEYS if k not in rows]
        if missing:
            raise ValueError(f"metadata is missing {', '.join(missing)}")
        parts = int(rows["rubric_parts"])
        # Canonical JSON never holds a raw line break (json escapes them), so any is a spreadsheet's doing.
        rubric_json = "".join(rows.get(f"rubric_{i + 1}", "") for i in range(parts)).replace("\r", "").replace("\n", "")
        return cls(
            generator_version=rows["generator_version"],
            rubric_id=rows["rubric_id"],
            rubric_version=rows["rubric_version"],
            rubric_sha256=rows["rubric_sha256"],
            lang=rows["lang"],
            vars=json.loads(rows["vars"]),
            rubric_json=rubric_json,
            format=rows["format"],
            unit_id=rows.get("unit_id", "").strip(),
            roster_sha256=rows.get("roster_sha256", "").strip(),
        )
