"""What a node replays between its own statements so that it shows what the notebook showed:
the settings made between them (process-wide state, applied where the node runs) and the figures
the notebook displayed again (`display(fig)`, or `fig` ending a cell)."""

from __future__ import annotations

import ast
from typing import Literal

from ..model import ChunkFacts

#: Roles of chunks no node runs: they do not end the cells whose displays a node replays.
PASSIVE = frozenset({"display", "setting", "import", "def", "param", "credential"})
#: A node's own chunk, a setting replayed in place, or a figure shown again.
Item = tuple[Literal["chunk", "setting", "show"], ChunkFacts, tuple[str, ...]]


def sequence(
    facts_chunks: tuple[ChunkFacts, ...],
    roles: tuple[str, ...],
    chunks: list[ChunkFacts],
    scopes: tuple[str, ...],
    figures: bool,
    module_names: frozenset[str],
) -> list[Item]:
    """The node's chunks in order, with the setting chunks (of ``scopes``) that come between them
    and, in a node that draws, the displays of figures it made, up to the end of its last cell."""
    own = {c.order for c in chunks}
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
        elif figures and roles[chunk.order] == "display":
            shown = displayed_figures(chunk, last_in_cell(facts_chunks, chunk), local, module_names)
            if shown:
                items.append(("show", chunk, shown))
    return items


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
