"""The levels of a loop whose passes compute and draw (`loop_fission`), and whether splitting it
is faithful.

Faithful, hence done only, when: the drawing statements change nothing the data work reads (no
name they bind or change is read outside them, so no condition, `break` or `continue` depends on
them) and draw from no generator (``is_plot``); within a level, between its record and its last
drawing, no data statement rebinds or changes a recorded name and no `break`/`continue` skips a
drawing; no recorded value is changed in place by the loop (the record holds the object, not a
copy) or by a later statement, nor a value from before the loop that the drawing reads; a name
the drawing loop would bind that is read after the loop (recorded, or bound by a drawing
statement) is bound by it under a name of its own, `error_drawn`, so the data loop's value is
the last bound (figures, axes and artists excepted: never datasets), and a value only a drawing
statement binds is not read after the loop before a plain assignment binds it anew; each
drawing statement stands on lines of its own; an `if` draws in its body only.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from ...knowledge import mutations
from .calls import part_of_figure
from .chunks import CellCode
from .drawing_split import effects
from .unread_drawing import after, loaded_names
from .walk_state import Context

Block = list[ast.stmt]


@dataclass
class Level:
    """A block of the loop that draws: its drawing statements, and the blocks inside it that
    draw (a loop's body, an `if`'s), by the index of their statement."""

    block: Block
    draws: list[int]
    nested: dict[int, Level]
    names: list[str]  # what its drawing statements read from the pass (filled later)
    records: str = ""  # the list holding its records (named later)

    @property
    def first(self) -> int:
        return min([*self.draws, *self.nested])

    @property
    def last(self) -> int:
        return max([*self.draws, *self.nested])


def drawings(top: Level) -> list[ast.stmt]:
    found = [top.block[i] for i in top.draws]
    for inner in top.nested.values():
        found.extend(drawings(inner))
    return found


def levels(top: Level) -> list[Level]:
    return [top, *(x for inner in top.nested.values() for x in levels(inner))]


def stores(nodes: list[ast.AST]) -> set[str]:
    return {n.id for s in nodes for n in ast.walk(s) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}


def faithful(loop: ast.For, top: Level, cell: CellCode, ctx: Context, figures: set[str]) -> set[str] | None:
    """The conditions of the module's docstring (None when one fails), filling each level's
    ``names`` (``figures``: the figure and axes names bound before the loop); the names the drawing loop would bind that are read after the loop (recorded,
    or bound by a drawing statement), which it binds under names of its own (`error_drawn`),
    so the data loop's stay the last ones bound."""
    drawn = drawings(top)
    inside = {id(n) for s in drawn for n in ast.walk(s)}
    rest = [n for n in ast.walk(loop) if id(n) not in inside]
    rest_loads = {n.id for n in rest if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    loop_bound = {n.id for n in rest if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    changed = stores(list(drawn)) | {m for s in drawn for m in effects(s, cell, ctx).mutates if isinstance(m, str)}
    if changed & rest_loads:
        return None  # the data work (or the loop's control) would read what drawing changed
    in_loop = {m for m in effects(loop, cell, ctx).mutates if isinstance(m, str)} | changed_later([loop])
    drawn_reads = {n.id for s in drawn for n in ast.walk(s) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    if (drawn_reads - loop_bound - stores(list(drawn))) & in_loop:
        return None  # the drawing reads a value the loop changes in place: replayed, it would see the last
    mutated = in_loop | changed_later(after(loop, cell.tree, ctx))
    recorded: set[str] = set()
    for current in levels(top):
        current.names = level_names(current, loop_bound)
        between = [current.block[i] for i in range(current.first, current.last + 1) if i not in current.draws]
        inner = [n for s in between for n in ast.walk(s)]
        skips = any(isinstance(n, (ast.Break, ast.Continue)) for s in between for n in outside_loops(s))
        if skips or set(current.names) & (stores(inner) | changed_later(between) | mutated):
            return None
        if not current.names and not current.nested:
            return None
        recorded |= set(current.names)
    later = after(loop, cell.tree, ctx)
    read_after = loaded_names(later)
    only_drawn = stores(list(drawn)) - loop_bound - figure_names(drawn, ctx) - figures
    if any(read_before_bound(name, later) for name in only_drawn & read_after):
        return None  # a later statement reads the value only the drawing bound
    return (recorded | stores(list(drawn)) - figure_names(drawn, ctx)) & read_after - figures


def read_before_bound(name: str, statements: list[ast.stmt]) -> bool:
    """The first of ``statements`` that mentions ``name`` reads it (rather than binding it anew
    with a plain assignment)."""
    for statement in statements:
        if name in loaded_names([statement]):
            return True
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and name in stores(
                list(statement.targets) if isinstance(statement, ast.Assign) else [statement.target]):
            return False
    return False


def figure_names(drawn: list[ast.stmt], ctx: Context) -> set[str]:
    """Names the drawing binds to figures, axes or artists (`line, = plt.plot(...)`,
    `ax = axes[i, 0]`, `for ax in axes.flat:`): never datasets, whoever reads them."""
    found: set[str] = set()
    for node in (n for s in drawn for n in ast.walk(s)):
        if isinstance(node, ast.Assign) and (isinstance(node.value, ast.Call) or part_of_figure(node.value, ctx)):
            found |= stores(list(node.targets))
        elif isinstance(node, ast.For) and any(isinstance(n, ast.Name) and n.id in ctx.viz_vars for n in ast.walk(node.iter)):
            found |= stores([node.target])
    return found


def level_names(current: Level, loop_bound: set[str]) -> list[str]:
    """The names its drawing statements read from the pass, in the order first read."""
    names: list[str] = []
    bound: set[str] = set()
    for statement in (current.block[i] for i in current.draws):
        loads = sorted((n for n in ast.walk(statement) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)),
                       key=lambda n: (n.lineno, n.col_offset))
        names.extend(n.id for n in loads if n.id in loop_bound - bound and n.id not in names)
        bound |= stores([statement])
    return names


def outside_loops(statement: ast.stmt) -> list[ast.AST]:
    """The nodes of ``statement`` not inside a loop or function it holds (whose `break` and
    `continue` are their own)."""
    found: list[ast.AST] = []
    todo: list[ast.AST] = [statement]
    while todo:
        node = todo.pop()
        found.append(node)
        if not isinstance(node, (ast.For, ast.While, ast.FunctionDef, ast.AsyncFunctionDef)):
            todo.extend(ast.iter_child_nodes(node))
    return found


def changed_later(statements: list[ast.stmt]) -> set[str]:
    """Names whose value a statement changes in place (a subscript or attribute assigned, an
    augmented assignment, a mutating method): syntactic, over-approximated."""
    found: set[str] = set()
    for node in (n for s in statements for n in ast.walk(s)):
        target = None
        if isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.ctx, (ast.Store, ast.Del)):
            target = node.value
        elif isinstance(node, ast.AugAssign):
            target = node.target
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr in mutations.MUTATING_METHODS):
            target = node.func.value
        while isinstance(target, (ast.Subscript, ast.Attribute)):
            target = target.value
        if isinstance(target, ast.Name):
            found.add(target.id)
    return found
