"""IPython's output history names (`_`, `__`, `___`, `_N`, `Out`, `_iN`, `In`...) read by a cell.

In a notebook, `_` is the value the last displaying cell showed, `_7` / `Out[7]` the output of
execution 7 and `_i7` / `In[7]` its source. A pipeline keeps no such history: which value `_`
is depends on which cells displayed something non-None when the notebook ran, which static
analysis cannot know. A cell that reads one of these names while the notebook never binds it
itself gets a warning naming the cell and the fix (bind the value to a name where it is made),
instead of a `NameError` at `kedro run` time.
"""

from __future__ import annotations

import ast
import re

from ..model import Diagnostic
from .chunks import CellCode

#: Names IPython's displayhook and input history bind in the user namespace.
HISTORY_NAME = re.compile(r"^(_{1,3}|_\d+|_i{1,3}|_i\d+|_ih|_oh|_dh|In|Out)$")


def history_reads(cells: list[CellCode], where: str) -> list[Diagnostic]:
    """A warning for each cell reading an output history name the notebook does not bind."""
    bound = {
        node.id
        for cell in cells
        for node in ast.walk(cell.tree)
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load)
    } | {
        alias.asname or alias.name.split(".")[0]
        for cell in cells
        for node in ast.walk(cell.tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    } | {
        node.name
        for cell in cells
        for node in ast.walk(cell.tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    } | {node.arg for cell in cells for node in ast.walk(cell.tree) if isinstance(node, ast.arg)}
    notes = []
    for cell in cells:
        read = sorted({
            node.id
            for node in ast.walk(cell.tree)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
            and HISTORY_NAME.match(node.id) and node.id not in bound
        })
        if read:
            names = ", ".join(f"`{n}`" for n in read)
            message = (
                f"reads IPython's output history ({names}: what an earlier cell displayed, "
                "only known when the notebook runs); a pipeline keeps no such history, so "
                "`kedro run` will fail with NameError: bind that value to a name where it is "
                "computed and read the name here"
            )
            notes.append(Diagnostic("warning", "output-history", message, where, cell.cell.ref))
    return notes
