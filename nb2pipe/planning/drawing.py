"""Drawing statements in their own reporting nodes: a figure drawn over several sections is
drawn by one reporting node; where drawing has to stay in a data node, a note says why."""

from __future__ import annotations

from ..model import Diagnostic, SourceFacts
from .grouping import Group


def glue_drawings(groups: list[Group], sections: set[int]) -> list[Group]:
    """Each run of consecutive listed sections keeps its drawing in one reporting step, placed
    where the run's last reporting step was; its data steps stay as they are. A figure made in
    one section and drawn on in a later one (`fig, ax = plt.subplots()`, then `ax.plot(...)`)
    is drawn by one node, which reads the data of every section at the versions drawn from."""
    run_of: dict[int, int] = {}
    for section in sorted(sections):
        run_of[section] = run_of.get(section - 1, section)
    last = {run_of[g.section]: i for i, g in enumerate(groups) if g.kind == "reporting" and g.section in run_of}
    chunks: dict[int, list[int]] = {}
    for group in groups:
        if group.kind == "reporting" and group.section in run_of:
            chunks.setdefault(run_of[group.section], []).extend(group.chunks)
    result: list[Group] = []
    for index, group in enumerate(groups):
        run = run_of.get(group.section)
        if group.kind != "reporting" or run is None:
            result.append(group)
        elif last[run] == index:
            result.append(Group("reporting", sorted(chunks[run]), run))
    return result


def drawing_notes(groups: list[Group], facts: SourceFacts, roles: tuple[str, ...]) -> list[Diagnostic]:
    """One info note per data node that also draws, naming why its drawing could not leave it:
    a statement that computes and draws at once (`kmf.fit(T, E).plot(ax=ax)`, a loop that fits
    and plots, a notebook function that does both), or a figure whose drawing reads a value at
    more than one version, or a value no node may hand on (a figure, a generator, an open file)."""
    found = []
    for group in groups:
        chunks = [facts.chunks[c] for c in group.chunks]
        if group.kind != "data" or not any(c.draws and not c.quiet for c in chunks):
            continue
        mixed = next((c for c, o in zip(chunks, group.chunks) if c.draws and roles[o] == "data"), None)
        where = mixed or next(c for c in chunks if c.draws)
        if mixed is not None:
            first = mixed.code.strip().split("\n")[0][:80]
            why = (f"`{first}` computes and draws in one statement, so the drawing of its cell "
                   "stays with it in a data node that also returns its figures")
        else:
            why = ("this drawing reads a value at more than one version, or shares a figure, "
                   "generator or open file with data work: it stays in a data node that also "
                   "returns its figures")
        found.append(Diagnostic("info", "drawing-in-data", why, str(facts.source.path),
                                facts.source.cells[where.cell].ref, where.line))
    return found
