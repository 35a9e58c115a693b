"""`__name__` where a notebook runs: `"__main__"`, so `if __name__ == "__main__":` always runs.

A notebook's cells run in the kernel's `__main__` module (a script's in `python script.py`'s, a
sphinx-gallery example's in the one sphinx-gallery makes): `__name__` is `"__main__"` there,
and the guard scripts put their main code under is true. In a node's module `__name__` is that
module's name, so the node silently skipped the guarded code. The test is a constant where the
source runs, so converting decides it: an `if __name__ == "__main__":` (either side, any depth)
becomes its body, dedented to the `if`'s place; `if __name__ != "__main__":` becomes its else
branch (or nothing: `pass` inside a block). The lines of the `if`, of `else:` and of the branch
that never ran are left blank, so every other line keeps its number (capture points, messages).
Any other read of `__name__` (`logging.getLogger(__name__)`, in a function too) becomes the
string `"__main__"`.

Left alone: a source that binds `__name__` itself, and an `elif` that `!=` would keep (its
chain would need rewriting).

Example: ``if __name__ == "__main__":\\n    main()\\nelse:\\n    pass`` → ``\\nmain()\\n\\n``.
"""

from __future__ import annotations

import ast

from ...model import Diagnostic, Source
from .chunks import CellCode
from .code_text import string_lines
from .output_history import reparsed, respell, segment

NAME = "__name__"
MAIN = "__main__"
#: Guards rewritten in one cell at most (each pass rewrites the first one left).
LIMIT = 50


def bind_main_name(
    source: Source, cells: list[CellCode]
) -> tuple[list[CellCode], list[Diagnostic]]:
    """``cells`` with `__name__` read as `"__main__"` (see the module docstring)."""
    if any(binds_name(cell.tree) for cell in cells):
        return cells, []
    edited: list[CellCode] = []
    notes: list[Diagnostic] = []
    for cell in cells:
        for _ in range(LIMIT):
            guard = next((n for n in ast.walk(cell.tree) if isinstance(n, ast.If)
                          and main_test(n.test) is not None and kept(n) is not None), None)
            if guard is None:
                break
            code = unwrapped(cell.code, guard, at_top=guard in cell.tree.body)
            try:
                cell = reparsed(cell, code)
            except SyntaxError:  # a layout the line edits do not cover: leave it to run as is
                break
            notes.append(Diagnostic(
                "info", "main-guard", f"`if {ast.unparse(guard.test)}:` is "
                f"{main_test(guard.test)} where the notebook runs (its `__main__`): the branch "
                "that ran is kept in its place, the other dropped", str(source.path),
                cell.cell.ref, guard.lineno))
        edited.append(main_read(cell))
    return edited, notes


def main_read(cell: CellCode) -> CellCode:
    """``cell`` with its reads of `__name__` written `"__main__"` (in an f-string, in the quotes
    it does not use: Python before 3.12 allows no other)."""
    quotes = fstring_quotes(cell)
    reads = [n for n in ast.walk(cell.tree)
             if isinstance(n, ast.Name) and n.id == NAME and isinstance(n.ctx, ast.Load)]
    spans: list[tuple[ast.expr, str]] = [
        (n, '"__main__"' if quotes.get(id(n)) == "'" else "'__main__'") for n in reads]
    try:
        return respell(cell, spans) if spans else cell
    except SyntaxError:  # an f-string using both quotes: left to run as is
        return cell


def fstring_quotes(cell: CellCode) -> dict[int, str]:
    """``id`` of each node inside an f-string → the quote character that f-string opens with."""
    found: dict[int, str] = {}
    lines = cell.code.split("\n")
    for node in ast.walk(cell.tree):
        if isinstance(node, ast.JoinedStr):
            text = segment(lines, node).lstrip("rRfFbBuU")
            found.update({id(inner): text[:1] for inner in ast.walk(node)})
    return found


def main_test(test: ast.expr) -> bool | None:
    """The value of `__name__ == "__main__"` (`!=`, either side) where a notebook runs."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1
            and isinstance(test.ops[0], (ast.Eq, ast.NotEq))):
        return None
    sides = [test.left, test.comparators[0]]
    if any(isinstance(s, ast.Name) and s.id == NAME for s in sides) and any(
            isinstance(s, ast.Constant) and s.value == MAIN for s in sides):
        return isinstance(test.ops[0], ast.Eq)
    return None


def kept(guard: ast.If) -> list[ast.stmt] | None:
    """The statements that ran: the body, or the else branch (None for an `elif`, whose chain
    would need rewriting)."""
    if main_test(guard.test):
        return guard.body
    elif_ = guard.orelse[:1] and isinstance(guard.orelse[0], ast.If) and (
        guard.orelse[0].col_offset == guard.col_offset)  # an `else:` block is indented
    return None if elif_ else guard.orelse


def unwrapped(code: str, guard: ast.If, at_top: bool) -> str:
    """``code`` with ``guard`` replaced by the statements that ran, on their own lines."""
    lines = code.split("\n")
    first, last = guard.lineno, guard.end_lineno or guard.lineno
    indent = lines[first - 1][: guard.col_offset]  # the `if` starts its line: its indentation
    new = {number: "" for number in range(first, last + 1)}
    statements = kept(guard) or []
    if not statements:
        new[first] = "" if at_top else indent + "pass"
        return "\n".join(new.get(n, text) for n, text in enumerate(lines, 1))
    start, end = statements[0].lineno, statements[-1].end_lineno or statements[-1].lineno
    line = lines[start - 1].encode()
    if line[: statements[0].col_offset].strip():  # `if ...: body` / `else: body`, one line
        new[start] = indent + line[statements[0].col_offset :].decode()
        new.update({n: lines[n - 1] for n in range(start + 1, end + 1)})
    else:
        if statements is guard.body:  # comments between the `if` line and the body stay
            start = (guard.test.end_lineno or guard.lineno) + 1
        margin = statements[0].col_offset - guard.col_offset
        inside = string_lines(code)
        for number in range(start, end + 1):
            text = lines[number - 1]
            deeper = not text[:margin].strip() and number not in inside
            new[number] = text[margin:] if deeper else text
    return "\n".join(new.get(n, text) for n, text in enumerate(lines, 1))


def binds_name(tree: ast.Module) -> bool:
    """The source binds `__name__` itself (assigns it, declares it global, imports it)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == NAME and not isinstance(node.ctx, ast.Load):
            return True
        if isinstance(node, (ast.Global, ast.Nonlocal)) and NAME in node.names:
            return True
        if isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                (a.asname or a.name) == NAME for a in node.names):
            return True
    return False
