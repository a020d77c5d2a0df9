"""The rubric: model, loader, self-checks and canonical form."""

from xlscore.rubric.canonical import canonical_json, rubric_from_json, rubric_sha256, substitute
from xlscore.rubric.loader import LoadedRubric, default_rubric_path, load_rubric, load_rubric_checked, parse_rubric
from xlscore.rubric.model import Correction, Exemption, Group, Item, Rubric, Section

__all__ = [
    "Correction",
    "Exemption",
    "Group",
    "Item",
    "LoadedRubric",
    "Rubric",
    "Section",
    "canonical_json",
    "default_rubric_path",
    "load_rubric",
    "load_rubric_checked",
    "parse_rubric",
    "rubric_from_json",
    "rubric_sha256",
    "substitute",
]
