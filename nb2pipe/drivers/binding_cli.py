"""Binding a script's command line to a call's values: the argparse parser dropped and
`args.<dest>` read from the values, or `sys.argv[i]` replaced by them (`bind.bind_script` uses
these); and exact text edits by `ast` positions.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import replace

from ..model import Cell
from ..model.shell import ArgSpec, BoundArgument

#: argparse calls that only build the parser: dropped with it.
PARSER_METHODS = frozenset(
    {
        "add_argument",
        "add_argument_group",
        "add_mutually_exclusive_group",
        "set_defaults",
        "add_subparsers",
        "add_parser",
    }
)
PARSE_METHODS = frozenset({"parse_args", "parse_known_args", "parse_intermixed_args"})


class Unbindable(Exception):
    """The script uses its command line in a way that cannot be replaced by values."""


def bind_argparse(
    cells: list[Cell], code_cells: list[int], arguments: dict[str, BoundArgument],
    spec: dict[str, ArgSpec],
) -> list[Cell]:
    """Drop the parser, put the values where `args = parser.parse_args()` was, and read
    `args.<dest>` from them."""
    trees = {i: ast.parse(cells[i].source) for i in code_cells}
    anchor = next(((i, s) for i, t in trees.items() for s in t.body if parse_call(s)), None)
    if anchor is None:
        raise Unbindable("`parse_args()` is not called at top level")
    namespace = parse_call(anchor[1])
    parsers = {n for t in trees.values() for s in t.body for n in parser_names(s)}
    taken = {n.id for t in trees.values() for n in ast.walk(t) if isinstance(n, ast.Name)}
    uses = {i: attribute_uses(trees[i], namespace) for i in code_cells}
    counts: dict[str, int] = {}
    for found in uses.values():
        for attribute, _ in found:
            counts[attribute.attr] = counts.get(attribute.attr, 0) + 1
    values = {d: literal(arguments.get(d), spec.get(d)) for d in counts}
    names: dict[str, str] = {}
    spans: dict[int, list[tuple[int, int, str]]] = {i: [] for i in code_cells}
    for i in code_cells:
        code, tree = cells[i].source, trees[i]
        for statement in tree.body:
            if statement is not anchor[1] and builds_parser(statement, parsers):
                spans[i].append((*line_span(code, statement), ""))
        for attribute, parent in uses[i]:
            dest = attribute.attr
            alias = (
                isinstance(parent, ast.Assign)
                and parent.value is attribute
                and counts[dest] == 1
                and parent in tree.body
            )
            if alias or values[dest][1]:
                spans[i].append((*span(code, attribute), values[dest][0]))
            else:
                names.setdefault(dest, param_name(dest, taken))
                spans[i].append((*span(code, attribute), names[dest]))
    i, statement = anchor
    assignments = "\n".join(f"{names[d]} = {values[d][0]}" for d in names) or "pass"
    start, end = line_span(cells[i].source, statement)
    spans[i].append((start, end, assignments + "\n"))
    for i in code_cells:
        cells[i] = replace(cells[i], source=apply(cells[i].source, spans[i]))
    refuse_leftovers(cells, code_cells, {namespace} | parsers)
    return cells


def parse_call(statement: ast.stmt) -> str:
    """`args = <parser>.parse_args(...)` → "args" ("" for any other statement)."""
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return ""
    target, value = statement.targets[0], statement.value
    if isinstance(value, ast.Subscript):  # parse_known_args()[0]
        value = value.value
    if isinstance(target, ast.Tuple) and target.elts:  # args, rest = parser.parse_known_args()
        target = target.elts[0]
    if (
        isinstance(target, ast.Name)
        and isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in PARSE_METHODS
    ):
        return target.id
    return ""


def parser_names(statement: ast.stmt) -> list[str]:
    """Names bound to an `ArgumentParser(...)` or to one of its groups."""
    if not isinstance(statement, ast.Assign) or not isinstance(statement.value, ast.Call):
        return []
    func = statement.value.func
    name = (
        func.attr
        if isinstance(func, ast.Attribute)
        else func.id
        if isinstance(func, ast.Name)
        else ""
    )
    if name == "ArgumentParser" or name in PARSER_METHODS:
        return [t.id for t in statement.targets if isinstance(t, ast.Name)]
    return []


def builds_parser(statement: ast.stmt, parsers: set[str]) -> bool:
    if parser_names(statement):
        return True
    if not isinstance(statement, ast.Expr) or not isinstance(statement.value, ast.Call):
        return False
    func = statement.value.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr in PARSER_METHODS
        and isinstance(func.value, ast.Name)
        and func.value.id in parsers
    )


def attribute_uses(tree: ast.Module, namespace: str) -> list[tuple[ast.Attribute, ast.AST]]:
    """Every `<namespace>.<dest>` with the node that holds it."""
    found = []
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            if (
                isinstance(child, ast.Attribute)
                and isinstance(child.value, ast.Name)
                and child.value.id == namespace
            ):
                found.append((child, parent))
    return found


def refuse_leftovers(cells: list[Cell], code_cells: list[int], names: set[str]) -> None:
    """Once bound, the parser and the parsed namespace must not be used any more."""
    for i in code_cells:
        for node in ast.walk(ast.parse(cells[i].source)):
            if isinstance(node, ast.Name) and node.id in names:
                raise Unbindable(
                    f"the script uses `{node.id}` as a whole (e.g. passes it to a function)"
                )


def bind_argv(
    cells: list[Cell], code_cells: list[int], arguments: dict[str, BoundArgument],
    spec: dict[str, ArgSpec],
) -> list[Cell]:
    """`sys.argv[i]` (and `int(sys.argv[i])`) → the call's value; other uses of argv refuse."""
    by_index = {s.index: arguments.get(dest) for dest, s in spec.items() if s.index is not None}
    for i in code_cells:
        code = cells[i].source
        tree = ast.parse(code)
        spans: list[tuple[int, int, str]] = []
        handled: set[int] = set()
        for parent in ast.walk(tree):
            for node in ast.iter_child_nodes(parent):
                index = argv_index(node)
                if index is None:
                    continue
                bound = by_index.get(index)
                if bound is None:
                    raise Unbindable(
                        f"the script reads sys.argv[{index}], which the call does not give"
                    )
                assert isinstance(node, ast.Subscript)  # (argv_index reads only subscripts)
                handled.add(id(node.value))
                cast = (
                    isinstance(parent, ast.Call)
                    and isinstance(parent.func, ast.Name)
                    and parent.func.id in ("int", "float")
                    and parent.args == [node]
                )
                spans.append((*span(code, parent if cast else node), repr(bound.value)))
        for node in ast.walk(tree):
            if is_argv(node) and id(node) not in handled:
                raise Unbindable("the script reads sys.argv other than by position")
        cells[i] = replace(cells[i], source=apply(code, spans))
    return cells


def argv_index(node: ast.AST) -> int | None:
    if not isinstance(node, ast.Subscript) or not is_argv(node.value):
        return None
    index = node.slice
    if isinstance(index, ast.Constant) and isinstance(index.value, int) and index.value > 0:
        return index.value
    return None


def is_argv(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr == "argv" and isinstance(node.value, ast.Name) and node.value.id == "sys"
    return isinstance(node, ast.Name) and node.id == "argv"


def literal(bound: BoundArgument | None, declared: ArgSpec | None) -> tuple[str, bool]:
    """Source text of an argument's value, and whether it must be inlined (files: the catalog
    replaces them; file objects: opened as the script would get them)."""
    if bound is None:
        return "None", True
    if bound.role in ("read", "write") and declared is not None and declared.type == "file":
        mode = "w" if bound.role == "write" else "r"
        return f"open({bound.value!r}, {mode!r})", True
    return repr(bound.value), bound.role in ("read", "write")


def param_name(dest: str, taken: set[str]) -> str:
    name = (
        dest if dest.isidentifier() else "arg_" + "".join(c if c.isalnum() else "_" for c in dest)
    )
    if name in taken or name in dir(builtins):
        name = f"arg_{name}"
    while name in taken:
        name += "_"
    taken.add(name)
    return name


# ----------------------------------------------------------------------------------- text
def offset(code: str, line: int, col: int) -> int:
    """Character offset of (1-based line, UTF-8 byte column) in ``code``."""
    lines = code.split("\n")
    before = sum(len(text) + 1 for text in lines[: line - 1])
    return before + len(lines[line - 1].encode("utf-8")[:col].decode("utf-8", errors="ignore"))


def span(code: str, node: ast.AST) -> tuple[int, int]:
    assert isinstance(node, ast.expr) and node.end_lineno is not None and node.end_col_offset is not None
    return (
        offset(code, node.lineno, node.col_offset),
        offset(code, node.end_lineno, node.end_col_offset),
    )


def line_span(code: str, statement: ast.stmt) -> tuple[int, int]:
    """Whole lines of a statement (its line break included when one follows)."""
    start = offset(code, statement.lineno, 0)
    assert statement.end_lineno is not None and statement.end_col_offset is not None  # (parsed)
    end = offset(code, statement.end_lineno, statement.end_col_offset)
    if code[end : end + 1] == "\n":
        end += 1
    return start, end


def apply(code: str, spans: list[tuple[int, int, str]]) -> str:
    """Replace non-overlapping spans (outer spans win)."""
    kept: list[tuple[int, int, str]] = []
    for start, end, text in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, text))
    for start, end, text in reversed(kept):
        code = code[:start] + text + code[end:]
    return code
