"""Import statements: the aliases they bind (np → numpy) and where each module comes from."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from ..model import Source
from .context import Context


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
            continue
        local = alias.asname or alias.name
        ctx.aliases[local] = f"{node.module}.{alias.name}"
        names.add(local)
    return names


def module_origin(
    import_names: list[frozenset[str]], imports: list[str], ctx: Context, source: Source
) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    """(local modules: name → file, third-party top-level modules) of the source's imports."""
    folder = Path(source.abspath).parent
    tops: set[str] = set()
    for code in imports:
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Import):
                tops |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                tops.add(node.module.split(".")[0])
    local: dict[str, str] = {}
    third: set[str] = set()
    folders = [folder, *(Path(p) for p in ctx.module_paths)]
    for top in sorted(tops):
        file = next((f for f in (local_file(d, top) for d in folders) if f), None)
        if file:
            local[top] = file
        elif top not in sys.stdlib_module_names and top != "__future__":
            third.add(top)
    return tuple(sorted(local.items())), frozenset(third)


def local_file(folder: Path, module: str) -> str | None:
    """The .py file of a module that sits next to the notebook (or its package __init__)."""
    for candidate in (folder / f"{module}.py", folder / module / "__init__.py"):
        if candidate.is_file():
            return str(candidate)
    return None
