"""Folders a notebook lists (`glob.glob("scores/*.csv")`, `os.listdir("scores")`; analysis reads
them as "listing" accesses): a folder a loop writes one file per item into (a partitioned dataset,
of any source) is an input of the node listing it, through the catalog's folder, so Kedro runs
the writer first; any other listing is left as the code has it (relative to the project root)."""

from __future__ import annotations

from dataclasses import replace

from ..model import ChunkFacts, SourceFacts
from ..model.symbols import File


def wire_listings(facts: tuple[SourceFacts, ...]) -> tuple[SourceFacts, ...]:
    """The facts with every listing of a partitioned folder a path-passing read of it, and the
    other listings dropped (their access, use and rewrite)."""
    written = {
        a.path
        for f in facts
        for c in f.chunks
        for a in c.files
        if a.partition_of and a.mode != "read"
    }
    return tuple(
        replace(f, chunks=tuple(wired(c, written) for c in f.chunks))
        if any(a.io == "listing" for c in f.chunks for a in c.files)
        else f
        for f in facts
    )


def wired(chunk: ChunkFacts, written: set[str]) -> ChunkFacts:
    listed = {a.path for a in chunk.files if a.io == "listing"}
    if not listed:
        return chunk
    dropped = {File(p) for p in listed - written}
    return replace(
        chunk,
        files=tuple(
            replace(a, io="path") if a.io == "listing" else a
            for a in chunk.files
            if not (a.io == "listing" and File(a.path) in dropped)
        ),
        uses=chunk.uses - dropped,
        edits=tuple(e for e in chunk.edits if not (e.kind == "partition" and e.symbol in dropped)),
    )
