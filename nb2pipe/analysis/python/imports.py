"""Import statements: the aliases they bind (np → numpy) and where each module comes from."""

from __future__ import annotations

import ast
from pathlib import Path

from ...model import Source
from .walk_state import Context


def collect_aliases(tree: ast.Module, code: str, ctx: Context) -> list[tuple[str, frozenset[str]]]:
    """Record the aliases of every top-level import of a cell in ``ctx``; return each import
    statement's code (for hoisting) with the names it binds."""
    found: list[tuple[str, frozenset[str]]] = []
    for statement in tree.body:
        nodes = [statement] if isinstance(statement, (ast.Import, ast.ImportFrom)) else []
        if isinstance(statement, (ast.Try, ast.If)):
            nodes = [n for n in ast.walk(statement) if isinstance(n, (ast.Import, ast.ImportFrom))]
        names: set[str] = set()
        for node in nodes:
            names |= bind_aliases(node, ctx)
        if nodes:
            found.append((ast.get_source_segment(code, statement) or ast.unparse(statement), frozenset(names)))
    return found


def bind_aliases(node: ast.Import | ast.ImportFrom, ctx: Context) -> set[str]:
    names = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                ctx.aliases[alias.asname] = alias.name
                names.add(alias.asname)
            else:
                top = alias.name.split(".")[0]
                ctx.aliases[top] = top
                names.add(top)
        return names
    if node.level or not node.module:
        return {a.asname or a.name for a in node.names if a.name != "*"}
    for alias in node.names:
        if alias.name == "*":
            ctx.star_modules.append(node.module)
            continue
        local = alias.asname or alias.name
        ctx.aliases[local] = f"{node.module}.{alias.name}"
        names.add(local)
    return names


def source_root(source: Source) -> str:
    """The conversion root: the source's absolute path minus its root-relative path."""
    path = Path(source.abspath)
    for _ in source.path.parts:
        path = path.parent
    return str(path)
