"""Findings to views: text and JSON, the 差异表 table model, the checked copy."""
