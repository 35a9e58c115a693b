"""Where a group must be cut so Kedro can wire it faithfully (`fix_groups`): every value crossing
a node boundary is its producer's final version, every group reads one version of each symbol
(a drawing group may read several: `rereads`), no file is read back in the group that wrote it,
and groups depend on each other one way only (`break_cycle`)."""

from __future__ import annotations

from ..model import SourceFacts
from ..model.symbols import File, Symbol
from .flow import Flow, Version
from .graphs import adjacency, find_cycle
from .groups import Group
from .handles import written_until


def fix_groups(groups: list[Group], flow: Flow, facts: SourceFacts) -> list[Group]:
    """Split groups until Kedro can wire them faithfully (see module docstring).

    Whether a group needs a cut depends only on its own chunks and on which chunks lie outside
    it, never on how the other groups are split, so a group found whole stays whole: the scan
    goes on from the group just split instead of starting over, and cycles between groups are
    looked for once every group is whole (then again from the group ``break_cycle`` split).
    """
    consumers = consumers_by_producer(flow)
    keys = list(range(len(groups)))  # a key per group, stable while other groups are split
    owner = {c: keys[i] for i, g in enumerate(groups) for c in g.chunks}
    next_key = len(groups)
    index = 0
    while index < len(groups):
        group = groups[index]
        cut = find_cut(group, owner, keys[index], flow, facts, consumers)
        if cut is None and index == len(groups) - 1:
            cut, index = break_cycle(groups, flow)
            group = groups[index] if cut is not None else group
            if cut is None:
                break
        if cut is None:
            index += 1
            continue
        first = [c for c in group.chunks if c <= cut]
        rest = [c for c in group.chunks if c > cut]
        groups[index : index + 1] = [Group(group.kind, first, group.section),
                                     Group(group.kind, rest, group.section)]
        keys[index : index + 1] = [keys[index], next_key]
        owner.update((c, next_key) for c in rest)
        next_key += 1
    return groups


def consumers_by_producer(flow: Flow) -> dict[int, list[tuple[int, int, Version]]]:
    """For each producing chunk: (consuming chunk, position among its reads, version), in order."""
    consumers: dict[int, list[tuple[int, int, Version]]] = {}
    for order, chunk_flow in enumerate(flow.chunks):
        for position, version in enumerate(chunk_flow.consumes):
            if version.producer >= 0:
                consumers.setdefault(version.producer, []).append((order, position, version))
    return consumers


def find_cut(group: Group, owner: dict[int, int], key: int, flow: Flow, facts: SourceFacts,
             consumers: dict[int, list[tuple[int, int, Version]]]) -> int | None:
    """The chunk after which ``group`` must be split, or None when it can stay whole.
    ``owner`` maps chunks to group keys; ``key`` is this group's."""
    mine = set(group.chunks)
    last_event: dict[Symbol, int] = {}
    for order in group.chunks:
        for symbol in (*flow.chunks[order].produces, *facts.chunks[order].deletes):
            last_event[symbol] = order
    seen: dict[Symbol, int] = {}
    for order in group.chunks:
        for version in flow.chunks[order].consumes:
            inside = version.producer in mine
            if not inside and seen.setdefault(version.symbol, version.producer) != version.producer:
                if group.kind != "reporting":
                    return previous(group, order)
                cut = cell_start(group, order, facts)
                if not (rereads(group, version.symbol, flow)
                        and (holds_drawing(group, cut, flow) or splits_cell(group, cut, facts))):
                    return cut
            if inside and isinstance(version.symbol, File):  # read back through the catalog
                return written_until(version.producer, order, group.chunks, flow, facts)
    # the first read (in chunk order) from outside the group of a version that is not the
    # group's last event for its symbol
    first: tuple[int, int, int] | None = None
    for producer in group.chunks:
        for order, position, version in consumers.get(producer, ()):
            if first is not None and (order, position) >= first[:2]:
                break
            # a chunk in no group is a replayed setting: its reader is a later node
            if owner.get(order) != key and last_event.get(version.symbol) != version.producer:
                first = (order, position, version.producer)
                break
    return first[2] if first is not None else None


def break_cycle(groups: list[Group], flow: Flow) -> tuple[int | None, int]:
    """When groups depend on each other both ways (their chunks interleave), split the largest
    group of the cycle where the cycle enters or leaves it. Chunk-level dataflow only points
    forward, so splitting always ends the cycles."""
    owner = {c: i for i, g in enumerate(groups) for c in g.chunks}
    edges = [(owner[version.producer], owner[order])
             for order, chunk_flow in enumerate(flow.chunks) for version in chunk_flow.consumes
             if version.producer in owner and order in owner and owner[version.producer] != owner[order]]
    found = find_cycle(adjacency(range(len(groups)), edges))
    if found is None:
        return None, 0
    cycle = set(found)
    for index in sorted(cycle, key=lambda i: (-len(groups[i].chunks), i)):
        group = groups[index]
        mine = set(group.chunks)
        takes = [c for c in group.chunks if any(
            v.producer in owner and owner[v.producer] in cycle - {index} for v in flow.chunks[c].consumes)]
        gives = sorted({v.producer for o, chunk_flow in enumerate(flow.chunks)
                        if owner.get(o) in cycle - {index}
                        for v in chunk_flow.consumes if v.producer in mine})
        if takes and takes[0] != group.chunks[0]:
            return previous(group, takes[0]), index
        if gives and gives[-1] != group.chunks[-1]:
            return gives[-1], index
    return None, 0


def rereads(group: Group, symbol: Symbol, flow: Flow) -> bool:
    """A drawing group may read several versions of a variable it never binds (when cutting it
    would split a figure: `holds_drawing`): each is an argument of its node, the name rebound
    to the next where the notebook's value changed."""
    return group.kind == "reporting" and isinstance(symbol, str) and symbol.isidentifier() and not any(
        symbol in flow.chunks[c].produces for c in group.chunks)


def holds_drawing(group: Group, cut: int | None, flow: Flow) -> bool:
    """Chunks after ``cut`` read what the group made before it (a figure, axes): cutting there
    would hand them from node to node."""
    before = {c for c in group.chunks if cut is not None and c <= cut}
    return any(v.producer in before for c in group.chunks if c not in before for v in flow.chunks[c].consumes)


def cell_start(group: Group, order: int, facts: SourceFacts) -> int | None:
    """Where a drawing group reading a second version is cut: before the cell of ``order`` when
    the group holds an earlier cell (a cell's figures show when it ends, so a cell boundary never
    splits a figure), else just before ``order``."""
    cell = facts.chunks[order].cell
    earlier = [c for c in group.chunks if facts.chunks[c].cell < cell]
    return earlier[-1] if earlier else previous(group, order)


def splits_cell(group: Group, cut: int | None, facts: SourceFacts) -> bool:
    """Cutting a drawing group after ``cut`` would part one cell's drawing (`plt.subplot(121)`
    and `plt.subplot(122)` on the figure the cell shows when it ends)."""
    after = [c for c in group.chunks if cut is not None and c > cut]
    return bool(after) and cut is not None and facts.chunks[cut].cell == facts.chunks[after[0]].cell


def previous(group: Group, order: int) -> int | None:
    position = group.chunks.index(order)
    return group.chunks[position - 1] if position else None
