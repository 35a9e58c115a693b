"""IPython's expansion of `{expr}` and `$name` in `!cmd` lines, read statically.

IPython formats a shell line with its `DollarFormatter` before running it: `{expr}` is any
Python expression, `$name` (or `$a.b`) a Python name, `$$` a literal `$`, `{{` a literal `{`; a
`$` inside single quotes is left alone. When *any* field fails to evaluate (a `$HOME` that is no
Python variable, the `{print $1}` of an awk program), IPython runs the line unchanged.

Statically: a field whose value is a literal or a string constant of the notebook is *static*
(its text is known); any other `{expr}` is *dynamic* (the node formats it at run time, as an
f-string); a `$name` that is not a string constant of the notebook is taken for a shell variable,
which, as in IPython when no Python variable has that name, leaves the whole line unexpanded.
"""

from __future__ import annotations

import ast
import re
import string
from dataclasses import dataclass

#: IPython's own pattern (IPython.utils.text.DollarFormatter).
DOLLAR = re.compile(r"(.*?)\$(\$?[\w\.]+)(?=([^']*'[^']*')*[^']*$)")


@dataclass(frozen=True, slots=True)
class Field:
    """One `{expr}` or `$name` of a shell line."""

    #: The Python expression (with `!r`-style conversion, as an f-string field spells it).
    expression: str
    #: Its text when known statically, else None.
    value: str | None
    #: Python names the expression reads.
    names: frozenset[str]


@dataclass(frozen=True, slots=True)
class Expanded:
    """A shell line split into literal text and fields (alternating, text first)."""

    parts: tuple[str | Field, ...]
    #: Why IPython leaves the line as it is ("" when it expands it).
    unexpanded: str = ""


def expand(text: str, strings: dict[str, str]) -> Expanded:
    """The pieces of ``text`` as IPython formats it; ``strings``: the notebook's string
    constants known so far.

    >>> expand("cut -f1 {D}/a.csv > $out", {"D": "data", "out": "b.csv"}).parts[1].value
    'data'
    """
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return Expanded((text,), "its braces do not pair up")
    parts: list[str | Field] = []
    literal = ""
    for chunk, field, spec, conversion in parsed:
        last = 0
        for match in DOLLAR.finditer(chunk):
            before, name = match.group(1, 2)
            if name.startswith("$"):
                literal += before + name
            else:
                root = name.split(".")[0]
                if name not in strings:
                    why = f"`${name}` is no string constant of the notebook: a shell variable"
                    return Expanded((text,), why if root.isidentifier() else "")
                parts += [literal + before, Field(name, strings[name], frozenset({root}))]
                literal = ""
            last = match.end()
        literal += chunk[last:]
        if field is None:
            continue
        source = field + (f":{spec}" if spec else "")
        made = python_field(source, conversion, strings)
        if made is None:
            return Expanded((text,), f"`{{{source}}}` is not a Python expression")
        parts += [literal, made]
        literal = ""
    parts.append(literal)
    return Expanded(tuple(parts))


def python_field(source: str, conversion: str | None, strings: dict[str, str]) -> Field | None:
    """A `{...}` field: static when a literal or a string constant, else dynamic."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return None
    names = frozenset(n.id for n in ast.walk(tree) if isinstance(n, ast.Name))
    value: str | None = None
    body = tree.body
    if isinstance(body, ast.Name) and body.id in strings:
        value = strings[body.id]
    elif isinstance(body, ast.Constant) and isinstance(body.value, (str, int, float)):
        value = str(body.value)
    if value is not None and conversion == "r":
        value = repr(value)
    suffix = f"!{conversion}" if conversion else ""
    return Field(f"{source.strip()}{suffix}", value, names)
