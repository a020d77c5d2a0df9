"""Import every table of the rubric import corpus and score it against its hand-written expectation.

    python scripts/import_corpus_report.py [--verbose | --markdown] [NAME ...]

One line per table (right / flagged for review / silently wrong / missing / expected clauses), then
the pooled figures. ``--verbose`` lists every clause that is not right. The tables are rebuilt
from their specs first (``tests/rubric_corpus/build.py``), so the report always reads what the
specs say. Exit status 0 when the pooled result meets the acceptance (at least 95 % right and none
silently wrong), 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.rubric_corpus.build import build, load_spec, table_folders  # noqa: E402
from tests.rubric_corpus.score import Score, score_table  # noqa: E402

RIGHT_SHARE = 0.95


def _line(name: str, kind: str, s: Score) -> str:
    share = f"{100 * s.right / s.total:5.1f} %" if s.total else "    - "
    return (f"{name:<36} {kind:<5} {s.right:>5} {s.flagged:>6} {s.silent:>6} {s.missing:>7} {s.total:>6}  {share}")


def _field(folder: Path) -> str:
    for line in (folder / "SOURCE.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("- Field: "):
            return line[len("- Field: "):]
    return ""


def _markdown_row(name: str, field: str, kind: str, s: Score) -> str:
    share = f"{100 * s.right / s.total:.1f} %" if s.total else "-"
    return f"| {name} | {field} | {kind} | {s.right} | {s.flagged} | {s.silent} | {s.missing} | {s.total} | {share} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="corpus folders (default: all)")
    parser.add_argument("--verbose", action="store_true", help="list every clause that is not right")
    parser.add_argument("--markdown", action="store_true", help="print the figures as a Markdown table")
    args = parser.parse_args(argv)
    pooled = Score()
    if args.markdown:
        print("| table | field | file | right | flagged | silently wrong | missing | clauses | right |")
        print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    else:
        print(f"{'table':<36} {'file':<5} {'right':>5} {'review':>6} {'silent':>6} {'missing':>7} {'total':>6}  right")
    folders = table_folders(args.names or None)
    for folder in folders:
        build(folder)
        score = score_table(folder)
        score.notes = [n.replace(f"{ROOT}/", "") for n in score.notes]
        pooled.add(score)
        kind = load_spec(folder)["format"]
        if args.markdown:
            print(_markdown_row(folder.name, _field(folder), kind, score))
            continue
        print(_line(folder.name, kind, score))
        if args.verbose:
            for note in score.notes:
                print(f"    {note}")
    if args.markdown:
        print(_markdown_row(f"**pooled ({len(folders)} tables)**", "", "", pooled))
    else:
        print(_line(f"pooled ({len(folders)} tables)", "", pooled))
    print(f"expected reviews flagged (counted as right): {pooled.expected_reviews};"
          f" extra rules/items silently added: {pooled.extra}")
    ok = pooled.total > 0 and pooled.right >= RIGHT_SHARE * pooled.total and pooled.silent == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
