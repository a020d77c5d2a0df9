"""The 校验 button inside Excel: check the open workbook through xlwings (optional extra ``xlscore[excel]``).

``check_caller()`` and ``clear_caller()`` are what the VBA module ``macros/xlscore.bas`` runs through
xlwings' ``RunPython``. Importing this package needs neither xlwings nor Excel; without them the
functions return a message saying what is missing.
"""

from xlscore.excel.adapter import check_caller, clear_caller

__all__ = ["check_caller", "clear_caller"]
