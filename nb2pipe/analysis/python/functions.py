"""Summaries of the functions a notebook defines: what a call to them reads and changes."""

from __future__ import annotations

import ast
import keyword
import re
from collections.abc import Sequence
from dataclasses import replace

from ...knowledge.calls import MAIN_NAMESPACE_NAMES
from ...knowledge.io_calls import static_string
from ...model.facts import AccessMode
from ...model.symbols import Rng, Symbol
from . import partitions
from .bindings import free_names
from .calls import EffectsCollector
from .definitions import declared_globals, defined_name
from .formulas import evaluates_formula, string_names
from .scopes import function_bound, module_reads
from .walk_state import Context, FunctionSummary


def summarize(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, ctx: Context, lines: list[str],
              name: str = "") -> FunctionSummary:
    """What calling the function does, seen from the caller (used at every call site); ``name``:
    what the function is bound to (a lambda's target)."""
    name = name or getattr(node, "name", "")
    args = node.args
    params = tuple(a.arg for a in (*args.posonlyargs, *args.args))
    every_param = set(params) | {a.arg for a in args.kwonlyargs}
    every_param |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    body = node.body if isinstance(node.body, list) else [ast.Expr(value=node.body)]
    mutated: set[str] = set()
    uses: set[Symbol] = set()
    defines: set[Symbol] = set()
    plot_calls = other_calls = 0
    opened: list[tuple[AccessMode, str]] = []
    dynamic = False
    # a parameter the body opens as it is (`open(path)`): the caller's argument is the path
    marks = {PARAM_MARK + p: p for p in every_param - rebound(node)}
    saved = {p: ctx.strings.get(p) for p in every_param}
    ctx.strings.update({p: mark for mark, p in marks.items()})
    by_param: dict[str, AccessMode] = {}
    try:
        for statement in body:
            collector = EffectsCollector(ctx, lines, statement, top_level=False)
            collector.visit(statement)
            mutated |= collector.fx.mutates
            uses |= {u for u in collector.fx.uses if PARAM_MARK not in str(u)}
            defines |= {d for d in collector.fx.defines if PARAM_MARK not in str(d)}
            plot_calls += collector.fx.plot_calls
            other_calls += collector.fx.other_calls
            for f in collector.fx.files:
                if f.spelled in marks:
                    by_param.setdefault(marks[f.spelled], f.mode)
                elif PARAM_MARK in f.spelled:
                    dynamic = True
                else:
                    opened.append((f.mode, f.spelled))
            dynamic |= any(d.code == "dynamic-path" for d in collector.fx.diagnostics)
    finally:
        for param, value in saved.items():
            if value is None:
                ctx.strings.pop(param, None)
            else:
                ctx.strings[param] = value
    # the module's own functions (this one too: recursion, and ones defined further down) are no
    # free globals: they are there
    module = (ctx.functions.keys() | ctx.later_definitions) - ctx.local_definitions | {name}
    free = {n for n in free_names(node) | evaluated_names(node, ctx)
            if n not in ctx.aliases and n not in module} - builtin_names() - MAIN_NAMESPACE_NAMES.keys()
    draws = {s for s in uses | defines if isinstance(s, Rng)}
    reads = module_reads(node)  # not a parameter or nested def named like a notebook function
    callees = [ctx.functions[callee] for callee in called_functions(node, ctx, reads) - {name}]
    own_paths = path_parameters(node, opened, free | every_param)
    defaults = static_defaults(args, ctx)
    files = [(mode, path, own_paths.get(path, "")) for mode, path in opened]
    for summary in callees:
        files += summary.files
        dynamic |= summary.dynamic_files
        free |= summary.free
        draws |= summary.draws
        mutated |= summary.mutated_globals
    return FunctionSummary(
        params=params,
        mutated_params=frozenset(mutated & every_param),
        free=frozenset(free),
        mutated_globals=frozenset(mutated & free | declared_globals(node)),
        draws=frozenset(draws),
        generator=any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node)
                      if not isinstance(node, ast.Lambda)),
        # data work the caller never sees (nothing returned, changed or drawn from) only draws
        plots=plotting(plot_calls, other_calls + returns_value(node)
                       if escapes(node, mutated, every_param, free, draws, files) else 0,
                       mutated & free, [c.plots for c in callees]),
        files=tuple(dict.fromkeys(files)),
        own_paths=tuple(own_paths.items()),
        dynamic_files=dynamic,
        item_folders=tuple(dict.fromkeys(
            partitions.function_item_folders(node, ctx) + tuple(f for c in callees for f in c.item_folders))),
        param_files=tuple(sorted((p, mode, defaults.get(p, "")) for p, mode in by_param.items())),
        returns=returns_value(node) or any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node)),
        formulas=evaluates_formula(node, ctx),
        local_names=function_bound(node),
        calls=frozenset({n.id for n in ast.walk(node) if isinstance(n, ast.Name) and id(n) in reads}
                        & (ctx.functions.keys() | ctx.later_definitions) - {name}),
        keeps_state=any(isinstance(n, ast.Nonlocal) for n in ast.walk(node)),
    )


def summarize_class(node: ast.ClassDef, ctx: Context, lines: list[str]) -> FunctionSummary:
    """What calling a notebook class does: making an instance runs methods (`__init__`, an
    attrs default or `__attrs_post_init__`, a property setter), so the global generators its
    methods draw from and the module-level values they change are the call's (`Guessing(3)`
    drawing in a method must come after `random.seed`, and hand the generator on)."""
    draws: set[Rng] = set()
    mutated: set[str] = set()
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            method = summarize(statement, ctx, lines)
        elif isinstance(statement, ast.ClassDef):
            method = summarize_class(statement, ctx, lines)
        else:
            continue
        draws |= method.draws
        mutated |= method.mutated_globals
    return FunctionSummary((), frozenset(), frozenset(), frozenset(mutated), frozenset(draws))


def evaluated_names(node: ast.AST, ctx: Context) -> set[str]:
    """Module-level names read inside strings evaluated in a body's namespace (`"a > @t"`)."""
    local = {n.arg for n in ast.walk(node) if isinstance(n, ast.arg)}
    local |= {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    found = {n for call in ast.walk(node) if isinstance(call, ast.Call) for n in string_names(call, ctx)}
    return found - local


def later_definitions(trees: list[ast.Module]) -> frozenset[str]:
    """Names bound at top level by exactly one `def`/`class`/`f = lambda` and nothing else (any
    other binding in a top-level statement, even nested in its blocks, rules a name out)."""
    defined: dict[str, int] = {}
    other: set[str] = set()
    for tree in trees:
        for statement in tree.body:
            name = defined_name(statement)
            if name is not None:
                defined[name] = defined.get(name, 0) + 1
                continue
            for node in ast.walk(statement):
                if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                    other.add(node.id)
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    other.add(node.name)
                elif isinstance(node, (ast.Import, ast.ImportFrom)):
                    other |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return frozenset(n for n, count in defined.items() if count == 1 and n not in other)


def redefinitions(trees: list[ast.Module]) -> frozenset[str]:
    """Names bound by two or more top-level `def`/`class` statements that differ (a cell run
    twice with the same definition does not count): the functions module can hold only one."""
    texts: dict[str, set[str]] = {}
    for tree in trees:
        for statement in tree.body:
            name = defined_name(statement)
            if name is not None and isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                texts.setdefault(name, set()).add(ast.dump(statement))
    return frozenset(name for name, versions in texts.items() if len(versions) > 1)


def propagate(ctx: Context, name: str) -> None:
    """``name`` was just defined: functions that refer to it (defined before it, or calling one
    that does) now also read and change what calling it reads and changes; a definition that
    stays in its node is a value they receive."""
    pending = [name]
    while pending:
        callee_name = pending.pop()
        callee = ctx.functions.get(callee_name, FunctionSummary((), frozenset(), frozenset(), frozenset(), frozenset()))
        extra = frozenset({callee_name} if callee_name in ctx.local_definitions else ())
        for caller_name, caller in list(ctx.functions.items()):
            if callee_name not in caller.calls or caller_name == callee_name:
                continue
            merged = merge(caller, callee, extra)
            if caller_name in ctx.local_definitions:  # a closure in its node: it is passed nothing
                merged = replace(merged, free=caller.free,
                                 files=tuple(dict.fromkeys((m, p, "") for m, p, _ in merged.files)))
            if merged != caller:
                ctx.functions[caller_name] = merged
                pending.append(caller_name)


def merge(caller: FunctionSummary, callee: FunctionSummary, extra: frozenset[str]) -> FunctionSummary:
    """What calling ``caller`` does once it calls ``callee`` (see ``summarize``)."""
    return replace(
        caller,
        free=caller.free | callee.free | extra,
        mutated_globals=caller.mutated_globals | callee.mutated_globals,
        draws=caller.draws | callee.draws,
        plots=caller.plots or ("also" if callee.plots else ""),
        files=tuple(dict.fromkeys(caller.files + callee.files)),
        dynamic_files=caller.dynamic_files or callee.dynamic_files,
        item_folders=tuple(dict.fromkeys(caller.item_folders + callee.item_folders)),
        formulas=caller.formulas or callee.formulas,
    )


#: Stands for a parameter's value while a body is read (`open(path)` opens what the caller passes).
PARAM_MARK = "\0param:"


def static_defaults(args: ast.arguments, ctx: Context) -> dict[str, str]:
    """Parameters whose default is a path known statically (evaluated where the def runs)."""
    positional = [*args.posonlyargs, *args.args]
    pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults, strict=True))
    pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None]
    found = {a.arg: static_string(d, ctx.strings) for a, d in pairs}
    return {name: value for name, value in found.items() if value}


def rebound(node: ast.AST) -> set[str]:
    """Names the body assigns (a parameter rebound is no longer the caller's argument)."""
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def path_parameters(node: ast.AST, opened: Sequence[tuple[str, str]], taken: set[str]) -> dict[str, str]:
    """Path → keyword-only parameter for the files the body opens by a string literal
    (`open("out/b.txt", "w")` → `out_b_txt_file`): the caller passes the catalog's path."""
    literals = {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    found: dict[str, str] = {}
    for _, path in opened:
        if path in literals and path not in found:
            base = re.sub(r"\W+", "_", path).strip("_").lower() or "path"
            name, number = f"{base}_file", 2
            while name in taken or name in found.values() or keyword.iskeyword(name):
                name, number = f"{base}_file_{number}", number + 1
            found[path] = name if name.isidentifier() else f"file_{len(found)}"
    return found


def plotting(plot_calls: int, other_calls: int, mutated_globals: set[str], callees: list[str]) -> str:
    """"only" when the body does nothing but draw (a call to an "only" callee is a drawing
    call), "also" when it draws besides data work, else ""."""
    if not plot_calls and "also" not in callees:
        return ""
    return "only" if not other_calls and not mutated_globals else "also"


def escapes(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, mutated: set[str], params: set[str],
            free: set[str], draws: set[Rng], files: list[tuple[AccessMode, str, str]]) -> bool:
    """Whether the body's data work is seen by the caller: it returns a value, changes an
    argument or a module-level value, draws from a global generator or writes a file. Work that
    stays inside (`masks = []; ...; plt.matshow(masks)`) leaves only the drawing."""
    yields = any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node))
    writes = any(mode != "read" for mode, _, _ in files)
    return returns_value(node) or yields or bool(mutated & (params | free) or draws or writes)


def returns_value(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> bool:
    """The function gives back a value (a lambda always does), so calling it is not only drawing."""
    if isinstance(node, ast.Lambda):
        return True
    return any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(node))


def called_functions(node: ast.AST, ctx: Context, reads: dict[int, bool] | None = None) -> set[str]:
    """Notebook functions referenced inside ``node`` (called or passed along); ``reads``: the
    names that resolve to module scope (``scopes.module_reads``), when known."""
    return {
        n.id for n in ast.walk(node)
        if isinstance(n, ast.Name) and n.id in ctx.functions and (reads is None or id(n) in reads)
    }


def builtin_names() -> frozenset[str]:
    import builtins

    return frozenset(dir(builtins))
