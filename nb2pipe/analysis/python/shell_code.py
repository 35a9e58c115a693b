"""The code a notebook shell line's call becomes (`shell_lines.rewrite`): `run_shell([...],
cwd=..., check=..., capture=...)`, one string per line of the text, as pieces: text, and the
paths the catalog fills in (`{shlex.quote(<path>)}`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ...model import Diagnostic, FileAccess
from .ipython_expand import Field


@dataclass(frozen=True, slots=True)
class ShellRewrite:
    """What a shell call does and the code replacing it."""

    files: tuple[FileAccess, ...]
    #: Python names the new code reads (`run_shell`, `shlex`, the names of `{expr}` fields).
    names: frozenset[str]
    #: The new code in order: ("text", source) pieces and ("path", <path>, mode) pieces.
    pieces: tuple[tuple[str, str, str], ...]
    diagnostics: tuple[Diagnostic, ...]


def finish(
    check: bool,
    capture: bool,
    cwd: str,
    lines: list[tuple[str, dict[str, Field]]],
    files: list[FileAccess],
    names: set[str],
    notes: list[Diagnostic],
) -> ShellRewrite:
    """`run_shell([...], cwd=..., ...)` as pieces: text, and the paths the catalog fills in."""
    pieces: list[tuple[str, str, str]] = [("text", "run_shell(\n    [\n", "")]
    modes = {f.path: f.mode for f in files}
    for line, fields in lines:
        pieces += line_pieces(line, fields, modes)
    keywords = [f"cwd={cwd!r}", f"check={check}"] + (["capture=True"] if capture else [])
    pieces.append(("text", f"    ],\n    {', '.join(keywords)},\n)", ""))
    uses = {"run_shell"} | ({"shlex"} if files else set()) | names
    return ShellRewrite(tuple(files), frozenset(uses), tuple(merge_text(pieces)), tuple(notes))


def line_pieces(
    line: str, fields: dict[str, Field], modes: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """One string of the list: an f-string when it holds paths or dynamic fields."""
    split = re.split(r"(\x00[^\x00]*\x00|\$\{__nb2pipe_py_\d+\})", line)
    formatted = len(split) > 1
    pieces = [("text", '        f"' if formatted else '        "', "")]
    for part in split:
        if part.startswith("\x00"):
            pieces += [
                ("text", "{shlex.quote(", ""),
                ("path", part[1:-1], modes[part[1:-1]]),
                ("text", ")}", ""),
            ]
        elif part.startswith("${__nb2pipe_py_"):
            pieces.append(("text", "{" + fields[part[2:-1]].expression + "}", ""))
        else:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"')
            escaped = "".join(
                c if c.isprintable() or c == "\t" else f"\\x{ord(c):02x}" for c in escaped
            )
            pieces.append(
                (
                    "text",
                    escaped.replace("{", "{{").replace("}", "}}") if formatted else escaped,
                    "",
                )
            )
    pieces.append(("text", '",\n', ""))
    return pieces


def merge_text(pieces: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    merged: list[tuple[str, str, str]] = []
    for piece in pieces:
        if merged and piece[0] == merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + piece[1], "")
        elif piece[1] or piece[0] != "text":
            merged.append(piece)
    return merged
