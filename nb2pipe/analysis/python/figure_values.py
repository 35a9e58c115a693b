"""Values the notebook shows as figures without drawing anything before: a plotnine plot (or a
composition of plots) ending a cell, or given to `display(...)`. Jupyter draws them when it shows
them (``tables.FIGURE_VALUES``), so no plotting call is seen; the statement showing one is
drawing work, and the node running it draws the value into the figure the notebook showed.

Example: ``p = ggplot(df, aes("x", "y"))`` then a cell ending with ``p + geom_point()`` shows one
figure: that statement's facts get ``drawn=("draw",)``.
"""

from __future__ import annotations

import ast

from ...knowledge import calls as tables
from .chunks import CellCode
from .walk_state import Context

#: Operators that combine plots (`+` adds layers; `|`, `/`, `-`, `&` compose plots).
COMBINING = (ast.Add, ast.BitOr, ast.Div, ast.Sub, ast.BitAnd, ast.Mult)


def drawing_method(node: ast.expr, ctx: Context, figures: dict[str, str]) -> str:
    """The method drawing ``node``'s value when it is a figure value (see module doc), else ""."""
    if isinstance(node, ast.Name):
        return figures.get(node.id, "")
    if isinstance(node, ast.BinOp) and isinstance(node.op, COMBINING):
        return drawing_method(node.left, ctx, figures) or drawing_method(node.right, ctx, figures)
    if isinstance(node, ast.Call):
        qual = ctx.qualname(node.func)
        if qual is None and isinstance(node.func, ast.Name) and node.func.id not in ctx.bound:
            # a name only a star import may bind (`from plotnine import *`, then `ggplot(...)`)
            return next(
                filter(None, (maker_method(f"{m}.{node.func.id}") for m in ctx.star_modules)), ""
            )
        return maker_method(qual)
    return ""


def maker_method(qual: str | None) -> str:
    if not qual:
        return ""
    for key, method in tables.FIGURE_VALUES.items():
        if qual.startswith(key) if key.endswith(".") else qual == key or qual.startswith(key + "."):
            return method
    return ""


def shown(statement: ast.stmt, cell: CellCode) -> list[ast.expr]:
    """Expressions the statement shows: the arguments of `display(...)`, or the value ending the
    cell (IPython shows it unless its line ends with `;`)."""
    if not isinstance(statement, ast.Expr):
        return []
    value = statement.value
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == "display"
    ):
        return list(value.args)
    last = cell.tree.body[-1] is statement
    line = cell.lines[(statement.end_lineno or statement.lineno) - 1]
    quiet = line.split("#")[0].rstrip().endswith(";")
    return [value] if last and not quiet else []


def drawn(statement: ast.stmt, cell: CellCode, ctx: Context) -> tuple[str, ...]:
    """For each expression the statement shows, the method drawing it ("" for one that is no
    figure value); () when none of them is a figure value."""
    methods = tuple(drawing_method(e, ctx, ctx.figure_values) for e in shown(statement, cell))
    return methods if any(methods) else ()


def note_bindings(statement: ast.stmt, bound: set[str], ctx: Context) -> None:
    """Names bound to a figure value (`p = ggplot(df) + geom_point()`) are figure values; any
    other binding of a name ends that."""
    figures = ctx.figure_values
    method, targets = "", []
    if isinstance(statement, ast.Assign) and all(
        isinstance(t, ast.Name) for t in statement.targets
    ):
        method = drawing_method(statement.value, ctx, figures)
        targets = [t.id for t in statement.targets if isinstance(t, ast.Name)]  # (all are)
    elif isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
        if isinstance(statement.op, COMBINING):  # `p += geom_point()`
            method = drawing_method(statement.target, ctx, figures)
        targets = [statement.target.id]
    for name in bound:
        figures.pop(name, None)
    if method:
        figures.update(dict.fromkeys(targets, method))
