"""Paths built below a folder the code lists: `for name in os.listdir("Speeches"):
open(os.path.join("Speeches", name))` joins each listed name to the folder again. When the
listing reads the catalog's folder (planning/folder_reads.py), so must the join: the folder
argument of `os.path.join(<folder>, ...)`, `Path(<folder>, ...)` and `<folder> + ...`
(`"Speeches/" + name` too) is rewritten with the listing, in the listing's statement (a loop and
its body, a comprehension: `folder_parts`) and in any later statement of the source that opens
such a path (`below_listed`: that statement reads the folder too)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from ...knowledge import io_calls
from ...model import Edit, FileAccess
from ...model.facts import EditKind
from ...model.symbols import File, Symbol
from .call_effects import CallEffects
from .walk_state import Context

#: Calls whose first argument is a folder a path is built below.
JOINING_CALLS = frozenset({"os.path.join", "pathlib.Path", "pathlib.PurePath"})


def folder_parts(statement: ast.stmt, listing: ast.expr, folder: str, ctx: Context
                 ) -> Iterator[tuple[ast.expr, str]]:
    """The expressions of ``statement`` (outside the ``listing`` call's own folder argument)
    naming ``folder`` (normalised as `FileAccess.path`) as the folder of a joined path, with
    the text replacing each (the catalog's folder being "\0")."""
    inside = {id(n) for n in ast.walk(listing)}
    for node in ast.walk(statement):
        if id(node) in inside:
            continue
        first: ast.expr | None = None
        if isinstance(node, ast.Call) and node.args and len(node.args) + len(node.keywords) >= 2 \
                and ctx.qualname(node.func) in JOINING_CALLS:
            first = node.args[0]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and slash_after(node, ctx) \
                and not isinstance(node.left, ast.BinOp):
            first = node.left
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.left, ast.Call) \
                and len(node.left.args) == 1 and ctx.qualname(node.left.func) in JOINING_CALLS:
            first = node.left.args[0]  # Path("F") / name
        if first is None or id(first) in inside or folder_named(first, ctx) != folder:
            continue
        yield first, replacing(first, ctx)


def slash_after(add: ast.BinOp, ctx: Context) -> bool:
    """`"F/" + x`, `F + "/" + x`: the sum names a path below the folder, not `Fx`."""
    left, right = (io_calls.static_string(side, ctx.strings) or "" for side in (add.left, add.right))
    return left.endswith("/") or right.startswith("/")


def folder_named(node: ast.expr, ctx: Context) -> str | None:
    """The folder (as `FileAccess.path`) a static path expression names, else None."""
    spelled = io_calls.static_string(node, ctx.strings)
    return io_calls.normalise(spelled, ctx.workdir, ctx.root) if spelled else None


def below_listed(path: ast.expr, ctx: Context) -> tuple[str, ast.expr, str] | None:
    """A path built below a folder the source listed before (`"Speeches/" + name`,
    `os.path.join(folder, name)`, `Path(folder) / name`): (the folder, the expression naming
    it, the text replacing it, the catalog's folder being "\0")."""
    first: ast.expr | None = None
    if isinstance(path, ast.BinOp) and isinstance(path.op, (ast.Add, ast.Div)):
        inner = path
        while isinstance(inner.left, ast.BinOp) and isinstance(inner.left.op, (ast.Add, ast.Div)):
            inner = inner.left
        if isinstance(inner.op, ast.Add) and not slash_after(inner, ctx):
            return None
        first = inner.left
        if isinstance(first, ast.Call) and ctx.qualname(first.func) in JOINING_CALLS and len(first.args) == 1:
            first = first.args[0]
    elif isinstance(path, ast.Call) and len(path.args) >= 2 and ctx.qualname(path.func) in JOINING_CALLS:
        first = path.args[0]
    folder = folder_named(first, ctx) if first is not None else None
    if first is None or folder not in ctx.listed:
        return None
    return folder, first, replacing(first, ctx)


def replacing(part: ast.expr, ctx: Context) -> str:
    """The text replacing the folder's expression: the catalog's folder, with the slash the
    code spelled after it (`"Speeches/" + name`)."""
    spelled = io_calls.static_string(part, ctx.strings) or ""
    return "(\0 + \"/\")" if spelled.endswith("/") else "\0"


def read_below(path: ast.expr, fx: CallEffects, edit: Callable[[ast.expr, EditKind, Symbol, str], Edit],
               ctx: Context) -> bool:
    """A read of a path built below a folder listed before (`open("Speeches/" + name)`): a read
    of that folder (a listing access, so planning wires it as it wires the listing), whose name
    becomes the catalog's folder. False when the path is not built so."""
    found = below_listed(path, ctx)
    if found is None:
        return False
    folder, part, payload = found
    rewrite = edit(part, "partition", File(folder), payload)
    if not any((e.line, e.col) == (rewrite.line, rewrite.col) for e in fx.edits):
        fx.files.append(FileAccess(folder, folder + "/", "read", "listing"))
        fx.uses.add(File(folder))
        fx.edits.append(rewrite)
    return True
