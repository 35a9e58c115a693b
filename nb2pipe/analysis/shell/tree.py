"""tree-sitter-bash access: the parser, node positions and text, and the command lines of a text.

The one place that builds the parser; `shell.parse` and `shell.words` lower its nodes.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import tree_sitter_bash
from tree_sitter import Language, Node, Parser, Tree

#: Node types that hold one command (for `command_lines`).
COMMAND_NODES = frozenset(
    {
        "command",
        "test_command",
        "ERROR",
        "variable_assignment",
        "declaration_command",
        "unset_command",
        "variable_assignments",
    }
)


@cache
def _parser() -> Parser:
    return Parser(Language(tree_sitter_bash.language()))


def parse_tree(data: bytes) -> Tree:
    """The tree-sitter tree of bash source (error-tolerant: never raises)."""
    return _parser().parse(data)


def command_lines(text: str) -> frozenset[int]:
    """1-based lines where a command starts, from the parse tree (for accounting in tests).

    Args:
        text: Bash source.

    Returns:
        Start lines of every command, declaration, test and parse error in the tree.
    """
    root = parse_tree(text.encode()).root_node
    return frozenset(
        n.start_point[0] + 1
        for n in descendants(root)
        if n.type in COMMAND_NODES and n.end_byte > n.start_byte
    )


def own_line(node: Node, data: bytes) -> bool:
    """True for a comment alone on its line (not one trailing a command)."""
    line_start = data.rfind(b"\n", 0, node.start_byte) + 1
    return not data[line_start : node.start_byte].strip()


def descendants(node: Node) -> Iterator[Node]:
    """``node`` and every node below it, in source order."""
    yield node
    for child in node.children:
        yield from descendants(child)


def span(node: Node, data: bytes) -> tuple[int, int, str]:
    """1-based first line, last line and text of a node."""
    return node.start_point[0] + 1, end_line(node), node_text(node, data)


def end_line(node: Node) -> int:
    """1-based last line; a node ending at column 0 ends on the line before (heredocs do)."""
    row, col = node.end_point
    return row + (1 if col > 0 or row == node.start_point[0] else 0)


def node_text(node: Node | None, data: bytes) -> str:
    """The source text of a node ("" for None)."""
    if node is None:
        return ""
    return data[node.start_byte : node.end_byte].decode(errors="replace")
