"""Jupyter notebooks (nbformat v4) → Source. Outputs are ignored; markdown is kept for docs.

Speed: importing nbformat costs about 1.5 s of CPU when ``rfc3987-syntax`` is installed (as it is
with JupyterLab): nbformat imports jsonschema, which then compiles lark grammars. nbformat itself
decides validity with fastjsonschema and uses jsonschema only to word its error messages, so a
v4.0-v4.5 notebook that fastjsonschema accepts against nbformat's own schema file is read here
without importing nbformat; anything else (older or newer formats, invalid notebooks, duplicate
cell ids, ``NBFORMAT_VALIDATOR`` set to another validator) goes through nbformat as before, with
the same results and messages. See docs/performance.md.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import InputError
from ..model import Cell, Diagnostic, Source
from .files import absolute
from .run_magic import inline_runs


def read_notebook(path: Path, relative: PurePosixPath) -> Source:
    """Read and validate a notebook; refuse invalid JSON, invalid nbformat and non-Python kernels.
    The code of the notebooks and scripts its `%run` lines run is inlined (readers/run_magic.py).

    Raises:
        InputError: with one Diagnostic naming the file (and cell where known).
    """
    return read_run_notebook(path, relative, ())


def read_run_notebook(path: Path, relative: PurePosixPath, stack: tuple[str, ...]) -> Source:
    """`read_notebook` for a notebook that ``stack`` (absolute paths) runs with `%run`."""
    where = str(relative)
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError([Diagnostic("error", "invalid-json", f"not valid JSON: {error}", where)]) from None
    except RecursionError:
        message = "not a notebook: its JSON is nested too deeply to read"
        raise InputError([Diagnostic("error", "invalid-json", message, where)]) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError([Diagnostic("error", "unreadable", str(error), where)]) from None
    if not isinstance(raw, dict):
        kind = type(raw).__name__ if raw is not None else "null"
        message = f"not a notebook: its JSON is {kind}, not an object"
        raise InputError([Diagnostic("error", "invalid-notebook", message, where)])
    # nbformat invents random ids for cells that have none: refer to those by position
    ids = stored_ids(raw)
    notes: tuple[Diagnostic, ...] = ()
    if valid_v4(raw):
        notebook: Mapping[str, Any] = raw
    else:
        notebook, notes = read_with_nbformat(text, where)
    language = kernel_language(notebook)
    if language != "python":
        message = f"kernel language is {language!r}; only Python notebooks can be converted"
        raise InputError([Diagnostic("error", "non-python-kernel", message, where)])
    if len(ids) != len(notebook["cells"]):
        ids = [None] * len(notebook["cells"])
    cells = tuple(to_cell(index, cell, ids[index]) for index, cell in enumerate(notebook["cells"]))
    source = Source(
        path=relative, abspath=str(absolute(path)), kind="notebook", cells=cells, notes=notes
    )
    return inline_runs(source, path, read_run_notebook, stack)


def read_with_nbformat(text: str, where: str) -> tuple[Any, tuple[Diagnostic, ...]]:
    """nbformat's reading, conversion and validation (with jsonschema's error messages); the
    warnings it raises (duplicate or missing cell ids...) become warnings naming the file."""
    import nbformat  # noqa: PLC0415 (slow import, see the module docstring)

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            notebook = nbformat.reads(text, as_version=4)
            nbformat.validate(notebook)
    except (json.JSONDecodeError, nbformat.reader.NotJSONError) as error:
        raise InputError([Diagnostic("error", "invalid-json", f"not valid JSON: {error}", where)]) from None
    except nbformat.ValidationError as error:
        message = f"not a valid nbformat v4 notebook: {error.message}"
        raise InputError([Diagnostic("error", "invalid-notebook", message, where)]) from None
    except (OSError, UnicodeDecodeError, ValueError, AttributeError, TypeError, KeyError) as error:
        # nbformat meets shapes its schema does not cover (a cell that is not an object...)
        raise InputError([Diagnostic("error", "invalid-notebook", f"not a valid notebook: {error}",
                                     where)]) from None
    notes = tuple(dict.fromkeys(
        Diagnostic("warning", "nbformat", " ".join(str(w.message).split()), where) for w in caught))
    return notebook, notes


def valid_v4(raw: object) -> bool:
    """True when nbformat would read ``raw`` unchanged (but for joining list sources) and find it
    valid: nbformat 4.0-4.5, accepted by fastjsonschema against nbformat's schema, no duplicate
    cell ids. False means "ask nbformat", never "invalid"."""
    if os.environ.get("NBFORMAT_VALIDATOR", "fastjsonschema") != "fastjsonschema":
        return False
    if not isinstance(raw, dict) or type(raw.get("nbformat")) is not int or raw["nbformat"] != 4:
        return False
    minor = raw.get("nbformat_minor")
    if type(minor) is not int or not 0 <= minor <= 5:
        return False
    validator = schema_validator(minor)
    if validator is None:
        return False
    try:
        validator(raw)
    except Exception:  # noqa: BLE001 (any failure: nbformat decides and words the error)
        return False
    ids = [cell["id"] for cell in raw["cells"] if "id" in cell]
    return len(ids) == len(set(ids))


@functools.cache
def schema_validator(minor: int) -> Callable[[object], object] | None:
    """fastjsonschema compiled from nbformat's schema file for v4.<minor> (None if unavailable)."""
    try:
        import fastjsonschema  # noqa: PLC0415

        spec = importlib.util.find_spec("nbformat")
        locations = spec.submodule_search_locations if spec else None
        if not locations:
            return None
        schema = Path(locations[0]) / "v4" / f"nbformat.v4.{minor}.schema.json"
        return fastjsonschema.compile(json.loads(schema.read_text(encoding="utf-8")))
    except Exception:  # noqa: BLE001 (no fast path; nbformat is used instead)
        return None


def stored_ids(raw: object) -> list[str | None]:
    """The id each cell has in the file itself (None where it has none)."""
    cells = raw.get("cells") if isinstance(raw, dict) else None
    if not isinstance(cells, list):
        return []
    return [cell.get("id") if isinstance(cell, dict) else None for cell in cells]


def kernel_language(notebook: Mapping[str, Any]) -> str:
    """The notebook's language from language_info or the kernelspec (default python)."""
    metadata = notebook.get("metadata", {})
    language = metadata.get("language_info", {}).get("name") or metadata.get("kernelspec", {}).get(
        "language"
    )
    return str(language or "python").lower()


def to_cell(index: int, cell: Mapping[str, Any], stored_id: str | None) -> Cell:
    """One nbformat cell (a NotebookNode or the file's own dict) → Cell; the ref is the stored
    cell id, else the 1-based position. List sources are joined as nbformat joins them."""
    ref = str(stored_id or index + 1)
    tags = tuple(str(tag) for tag in cell.get("metadata", {}).get("tags", ()))
    count = cell.get("execution_count") if cell["cell_type"] == "code" else None
    source = cell["source"]
    return Cell(
        index=index,
        ref=ref,
        kind=cell["cell_type"],
        source="".join(source) if isinstance(source, list) else source,
        tags=tags,
        execution_count=count,
    )
