"""Loop fission: a loop whose passes compute and draw, written as two loops. The first runs the
data statements and records, in each pass, the values its drawing statements read from the
pass; the second replays the drawing over those records:

    for style, degree in (("r-", 1), ("b--", 2)):          y_fit_per_pass = []
        model = make_model(degree).fit(X, y)                for style, degree in (...):
        y_fit = model.predict(X_new)              →             model = make_model(degree).fit(X, y)
        plt.plot(X_new, y_fit, style)                           y_fit = model.predict(X_new)
                                                                y_fit_per_pass.append((y_fit, style))
                                                            for y_fit, style in y_fit_per_pass:
                                                                plt.plot(X_new, y_fit, style)

A loop or `if` inside the pass that draws too is a level of its own: the pass records, with its
values, a list the inner loop fills (one record per inner pass; an `if` block's is filled once
when it runs), and the drawing loop replays it with an inner `for` (`plt.subplot(...)` per
outer pass, `plt.plot(...)` per inner pass). The record of a level is taken just before its
first drawing, and only in the passes that draw when its drawing is one `if` (`if epoch == 0:`
`plt.plot(...)`: the record is taken under the same test); the iterables are evaluated once, by
the data loop. The lists are datasets the
notebook has no variable for; the drawing loop draws only, so planning gives it a reporting node.

Faithful, hence done only, when the conditions of `loop_fission_checks` hold. Observation only,
as `drawing_split`: the cell is rewritten before its facts are taken."""

from __future__ import annotations

import ast
from dataclasses import replace

from ...model import ChunkFacts
from .bindings import bindings
from .calls import part_of_figure
from .chunks import CellCode, Chunk
from .classify import is_plot
from .code_text import dedent_code, indent_code
from .drawing_split import effects, position
from .loop_fission_checks import Block, Level, drawings, faithful, levels
from .walk_state import Context


def split_loop(chunk: Chunk, cell: CellCode, ctx: Context, taken: set[str]) -> CellCode | None:
    """The cell with the chunk's loop written as a data loop and a drawing loop, or None when
    it is no loop computing and drawing, or the fission would not be faithful."""
    if len(chunk.statements) != 1 or not isinstance(chunk.statements[0], ast.For):
        return None
    loop = chunk.statements[0]
    if loop.orelse or loop.col_offset:
        return None
    viz = set(ctx.viz_vars)
    try:
        whole = effects(loop, cell, ctx)
        if not whole.plot_calls or whole.plot_calls == whole.quiet_calls or is_plot(whole, bindings(loop), ctx):
            return None
        ctx.viz_vars = set(viz)
        top = level(loop.body, cell, ctx)
        read_after = faithful(loop, top, cell, ctx, viz) if top is not None else None
        if top is None or read_after is None:
            return None
    finally:
        ctx.viz_vars = viz
    renamed = {}
    for name in sorted(read_after):
        renamed[name] = f"{name}_drawn"
        while renamed[name] in taken:
            renamed[name] += "_2"
        taken.add(renamed[name])
    targets = {n.id for f in ast.walk(loop) if isinstance(f, ast.For) for n in ast.walk(f.target) if isinstance(n, ast.Name)}
    name_lists(top, loop, targets, taken)
    ctx.fission_lists |= {x.records for x in levels(top)}
    return rewritten(loop, top, cell, ctx, renamed)


def level(block: Block, cell: CellCode, ctx: Context) -> Level | None:
    """The drawing of ``block`` as a level (None when a statement both computes and draws and
    is no loop or `if` whose body can be a level)."""
    draws: list[int] = []
    nested: dict[int, Level] = {}
    for index, statement in enumerate(block):
        what = kind(statement, cell, ctx)
        if what == "draw":
            draws.append(index)
        elif what == "mixed":
            inner = inner_block(statement, cell, ctx)
            found = level(inner, cell, ctx) if inner is not None else None
            if found is None:
                return None
            nested[index] = found
    return Level(block, draws, nested, []) if draws or nested else None


def inner_block(statement: ast.stmt, cell: CellCode, ctx: Context) -> Block | None:
    """The body of a loop (no `else`), or of an `if` drawing in its body only, whose header draws
    nothing."""
    if isinstance(statement, (ast.For, ast.While)) and not statement.orelse:
        header = statement.iter if isinstance(statement, ast.For) else statement.test
        return None if effects(ast.Expr(header), cell, ctx).plot_calls else statement.body
    if isinstance(statement, ast.If) and not effects(ast.Expr(statement.test), cell, ctx).plot_calls:
        if not any(effects(s, cell, ctx).plot_calls for s in statement.orelse):
            return statement.body
    return None


def kind(statement: ast.stmt, cell: CellCode, ctx: Context) -> str:
    """"draw" (only draws, or names part of a figure), "data" (draws nothing) or "mixed". What a drawing statement binds
    is a figure name for the statements after it (`ax = axes[i, 0]`, then `ax.grid()`)."""
    fx = effects(statement, cell, ctx)
    binds = bindings(statement)
    figure_part = isinstance(statement, ast.Assign) and part_of_figure(statement.value, ctx)
    if fx.plot_calls and is_plot(fx, binds, ctx) or figure_part and not fx.mutates:
        ctx.viz_vars |= binds.defines | binds.maybe
        return "draw"
    return "mixed" if fx.plot_calls else "data"


def name_lists(current: Level, owner: ast.stmt, targets: set[str], taken: set[str]) -> None:
    """`<first value the pass computed>_per_pass` for each level's list (a loop variable's when
    it computes none the drawing reads); a level whose drawing reads nothing of its own, only
    an inner level's list, is named for that list and its loop variable
    (`theta_per_pass_per_epoch`), unused in the source; inner levels first."""
    for index, inner in current.nested.items():
        name_lists(inner, current.block[index], targets, taken)
    computed = [n for n in current.names if n not in targets] or current.names
    target = owner.target if isinstance(owner, ast.For) else None
    if computed:
        name = f"{computed[0].strip('_') or 'values'}_per_pass"
    else:
        per = f"_per_{target.id}" if isinstance(target, ast.Name) else "_passes"
        name = next(iter(current.nested.values())).records + per
    while name in taken:
        name += "_2"
    taken.add(name)
    current.records = name


def replayed(facts: ChunkFacts, chunk: Chunk, ctx: Context) -> ChunkFacts:
    """A drawing loop's facts without the names its loops over records bind: they may keep no
    earlier value (its records are one per drawing pass; the names bound are read by no later
    statement, or renamed), so the drawing node needs no earlier version of them."""
    statement = chunk.statements[0] if len(chunk.statements) == 1 else None
    if not isinstance(statement, ast.For) or not (isinstance(statement.iter, ast.Name) and statement.iter.id in ctx.fission_lists):
        return facts
    targets = {n.id for f in ast.walk(statement) if isinstance(f, ast.For) and isinstance(f.iter, ast.Name)
               and f.iter.id in ctx.fission_lists for n in ast.walk(f.target) if isinstance(n, ast.Name)}
    return replace(facts, maybe_defines=facts.maybe_defines - targets, uses=facts.uses - targets)


def record_of(current: Level, renamed: dict[str, str]) -> tuple[str, str]:
    """(the value appended, the drawing loop's target) of a level's record."""
    parts = [*current.names, *(inner.records for _, inner in sorted(current.nested.items()))]
    targets = [renamed.get(p, p) for p in parts]
    if len(parts) == 1:
        return parts[0], targets[0]
    return f"({', '.join(parts)})", ", ".join(targets)


def own_lines(statement: ast.stmt, lines: list[str]) -> bool:
    start = position(lines, statement.lineno, statement.col_offset)
    end_line = statement.end_lineno or statement.lineno
    rest = lines[end_line - 1][position(lines, end_line, statement.end_col_offset):]
    return not lines[statement.lineno - 1][:start].strip() and not rest.split("#")[0].strip()


def replay(current: Level, lines: list[str], prefix: str,
           renamed: dict[str, str]) -> list[tuple[str, int]]:
    """The drawing loop's body for one level: its drawing statements, and an inner `for` over
    each inner level's records, in the order of the block; each line with the cell's line it
    comes from."""
    out: list[tuple[str, int]] = []
    for index in range(current.first, current.last + 1):
        statement = current.block[index]
        if index in current.draws:
            text = "\n".join(lines[statement.lineno - 1: statement.end_lineno])
            out.extend((line, statement.lineno + k) for k, line in
                       enumerate(indent_code(dedent_code(text), prefix).split("\n")))
        elif index in current.nested:
            inner = current.nested[index]
            header = f"{prefix}for {record_of(inner, renamed)[1]} in {inner.records}:"
            out.append((header, statement.lineno))
            out.extend(replay(inner, lines, prefix + "    ", renamed))
    return out


def renamed_lines(lines: list[str], drawn: list[ast.stmt], renamed: dict[str, str]) -> list[str]:
    """``lines`` with the renamed names renamed in the drawing statements."""
    out = list(lines)
    loads = [n for s in drawn for n in ast.walk(s) if isinstance(n, ast.Name) and n.id in renamed]
    for node in sorted(loads, key=lambda n: (n.lineno, n.col_offset), reverse=True):
        start = position(lines, node.lineno, node.col_offset)
        end = position(lines, node.lineno, node.end_col_offset)
        text = out[node.lineno - 1]
        out[node.lineno - 1] = text[:start] + renamed[node.id] + text[end:]
    return out


def drawing_test(current: Level) -> str:
    """The test of the `if` that is a level's only drawing statement (no `else`, a test without
    calls: evaluating it once more changes nothing), or "": the passes it is false in draw
    nothing, and need no record. The drawing loop keeps the `if`, true for every record."""
    if current.nested or len(current.draws) != 1:
        return ""
    statement = current.block[current.draws[0]]
    if not isinstance(statement, ast.If) or statement.orelse or any(
            isinstance(n, (ast.Call, ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom,
                           ast.Lambda)) for n in ast.walk(statement.test)):
        return ""
    return ast.unparse(statement.test)


def rewritten(loop: ast.For, top: Level, cell: CellCode, ctx: Context, renamed: dict[str, str]) -> CellCode | None:
    """The cell's text with the loop as its data loop and its drawing loop (None when a drawing
    statement does not stand on lines of its own)."""
    lines = cell.lines
    drawn = drawings(top)
    if not all(own_lines(s, lines) for s in drawn + [x.block[x.first] for x in levels(top)]):
        return None
    deleted = {n for s in drawn for n in range(s.lineno, (s.end_lineno or s.lineno) + 1)}
    inserted: dict[int, list[str]] = {}
    for current in levels(top):
        at = current.block[current.first]
        indent = lines[at.lineno - 1][: position(lines, at.lineno, at.col_offset)]
        inits = [f"{indent}{inner.records} = []" for _, inner in sorted(current.nested.items())]
        record = f"{current.records}.append({record_of(current, renamed)[0]})"
        test = drawing_test(current)
        # a level drawing only under an `if` records only the passes that draw
        records = ([f"{indent}if {test}:", f"{indent}    {record}"] if test
                   else [f"{indent}{record}"])
        inserted[at.lineno] = [*inits, *records]
    end = loop.end_lineno or loop.lineno
    data = [(line, number) for number in range(loop.lineno, end + 1)
            for line in [*inserted.get(number, []), *([] if number in deleted else [lines[number - 1]])]]
    drawing_loop = replay(top, renamed_lines(lines, drawn, renamed), "    ", renamed)
    numbered = [*((line, n) for n, line in enumerate(lines[: loop.lineno - 1], 1)),
                (f"{top.records} = []", loop.lineno), *data,
                (f"for {record_of(top, renamed)[1]} in {top.records}:", loop.lineno), *drawing_loop,
                *((line, n) for n, line in enumerate(lines[end:], end + 1))]
    code = "\n".join(line for line, _ in numbered)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    # each line keeps the notebook's line it comes from: diagnostics, capture points name it
    done = cell.rewritten(code, tree, [n for line, n in numbered for _ in line.split("\n")])
    new_loop = next(s for s in tree.body if s.lineno == loop.lineno + 1)
    drawing = next(s for s in tree.body if s.lineno > new_loop.lineno)
    if {n.id for n in ast.walk(drawing) if isinstance(n, ast.Name)} & renamed.keys():
        return None  # a read the renaming missed (positions inside an f-string, say)
    viz = set(ctx.viz_vars)
    try:
        if effects(new_loop, done, ctx).plot_calls or not is_plot(effects(drawing, done, ctx), bindings(drawing), ctx):
            return None
    finally:
        ctx.viz_vars = viz
    return done
