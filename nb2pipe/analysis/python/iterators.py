"""One-shot iterators: a statement that iterates one uses it up, so it changes it.

`z = zip(a, b)` then `first = list(z)` in one cell and `second = list(z)` in a later one: the
notebook's second list is empty. A zip of lists pickles with its position, so a node that read
`z` from the node that made it got a fresh iterator and a full list. Iterating is a change of
the iterator (like `next(z)`, `knowledge/mutations.py::INPLACE_FUNCTIONS`): the node that iterates
it hands the used-up iterator on as a new version, and later nodes read that one. Iterators
pickle cannot store (generators, iterators over one: `zip(gen, b)`) stay unpersistable when
used up, so their readers stay with their producer's node, as generators always did.

The iterators are the names bound to a call of `knowledge/calls.py::ITERATOR_MAKERS`, to a
generator expression or to a call of a notebook function that yields. A statement iterates one
where it is iterated (`for`, a comprehension, `*z`, `x in z`, unpacking `a, b = z`), passed to a
call (but `print`, `repr`, `type`...: `NOT_ITERATING`) or called a method of (`g.send(1)`).
Reads inside function and lambda bodies are the function's, when called (not followed).
"""

from __future__ import annotations

import ast

from ...knowledge import calls as tables
from .walk_state import Context

SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def note_iterators(statement: ast.stmt, bound: set[str], ctx: Context) -> None:
    """After ``statement``, which binds ``bound``: the names now bound to an iterator, and to
    one pickle cannot store."""
    ctx.iterators -= bound
    ctx.unpicklable_iterators -= bound
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
        if isinstance(target, ast.Name) and makes_iterator(statement.value, ctx):
            ctx.iterators.add(target.id)
            if unpicklable(statement.value, ctx):
                ctx.unpicklable_iterators.add(target.id)


def unpicklable(value: ast.expr, ctx: Context) -> bool:
    """``value`` is a generator, or an iterator over one (`zip(gen, b)`): pickle refuses it."""
    if isinstance(value, ast.GeneratorExp):
        return True
    if isinstance(value, ast.Name):
        return value.id in ctx.unpicklable_iterators
    if not isinstance(value, ast.Call):
        return False
    summary = ctx.functions.get(value.func.id) if isinstance(value.func, ast.Name) else None
    if summary is not None and summary.generator:
        return True
    return ctx.qualname(value.func) in tables.ITERATOR_MAKERS and any(
        unpicklable(a.value if isinstance(a, ast.Starred) else a, ctx) for a in value.args)


def makes_iterator(value: ast.expr, ctx: Context) -> bool:
    """``value`` gives a one-shot iterator."""
    if isinstance(value, ast.GeneratorExp):
        return True
    if not isinstance(value, ast.Call):
        return False
    if ctx.qualname(value.func) in tables.ITERATOR_MAKERS:
        return True
    summary = ctx.functions.get(value.func.id) if isinstance(value.func, ast.Name) else None
    return summary is not None and summary.generator


def iterated(statement: ast.stmt, ctx: Context) -> set[str]:
    """The iterators ``statement`` iterates (see the module docstring)."""
    if not ctx.iterators or isinstance(statement, SCOPES):
        return set()
    found: set[str] = set()
    for node in walk_outside_scopes(statement):
        found |= {n for n in iterated_by(node, ctx) if n in ctx.iterators}
    return found


def iterated_by(node: ast.AST, ctx: Context) -> set[str]:
    """Names ``node`` iterates itself (as a loop, an argument, a receiver...)."""
    if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
        return names(node.iter)
    if isinstance(node, ast.Starred):
        return names(node.value)
    if isinstance(node, ast.Compare):
        return {n for op, right in zip(node.ops, node.comparators, strict=True)
                if isinstance(op, (ast.In, ast.NotIn)) for n in names(right)}
    if isinstance(node, ast.Assign) and any(isinstance(t, (ast.Tuple, ast.List))
                                            for t in node.targets):
        return names(node.value)
    if isinstance(node, ast.Call):
        method = {node.func.value.id} if isinstance(node.func, ast.Attribute) and isinstance(
            node.func.value, ast.Name) else set()
        if ctx.qualname(node.func) in tables.NOT_ITERATING:
            return method
        passed = [*node.args, *(k.value for k in node.keywords)]
        return method | {n for argument in passed for n in names(argument)}
    return set()


def names(node: ast.expr) -> set[str]:
    """The name ``node`` is, if it is one."""
    return {node.id} if isinstance(node, ast.Name) else set()


def walk_outside_scopes(statement: ast.stmt) -> list[ast.AST]:
    """The nodes of ``statement``, not those inside a function, class or lambda it defines."""
    found: list[ast.AST] = []
    pending: list[ast.AST] = [statement]
    while pending:
        node = pending.pop()
        found.append(node)
        pending.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, SCOPES))
    return found
