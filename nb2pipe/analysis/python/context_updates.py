"""What later chunks need to know about the names a statement bound (`update_context`): static
strings, generator objects, objects holding state, figures, the notebook's functions and
classes, `sys.path` folders and the working directory, kept in the walk's `Context`."""

from __future__ import annotations

import ast
import os

from ...knowledge import calls as tables
from ...knowledge import io_calls
from .bindings import unpacked_pairs
from .chunks import CellCode
from .functions import summarize, summarize_class
from .walk_state import Context


def update_context(
    statement: ast.stmt, kind: str, scope: str, bound: set[str], ctx: Context, cell: CellCode
) -> None:
    """What later chunks need to know about the names this statement bound."""
    for name in bound:
        ctx.strings.pop(name, None)
        ctx.rng_objects.discard(name)
        ctx.node_classes.discard(name)
        ctx.stateful_objects.discard(name)
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target, value = statement.targets[0], statement.value
        if isinstance(target, ast.Name):
            text = io_calls.static_string(value, ctx.strings)
            if text is not None:
                ctx.strings[target.id] = text
            if isinstance(value, ast.Call) and ctx.qualname(value.func) in tables.RNG_CONSTRUCTORS:
                ctx.rng_objects.add(target.id)
            if isinstance(value, ast.Lambda):
                ctx.functions[target.id] = summarize(value, ctx, cell.lines, target.id)
        elif unpacked := unpacked_pairs(target, value):  # `src, dst = "a", "b"`: one by one
            texts = {name: io_calls.static_string(item, ctx.strings) for name, item in unpacked}
            ctx.strings.update({name: text for name, text in texts.items() if text is not None})
    if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
        ctx.stateful_objects |= stateful_results(statement, ctx)
    if kind == "plot":
        ctx.viz_vars |= bound
    elif isinstance(statement, ast.Assign) and is_plot_value(statement.value, ctx):
        ctx.viz_vars |= bound
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        if kind != "def" and statement.name in ctx.functions.keys() - ctx.local_definitions:
            ctx.replaced[statement.name] = ctx.functions[statement.name]
        elif kind == "def":
            ctx.replaced.pop(statement.name, None)
        if isinstance(statement, ast.ClassDef):  # kept in its node too: making one runs methods
            ctx.functions[statement.name] = summarize_class(statement, ctx, cell.lines)
            if kind != "def":
                ctx.node_classes.add(statement.name)
        else:
            ctx.functions[statement.name] = summarize(statement, ctx, cell.lines)
    if scope == "syspath":
        call = called(statement)
        folder = io_calls.static_string(call.args[-1], ctx.strings) if call.args else None
        if folder is not None:
            ctx.module_paths.append(os.path.normpath(os.path.join(ctx.workdir, folder)))
    if scope == "chdir":
        call = called(statement)
        target_dir = io_calls.static_string(call.args[0], ctx.strings) if call.args else None
        if target_dir is not None:
            ctx.workdir = os.path.normpath(os.path.join(ctx.workdir, target_dir))


def called(statement: ast.stmt) -> ast.Call:
    """The call a "syspath" or "chdir" setting makes (`sys.path.append(p)`, `os.chdir(p)`)."""
    assert isinstance(statement, (ast.Expr, ast.Assign, ast.AugAssign)), statement
    assert isinstance(statement.value, ast.Call), statement  # (setting_scope: a call of the table)
    return statement.value


def stateful_results(statement: ast.Assign, ctx: Context) -> set[str]:
    """Names bound to the result of a notebook function whose body has `nonlocal`: it can hand
    out closures with state. (Not what other calls make of such a value: from a simulation's
    result arrays to a system built on it, analysis cannot tell which still hold the closures.)"""
    call = statement.value
    assert isinstance(call, ast.Call)
    made = ctx.callee(call.func)
    if made is None or not made.keeps_state:
        return set()
    return {n.id for target in statement.targets for n in ast.walk(target)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def is_plot_value(value: ast.expr, ctx: Context) -> bool:
    if not isinstance(value, ast.Call):
        return False
    qual = ctx.qualname(value.func)
    return bool(qual and qual.startswith(tables.PLOT_PREFIXES) and not io_calls.reads_file(qual))
