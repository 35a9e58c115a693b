"""IPython's output history (`_`, `__`, `___`, `_N`, `Out[N]`) → a name the producing cell binds.

In a notebook, `puz = table_puzzle(_)` reads the value the last cell displayed: IPython's display
hook keeps every non-None result of a cell's last expression (unless the cell ends with `;`) as
`_` (then `__`, `___`) and as `_N` / `Out[N]`, N being the cell's execution count. A pipeline has
no display hook, so the reading node failed with a NameError. Read statically, the cell that
produced the value is known: its last expression becomes `out_N = <expression>` followed by
`out_N` (still displayed), and the read becomes `out_N`, an ordinary variable crossing nodes as
a dataset. N is the execution count of a fresh top-to-bottom run (what `verify` and the
pipeline reproduce): code cells with code, counted from 1.

Left alone (flow's `ipython-history` warning stays): a read of `_` after the notebook bound `_`
itself (IPython then keeps the user's value), a read inside a function or class body, a history
entry that no earlier cell's last expression gives, or one given by a cell nb2pipe skips.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import replace

from ...knowledge.calls import NONE_FUNCTIONS, NONE_METHODS
from ...model import Diagnostic, Source
from .chunks import CellCode

RELATIVE = {"_": 1, "__": 2, "___": 3}
NUMBERED = re.compile(r"_(\d+)")


def bind_output_history(
    source: Source, cells: list[CellCode]
) -> tuple[list[CellCode], list[Diagnostic]]:
    """``cells`` with every resolvable history read bound to the producing cell's result."""
    counts = execution_counts(source)
    converted = {cell.cell.index: position for position, cell in enumerate(cells)}
    taken = {n.id for cell in cells for n in ast.walk(cell.tree) if isinstance(n, ast.Name)}
    results: list[tuple[int, int | None]] = []  # (execution count, position in cells or None)
    user_underscore = False
    reads: dict[int, list[tuple[ast.expr, int]]] = {}  # position → (node, count it refers to)
    for cell in source.cells:
        if cell.index not in counts:
            continue
        position = converted.get(cell.index)
        if position is not None:
            tree = cells[position].tree
            for node in top_level_loads(tree):
                count = referred_count(node, results, user_underscore)
                if count is not None:
                    reads.setdefault(position, []).append((node, count))
            user_underscore |= binds_underscore(tree)
            if gives_result(cells[position]):
                results.append((counts[cell.index], position))
        elif cell.kind == "code":  # run by the notebook, not converted: its result is unknown
            results.append((counts[cell.index], None))
    by_count = dict(results)
    edited: dict[int, CellCode] = {}
    notes: list[Diagnostic] = []
    names: dict[int, str] = {}
    for position, found in reads.items():
        usable = [(node, count) for node, count in found if by_count.get(count) is not None]
        for _node, count in usable:
            names.setdefault(count, free_name(f"out_{count}", taken))
        if not usable:
            continue
        reader = cells[position]
        edited[position] = respell(reader, [(node, names[count]) for node, count in usable])
        for node, count in usable:
            given = cells[by_count[count] or 0].cell.ref
            notes.append(Diagnostic(
                "info", "ipython-history", f"`{ast.unparse(node)}` is IPython's output history: "
                f"the value of cell {given}'s last expression (Out[{count}]), bound to "
                f"`{names[count]}` there", str(source.path), reader.cell.ref, node.lineno))
    for count, name in names.items():
        position = by_count[count]
        assert position is not None
        edited[position] = bind_result(edited.get(position, cells[position]), name)
    return [edited.get(i, cell) for i, cell in enumerate(cells)], notes


def execution_counts(source: Source) -> dict[int, int]:
    """Cell index → execution count in a fresh run (code cells with code, from 1)."""
    runnable = [c.index for c in source.cells if c.kind == "code" and c.source.strip()]
    return {index: count for count, index in enumerate(runnable, start=1)}


#: Bodies that run later (a read there means another cell's history): not searched.
LATER = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def top_level_matches(
    tree: ast.Module, matches: Callable[[ast.AST], bool], skip: tuple[type, ...] = LATER
) -> list[ast.expr]:
    """The expressions ``matches`` picks outside the bodies of ``skip`` (not searched inside)."""
    found: list[ast.expr] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, skip):
            return
        if isinstance(node, ast.expr) and matches(node):
            found.append(node)
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def top_level_loads(tree: ast.Module) -> list[ast.expr]:
    """History reads outside function, class and lambda bodies: `_`, `__`, `___`, `_7`, `Out[7]`."""
    return top_level_matches(tree, lambda node: (
        isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
        and bool(node.id in RELATIVE or NUMBERED.fullmatch(node.id))
    ) or out_subscript(node) is not None)


def out_subscript(node: ast.AST) -> int | None:
    """N of `Out[N]` (a literal index), else None."""
    if (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load)
            and isinstance(node.value, ast.Name) and node.value.id == "Out"
            and isinstance(node.slice, ast.Constant) and type(node.slice.value) is int):
        return node.slice.value
    return None


def referred_count(
    node: ast.expr, results: list[tuple[int, int | None]], user_underscore: bool
) -> int | None:
    """The execution count whose result ``node`` reads, when one earlier cell gave it."""
    if isinstance(node, ast.Subscript):
        wanted = out_subscript(node)
    elif isinstance(node, ast.Name) and node.id in RELATIVE:
        back = RELATIVE[node.id]
        if user_underscore or len(results) < back:
            return None
        wanted = results[-back][0]
    else:
        wanted = int(node.id[1:]) if isinstance(node, ast.Name) else None
    return wanted if any(count == wanted for count, _ in results) else None


def binds_underscore(tree: ast.Module) -> bool:
    """The cell binds `_` at top level (`for _ in ...`, `a, _ = ...`): IPython keeps it."""
    def bound(node: ast.AST) -> bool:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
                             ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return False
        if isinstance(node, ast.Name) and node.id == "_" and not isinstance(node.ctx, ast.Load):
            return True
        return any(bound(child) for child in ast.iter_child_nodes(node))
    return bound(tree)


def gives_result(cell: CellCode) -> bool:
    """The cell ends with an expression IPython keeps: not silenced by `;`, not None as far as
    can be told (a call that always gives None, a magic or shell line)."""
    if not cell.tree.body or not isinstance(cell.tree.body[-1], ast.Expr):
        return False
    statement = cell.tree.body[-1]
    if cell.code.rstrip().endswith(";"):
        return False
    value = statement.value
    if isinstance(value, ast.Constant) and value.value is None:
        return False
    if isinstance(value, (ast.Yield, ast.YieldFrom, ast.Await)):
        return False
    if isinstance(value, ast.Call):
        text = ast.unparse(value.func)
        method = value.func.attr if isinstance(value.func, ast.Attribute) else ""
        if text in NONE_FUNCTIONS or method in NONE_METHODS or text.startswith("get_ipython()"):
            return False
    return True


def free_name(name: str, taken: set[str]) -> str:
    while name in taken:
        name += "_"
    taken.add(name)
    return name


def respell(cell: CellCode, spans: list[tuple[ast.expr, str]]) -> CellCode:
    """Each node's text replaced by its name (from the end, so earlier offsets hold)."""
    lines = cell.code.split("\n")
    for node, name in sorted(spans, key=lambda s: (s[0].lineno, s[0].col_offset), reverse=True):
        lines = replace_span(lines, node, name)
    return reparsed(cell, "\n".join(lines))


def bind_result(cell: CellCode, name: str) -> CellCode:
    """The cell's last expression `x` → `name = x` then `name` (still the cell's display)."""
    value = cell.tree.body[-1]
    lines = cell.code.split("\n")
    text = segment(lines, value)
    code = "\n".join(replace_span(lines, value, f"{name} = {text}\n{name}"))
    end = value.end_lineno or value.lineno  # the display `name` added is the value's last line
    sources = [*range(1, end + 1), end, *range(end + 1, len(lines) + 1)]
    return cell.rewritten(code, ast.parse(code), sources)


def segment(lines: list[str], node: ast.expr | ast.stmt) -> str:
    start, end = offsets(lines, node)
    return "\n".join(lines)[start:end]


def offsets(lines: list[str], node: ast.expr | ast.stmt) -> tuple[int, int]:
    """Character offsets of ``node`` in the joined text (ast columns are UTF-8 bytes)."""
    def at(line: int, column: int) -> int:
        before = sum(len(text) + 1 for text in lines[: line - 1])
        return before + len(lines[line - 1].encode()[:column].decode(errors="ignore"))
    assert node.end_lineno is not None and node.end_col_offset is not None, node  # (parsed code)
    return at(node.lineno, node.col_offset), at(node.end_lineno, node.end_col_offset)


def replace_span(lines: list[str], node: ast.expr | ast.stmt, text: str) -> list[str]:
    start, end = offsets(lines, node)
    joined = "\n".join(lines)
    return (joined[:start] + text + joined[end:]).split("\n")


def reparsed(cell: CellCode, code: str) -> CellCode:
    return replace(cell, code=code, tree=ast.parse(code))
