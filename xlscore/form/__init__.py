"""The form contract both directions speak: layout, names, formulas, engine, recomputation, metadata, wording."""
