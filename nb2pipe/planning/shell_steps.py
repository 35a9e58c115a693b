"""The nodes of a shell script's steps: their names and their order, from what analysis observed
of each step (`model.ShellNode`: its kind, commands, files written, what it runs).

A step's node is named after what it does: `run_<notebook or script>` for a step running one,
`download_<file>` for a download, `<command>_<file written>` (`cut_columns`) for others, the
command alone when it writes no file; commands that only change the shell's state or print
(`analysis.shell.chunks.QUIET`) name nothing. Names are unique within their script over all its
parts (a script run by several others is one pipeline), told apart by `_2`, `_3`... in the
order the script runs the steps. The name goes to the step's cell as the node's forced name
(`node:<name>`, read by grouping). A step whose written files do not reach the next node of its
part hands that node an ordering value `<name>_done` (True).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import replace

from ..analysis.shell.chunks import QUIET
from ..model import ChunkFacts, ShellNode, SourceFacts

_NAME = re.compile(r"[^A-Za-z0-9]+")


def name_steps(facts: Sequence[SourceFacts]) -> tuple[SourceFacts, ...]:
    """``facts`` with every shell step's node named and ordered (the others as they are)."""
    named = list(facts)
    taken: dict[str, set[str]] = {}
    parts = [i for i, f in enumerate(facts) if any(c.shell for c in f.chunks)]
    for index in sorted(parts, key=lambda i: (str(facts[i].source.path), part(facts[i]), i)):
        path = str(facts[index].source.path)
        named[index] = name_part(facts[index], taken.setdefault(path, set()))
    return tuple(named)


def part(facts: SourceFacts) -> int:
    """The position of a part among its script's parts ("", "2", "3"...: the drivers' order)."""
    variant = facts.source.variant
    return int(variant) if variant.isdigit() else 1


def name_part(facts: SourceFacts, taken: set[str]) -> SourceFacts:
    """One part of a script: its steps' cells get their node names, its chunks the ordering
    values between consecutive nodes no file connects."""
    cells = list(facts.source.cells)
    chunks: list[ChunkFacts] = []
    after = ""
    for chunk in facts.chunks:
        if chunk.shell is None:
            chunks.append(chunk)
            continue
        name = node_name(chunk.shell, taken)
        cell = cells[chunk.cell]
        cells[chunk.cell] = replace(cell, tags=(*cell.tags, f"node:{name}"))
        chunks.append(ordered(chunk, after, f"{name}_done" if chunk.shell.hands_on else ""))
        after = f"{name}_done" if chunk.shell.hands_on else ""
    source = replace(facts.source, cells=tuple(cells))
    return replace(facts, source=source, chunks=tuple(chunks))


def ordered(chunk: ChunkFacts, after: str, done: str) -> ChunkFacts:
    """The chunk receiving the ordering value ``after`` and handing on ``done`` ("": none)."""
    if not after and not done:
        return chunk
    code = f"{chunk.code}\n{done} = True" if done else chunk.code
    return replace(
        chunk,
        code=code,
        defines=chunk.defines | {done} if done else chunk.defines,
        uses=chunk.uses | {after} if after else chunk.uses,
        end_line=code.count("\n") + 1,
    )


def node_name(step: ShellNode, taken: set[str]) -> str:
    """`cut_columns`, `download_dbpedia_csv`, `run_prepare`...: unique among ``taken``."""
    commands = [posixpath.basename(c) for c in step.commands if c not in QUIET]
    first = commands[0] if commands else "shell"
    writes = [p for p in step.writes if not p.endswith("/")]
    stem = posixpath.splitext(posixpath.basename(writes[0]))[0] if writes else ""
    runs = posixpath.splitext(posixpath.basename(step.runs[0]))[0] if step.runs else ""
    if step.kind in ("notebook", "python"):
        base = f"run_{runs}" if step.runs else "run"
    elif step.runs:
        base = f"run_{runs}"
    elif step.kind == "download":
        base = f"download_{stem}" if stem else "download"
    else:
        base = f"{first}_{stem}" if stem else first
    base = _NAME.sub("_", base).strip("_").lower() or "shell"
    if base[0].isdigit():
        base = f"step_{base}"
    name, number = base, 2
    while name in taken:
        name, number = f"{base}_{number}", number + 1
    taken.add(name)
    return name
