"""Many workbooks: collecting files, checking them across processes, the cross-unit summary."""
