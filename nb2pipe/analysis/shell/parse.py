"""Parse bash with tree-sitter-bash and lower the tree to `shell.syntax` statements.

Only this module, `shell.simple_commands` (commands, tests, declarations) and `shell.words` know
tree-sitter. A statement the grammar cannot parse (an ERROR node anywhere inside it) becomes
`Unparsed`: it is never dropped. Grammar quirks handled here (tree-sitter-bash 0.25):

* `cat <<EOF | sort > out` nests the `| sort > out` part inside the heredoc redirect;
* `echo > out a` gives the redirect two destinations; the second is an argument of `echo`;
* `cd d && sort a > b` attaches `> b` to the whole list instead of `sort a`.
"""

from __future__ import annotations

import dataclasses

from tree_sitter import Node

from nb2pipe.analysis.shell.simple_commands import (
    SKIPPED,
    lower_assignment,
    lower_command,
    lower_declaration,
    lower_redirect,
    lower_test,
)
from nb2pipe.analysis.shell.syntax import (
    Background,
    Chain,
    Command,
    Compound,
    ForLoop,
    FunctionDef,
    Pipeline,
    Program,
    Redirect,
    Statement,
    Unparsed,
)
from nb2pipe.analysis.shell.tree import descendants, end_line, node_text, own_line, parse_tree, span
from nb2pipe.analysis.shell.words import Word, lower_word

#: Node types lowered by compound_parts: kind, and the child types holding separate branches.
COMPOUNDS: dict[str, tuple[str, frozenset[str]]] = {
    "if_statement": ("if", frozenset({"elif_clause", "else_clause"})),
    "case_statement": ("case", frozenset({"case_item"})),
    "while_statement": ("while", frozenset()),
    "c_style_for_statement": ("for", frozenset()),
    "compound_statement": ("group", frozenset()),
    "subshell": ("subshell", frozenset()),
}
DECLARATIONS = frozenset({"declaration_command", "unset_command", "variable_assignments"})
#: Containers whose named children are all statements: anything unknown there is `Unparsed`.
BLOCKS = frozenset({"program", "do_group", "compound_statement", "subshell"})


def parse_bash(text: str) -> Program:
    """Parse bash source into a `Program`; never raises on bad input.

    Args:
        text: The script's source.

    Returns:
        The top-level statements (unparsable ones as `Unparsed`) and the comments alone on
        their line.
    """
    data = text.encode()
    root = parse_tree(data).root_node
    comments = tuple(
        (n.start_point[0] + 1, node_text(n, data).lstrip("#").strip())
        for n in descendants(root)
        if n.type == "comment" and own_line(n, data)
    )
    if root.type != "program":  # the whole text is one parse error
        return Program((lower_statement(root, data),) if root.end_byte else (), comments)
    return Program(lower_block(root, data), comments)


def lower_block(node: Node, data: bytes) -> tuple[Statement, ...]:
    """Lower the statements among ``node``'s children, wrapping those followed by `&`.

    A parse error starting on the line a statement ends on joins it into one `Unparsed`
    (`echo "oops` parses as `echo` then an error).
    """
    out: list[Statement] = []
    children = node.children
    strict = node.type in BLOCKS
    for i, child in enumerate(children):
        if not child.is_named or child.type in SKIPPED:
            continue
        if not strict and child.type not in STATEMENTS:
            continue  # words, patterns and conditions' operands of compound statements
        stmt = lower_statement(child, data)
        if isinstance(stmt, Unparsed) and out and out[-1].end_line == stmt.line:
            start = out.pop()
            text = data[_start_byte(start, child, data) : child.end_byte].decode(errors="replace")
            stmt = Unparsed(start.line, stmt.end_line, text, stmt.reason)
        if i + 1 < len(children) and children[i + 1].type == "&":
            stmt = Background(stmt.line, stmt.end_line, stmt.text + " &", stmt)
        out.append(stmt)
    return tuple(out)


def _start_byte(previous: Statement, error: Node, data: bytes) -> int:
    """Byte where ``previous`` (a statement ending on the error's line) starts."""
    found = data.rfind(previous.text.encode(), 0, error.start_byte)
    return found if found >= 0 else error.start_byte


def lower_statement(node: Node, data: bytes) -> Statement:
    """Lower one statement node; anything holding a parse error becomes `Unparsed`."""
    line, end, text = node.start_point[0] + 1, end_line(node), node_text(node, data)
    if node.has_error:
        return Unparsed(line, end, text, "bash syntax the parser cannot read")
    lower = _LOWERERS.get(node.type)
    if lower is None and node.type in COMPOUNDS:
        lower = _compound
    if lower is None and node.type in DECLARATIONS:
        lower = lower_declaration
    if lower is None:
        return Unparsed(line, end, text, f"unsupported construct ({node.type})")
    return lower(node, data)


def _redirected(node: Node, data: bytes) -> Statement:
    body = node.child_by_field_name("body")
    redirects: list[Redirect] = []
    extra: list[Word] = []
    tail: Node | None = None
    for child in node.children_by_field_name("redirect"):
        redirect, words = lower_redirect(child, data)
        redirects.append(redirect)
        extra.extend(words)
        tail = tail or _heredoc_tail(child)
    if body is None:  # a bare redirection such as `> file`
        inner: Statement = Command(*span(node, data), ())
    else:
        inner = lower_statement(body, data)
    inner = _attach(inner, tuple(redirects), tuple(extra))
    inner = dataclasses.replace(
        inner, text=node_text(node, data), line=node.start_point[0] + 1, end_line=end_line(node)
    )
    if tail is None:
        return inner
    rest = lower_block(tail, data) if tail.type == "pipeline" else (lower_statement(tail, data),)
    return Pipeline(*span(node, data), (inner, *rest))


def _attach(stmt: Statement, redirects: tuple[Redirect, ...], extra: tuple[Word, ...]) -> Statement:
    """Give redirections to the statement they belong to.

    tree-sitter-bash attaches the redirection ending `cd d && sort a > b` to the whole list;
    bash applies it to the last command only, so it moves there.
    """
    if isinstance(stmt, Chain) and stmt.parts:
        last = _attach(stmt.parts[-1], redirects, extra)
        return dataclasses.replace(stmt, parts=(*stmt.parts[:-1], last))
    if isinstance(stmt, Command):
        stmt = dataclasses.replace(stmt, words=stmt.words + extra)
    return dataclasses.replace(stmt, redirects=stmt.redirects + redirects)


def _heredoc_tail(redirect: Node) -> Node | None:
    """The statement tree-sitter nests in a heredoc redirect (`cat <<EOF | sort`), if any."""
    if redirect.type != "heredoc_redirect":
        return None
    for child in redirect.named_children:
        if child.type not in SKIPPED and not child.type.startswith("heredoc"):
            return child
    return None


def _pipeline(node: Node, data: bytes) -> Statement:
    return Pipeline(*span(node, data), lower_block(node, data))


def _list(node: Node, data: bytes) -> Statement:
    parts: list[Statement] = []
    ops: list[str] = []
    for child in node.children:
        if child.type in ("&&", "||"):
            ops.append(child.type)
        elif child.is_named and child.type not in SKIPPED:
            inner = lower_statement(child, data)
            if isinstance(inner, Chain) and not inner.redirects:
                parts.extend(inner.parts)
                ops.extend(inner.ops)
            else:
                parts.append(inner)
    return Chain(*span(node, data), tuple(parts), tuple(ops))


def _negated(node: Node, data: bytes) -> Statement:
    inner = lower_statement(node.named_children[-1], data)
    return dataclasses.replace(inner, text=node_text(node, data))


def _compound(node: Node, data: bytes) -> Statement:
    kind, clause_types = COMPOUNDS[node.type]
    own: list[Statement] = list(lower_block(node, data))
    branches: list[tuple[Statement, ...]] = []
    for child in node.named_children:
        if child.type == "do_group":
            own.extend(lower_block(child, data))
        elif child.type in clause_types:
            branches.append(lower_block(child, data))
    if kind == "case":
        # the case word is evaluated always; each item is one branch
        exhaustive = any(_is_default_pattern(c, data) for c in node.named_children)
        return Compound(*span(node, data), kind, tuple(branches), exhaustive)
    if kind == "if":
        exhaustive = any(c.type == "else_clause" for c in node.named_children)
        return Compound(*span(node, data), kind, (tuple(own), *branches), exhaustive)
    loop = kind in ("while", "for")
    isolated = kind == "subshell"
    return Compound(*span(node, data), kind, (tuple(own),), not loop, isolated)


def _is_default_pattern(node: Node, data: bytes) -> bool:
    if node.type != "case_item":
        return False
    values = node.children_by_field_name("value")
    return any(node_text(v, data) == "*" for v in values)


def _for(node: Node, data: bytes) -> Statement:
    keyword = node.children[0].type
    var_node = node.child_by_field_name("variable")
    values = tuple(lower_word(v, data) for v in node.children_by_field_name("value"))
    body_node = node.child_by_field_name("body")
    body = lower_block(body_node, data) if body_node is not None else ()
    if keyword != "for" or var_node is None:
        return Compound(*span(node, data), keyword, (body,), False)
    has_in = any(c.type == "in" for c in node.children)
    var = node_text(var_node, data)
    return ForLoop(*span(node, data), var, values if has_in else None, body)


def _function(node: Node, data: bytes) -> Statement:
    name_node = node.child_by_field_name("name")
    body_node = node.child_by_field_name("body")
    name = node_text(name_node, data) if name_node is not None else ""
    body = lower_block(body_node, data) if body_node is not None else ()
    isolated = body_node is not None and body_node.type == "subshell"
    return FunctionDef(*span(node, data), name, body, isolated)


_LOWERERS = {
    "command": lower_command,
    "test_command": lower_test,
    "variable_assignment": lower_assignment,
    "redirected_statement": _redirected,
    "pipeline": _pipeline,
    "list": _list,
    "negated_command": _negated,
    "for_statement": _for,
    "function_definition": _function,
}


STATEMENTS = frozenset({*_LOWERERS, *COMPOUNDS, *DECLARATIONS, "ERROR"})
