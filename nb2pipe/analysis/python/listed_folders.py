"""Paths built from a folder the statement lists: `for name in os.listdir("Speeches"):
open(os.path.join("Speeches", name))` joins each listed name to the folder again. When the
listing reads the catalog's folder (planning/folder_reads.py), so must the join: the folder
argument of `os.path.join(<folder>, ...)`, `Path(<folder>, ...)` and `<folder> + ...` in the
same statement (a loop and its body, a comprehension) is rewritten with the listing."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ...knowledge import io_calls
from .walk_state import Context

#: Calls whose first argument is a folder a path is built below.
JOINING_CALLS = frozenset({"os.path.join", "pathlib.Path", "pathlib.PurePath"})


def folder_parts(statement: ast.stmt, listing: ast.expr, folder: str, ctx: Context) -> Iterator[ast.expr]:
    """The expressions of ``statement`` (outside the ``listing`` call's own folder argument)
    naming ``folder`` (normalised as `FileAccess.path`) as the folder of a joined path."""
    inside = {id(n) for n in ast.walk(listing)}
    for node in ast.walk(statement):
        if id(node) in inside:
            continue
        first: ast.expr | None = None
        if isinstance(node, ast.Call) and node.args and len(node.args) + len(node.keywords) >= 2 \
                and ctx.qualname(node.func) in JOINING_CALLS:
            first = node.args[0]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            first = node.left
        if first is None or id(first) in inside:
            continue
        spelled = io_calls.static_string(first, ctx.strings)
        if spelled and io_calls.normalise(spelled, ctx.workdir, ctx.root) == folder:
            yield first
