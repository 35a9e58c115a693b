"""Analysis: Source → SourceFacts. Observes what every top-level statement does; decides nothing.

Facts are computed with the standard library's `ast` (fast, exact positions); the rewrites they
call for are recorded as `Edit`s at exact character spans and applied later, so the user's code
keeps its formatting and comments byte for byte.
"""

from __future__ import annotations

import ast
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from ..errors import InputError
from ..model import ChunkFacts, Diagnostic, Source, SourceFacts
from ..model.disk import EMPTY_DISK, DiskSnapshot
from ..options import Options
from ..readers import requirement_files
from ..readers.disk_view import DiskView
from ..readers.ipython import translate
from .python.call_sites import deferred_call_sites
from .python.chunk_facts import analyze_chunk
from .python.chunks import CellCode, Chunk, split_chunks
from .python.drawing_split import split_drawing
from .python.functions import later_definitions, redefinitions
from .python.imports import collect_aliases, source_root
from .python.input_history import bind_input_history
from .python.local_modules import helper_function, module_origin
from .python.loop_fission import replayed, split_loop
from .python.main_name import bind_main_name
from .python.output_history import bind_output_history
from .python.walk_state import Context


def analyze(source: Source, options: Options = Options(), disk: DiskSnapshot = EMPTY_DISK) -> SourceFacts:
    """Facts for every chunk of ``source``, in order: a function of the source and of ``disk``,
    readers' snapshot (`readers.workspace.take`: local modules, files checked for, requirement
    files; a disk with nothing on it by default).

    Raises:
        InputError: a code cell does not parse (every such cell is listed).
        UnseenPaths: the analysis asked about paths ``disk`` does not cover (readers look at them
            and the analysis runs again: `reading.Seen`); raised in place of any other error then, which
            may come from the paths answered "not there".
    """
    if source.language == "bash":  # scripts are the drivers' (`drivers.analyze_source`)
        raise ValueError(f"{source.path}: a shell script, analysed by nb2pipe.drivers")
    files = DiskView(disk)
    try:
        facts = analyze_seen(source, options, files)
    except Exception:
        if not files.complete():
            raise files.unseen() from None
        raise
    if not files.complete():
        raise files.unseen()
    return facts


def analyze_seen(source: Source, options: Options, files: DiskView) -> SourceFacts:
    """`analyze`, asking ``files``."""
    cells, notes, pips = translate_cells(source)
    cells, guards = bind_main_name(source, cells)  # scripts too: they run as `__main__`
    notes = [*notes, *guards]
    if source.kind == "notebook":  # a plain script has no display hook, hence no `_`, `In`
        cells, inputs = bind_input_history(source, cells)
        cells, history = bind_output_history(source, cells)
        notes = [*notes, *inputs, *history]
    root = source_root(source)
    ctx = Context(root=root, workdir=source_workdir(source, root), source_file=source.abspath,
                  helpers=helper_function, files=files)
    pips, unread = requirement_files.expand(pips, ctx.workdir, str(source.path), ctx.files)
    notes = [*notes, *unread]
    imports: list[str] = []
    import_names: list[frozenset[str]] = []
    for cell in cells:
        for statement_code, names in collect_aliases(cell.tree, cell.code, ctx):
            imports.append(statement_code)
            import_names.append(names)
    for implied in sorted({i for cell in cells for i in cell.implied_imports}):
        tree = ast.parse(implied)
        imports.append(implied)
        import_names.append(frozenset(collect_aliases(tree, implied, ctx)[0][1]))
    ctx.later_definitions = later_definitions([cell.tree for cell in cells])
    ctx.redefined = redefinitions([cell.tree for cell in cells])
    chunks: list[ChunkFacts] = []
    definitions: list[tuple[str, str]] = []
    read: list[tuple[Chunk, CellCode]] = []
    taken = {n.id for cell in cells for n in ast.walk(cell.tree) if isinstance(n, ast.Name)}
    for position, cell in enumerate(cells):
        ctx.later_trees = tuple(c.tree for c in cells[position + 1:])
        pieces, index = split_chunks(cell), 0
        while index < len(pieces):
            split = split_drawing(pieces[index], cell, ctx, taken) or split_loop(pieces[index], cell, ctx, taken)
            if split is not None:  # its computing parts first, then the drawing alone
                cell, pieces = split, split_chunks(split)
                continue
            chunk = pieces[index]
            index += 1
            facts = replayed(analyze_chunk(chunk, cell, len(chunks), ctx, source), chunk, ctx)
            facts = in_notebook_lines(facts, cell)
            chunks.append(facts)
            read.append((chunk, cell))
            if facts.kind == "def":
                definitions.extend((name, facts.code) for name in sorted(facts.defines) if isinstance(name, str))
    chunks = deferred_call_sites(chunks, read, ctx)
    for implied in sorted(ctx.implied_imports - set(imports)):
        imports.append(implied)
        import_names.append(frozenset(collect_aliases(ast.parse(implied), implied, ctx)[0][1]))
    local, third_party = module_origin(imports, ctx, source)
    diagnostics = list(notes)
    for done in chunks:
        diagnostics.extend(done.diagnostics)
    return SourceFacts(
        source=source,
        chunks=tuple(chunks),
        imports=tuple(imports),
        import_names=tuple(import_names),
        definitions=tuple(definitions),
        function_globals=tuple(sorted(
            (n, s.free | {p for _, _, p in s.files if p}) for n, s in ctx.module_functions().items())),
        function_paths=tuple(sorted((n, s.own_paths) for n, s in ctx.module_functions().items() if s.own_paths)),
        module_constants=tuple(ctx.module_constants.items()),
        local_modules=local,
        third_party=third_party,
        pip_installs=tuple(pips),
        diagnostics=tuple(diagnostics),
    )


def in_notebook_lines(facts: ChunkFacts, cell: CellCode) -> ChunkFacts:
    """A chunk of a rewritten cell (loop fission, a drawing call split) names the notebook's
    lines: where it starts and ends (verify's capture point), where its diagnostics point."""
    if not cell.origin:
        return facts
    diagnostics = tuple(replace(d, line=cell.original(d.line)) if d.line else d
                        for d in facts.diagnostics)
    return replace(facts, line=cell.original(facts.line), end_line=cell.original(facts.end_line),
                   diagnostics=diagnostics)


def translate_cells(source: Source) -> tuple[list[CellCode], list[Diagnostic], list[str]]:
    """Translate magics and parse every code cell; all syntax errors are reported together."""
    cells: list[CellCode] = []
    notes: list[Diagnostic] = list(source.notes)
    problems: list[Diagnostic] = []
    pips: list[str] = []
    where = str(source.path)
    for cell in source.cells:
        if cell.kind != "code":
            continue
        if "skip" in cell.tags:
            notes.append(Diagnostic("info", "skipped", "cell tagged `skip`: not converted", where, cell.ref))
            continue
        translated = translate(cell.source)
        pips.extend(translated.pip_installs)
        notes.extend(
            Diagnostic(n.level, n.code, n.message, where, cell.ref) for n in translated.notes
        )
        tree, problem = parse_cell(translated.code, where, cell.ref)
        if problem:
            problems.append(problem)
            continue
        cells.append(CellCode(cell, translated.code, tree, translated.imports))
    if problems:
        raise InputError(problems)
    return cells, notes, pips


#: The interpreter's recursion limit when nb2pipe was imported: cells deeper than Python can
#: compile under it are refused. Analysis itself, whose `ast` visitors recurse a few frames per
#: level of nesting, runs under `ANALYSIS_LIMIT` (api.generate): `b = a+a+...` with 500 terms
#: is valid Python and must convert.
PYTHON_LIMIT = sys.getrecursionlimit()
ANALYSIS_LIMIT = 20 * PYTHON_LIMIT


@contextmanager
def recursion_limit(limit: int) -> Iterator[None]:
    """Run with Python's recursion limit set to ``limit``, then restore it."""
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(limit)
    try:
        yield
    finally:
        sys.setrecursionlimit(saved)


#: Compile errors that are no error in Jupyter, with what to do instead.
JUPYTER_ONLY = {
    "'await' outside function": "top-level await runs in Jupyter, not in a pipeline node: put "
    "the code in an `async def` and run it with `asyncio.run(...)`",
    "asynchronous comprehension outside of an asynchronous function": "top-level async code "
    "runs in Jupyter, not in a pipeline node: move it into an `async def` run by `asyncio.run`",
}


def parse_cell(code: str, where: str, ref: str) -> tuple[ast.Module, Diagnostic | None]:
    """The cell's tree, or the error Python gives for it: a parse error, or one found when
    compiling (`return`/`yield`/`await` outside a function, `break` outside a loop...: `ast.parse`
    accepts them, a Kedro node could not run them)."""
    try:
        with recursion_limit(PYTHON_LIMIT):  # what Python itself compiles (C recursion: no more)
            tree = ast.parse(code)
            compile(tree, where, "exec", dont_inherit=True)
    except SyntaxError as error:
        message = JUPYTER_ONLY.get(error.msg, f"syntax error: {error.msg}")
        problem = Diagnostic("error", "syntax-error", message, where, ref, error.lineno)
        return ast.Module([], []), problem
    except ValueError as error:  # a NUL byte (Python 3.11)
        problem = Diagnostic("error", "syntax-error", f"syntax error: {error}", where, ref)
        return ast.Module([], []), problem
    except (RecursionError, MemoryError):
        message = "nested too deeply for Python to compile (its recursion limit)"
        return ast.Module([], []), Diagnostic("error", "too-deep", message, where, ref)
    return tree, None


def source_workdir(source: Source, root: str) -> str:
    """The folder the code runs in: the source's own, unless a driver script runs it elsewhere."""
    if source.workdir:
        return os.path.normpath(os.path.join(root, source.workdir))
    return os.path.dirname(source.abspath)


__all__ = ["analyze"]
