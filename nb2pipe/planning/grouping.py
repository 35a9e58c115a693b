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
  every group reads one version of each symbol, and no file is read back in the group that wrote it
  (planning/cuts.py).
"""

from __future__ import annotations


from ..model import SourceFacts
from ..model.symbols import Rng
from . import coarse
from .cuts import fix_groups, rereads
from .flow import EXTERNAL, Flow
from .groups import Group, Section
from .headings import heading_title

MAX_LINES = 40


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


__all__ = ["EXTERNAL", "Group", "Section", "fix_groups", "initial_groups", "rereads", "sections"]
