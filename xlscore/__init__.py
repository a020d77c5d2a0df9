"""xlscore: scoring workbooks generated from an assessment rubric, and checked when they come back."""

__version__ = "0.1.0"
