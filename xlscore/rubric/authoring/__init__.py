"""The authoring workbook: a rubric as an Excel sheet an office can correct (one row per clause).

``write`` turns rubric data into the workbook (XlsxWriter), ``read`` turns the workbook back into
rubric data with every cell's address, so ``generate``/``check --rubric`` accept it like YAML.
"""
