"""Local modules: the `.py` files (and package folders) next to a source that it imports, with
every local module *they* import in turn (the import closure, found statically), and what
calling their functions does (summaries, read like the notebook's own functions).

Python finds a module the notebook imports in the folders on ``sys.path``: the notebook's own
folder and those its code appends. A helper's absolute imports (`import schema`) are looked up
in the same folders (not the helper's folder: Python does not look there unless it is one of
them); its relative imports (`from . import fmt`) in its package.
"""

from __future__ import annotations

import ast
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ...model import LocalModule, Source
from ...readers.disk_view import DiskView
from .imports import source_root
from .walk_state import Context, FunctionSummary


@dataclass(frozen=True, slots=True)
class ModuleFile:
    """A local module found in the folders Python looks in (readers' snapshot, ``DiskView``)."""

    #: Dotted name, as imported ("utils.io"; a package is its folder's name: "utils").
    name: str
    #: Absolute path of its file (a package's `__init__.py`).
    file: str
    #: Its path relative to the folder it was found in ("utils/io.py"): where it goes in the package.
    relative: str


def find_module(folders: Sequence[str], dotted: str, files: DiskView) -> ModuleFile | None:
    """The module ``dotted`` in the first folder holding its top-level name, or None (a
    third-party or standard module, or an attribute of a module)."""
    parts = dotted.split(".")
    for folder in folders:
        top = Path(folder, parts[0])
        if not (files.has_folder(str(top)) or files.has_file(str(top.with_name(parts[0] + ".py")))):
            continue
        for relative in ("/".join(parts) + ".py", "/".join(parts) + "/__init__.py"):
            if files.has_file(str(Path(folder, relative))):
                return ModuleFile(dotted, str(Path(folder, relative)), relative)
        return None
    return None


def closure(imported: Iterable[str], folders: Sequence[str], files: DiskView
            ) -> tuple[tuple[ModuleFile, ...], frozenset[str]]:
    """Every local module the dotted names ``imported`` lead to (with the packages around them and
    what they import, transitively), sorted by path; and the top-level names of the other
    modules they import (third-party candidates)."""
    queue, seen = sorted(set(imported)), set()
    found: dict[str, ModuleFile] = {}
    others: set[str] = set()
    while queue:
        name = queue.pop()
        for prefix in prefixes(name):
            if prefix in seen:
                continue
            seen.add(prefix)
            module = find_module(folders, prefix, files)
            if module is None:
                continue
            found[module.relative] = module
            for wanted in imports_of(module, files):
                if find_module(folders, wanted.split(".")[0], files) is None:
                    others.add(wanted.split(".")[0])
                else:
                    queue.append(wanted)
    return tuple(found[k] for k in sorted(found)), frozenset(others)


def prefixes(dotted: str) -> list[str]:
    """`a.b.c` → `a`, `a.b`, `a.b.c` (importing a submodule imports its packages first)."""
    parts = dotted.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def imports_of(module: ModuleFile, files: DiskView) -> list[str]:
    """Dotted names a module's import statements (anywhere in it) may load; relative imports
    resolved against its package. ``from m import x`` may load the submodule ``m.x``."""
    try:
        tree = ast.parse(files.text(module.file))
    except (SyntaxError, UnicodeDecodeError, OSError):
        return []
    package = module.name if module.relative.endswith("__init__.py") else module.name.rpartition(".")[0]
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".") if package else []
                if node.level - 1 > len(parts) or not parts:
                    continue
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            if base:
                found.append(base)
                found += [f"{base}.{a.name}" for a in node.names if a.name != "*"]
    return found


def imported_names(imports: Iterable[str]) -> set[str]:
    """The dotted module names absolute import statements load (`from a.b import c`: a.b and
    maybe the submodule a.b.c)."""
    names: set[str] = set()
    for code in imports:
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module)
                names |= {f"{node.module}.{a.name}" for a in node.names if a.name != "*"}
    return names


def module_origin(imports: list[str], ctx: Context, source: Source
                  ) -> tuple[tuple[LocalModule, ...], frozenset[str]]:
    """(local modules, third-party top-level modules) of the source's imports: the local ones with
    their whole import closure (local_modules.closure), the third-party ones of the helpers too."""
    folders = [str(Path(source.abspath).parent), *ctx.module_paths]
    modules, others = closure(imported_names(imports), folders, ctx.files)
    tops = {name.split(".")[0] for name in imported_names(imports)} | others
    local = {m.name.split(".")[0] for m in modules}
    third = {t for t in tops - local if t not in sys.stdlib_module_names and t != "__future__"
             and find_module(folders, t, ctx.files) is None}
    return copies(modules, source_root(source), ctx), frozenset(third)


def copies(modules: Sequence[ModuleFile], root: str, ctx: Context) -> tuple[LocalModule, ...]:
    """What the project copies: each module's text, named by its package-relative path without
    `.py`, with its path relative to the conversion root as provenance (never an absolute one),
    and the path literals its functions open (see ``LocalModule``)."""
    found = []
    for module in modules:
        code = ctx.files.text(module.file)
        origin = Path(os.path.relpath(module.file, root)).as_posix()
        if module.name not in ctx.helper_modules:
            ctx.helper_modules[module.name] = summaries(ctx, module.name)
        functions = sorted(ctx.helper_modules[module.name].items())
        paths = tuple((name, s.own_paths) for name, s in functions if s.own_paths)
        files = tuple((name, tuple(sorted({(p, path) for _, path, p in s.files if p})))
                      for name, s in functions if any(p for _, _, p in s.files))
        found.append(LocalModule(module.relative.removesuffix(".py"), code, origin, paths, files))
    return tuple(found)


def helper_function(ctx: Context, qualified: str | None) -> FunctionSummary | None:
    """What calling a function of a local module does (`loaders.load`, `total` imported from
    `utils.io`), or None. Summarised like a notebook function, in the module's own namespace and
    from the notebook's working directory (where its relative paths resolve); its module's
    globals stay the module's (no keyword arguments for them)."""
    if not qualified or "." not in qualified:
        return None
    module, _, function = qualified.rpartition(".")
    if module not in ctx.helper_modules:
        ctx.helper_modules[module] = summaries(ctx, module)
    return ctx.helper_modules[module].get(function)


def summaries(ctx: Context, dotted: str) -> dict[str, FunctionSummary]:
    """Summaries of the top-level functions of a local module (empty when it is not local)."""
    from .functions import summarize  # noqa: PLC0415 (functions imports effects, which imports this)
    from .imports import collect_aliases  # noqa: PLC0415

    folders = [os.path.dirname(ctx.source_file), *ctx.module_paths]
    module = find_module(folders, dotted, ctx.files)
    if module is None:
        return {}
    try:
        code = ctx.files.text(module.file)
        tree = ast.parse(code)
    except (SyntaxError, UnicodeDecodeError, OSError):
        return {}
    own = Context(root=ctx.root, workdir=ctx.workdir, source_file=ctx.source_file,
                  module_paths=list(ctx.module_paths), helper_modules=ctx.helper_modules,
                  helpers=ctx.helpers, files=ctx.files)
    collect_aliases(tree, code, own)
    lines = code.split("\n")
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            own.functions[statement.name] = summarize(statement, own, lines)
    return {name: replace(summary, free=frozenset(), mutated_globals=frozenset())
            for name, summary in own.functions.items()}


__all__ = ["ModuleFile", "closure", "copies", "find_module", "helper_function", "imported_names",
           "module_origin"]
