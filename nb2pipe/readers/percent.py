"""Percent scripts (`# %%` cells, jupytext's convention) → Source."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..model import Cell, Diagnostic, Source
from .files import absolute

CELL_MARKER = re.compile(r"^# %%(?P<rest>.*)$")
CELL_MARKER_BYTES = re.compile(rb"^# %%")
MARKDOWN = re.compile(r"\[markdown\]|\[md\]")
TAGS = re.compile(r"tags=\[(?P<tags>[^\]]*)\]")


def read_percent(path: Path, relative: PurePosixPath) -> Source:
    """Split a percent script at its markers; markdown cells have their `# ` prefixes removed."""
    text = read_text(path, relative)
    blocks: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        match = CELL_MARKER.match(line)
        if match:
            blocks.append((match.group("rest"), []))
        else:
            blocks[-1][1].append(line)
    cells: list[Cell] = []
    for header, lines in blocks:
        if not header and not "".join(lines).strip():
            continue
        cells.append(to_cell(len(cells), header, lines))
    return Source(path=relative, abspath=str(absolute(path)), kind="script", cells=tuple(cells))


def read_text(path: Path, relative: PurePosixPath) -> str:
    """The script's text; InputError naming the file when it is not UTF-8 or cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text (byte {error.start} is {error.object[error.start]:#04x})"
        raise InputError([Diagnostic("error", "unreadable", message, str(relative))]) from None
    except OSError as error:
        raise InputError([Diagnostic("error", "unreadable", str(error), str(relative))]) from None


def to_cell(index: int, header: str, lines: list[str]) -> Cell:
    """One `# %%` block → Cell (markdown when the header says so)."""
    tags_match = TAGS.search(header)
    tags = tuple(t.strip().strip("\"'") for t in tags_match.group("tags").split(",")) if tags_match else ()
    body = "\n".join(lines).strip("\n")
    if MARKDOWN.search(header):
        body = "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in lines)
        return Cell(index, str(index + 1), "markdown", body.strip("\n"), tags)
    return Cell(index, str(index + 1), "code", body, tuple(t for t in tags if t))
