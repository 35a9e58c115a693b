"""Bash words as frozen parts (literals, `$VAR`, `${VAR:-default}`, `$(...)`), from tree-sitter.

A `Word` is what one shell argument is made of before expansion; `shell.expand` expands it
against the variables in scope. Parts the expander cannot evaluate statically (arithmetic,
process substitution, `${X%.*}`...) are kept as `Dynamic` with their text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from tree_sitter import Node

from nb2pipe.analysis.shell.tree import node_text


@dataclass(frozen=True, slots=True)
class Lit:
    """Literal text, unescaped; unquoted literals may hold glob patterns."""

    text: str
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Param:
    """`$NAME`, `${NAME}`, `${NAME:-word}` (op ":-"), `-`, `:=`, `=`; "$1", "$@" included."""

    name: str
    op: str = ""
    arg: Word | None = None
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Subst:
    """`$(...)` or backticks: the commands inside when they are simple words joined by `&&`."""

    commands: tuple[tuple[Word, ...], ...] | None
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Dynamic:
    """Anything only known at run time: `$((...))`, `<(...)`, `${X%.*}`, `${A[@]}`."""

    text: str
    quoted: bool = False


Part = Lit | Param | Subst | Dynamic


@dataclass(frozen=True, slots=True)
class Word:
    """One shell word: its parts and its source text."""

    parts: tuple[Part, ...]
    text: str

    @staticmethod
    def literal(text: str) -> Word:
        """A word made of one quoted literal."""
        return Word((Lit(text, quoted=True),), text)


#: `${NAME<op>word}` operators the expander evaluates; other operators make the part dynamic.
DEFAULT_OPS = frozenset({":-", "-", ":=", "="})
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_QUOTED_ESCAPE = re.compile(r'\\([$`"\\\n])')
_VALID_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-]")
_GAP_VARIABLE = re.compile(r"(?<!\\)\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)")


def lower_word(node: Node, data: bytes) -> Word:
    """Lower a tree-sitter argument node (word, string, concatenation, expansion...)."""
    return Word(tuple(_parts(node, data, quoted=False)), node_text(node, data))


def _parts(node: Node, data: bytes, quoted: bool) -> list[Part]:
    kind = node.type
    if kind in ("word", "number", "extglob_pattern", "regex", "variable_name"):
        return (
            _unquoted(node_text(node, data)) if not quoted else [Lit(node_text(node, data), True)]
        )
    if kind == "concatenation":
        return [p for child in node.children for p in _parts(child, data, quoted)]
    if kind in ("string", "translated_string"):
        return _string(node, data)
    if kind == "raw_string":
        return [Lit(node_text(node, data)[1:-1], True)]
    if kind == "ansi_c_string":
        return [Lit(_ansi_c(node_text(node, data)[2:-1]), True)]
    if kind == "simple_expansion":
        return [Param(node_text(node, data)[1:], quoted=quoted)]
    if kind == "expansion":
        return [_expansion(node, data, quoted)]
    if kind == "command_substitution":
        return [Subst(_subst_commands(node, data), quoted)]
    return [Dynamic(node_text(node, data), quoted)]


def _unquoted(text: str) -> list[Part]:
    parts: list[Part] = []
    if text == "~" or text.startswith("~/"):
        parts.append(Param("HOME"))
        text = text[1:]
    if text:
        parts.append(Lit(_ESCAPE.sub(_unescape_unquoted, text)))
    return parts


def _unescape_unquoted(match: re.Match[str]) -> str:
    return "" if match.group(1) == "\n" else match.group(1)


def _string(node: Node, data: bytes) -> list[Part]:
    """Double-quoted text: literal gaps between the expansions inside."""
    parts: list[Part] = []
    pos = node.start_byte + 1
    end = node.end_byte - 1
    for child in node.named_children:
        if child.type == "string_content" or _broken_expansion(child, data):
            continue
        if child.start_byte > pos:
            parts.extend(_quoted_gap(data[pos : child.start_byte]))
        parts.extend(_parts(child, data, quoted=True))
        pos = child.end_byte
    if end > pos:
        parts.extend(_quoted_gap(data[pos:end]))
    return parts or [Lit("", True)]


def _broken_expansion(node: Node, data: bytes) -> bool:
    """tree-sitter-bash reads `"$ $B"` as the expansion of a variable named " $"."""
    return node.type == "simple_expansion" and not _VALID_NAME.fullmatch(node_text(node, data)[1:])


def _quoted_gap(raw: bytes) -> list[Part]:
    """Literal text between expansions; `$NAME` left in it by a misparse is expanded."""
    text = raw.decode(errors="replace")
    parts: list[Part] = []
    for i, piece in enumerate(_GAP_VARIABLE.split(text)):
        if i % 2:
            parts.append(Param(piece.strip("{}"), quoted=True))
        elif piece:
            parts.append(Lit(_QUOTED_ESCAPE.sub(_unescape_quoted, piece), True))
    return parts


def _unescape_quoted(match: re.Match[str]) -> str:
    return "" if match.group(1) == "\n" else match.group(1)


def _expansion(node: Node, data: bytes, quoted: bool) -> Part:
    named = list(node.named_children)
    if not named or named[0].type not in ("variable_name", "special_variable_name"):
        return Dynamic(node_text(node, data), quoted)
    name = node_text(named[0], data)
    operator = node.child_by_field_name("operator")
    if operator is None and len(named) == 1:
        return Param(name, quoted=quoted)
    op = node_text(operator, data) if operator is not None else ""
    if op not in DEFAULT_OPS or len(named) > 2:
        return Dynamic(node_text(node, data), quoted)
    arg = lower_word(named[1], data) if len(named) == 2 else Word((), "")
    return Param(name, op, arg, quoted)


def _subst_commands(node: Node, data: bytes) -> tuple[tuple[Word, ...], ...] | None:
    """The words of `$(a && b)` when every member is a simple command without redirections."""
    inner = [c for c in node.named_children if c.type != "comment"]
    if len(inner) != 1:
        return None
    members = _flatten_and(inner[0])
    if members is None:
        return None
    commands = []
    for member in members:
        words = list(member.named_children)
        if any(w.type not in _WORD_TYPES for w in words):
            return None
        commands.append(tuple(lower_word(_name_word(w), data) for w in words))
    return tuple(commands)


_WORD_TYPES = frozenset(
    {
        "command_name",
        "word",
        "string",
        "raw_string",
        "number",
        "concatenation",
        "simple_expansion",
        "expansion",
        "command_substitution",
        "ansi_c_string",
    }
)


def _flatten_and(node: Node) -> list[Node] | None:
    if node.type == "command":
        return [node]
    if node.type != "list" or any(c.type == "||" for c in node.children):
        return None
    out: list[Node] = []
    for child in node.named_children:
        sub = _flatten_and(child)
        if sub is None:
            return None
        out.extend(sub)
    return out


def _name_word(node: Node) -> Node:
    return node.named_children[0] if node.type == "command_name" else node


def _ansi_c(body: str) -> str:
    try:
        return codecs.decode(body, "unicode_escape")
    except UnicodeError:
        return body
