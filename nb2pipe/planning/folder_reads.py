"""Folders a notebook lists (`glob.glob("scores/*.csv")`, `os.listdir("scores")`; analysis reads
them as "listing" accesses) that reach the node through the catalog, as the folder's path:

* a folder a loop writes one file per item into (a partitioned dataset, of any source) is an
  input of the node listing it, so Kedro runs the writer first;
* a folder of raw input files (on disk when converting, `Workspace.listings`, holding files, and
  nothing the sources write inside it) is a raw input: copied into data/01_raw like raw files
  are (`placement.raw_placement`), and listed there.

Any other listing is left as the code has it (relative to the project root)."""

from __future__ import annotations

import os
from dataclasses import replace

from ..model import ChunkFacts, SourceFacts, Workspace
from ..model.symbols import File


def wire_listings(facts: tuple[SourceFacts, ...], workspace: Workspace | None = None, root: str = ""
                  ) -> tuple[SourceFacts, ...]:
    """The facts with every listing of a partitioned or raw folder a path-passing read of it,
    and the other listings dropped (their access, use and rewrite)."""
    accesses = [a for f in facts for c in f.chunks for a in c.files]
    kept = {a.path for a in accesses if a.partition_of and a.mode != "read"}
    if workspace is not None:
        changed = [a.path for a in accesses if a.mode != "read"]
        kept |= {
            a.path for a in accesses
            if a.io == "listing" and workspace.listings.get(os.path.join(root, a.path))
            and not any(p == a.path or p.startswith(a.path.rstrip("/") + "/") for p in changed)
        }
    return tuple(
        replace(f, chunks=tuple(wired(c, kept) for c in f.chunks))
        if any(a.io == "listing" for c in f.chunks for a in c.files)
        else f
        for f in facts
    )


def wired(chunk: ChunkFacts, kept: set[str]) -> ChunkFacts:
    listed = {a.path for a in chunk.files if a.io == "listing"}
    if not listed:
        return chunk
    dropped = {File(p) for p in listed - kept}
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
