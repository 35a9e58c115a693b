"""What a node replays between its own statements so that it shows what the notebook showed:
the settings made between them (process-wide state, applied where the node runs), the figures
the notebook displayed again (`display(fig)`, or `fig` ending a cell), and the displays of values
only the node holds (a version it makes and changes again): their HTML goes to the report."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import Literal

from ..knowledge import calls as tables
from ..knowledge.pyplot_drawing import PYPLOT_DRAWING
from ..model import ChunkFacts

#: pyplot's drawing functions: they return artists (lines, text, a legend), never a figure shown.
PYPLOT_NAMES = frozenset(PYPLOT_DRAWING["matplotlib.pyplot"]) - {"figure", "gcf"}
#: Roles of chunks no node runs: they do not end the cells whose displays a node replays.
PASSIVE = frozenset({"display", "setting", "import", "def", "param", "credential"})
#: A node's own chunk, a setting replayed in place, a figure shown again, or a display of a value
#: only the node holds.
Item = tuple[Literal["chunk", "setting", "show", "display"], ChunkFacts, tuple[str, ...]]
#: The report's word for the page's `display` inside a display statement (`display(df.head())`).
DISPLAY = "display"


def sequence(
    facts_chunks: tuple[ChunkFacts, ...],
    roles: tuple[str, ...],
    chunks: list[ChunkFacts],
    scopes: tuple[str, ...],
    figures: bool,
    module_names: frozenset[str],
    held: Held | None = None,
) -> list[Item]:
    """The node's chunks in order, with the setting chunks (of ``scopes``) that come between them
    and, in a node that draws, the displays of figures it made, up to the end of its last cell;
    and the displays of ``held`` values it makes (`node_displays`)."""
    own = {c.order for c in chunks}
    inside = set(node_displays(facts_chunks, chunks, held or {}))
    end = max(c.order for c in facts_chunks if c.cell == chunks[-1].cell)
    # displays in later cells show the node's figures too, until another node's work starts
    while end + 1 < len(facts_chunks) and roles[end + 1] in PASSIVE:
        end += 1
    items: list[Item] = []
    local: set[str] = set()
    for chunk in facts_chunks[chunks[0].order : end + 1]:
        if chunk.order in own:
            items.append(("chunk", chunk, ()))
            if (
                chunk.kind == "plot" or chunk.draws
            ):  # names a drawing statement binds: figures, axes
                local |= {s for s in chunk.defines if isinstance(s, str)}
        elif (
            roles[chunk.order] == "setting"
            and chunk.scope in scopes
            and chunk.order < chunks[-1].order
        ):
            items.append(("setting", chunk, ()))
        elif roles[chunk.order] == "display":
            shown = displayed_figures(chunk, last_in_cell(facts_chunks, chunk), local, module_names)
            if figures and shown:
                items.append(("show", chunk, shown))
            elif chunk.order in inside and not shown:  # a figure is never a value shown as HTML
                items.append(("display", chunk, ()))
    return items


#: Display chunk order → the producer (chunk order) of each version it reads: the displays whose
#: value no dataset holds (a version made and changed again inside one node, or kept in memory).
Held = dict[int, frozenset[int]]


def node_displays(
    facts_chunks: tuple[ChunkFacts, ...], chunks: list[ChunkFacts], held: Held
) -> list[int]:
    """The held displays a node shows itself, in order: those between its first statement and the
    end of its last cell that read only values its own statements made (so the node holds, at
    that point, each version the notebook showed)."""
    if not chunks:
        return []
    own = {c.order for c in chunks}
    end = max(c.order for c in facts_chunks if c.cell == chunks[-1].cell)
    return [order for order, producers in sorted(held.items())
            if chunks[0].order < order <= end and producers and producers <= own]


def shown_by(facts_chunks: tuple[ChunkFacts, ...], roles: tuple[str, ...], chunks: list[ChunkFacts],
             module_names: frozenset[str], held: Held) -> list[int]:
    """The display chunks a node shows as HTML (`sequence`'s "display" items), in order."""
    if not held:
        return []
    items = sequence(facts_chunks, roles, chunks, ("all",), False, module_names, held)
    return [chunk.order for item, chunk, _ in items if item == "display"]


def display_lambda(code: str) -> str:
    """`lambda: df.head()` for a display statement (`lambda display: display(x)` when it calls
    `display`: the page given then collects what it shows)."""
    tree = ast.parse(code.strip())
    expression = ast.get_source_segment(code.strip(), tree.body[0]) or ""
    if isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Tuple):
        expression = f"({expression})"
    uses = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    return f"lambda {DISPLAY}: {expression}" if DISPLAY in uses else f"lambda: {expression}"


def last_in_cell(facts_chunks: tuple[ChunkFacts, ...], chunk: ChunkFacts) -> bool:
    following = facts_chunks[chunk.order + 1] if chunk.order + 1 < len(facts_chunks) else None
    return following is None or following.cell != chunk.cell


def displayed_figures(
    chunk: ChunkFacts, last: bool, local: set[str], modules: frozenset[str]
) -> tuple[str, ...]:
    """Expressions `display(...)` shows, or the value ending the cell (IPython shows it unless
    the line ends with `;`), that may be a figure the node made: a name its drawing statements
    bound, an attribute of one (`grid.figure`), or `plt.gcf()` (checked again when run)."""
    try:
        tree = ast.parse(chunk.code)
    except SyntaxError:
        return ()
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return ()
    value = tree.body[0].value
    if isinstance(value, ast.Call) and called_name(value.func) == "display":
        candidates = list(value.args)
    elif last and not chunk.code.rstrip().endswith(";"):
        candidates = [value]
    else:
        return ()
    return tuple(ast.unparse(c) for c in candidates if may_be_figure(c, local, modules))


def called_name(func: ast.expr) -> str:
    return (
        func.id
        if isinstance(func, ast.Name)
        else func.attr
        if isinstance(func, ast.Attribute)
        else ""
    )


def may_be_figure(node: ast.expr, local: set[str], modules: frozenset[str]) -> bool:
    if isinstance(node, ast.Call):  # plt.gcf()
        return not node.args and called_name(node.func) == "gcf" and root(node.func) in modules
    return isinstance(node, (ast.Name, ast.Attribute)) and root(node) in local


def root(node: ast.expr) -> str:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def call_may_be_figure(call: ast.Call, returning_nothing: AbstractSet[str] = frozenset()) -> bool:
    """A call whose value can be a figure, by the tables of drawing calls: a drawing name
    (`plot_acf`, a decomposition's `.plot()`, `qqplot`), not one whose value is an Axes, a grid
    or None (seaborn's `histplot`, `despine`; the pandas accessor `df.plot.scatter(...)`), not a
    class made (`FuncAnimation(...)`: an object of its class), not a notebook function returning
    nothing (``returning_nothing``), not a call drawing only when asked to
    (`cph.check_assumptions(df, show_plots=True)`)."""
    name = called_name(call.func)
    func = call.func
    if name in tables.FIGURE_MAKING_CALLS:
        return True
    if name in tables.NOT_FIGURE_VALUES or name in returning_nothing or name[:1].isupper():
        return False
    receiver = func.value if isinstance(func, ast.Attribute) else None
    if isinstance(receiver, ast.Attribute) and receiver.attr == "plot":
        return False  # `df.plot.scatter(...)`: pandas' accessor returns the Axes
    return (name in tables.PLOT_METHODS or name.startswith(tables.PLOT_METHOD_PREFIXES)
            or name.endswith(tables.PLOT_NAME_SUFFIXES))


def defined_functions(codes: Iterable[str]) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    """The functions the notebook's definitions (``codes``) bind at their top level, by name (a
    later definition of a name wins); code that does not parse defines nothing."""
    found: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for code in codes:
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found[node.name] = node
    return found


def returning_nothing(codes: Iterable[str]) -> frozenset[str]:
    """Functions the notebook defines (in ``codes``) that return no value: what they return is
    None, never a figure."""
    return frozenset(
        name for name, node in defined_functions(codes).items()
        if not any(isinstance(n, ast.Return) and n.value is not None
                   or isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node)))


def called_value_shown(
    code: str,
    figures: str,
    handles: set[str] | frozenset[str] = frozenset(),
    modules: frozenset[str] = frozenset(),
    nothing: AbstractSet[str] = frozenset(),
) -> str:
    """The drawing chunk's code with the call whose value ends the cell (IPython shows it unless
    the line ends with `;`) also shown as a figure when it returns one:
    ``figures.extend(show_figure(plot_acf(x, ax=ax)))``. statsmodels' `plot_acf`, a
    decomposition's `.plot()` return the figure they drew on, which the notebook then shows twice:
    as the cell's value, and again when the cell ends. A value that is no figure (an `Axes`, a
    grid, a tuple) adds nothing (checked when run); "" when the code does not end with a call, or
    with one that returns an artist: a method of the node's figures and axes (``handles``:
    `ax.set_title(...)`), a pyplot function (`plt.title(...)`); or with a call that cannot be a
    figure (`call_may_be_figure`; ``nothing``: notebook functions returning no value), left a plain
    statement."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return ""
    last = tree.body[-1] if len(tree.body) == 1 else None
    lines = code.split("\n")
    if (
        not isinstance(last, ast.Expr)
        or not isinstance(last.value, ast.Call)
        or called_name(last.value.func) == "display"
        or not call_may_be_figure(last.value, nothing)
        or root(last.value.func) in handles
        or (root(last.value.func) in modules and called_name(last.value.func) in PYPLOT_NAMES)
        or lines[(last.end_lineno or last.lineno) - 1].split("#")[0].rstrip().endswith(";")
    ):
        return ""
    before = "\n".join(lines[: last.lineno - 1] + [lines[last.lineno - 1][: last.col_offset]])
    value = ast.get_source_segment(code, last.value) or ast.unparse(last.value)
    shown = f"{figures}.extend(show_figure({value}))"
    after = "\n".join(lines[last.end_lineno or last.lineno :])
    return "\n".join(part for part in (before.rstrip(), shown, after.rstrip()) if part)


def drawn_code(code: str, drawn: tuple[str, ...], figures: str) -> str:
    """The chunk's code with the statement showing figure values (`p1 | p2` ending a cell,
    `display(p)`) replaced by drawing each into the figures the node returns:
    ``figures.extend(show_figure(p1 | p2, "draw"))``."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    last = tree.body[-1] if tree.body else None
    if not isinstance(last, ast.Expr):
        return code
    value = last.value
    displayed = isinstance(value, ast.Call) and called_name(value.func) == "display"
    values = list(value.args) if displayed and isinstance(value, ast.Call) else [value]
    lines = code.split("\n")
    before = "\n".join(lines[: last.lineno - 1] + [lines[last.lineno - 1][: last.col_offset]])
    shows = [
        f"{figures}.extend(show_figure({ast.unparse(v)}, {m!r}))"
        for v, m in zip(values, drawn, strict=False)
        if m
    ]
    return (before.rstrip() + "\n" if before.strip() else "") + "\n".join(shows)
