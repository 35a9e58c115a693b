"""`%run other.ipynb` / `%run script.py args` → the other file's code, inlined where the magic was.

IPython runs a notebook's cells in the caller's namespace (as `%run -i` does for a script), and a
script as `__main__` with `sys.argv` set to its arguments, then copies the script's globals into
the notebook. Inlining reproduces both: the cell holding `%run` is split around it, and the other
file's code cells come in between, run from the caller's working directory as IPython runs them.
The script's code is adapted so that it runs as `python script.py args` would: the
`if __name__ == "__main__":` guard is unwrapped (unless `-n`), `sys.argv` and a bare
`parse_args()` read the call's words, `__file__` is the script's path.

Inlined cells keep their origin in their ref: cell `3/prep.ipynb:2` is cell 2 of prep.ipynb,
inlined by the `%run` of cell 3, and `3/prep.py` the script run there. Diagnostics name it, and
so does the provenance comment of every generated function holding its code
(`# From main.ipynb, cells 4, 5 (id 3/prep.ipynb:2, 3)`). No markdown is added: docstrings stay
the author's own sections.
"""

from __future__ import annotations

import ast
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..model import Cell, Diagnostic, Source
from .magics import string_lines

RUN_LINE = re.compile(r"^%run\s+(?P<args>.+?)\s*$")
CD_LINE = re.compile(r"^%cd\s+(?:-q\s+)?(?P<folder>[^\s{$~-][^{$]*?)\s*$")
#: Options of %run that change how the file runs in ways inlining keeps (timing, exit codes...).
KEPT_OPTIONS = frozenset({"-i", "-n", "-t", "-e", "-G"})
#: File types %run runs as a notebook's cells, and as a Python script.
NOTEBOOKS, SCRIPTS = (".ipynb",), (".py", ".ipy")

ReadNotebook = Callable[[Path, PurePosixPath, tuple[str, ...]], Source]


@dataclass(frozen=True, slots=True)
class RunTarget:
    """What one `%run` line runs."""

    spelled: str
    argv: tuple[str, ...]
    options: frozenset[str]


def run_target(args: str) -> RunTarget | None:
    """The file and arguments of `%run [options] file args` (None when not inlinable: a module,
    the debugger or profiler, a path only known at run time)."""
    try:
        words = shlex.split(args)
    except ValueError:
        return None
    options: set[str] = set()
    while words and words[0].startswith("-"):
        options.add(words.pop(0))
    if not words or not options <= KEPT_OPTIONS or any(c in words[0] for c in "{$*?~"):
        return None
    if not words[0].endswith((*NOTEBOOKS, *SCRIPTS)):
        return None
    return RunTarget(words[0], tuple(words[1:]), frozenset(options))


def inline_runs(
    source: Source, path: Path, read_notebook: ReadNotebook, stack: tuple[str, ...]
) -> Source:
    """``source`` with the code of every file its top-level `%run` lines name inlined.

    Raises:
        InputError: a `%run` names a file that does not exist, or notebooks run each other.
    """
    root = Path(path).resolve().parents[len(source.path.parts) - 1]
    folder = Path(path).resolve().parent
    cells: list[Cell] = []
    runs: list[str] = []
    for cell in source.cells:
        if cell.kind != "code" or "skip" in cell.tags or cell.source.lstrip().startswith("%%"):
            cells.append(cell)
            continue
        lines = cell.source.split("\n")
        start = 0
        for number, line in enumerate(lines):
            moved = CD_LINE.match(line)
            if moved:
                folder = (folder / moved.group("folder").strip("'\"")).resolve()
            found = RUN_LINE.match(line)
            target = run_target(found.group("args")) if found else None
            if target is None or found is None:  # (found is None gives no target)
                continue
            file = (folder / target.spelled).resolve()
            where = (str(source.path), cell.ref, number + 1)
            if not file.is_file():
                message = f"`%run {found.group('args')}`: {file} does not exist"
                raise InputError([Diagnostic("error", "missing-run-target", message, *where)])
            cells += part(cell, lines, start, number)
            cells += inlined(
                file, target, cell, root, read_notebook, (*stack, str(path.resolve())), where, runs
            )
            start = number + 1
        cells += [cell] if start == 0 else part(cell, lines, start, len(lines))
    if cells == list(source.cells):
        return source
    numbered = tuple(replace(c, index=i) for i, c in enumerate(cells))
    return replace(source, cells=numbered, runs=tuple(dict.fromkeys(runs)))


def part(cell: Cell, lines: list[str], start: int, end: int) -> list[Cell]:
    """Lines ``start``..``end`` of a split cell, at their own line numbers (blank lines above)."""
    kept = lines[start:end]
    if not any(line.strip() for line in kept):
        return []
    return [
        replace(cell, source="\n" * start + "\n".join(kept), tags=cell.tags if start == 0 else ())
    ]


def inlined(
    file: Path,
    target: RunTarget,
    cell: Cell,
    root: Path,
    read_notebook: ReadNotebook,
    stack: tuple[str, ...],
    where: tuple[str, str, int],
    runs: list[str],
) -> list[Cell]:
    """The code cells of the file (a script's code adapted to its call), with their origin;
    ``runs`` gains the file and what its own `%run` lines inlined."""
    if str(file) in stack:
        message = f"`%run {target.spelled}`: the notebooks run each other ({file.name})"
        raise InputError([Diagnostic("error", "recursive-run", message, *where)])
    shown = relative_to(file, root)
    runs.append(shown)
    if file.suffix in NOTEBOOKS:
        other = read_notebook(file, PurePosixPath(shown), stack)
        runs.extend(other.runs)
        return [
            Cell(
                0,
                f"{cell.ref}/{shown}:{c.ref}",
                "code",
                c.source,
                tuple(t for t in c.tags if t != "parameters"),
            )
            for c in other.cells
            if c.kind == "code"
        ]
    return [
        Cell(
            0, f"{cell.ref}/{shown}", "code", script_code(file.read_text(encoding="utf-8"), target)
        )
    ]


def relative_to(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.name


def script_code(text: str, target: RunTarget) -> str:
    """The script as `%run` runs it: guard unwrapped, `sys.argv`, `parse_args()` and `__file__`
    read the call's values. Lines stay where they are."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text
    argv = repr([target.spelled, *target.argv])
    lines = text.split("\n")
    spans: list[tuple[int, int, int, int, str]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Subscript)
            and is_sys_argv(node.value)
            and isinstance(node.slice, ast.Constant)
        ):
            index = node.slice.value
            words = [target.spelled, *target.argv]
            if isinstance(index, int) and -len(words) <= index < len(words):
                spans.append((*position(node, lines), repr(words[index])))
                continue
        if is_sys_argv(node):
            spans.append((*position(node, lines), argv))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("parse_args", "parse_known_args")
            and not node.args
            and not node.keywords
        ):
            end_line, end_col = position(node, lines)[2:]
            spans.append((end_line, end_col - 1, end_line, end_col - 1, repr(list(target.argv))))
        elif (
            isinstance(node, ast.Name) and node.id == "__file__" and isinstance(node.ctx, ast.Load)
        ):
            spans.append((*position(node, lines), repr(target.spelled)))
    lines = apply(lines, spans)
    if "-n" not in target.options:
        lines = unwrap_main(lines)
    return "\n".join(lines)


def is_sys_argv(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "argv"
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
        and isinstance(node.ctx, ast.Load)
    )


def position(node: ast.AST, lines: list[str]) -> tuple[int, int, int, int]:
    """(line, col, end line, end col): 1-based lines, character columns."""

    def col(line: int, byte: int) -> int:
        return len(lines[line - 1].encode("utf-8")[:byte].decode("utf-8", errors="ignore"))

    assert isinstance(node, ast.expr) and node.end_lineno is not None and node.end_col_offset is not None
    return (
        node.lineno,
        col(node.lineno, node.col_offset),
        node.end_lineno,
        col(node.end_lineno, node.end_col_offset),
    )


def apply(lines: list[str], spans: list[tuple[int, int, int, int, str]]) -> list[str]:
    """Replace single-line spans (outermost wins), right to left."""
    kept: list[tuple[int, int, int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], s[1], -s[3])):
        if span[0] != span[2] or any(
            k[0] == span[0] and k[1] <= span[1] and span[3] <= k[3] and k != span for k in kept
        ):
            continue
        kept.append(span)
    for line, col, _, end, text in sorted(kept, reverse=True):
        lines[line - 1] = lines[line - 1][:col] + text + lines[line - 1][end:]
    return lines


def unwrap_main(lines: list[str]) -> list[str]:
    """`if __name__ == "__main__":` → its body at top level, on the same lines."""
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return lines
    for node in tree.body:
        if not (isinstance(node, ast.If) and not node.orelse and is_main_test(node.test)):
            continue
        first, last = node.body[0].lineno, node.end_lineno or node.lineno
        indent = lines[first - 1][: len(lines[first - 1]) - len(lines[first - 1].lstrip())]
        inside = string_lines("\n".join(lines)) or set()
        lines[node.lineno - 1] = ""
        for number in range(first, last + 1):
            if number not in inside and lines[number - 1].startswith(indent):
                lines[number - 1] = lines[number - 1][len(indent) :]
    return lines


def is_main_test(test: ast.expr) -> bool:
    if not (
        isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
    ):
        return False
    sides = [test.left, test.comparators[0]]
    return any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides) and any(
        isinstance(s, ast.Constant) and s.value == "__main__" for s in sides
    )


__all__ = ["inline_runs", "run_target", "RunTarget"]
