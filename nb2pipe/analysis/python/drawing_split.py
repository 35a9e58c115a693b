"""A statement that computes and draws at once, written as two: the computing parts of its
drawing call (the receiver, computing arguments) first, each bound to a name of its own, then the
drawing call reading those names. `kmf.fit(T, E).plot(ax=ax)` becomes `kmf_fit = kmf.fit(T, E)`
and `kmf_fit.plot(ax=ax)`; `plt.hist(np.random.rand(100), bins=5)` becomes
`random_rand = np.random.rand(100)` and `plt.hist(random_rand, bins=5)`. The parts run in the
order Python evaluates them (receiver, then arguments left to right), so effects and values stay
the same; the drawing statement is then a drawing only, and planning gives it a reporting node.

Observation only: the cell's code is rewritten before its facts are taken, as magics are, and
nothing is split unless the remaining statement draws only (``classify.is_plot``)."""

from __future__ import annotations

import ast

from .bindings import bindings
from .call_effects import CallEffects
from .calls import EffectsCollector
from .chunks import CellCode, Chunk
from .classify import is_plot
from .walk_state import Context


def split_drawing(chunk: Chunk, cell: CellCode, ctx: Context, taken: set[str]) -> CellCode | None:
    """The cell with the chunk's statement split into its computing parts and its drawing, or
    None when it is not a drawing call with computing parts that can leave it. ``taken``: the
    names the source uses (new names avoid them; the next statement split may use them again,
    a new version of the same value)."""
    if len(chunk.statements) != 1:
        return None
    statement = chunk.statements[0]
    call = drawing_call(statement)
    if call is None:
        return None
    whole = effects(statement, cell, ctx)
    if not whole.plot_calls or whole.plot_calls == whole.quiet_calls:
        return None
    if is_plot(whole, bindings(statement), ctx):
        return None
    parts = [p for p in candidates(call) if computes(p, cell, ctx)]
    if not parts:
        return None
    lines = cell.lines
    names: list[str] = []
    for part in parts:  # unique within the statement; a later statement may bind them again
        names.append(fresh_name(part, call, taken | set(names)))
    head = [f"{n} = {wrapped(segment(lines, p))}" for n, p in zip(names, parts, strict=True)]
    rest = replaced(lines, statement, list(zip(parts, names, strict=True)))
    after = lines[statement.end_lineno or statement.lineno:]
    code = "\n".join(lines[: statement.lineno - 1] + head + rest + after)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    at = statement.lineno + sum(h.count("\n") + 1 for h in head)
    drawing = next(s for s in tree.body if s.lineno == at)
    mutated = set().union(*(effects(ast.Expr(p), cell, ctx).mutates for p in parts))
    read = {n.id for n in ast.walk(drawing) if isinstance(n, ast.Name)}
    drawn = effects(drawing, CellCode(cell.cell, code, tree), ctx)
    if read & mutated or not is_plot(drawn, bindings(drawing), ctx):
        return None
    end = statement.end_lineno or statement.lineno
    sources = [*range(1, statement.lineno),
               *(statement.lineno for h in head for _ in h.split("\n")),
               *(min(statement.lineno + k, end) for k, _ in enumerate("\n".join(rest).split("\n"))),
               *range(end + 1, end + 1 + len(after))]
    return cell.rewritten(code, tree, sources)  # diagnostics name the notebook's lines


def drawing_call(statement: ast.stmt) -> ast.Call | None:
    """The call a statement is (`x.plot(...)`), or binds to plain names (`ax = sns.histplot(...)`)."""
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        return statement.value
    if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call) and all(
            isinstance(n, ast.Name) for t in statement.targets for n in getattr(t, "elts", [t])):
        return statement.value
    return None


def candidates(call: ast.Call) -> list[ast.expr]:
    """Sub-expressions evaluated before the call, in Python's order: the receiver of a method,
    then the arguments as written (a starred one ends the list: its unpacking is the call's)."""
    found: list[ast.expr] = []
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    if receiver is not None and any(isinstance(n, ast.Call) for n in ast.walk(receiver)):
        found.append(receiver)
    arguments = sorted([*call.args, *(k.value for k in call.keywords if k.arg is not None)],
                       key=lambda n: (n.lineno, n.col_offset))
    for argument in arguments:
        if isinstance(argument, ast.Starred) or any(k.arg is None for k in call.keywords):
            break
        found.append(argument)
    return found


def effects(statement: ast.stmt, cell: CellCode, ctx: Context) -> CallEffects:
    collector = EffectsCollector(ctx, cell.lines, statement, top_level=False)
    collector.visit(statement)
    return collector.fx


def computes(part: ast.expr, cell: CellCode, ctx: Context) -> bool:
    """A part whose work the drawing may not do and that draws nothing: it changes a value,
    draws from a generator or reads a file (a pure computation, `np.arange(5)`, may stay)."""
    if not any(isinstance(n, ast.Call) for n in ast.walk(part)):
        return False
    fx = effects(ast.Expr(part), cell, ctx)
    read = {n.id for n in ast.walk(part) if isinstance(n, ast.Name)}
    return not fx.plot_calls and bool(fx.mutates or fx.uses - read or fx.defines or fx.files)


def fresh_name(part: ast.expr, call: ast.Call, taken: set[str]) -> str:
    """`kmf.fit(...)` → `kmf_fit`, `np.random.rand(...)` → `random_rand`, else the drawing
    call's name with `_values`; `_for_<drawing>` added when the source uses it already."""
    dotted: list[str] = []
    node = part.func if isinstance(part, ast.Call) else None
    while isinstance(node, ast.Attribute):
        dotted.insert(0, node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        dotted.insert(0, node.id)
    func = call.func
    drawing = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "drawing")
    base = "_".join(dotted[-2:]) if dotted else f"{drawing}_values"
    base = base.strip("_").lower() or "values"
    name = base if base not in taken else f"{base}_for_{drawing}".lower()
    while name in taken:
        name += "_value"
    return name


def segment(lines: list[str], node: ast.expr) -> str:
    start = position(lines, node.lineno, node.col_offset)
    end = position(lines, node.end_lineno, node.end_col_offset)
    if node.lineno == node.end_lineno:
        return lines[node.lineno - 1][start:end]
    middle = lines[node.lineno: (node.end_lineno or node.lineno) - 1]
    last = lines[(node.end_lineno or 1) - 1][:end]
    return "\n".join([lines[node.lineno - 1][start:], *middle, last])


def wrapped(text: str) -> str:
    return f"({text})" if "\n" in text else text


def position(lines: list[str], line: int | None, byte_col: int | None) -> int:
    """The character column of ``byte_col`` (ast's UTF-8 offset) in 1-based ``line``."""
    return len(lines[(line or 1) - 1].encode()[: byte_col or 0].decode(errors="ignore"))


def replaced(lines: list[str], statement: ast.stmt, spans: list[tuple[ast.expr, str]]) -> list[str]:
    """The statement's lines with each part replaced by its name."""
    first, last = statement.lineno, statement.end_lineno or statement.lineno
    text = lines[first - 1: last]
    for part, name in sorted(spans, key=lambda s: (s[0].lineno, s[0].col_offset), reverse=True):
        a = part.lineno - first
        b = (part.end_lineno or part.lineno) - first
        start = position(lines, part.lineno, part.col_offset)
        end = position(lines, part.end_lineno, part.end_col_offset)
        text[a: b + 1] = [text[a][:start] + name + text[b][end:]]
    return text
