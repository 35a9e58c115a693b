"""Which module-level names one top-level statement binds, reads, deletes — in execution order.

A read counts as a *use* unless the same statement bound the name on every path before it:

>>> b = bindings(ast.parse("x = x + 1").body[0]); sorted(b.uses), sorted(b.defines)
(['x'], ['x'])
>>> b = bindings(ast.parse("for i in r:\\n    t = t + i").body[0]); sorted(b.uses), sorted(b.maybe)
(['r', 't'], ['i', 't'])

Nested scopes (lambdas, comprehensions, nested functions) read their free names from module
scope. For a top-level ``def`` these reads are recorded too; planning moves the function to a
module and turns them into keyword-only arguments passed at each call (see ``functions.py``).
"""

from __future__ import annotations

import ast
import symtable
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial


@dataclass
class Bindings:
    """Mutable accumulator used while walking one statement (never leaves this module)."""

    defines: set[str] = field(default_factory=set)
    maybe: set[str] = field(default_factory=set)
    uses: set[str] = field(default_factory=set)
    deletes: set[str] = field(default_factory=set)
    #: Names bound on every path so far (reads of these are not uses).
    bound: set[str] = field(default_factory=set)


def bindings(statement: ast.stmt) -> Bindings:
    walker = OrderedWalker()
    walker.visit(statement)
    result = walker.state
    result.maybe -= result.defines
    return result


class OrderedWalker(ast.NodeVisitor):
    """Visits in execution order; tracks definite and conditional bindings at module scope."""

    def __init__(self) -> None:
        self.state = Bindings()

    # -- reads and writes of plain names
    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self.read(node.id)
        elif isinstance(node.ctx, ast.Store):
            self.bind(node.id)
        else:
            self.state.deletes.add(node.id)
            self.state.bound.discard(node.id)
            self.state.defines.discard(node.id)

    def read(self, name: str) -> None:
        if name not in self.state.bound:
            self.state.uses.add(name)

    def bind(self, name: str) -> None:
        self.state.defines.add(name)
        self.state.bound.add(name)
        self.state.deletes.discard(name)

    # -- statements whose fields are not in execution order
    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        if isinstance(node.target, ast.Name):
            self.read(node.target.id)
            self.bind(node.target.id)
        else:
            self.visit(node.target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
            self.visit(node.target)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.visit(node.target)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.bind(alias.asname or alias.name.split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name != "*":
                self.bind(alias.asname or alias.name)

    # -- control flow: bindings inside may not happen
    def visit_If(self, node: ast.If) -> None:
        self.visit(node.test)
        self.branches([node.body, node.orelse])

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.visit(node.iter)
        self.conditional(lambda: self.visit(node.target), lambda: self.visit_all(node.body))
        self.conditional(lambda: self.visit_all(node.orelse))

    visit_AsyncFor = visit_For

    def visit_While(self, node: ast.While) -> None:
        self.visit(node.test)
        self.conditional(lambda: self.visit_all(node.body))
        self.conditional(lambda: self.visit_all(node.orelse))

    def visit_Try(self, node: ast.Try | ast.TryStar) -> None:
        self.conditional(lambda: self.visit_all(node.body), lambda: self.visit_all(node.orelse))
        for handler in node.handlers:
            self.conditional(partial(self.visit_handler, handler))
        self.visit_all(node.finalbody)

    visit_TryStar = visit_Try

    def visit_handler(self, handler: ast.ExceptHandler) -> None:
        if handler.type is not None:
            self.visit(handler.type)
        if handler.name:
            self.bind(handler.name)
        self.visit_all(handler.body)
        if handler.name:  # Python deletes the exception's name when the handler ends
            self.state.bound.discard(handler.name)
            self.state.defines.discard(handler.name)
            self.state.deletes.add(handler.name)

    def visit_Match(self, node: ast.Match) -> None:
        self.visit(node.subject)
        for case in node.cases:
            self.conditional(partial(self.visit, case.pattern), partial(self.visit_all, case.body))

    def visit_MatchAs(self, node: ast.MatchAs) -> None:
        self.generic_visit(node)
        if node.name:
            self.bind(node.name)

    def visit_MatchStar(self, node: ast.MatchStar) -> None:
        if node.name:
            self.bind(node.name)

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        self.generic_visit(node)
        if node.rest:
            self.bind(node.rest)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self.visit(node.test)
        self.branches([[node.body], [node.orelse]])

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        self.visit(node.values[0])
        self.conditional(lambda: self.visit_all(node.values[1:]))

    # -- nested scopes: their free names are module-level reads
    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.visit_all(node.decorator_list)
        self.visit_arguments(node.args)
        if node.returns is not None:
            self.visit(node.returns)
        for name in free_names(node):
            self.read(name)
        self.bind(node.name)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.visit_all(node.decorator_list)
        self.visit_all(node.bases)
        self.visit_all(node.keywords)
        for name in free_names(node) - own_name_in_methods(node):
            self.read(name)
        self.bind(node.name)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.visit_arguments(node.args)
        for name in free_names(node):
            self.read(name)

    def visit_arguments(self, args: ast.arguments) -> None:
        """Defaults and annotations: evaluated where the def runs (`def f(t: Term = x)`)."""
        self.visit_all([d for d in (*args.defaults, *args.kw_defaults) if d is not None])
        every = (*args.posonlyargs, *args.args, args.vararg, *args.kwonlyargs, args.kwarg)
        self.visit_all([a.annotation for a in every if a is not None and a.annotation is not None])

    def visit_comprehension_node(
            self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> None:
        generators: list[ast.comprehension] = node.generators
        self.visit(generators[0].iter)
        walrus = [n.target.id for n in ast.walk(node) if isinstance(n, ast.NamedExpr)]
        for name in free_names(node) - set(walrus):
            self.read(name)
        if walrus:  # `(y := ...)` in a comprehension binds y in the enclosing scope
            self.conditional(*(partial(self.bind, name) for name in walrus))

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = visit_comprehension_node

    # -- helpers
    def visit_all(self, nodes: Sequence[ast.AST]) -> None:
        for child in nodes:
            self.visit(child)

    def conditional(self, *actions: Callable[[], object]) -> None:
        """Run ``actions`` in order; what they bind is only *maybe* bound afterwards."""
        before_bound, before_defines = set(self.state.bound), set(self.state.defines)
        for action in actions:
            action()
        new = self.state.defines - before_defines
        self.state.maybe |= new
        self.state.defines = before_defines | (self.state.defines & before_defines)
        self.state.bound = before_bound

    def branches(self, bodies: Sequence[Sequence[ast.AST]]) -> None:
        """If/else: a name bound in every branch is bound; one bound in some is maybe-bound."""
        before_bound, before_defines = set(self.state.bound), set(self.state.defines)
        bound_sets, defined_sets = [], []
        for body in bodies:
            self.state.bound, self.state.defines = set(before_bound), set(before_defines)
            self.visit_all(body)
            bound_sets.append(self.state.bound)
            defined_sets.append(self.state.defines)
        every = set.intersection(*defined_sets)
        some = set.union(*defined_sets)
        self.state.defines = every
        self.state.maybe |= some - every
        self.state.bound = set.intersection(*bound_sets)


def own_name_in_methods(node: ast.ClassDef) -> frozenset[str]:
    """{the class's name} when only its methods' bodies read it (`return Point(...)`): they run
    once the class statement has bound it, so it is no read of an earlier binding."""
    eager: list[ast.AST] = [
        s for s in node.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
    eager += [d for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
              for d in (*s.decorator_list, *s.args.defaults, *s.args.kw_defaults) if d is not None]
    read_at_once = {n.id for s in eager for n in ast.walk(s) if isinstance(n, ast.Name)}
    return frozenset() if node.name in read_at_once else frozenset({node.name})


def free_names(node: ast.AST) -> frozenset[str]:
    """Names a nested scope reads from module scope (its globals and free variables)."""
    code = ast.unparse(ast.Module(body=[wrap(node)], type_ignores=[]))
    table = symtable.symtable(code, "<nb2pipe>", "exec")
    names: set[str] = set()
    for child in table.get_children():
        collect_globals(child, names)
    return frozenset(names)


def wrap(node: ast.AST) -> ast.stmt:
    """Make an expression scope (lambda, comprehension) a statement symtable can read."""
    if isinstance(node, ast.stmt):
        return node
    assert isinstance(node, ast.expr), node  # (a lambda or comprehension)
    return ast.Expr(value=node)


def collect_globals(table: symtable.SymbolTable, names: set[str]) -> None:
    for symbol in table.get_symbols():
        if symbol.is_global() and symbol.is_referenced():
            names.add(symbol.get_name())
    for child in table.get_children():
        collect_globals(child, names)


def with_targets(statement: ast.stmt) -> frozenset[str]:
    """Names a `with` statement binds before its body runs (`with h5py.File(p, "a") as f:`): a
    change the body makes to one (`f["y"][0] = 1`) changes the value bound here, not an earlier
    one, so it is no read of what the name held before."""
    if not isinstance(statement, (ast.With, ast.AsyncWith)):
        return frozenset()
    return frozenset(item.optional_vars.id for item in statement.items
                     if isinstance(item.optional_vars, ast.Name))


def unpacked_pairs(target: ast.expr, value: ast.expr) -> list[tuple[str, ast.expr]]:
    """`a, b = x, y` → [("a", x), ("b", y)]: each name target with the value unpacked into it
    (other targets, `obj.attr`, left out); [] when the value does not unpack item by item
    (lengths differ, a starred item, not a tuple or list)."""
    if not isinstance(target, ast.Tuple | ast.List) or not isinstance(value, ast.Tuple | ast.List):
        return []
    if len(target.elts) != len(value.elts) or any(isinstance(v, ast.Starred) for v in value.elts):
        return []
    return [(t.id, v) for t, v in zip(target.elts, value.elts, strict=True) if isinstance(t, ast.Name)]
