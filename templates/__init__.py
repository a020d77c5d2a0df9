"""Rubrics shipped with xlscore (package data: ``xlscore.templates``)."""
