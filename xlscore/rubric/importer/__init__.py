"""Import a rubric from the table an office already keeps in Word (.docx) or Excel (.xlsx).

The pipeline: read every table into a neutral :class:`~.tables.Grid` (``tables_docx``/``tables_xlsx``),
find the header row (``header``), turn rows into sections, groups and items (``rows``), parse each
评分规定 into rule clauses (``clauses``), and assemble a rubric whose uncertain parts carry a
``review`` mark (``build``). Nothing is guessed silently: every assumption is a review item.
"""

from xlscore.rubric.importer.build import ImportResult, import_rubric
from xlscore.rubric.importer.errors import RubricImportError

__all__ = ["ImportResult", "RubricImportError", "import_rubric"]
