"""Where a notebook definition (`def`, `class`, `f = lambda ...`) can live: in the generated
functions module, or in its node.

Python evaluates some parts of a definition when the definition is *made*, in the namespace
around it: decorators and their arguments, default values, annotations, class bases and keywords,
and a class body outside its methods (dataclass field defaults included). Once the definition
moves to a module, those names must exist there:

* import names, builtins and the module's other definitions do;
* a name whose value at that point is a literal the notebook bound (`CACHE = 16`) is copied into
  the module as it was then (`module_constants`: the value Python captured at that moment);
* any other notebook value (data) does not: the definition stays in its node, like a class whose
  methods read notebook values (see ``classify``).

>>> import ast
>>> sorted(definition_reads(ast.parse("@cache(maxsize=N)\\ndef f(x, k=K, *, s=S): return x + G").body[0]))
['K', 'N', 'S', 'cache']
>>> sorted(definition_reads(ast.parse("class C(Base):\\n    a = A\\n    b = a + B\\n    def m(self, d=D): return G").body[0]))
['A', 'B', 'Base', 'D']
"""

from __future__ import annotations

import ast
import builtins

from ...model import Edit
from .bindings import bindings, free_names
from .walk_state import Context

BUILTINS = frozenset(dir(builtins))
Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def defined_name(statement: ast.stmt) -> str | None:
    """The name a definition statement binds: `def f`, `class C`, `f = lambda ...`; else None."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return statement.name
    if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name) and isinstance(statement.value, ast.Lambda)):
        return statement.targets[0].id
    return None


def definition_reads(statement: ast.stmt) -> frozenset[str]:
    """Module-level names read when the definition statement runs (not when it is called)."""
    if isinstance(statement, ast.Assign):
        assert isinstance(statement.value, ast.Lambda), statement  # (`f = lambda ...`)
        return reads_of(lambda_parts(statement.value))
    if isinstance(statement, ast.ClassDef):
        return class_reads(statement)
    assert isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)), statement
    return reads_of(function_parts(statement))


def function_parts(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    args = node.args
    every = (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg)
    annotations = [a.annotation for a in every if a is not None and a.annotation is not None]
    returns = [node.returns] if node.returns is not None else []
    return [*node.decorator_list, *args.defaults, *(d for d in args.kw_defaults if d is not None),
            *annotations, *returns]


def lambda_parts(node: ast.Lambda) -> list[ast.expr]:
    return [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]


def reads_of(expressions: list[ast.expr]) -> frozenset[str]:
    found: set[str] = set()
    for expression in expressions:
        found |= bindings(ast.Expr(value=expression)).uses
    return frozenset(found)


def class_reads(node: ast.ClassDef) -> frozenset[str]:
    """Decorators, bases, keywords, then the body in order: names the body bound before are the
    class's own; methods contribute what their definition reads, nested classes theirs."""
    found = set(reads_of([*node.decorator_list, *node.bases, *(k.value for k in node.keywords)]))
    own: set[str] = set()
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found |= definition_reads(statement) - own
            own.add(statement.name)
            continue
        seen = bindings(statement)
        found |= seen.uses - own
        if isinstance(statement, ast.AnnAssign):  # a class body evaluates its annotations
            found |= reads_of([statement.annotation]) - own
        own |= seen.defines | seen.maybe
    return frozenset(found)


def call_reads(node: ast.ClassDef) -> frozenset[str]:
    """Module-level names a class's methods read when they are called."""
    found: set[str] = set()
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found |= free_names(statement)
        elif isinstance(statement, ast.ClassDef):
            found |= call_reads(statement)
    return frozenset(found)


def module_names(ctx: Context) -> set[str]:
    """Names the functions module binds so far: imports and the definitions moved there."""
    return ctx.aliases.keys() | (ctx.functions.keys() - ctx.local_definitions)


def placement(statement: ast.stmt, ctx: Context) -> tuple[str, tuple[str, ...]]:
    """("module", constants the module needs) or ("node", ()) for a definition statement."""
    name = defined_name(statement)
    if name in ctx.redefined:
        return "node", ()  # defined again differently: code between sees the one then in effect
    known = module_names(ctx) | BUILTINS | {name}
    constants = []
    for read in sorted(definition_reads(statement) - known):
        text = ctx.literals.get(read)
        if text is None or ctx.module_constants.get(read, text) != text:
            return "node", ()
        constants.append(read)
    if isinstance(statement, ast.ClassDef) and call_reads(statement) - known:
        return "node", ()  # a method reads notebook values when called
    if declared_globals(statement):
        return "node", ()  # it rebinds notebook variables: it stays where they are
    order = list(ctx.literals)  # the notebook's order
    return "module", tuple(sorted(constants, key=order.index))


def nested_definitions(statement: ast.stmt) -> frozenset[str]:
    """Functions and classes a compound statement defines in its blocks (`if FAST: def f(): ...`,
    `try: class C: ...`): they are made in a node, like the definitions that stay there. A name
    the statement also binds otherwise (`try: from x import f` / `except: def f(): ...`) is not
    counted: most runs bind it the other way."""
    if not isinstance(statement, (ast.If, ast.Try, ast.TryStar, ast.With, ast.AsyncWith, ast.For, ast.AsyncFor,
                                  ast.While, ast.Match)):
        return frozenset()
    found = definitions_in(statement)
    if not found:
        return frozenset()
    others = {n.id for n in ast.walk(statement) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    others |= {(a.asname or a.name).split(".")[0] for n in ast.walk(statement)
               if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    return frozenset(found - others)


def definitions_in(statement: ast.stmt) -> set[str]:
    found: set[str] = set()
    blocks = [getattr(statement, field, []) for field in ("body", "orelse", "finalbody")]
    blocks += [h.body for h in getattr(statement, "handlers", [])]
    blocks += [c.body for c in getattr(statement, "cases", [])]
    for block in blocks:
        for inner in block:
            name = defined_name(inner)
            if name is not None:
                found.add(name)
            elif not isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                found |= definitions_in(inner)
    return found


def declared_globals(statement: ast.AST) -> frozenset[str]:
    """Names a definition declares `global` (a call rebinds those notebook variables)."""
    return frozenset(n for node in ast.walk(statement) if isinstance(node, ast.Global) for n in node.names)


def nonlocal_edits(statement: ast.stmt, bound: set[str], lines: list[str]) -> tuple[list[Edit], set[str]]:
    """A definition made in its node rebinds the node's variables: `global x` → `nonlocal x`,
    and a name nothing bound yet is bound first (`x = None`: `nonlocal` needs a binding), so the
    calls in that node change its `x` as the notebook's calls change the notebook's.
    Returns the edits (cell lines and character columns) and the names bound first."""
    from .calls import char_col

    edits = []
    for node in ast.walk(statement):
        if isinstance(node, ast.Global):
            col = char_col(lines[node.lineno - 1], node.col_offset)
            edits.append(Edit(node.lineno, col, node.lineno, col + len("global"), "text",
                              None, "nonlocal"))
    created = set(declared_globals(statement)) - bound
    first = min([d.lineno for d in getattr(statement, "decorator_list", [])] + [statement.lineno])
    edits += [Edit(first, 0, first, 0, "text", None, f"{name} = None\n") for name in sorted(created)]
    return edits, created


def literal_text(statement: ast.stmt, code: str) -> str:
    """`NAME = <literal>` as the notebook wrote it (the statement alone, no comments)."""
    return ast.get_source_segment(code, statement) or ""
