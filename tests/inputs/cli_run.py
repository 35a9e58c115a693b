"""The CLI run in-process, and tiny notebooks to feed it (shared by the tests of bad input and
of the CLI's basics)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from typer.testing import CliRunner

from nb2pipe.cli import app


def run(*args: str | Path):  # type: ignore[no-untyped-def]
    """``nb2pipe <args>``; an exception other than the CLI's exit is raised, not swallowed."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def notebook(path: Path, *cells: str) -> Path:
    """A notebook of code ``cells`` at ``path`` (its folder made)."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path
