"""Which names inside a top-level statement refer to a module-level binding: a read resolves to
the binding visible where it is made (Python's scoping rules), so a parameter, a local variable,
a nested `def`, a comprehension variable or a `nonlocal` shadows a notebook function of the same
name, while decorators, default values and annotations of a `def` belong to the enclosing scope
and a class body's names are not seen by the functions defined in it.

>>> tree = ast.parse("def f(g):\\n    return g(1) + h(2)")
>>> reads = module_reads(tree.body[0]); [(n.id, reads[id(n)]) for n in ast.walk(tree) if id(n) in reads]
[('h', True)]
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence

FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def module_reads(statement: ast.AST) -> dict[int, bool]:
    """Id of each `ast.Name` load in ``statement`` (a top-level one) that reads module scope →
    whether it is read later, when a function made here is called (inside a def or lambda body),
    rather than when the statement runs."""
    found: dict[int, bool] = {}
    visit(statement, (), found)
    return found


#: One enclosing scope: (kind: "function", "class" or "comprehension", names bound there); a
#: class body only hides its names from code directly in it.
Scope = tuple[str, frozenset[str]]


def visit(node: ast.AST, scopes: tuple[Scope, ...], found: dict[int, bool]) -> None:
    if isinstance(node, ast.Name):
        if isinstance(node.ctx, ast.Load) and not shadowed(node.id, scopes):
            found[id(node)] = any(kind == "function" for kind, _ in scopes)
        return
    if isinstance(node, FUNCTIONS):
        for outer in outside_parts(node):
            visit(outer, scopes, found)
        inner = scopes + (("function", function_bound(node)),)
        for statement in node.body if isinstance(node.body, list) else [node.body]:
            visit(statement, inner, found)
        return
    if isinstance(node, ast.ClassDef):
        for outer in [
            *node.decorator_list,
            *node.bases,
            *node.keywords,
            *getattr(node, "type_params", []),
        ]:
            visit(outer, scopes, found)
        inner = scopes + (("class", body_bound(node.body)),)
        for statement in node.body:
            visit(statement, inner, found)
        return
    if isinstance(node, COMPREHENSIONS):
        first, *rest = node.generators
        visit(first.iter, scopes, found)  # evaluated in the enclosing scope
        targets = frozenset(
            n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)
        )
        inner = scopes + (("comprehension", targets),)
        for part in [first.target, *first.ifs, *rest, *comprehension_results(node)]:
            visit(part, inner, found)
        return
    for child in ast.iter_child_nodes(node):
        visit(child, scopes, found)


def shadowed(name: str, scopes: tuple[Scope, ...]) -> bool:
    """Some enclosing scope binds ``name`` (a class body only for code directly in it)."""
    for depth, (kind, names) in enumerate(reversed(scopes)):
        if kind == "class" and depth:
            continue
        if name in names:
            return True
    return False


def outside_parts(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> Iterator[ast.AST]:
    """What a `def` or lambda evaluates in the enclosing scope: defaults, decorators, annotations."""
    args = node.args
    yield from args.defaults
    yield from (d for d in args.kw_defaults if d is not None)
    if isinstance(node, ast.Lambda):
        return
    yield from node.decorator_list
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    yield from (a.annotation for a in every if a is not None and a.annotation is not None)
    if node.returns is not None:
        yield node.returns


def comprehension_results(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.DictComp):
        return [node.key, node.value]
    assert isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)), node  # (the others)
    return [node.elt]


def function_bound(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> frozenset[str]:
    """A function's local names: its parameters and what its body binds, less `global` names."""
    args = node.args
    params = {
        a.arg
        for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg)
        if a is not None
    }
    if isinstance(node, ast.Lambda):
        return frozenset(params)
    return frozenset(params | body_bound(node.body))


def body_bound(body: list[ast.stmt]) -> frozenset[str]:
    """Names a block binds in its own scope (nested scopes left out), less `global` ones;
    `nonlocal` names count: they are an enclosing function's."""
    bound: set[str] = set()
    declared: set[str] = set()
    pending: list[ast.AST] = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Global):
            declared |= set(node.names)
        elif isinstance(node, ast.Nonlocal):
            bound |= set(node.names)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
            pending.extend(
                outside_parts(node) if not isinstance(node, ast.ClassDef) else node.decorator_list
            )
            continue
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name != "*"}
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bound.add(node.rest)
        if isinstance(node, (ast.Lambda, *COMPREHENSIONS)):
            continue  # their own scopes (a walrus inside one binds here: rare, left out)
        pending.extend(ast.iter_child_nodes(node))
    return frozenset(bound - declared)


def keyword_for(name: str, local_names: frozenset[str] | set[str]) -> str:
    """The keyword-only parameter through which a function receives module-level ``name``: the
    name itself, unless the function has a parameter or local of that name (`def
    match(rules)` that calls a helper reading the global `rules`): then `rules_`, `rules__`..."""
    keyword = name
    while keyword in local_names:
        keyword += "_"
    return keyword


def keywords(tree: ast.Module, free: Mapping[str, Sequence[str]]) -> dict[str, dict[str, str]]:
    """Per module-level function or `f = lambda` of ``tree`` (its own statements, and those of its
    top-level `if`/`try`/`with` blocks): global → keyword (``keyword_for``)."""
    found: dict[str, dict[str, str]] = {}
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        function: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | None = None
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name, function = node.name, node
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Lambda)
        ):
            name, function = node.targets[0].id, node.value
        elif isinstance(node, (ast.If, ast.Try, ast.With)):
            pending.extend(s for s in ast.iter_child_nodes(node) if isinstance(s, ast.stmt))
            pending.extend(s for h in getattr(node, "handlers", []) for s in h.body)
        if function is not None and free.get(name):
            bound = function_bound(function)
            found[name] = {n: keyword_for(n, bound) for n in free[name]}
    return found
