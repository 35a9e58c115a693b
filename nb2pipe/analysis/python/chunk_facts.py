"""One chunk → ChunkFacts: bindings, effects and kind, merged over the chunk's statements; and
the context updates later chunks depend on (static strings, generator objects, figures, functions,
working directory)."""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import replace

from ...knowledge import calls as tables
from ...knowledge import io_calls
from ...model import ChunkFacts, Diagnostic, Source
from ...model.symbols import Symbol
from . import containers, figure_values, random_calls
from .bindings import bindings, with_targets
from .call_sites import call_site_edits, main_namespace_edits
from .calls import EffectsCollector
from .chunks import CellCode, Chunk
from .classify import classify, literal_binding
from .context_updates import update_context
from .definitions import (
    declared_globals,
    defined_name,
    literal_text,
    nested_definitions,
    nonlocal_edits,
    placement,
)
from .formulas import evaluates_formula
from .functions import evaluated_names, propagate
from .iterators import iterated, note_iterators
from .unread_drawing import unread_drawing
from .walk_state import Context


def analyze_chunk(chunk: Chunk, cell: CellCode, order: int, ctx: Context, source: Source) -> ChunkFacts:
    parts = [analyze_statement(s, cell, ctx) for s in chunk.statements]
    facts = merge(parts, chunk, cell, order)
    facts = call_site_edits(facts, chunk, cell, ctx)
    facts = main_namespace_edits(facts, chunk, cell, ctx)
    where = str(source.path)
    diagnostics = tuple(
        replace(d, source=where, cell=cell.cell.ref, line=d.line) for d in facts.diagnostics
    )
    return replace(facts, diagnostics=diagnostics + dynamic_code(chunk, where, cell.cell.ref))


def analyze_statement(statement: ast.stmt, cell: CellCode, ctx: Context) -> ChunkFacts:
    binds = bindings(statement)
    shown = figure_values.shown(statement, cell)
    collector = EffectsCollector(ctx, cell.lines, statement, shown=shown)
    collector.visit(statement)
    fx = collector.fx
    fx.mutates -= with_targets(statement)
    used = iterated(statement, ctx)
    fx.mutates |= used  # a used-up iterator is a changed one
    widened = containers.widen(fx.mutates, ctx, statement)  # what the changed objects hold, or are held by
    linked = widened if widened != fx.mutates else set()
    fx.mutates = widened
    kind, scope = classify(statement, fx, binds, ctx)
    if kind == "data" and unread_drawing(statement, fx, binds, cell.tree, ctx):
        kind = "plot"  # its data work is read by nobody: drawing work
    drawn = figure_values.drawn(statement, cell, ctx)
    if drawn and kind in ("display", "data"):  # showing it draws it: drawing work
        kind = "plot"
    if kind == "data" and defined_name(statement) and declared_globals(statement):
        edits, created = nonlocal_edits(statement, ctx.bound, cell.lines)
        fx.edits.extend(edits)
        fx.defines |= created
    # a value the statement itself makes before changing it (`acc = []`, then `acc.append(x)` in
    # a loop's pass) is no earlier value it reads
    fresh = (binds.defines | binds.maybe) - binds.uses
    uses = (binds.uses - only_in_paths(statement, fx.path_names)) | fx.uses | (fx.mutates - fresh)
    if defined_name(statement):  # a body's formulas read imports and functions too
        uses |= evaluated_names(statement, ctx)
    defines = binds.defines | fx.defines
    constants: tuple[tuple[str, object], ...] = ()
    if kind == "param":
        binding = literal_binding(statement)
        assert binding is not None, statement  # (a "param" chunk binds a literal)
        constants = (binding,)
    bound = variable_names(defines | binds.maybe)  # the context follows variables, not files
    update_context(statement, kind, scope, bound, ctx, cell)
    note_iterators(statement, bound, ctx)
    unpicklable = (used | bound) & ctx.unpicklable_iterators
    figure_values.note_bindings(statement, bound, ctx)
    ctx.bound |= bound
    note_definition(statement, kind, fx.mutates | binds.deletes | bound, ctx, cell)
    containers.record(statement, ctx, bound | binds.deletes)
    random_calls.note_estimators(statement, ctx, bound | binds.deletes)
    return ChunkFacts(
        cell=cell.cell.index,
        order=0,
        code="",
        line=statement.lineno,
        kind=kind,
        defines=frozenset(defines),
        uses=frozenset(uses),
        mutates=frozenset(fx.mutates),
        deletes=frozenset(binds.deletes),
        maybe_defines=frozenset(binds.maybe),
        files=tuple(fx.files),
        edits=tuple(fx.edits),
        constants=constants,
        # `_` and IPython's history names never cross nodes: bound here, they stay here
        unpersistable=frozenset(unpersistable(statement, ctx) | unpicklable
                                | tables.throwaway(defines | binds.maybe | fx.mutates)),
        diagnostics=tuple(fx.diagnostics),
        scope=scope,
        draws=fx.plot_calls > 0 or bool(drawn),
        unseeded=tuple(dict.fromkeys(fx.unseeded_draws)),
        quiet=0 < fx.plot_calls == fx.quiet_calls and not drawn,
        local_classes=local_definitions(statement, kind),
        drawn=drawn,
        passed_as_is=frozenset(linked | (variable_names(defines)
                                         if kind == "data" and evaluates_formula(statement, ctx) else set())),
    )


def variable_names(symbols: set[Symbol]) -> set[str]:
    """The variable names among ``symbols`` (not files, random generators, parameters)."""
    return {s for s in symbols if isinstance(s, str)}


def local_definitions(statement: ast.stmt, kind: str) -> frozenset[str]:
    """Functions and classes the statement defines in its node (not in the functions module)."""
    if kind != "data":  # moved to the functions module, or hoisted with the imports
        return frozenset()
    name = defined_name(statement)
    return nested_definitions(statement) if name is None else frozenset([name])


def note_definition(statement: ast.stmt, kind: str, changed: set[str], ctx: Context, cell: CellCode) -> None:
    """Literal values a later definition may copy into the functions module (``changed``: names
    the statement binds, changes or deletes), the constants a definition moved there needs, and
    the definitions that stay in their node."""
    for changed_name in changed:
        ctx.literals.pop(changed_name, None)
    if kind == "param":
        binding = literal_binding(statement)
        assert binding is not None, statement  # (a "param" chunk binds a literal)
        ctx.literals[binding[0]] = literal_text(statement, cell.code)
    name = defined_name(statement)
    if name is None:
        return
    if kind == "def":
        ctx.local_definitions.discard(name)
        for constant in placement(statement, ctx)[1]:
            ctx.module_constants.setdefault(constant, ctx.literals[constant])
    else:
        ctx.local_definitions.add(name)
        if name in ctx.functions:  # a closure over the node's values: nothing is passed to it
            ctx.functions[name] = replace(ctx.functions[name], free=frozenset(), own_paths=(),
                                          files=tuple((m, p, "") for m, p, _ in ctx.functions[name].files))
    propagate(ctx, name)


def merge(parts: list[ChunkFacts], chunk: Chunk, cell: CellCode, order: int) -> ChunkFacts:
    """Statements sharing lines form one chunk: later reads of earlier bindings are not uses."""
    first = parts[0]
    defines: set[Symbol] = set()
    uses: set[Symbol] = set()
    for part in parts:
        uses |= part.uses - defines
        defines |= part.defines
    kinds = {p.kind for p in parts}
    shift = chunk.start - 1
    edits = tuple(
        replace(e, line=e.line - shift, end_line=e.end_line - shift)
        for p in parts
        for e in p.edits
    )
    return replace(
        first,
        order=order,
        code=chunk.code,
        line=chunk.start,
        end_line=chunk.end,
        # a parameter is one statement (`a = []; b = []` on one line: data)
        kind=first.kind if len(kinds) == 1 and (first.kind != "param" or len(parts) == 1) else "data",
        defines=frozenset(defines),
        uses=frozenset(uses),
        mutates=frozenset().union(*(p.mutates for p in parts)),
        deletes=frozenset().union(*(p.deletes for p in parts)),
        maybe_defines=frozenset().union(*(p.maybe_defines for p in parts)),
        files=tuple(f for p in parts for f in p.files),
        edits=edits,
        constants=tuple(c for p in parts for c in p.constants) if len(parts) == 1 else (),
        unpersistable=frozenset().union(*(p.unpersistable for p in parts)),
        diagnostics=tuple(d for p in parts for d in p.diagnostics),
        draws=any(p.draws for p in parts),
        unseeded=tuple(dict.fromkeys(n for p in parts for n in p.unseeded)),
        quiet=all(p.quiet or not p.draws for p in parts) and any(p.draws for p in parts),
        local_classes=frozenset().union(*(p.local_classes for p in parts)),
        passed_as_is=frozenset().union(*(p.passed_as_is for p in parts)),
        drawn=parts[-1].drawn,
    )


def only_in_paths(statement: ast.stmt, path_names: set[str]) -> set[str]:
    """Names whose every read is inside a path expression the catalog now owns."""
    if not path_names:
        return set()
    loads = Counter(n.id for n in ast.walk(statement) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load))
    return {name for name in path_names if loads[name] <= 1}


#: Calls giving a value pickle cannot store: every call of the I/O table that opens a file in
#: a mode it is given (`open`, `gzip.open`, `zipfile.ZipFile`, `h5py.File`, ...: a handle), an
#: iterator, an argument parser (the last two open no file: no row of the I/O table).
OPENERS = (*(q for q, (_, _, mode) in io_calls.PATH_PASSING.items() if mode == "mode"),
           "iter", "argparse.ArgumentParser")


def unpersistable(statement: ast.stmt, ctx: Context) -> set[str]:
    """Names bound to values no dataset can store: generators, open files (pickle cannot),
    None (Kedro refuses to save it); or that must not leave their node (a function
    rebinding the node's variables)."""
    name = defined_name(statement)
    if name and declared_globals(statement):
        return {name}
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return {item.optional_vars.id for item in statement.items
                if isinstance(item.optional_vars, ast.Name) and isinstance(item.context_expr, ast.Call)
                and (ctx.qualname(item.context_expr.func) in OPENERS
                     or getattr(item.context_expr.func, "attr", "") == "open")}
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
        return set()
    target, value = statement.targets[0], statement.value
    if not isinstance(target, ast.Name):
        return set()
    if isinstance(value, ast.GeneratorExp):
        return {target.id}
    if isinstance(value, ast.Call) and ctx.qualname(value.func) in OPENERS:
        return {target.id}
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        summary = ctx.functions.get(value.func.id)
        if summary is not None and (summary.generator or not summary.returns):
            return {target.id}
    if isinstance(value, ast.Call) and gives_none(value, ctx):
        return {target.id}  # None: Kedro saves no None
    return set()


def gives_none(call: ast.Call, ctx: Context) -> bool:
    """The call always gives None (tables.NONE_FUNCTIONS, NONE_METHODS, `inplace=True`)."""
    qual = ctx.qualname(call.func)
    if qual in tables.NONE_FUNCTIONS:
        return True
    method = call.func.attr if isinstance(call.func, ast.Attribute) else None
    if method in tables.NONE_METHODS and qual is None:
        return True
    return any(k.arg == "inplace" and isinstance(k.value, ast.Constant) and k.value.value is True
               for k in call.keywords)


#: A function whose first parameter is named so is written to be a method: passed as a value it
#: may be stored on a class (`setattr(C, "__init__", f)`, `type("C", (), {"m": f})`), where only a
#: function (not a `functools.partial`) is bound to the instance, so it is wrapped in a lambda.


def dynamic_code(chunk: Chunk, where: str, ref: str) -> tuple[Diagnostic, ...]:
    """exec/eval/globals()/star imports: analysis cannot see what they do."""
    found = []
    for node in (n for s in chunk.statements for n in ast.walk(s)):
        name = node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else ""
        if isinstance(node, ast.Call) and name in (
                "exec", "eval", "globals", "locals", "vars", "setattr", "__import__"):
            found.append(Diagnostic("warning", "dynamic-code",
                                    f"`{name}(...)` can define or change names analysis cannot see; "
                                    "the statement is kept together with its neighbours", where, ref, node.lineno))
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            found.append(Diagnostic("warning", "star-import",
                                    f"`from {node.module} import *` hides which names it defines",
                                    where, ref, node.lineno))
    return tuple(found)
