"""Call sites of the notebook's functions and of local modules' functions, as their node runs
them: the keyword arguments passing the globals a function reads and the files it opens, a
function passed as a value wrapped with those, `__main__`-only names read from their module;
and the call sites inside functions a node makes, once every cell is read."""

from __future__ import annotations

import ast
from dataclasses import replace

from ...knowledge import calls as tables
from ...knowledge import io_calls
from ...model import ChunkFacts, Edit, FileAccess
from ...model.facts import AccessMode
from ...model.symbols import File
from .chunks import CellCode, Chunk
from .scopes import keyword_for, module_reads
from .walk_state import Context, FunctionSummary

METHOD_FIRST_PARAMS = frozenset({"self", "cls"})


def call_site_edits(facts: ChunkFacts, chunk: Chunk, cell: CellCode, ctx: Context,
                    later: bool = False) -> ChunkFacts:
    """Calls to notebook functions pass the globals the function reads as keyword arguments, and
    the catalog's paths of the files it opens by a literal path (`save()` → `save(b_txt_file=
    b_txt_path)`): those files are datasets of the calling node. A function passed as a value
    (`map(f, xs)`, `df.apply(f)`) is passed as `with_globals(f, k=k, ...)` (the project's
    `binding.py`: a function still, with its notebook signature). Only names that
    resolve to the notebook's function count (not a parameter or local of the same name);
    ``later``: the calls inside the bodies of functions the chunk makes (they run when those are
    called: once every cell is read, see ``deferred_call_sites``), else the ones run at once."""
    edits: list[Edit] = []
    uses, defines, files = set(facts.uses), set(facts.defines), list(facts.files)

    def pass_files(summary: FunctionSummary, line: int, col: int, glue: bool) -> None:
        for number, (mode, spelled, name) in enumerate(f for f in summary.files if f[2]):
            access = FileAccess(io_calls.normalise(spelled, ctx.workdir, ctx.root), spelled,
                                mode, "path")
            files.append(access)
            symbol = File(access.path)
            if mode in ("read", "append"):
                uses.add(symbol)
            if mode in ("write", "append"):
                defines.add(symbol)
            comma = ", " if glue or number else ""
            edits.append(Edit(line, col, line, col, "text", None, f"{comma}{name}="))
            edits.append(Edit(line, col, line, col, "path", symbol, mode))

    for statement in chunk.statements:
        if facts.kind == "def" and isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue  # moved to the functions module: codegen passes its globals on there
        called = {id(n.func) for n in ast.walk(statement) if isinstance(n, ast.Call)}
        looked_into = {id(n.value) for n in ast.walk(statement) if isinstance(n, ast.Attribute)}
        reads = module_reads(statement)
        for node in ast.walk(statement):
            if isinstance(node, (ast.Name, ast.Attribute)) and reads.get(id(root_name(node))) is not later:
                continue
            if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
                if reads.get(id(root_name(node.func))) is not later:
                    continue
                summary = ctx.callee(node.func)
                defaults = left_out_defaults(node, summary) if summary else ()
                if summary is None or not (summary.free or any(f[2] for f in summary.files) or defaults):
                    continue
                line, col, comma = insertion_point(node, cell, chunk.start)
                pieces = [f"{keyword_for(n, summary.local_names)}={n}" for n in sorted(summary.free)]
                edits.append(Edit(line, col, line, col, "text", None, comma + ", ".join(pieces)))
                pass_files(summary, line, col, bool(pieces))
                given = bool(pieces) or any(f[2] for f in summary.files)
                pass_files(replace(summary, files=defaults), line, col, given)
                uses |= summary.free
            elif (isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load)
                  and id(node) not in called | looked_into):
                summary = ctx.callee(node)  # a local module's function too (`loaders.load`)
                if summary is None or not (summary.free or any(f[2] for f in summary.files)):
                    continue
                at = value_span(node, cell, chunk.start)
                passed = "".join(f", {keyword_for(n, summary.local_names)}={n}" for n in sorted(summary.free))
                method = bool(summary.params) and summary.params[0] in METHOD_FIRST_PARAMS
                opening = (f"(lambda *args, **kwargs: {io_calls.dotted(node)}(*args{passed}" if method
                           else f"with_globals({io_calls.dotted(node)}{passed}")
                edits.append(Edit(*at, "text", None, opening))
                pass_files(summary, at[2], at[3], True)
                edits.append(Edit(at[2], at[3], at[2], at[3], "text", None, ", **kwargs))" if method else ")"))
                uses |= summary.free | ({"with_globals"} if not method else set())
    return replace(facts, edits=facts.edits + tuple(edits), uses=frozenset(uses),
                   defines=frozenset(defines), files=tuple(files))


def main_namespace_edits(facts: ChunkFacts, chunk: Chunk, cell: CellCode, ctx: Context) -> ChunkFacts:
    """Reads of a `__main__`-only name (tables.MAIN_NAMESPACE_NAMES) read its module instead."""
    edits, uses = [], set(facts.uses) - tables.MAIN_NAMESPACE_NAMES.keys()
    for statement in chunk.statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and node.id in tables.MAIN_NAMESPACE_NAMES and node.id not in ctx.bound:
                statement_code, module = tables.MAIN_NAMESPACE_NAMES[node.id]
                ctx.implied_imports.add(statement_code)
                if facts.kind != "def":  # the functions module: codegen rewrites it there
                    edits.append(Edit(*value_span(node, cell, chunk.start), "text", None, module))
                    uses.add(module)
    return replace(facts, edits=facts.edits + tuple(edits), uses=frozenset(uses))


def deferred_call_sites(chunks: list[ChunkFacts], read: list[tuple[Chunk, CellCode]],
                        ctx: Context) -> list[ChunkFacts]:
    """Call sites inside the functions and lambdas a node makes for itself (kind "data"): they
    run when called, so they pass what the callee reads once every cell is read (a helper
    defined in a later cell too)."""
    final = ctx.functions
    module = ctx.module_functions()  # a function made in one node sees the module's
    # ... until a node defines that name again: from there on it is that node's definition (or
    # the value handed on from it), a closure passed nothing
    again: set[str] = set()
    done = []
    try:
        for facts, (chunk, cell) in zip(chunks, read, strict=True):
            again |= facts.local_classes & ctx.replaced.keys()
            ctx.functions = {n: s for n, s in module.items() if n not in again}
            done.append(call_site_edits(facts, chunk, cell, ctx, later=True)
                        if facts.kind != "def" and any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                                                       for s in chunk.statements for n in ast.walk(s)) else facts)
        return done
    finally:
        ctx.functions = final


def root_name(node: ast.expr) -> ast.expr:
    """`a` for `a.b.c`: the name a dotted expression starts from (else the expression)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node


def left_out_defaults(call: ast.Call, summary: FunctionSummary,
                      ) -> tuple[tuple[AccessMode, str, str], ...]:
    """(mode, default path, parameter) of the parameters the function opens that the call leaves
    to their static default (`def get(name="x.json"): ...`, then `get()`): the call passes them."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return ()
    given = {k.arg for k in call.keywords} | set(summary.params[: len(call.args)])
    return tuple((mode, default, param) for param, mode, default in summary.param_files
                 if default and param not in given)


def value_span(node: ast.expr, cell: CellCode, start: int) -> tuple[int, int, int, int]:
    """(line, col, end line, end col) of an expression, in chunk lines and characters."""
    from .calls import char_col

    line, end = node.lineno, node.end_lineno or node.lineno  # parsed nodes always have an end
    col = char_col(cell.lines[line - 1], node.col_offset)
    end_col = char_col(cell.lines[end - 1], node.end_col_offset)
    return line - start + 1, col, end - start + 1, end_col


def insertion_point(call: ast.Call, cell: CellCode, start: int) -> tuple[int, int, str]:
    """(line, column, ", " or "") where `, a=a` goes: right after the call's last argument (or
    inside an empty call), so trailing commas and comments inside the call stay valid."""
    from .calls import char_col

    arguments = [*call.args, *(k.value for k in call.keywords)]
    if arguments:
        last = max(arguments, key=lambda a: (a.end_lineno, a.end_col_offset))
        line_number, byte_col, comma = last.end_lineno, last.end_col_offset, ", "
    else:
        line_number, byte_col, comma = call.end_lineno, (call.end_col_offset or 1) - 1, ""
    assert line_number is not None and byte_col is not None, call  # (parsed code has them)
    col = char_col(cell.lines[line_number - 1], byte_col)
    return line_number - start + 1, col, comma
