"""Large steps split where the dataflow makes a natural cut: a section whose data work spans many
cells (one heading over a whole notebook) becomes several nodes, each making one thing or a few
closely related ones (data → split → fit → predict), cut at cell boundaries only.

A run of cells is *large* when it spans ``MAX_CELLS`` cells or more, ``MAX_STATEMENTS``
statements over two cells or more, or makes ``MAX_MADE`` variables over four cells or more (the
public corpus' data nodes: 90% span at most 5 cells, hold at most 17 statements and return at
most 7 datasets; the large corpus' likewise: 5, 18, 7). A large run is cut before the cell where the fewest values cross
from the cells before it to the cells after it (ties: the cut that halves the statements best),
then each part again while it is large. A cut is allowed only where:

* no value crosses that no node may hand on: a generator's state (its draws keep their order in
  one node), a value pickle cannot store (a generator object, an open file), a figure or axes (a
  cell that draws), a class or function defined in the node;
* what crosses is the last version the cells before make (else Kedro could not wire it), and
  the cells after do not change it again (a value changed along, `df[...] = ...` cell after
  cell, stays in one node: no `df_2` datasets);
* the data cells that also draw stay on one side (one node returns the section's figures);
* the cell after is not glued to the one before (`grouping.glue_pairs`);
* both sides make something (no node that only hands values on), and each holds two cells or
  half a large run's statements (not a node per cell).
"""

from __future__ import annotations

from ..model import SourceFacts
from ..model.symbols import File, Rng, Symbol
from .flow import Flow

#: A run spanning this many cells is large (the public corpus' 90th percentile of cells per node).
MAX_CELLS = 5
#: A run of two cells or more holding this many top-level statements is large.
MAX_STATEMENTS = 20
#: A run of four cells or more making this many variables is large (the public corpus' data
#: nodes: 90% return at most 7 datasets, 95% at most 9).
MAX_MADE = 8
#: A cut handing on more values than this is no natural cut (a train/test split hands on 4).
MAX_CROSSING = 5


def split_large(facts: SourceFacts, flow: Flow, cells: list[list[int]], glued: set[int]) -> list[list[list[int]]]:
    """``cells`` (a run: each cell's chunks, in order) as one or more runs."""
    if not large(cells, flow):
        return [cells]
    cut = best_cut(facts, flow, cells, glued)
    if cut is None:
        return [cells]
    return split_large(facts, flow, cells[:cut], glued) + split_large(facts, flow, cells[cut:], glued)


def large(cells: list[list[int]], flow: Flow) -> bool:
    statements = sum(len(c) for c in cells)
    made = {s for cell in cells for c in cell for s in flow.chunks[c].produces if isinstance(s, str)}
    return (len(cells) >= MAX_CELLS or (len(cells) >= 2 and statements >= MAX_STATEMENTS)
            or (len(cells) >= 4 and len(made) >= MAX_MADE))


def enough(cells: list[list[int]]) -> bool:
    """A part big enough to be a node of its own: two cells, or one holding half a large run's
    statements (cutting one small cell off at a time would give a node per cell)."""
    return len(cells) >= 2 or sum(len(c) for c in cells) >= MAX_STATEMENTS // 2


def best_cut(facts: SourceFacts, flow: Flow, cells: list[list[int]], glued: set[int]) -> int | None:
    """The cell index to cut before, or None when no cut is allowed."""
    total = sum(len(c) for c in cells)
    found: tuple[int, int, int] | None = None  # (crossing, imbalance, cut)
    for cut in range(1, len(cells)):
        if not (enough(cells[:cut]) and enough(cells[cut:])):
            continue
        crossing = crossing_values(facts, flow, cells[:cut], cells[cut:], glued)
        if crossing is None or crossing > MAX_CROSSING:
            continue
        before = sum(len(c) for c in cells[:cut])
        key = (crossing, abs(total - 2 * before), cut)
        if found is None or key < found:
            found = key
    return found[2] if found is not None else None


def crossing_values(facts: SourceFacts, flow: Flow, before: list[list[int]], after: list[list[int]],
                    glued: set[int]) -> int | None:
    """How many values the cells ``after`` read from the cells ``before``; None when the cut
    between them is not allowed (module docstring)."""
    if after[0][0] in glued:
        return None
    first = {c for cell in before for c in cell}
    second = [c for cell in after for c in cell]
    if not makes(flow, first) or not makes(flow, set(second)):
        return None
    if draws(facts, first) and draws(facts, set(second)):
        return None
    changed = {s for order in second for s in flow.chunks[order].produces}
    last: dict[Symbol, int] = {}
    for order in sorted(first):
        for symbol in flow.chunks[order].produces:
            last[symbol] = order
    crossing: set[Symbol] = set()
    for order in second:
        for version in flow.chunks[order].consumes:
            if version.producer not in first:
                continue
            if (not may_cross(facts, version.symbol, version.producer)
                    or last.get(version.symbol) != version.producer or version.symbol in changed):
                return None
            crossing.add(version.symbol)
    return len(crossing)


def makes(flow: Flow, chunks: set[int]) -> bool:
    """The chunks bind a variable (a node that makes nothing only hands values on)."""
    return any(isinstance(s, str) for c in chunks for s in flow.chunks[c].produces)


def draws(facts: SourceFacts, chunks: set[int]) -> bool:
    return any(facts.chunks[c].draws for c in chunks)


def may_cross(facts: SourceFacts, symbol: Symbol, producer: int) -> bool:
    chunk = facts.chunks[producer]
    if isinstance(symbol, Rng) or chunk.draws:
        return False
    if isinstance(symbol, File):
        return True
    return symbol not in chunk.unpersistable and symbol not in chunk.local_classes
