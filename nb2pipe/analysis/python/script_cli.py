"""Read statically what command-line arguments a Python script declares, and how it uses them.

Three declaration styles: argparse `parser.add_argument(...)`, click `@click.option/argument`,
and plain `sys.argv[i]`. The use of each destination (passed to `read_csv`, `open(..., "w")`,
`to_csv`, `savefig`...) says whether it is a file read or written (`script_usage.py`). Uses the
stdlib `ast`: the script is only inspected, never rewritten.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import replace
from typing import Literal

from nb2pipe.model.shell import ArgSpec

from .bindings import unpacked_pairs
from .script_usage import Usage, argv_index, call_name, keyword, literal, usages

#: `type=` values → ArgSpec.type.
TYPES = {
    "int": "int",
    "float": "float",
    "str": "str",
    "bool": "bool",
    "Path": "path",
    "INT": "int",
    "FLOAT": "float",
    "STRING": "str",
    "BOOL": "bool",
}


def argparse_spec(py_source: str) -> tuple[ArgSpec, ...]:
    """The arguments a script declares, with how it uses each one when that is visible.

    Args:
        py_source: The script's source; a syntax error gives an empty spec.

    Returns:
        argparse arguments, then click parameters, then `sys.argv[i]` uses, in source order.

    Example: ``p.add_argument("--min-qty", type=int, default=1)`` gives
    ``ArgSpec(dest="min_qty", flags=("--min-qty",), type="int", default=1)``.
    """
    try:
        tree = ast.parse(py_source)
    except SyntaxError:
        return ()
    specs = [*_argparse(tree), *_click(tree), *_sys_argv(tree)]
    used = usages(tree, {s.dest for s in specs})
    return tuple(replace(s, usage=s.usage or used.get(s.dest)) for s in specs)


def _argparse(tree: ast.AST) -> Iterator[ArgSpec]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and call_name(node.func) == "add_argument":
            names = [
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            if names:
                yield _spec(names, _keywords(node), "argparse")


def _click(tree: ast.AST) -> Iterator[ArgSpec]:
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for deco in node.decorator_list:  # click lists parameters in this order
            kind = call_name(deco.func) if isinstance(deco, ast.Call) else ""
            if kind not in ("option", "argument"):
                continue
            assert isinstance(deco, ast.Call)
            names = [
                a.value
                for a in deco.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            keywords = _keywords(deco)
            if keywords.get("is_flag") is True:
                keywords["action"] = "store_true"
            if keywords.get("multiple") is True:
                keywords["action"] = "append"
            if names:
                yield _spec(names, keywords, "click")


def _spec(
    names: list[str], keywords: dict[str, object], declared_by: Literal["argparse", "click"]
) -> ArgSpec:
    flags = tuple(n for n in names if n.startswith("-"))
    plain = [n for n in names if not n.startswith("-")]
    longs = [f for f in flags if f.startswith("--")]
    derived = (plain or longs or list(flags))[0].lstrip("-").replace("-", "_")
    dest = keywords.get("dest") if isinstance(keywords.get("dest"), str) else derived
    declared_type = keywords.get("type")
    type_, usage = declared_type if isinstance(declared_type, tuple) else (None, None)
    nargs = keywords.get("nargs")
    return ArgSpec(
        dest=str(dest),
        flags=flags,
        type=type_,
        default=keywords.get("default"),
        action=str(keywords.get("action", "store")),
        nargs=nargs if isinstance(nargs, (str, int)) else None,
        declared_by=declared_by,
        usage=usage,
    )


def _keywords(call: ast.Call) -> dict[str, object]:
    out: dict[str, object] = {}
    for kw in call.keywords:
        if kw.arg == "type":
            out["type"] = _type(kw.value)
        elif kw.arg is not None:
            out[kw.arg] = literal(kw.value)
    return out


def _type(node: ast.expr) -> tuple[str | None, Usage | None]:
    """`int` → ("int", None); `argparse.FileType("w")` → ("file", "write"); click.Path → path."""
    if isinstance(node, ast.Call):
        name = call_name(node.func)
        if name in ("FileType", "File"):
            mode = literal(node.args[0]) if node.args else keyword(node, "mode")
            writes = isinstance(mode, str) and any(c in mode for c in "wax")
            return "file", "write" if writes else "read"
        return ("path", None) if name == "Path" else (None, None)
    return TYPES.get(call_name(node)), None


def _sys_argv(tree: ast.AST) -> Iterator[ArgSpec]:
    names: dict[int, tuple[str, str | None]] = {}
    for node in ast.walk(tree):
        for named in _argv_assignments(node):
            names.setdefault(named[0], named[1:])
    seen = {i for i in (argv_index(n) for n in ast.walk(tree) if isinstance(n, ast.expr)) if i}
    for index in sorted(seen):
        dest, cast = names.get(index, (f"argv_{index}", None))
        yield ArgSpec(dest=dest, type=cast, declared_by="sys.argv", index=index)


def _argv_assignments(node: ast.AST) -> list[tuple[int, str, str | None]]:
    """`name = sys.argv[i]`, also unpacked (`src, dst = sys.argv[1], sys.argv[2]`)."""
    if not isinstance(node, ast.Assign) or len(node.targets) != 1:
        return []
    target = node.targets[0]
    if isinstance(target, ast.Tuple | ast.List):
        pairs = unpacked_pairs(target, node.value)
        found = [_argv_assignment(ast.Assign([ast.Name(n, ast.Store())], v)) for n, v in pairs]
        return [f for f in found if f is not None]
    named = _argv_assignment(node)
    return [] if named is None else [named]


def _argv_assignment(node: ast.AST) -> tuple[int, str, str | None] | None:
    """`name = sys.argv[i]` or `name = int(sys.argv[i])`: (i, name, "int"/"float"/None)."""
    if not isinstance(node, ast.Assign) or len(node.targets) != 1:
        return None
    target = node.targets[0]
    value, cast = node.value, None
    if isinstance(value, ast.Call) and call_name(value.func) in ("int", "float") and value.args:
        cast = call_name(value.func)
        value = value.args[0]
    index = argv_index(value)
    if index is None or not isinstance(target, ast.Name):
        return None
    return index, target.id, cast

