"""Statements with no statements inside, lowered from tree-sitter-bash (`parse.py` lowers the
others): commands with their assignments, words and redirections, `[ ... ]` tests, declarations
and assignments."""

from __future__ import annotations

from tree_sitter import Node

from nb2pipe.analysis.shell.syntax import Command, Declaration, Redirect, Statement
from nb2pipe.analysis.shell.tree import node_text, span
from nb2pipe.analysis.shell.words import Word, lower_word

SKIPPED = frozenset({"comment", "heredoc_body", "heredoc_start", "heredoc_end"})


def lower_command(node: Node, data: bytes) -> Statement:
    words: list[Word] = []
    assigns: list[tuple[str, Word | None]] = []
    redirects: list[Redirect] = []
    for child in node.named_children:
        if child.type == "variable_assignment":
            assigns.append(assignment(child, data))
        elif child.type.endswith("lower_redirect"):
            redirect, extra = lower_redirect(child, data)
            redirects.append(redirect)
            words.extend(extra)
        elif child.type == "command_name":
            words.append(lower_word(child.named_children[0], data))
        elif child.type not in SKIPPED:
            words.append(lower_word(child, data))
    return Command(*span(node, data), tuple(words), tuple(assigns), tuple(redirects))


def lower_test(node: Node, data: bytes) -> Statement:
    # `[ -f x ]` and `[[ ... ]]`: no files change; keep it as the command `test`.
    return Command(*span(node, data), (Word.literal("test"),))


def lower_declaration(node: Node, data: bytes) -> Statement:
    keyword = node.children[0].type if node.type != "variable_assignments" else ""
    assigns: list[tuple[str, Word | None]] = []
    flags: list[str] = []
    for child in node.named_children:
        if child.type == "variable_assignment":
            assigns.append(assignment(child, data))
        elif child.type == "variable_name":
            assigns.append((node_text(child, data), None))
        elif child.type == "word" and node_text(child, data).startswith(("-", "+")):
            flags.append(node_text(child, data))
        elif child.type == "word":
            assigns.append((node_text(child, data), None))
    return Declaration(*span(node, data), keyword, tuple(assigns), tuple(flags))


def lower_assignment(node: Node, data: bytes) -> Statement:
    return Declaration(*span(node, data), "", (assignment(node, data),))


def assignment(node: Node, data: bytes) -> tuple[str, Word | None]:
    name = node.child_by_field_name("name")
    value = node.child_by_field_name("value")
    key = node_text(name, data) if name is not None else node_text(node, data).split("=")[0]
    return key, (lower_word(value, data) if value is not None else Word.literal(""))


def lower_redirect(node: Node, data: bytes) -> tuple[Redirect, tuple[Word, ...]]:
    fd_node = node.child_by_field_name("descriptor")
    fd = node_text(fd_node, data) if fd_node is not None else None
    op = next((c.type for c in node.children if not c.is_named), "")
    if node.type in ("heredoc_redirect", "herestring_redirect"):
        return Redirect(op, fd, None), ()
    targets = [lower_word(c, data) for c in node.children_by_field_name("destination")]
    return Redirect(op, fd, targets[0] if targets else None), tuple(targets[1:])
