"""Generate ``docs/codes.md`` from the code catalogue: ``python -m xlscore.check.docs > docs/codes.md``."""

from __future__ import annotations

import re

from xlscore.check.codes import CATALOGUE, TOPICS

HEADER = """# Finding codes

Generated from `xlscore/check/codes.py` by `python -m xlscore.check.docs`; do not edit by hand
(a test fails when this page is stale). Codes are stable: never renumbered, never reused.
Severity: **error** makes `xlscore check` exit 1; **warning** and **info** do not.
"""


def codes_markdown() -> str:
    lines = [HEADER]
    for prefix, topic in TOPICS.items():
        members = [cls for code, cls in CATALOGUE.items() if re.match(rf"^{prefix}\d", code)]
        if not members:
            continue
        lines.append(f"## {prefix} — {topic['en']} / {topic['zh']}\n")
        lines.append("| code | severity | title | meaning | message (zh) |")
        lines.append("|---|---|---|---|---|")
        for cls in members:
            title = f"{cls.title['en']} / {cls.title['zh']}"
            meaning = f"{cls.description['en']}<br>{cls.description['zh']}"
            lines.append(f"| `{cls.code}` | {cls.severity.value} | {title} | {meaning} | {_escape(cls.template['zh'])} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":  # pragma: no cover
    print(codes_markdown(), end="")
