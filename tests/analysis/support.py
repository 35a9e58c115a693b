"""Shared helpers of the analysis specification tests: in-memory sources, one cell's facts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from nb2pipe.api import analyze_on_disk
from nb2pipe.model import Cell, ChunkFacts, Source, SourceFacts
from nb2pipe.model.symbols import Symbol, parse_symbol


def words(text: str | None) -> frozenset[Symbol] | None:
    """Split "a b rng:numpy" into a frozenset of symbols (``parse_symbol``); None stays None (not
    checked)."""
    return None if text is None else frozenset(parse_symbol(w) for w in text.split())


def source_of(root: Path, *cells: str, name: str = "nb.ipynb") -> Source:
    """A notebook of code cells under ``root`` (nothing is written to disk)."""
    return Source(
        path=PurePosixPath(name),
        abspath=str(root / name),
        kind="notebook",
        cells=tuple(
            Cell(index=i, ref=str(i + 1), kind="code", source=code) for i, code in enumerate(cells)
        ),
    )


def analyze_cells(root: Path, *cells: str) -> SourceFacts:
    return analyze_on_disk(source_of(root, *cells), folders=[root])


def last_cell_chunks(root: Path, *cells: str) -> tuple[ChunkFacts, ...]:
    """The chunks of the last cell (earlier cells are set-up: imports, functions, seeds)."""
    facts = analyze_cells(root, *cells)
    return tuple(c for c in facts.chunks if c.cell == len(cells) - 1)


@dataclass(frozen=True)
class CellView:
    """Facts of one cell, folded over its chunks in order (a name an earlier chunk of the
    cell bound is not a use of a later one), so a case may hold several statements."""

    defines: frozenset[str]
    uses: frozenset[str]
    mutates: frozenset[str]
    deletes: frozenset[str]
    maybe_defines: frozenset[str]
    #: The chunk kind when every chunk has the same one, else "mixed".
    kind: str


def cell_view(chunks: tuple[ChunkFacts, ...]) -> CellView:
    defines: set[str] = set()
    uses: set[str] = set()
    mutates: set[str] = set()
    deletes: set[str] = set()
    maybe: set[str] = set()
    for chunk in chunks:
        uses |= chunk.uses - defines
        defines = (defines - chunk.deletes) | chunk.defines
        mutates |= chunk.mutates
        deletes |= chunk.deletes
        maybe |= chunk.maybe_defines
    kinds = {c.kind for c in chunks}
    return CellView(
        frozenset(defines),
        frozenset(uses),
        frozenset(mutates),
        frozenset(deletes),
        frozenset(maybe),
        kinds.pop() if len(kinds) == 1 else "mixed",
    )
