"""Per-item writes in a loop (issue #13): `part.to_csv(f"scores/batch_{i:02d}.csv")` inside
`for i in ...` writes one file per item into a folder the code names before running. That folder
is one partitioned dataset: each item is written under a temporary name and renamed when complete
(never a half-written file), and on the next run an item already on disk is not computed again
(resume), when the loop body allows skipping it (`resumable`).

Only facts here; the rewrites are Edits (kind "partition": ``payload`` with "\\0" where the
folder argument goes), applied by codegen."""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass

from ...knowledge import io_calls
from .walk_state import Context

#: Where the folder argument goes in a "partition" edit's payload.
FOLDER = "\0"
GLOB = "*?["


@dataclass(frozen=True)
class LoopWrite:
    loop: ast.For
    #: The write statement (a direct statement of the loop body) and its index there.
    statement: ast.Expr
    index: int
    #: Why an item on disk cannot be skipped on resume ("" when it can).
    not_resumable: str
    #: `acc.append(V)` statements after the write, V being the value written (rebuilt from disk).
    appends: tuple[ast.Expr, ...]


def static_folder(path: ast.expr, env: dict[str, str]) -> str | None:
    """The folder a path computed per item lies in, when the code names it before running:
    `f"scores/batch_{i}.csv"`, `"scores/%d.csv" % i`, `"scores/{}.csv".format(i)`,
    `os.path.join("scores", name)`, `Path("scores") / f"{i}.csv"`, `"scores/" + name`."""
    prefix = static_prefix(path, env)
    if not prefix or "/" not in prefix:
        return None
    folder = prefix.rpartition("/")[0]
    return folder or None


def static_prefix(node: ast.expr, env: dict[str, str]) -> str | None:
    if isinstance(node, ast.JoinedStr):
        text = ""
        for value in node.values:
            part = io_calls.static_string(
                value.value if isinstance(value, ast.FormattedValue) else value, env
            )
            if part is None or (
                isinstance(value, ast.FormattedValue) and value.format_spec is not None
            ):
                return text
            text += part
        return None  # all static: not a per-item path
    if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
        return node.left.value.partition("%")[0]
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return node.func.value.value.partition("{")[0]
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Div)):
        left = io_calls.static_string(node.left, env)
        if left is None or io_calls.static_string(node.right, env) is not None:
            return None
        return (
            left
            + ("/" if isinstance(node.op, ast.Div) else "")
            + (static_prefix(node.right, env) or "")
        )
    if (
        isinstance(node, ast.Call)
        and io_calls.dotted(node.func)
        in ("os.path.join", "path.join", "join", "Path", "pathlib.Path")
        and len(node.args) >= 2
    ):
        parts = [io_calls.static_string(a, env) for a in node.args]
        static = [p for p in parts[: parts.index(None)] if p is not None] if None in parts else None
        if not static:
            return None
        return os.path.join(*static) + "/" + (static_prefix(node.args[len(static)], env) or "")
    return None


def function_item_folders(function: ast.AST, ctx: Context) -> tuple[str, ...]:
    """Folders a notebook function writes one file per call into (`def save(f, i):
    f.to_csv(f"out/item_{i}.csv")`): no partitioned dataset (the folder would have to reach
    functions.py), but worth saying so at the call (`function_note`)."""
    found: list[str] = []
    for call in ast.walk(function):
        if not isinstance(call, ast.Call):
            continue
        qual = ctx.qualname(call.func)
        method = call.func.attr if isinstance(call.func, ast.Attribute) else None
        rule = io_calls.KNOWN_IO.get(qual or "")
        if rule is None and qual is None and method is not None:
            rule = io_calls.KNOWN_WRITE_METHODS.get(method)
        path = None if rule is None else io_calls.path_argument(call, rule.path_arg, rule.path_kw)
        if rule is None or rule.mode == "read" or path is None:
            continue
        static = io_calls.static_string(path, ctx.strings) is not None
        folder = None if static else static_folder(path, ctx.strings)
        if folder:
            found.append(folder)
    return tuple(dict.fromkeys(found))


def function_note(called: str, folders: tuple[str, ...]) -> str:
    """Why the files a function writes per call are no partitioned dataset, and what to do."""
    return (
        f"`{called}()` writes one file per call into `{folders[0]}/` at a path only known at run "
        "time: that folder is no partitioned dataset (each file is written in place, relative to "
        "the project root, and computed again on every run); write the item in the loop itself "
        f"(`frame.to_csv(f\"{folders[0]}/...\")`) to have it written whole and resumed")


def folder_listing(
    node: ast.Call, qual: str | None, method: str | None, ctx: Context
) -> tuple[str, ast.expr, str] | None:
    """A call listing a folder the code names before running (`glob.glob("scores/*.csv")`,
    `os.listdir("scores")`, `Path("scores").glob("*.csv")`): (the folder as spelled, the
    expression naming it, the pattern after the folder in that expression, "" when none)."""
    if qual in io_calls.FOLDER_LISTINGS:
        position, keyword, pattern = io_calls.FOLDER_LISTINGS[qual]
        path = io_calls.path_argument(node, position, keyword)
        spelled = None if path is None else io_calls.static_string(path, ctx.strings)
        if path is None or not spelled:
            return None
        folder, rest = spelled.rpartition("/")[::2] if pattern else (spelled.rstrip("/"), "")
        if pattern and not any(c in rest for c in GLOB):
            return None
        return (folder, path, rest) if folder and not any(c in folder for c in GLOB) else None
    inner = node.func.value if isinstance(node.func, ast.Attribute) else None
    if method in io_calls.FOLDER_LISTING_METHODS and isinstance(inner, ast.Call) and inner.args:
        if ctx.qualname(inner.func) in ("pathlib.Path", "pathlib.PurePath"):
            spelled = io_calls.static_string(inner.args[0], ctx.strings)
            folder = spelled.rstrip("/") if spelled else ""
            # (the root folder, `Path("/")`, is no folder of the project: as `os.listdir("/")`)
            if spelled and folder and not any(c in spelled for c in GLOB):
                return folder, inner.args[0], ""
    return None


def listing_payload(rest: str) -> str:
    """The expression replacing the listed path: the folder's argument, then the pattern."""
    if not rest:
        return FOLDER
    escaped = rest.replace("\\", "\\\\").replace('"', '\\"').replace("{", "{{").replace("}", "}}")
    return 'f"{' + FOLDER + '}/' + escaped + '"'


def suffix_of(path: ast.expr) -> str:
    """The file extension the code spells at the end of the path (`.csv`), or ""."""
    last = path
    if isinstance(path, ast.JoinedStr) and path.values:
        last = path.values[-1]
    elif isinstance(path, ast.BinOp):
        last = path.left if isinstance(path.op, ast.Mod) else path.right
    elif (
        isinstance(path, ast.Call)
        and isinstance(path.func, ast.Attribute)
        and path.func.attr == "format"
    ):
        last = path.func.value
    elif isinstance(path, ast.Call) and path.args:
        last = path.args[-1]
    if isinstance(last, ast.JoinedStr) and last.values:
        last = last.values[-1]
    text = last.value if isinstance(last, ast.Constant) and isinstance(last.value, str) else ""
    extension = text.rpartition(".")[2]
    if "." not in text or not extension or "/" in extension or "{" in extension or "%" in extension:
        return ""
    return "." + extension


def loop_write(
    statement: ast.stmt, call: ast.Call, path: ast.expr, value: ast.expr
) -> LoopWrite | None:
    """The loop whose body writes with ``call`` (a statement of its own in the body), and
    whether an item already on disk can be skipped."""
    for loop in ast.walk(statement):
        if not isinstance(loop, ast.For):
            continue
        for index, stmt in enumerate(loop.body):
            if isinstance(stmt, ast.Expr) and stmt.value is call:
                return LoopWrite(loop, stmt, index, *resumable(loop, index, path, value))
        nested = nested_write(loop.body, call)
        if nested is not None:  # each item still written whole; whether it is, the run decides
            why = "the item is written inside an `if`, `with` or `try` of the loop"
            return LoopWrite(loop, nested, -1, why, ())
    return None


def nested_write(body: list[ast.stmt], call: ast.Call) -> ast.Expr | None:
    """The statement `call` is, inside the blocks of a loop body (not in an inner loop or
    function: those are loops of their own, or run when called)."""
    for stmt in body:
        if isinstance(stmt, ast.Expr) and stmt.value is call:
            return stmt
        if isinstance(stmt, (ast.For, ast.AsyncFor, ast.While, ast.FunctionDef,
                             ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(stmt, field, None) or []
            blocks = [b.body if isinstance(b, (ast.ExceptHandler, ast.match_case)) else [b]
                      for b in inner]
            found = nested_write([s for block in blocks for s in block], call)
            if found is not None:
                return found
    return None


def resumable(
    loop: ast.For, index: int, path: ast.expr, value: ast.expr
) -> tuple[str, tuple[ast.Expr, ...]]:
    """An item can be skipped when the statements before the write only bind names, the path
    reads none of them, and the statements after it only append the value written to lists
    (`results.append(part)`: rebuilt from the file on disk)."""
    if loop.orelse:
        return "the loop has an `else`", ()
    before, after = loop.body[:index], loop.body[index + 1 :]
    assigns = [s for s in before if isinstance(s, ast.Assign)]
    if len(assigns) < len(before) or not all(simple_target(t) for s in assigns for t in s.targets):
        return "the loop does more than compute the item before writing it", ()
    bound = {
        n.id for s in assigns for t in s.targets for n in ast.walk(t) if isinstance(n, ast.Name)
    }
    if bound & {n.id for n in ast.walk(path) if isinstance(n, ast.Name)}:
        return "the file name depends on what the item computes", ()
    if not isinstance(value, ast.Name):
        return "the value written is not a name", ()
    appends: list[ast.Expr] = []
    for stmt in after:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (
            isinstance(stmt, ast.Expr)  # (call is None otherwise)
            and isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "append"
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id not in bound
            and len(call.args) == 1
            and not call.keywords
            and isinstance(call.args[0], ast.Name)
            and call.args[0].id == value.id
        ):
            return "the loop does more after writing the item than appending it to a list", ()
        appends.append(stmt)
    return "", tuple(appends)


def simple_target(target: ast.expr) -> bool:
    if isinstance(target, (ast.Tuple, ast.List)):
        return all(simple_target(t) for t in target.elts)
    return isinstance(target, ast.Name)
