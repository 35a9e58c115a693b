"""sphinx-gallery scripts (a module docstring, then `# %%` or `####...` blocks) → Source.

The rules are sphinx-gallery's own (`sphinx_gallery/py_source_parser.py`): the module docstring
is the first text block; a line of 20 or more `#` or a `# %%` (`#%%`) line ends a block, and the
run of `#` lines right after it (up to the first line that does not start with `#`) is a text
block, with the `#` and the common indentation removed; everything else is code. Comment lines
before the docstring (coding line, licence) are dropped, as sphinx-gallery drops them. Text
blocks become markdown cells, with reStructuredText section titles (a line underlined, and
maybe overlined, with one punctuation character) turned into markdown headings, so they start
and name steps as a notebook's headings do. A `# %%` line's cell tags (`tags=["parameters"]`)
go to the code cell that follows it, as in a percent script.

Example::

    '''Plot a sine                 →  markdown  "# Plot a sine"
    ============'''
    # %%
    # Make the data                →  markdown  "Make the data"
    x = np.linspace(0, 1)          →  code      "x = np.linspace(0, 1)"
"""

from __future__ import annotations

import ast
import io
import re
import textwrap
import tokenize
from pathlib import Path, PurePosixPath

from ..model import Cell, Source
from .files import absolute
from .percent import TAGS, read_text

#: A block separator: 20 or more `#`, or `# %%` / `#%%` (sphinx-gallery's `header_line`).
SEPARATOR = re.compile(r"^(#{20,}.*|# ?%%.*)$")
#: (kind, text, tags) of one block: kind is "markdown" or "code".
Block = tuple[str, str, tuple[str, ...]]
#: A line made of one repeated punctuation character: a reStructuredText title adornment.
ADORNMENT = re.compile(r"^([=\-~^\"'*+#:._`<>])\1{2,}\s*$")


def docstring_end(text: str) -> int | None:
    """The line (1-based) where the module docstring ends, None when the first statement is not a
    lone string literal (or the text does not tokenize)."""
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.ENCODING}
    try:
        first = next(t for t in tokens if t.type not in skip)
        after = next(t for t in tokens if t.type not in (tokenize.COMMENT, tokenize.NL))
    except (tokenize.TokenError, SyntaxError, StopIteration):
        return None
    if first.type != tokenize.STRING or after.type not in (tokenize.NEWLINE, tokenize.ENDMARKER):
        return None
    return first.end[0]


def is_gallery_text(text: str) -> bool:
    """Whether ``text`` has the sphinx-gallery shape: a module docstring first, then either a
    block separator, or a docstring that opens with a reStructuredText title (sphinx-gallery
    requires one) and top-level code that does something when run (a call, a loop, a `with`, an
    `if`: a helper module that only defines and imports is not an example)."""
    end = docstring_end(text)
    if end is None:
        return False
    lines = text.splitlines()
    if any(SEPARATOR.match(line) for line in lines[end:]):
        return True
    try:
        module = ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    docstring = ast.get_docstring(module, clean=True) or ""
    return starts_with_title(docstring) and any(
        isinstance(node, ast.Expr | ast.For | ast.While | ast.With | ast.If | ast.Try)
        for node in module.body[1:]
    )


def starts_with_title(docstring: str) -> bool:
    """The docstring's first non-blank lines are an rst title (text, then an adornment line)."""
    lines = [line for line in docstring.strip("\n").splitlines()]
    if lines and ADORNMENT.match(lines[0]):
        lines = lines[1:]
    return len(lines) >= 2 and bool(lines[0].strip()) and bool(ADORNMENT.match(lines[1]))


def read_gallery(path: Path, relative: PurePosixPath) -> Source:
    """Split a sphinx-gallery script into markdown and code cells (rules in the module doc)."""
    text = read_text(path, relative).replace("\r\n", "\n")
    blocks = gallery_blocks(text)
    titles: list[str] = []
    cells: list[Cell] = []
    for kind, body, tags in blocks:
        index = len(cells)
        if kind == "markdown":
            cells.append(Cell(index, str(index + 1), "markdown", rst_titles(body, titles)))
        else:
            cells.append(Cell(index, str(index + 1), "code", body, tags))
    return Source(path=relative, abspath=str(absolute(path)), kind="script", cells=tuple(cells))


def gallery_blocks(text: str) -> list[Block]:
    """(kind, text, tags) per block, in order; empty blocks left out."""
    end = docstring_end(text) or 0
    lines = text.splitlines()
    module = ast.parse("\n".join(lines[:end])) if end else None
    docstring = ast.get_docstring(module, clean=True) if module else None
    blocks: list[Block] = []
    if docstring and docstring.strip():
        blocks.append(("markdown", docstring.strip("\n"), ()))
    code: list[str] = []
    tags: tuple[str, ...] = ()
    position = end
    while position < len(lines):
        line = lines[position]
        position += 1
        if not SEPARATOR.match(line):
            code.append(line)
            continue
        add_code(blocks, code, tags)
        code, tags = [], header_tags(line)
        comment: list[str] = []
        while position < len(lines) and lines[position].startswith("#"):
            comment.append(lines[position][1:])
            position += 1
        body = textwrap.dedent("\n".join(comment)).strip("\n")
        if body.strip():
            blocks.append(("markdown", body, ()))
    add_code(blocks, code, tags)
    return blocks


def add_code(blocks: list[Block], code: list[str], tags: tuple[str, ...]) -> None:
    """Append the code lines as one block unless they are blank."""
    body = "\n".join(code).strip("\n")
    if body.strip():
        blocks.append(("code", body, tags))


def header_tags(line: str) -> tuple[str, ...]:
    """The `tags=[...]` of a `# %%` line (none for a line of `#`)."""
    match = TAGS.search(line) if line.lstrip("#").lstrip().startswith("%%") else None
    if not match:
        return ()
    return tuple(t for t in (t.strip().strip("\"'") for t in match.group("tags").split(",")) if t)


def rst_titles(text: str, styles: list[str]) -> str:
    """reStructuredText section titles → markdown headings. A title's level is the order in
    which its adornment style (character, and whether overlined) first appears in the file, as
    in reStructuredText; ``styles`` holds the styles seen so far (it grows)."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        title, style, used = title_at(lines, i)
        if title:
            if style not in styles:
                styles.append(style)
            out.append("#" * min(styles.index(style) + 1, 6) + " " + title)
            i += used
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def title_at(lines: list[str], i: int) -> tuple[str, str, int]:
    """(title, style, lines used) of an rst section title starting at line ``i``, or ("", "", 0):
    an overline, the text and an underline of one character, or the text and an underline at
    least as long as the text."""
    window = [*lines[i : i + 3], "", "", ""]
    over = ADORNMENT.match(window[0])
    closed = ADORNMENT.match(window[2])
    if over and window[1].strip() and closed and closed.group(1) == over.group(1):
        return window[1].strip(), over.group(1) + "/", 3
    text, under = window[0], ADORNMENT.match(window[1])
    if text.strip() and not over and not text.startswith(" ") and under:
        if len(window[1].rstrip()) >= len(text.rstrip()):
            return text.strip(), under.group(1), 2
    return "", "", 0
