"""Cell magics (`%%name args` on a cell's first line) → plain Python, driven by CELL_MAGICS.

Like the line magics, each translation keeps the cell's line count: the magic line becomes one
line of Python and the body lines follow (as code, indented under a `with`, or blank when the
body is a string the first line holds).
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Diagnostic
from .magics import Translated, info, python_string, split_words, string_lines, translate_lines

CellRule = Callable[[str, str, list[str]], Translated]
"""(magic name, arguments, body lines) → the translated cell."""

#: Interpreters `%%script <interpreter>` and its shorthands run the body with.
SHELLS = frozenset({"bash", "sh"})
SCRIPT_SHORTHANDS = frozenset(
    {"bash", "sh", "python", "python2", "python3", "pypy", "perl", "ruby"}
)
#: Cell magics dropped whole: they only display.
DISPLAY_ONLY = frozenset({"timeit", "html", "HTML", "markdown", "latex", "javascript", "js", "svg"})
#: `%%capture` options → capture_output() keyword arguments.
CAPTURE_OPTIONS = {
    "--no-stdout": "stdout=False",
    "--no-stderr": "stderr=False",
    "--no-display": "display=False",
}


def translate_cell_magic(header: str, body: list[str]) -> Translated:
    """`%%name args` on the first line: the rule of CELL_MAGICS for ``name``."""
    name, _, args = header.partition(" ")
    rule = CELL_MAGICS.get(name)
    if rule is None:
        warning = Diagnostic("warning", "unknown-magic", f"%%{name} is not supported; cell dropped")
        return Translated("\n".join(["", *blank(body)]), (warning,))
    return rule(name, args.strip(), body)


def blank(body: list[str]) -> list[str]:
    return [""] * len(body)


def run_body(note: str | None) -> CellRule:
    """`%%time`: the body runs as usual; the magic line goes."""

    def rule(name: str, args: str, body: list[str]) -> Translated:
        lines, notes, pips = translate_lines(body)
        extra = [info(note)] if note else []
        return Translated("\n".join(["", *lines]), tuple(extra + notes), tuple(pips))

    return rule


def capture(name: str, args: str, body: list[str]) -> Translated:
    """`%%capture out`: the body runs inside `with capture_output() as out:`, so `out.stdout`
    and `out.show()` work later as in the notebook; without a name the output is just dropped."""
    words = split_words(args)
    names = [w for w in words if not w.startswith("-")]
    lines, notes, pips = translate_lines(body)
    if not names:
        return Translated("\n".join(["", *lines]), tuple(notes), tuple(pips))
    indented = indent_body(lines)
    if indented is None:
        note = Diagnostic(
            "warning",
            "magic",
            f"%%capture {names[0]}: the body does not parse; run without capturing",
        )
        return Translated("\n".join(["", *lines]), (note, *notes), tuple(pips))
    keywords = ", ".join(CAPTURE_OPTIONS[w] for w in words if w in CAPTURE_OPTIONS)
    head = f"with capture_output({keywords}) as {names[0]}:"
    code = "\n".join([head, *indented]) if any(line.strip() for line in lines) else head + " pass"
    imports = ("from IPython.utils.capture import capture_output",)
    return Translated(code, tuple(notes), tuple(pips), imports)


def indent_body(lines: list[str]) -> list[str] | None:
    """The lines indented by four spaces, except those inside a multi-line string (their text
    is the string's); None when the code does not tokenize."""
    inside = string_lines("\n".join(lines))
    if inside is None:
        return None
    return [
        line if number in inside or not line.strip() else "    " + line
        for number, line in enumerate(lines, 1)
    ]


def shell(name: str, args: str, body: list[str]) -> Translated:
    """`%%bash`, `%%sh`, `%%script <interpreter>`, `%%perl`...: IPython's own call, which
    analysis rewrites (the files of a bash or sh body become datasets)."""
    text = "\n".join(body) + "\n"
    call = f"get_ipython().run_cell_magic({name!r}, {args!r}, {text!r})"
    return Translated("\n".join([call, *blank(body)]))


def writefile(name: str, args: str, body: list[str]) -> Translated:
    """`%%writefile [-a] path` → one `with open(...)` line the analysis sees as a file write;
    the content is the body with a final newline, as IPython writes it."""
    parts = split_words(args)
    append = "-a" in parts or "--append" in parts
    paths = [p for p in parts if not p.startswith("-")]
    if not paths:
        return Translated(
            "\n".join(["", *blank(body)]),
            (Diagnostic("warning", "magic", "%%writefile without a path: cell dropped"),),
        )
    content = "\n".join(body)
    content += "" if content.endswith("\n") else "\n"
    mode = "a" if append else "w"
    path = python_string(" ".join(paths))
    code = f"with open({path}, {mode!r}, encoding='utf-8') as _file: _file.write({content!r})"
    return Translated("\n".join([code, *blank(body)]))


def dropped(name: str, args: str, body: list[str]) -> Translated:
    return Translated(
        "\n".join(["", *blank(body)]), (info(f"%%{name} cell only displays; dropped"),)
    )


#: Cell magics: name → rule. Please add rows here.
CELL_MAGICS: dict[str, CellRule] = {
    "time": run_body(None),
    "capture": capture,
    "writefile": writefile,
    "script": shell,
    **{name: shell for name in SCRIPT_SHORTHANDS},
    **{name: dropped for name in DISPLAY_ONLY},
}
