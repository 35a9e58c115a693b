"""Parse bash with tree-sitter-bash and lower the tree to small frozen statements.

Only this module and `bash_words` know tree-sitter. `bash_facts` walks what it returns. A statement the grammar
cannot parse (an ERROR node anywhere inside it) becomes `Unparsed`: it is never dropped.
Known grammar quirks handled here (tree-sitter-bash 0.25):

* `cat <<EOF | sort > out` nests the `| sort > out` part inside the heredoc redirect;
* `echo > out a` gives the redirect two destinations; the second is an argument of `echo`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import tree_sitter_bash
from tree_sitter import Language, Node, Parser

from nb2pipe.analysis.bash_words import Word, lower_word


@dataclass(frozen=True, slots=True)
class Redirect:
    """`>`, `>>`, `<`, `&>`, `2>`...; heredocs and herestrings have no target."""

    op: str
    fd: str | None
    target: Word | None


@dataclass(frozen=True, slots=True)
class Command:
    """A simple command: prefix assignments, words (name first) and redirections."""

    line: int
    end_line: int
    text: str
    words: tuple[Word, ...]
    assignments: tuple[tuple[str, Word | None], ...] = ()
    redirects: tuple[Redirect, ...] = ()


@dataclass(frozen=True, slots=True)
class Declaration:
    """`export`, `declare`, `local`, `readonly`, `unset`, or bare `A=1 B=2` (keyword "")."""

    line: int
    end_line: int
    text: str
    keyword: str
    assignments: tuple[tuple[str, Word | None], ...]
    flags: tuple[str, ...] = ()
    redirects: tuple[Redirect, ...] = ()


@dataclass(frozen=True, slots=True)
class Pipeline:
    """`a | b | c` (members may be any statement)."""

    line: int
    end_line: int
    text: str
    parts: tuple[Statement, ...]
    redirects: tuple[Redirect, ...] = ()


@dataclass(frozen=True, slots=True)
class Chain:
    """`a && b || c`, flattened; ``ops`` holds the operators between parts."""

    line: int
    end_line: int
    text: str
    parts: tuple[Statement, ...]
    ops: tuple[str, ...]
    redirects: tuple[Redirect, ...] = ()


@dataclass(frozen=True, slots=True)
class Compound:
    """if/case/while/until/c-style for/select, `{ ...; }` and `( ... )`.

    ``branches`` are the statement lists of which one runs (conditions included);
    ``exhaustive`` tells whether one always runs; ``isolated`` marks subshells.
    """

    line: int
    end_line: int
    text: str
    kind: str
    branches: tuple[tuple[Statement, ...], ...]
    exhaustive: bool
    isolated: bool = False
    redirects: tuple[Redirect, ...] = ()


@dataclass(frozen=True, slots=True)
class ForLoop:
    """`for var in values; do body; done`; ``values`` is None for `for var; do` (over "$@")."""

    line: int
    end_line: int
    text: str
    var: str
    values: tuple[Word, ...] | None
    body: tuple[Statement, ...]
    redirects: tuple[Redirect, ...] = ()


@dataclass(frozen=True, slots=True)
class FunctionDef:
    """`name() { body; }` or `function name { body; }` (``isolated`` for `name() ( body )`)."""

    line: int
    end_line: int
    text: str
    name: str
    body: tuple[Statement, ...]
    isolated: bool = False
    redirects: tuple[Redirect, ...] = ()


@dataclass(frozen=True, slots=True)
class Background:
    """A statement followed by `&`."""

    line: int
    end_line: int
    text: str
    inner: Statement
    redirects: tuple[Redirect, ...] = ()


@dataclass(frozen=True, slots=True)
class Unparsed:
    """Text the grammar could not parse, or a construct this module does not lower."""

    line: int
    end_line: int
    text: str
    reason: str
    redirects: tuple[Redirect, ...] = ()


Statement = (
    Command | Declaration | Pipeline | Chain | Compound | ForLoop | FunctionDef | Background | Unparsed
)


@dataclass(frozen=True, slots=True)
class Program:
    """A parsed script: statements in order, and comments as (line, text without "#")."""

    statements: tuple[Statement, ...]
    comments: tuple[tuple[int, str], ...] = ()


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
SKIPPED = frozenset({"comment", "heredoc_body", "heredoc_start", "heredoc_end"})
#: Containers whose named children are all statements: anything unknown there is `Unparsed`.
BLOCKS = frozenset({"program", "do_group", "compound_statement", "subshell"})


@cache
def _parser() -> Parser:
    return Parser(Language(tree_sitter_bash.language()))


def parse_bash(text: str) -> Program:
    """Parse bash source into a `Program`; never raises on bad input.

    Args:
        text: The script's source.

    Returns:
        The top-level statements (unparsable ones as `Unparsed`) and the comments alone on
        their line.
    """
    data = text.encode()
    root = _parser().parse(data).root_node
    comments = tuple(
        (n.start_point[0] + 1, _text(n, data).lstrip("#").strip())
        for n in _descendants(root)
        if n.type == "comment" and _own_line(n, data)
    )
    return Program(lower_block(root, data), comments)


def lower_block(node: Node, data: bytes) -> tuple[Statement, ...]:
    """Lower the statements among ``node``'s children, wrapping those followed by `&`."""
    out: list[Statement] = []
    children = node.children
    strict = node.type in BLOCKS
    for i, child in enumerate(children):
        if not child.is_named or child.type in SKIPPED:
            continue
        if not strict and child.type not in STATEMENTS:
            continue  # words, patterns and conditions' operands of compound statements
        stmt = lower_statement(child, data)
        if i + 1 < len(children) and children[i + 1].type == "&":
            stmt = Background(stmt.line, stmt.end_line, stmt.text + " &", stmt)
        out.append(stmt)
    return tuple(out)


def lower_statement(node: Node, data: bytes) -> Statement:
    """Lower one statement node; anything holding a parse error becomes `Unparsed`."""
    line, end, text = node.start_point[0] + 1, _end_line(node), _text(node, data)
    if node.has_error:
        return Unparsed(line, end, text, "bash syntax the parser cannot read")
    lower = _LOWERERS.get(node.type)
    if lower is None and node.type in COMPOUNDS:
        lower = _compound
    if lower is None and node.type in DECLARATIONS:
        lower = _declaration
    if lower is None:
        return Unparsed(line, end, text, f"unsupported construct ({node.type})")
    return lower(node, data)


def _command(node: Node, data: bytes) -> Statement:
    words: list[Word] = []
    assigns: list[tuple[str, Word | None]] = []
    redirects: list[Redirect] = []
    for child in node.named_children:
        if child.type == "variable_assignment":
            assigns.append(_assignment(child, data))
        elif child.type.endswith("_redirect"):
            redirect, extra = _redirect(child, data)
            redirects.append(redirect)
            words.extend(extra)
        elif child.type == "command_name":
            words.append(lower_word(child.named_children[0], data))
        elif child.type not in SKIPPED:
            words.append(lower_word(child, data))
    return Command(*_span(node, data), tuple(words), tuple(assigns), tuple(redirects))


def _test(node: Node, data: bytes) -> Statement:
    # `[ -f x ]` and `[[ ... ]]`: no files change; keep it as the command `test`.
    return Command(*_span(node, data), (Word.literal("test"),))


def _declaration(node: Node, data: bytes) -> Statement:
    keyword = node.children[0].type if node.type != "variable_assignments" else ""
    assigns: list[tuple[str, Word | None]] = []
    flags: list[str] = []
    for child in node.named_children:
        if child.type == "variable_assignment":
            assigns.append(_assignment(child, data))
        elif child.type == "variable_name":
            assigns.append((_text(child, data), None))
        elif child.type == "word" and _text(child, data).startswith(("-", "+")):
            flags.append(_text(child, data))
        elif child.type == "word":
            assigns.append((_text(child, data), None))
    return Declaration(*_span(node, data), keyword, tuple(assigns), tuple(flags))


def _assignment_statement(node: Node, data: bytes) -> Statement:
    return Declaration(*_span(node, data), "", (_assignment(node, data),))


def _assignment(node: Node, data: bytes) -> tuple[str, Word | None]:
    name = node.child_by_field_name("name")
    value = node.child_by_field_name("value")
    key = _text(name, data) if name is not None else _text(node, data).split("=")[0]
    return key, (lower_word(value, data) if value is not None else Word.literal(""))


def _redirected(node: Node, data: bytes) -> Statement:
    body = node.child_by_field_name("body")
    redirects: list[Redirect] = []
    extra: list[Word] = []
    tail: Node | None = None
    for child in node.children_by_field_name("redirect"):
        redirect, words = _redirect(child, data)
        redirects.append(redirect)
        extra.extend(words)
        tail = tail or _heredoc_tail(child)
    if body is None:  # a bare redirection such as `> file`
        inner: Statement = Command(*_span(node, data), ())
    else:
        inner = lower_statement(body, data)
    if isinstance(inner, Command):
        inner = dataclasses.replace(inner, words=inner.words + tuple(extra))
    inner = dataclasses.replace(
        inner, redirects=inner.redirects + tuple(redirects), text=_text(node, data)
    )
    inner = dataclasses.replace(inner, line=node.start_point[0] + 1, end_line=_end_line(node))
    if tail is None:
        return inner
    rest = lower_block(tail, data) if tail.type == "pipeline" else (lower_statement(tail, data),)
    return Pipeline(*_span(node, data), (inner, *rest))


def _heredoc_tail(redirect: Node) -> Node | None:
    """The statement tree-sitter nests in a heredoc redirect (`cat <<EOF | sort`), if any."""
    if redirect.type != "heredoc_redirect":
        return None
    for child in redirect.named_children:
        if child.type not in SKIPPED and not child.type.startswith("heredoc"):
            return child
    return None


def _redirect(node: Node, data: bytes) -> tuple[Redirect, tuple[Word, ...]]:
    fd_node = node.child_by_field_name("descriptor")
    fd = _text(fd_node, data) if fd_node is not None else None
    op = next((c.type for c in node.children if not c.is_named), "")
    if node.type in ("heredoc_redirect", "herestring_redirect"):
        return Redirect(op, fd, None), ()
    targets = [lower_word(c, data) for c in node.children_by_field_name("destination")]
    return Redirect(op, fd, targets[0] if targets else None), tuple(targets[1:])


def _pipeline(node: Node, data: bytes) -> Statement:
    return Pipeline(*_span(node, data), lower_block(node, data))


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
    return Chain(*_span(node, data), tuple(parts), tuple(ops))


def _negated(node: Node, data: bytes) -> Statement:
    inner = lower_statement(node.named_children[-1], data)
    return dataclasses.replace(inner, text=_text(node, data))


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
        return Compound(*_span(node, data), kind, tuple(branches), exhaustive)
    if kind == "if":
        exhaustive = any(c.type == "else_clause" for c in node.named_children)
        return Compound(*_span(node, data), kind, (tuple(own), *branches), exhaustive)
    loop = kind in ("while", "for")
    isolated = kind == "subshell"
    return Compound(*_span(node, data), kind, (tuple(own),), not loop, isolated)


def _is_default_pattern(node: Node, data: bytes) -> bool:
    if node.type != "case_item":
        return False
    values = node.children_by_field_name("value")
    return any(_text(v, data) == "*" for v in values)


def _for(node: Node, data: bytes) -> Statement:
    keyword = node.children[0].type
    var_node = node.child_by_field_name("variable")
    values = tuple(lower_word(v, data) for v in node.children_by_field_name("value"))
    body_node = node.child_by_field_name("body")
    body = lower_block(body_node, data) if body_node is not None else ()
    if keyword != "for" or var_node is None:
        return Compound(*_span(node, data), keyword, (body,), False)
    has_in = any(c.type == "in" for c in node.children)
    var = _text(var_node, data)
    return ForLoop(*_span(node, data), var, values if has_in else None, body)


def _function(node: Node, data: bytes) -> Statement:
    name_node = node.child_by_field_name("name")
    body_node = node.child_by_field_name("body")
    name = _text(name_node, data) if name_node is not None else ""
    body = lower_block(body_node, data) if body_node is not None else ()
    isolated = body_node is not None and body_node.type == "subshell"
    return FunctionDef(*_span(node, data), name, body, isolated)


_LOWERERS = {
    "command": _command,
    "test_command": _test,
    "variable_assignment": _assignment_statement,
    "redirected_statement": _redirected,
    "pipeline": _pipeline,
    "list": _list,
    "negated_command": _negated,
    "for_statement": _for,
    "function_definition": _function,
}


STATEMENTS = frozenset(
    {*_LOWERERS, *COMPOUNDS, *DECLARATIONS, "ERROR"}
)


def command_lines(text: str) -> frozenset[int]:
    """1-based lines where a command starts, from the parse tree (for accounting in tests).

    Args:
        text: Bash source.

    Returns:
        Start lines of every command, declaration, test and parse error in the tree.
    """
    kinds = {"command", "test_command", "ERROR", "variable_assignment", *DECLARATIONS}
    root = _parser().parse(text.encode()).root_node
    return frozenset(n.start_point[0] + 1 for n in _descendants(root) if n.type in kinds)


def _own_line(node: Node, data: bytes) -> bool:
    """True for a comment alone on its line (not one trailing a command)."""
    line_start = data.rfind(b"\n", 0, node.start_byte) + 1
    return not data[line_start : node.start_byte].strip()


def _descendants(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children:
        yield from _descendants(child)


def _span(node: Node, data: bytes) -> tuple[int, int, str]:
    return node.start_point[0] + 1, _end_line(node), _text(node, data)


def _end_line(node: Node) -> int:
    # a node ending at column 0 of a line ends on the previous one (heredoc bodies do)
    row, col = node.end_point
    return row + (1 if col > 0 or row == node.start_point[0] else 0)


def _text(node: Node | None, data: bytes) -> str:
    if node is None:
        return ""
    return data[node.start_byte : node.end_byte].decode(errors="replace")
