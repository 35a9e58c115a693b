"""Objects held by other objects: a value stored into a container (a constructor argument, a
list/dict/tuple element, an attribute or item, `append`) is the same object as the container's
part, so a change of the container is a change of what it holds, and a change of a held value a
change of its containers. Mutations are widened along these links, so the alias is versioned
with its container (`pipe.fit(X, y)` also changes `scaler` in `pipe = make_pipeline(scaler, m)`).

>>> import ast
>>> from nb2pipe.analysis.python.walk_state import Context
>>> ctx = Context(root="/", workdir="/", aliases={"make_pipeline": "sklearn.pipeline.make_pipeline"})
>>> for code, bound in [("pipe = make_pipeline(scaler, model)", {"pipe"}), ("models = [pipe, other]",
...                     {"models"}), ("box.item = x", set())]:
...     record(ast.parse(code).body[0], ctx, bound)
>>> sorted(widen({"pipe"}, ctx)), sorted(widen({"scaler"}, ctx)), sorted(widen({"box"}, ctx))
(['model', 'models', 'pipe', 'scaler'], ['models', 'pipe', 'scaler'], ['box', 'x'])
"""

from __future__ import annotations

import ast

from ...knowledge import mutations
from .constructors import constructs
from .definitions import BUILTINS
from .walk_state import Context, root_name


def widen(mutated: set[str], ctx: Context, statement: ast.stmt | None = None) -> set[str]:
    """``mutated`` plus what those names hold (down) and what holds them (up), transitively. A
    loop changing its variable changes the container it runs over (`for m in models: m.fit()`)."""
    if isinstance(statement, (ast.For, ast.AsyncFor)):
        targets = {n.id for n in ast.walk(statement.target) if isinstance(n, ast.Name)}
        iterated = iterated_name(statement.iter)
        if targets & mutated and iterated:
            mutated = mutated | {iterated}
    found = set(mutated)
    for step in (lambda n: ctx.holds.get(n, set()), lambda n: {c for c, h in ctx.holds.items() if n in h}):
        pending = list(mutated)
        while pending:
            for other in step(pending.pop()) - found:
                if not scalar_literal(other, ctx):  # `EnsembleSampler(nwalkers, ...)` holds 32
                    found.add(other)
                    pending.append(other)
    return found


def scalar_literal(name: str, ctx: Context) -> bool:
    """``name`` holds a number, string, bool or None the notebook wrote (`ndim = 5`): no change of
    an object holding it changes it."""
    text = ctx.literals.get(name)
    try:
        statement = ast.parse(text).body[0] if text else None
        if not isinstance(statement, ast.Assign | ast.AnnAssign) or statement.value is None:
            return False
        value = ast.literal_eval(statement.value)
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
        return False
    return value is None or isinstance(value, bool | int | float | complex | str | bytes)


def iterated_name(node: ast.expr) -> str | None:
    """`models`, `models.values()`, `models.items()`, `enumerate(models)`, `zip(models, ...)`'s
    first: the variable whose elements a loop variable is."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("values", "items"):
        node = node.func.value
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("enumerate", "zip", "reversed") and node.args:
        node = node.args[0]
    return node.id if isinstance(node, ast.Name) else None


def record(statement: ast.stmt, ctx: Context, rebound: set[str]) -> None:
    """Update ``ctx.holds`` after ``statement``, which binds or deletes ``rebound``: those names
    hold nothing (and are held by nothing: a container keeps the old object), then the links the
    statement makes."""
    for name in rebound:
        ctx.holds.pop(name, None)
    ctx.built -= rebound
    for held in ctx.holds.values():
        held -= rebound
    for container, held in links(statement, ctx):
        if held - {container}:
            ctx.holds.setdefault(container, set()).update(held - {container})
            if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
                ctx.built.add(container)  # `c = Ctor(a)` (`links`: a constructor's arguments)


def links(statement: ast.stmt, ctx: Context) -> list[tuple[str, set[str]]]:
    """(container, names it now holds) for `c = Ctor(a)`, `c = [a, b]`, `c.x = a`, `c[k] = a`,
    `c.append(a)`."""
    found = []
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target, value = statement.targets[0], statement.value
        if isinstance(target, ast.Name):
            found.append((target.id, stored(value, ctx, top=True)))
        elif isinstance(target, (ast.Attribute, ast.Subscript)) and (root := root_name(target)):
            found.append((root, stored(value, ctx)))
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        call = statement.value
        if (isinstance(call.func, ast.Attribute) and call.func.attr in mutations.STORING_METHODS
                and (root := root_name(call.func.value))):
            held = set().union(*(stored(a, ctx) for a in [*call.args, *(k.value for k in call.keywords)]))
            found.append((root, held))
    return found


def stored(node: ast.expr, ctx: Context, top: bool = False) -> set[str]:
    """Names whose objects ``node`` stores as they are: the name itself, elements of displays,
    arguments of constructors and container factories (at the top of the value). A builtin the
    notebook has not bound (`DictVectorizer(dtype=int)`) is no notebook value: nothing holds it."""
    if isinstance(node, ast.Name):
        return set() if node.id in BUILTINS and node.id not in ctx.bound else {node.id}
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return set().union(set(), *(stored(e, ctx) for e in node.elts))
    if isinstance(node, ast.Starred):
        return stored(node.value, ctx)
    if isinstance(node, ast.Dict):
        return set().union(set(), *(stored(v, ctx) for v in node.values))
    if isinstance(node, ast.Call) and (top or constructs(node, ctx)) and constructs(node, ctx):
        return set().union(set(), *(stored(a, ctx) for a in [*node.args, *(k.value for k in node.keywords)]))
    return set()
