"""A `for` loop of a script that writes one file per item into a folder the script names
(`for f in data/*.csv; do python score.py "$f" "out/$(basename "$f")"; done`, `sort`
writing `out/$x.txt`, or `papermill nb.ipynb "runs/nb_$a.ipynb" -p a "$a"` writing its
executed copy per item; over a list computed at run time or a literal one, then not
unrolled): the facts that make that folder one partitioned dataset (`model.shell.LoopItems`);
`shell/chunks.py` rewrites the loop so that each item is written whole and items on disk are
skipped on the next run (`loop_item_text`).

The body is walked once more with the loop variable bound to a marker that no path holds: a
file written at a path holding the marker, below a folder without it, is the loop's item.
"""

from __future__ import annotations

import posixpath
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import replace

from nb2pipe.analysis.shell.effects import Effects
from nb2pipe.analysis.shell.scope import Context, Scope
from nb2pipe.analysis.shell.syntax import Command, Declaration, ForLoop
from nb2pipe.analysis.shell.walk import walk
from nb2pipe.model import FileAccess
from nb2pipe.model.shell import LoopItems, ShellStep

from ...model.facts import AccessMode

#: What the loop variable holds while the body is walked for its items.
ITEM = "\x02"
GLOB = "*?["
#: Commands that only print: a body running them besides the item's write can still skip items.
PRINTS = frozenset({"echo", "printf", "true", ":"})
#: Bash functions the rewritten loop calls (the node's preamble): where the item goes (the
#: catalog's folder, a temporary twin `<folder>.partial` while it is written) and, after the
#: statement writing it, the move into the folder when the statement succeeded.
HELPERS = (
    'nb2pipe_item() { _nb2pipe_folder=$1; _nb2pipe_w=${3#./}; case "$_nb2pipe_w" in '
    '"$2"/*) _nb2pipe_item="$1/${_nb2pipe_w#"$2"/}"; '
    '_nb2pipe_partial="$1.partial/${_nb2pipe_w#"$2"/}"; '
    'mkdir -p "$(dirname "$_nb2pipe_partial")" ;; '
    '*) _nb2pipe_item=""; _nb2pipe_partial=$3 ;; esac; }',
    'nb2pipe_keep_item() { if [ -n "$_nb2pipe_item" ]; then '
    'if [ "$1" -eq 0 ] && [ -e "$_nb2pipe_partial" ]; then '
    'mkdir -p "$(dirname "$_nb2pipe_item")" && mv -f "$_nb2pipe_partial" "$_nb2pipe_item"; '
    'else rm -rf "$_nb2pipe_partial"; fi; '
    'rmdir "$_nb2pipe_folder.partial" 2>/dev/null || :; fi; return "$1"; }',
)


def loop_items(loop: ForLoop, scope: Scope, ctx: Context, effects: Effects) -> LoopItems | None:
    """The folder ``loop`` writes one file per item into, or None.

    Args:
        loop: A `for` loop kept as one step.
        scope: The scope the loop starts in.
        effects: The loop's effects as walked for the step (its other files).

    Example: `for x in $(seq 3); do sort "in/$x" > "out/$x.txt"; done` writes items of `out`.
    """
    inner = scope.assign(loop.var, ITEM)
    found: list[tuple[int, str, str]] = []  # (body statement, folder, word)
    for index, stmt in enumerate(loop.body):
        walked, inner = walk(stmt, inner, ctx)
        outputs = tuple(n.output for n in walked.notebooks if n.output)  # papermill's copy
        for path in (*walked.writes, *outputs):
            if ITEM not in path:
                continue
            folder = posixpath.dirname(path.partition(ITEM)[0] + "x")
            word = next((w for w, p in walked.spellings if p == path), "")
            if folder in ("", ".", "/") or any(c in folder for c in GLOB) or not word:
                return None
            found.append((index, folder, word))
    if len({(i, f) for i, f, _ in found}) != 1:
        return None  # no item, or items in several folders or statements
    index, folder, word = found[0]
    stmt = loop.body[index]
    start = statement_offset(loop, stmt)
    if start < 0 or loop.text.count(word, start, start + len(stmt.text)) != 1:
        return None
    why = not_resumable(loop, index, effects)
    return LoopItems(folder, word, start, start + len(stmt.text), why)


def statement_offset(loop: ForLoop, stmt: object) -> int:
    """Where a body statement starts in the loop's text (-1 when it cannot be found)."""
    lines = loop.text.split("\n")
    row = getattr(stmt, "line", loop.line) - loop.line
    if not 0 <= row < len(lines):
        return -1
    line_start = sum(len(line) + 1 for line in lines[:row])
    return loop.text.find(getattr(stmt, "text", "\0"), line_start)


def not_resumable(loop: ForLoop, index: int, effects: Effects) -> str:
    """Why an item already in the folder cannot be skipped ("" when it can): the body's other
    statements only assign variables or print, and the loop writes no other file."""
    others = [s for i, s in enumerate(loop.body) if i != index]
    if not all(
        isinstance(s, Declaration)
        or (isinstance(s, Command) and not s.redirects and s.words and s.words[0].text in PRINTS)
        for s in others
    ):
        return "the loop body does more than write the item"
    if any(not any(c in p for c in GLOB) for p in effects.writes):
        return "the loop writes other files too"
    return ""


def with_items(effects: Effects, items: LoopItems | None) -> Effects:
    """The loop's effects without the per-item paths (globs) the first walk saw in the folder;
    the Python scripts and notebooks the body runs are files it reads (the node runs them from
    the catalog's copy, put where the script had them while the loop runs)."""
    if items is None:
        return effects
    inside = items.folder + "/"
    scripts = tuple(c.script for c in effects.python if c.script)
    scripts += tuple(n.notebook for n in effects.notebooks)
    return replace(
        effects,
        writes=tuple(p for p in effects.writes if not p.startswith(inside)),
        reads=tuple(
            dict.fromkeys(p for p in (*effects.reads, *scripts) if not p.startswith(inside))
        ),
    )


def loop_item_text(text: str, items: LoopItems, spelled_folder: str, marker: str) -> str:
    """The loop's text writing each item under a temporary name, moved into the folder
    (``marker``: the catalog's folder) when the statement writing it succeeds; with a resumable
    loop, an item already there is not computed again.

    ``spelled_folder`` is the folder relative to the directory the step runs in."""
    statement = text[items.start : items.end]
    at = statement.find(items.word)
    rewritten = statement[:at] + '"$_nb2pipe_partial"' + statement[at + len(items.word) :]
    guard = f"nb2pipe_item {marker} {shlex.quote(spelled_folder)} {items.word}; "
    if not items.not_resumable:
        guard += 'if [ -n "$_nb2pipe_item" ] && [ -e "$_nb2pipe_item" ]; then continue; fi; '
    return f"{text[: items.start]}{guard}{rewritten}; nb2pipe_keep_item $?{text[items.end :]}"


def file_access(step: ShellStep, path: str, mode: AccessMode) -> FileAccess:
    """The step's access to a file (path-passing); a loop's folder of items is partitioned."""
    if step.items and path == step.items.folder:
        return FileAccess(
            path,
            path + "/",
            "write",
            "path",
            partition_of="path",
            partition_suffix=item_suffix(step.items.word),
        )
    spelled = next((text for text, p in step.spellings if p == path), path)
    return FileAccess(path, spelled, mode, "path")


def items_text(step: ShellStep, modes: Mapping[str, str]) -> tuple[str, set[str]]:
    """The step's text with the loop writing its items one at a time (`loop_items`) and the
    words reading a folder of items (`out/*.csv`) pointed at the catalog's folder."""
    text, placed = step.text, set()
    cwd = step.cwd or "."
    if step.items and step.items.folder in modes:
        folder = step.items.folder
        text = loop_item_text(text, step.items, relative(folder, cwd), f"\x00{folder}\x00")
        placed.add(folder)
    for word, path in step.spellings:
        read = next(
            (f for f in modes if modes[f] == "read" and folder_read(path, [f]) == f and path != f),
            None,
        )
        tail = None if read is None else listed_tail(word, path, relative(read, cwd))
        if read is None or tail is None:
            continue
        text = text.replace(word, f"\x00{read}\x00/{tail}")
        placed.add(read)
    return text, placed


def listed_tail(word: str, path: str, folder: str) -> str | None:
    """What follows the folder in a word listing it (`out/*.csv`, `"$OUT"/*.csv`, `${D}/*.csv`:
    `*.csv`), when the word spells the folder before its last `/` and a literal name after it."""
    bare = word.removeprefix("./")
    if bare.startswith(folder + "/"):
        return bare[len(folder) + 1 :]
    head, slash, tail = word.rpartition("/")
    balanced = head.count('"') % 2 == 0 and head.count("'") % 2 == 0
    literal = not any(c in tail for c in "$\"'`\\")
    if slash and balanced and literal and path.endswith("/" + tail):
        return tail
    return None


def folder_read(path: str, produced: Sequence[str]) -> str:
    """A glob below a folder an earlier step wrote (`out/*.csv`), or that folder spelled with a
    slash, reads the folder; any other path is itself."""
    head = path.rstrip("/")
    for folder in produced:
        if head == folder or (
            path.startswith(folder + "/")
            and any(c in path for c in "*?[")
            and "/" not in path[len(folder) + 1 :]
        ):
            return folder
    return path


def item_suffix(word: str) -> str:
    """The extension the loop's item word ends with (`"out/$x.csv"` gives ".csv"), or ""."""
    tail = word.strip("\"'").rpartition("/")[2]
    extension = tail.rpartition(".")[2] if "." in tail else ""
    return "." + extension if extension.isalnum() else ""


def relative(path: str, cwd: str) -> str:
    """``path`` as the step spells it from ``cwd`` (both normalised)."""
    return path if path.startswith("/") or cwd.startswith("/") else posixpath.relpath(path, cwd)
