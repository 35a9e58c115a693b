"""How a Python script uses each of its command-line arguments: read or written as a file.

The calls that say so are the I/O table's (`knowledge/io_calls.py`), by the last name of each
row (a script's `pd.read_csv(args.src)` and `np.save(args.out, a)` are the notebook's calls),
plus `SCRIPT_ARG_IO`, calls the conversion leaves to the code. A row is left out when its
path is a handle (`csv.reader`), when it neither reads nor writes ("a": `os.remove`), when it
takes two paths that differ in mode (`shutil.copy`: the table names the source only, and a
script's operands are all taken), and the `%store` magics.
"""

from __future__ import annotations

import ast
from typing import Literal

from ...knowledge import io_calls
from ...knowledge.calls import MKDIR_CALLS

Usage = Literal["read", "write"]

#: Calls whose mode is an argument (`open(p, "w")`, `zipfile.ZipFile(p, "a")`), by last name.
MODE_CALLS = frozenset(q.rpartition(".")[2] for q, (_, _, mode) in io_calls.PATH_PASSING.items()
                       if mode == "mode")
#: Two paths, the second written (the table's row names the first).
TWO_PATHS = frozenset({"shutil.copy", "shutil.copyfile"})


def _last_names(rows: dict[str, str]) -> dict[str, Usage]:
    return {q.rpartition(".")[2]: ("write" if mode == "w" else "read") for q, mode in rows.items()}


def _verbs() -> dict[str, Usage]:
    """Last name of each I/O call → how it uses the file its arguments name."""
    rows = {q: rule.mode[0] for q, rule in io_calls.KNOWN_IO.items() if not q.startswith("%")}
    rows |= {q: mode for q, (at, _, mode) in io_calls.PATH_PASSING.items()
             if at >= 0 and mode in ("r", "w") and q not in TWO_PATHS}
    writers = (*io_calls.KNOWN_WRITE_METHODS, *io_calls.DATA_PATH_METHODS, *MKDIR_CALLS)
    rows |= {m: "w" for m in writers}
    rows |= io_calls.PATH_PASSING_METHODS | io_calls.PATHLIB_METHODS | io_calls.SCRIPT_ARG_IO
    rows |= {q: "r" for q in (*io_calls.FOLDER_LISTINGS, *io_calls.FOLDER_LISTING_METHODS)}
    return {name: usage for name, usage in _last_names(rows).items() if name not in MODE_CALLS}


#: Last name of a call → whether it reads or writes the file one of its arguments names
#: (besides these, `read_*` functions read and `to_*` methods write).
VERBS = _verbs()
#: Calls that only build a path: a destination inside them still names the file.
PATH_CALLS = frozenset({"join", "Path", "PurePath", "str", "format", "expanduser", "abspath"})


def usages(tree: ast.AST, dests: set[str]) -> dict[str, Usage]:
    """How the script uses each destination: "write" wins over "read"."""
    aliases = _aliases(tree, dests)
    found: dict[str, Usage] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        usage, exprs = _call_usage(node)
        if usage is None:
            continue
        for expr in exprs:
            for dest in _refs(expr, dests, aliases):
                if found.get(dest) != "write":
                    found[dest] = usage
    return found


def _call_usage(call: ast.Call) -> tuple[Usage | None, list[ast.expr]]:
    name = call_name(call.func)
    operands = [*call.args, *(k.value for k in call.keywords)]
    if isinstance(call.func, ast.Attribute):
        operands.append(call.func.value)  # Path(args.out).write_text(...)
    if name in MODE_CALLS:
        mode = literal(call.args[1]) if len(call.args) > 1 else keyword(call, "mode")
        writes = isinstance(mode, str) and any(c in mode for c in "wax")
        return ("write" if writes else "read"), call.args[:1]
    if name.startswith("to_"):
        return "write", operands
    if name.startswith("read_"):
        return "read", operands
    usage = VERBS.get(name)
    return (usage, operands) if usage else (None, [])


def _aliases(tree: ast.AST, dests: set[str]) -> dict[str, str]:
    """Local names bound to a destination: `out = args.output`, `p = Path(args.input)`."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            refs = _refs(node.value, dests, {})
            if len(refs) == 1 and node.targets[0].id not in dests:
                aliases[node.targets[0].id] = refs[0]
    return aliases


def _refs(expr: ast.AST, dests: set[str], aliases: dict[str, str]) -> list[str]:
    """Destinations an expression names, through path-building calls but not other calls."""
    if isinstance(expr, ast.Attribute) and expr.attr in dests:
        return [expr.attr]
    if isinstance(expr, ast.Name):
        return [expr.id] if expr.id in dests else [aliases[expr.id]] if expr.id in aliases else []
    if isinstance(expr, ast.Subscript) and f"argv_{argv_index(expr)}" in dests:
        return [f"argv_{argv_index(expr)}"]  # sys.argv[2] used in place
    if isinstance(expr, ast.Call) and call_name(expr.func) not in PATH_CALLS:
        return []
    return [ref for child in ast.iter_child_nodes(expr) for ref in _refs(child, dests, aliases)]


def argv_index(node: ast.AST) -> int | None:
    if not isinstance(node, ast.Subscript) or dotted(node.value) not in ("sys.argv", "argv"):
        return None
    index = literal(node.slice)
    return index if isinstance(index, int) and not isinstance(index, bool) and index > 0 else None


def call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


def keyword(call: ast.Call, name: str) -> object:
    return next((literal(k.value) for k in call.keywords if k.arg == name), None)


def literal(node: ast.AST) -> object:
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return None
