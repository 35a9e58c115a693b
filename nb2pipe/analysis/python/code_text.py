"""Indent and dedent Python source without touching the text of string literals: the lines a
multi-line string spans after its first one are its contents (`textwrap.indent` and
`textwrap.dedent` would change the string's value).

"""

from __future__ import annotations

import io
import textwrap
import tokenize


def string_lines(code: str) -> frozenset[int]:
    """Numbers (from 1) of the lines that continue a string literal begun on an earlier line
    (none when the code does not tokenize: then every line is code)."""
    inside: set[int] = set()
    starts: list[int] = []  # f-strings are several tokens from Python 3.12 on
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            name = tokenize.tok_name[token.type]
            if name == "FSTRING_START":
                starts.append(token.start[0])
            elif name == "FSTRING_END":
                inside.update(range(starts.pop() + 1, token.end[0] + 1))
            elif token.type == tokenize.STRING and token.end[0] > token.start[0]:
                inside.update(range(token.start[0] + 1, token.end[0] + 1))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return frozenset()
    return frozenset(inside)


def indent_code(code: str, prefix: str) -> str:
    """``prefix`` before every non-blank line of code, none inside string literals."""
    inside = string_lines(code)
    return "\n".join(
        line if number in inside or not line.strip() else prefix + line
        for number, line in enumerate(code.split("\n"), 1)
    )


def dedent_code(code: str) -> str:
    """Remove the margin common to the lines of code (not string contents) from those lines."""
    inside = string_lines(code)
    lines = code.split("\n")
    margins = [
        line[: len(line) - len(line.lstrip(" \t"))]
        for number, line in enumerate(lines, 1)
        if number not in inside and line.strip()
    ]
    if not margins:
        return textwrap.dedent(code)
    common = margins[0]
    for margin in margins[1:]:
        while not margin.startswith(common):
            common = common[:-1]
    return "\n".join(
        line
        if number in inside
        else line[len(common) :]
        if line.startswith(common)
        else line.lstrip(" \t")
        for number, line in enumerate(lines, 1)
    )
