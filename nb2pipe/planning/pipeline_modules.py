"""A pipeline's modules besides its nodes: the import statements its nodes may need (the
source's, local modules re-pointed into the package, nb2pipe's helpers), the functions module
(the notebook's definitions) and the local modules the project copies."""

from __future__ import annotations

import ast
from dataclasses import replace

from ..knowledge.calls import GLOBAL_RNGS, MAIN_NAMESPACE_NAMES, PARTITION_HELPERS
from ..model import LocalModule, SourceFacts
from . import codegen
from .flow import is_star_import
from .local_imports import placed_names, rewrite_local_import


def pipeline_imports(facts: SourceFacts, package: str, star_names: frozenset[str] = frozenset()
                     ) -> tuple[tuple[str, frozenset[str]], ...]:
    """The source's imports (local modules re-pointed into the package) plus nb2pipe's helpers.
    A star import is taken to bind every name nothing else binds."""
    local = placed_names(m.name.split("/")[0] for m in facts.local_modules)
    found = once([(rewrite_local_import(code, local, package), star_names if is_star_import(code) else names)
                  for code, names in zip(facts.imports, facts.import_names)])
    helpers = [(rng["import"], frozenset({rng["import"].split()[-1]})) for rng in GLOBAL_RNGS.values()]
    helpers += [("import copy", frozenset({"copy"})), ("import shutil", frozenset({"shutil"}))]
    if not any("display" in names for names in facts.import_names):
        helpers.append(("from IPython.display import display", frozenset({"display"})))
    existing = {code for code, _ in found}
    found += [h for h in helpers if h[0] not in existing]
    found.append((f"from {package}.figures import as_shown, close_figures, pop_figures",
                  frozenset({"pop_figures", "close_figures", "as_shown"})))
    found.append((f"from {package}.figures import show_figure", frozenset({"show_figure"})))
    found.append((f"from {package}.shell import run_shell", frozenset({"run_shell"})))
    found.append((f"from {package}.binding import with_globals", frozenset({"with_globals"})))
    found.append((f"from {package}.datasets import {', '.join(PARTITION_HELPERS)}",
                  frozenset(PARTITION_HELPERS)))
    found.append((f"from {package}.report import NotebookReport", frozenset({"NotebookReport"})))
    found.append((f"from {package}.report import log_print", frozenset({"log_print"})))
    found.append((f"from {package}.report import show_html", frozenset({"show_html"})))
    found.append((f"from {package}.report import show_printed", frozenset({"show_printed"})))
    return tuple(found)


def once(imports: list[tuple[str, frozenset[str]]]) -> list[tuple[str, frozenset[str]]]:
    """An import statement the notebook repeats (`import matplotlib.pyplot as plt` in several
    cells) is hoisted once, unless another import between binds one of its names again
    (`import numpy as np`, `import autograd.numpy as np`, `import numpy as np`)."""
    kept: list[tuple[str, frozenset[str]]] = []
    for code, names in imports:
        last = next((i for i in range(len(kept) - 1, -1, -1) if kept[i][1] & names), None)
        if last is None or kept[last][0].strip() != code.strip() or not names:
            kept.append((code, names))
    return kept


def functions_code(facts: SourceFacts, imports: tuple[tuple[str, frozenset[str]], ...]) -> str:
    if not facts.definitions:
        return ""
    definitions = list(dict.fromkeys(code for _, code in facts.definitions))
    used = {n.id for code in definitions for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Name)}
    used |= {s for c in facts.chunks if c.kind == "def" for s in c.uses if isinstance(s, str)}  # names read in formulas too
    used |= {MAIN_NAMESPACE_NAMES[n][1] for n in used if n in MAIN_NAMESPACE_NAMES}  # read instead (codegen)
    helpers = {"pop_figures", "show_figure", "run_shell", "log_print", "show_html", "show_printed",
               "with_globals", *PARTITION_HELPERS}
    lines = [code for code, names in imports if names & used and not names & helpers]
    free = {name: sorted(names) for name, names in facts.function_globals}
    if facts.module_constants:  # read when the definitions below are made: their values then
        definitions.insert(0, "\n".join(text for _, text in facts.module_constants))
    return codegen.functions_module(lines, definitions, free, dict(facts.function_paths))


def local_modules(ordered: list[SourceFacts], package: str) -> tuple[LocalModule, ...]:
    """The local modules of every source (their import closures), imports pointed into the
    package; a module several sources import is copied once."""
    found: dict[str, LocalModule] = {}
    local = placed_names(m.name.split("/")[0] for f in ordered for m in f.local_modules)
    for facts in ordered:
        for module in facts.local_modules:
            code = rewrite_local_import(module.code, local, package)
            code = codegen.local_module_code(code, dict(module.function_files), dict(module.function_paths))
            top, _, rest = module.name.partition("/")
            name = "/".join(filter(None, (local[top], rest)))
            found.setdefault(name, replace(module, name=name, code=code))
    return tuple(found[k] for k in sorted(found))
