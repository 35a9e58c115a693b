"""A statement that computes and draws but whose computing nobody reads: drawing work.

`plot_gradient_descent(theta, eta=0.02)` (a notebook function that fits and draws, its result
left unused) and `cph.check_assumptions(rossi, show_plots=True)` (a library call asked to draw)
do data work, but when the statement's value is dropped and what it may change is read by no
later statement of the source, the pipeline loses nothing by running it in a reporting node
only: its figures and printed text are all anyone sees of it.

Conservative: the statement is a bare call (its value unused), binds nothing, opens no file and
draws from no random generator (a later draw would read the state it leaves). What it may change
is what analysis says it changes (``CallEffects.mutates``: a notebook function's changed
globals and parameters, known mutating methods), and for a library call asked to draw also its
receiver and every name its arguments read, unless ``knowledge.calls.READ_ONLY_DRAWING_METHODS``
says the method leaves them alone. None of those names may be read after the statement, in its
cell or a later one (any load of the name, also inside later functions, counts); and a method
the table says draws from a global generator moves only when no later call may draw from it."""

from __future__ import annotations

import ast

from ...knowledge import calls as tables
from ...model.symbols import Rng
from .bindings import Bindings
from .call_effects import CallEffects
from .calls import draws_when_asked
from .walk_state import Context


def unread_drawing(statement: ast.stmt, fx: CallEffects, binds: Bindings, tree: ast.Module,
                   ctx: Context) -> bool:
    """The statement draws, its value is unused and nothing it may change is read after it (in
    the rest of its cell, ``tree``, or in the later cells, ``ctx.later_trees``)."""
    if not isinstance(statement, ast.Expr) or not isinstance(statement.value, ast.Call):
        return False
    if not fx.plot_calls or fx.files or fx.defines or binds.defines or binds.maybe:
        return False
    if any(isinstance(s, Rng) for s in fx.uses | fx.defines | fx.mutates):
        return False
    calls = [n for n in ast.walk(statement) if isinstance(n, ast.Call)]
    if any(s.files or s.dynamic_files or s.draws or s.keeps_state
           for s in (ctx.callee(c.func) for c in calls) if s is not None):
        return False
    later = after(statement, tree, ctx)
    changed = {s for s in fx.mutates if isinstance(s, str)} - ctx.viz_vars
    for call in (c for c in calls if draws_when_asked(c)):
        method = call.func.attr if isinstance(call.func, ast.Attribute) else ""
        if method not in tables.READ_ONLY_DRAWING_METHODS:
            changed |= {n.id for n in ast.walk(call) if isinstance(n, ast.Name)} - set(ctx.aliases)
        elif draws_later(tables.READ_ONLY_DRAWING_METHODS[method], later, ctx):
            return False  # its draws from the generator would be missing before the later ones
    return not changed & loaded_names(later)


def after(statement: ast.stmt, tree: ast.Module, ctx: Context) -> list[ast.stmt]:
    """The top-level statements after ``statement``: the rest of its cell, then later cells."""
    end = statement.end_lineno or statement.lineno
    return [s for s in tree.body if s.lineno > end] + [s for t in ctx.later_trees for s in t.body]


def loaded_names(statements: list[ast.stmt]) -> frozenset[str]:
    """Every global name the statements load, also inside the functions, classes and
    comprehensions they define (not a name local to one: its parameters and what it binds)."""
    found: set[str] = set()
    for statement in statements:
        found |= scope_loads(statement)
    return frozenset(found)


SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
          ast.GeneratorExp)


def scope_loads(node: ast.AST) -> set[str]:
    """The names ``node`` loads that its own scope does not bind (for a function, lambda or
    comprehension: minus its parameters, targets and the names it stores, unless declared
    `global`/`nonlocal`)."""
    loads: set[str] = set()
    stores: set[str] = set()
    declared: set[str] = set()
    todo = list(ast.iter_child_nodes(node))
    while todo:
        child = todo.pop()
        if isinstance(child, SCOPES):
            loads |= scope_loads(child)
            if not isinstance(child, (ast.Lambda, *SCOPES[3:])):
                stores.add(child.name)  # type: ignore[union-attr]
            continue
        if isinstance(child, ast.Name):
            (loads if isinstance(child.ctx, ast.Load) else stores).add(child.id)
        elif isinstance(child, ast.arg):
            stores.add(child.arg)
        elif isinstance(child, (ast.Global, ast.Nonlocal)):
            declared.update(child.names)
        todo.extend(ast.iter_child_nodes(child))
    if isinstance(node, SCOPES):
        return loads - (stores - declared)
    return loads


def draws_later(generator: str, statements: list[ast.stmt], ctx: Context) -> bool:
    """Some call in ``statements`` may draw from the global ``generator`` ("numpy", "random"):
    a function of its module other than seeding and constructors, or a call of a library that
    draws from it implicitly (scikit-learn's estimators, for numpy's)."""
    if not generator:
        return False
    rng = tables.GLOBAL_RNGS[Rng(generator)]
    prefix = rng["module"] + "."
    implicit = tables.IMPLICIT_NUMPY_DRAW_PREFIXES if generator == "numpy" else ()
    for node in (n for s in statements for n in ast.walk(s) if isinstance(n, ast.Call)):
        qual = ctx.qualname(node.func) or ""
        if qual.startswith(implicit) or qual.startswith(prefix) and qual[len(prefix):] not in rng.get("not_draws", ()):
            return True
    return False
