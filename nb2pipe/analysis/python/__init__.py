"""Analysis of Python code (notebook cells, scripts): what each top-level statement does."""
