"""The code of the nodes running shell text, made from what analysis observed of that text
(`model.ShellCommand`: its lines with the words naming the catalog's files, the parameters and
the Python values typed, the folder it runs in, how it runs).

A script's step (`ChunkFacts.command`) becomes its chunk's code, `run_shell([<line>, ...],
cwd=..., script=True)`: one string per line, an f-string where the line holds typed words,
`{quote('<path>')}` for a file (a "path" edit replaces the literal with the node's argument;
a "partition" edit for a folder the script lists, which planning wires as a raw folder or
leaves as spelled: `folder_reads.py`), `{quote(str(NAME))}` for a parameter. The chunk reads
`run_shell`, `quote` (its source imports `from shlex import quote`) and the parameters of its
script its code names.

A notebook shell line (an edit of kind "shell") becomes `run_shell([...], cwd=..., check=...,
capture=...)` in the span of IPython's call: `{shlex.quote(<path>)}` for a file (a "path" edit
inserting the node's argument), `{<expr>}` for a Python value. The chunk reads `run_shell`, and
`shlex` when a file is passed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from ..model import (
    ChunkFacts,
    Edit,
    ParamWord,
    PathWord,
    PythonField,
    ShellCommand,
    ShellPiece,
    SourceFacts,
)
from ..model.symbols import File, Symbol

#: What the code of a script's steps imports (`quote`: the script's own names stay free).
SCRIPT_IMPORTS = (("from shlex import quote", frozenset({"quote"})),)
#: A piece of generated code: its text, or the path of a file the catalog fills in.
Part = str | PathWord


def shell_code(facts: Sequence[SourceFacts]) -> tuple[SourceFacts, ...]:
    """``facts`` with the code of every shell command made (the other chunks as they are)."""
    return tuple(with_code(f) for f in facts)


def with_code(facts: SourceFacts) -> SourceFacts:
    if not any(c.command is not None or shell_edits(c) for c in facts.chunks):
        return facts
    params = [name for c in facts.chunks if c.kind == "param" for name, _ in c.constants]
    chunks = tuple(
        step_chunk(c, c.command, params) if c.command is not None else line_chunk(c)
        for c in facts.chunks
    )
    if not any(c.command is not None for c in facts.chunks):
        return replace(facts, chunks=chunks)
    return replace(
        facts,
        chunks=chunks,
        imports=(*facts.imports, *(i for i, _ in SCRIPT_IMPORTS)),
        import_names=(*facts.import_names, *(n for _, n in SCRIPT_IMPORTS)),
    )


def shell_edits(chunk: ChunkFacts) -> bool:
    return any(e.kind == "shell" for e in chunk.edits)


def step_chunk(chunk: ChunkFacts, command: ShellCommand, params: Sequence[str]) -> ChunkFacts:
    """A script step's chunk with its code, the edits wiring its files to the node's arguments
    and the names the code reads."""
    listed = {f.path for f in chunk.files if f.io == "listing"}
    code, edits = script_code(command, listed)
    uses: set[Symbol] = {"run_shell", "quote"}
    uses |= {n for n in params if re.search(rf"\b{re.escape(n)}\b", code)}
    return replace(
        chunk,
        code=code,
        edits=(*chunk.edits, *edits),
        uses=chunk.uses | uses,
        end_line=code.count("\n") + 1,
    )


def script_code(command: ShellCommand, listed: Collection[str] = ()) -> tuple[str, list[Edit]]:
    """`run_shell([...], cwd=..., script=True)` with `'<path>'` literals where the files go, and
    the edits replacing each literal ("partition" for a folder in ``listed``)."""
    out = ""
    edits: list[Edit] = []
    for part in command_parts(command):
        if isinstance(part, str):
            out += part
            continue
        row, col = out.count("\n") + 1, len(out) - out.rfind("\n") - 1
        literal = repr(part.path)
        out += literal
        edit = Edit(row, col, row, col + len(literal), "path", File(part.path), part.mode)
        edits.append(replace(edit, kind="partition", payload="\0") if part.path in listed else edit)
    return out, edits


def line_chunk(chunk: ChunkFacts) -> ChunkFacts:
    """A notebook chunk with each shell edit replaced by the edits writing its code in its span."""
    edits: list[Edit] = []
    uses: set[Symbol] = set()
    for edit in chunk.edits:
        if edit.kind != "shell" or edit.command is None:
            edits.append(edit)
            continue
        parts = merged(command_parts(edit.command))
        paths = any(isinstance(p, PathWord) for p in parts)
        uses |= {"run_shell", "shlex"} if paths else {"run_shell"}
        edits.append(Edit(edit.line, edit.col, edit.end_line, edit.end_col, "text"))
        at = (edit.end_line, edit.end_col, edit.end_line, edit.end_col)
        edits += [
            Edit(*at, "text", None, p)
            if isinstance(p, str)
            else Edit(*at, "path", File(p.path), p.mode)
            for p in parts
        ]
    return replace(chunk, edits=tuple(edits), uses=chunk.uses | uses)


def command_parts(command: ShellCommand) -> list[Part]:
    """The code running ``command``, as text and the files in it."""
    parts: list[Part] = ["run_shell(\n    [\n"]
    quote = "quote" if command.script else "shlex.quote"
    for line in command.lines:
        parts += line_parts(line, quote)
    if command.script:
        # the script's `set` options are in its lines: run_shell stops where bash would stop
        parts.append(f"    ],\n    cwd={command.cwd!r},\n    script=True,\n)")
    else:
        keywords = [f"cwd={command.cwd!r}", f"check={command.check}"]
        keywords += ["capture=True"] if command.capture else []
        parts.append(f"    ],\n    {', '.join(keywords)},\n)")
    return parts


def line_parts(line: Sequence[ShellPiece], quote: str) -> list[Part]:
    """One string of the list: an f-string when the line holds typed words."""
    formatted = any(not isinstance(piece, str) for piece in line)
    parts: list[Part] = ['        f"' if formatted else '        "']
    for piece in line:
        if isinstance(piece, PathWord):
            parts += [f"{{{quote}(", piece, ")}"]
        elif isinstance(piece, ParamWord):
            parts.append(f"{{{quote}(str({piece.name}))}}")
        elif isinstance(piece, PythonField):
            parts.append("{" + piece.expression + "}")
        elif isinstance(piece, str):
            parts.append(escaped(piece, formatted))
    parts.append('",\n')
    return parts


def escaped(text: str, formatted: bool) -> str:
    """``text`` inside a double-quoted Python string (an f-string when ``formatted``)."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = "".join(c if c.isprintable() or c == "\t" else f"\\x{ord(c):02x}" for c in text)
    return text.replace("{", "{{").replace("}", "}}") if formatted else text


def merged(parts: list[Part]) -> list[Part]:
    """Consecutive texts as one, empty texts left out."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] += part
        elif not isinstance(part, str) or part:
            out.append(part)
    return out
