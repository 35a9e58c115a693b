"""Notebook shell lines (`!cmd`, `x = !cmd`, `%%bash`, `%%sh`, `%%script ...`) → file effects
and the code a node runs instead.

They reach analysis as the calls IPython itself makes for them (`readers/magics.py`):
`get_ipython().system(text)`, `getoutput(text)`, `run_cell_magic(name, args, body)`. The shell
text is read with the bash layer (`shell.steps.shell_line_facts`) from the folder the notebook
runs in at that point (moved by `%cd`), so its files are path-passing accesses like any other:
a file read is an input of the node, a file written a `<name>_path` input and an output. The call
is replaced by the code running the text's lines (`model.ShellCommand`, made in planning:
`planning/shell_code.py`) with the catalog's paths where the words naming those files were; the
rest of the text runs as written.
"""

from __future__ import annotations

import ast
import os
import posixpath
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from ...model import Diagnostic, FileAccess, PathWord, PythonField, ShellCommand, ShellPiece
from ...model.facts import AccessMode
from .ipython_expand import Expanded, Field, expand

#: IPython's methods for shell text, and whether their text is expanded ({x}, $x) first.
METHODS = {"system": True, "getoutput": True, "run_cell_magic": False}
#: Cell magics running their body with a program (`%%script <program>` names it).
SCRIPT_MAGICS = frozenset(
    {"script", "bash", "sh", "python", "python2", "python3", "pypy", "perl", "ruby"}
)
#: Programs whose text the bash layer reads.
SHELLS = frozenset({"bash", "sh", "/bin/bash", "/bin/sh", "/usr/bin/env bash"})
#: Options of the script magics that keep output in Python variables or run in the background.
VALUE_OPTIONS = ("--out", "--err", "--proc")
UNSUPPORTED_OPTIONS = (*VALUE_OPTIONS, "--bg")
#: Commands notebooks run to print something: that the bash layer does not know them is an info.
PRINT_ONLY = frozenset(
    {
        "ls",
        "pwd",
        "nvidia-smi",
        "which",
        "whoami",
        "hostname",
        "date",
        "uname",
        "df",
        "du",
        "free",
        "nproc",
        "lscpu",
        "printenv",
        "tree",
        "file",
        "stat",
    }
)
PLACEHOLDER = "__nb2pipe_py_{}"
HEREDOC = "NB2PIPE_EOF"


@dataclass(frozen=True, slots=True)
class ShellCall:
    """One IPython shell call of a translated cell."""

    text: str
    #: The program running the text: "bash", or what `%%script` names ("python3", "perl"...).
    program: str
    #: IPython expands `{expr}` and `$name` in the text (`!cmd`, not `%%bash` bodies).
    expands: bool
    #: A failure stops the run (`%%bash` raises) or not (`!cmd` goes on).
    check: bool
    #: The value is the output lines (`x = !cmd`).
    capture: bool
    #: Cell line of the text's first line, minus one.
    offset: int
    #: The magic's own arguments (`%%bash --out x`).
    options: str = ""


@dataclass(frozen=True, slots=True)
class ShellRewrite:
    """What a shell call does and what it runs instead."""

    files: tuple[FileAccess, ...]
    #: Python names the `{expr}` fields of its text read.
    names: frozenset[str]
    command: ShellCommand
    diagnostics: tuple[Diagnostic, ...]


def shell_call(node: ast.Call) -> ShellCall | None:
    """The shell call IPython makes for `!cmd` / `x = !cmd` / `%%bash` (None for any other)."""
    func = node.func
    if not (
        isinstance(func, ast.Attribute) and func.attr in METHODS and is_get_ipython(func.value)
    ):
        return None
    texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if func.attr != "run_cell_magic":
        return (
            ShellCall(texts[0], "bash", True, False, func.attr == "getoutput", node.lineno - 1)
            if len(texts) == 1
            else None
        )
    if len(texts) != 3 or texts[0] not in SCRIPT_MAGICS:
        return None
    name, options, body = texts
    program = script_program(options) if name == "script" else name
    return ShellCall(
        body, program, False, "--no-raise-error" not in options, False, node.lineno, options
    )


def script_program(options: str) -> str:
    """The program `%%script [options] program` names (options taking a value skipped)."""
    words = options.split()
    while words and words[0].startswith("-"):
        option = words.pop(0)
        if option in VALUE_OPTIONS and words:
            words.pop(0)
    return words[0] if words else "bash"


def is_get_ipython(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "get_ipython"
        and not node.args
    )


def rewrite(call: ShellCall, workdir: str, root: str, strings: dict[str, str]) -> ShellRewrite:
    """The files the call reads and writes (run from ``workdir``) and the code that replaces it."""
    # the bash layer (tree-sitter) is imported only when a notebook has shell lines (~70 ms)
    from ..shell.chunks import NodeStep, datasets  # noqa: PLC0415
    from ..shell.step_lines import relative, substitute  # noqa: PLC0415
    from ..shell.steps import shell_line_facts  # noqa: PLC0415

    cwd = folder(workdir, root)
    notes: list[Diagnostic] = []
    if "\x00" in call.text:  # bash drops NUL bytes; here they would be taken for path markers
        notes.append(warn(call.offset, "NUL bytes in the shell text are left out, as bash leaves them out"))
        call = replace(call, text=call.text.replace("\x00", ""))
    if any(o in call.options.split() for o in UNSUPPORTED_OPTIONS):
        notes.append(
            warn(
                call.offset,
                f"`{call.options}`: output kept in Python variables or a background run is not "
                "reproduced; the body runs as usual",
            )
        )
    if call.program not in SHELLS:
        notes.append(
            warn(
                call.offset,
                f"`%%script {call.program}` runs as written; the files it uses are not catalog "
                "datasets",
            )
        )
        body = [f"{call.program} <<'{HEREDOC}'", *call.text.rstrip("\n").split("\n"), HEREDOC]
        heredoc = tuple((line,) for line in body)
        command = ShellCommand(heredoc, cwd, False, call.check, call.capture)
        return ShellRewrite((), frozenset(), command, tuple(notes))
    expanded = expand(call.text, strings) if call.expands else Expanded((call.text,))
    if expanded.unexpanded.startswith("`$"):  # a Python variable of that name would be used
        level: Literal["info", "warning"] = "info" if expanded.unexpanded[2:].split("`")[0].isupper() else "warning"
        message = (
            f"`{first_line(call.text)}`: {expanded.unexpanded}; IPython substitutes a Python "
            "variable of that name if the notebook has one (write `{name}` to say so)"
        )
        notes.append(Diagnostic(level, "shell-expansion", message, line=call.offset + 1))
    text, fields = analysable(expanded)
    step = shell_line_facts(text, cwd, root=root.replace(os.sep, "/"), variables={})
    reads, writes = datasets(NodeStep(step))
    hidden = [p for p in (*reads, *writes) if "__nb2pipe_py_" in p]
    reads, writes = [p for p in reads if p not in hidden], [p for p in writes if p not in hidden]
    modes: dict[str, AccessMode] = {p: "read" for p in reads}
    modes.update({p: "append" if p in modes else "write" for p in writes})
    marked, placed = substitute(text, step.spellings, modes)
    unplaced = [p for p in modes if p not in placed]
    copies_in = [
        f"cp \x00{p}\x00 {shlex.quote(relative(p, cwd))}" for p in unplaced if modes[p] != "write"
    ]
    copies_out = [
        f"cp {shlex.quote(relative(p, cwd))} \x00{p}\x00" for p in unplaced if modes[p] != "read"
    ]
    lines = [*copies_in, *marked.rstrip("\n").split("\n"), *copies_out]
    notes += [renamed(d, fields, call.offset) for d in step.diagnostics]
    files = [FileAccess(p, spelled(step.spellings, p, fields), modes[p], "path") for p in modes]
    pieces = tuple(line_pieces(line, fields, modes) for line in lines)
    command = ShellCommand(pieces, cwd, False, call.check, call.capture)
    names = frozenset(n for f in fields.values() for n in f.names)
    return ShellRewrite(tuple(files), names, command, tuple(notes))


def line_pieces(
    line: str, fields: dict[str, Field], modes: Mapping[str, AccessMode]
) -> tuple[ShellPiece, ...]:
    """A line of the text as its pieces: text, the files (`\\0path\\0`) and the Python values
    (`${__nb2pipe_py_<k>}`)."""
    pieces: list[ShellPiece] = []
    for part in re.split(r"(\x00[^\x00]*\x00|\$\{__nb2pipe_py_\d+\})", line):
        if part.startswith("\x00"):
            pieces.append(PathWord(part[1:-1], modes[part[1:-1]]))
        elif part.startswith("${__nb2pipe_py_"):
            pieces.append(PythonField(fields[part[2:-1]].expression))
        else:
            pieces.append(part)
    return tuple(pieces)


def analysable(expanded: Expanded) -> tuple[str, dict[str, Field]]:
    """The text with static fields written out and dynamic ones as `${__nb2pipe_py_<k>}`."""
    text, fields = "", dict[str, Field]()
    for part in expanded.parts:
        if isinstance(part, str):
            text += part
        elif part.value is not None:
            text += part.value
        else:
            name = PLACEHOLDER.format(len(fields))
            fields[name] = part
            text += "${" + name + "}"
    return text, fields


def folder(workdir: str, root: str) -> str:
    """The folder the notebook runs in, relative to the root (absolute when outside it)."""
    rel = os.path.relpath(workdir, root).replace(os.sep, "/")
    return workdir.replace(os.sep, "/") if rel.startswith("..") else posixpath.normpath(rel)


def spelled(spellings: tuple[tuple[str, str], ...], path: str, fields: dict[str, Field]) -> str:
    word = next((w for w, p in spellings if p == path), path)
    return shown(word, fields)


def shown(text: str, fields: dict[str, Field]) -> str:
    """Placeholders back as the notebook wrote them (`{expr}`)."""
    for name, field in fields.items():
        text = text.replace("${" + name + "}", "{" + field.expression + "}").replace(
            "$" + name, "{" + field.expression + "}"
        )
    return text


def renamed(note: Diagnostic, fields: dict[str, Field], offset: int) -> Diagnostic:
    """A diagnostic of the bash layer, placed on the cell's line, in the notebook's words; an
    unknown command that only prints (`!ls`, `!nvidia-smi`) is an info."""
    line = offset + (note.line or 1)
    command = note.message.split("`")[1] if note.message.count("`") >= 2 else ""
    printing = note.code == "bash-unknown-command" and command in PRINT_ONLY
    return Diagnostic(
        "info" if printing else note.level, note.code, shown(note.message, fields), line=line
    )


def warn(line: int, message: str) -> Diagnostic:
    return Diagnostic("warning", "shell-line", message, line=max(line, 1))


def first_line(text: str) -> str:
    line = text.strip().split("\n")[0]
    return line if len(line) <= 60 else line[:57] + "..."
