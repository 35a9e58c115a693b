"""Groups → drafts: what each future node reads from outside and hands on to others."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import SourceFacts
from ..model.symbols import File, Symbol
from .flow import EXTERNAL, REPLAYED, Flow, Version, plot_settings_apply
from .grouping import Group, rereads


@dataclass(frozen=True, slots=True)
class Draft:
    """A step before names are given: versions in, versions out."""

    kind: str
    chunks: tuple[int, ...]
    section: int
    #: Versions read from outside the step, in order of first use (one per symbol; a drawing
    #: step may read several versions of a variable, `grouping.rereads`).
    consumes: tuple[Version, ...]
    #: Versions made here and needed elsewhere (and every file written), in order made.
    produces: tuple[Version, ...]
    #: The step draws figures (reporting steps, and data steps that also plot).
    figures: bool


def drafts(groups: list[Group], flow: Flow, facts: SourceFacts) -> list[Draft]:
    owner = {c: i for i, g in enumerate(groups) for c in g.chunks}
    needed: set[Version] = set()
    for order, chunk_flow in enumerate(flow.chunks):
        for version in chunk_flow.consumes:
            if version.producer != EXTERNAL and order in owner and owner.get(version.producer) != owner[order]:
                needed.add(version)
    # a figures output only where a figure may show (not for `plt.close()` alone)
    draws = [any(facts.chunks[c].draws and not facts.chunks[c].quiet for c in g.chunks) for g in groups]
    reading = [o for o, c in enumerate(facts.chunks) if c.kind == "setting" and flow.chunks[o].consumes]
    replays = [replayed_reads(g, d, reading, flow, facts) for g, d in zip(groups, draws)]
    needed |= {v for found in replays for v in found if v.producer != EXTERNAL}
    data_chunks = {c for g in groups if g.kind == "data" for c in g.chunks}
    needed |= results(flow, facts, data_chunks)
    by_producer: dict[int, list[Version]] = {}
    for version in needed:
        by_producer.setdefault(version.producer, []).append(version)
    result = []
    for index, group in enumerate(groups):
        mine = set(group.chunks)
        consumes: dict[object, Version] = {}
        for order in group.chunks:
            for version in flow.chunks[order].consumes:
                if version.producer not in mine:
                    # a drawing node may read several versions (`grouping.rereads`)
                    consumes.setdefault(version if rereads(group, version.symbol, flow) else version.symbol, version)
        for version in replays[index]:
            if not any(v.symbol == version.symbol for v in consumes.values()):
                consumes[version.symbol] = version
        produces = sorted((v for c in mine for v in by_producer.get(c, ())), key=lambda v: (v.producer, v.symbol))
        produces += final_files(group, flow, produces)
        result.append(Draft(group.kind, tuple(group.chunks), group.section,
                            tuple(consumes.values()), tuple(produces), draws[index]))
    return result


def replayed_reads(group: Group, draws: bool, reading: list[int], flow: Flow, facts: SourceFacts) -> list[Version]:
    """Values the settings replayed at the start of ``group`` read (``reading``: the settings
    that read any). `step_body.settings_before` replays the same settings: those before the
    group's first chunk, plot settings only where it draws or reads them."""
    plotting = plot_settings_apply(draws, (facts.chunks[c] for c in group.chunks))
    scopes = REPLAYED["plot" if plotting else "all"]
    # also the settings made between the group's statements (`shows.sequence` places them)
    last = max(group.chunks)
    return [v for order in reading if order < last and facts.chunks[order].scope in scopes
            for v in flow.chunks[order].consumes if v.producer not in group.chunks]


def results(flow: Flow, facts: SourceFacts, data_chunks: set[int]) -> set[Version]:
    """What the notebook ends with: the last version of every variable a data chunk assigned
    (not figures and axes — what a drawing statement binds —, not values pickle cannot store,
    not names only bound conditionally)."""
    found = set()
    for version in flow.finals:
        if version.producer == EXTERNAL or not (isinstance(version.symbol, str) and version.symbol.isidentifier()):
            continue
        chunk = facts.chunks[version.producer]
        if version.producer in data_chunks and chunk.kind != "plot" and version.symbol in chunk.defines | chunk.mutates and (
            version.symbol not in chunk.unpersistable
        ):
            found.add(version)
    return found


def final_files(group: Group, flow: Flow, already: list[Version]) -> list[Version]:
    """The last version of every file the group writes: written files are always saved."""
    last: dict[Symbol, Version] = {}
    for order in group.chunks:
        for symbol in flow.chunks[order].produces:
            if isinstance(symbol, File):
                last[symbol] = Version(symbol, order)
    return [v for v in last.values() if v not in already]
