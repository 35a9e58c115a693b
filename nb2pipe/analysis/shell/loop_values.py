"""What a `for` loop's list reads: the files its command substitutions name
(`for a in $(cat alphas.txt)`, `$(ls data/*.csv)`) and the folder a glob list iterates over
(`for f in data/raw/*.csv`, `"$DATA_DIR"/*.csv`). The loop's node reads them through the catalog:
the file copied as a raw input, the folder as a raw folder listed there (`chunks.datasets`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nb2pipe.analysis.shell.command_effect import command_effect
from nb2pipe.analysis.shell.effects import Effects, combine, effect_facts
from nb2pipe.analysis.shell.expand import expand
from nb2pipe.analysis.shell.paths import normalise
from nb2pipe.analysis.shell.scope import Context, Scope
from nb2pipe.analysis.shell.syntax import ForLoop
from nb2pipe.analysis.shell.word_effects import word_spellings
from nb2pipe.analysis.shell.words import Subst, Word
from nb2pipe.model import FileAccess

GLOB = "*?["


def values_effects(loop: ForLoop, scope: Scope, ctx: Context) -> Effects:
    """The files the loop's list reads before the body runs, with the words spelling them.

    Example: `for f in "$D"/*.csv` with D=data reads `data/*.csv`, spelled `"$D"/*.csv`;
    `for a in $(cat alphas.txt)` reads `alphas.txt`, spelled `alphas.txt`.
    """
    found = []
    for word in loop.values or ():
        for part in word.parts:
            if isinstance(part, Subst) and part.commands:
                found.extend(substitution_effects(part.commands, scope, ctx, loop.line))
        fields = expand(word, scope, ctx).fields
        if fields is None or len(fields) != 1 or not any(c in fields[0] for c in GLOB):
            continue
        path = normalise(fields[0], scope.cwd, ctx.root)
        if path is not None:
            found.append(Effects(reads=(path,), spellings=((word.text, path),)))
    return combine(*found)


def substitution_effects(
    commands: tuple[tuple[Word, ...], ...], scope: Scope, ctx: Context, line: int
) -> list[Effects]:
    """The reads of the simple commands inside `$(...)` (writes and runs are not followed)."""
    found = []
    for words in commands:
        expanded = [expand(w, scope, ctx) for w in words]
        argv = tuple(f for e in expanded for f in (e.fields if e.fields is not None else [None]))
        facts = effect_facts(command_effect(argv), scope, ctx, line)
        reads = Effects(reads=facts.reads)
        spelled = [(w.text, e.fields) for w, e in zip(words, expanded, strict=True)]
        found.append(combine(reads, word_spellings(spelled[1:], reads, scope, ctx)))
    return found


def listed_folders(reads: tuple[str, ...], produced: Sequence[str]) -> list[str]:
    """The folders a step lists by a glob directly below a static folder that no earlier step
    wrote into (`data/raw/*.csv`): raw folders, if they are on disk with files when converting
    (`planning/folder_reads.py` decides; the listing stays as written otherwise)."""
    found = []
    for path in reads:
        folder, _, tail = path.rpartition("/")
        static = folder and "://" not in folder and not any(c in folder for c in GLOB)
        written = any(p == folder or p.startswith(folder + "/") for p in produced)
        if static and any(c in tail for c in GLOB) and not written:
            found.append(folder)
    return list(dict.fromkeys(found))


def raw_listings(files: tuple[FileAccess, ...], listed: Sequence[str]) -> tuple[FileAccess, ...]:
    """A step's accesses with each folder of ``listed`` a listing: planning wires it as a raw
    folder (copied into data/01_raw, listed there), or drops the listing, and the word stays the
    folder as the script spells it from the project root."""
    return tuple(
        replace(f, spelled=f.path + "/", io="listing") if f.path in listed else f for f in files
    )
