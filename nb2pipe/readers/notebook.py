"""Jupyter notebooks (nbformat v4) → Source. Outputs are ignored; markdown is kept for docs."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import nbformat

from ..errors import InputError
from ..model import Cell, Diagnostic, Source


def read_notebook(path: Path, relative: PurePosixPath) -> Source:
    """Read and validate a notebook; refuse invalid JSON, invalid nbformat and non-Python kernels.

    Raises:
        InputError: with one Diagnostic naming the file (and cell where known).
    """
    where = str(relative)
    try:
        text = path.read_text(encoding="utf-8")
        # nbformat invents random ids for cells that have none: refer to those by position
        ids = stored_ids(json.loads(text))
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except (json.JSONDecodeError, nbformat.reader.NotJSONError) as error:
        raise InputError([Diagnostic("error", "invalid-json", f"not valid JSON: {error}", where)]) from None
    except nbformat.ValidationError as error:
        message = f"not a valid nbformat v4 notebook: {error.message}"
        raise InputError([Diagnostic("error", "invalid-notebook", message, where)]) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError([Diagnostic("error", "unreadable", str(error), where)]) from None
    language = kernel_language(notebook)
    if language != "python":
        message = f"kernel language is {language!r}; only Python notebooks can be converted"
        raise InputError([Diagnostic("error", "non-python-kernel", message, where)])
    if len(ids) != len(notebook.cells):
        ids = [None] * len(notebook.cells)
    cells = tuple(to_cell(index, cell, ids[index]) for index, cell in enumerate(notebook.cells))
    return Source(path=relative, abspath=str(path.resolve()), kind="notebook", cells=cells)


def stored_ids(raw: object) -> list[str | None]:
    """The id each cell has in the file itself (None where it has none)."""
    cells = raw.get("cells") if isinstance(raw, dict) else None
    if not isinstance(cells, list):
        return []
    return [cell.get("id") if isinstance(cell, dict) else None for cell in cells]


def kernel_language(notebook: nbformat.NotebookNode) -> str:
    """The notebook's language from language_info or the kernelspec (default python)."""
    metadata = notebook.get("metadata", {})
    language = metadata.get("language_info", {}).get("name") or metadata.get("kernelspec", {}).get(
        "language"
    )
    return str(language or "python").lower()


def to_cell(index: int, cell: nbformat.NotebookNode, stored_id: str | None) -> Cell:
    """One nbformat cell → Cell; the ref is the stored cell id, else the 1-based position."""
    ref = str(stored_id or index + 1)
    tags = tuple(str(tag) for tag in cell.get("metadata", {}).get("tags", ()))
    count = cell.get("execution_count") if cell.cell_type == "code" else None
    return Cell(
        index=index,
        ref=ref,
        kind=cell.cell_type,
        source=cell.source,
        tags=tags,
        execution_count=count,
    )
