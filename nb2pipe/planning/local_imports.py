"""Where the local modules go in the package, and their imports pointed there: only the import
lines change (exact text spans), so the user's modules stay readable (docs/mapping.md)."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping

#: The package's own modules (rendering/templates/src/{{package}}): a local module of the same
#: name goes to `local_<name>` instead of replacing it (its importers bind the same name).
PACKAGE_MODULES = frozenset(
    {"__init__", "__main__", "datasets", "figures", "pickling", "pipeline_registry", "pipelines",
     "report", "runner", "settings", "shell", "binding"}
)


def placed_names(tops: Iterable[str]) -> dict[str, str]:
    """Top-level local module names → their name in the package."""
    return {top: f"local_{top}" if top in PACKAGE_MODULES else top for top in tops}


def rewrite_local_import(code: str, local: Mapping[str, str], package: str) -> str:
    """Absolute imports of local modules point into the package (``local``: top-level name → its
    name there), and nothing else changes: `import utils` → `from pkg import utils`;
    `from utils.io import f` → `from pkg.utils.io import f`; `import utils.io` → `import
    pkg.utils.io; from pkg import utils` (binds `utils`, with `utils.io` loaded). Relative
    imports (`from . import fmt`) stay: the package keeps the folders."""
    if not local:
        return code
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code  # the user's module: copied as it is, Python reports the error
    starts = [0]
    for line in code.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module and node.module.split(".")[0] in local:
            text = f"from {package}.{placed(node.module, local)} import " + ", ".join(
                f"{a.name} as {a.asname}" if a.asname else a.name for a in node.names)
        elif isinstance(node, ast.Import) and any(a.name.split(".")[0] in local for a in node.names):
            text = "; ".join(import_pieces(node, local, package))
        else:
            continue
        assert node.end_lineno is not None and node.end_col_offset is not None  # parsed code has them
        span = [starts[line - 1] + char_col(code, starts[line - 1], col) for line, col in
                ((node.lineno, node.col_offset), (node.end_lineno, node.end_col_offset))]
        edits.append((span[0], span[1], text))
    for start, end, text in sorted(edits, reverse=True):
        code = code[:start] + text + code[end:]
    return code


def placed(dotted: str, local: Mapping[str, str]) -> str:
    """A local module's dotted name inside the package (`settings.x` → `local_settings.x`)."""
    top, dot, rest = dotted.partition(".")
    return local[top] + dot + rest


def import_pieces(node: ast.Import, local: Mapping[str, str], package: str) -> list[str]:
    """The statements replacing one `import a, b.c as d, ...` (local names into the package)."""
    pieces: list[str] = []
    direct: list[str] = []  # `from pkg import a, b as c` gathered into one statement
    for alias in node.names:
        top = alias.name.split(".")[0]
        if top not in local:
            pieces.append(f"import {alias.name}" + (f" as {alias.asname}" if alias.asname else ""))
            continue
        parent, _, last = placed(alias.name, local).rpartition(".")
        bound = alias.asname or (top if not parent else None)
        if bound is None:  # `import a.b` binds `a`, with `a.b` loaded
            pieces += [f"import {package}.{placed(alias.name, local)}",
                       f"from {package} import {local[top]}" + (f" as {top}" if local[top] != top else "")]
        elif parent:
            pieces.append(f"from {package}.{parent} import {last} as {bound}")
        else:
            direct.append(last if bound == last else f"{last} as {bound}")
    return ([f"from {package} import {', '.join(direct)}"] if direct else []) + pieces


def char_col(code: str, line_start: int, byte_col: int | None) -> int:
    """ast columns count UTF-8 bytes; text spans count characters."""
    line = code[line_start:].split("\n", 1)[0]
    return len(line.encode("utf-8")[: byte_col or 0].decode("utf-8", errors="ignore"))


__all__ = ["PACKAGE_MODULES", "placed_names", "rewrite_local_import"]
