"""Sources as a driver script runs them: papermill parameters and command-line arguments bound.

`bind_notebook` gives a notebook its papermill values (in its `parameters` cell, as papermill
injects them) and the folder it runs in. `bind_script` turns a Python script called with
arguments into a source whose code reads literals instead of its command line: `args.input`
becomes the path the call gave (so analysis sees a file the catalog holds), `args.min_qty` a
constant (so it becomes a parameter). The argparse set-up goes, `if __name__ == "__main__":` is
unwrapped and a `main()` without arguments is inlined. When that cannot be done faithfully the
reason is returned and the script runs as a subprocess node instead.
"""

from __future__ import annotations

import ast
import posixpath
from collections.abc import Iterable
from dataclasses import replace

from ..analysis.python.code_text import dedent_code
from ..analysis.python.script_cli import argparse_spec
from ..model import Cell, Source
from ..model.shell import NotebookRun, PythonCall
from .binding_cli import Unbindable, apply, bind_argparse, bind_argv, span


# ------------------------------------------------------------------------------- notebooks
def bind_notebook(source: Source, run: NotebookRun, variant: str = "") -> Source:
    """The notebook with the run's parameters in its `parameters` cell (replacing the defaults
    of the names it sets, adding the others) and the run's working directory."""
    cells = list(source.cells)
    if run.parameters:
        tagged = next((c for c in cells if c.kind == "code" and "parameters" in c.tags), None)
        if tagged is None:
            code = "\n".join(f"{name} = {value!r}" for name, value in run.parameters)
            injected = Cell(0, "injected-parameters", "code", code, ("parameters",))
            cells = [injected, *(replace(c, index=c.index + 1) for c in cells)]
        else:
            cells[tagged.index] = replace(tagged, source=set_values(tagged.source, run.parameters))
    return replace(source, cells=tuple(cells), workdir=workdir(source, run.cwd), variant=variant)


def set_values(code: str, values: Iterable[tuple[str, object]]) -> str:
    """`NAME = <default>` lines with the given values; names not bound are appended, and so are
    names the cell reads after setting them (`PATH = DATA + "/x.csv"` after `DATA = ...`):
    papermill sets values after the cell runs, so what the cell derives keeps the default's."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        tree = ast.Module(body=[], type_ignores=[])
    spans: list[tuple[int, int, str]] = []
    missing = []
    for name, value in values:
        node = next(
            (
                s
                for s in tree.body
                if isinstance(s, ast.Assign)
                and len(s.targets) == 1
                and isinstance(s.targets[0], ast.Name)
                and s.targets[0].id == name
            ),
            None,
        )
        if node is None or read_after(tree, name, node):
            missing.append(f"{name} = {value!r}")
        else:
            spans.append((*span(code, node.value), repr(value)))
    code = apply(code, spans)
    return "\n".join([code.rstrip("\n"), *missing]) if missing else code


def read_after(tree: ast.Module, name: str, statement: ast.stmt) -> bool:
    """Whether the code reads ``name`` after ``statement``."""
    end = (statement.end_lineno or 0, statement.end_col_offset or 0)
    return any(
        isinstance(n, ast.Name)
        and n.id == name
        and isinstance(n.ctx, ast.Load)
        and (n.lineno, n.col_offset) > end
        for n in ast.walk(tree)
    )


def workdir(source: Source, cwd: str | None) -> str:
    """`Source.workdir` for code running in ``cwd`` ("" when that is the source's own folder)."""
    own = posixpath.dirname(str(source.path)) or "."
    if cwd is None or cwd == own:
        return ""
    return cwd


# --------------------------------------------------------------------------------- scripts
def bind_script(
    source: Source, call: PythonCall, cwd: str | None, variant: str = ""
) -> tuple[Source | None, str]:
    """The script with its command-line arguments bound to the call's values.

    Returns:
        (the bound source, "") or (None, why it cannot be bound).
    """
    if call.bound_with not in ("argparse", "sys.argv"):
        return None, "its command-line arguments are not declared with argparse or sys.argv"
    if cwd is None:
        return None, "the folder it runs in is only known at run time"
    arguments = {a.dest: a for a in call.arguments}
    if any(a.role == "unknown" for a in arguments.values()):
        return None, "the call passes arguments the script does not declare"
    if any(a.value is None and a.given for a in arguments.values()):
        return None, "some arguments are only known at run time"
    cells = [c for c in source.cells]
    code_cells = [i for i, c in enumerate(cells) if c.kind == "code"]
    if not code_cells:
        return None, "the script has no code"
    text = "\n".join(cells[i].source for i in code_cells)
    spec = {s.dest: s for s in argparse_spec(text)}
    try:
        for i in code_cells:
            cells[i] = replace(cells[i], source=inline_main(unwrap_main(cells[i].source)))
        if call.bound_with == "argparse":
            cells = bind_argparse(cells, code_cells, arguments, spec)
        else:
            cells = bind_argv(cells, code_cells, arguments, spec)
    except Unbindable as error:
        return None, str(error)
    except SyntaxError:
        return None, "a cell of the script does not parse"
    cells = [replace(c, index=i) for i, c in enumerate(cells)]
    return replace(source, cells=tuple(cells), workdir=workdir(source, cwd), variant=variant), ""


def unwrap_main(code: str) -> str:
    """`if __name__ == "__main__": body` → body, at top level."""
    tree = ast.parse(code)
    lines = code.split("\n")
    for node in reversed(tree.body):
        if isinstance(node, ast.If) and is_main_guard(node.test):
            if node.orelse:
                raise Unbindable("its `if __name__ == '__main__':` has an else branch")
            body = dedent_code("\n".join(lines[node.body[0].lineno - 1 : node.end_lineno]))
            lines[node.lineno - 1 : node.end_lineno] = body.split("\n")
    return "\n".join(lines)


def is_main_guard(test: ast.expr) -> bool:
    if (
        not isinstance(test, ast.Compare)
        or len(test.ops) != 1
        or not isinstance(test.ops[0], ast.Eq)
    ):
        return False
    sides = [test.left, test.comparators[0]]
    return any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides) and any(
        isinstance(s, ast.Constant) and s.value == "__main__" for s in sides
    )


def inline_main(code: str) -> str:
    """A top-level call `f()` of a function without parameters defined at top level and called
    once, whose body neither returns a value nor declares globals: the body replaces the call."""
    tree = ast.parse(code)
    functions = {
        n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.decorator_list
    }
    calls = [
        s
        for s in tree.body
        if isinstance(s, ast.Expr)
        and isinstance(s.value, ast.Call)
        and isinstance(s.value.func, ast.Name)
        and s.value.func.id in functions
        and not s.value.args
        and not s.value.keywords
    ]
    lines = code.split("\n")
    for call in reversed(calls):
        # (the statements were selected so)
        assert isinstance(call.value, ast.Call) and isinstance(call.value.func, ast.Name)
        name = call.value.func.id
        function = functions[name]
        used = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name]
        if len(used) != 1 or not inlinable(function) or function.lineno > call.lineno:
            continue
        body = dedent_code("\n".join(lines[function.body[0].lineno - 1 : function.end_lineno]))
        lines[call.lineno - 1 : call.end_lineno] = body.split("\n")
        lines[function.lineno - 1 : function.end_lineno] = []
    return "\n".join(lines)


def inlinable(function: ast.FunctionDef) -> bool:
    arguments = function.args
    if (
        arguments.args
        or arguments.posonlyargs
        or arguments.kwonlyargs
        or arguments.vararg
        or arguments.kwarg
    ):
        return False
    for node in own_nodes(function):
        if isinstance(node, (ast.Global, ast.Nonlocal, ast.Yield, ast.YieldFrom)):
            return False
        if isinstance(node, ast.Return) and node.value is not None:
            return False
        if isinstance(node, ast.Return) and node is not function.body[-1]:
            return False
    return True


def own_nodes(function: ast.FunctionDef) -> Iterable[ast.AST]:
    """Nodes of a function's body, not entering nested functions, lambdas or classes."""
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))
