"""One code cell's IPython syntax → plain Python: a cell magic (`%%name` on the first line,
`cell_magics`) or line by line (`magics`), plus the imports the translation relies on."""

from __future__ import annotations

import re

from .cell_magics import translate_cell_magic
from .magics import Translated, translate_lines

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
    lines = code.split("\n")
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        return with_imports(translate_cell_magic(first[2:], lines[1:]), code)
    out, notes, pips = translate_lines(lines)
    return with_imports(Translated("\n".join(out), tuple(notes), tuple(pips)), code)


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
