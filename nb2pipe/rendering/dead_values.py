"""Values a node computes and throws away, dropped from a tidied ``nodes.py``.

A bare expression inside a node (`levels * (J.max() - J.min()) + J.min()` in a loop, or what
ruff's fix of an unused local leaves: ``levelsJ = ...`` becomes the expression alone) shows
nothing: the notebook only showed a cell's last top-level expression, and those went to the
report. When computing it only computes — names, arithmetic, subscripts, the display methods
of any value (`knowledge/calls.py::DISPLAY_METHODS`, not those that print), the library
functions of `knowledge/pure_calls.py` — the statement is dropped (``pass`` where it was a
block's only statement). Kept: an expression in a ``try`` body (evaluated to see whether it
raises: its handler is the work), a call of anything else (a notebook function, `print`),
comprehensions (they may use up an iterator), a docstring.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ..knowledge.calls import DISPLAY_METHODS, PRINTING_METHODS
from ..knowledge.pure_calls import WRITING_KEYWORDS, is_pure

#: Builtins that only compute from their argument and use up no iterator.
PURE_BUILTINS = frozenset({"len", "abs", "round", "repr", "type", "isinstance", "str", "int", "float", "bool"})
#: Expressions that compute a value from their parts and nothing else.
VALUE_NODES = (ast.Name, ast.Constant, ast.Attribute, ast.Subscript, ast.Slice, ast.BinOp, ast.UnaryOp,
               ast.Compare, ast.BoolOp, ast.IfExp, ast.Tuple, ast.List, ast.Load, ast.operator,
               ast.unaryop, ast.cmpop, ast.boolop, ast.Call, ast.keyword)


def drop_dead_values(code: str) -> str:
    """``code`` (a tidied nodes.py) without the bare expressions its functions only compute."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    aliases = import_aliases(tree)
    lines = code.split("\n")
    dropped: dict[int, str] = {}  # first line (0-based) → replacement of the statement's lines
    spans: list[tuple[int, int]] = []
    for function in (s for s in tree.body if isinstance(s, ast.FunctionDef)):
        for block in blocks(function.body, top=True):
            dead = [s for s in block if dead_value(s, aliases)]
            for statement in dead:
                assert statement.end_lineno is not None
                spans.append((statement.lineno - 1, statement.end_lineno))
                indent = lines[statement.lineno - 1][: statement.col_offset]
                dropped[statement.lineno - 1] = f"{indent}pass" if len(dead) == len(block) and statement is dead[0] else ""
    if not spans:
        return code
    for start, end in sorted(spans, reverse=True):
        if ";" in "".join(lines[start:end]):
            continue  # maybe a statement sharing its line: left as it is
        lines[start:end] = [dropped[start]] if dropped[start] else []
    return "\n".join(lines)


def blocks(body: list[ast.stmt], top: bool = False) -> Iterator[list[ast.stmt]]:
    """The statement lists of a function body (``top``: docstring excluded) and of the compound
    statements in it, but not a ``try`` body, nor nested functions and classes."""
    yield body[1:] if top and body and is_docstring(body[0]) else body
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        children = [getattr(statement, f, []) for f in ("orelse", "finalbody")]
        if not isinstance(statement, ast.Try | ast.TryStar):
            children.append(getattr(statement, "body", []))
        children += [h.body for h in getattr(statement, "handlers", [])]
        children += [c.body for c in getattr(statement, "cases", [])]
        for child in children:
            if child and isinstance(child, list) and isinstance(child[0], ast.stmt):
                yield from blocks(child)


def is_docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) and isinstance(
        statement.value.value, str)


def dead_value(statement: ast.stmt, aliases: dict[str, str]) -> bool:
    """A bare expression that only computes (see the module docstring)."""
    if not isinstance(statement, ast.Expr) or is_docstring(statement):
        return False
    if isinstance(statement.value, ast.Constant) and statement.value.value is Ellipsis:
        return False
    nodes = list(ast.walk(statement.value))
    if not all(isinstance(n, VALUE_NODES) for n in nodes):
        return False
    return all(pure_call(n, aliases) for n in nodes if isinstance(n, ast.Call))


def pure_call(call: ast.Call, aliases: dict[str, str]) -> bool:
    if any(k.arg in WRITING_KEYWORDS or k.arg == "inplace" or k.arg is None for k in call.keywords):
        return False
    if any(isinstance(a, ast.Starred) for a in call.args):
        return False
    qualified = qualname(call.func, aliases)
    if qualified is not None:
        return is_pure(qualified) or qualified in PURE_BUILTINS
    return isinstance(call.func, ast.Attribute) and call.func.attr in DISPLAY_METHODS - PRINTING_METHODS


def qualname(func: ast.expr, aliases: dict[str, str]) -> str | None:
    """`np.linalg.pinv` → "numpy.linalg.pinv" through the module's imports; a builtin's own
    name; None for anything else (a method of a value)."""
    parts: list[str] = []
    while isinstance(func, ast.Attribute):
        parts.insert(0, func.attr)
        func = func.value
    if not isinstance(func, ast.Name):
        return None
    if func.id in aliases:
        return ".".join([aliases[func.id], *parts])
    return func.id if not parts and func.id in PURE_BUILTINS else None


def import_aliases(tree: ast.Module) -> dict[str, str]:
    """Names the module's top-level imports bind → what they name (`np` → "numpy")."""
    found: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                found[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
            for alias in statement.names:
                found[alias.asname or alias.name] = f"{statement.module}.{alias.name}"
    return found
