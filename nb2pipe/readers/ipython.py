"""One code cell's IPython syntax → plain Python: a cell magic (`%%name` on the first line,
`cell_magics`) or line by line (`magics`), plus the imports the translation relies on."""

from __future__ import annotations

import ast
import builtins
import keyword
import re

from .cell_magics import translate_cell_magic
from .magics import IPYTHON_LINE_MAGICS, NOT_AUTOMAGIC, Translated, translate_lines

#: Modules the translations call, imported when a translation used them.
IMPLIED_IMPORTS = (
    ("subprocess", "import subprocess"),
    ("os", "import os"),
    ("pprint", "import pprint"),
)
#: What analysis' rewriting of IPython's shell calls relies on.
SHELL_IMPORT = "import shlex"  # shlex.quote: a user's own `quote` (urllib) cannot clash

SHELL_CALL = re.compile(r"get_ipython\(\)\.(system|getoutput|run_cell_magic)\(")


def translate(code: str) -> Translated:
    """Translate one code cell; plain Python passes through unchanged."""
    lines = automagic(code).split("\n")
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        return with_imports(translate_cell_magic(first[2:], lines[1:]), code)
    out, notes, pips = translate_lines(lines)
    return with_imports(Translated("\n".join(out), tuple(notes), tuple(pips)), code)


def automagic(code: str) -> str:
    """A one-line cell that is no Python and starts with the name of a line magic, written as
    that magic (`conda env export` → `%conda env export`): IPython runs it so (automagic, on by
    default, for one-line cells only; a name the notebook bound would shadow the magic, but then
    the line would be Python)."""
    line = code.strip()
    found = re.match(r"([A-Za-z_][\w.]*)\s*(.*)", line)
    if "\n" in line or found is None:
        return code
    name, rest = found.groups()
    if name not in IPYTHON_LINE_MAGICS or keyword.iskeyword(name) or hasattr(builtins, name):
        return code
    if NOT_AUTOMAGIC.match(rest) or parses(line):
        return code
    return code.replace(line, "%" + line, 1)


def parses(line: str) -> bool:
    try:
        ast.parse(line)
    except SyntaxError:
        return False
    return True


def with_imports(translated: Translated, original: str) -> Translated:
    """Add the imports the translated code relies on and the original did not spell."""
    text = translated.code
    imports = [
        i for name, i in IMPLIED_IMPORTS if re.search(rf"\b{name}\.", text) and name not in original
    ]
    if SHELL_CALL.search(text):
        imports.append(SHELL_IMPORT)
    found = tuple(dict.fromkeys([*translated.imports, *imports]))
    return Translated(text, translated.notes, translated.pip_installs, found)
