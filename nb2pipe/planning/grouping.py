"""Chunks → groups (future steps): markdown sections, split at dataflow boundaries when large,
then split again wherever Kedro could not wire the group faithfully.

Policy (see docs/mapping.md):
* each markdown heading starts a section; a `node:<name>` tag starts one and names it;
* a section's data chunks form one data step, split at cell boundaries when longer than
  MAX_LINES; without headings, a cell that reads nothing the current step made, or that starts
  by seeding a global generator (`np.random.seed(1)`), starts a new step; a run still large
  (many cells or statements) is cut where the fewest values cross (planning/coarse.py);
* a section's plotting chunks form one reporting step;
* fix-ups split groups until every value crossing a boundary is the producer's final version,
  every group reads one version of each symbol, and no file is read back in the group that wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import SourceFacts
from ..model.symbols import File, Rng, Symbol
from . import coarse
from .flow import EXTERNAL, Flow, Version
from .graphs import adjacency, find_cycle
from .handles import written_until
from .headings import heading_title

MAX_LINES = 40


@dataclass
class Section:
    title: str = ""
    doc: list[str] = field(default_factory=list)
    forced_name: str = ""
    chunks: list[int] = field(default_factory=list)


@dataclass
class Group:
    kind: str  # "data" | "reporting"
    chunks: list[int]
    section: int


def sections(facts: SourceFacts, roles: tuple[str, ...]) -> list[Section]:
    """Split the source at markdown headings and `node:<name>` tags."""
    found = [Section()]
    by_cell: dict[int, list[int]] = {}
    for chunk, role in zip(facts.chunks, roles):
        if role in ("data", "plot"):
            by_cell.setdefault(chunk.cell, []).append(chunk.order)
    for cell in facts.source.cells:
        forced = next((t[5:] for t in cell.tags if t.startswith("node:")), "")
        if cell.kind == "markdown":
            heading = heading_title(cell.source)
            if heading and found[-1].chunks:
                found.append(Section(title=heading))
            elif heading and not found[-1].title:
                found[-1].title = heading
            found[-1].doc.append(cell.source.strip())
        elif forced:
            found.append(Section(title=found[-1].title, forced_name=forced))
        found[-1].chunks.extend(by_cell.get(cell.index, []))
    return [s for s in found if s.chunks]


def initial_groups(facts: SourceFacts, roles: tuple[str, ...], flow: Flow, secs: list[Section],
                   whole_cells: frozenset[int] = frozenset()) -> list[Group]:
    has_headings = any(s.title for s in secs)
    groups: list[Group] = []
    glued = glue_pairs(facts, flow)
    # a cell whose data work also draws keeps its plotting with it: they draw on one figure
    drawing_cells = {facts.chunks[c].cell for s in secs for c in s.chunks
                     if roles[c] == "data" and facts.chunks[c].draws} | whole_cells
    for index, section in enumerate(secs):
        data = [c for c in section.chunks
                if roles[c] == "data" or facts.chunks[c].cell in drawing_cells]
        plots = [c for c in section.chunks if c not in data and roles[c] == "plot"]
        for chunks in split_section(facts, flow, data, has_headings or bool(section.forced_name), glued):
            groups.append(Group("data", chunks, index))
        if plots:
            groups.append(Group("reporting", plots, index))
    return groups


def split_section(facts: SourceFacts, flow: Flow, chunks: list[int], headed: bool, glued: set[int]) -> list[list[int]]:
    """Cell-aligned runs of data chunks: size-limited, and (without headings) independent."""
    runs: list[list[int]] = []
    lines = 0
    for cell_chunks in by_cell(facts, chunks):
        size = sum(facts.chunks[c].code.count("\n") + 1 for c in cell_chunks)
        must_join = cell_chunks[0] in glued
        if runs and not must_join:
            made = {s for c in runs[-1] for s in flow.chunks[c].produces}
            reads = {v.symbol for c in cell_chunks for v in flow.chunks[c].consumes}
            independent = not headed and not (made & reads)
            if independent or (not headed and reseeds(facts, cell_chunks)) or lines + size > MAX_LINES:
                runs.append([])
                lines = 0
        if not runs:
            runs.append([])
        runs[-1].extend(cell_chunks)
        lines += size
    return [[c for cell in part for c in cell] for run in runs if run
            for part in coarse.split_large(facts, flow, by_cell(facts, run), glued)]


def reseeds(facts: SourceFacts, cell_chunks: list[int]) -> bool:
    """The cell starts by seeding a global generator (`np.random.seed(1)`): what it draws does
    not depend on the draws before it, so it may start a step of its own."""
    first = facts.chunks[cell_chunks[0]]
    return any(isinstance(s, Rng) and s not in first.uses for s in first.defines)


def by_cell(facts: SourceFacts, chunks: list[int]) -> list[list[int]]:
    cells: dict[int, list[int]] = {}
    for order in chunks:
        cells.setdefault(facts.chunks[order].cell, []).append(order)
    return [cells[k] for k in sorted(cells)]


def glue_pairs(facts: SourceFacts, flow: Flow) -> set[int]:
    """Chunks that must stay in the step of the chunk before them: readers of values pickle
    cannot store, and code whose effects analysis cannot see."""
    unpersistable = {s: c.order for c in facts.chunks for s in c.unpersistable}
    glued: set[int] = set()
    for chunk, chunk_flow in zip(facts.chunks, flow.chunks):
        if any(v.symbol in unpersistable and v.producer >= 0 for v in chunk_flow.consumes):
            glued.add(chunk.order)
        if any(d.code == "dynamic-code" for d in chunk.diagnostics):
            glued.update({chunk.order, chunk.order + 1})
    return glued


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


def figure_crossings(groups: list[Group], flow: Flow, roles: tuple[str, ...],
                     facts: SourceFacts | None = None) -> set[int]:
    """Sections where a value must not be passed from one node to another: a figure or axes
    object (drawings made on an unpickled copy are never saved), or a value pickle cannot store
    (a generator, an open file). All sections from producer to consumer are returned."""
    owner = {c: i for i, g in enumerate(groups) for c in g.chunks}
    sections: set[int] = set()
    for order, chunk_flow in enumerate(flow.chunks):
        for version in chunk_flow.consumes:
            producer = version.producer
            if producer not in owner or order not in owner or owner[producer] == owner[order]:
                continue
            unpicklable = facts is not None and version.symbol in facts.chunks[producer].unpersistable
            if roles[producer] == "plot" or unpicklable:
                first, last = sorted((groups[owner[producer]].section, groups[owner[order]].section))
                sections |= set(range(first, last + 1))
    return sections


def split_drawings(groups: list[Group], facts: SourceFacts) -> frozenset[int]:
    """Cells whose drawing statements ended up in more than one node: the notebook shows a
    cell's figures together when the cell ends, so split drawings would become extra figures."""
    owners: dict[int, set[int]] = {}
    for index, group in enumerate(groups):
        for order in group.chunks:
            chunk = facts.chunks[order]
            if chunk.draws:
                owners.setdefault(chunk.cell, set()).add(index)
    return frozenset(cell for cell, found in owners.items() if len(found) > 1)


def glue_sections(groups: list[Group], sections: set[int]) -> list[Group]:
    """Each run of consecutive listed sections becomes one data step (that also returns its
    figures), so the value no node may hand on stays inside it."""
    run_of: dict[int, int] = {}
    for section in sorted(sections):
        run_of[section] = run_of.get(section - 1, section)
    result: list[Group] = []
    merged: dict[int, Group] = {}
    for group in groups:
        run = run_of.get(group.section)
        if run is None:
            result.append(group)
        elif run in merged:
            merged[run].chunks = sorted(merged[run].chunks + group.chunks)
        else:
            merged[run] = Group("data", list(group.chunks), run)
            result.append(merged[run])
    return result


def merge_isolated(groups: list[Group], isolated: list[bool]) -> list[Group]:
    """Fold steps that read and hand on nothing into the next data step (else the previous one):
    Kedro needs every node to have an input or an output."""
    result: list[Group] = []
    carry: list[int] = []
    for group, alone in zip(groups, isolated):
        if alone:
            carry.extend(group.chunks)
            continue
        if carry and group.kind == "data":
            group = Group("data", sorted(carry + group.chunks), group.section)
            carry = []
        result.append(group)
    if carry:
        data = [i for i, g in enumerate(result) if g.kind == "data"]
        if data:
            last = result[data[-1]]
            result[data[-1]] = Group("data", sorted(last.chunks + carry), last.section)
        else:
            result.append(Group("data", carry, 0))
    return result


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


__all__ = ["EXTERNAL", "Group", "Section", "fix_groups", "initial_groups", "sections"]
