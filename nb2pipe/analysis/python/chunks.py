"""Cells → chunks: one top-level statement each (statements sharing a line stay together), with
the comments above it, so every line of the cell travels with some statement."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from ...model import Cell


@dataclass(frozen=True, slots=True)
class CellCode:
    """A code cell translated to plain Python and parsed."""

    cell: Cell
    code: str
    tree: ast.Module
    implied_imports: tuple[str, ...] = ()
    #: A cell rewritten before its facts are taken (loop fission, a drawing call split): the
    #: notebook cell's line each line of ``code`` comes from; () when the lines are the cell's.
    origin: tuple[int, ...] = ()

    @property
    def lines(self) -> list[str]:
        return self.code.split("\n")

    def original(self, line: int) -> int:
        """The notebook cell's line that line ``line`` (1-based) of ``code`` comes from."""
        return self.origin[line - 1] if 0 < line <= len(self.origin) else line

    def rewritten(self, code: str, tree: ast.Module, sources: list[int]) -> CellCode:
        """This cell as ``code``, whose lines come from lines ``sources`` of this code."""
        origin = tuple(self.original(n) for n in sources)
        assert len(origin) == len(code.split("\n")), (len(origin), code)
        return CellCode(self.cell, code, tree, self.implied_imports, origin)


@dataclass(frozen=True, slots=True)
class Chunk:
    statements: tuple[ast.stmt, ...]
    #: 1-based first and last line of the chunk in its cell (comments above included).
    start: int
    end: int
    code: str


def split_chunks(cell: CellCode) -> list[Chunk]:
    """Group the cell's top-level statements into chunks, in order."""
    groups: list[list[ast.stmt]] = []
    last_line = 0
    for statement in cell.tree.body:
        first = first_line(statement)
        if groups and first <= last_line:
            groups[-1].append(statement)
        else:
            groups.append([statement])
        last_line = max(last_line, statement.end_lineno or first)
    lines = cell.lines
    chunks: list[Chunk] = []
    previous_end = 0
    for index, group in enumerate(groups):
        start = previous_end + 1
        while start < first_line(group[0]) and not lines[start - 1].strip():
            start += 1
        end = max(s.end_lineno or 0 for s in group)
        if index == len(groups) - 1:
            end = trailing_comment_end(lines, end)
        code = "\n".join(lines[start - 1 : end])
        chunks.append(Chunk(tuple(group), start, end, code))
        previous_end = end
    return chunks


def first_line(statement: ast.stmt) -> int:
    decorators = getattr(statement, "decorator_list", [])
    return min([statement.lineno, *(d.lineno for d in decorators)])


def trailing_comment_end(lines: list[str], end: int) -> int:
    """Comments after the last statement belong to it."""
    last = end
    for number in range(end + 1, len(lines) + 1):
        if lines[number - 1].strip().startswith("#"):
            last = number
    return last
