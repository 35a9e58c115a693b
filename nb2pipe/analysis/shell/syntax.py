"""The bash statements nb2pipe understands, as small frozen values (what `shell.parse` returns).

Every statement knows its 1-based first and last line and its verbatim text, so a step can
always fall back to running it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from nb2pipe.analysis.shell.words import Word


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
    Command
    | Declaration
    | Pipeline
    | Chain
    | Compound
    | ForLoop
    | FunctionDef
    | Background
    | Unparsed
)


@dataclass(frozen=True, slots=True)
class Program:
    """A parsed script: statements in order, and comments as (line, text without "#")."""

    statements: tuple[Statement, ...]
    comments: tuple[tuple[int, str], ...] = ()
