"""Test support: LibreOffice as the project's real spreadsheet engine.

:mod:`support.libreoffice` recalculates workbooks, renders them to PDF and makes the row and
cell edits an auditor makes in a spreadsheet program, so tests can check what an engine really computes
instead of the cached values a writer stored. Excel is not available on the test machines.
"""
