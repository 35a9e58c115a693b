"""Seed where the numbers are drawn: a statement that only seeds a global generator
(`np.random.seed(42)`, `random.seed(SEED)`) moves into the one node that draws from that seed
next, instead of handing the generator's state (`np_random_state`) on as a dataset.

The draws stay identical: the state right after seeding depends on the seed alone, and no
statement between the seeding and that node draws from the generator (a draw would read the
seeded state and so be a second reader). A seed read by several nodes (a seed before a loop of
nodes each restoring the state: impossible, each draw makes a new state) or by none stays where
it is, as does a seeding statement that also does anything else.
"""

from __future__ import annotations

from dataclasses import replace

from ..knowledge.calls import GLOBAL_RNGS
from ..model import SourceFacts
from .flow import EXTERNAL, Flow
from .grouping import Group
from .groups_to_drafts import Draft


def seed_only(order: int, flow: Flow, facts: SourceFacts) -> bool:
    """The chunk binds generator states only, from parameters or literals only."""
    chunk, chunk_flow = facts.chunks[order], flow.chunks[order]
    produced = set(chunk_flow.produces)
    return (
        bool(produced)
        and produced <= set(GLOBAL_RNGS)
        and not chunk.files
        and not chunk.mutates - produced
        and all(v.producer == EXTERNAL for v in chunk_flow.consumes)
    )


def moves(
    groups: list[Group], drafts: list[Draft], flow: Flow, facts: SourceFacts, roles: tuple[str, ...]
) -> dict[int, int]:
    """Seeding chunk → the group (index) that draws from its seed, for the chunks that move."""
    owner = {c: i for i, g in enumerate(groups) for c in g.chunks}
    found: dict[int, int] = {}
    for order in sorted(owner):
        if not seed_only(order, flow, facts):
            continue
        states = set(flow.chunks[order].produces)
        readers = {
            i
            for i, d in enumerate(drafts)
            if any(v.producer == order and v.symbol in states for v in d.consumes)
        }
        if len(readers) != 1 or owner[order] in readers:
            continue
        target = readers.pop()
        first = min(groups[target].chunks)
        # a node that draws shows the figures displayed between its first and last chunk
        between = range(order + 1, first)
        if first < order or (
            drafts[target].figures and any(roles[o] == "display" for o in between)
        ):
            continue
        found[order] = target
    return found


def seed_where_drawn(
    groups: list[Group], drafts: list[Draft], flow: Flow, facts: SourceFacts, roles: tuple[str, ...]
) -> list[Group] | None:
    """``groups`` with the seeding chunks moved (empty groups dropped); None when none moves."""
    moved = moves(groups, drafts, flow, facts, roles)
    if not moved:
        return None
    result = []
    for index, group in enumerate(groups):
        chunks = sorted(
            [c for c in group.chunks if c not in moved]
            + [c for c, t in moved.items() if t == index]
        )
        if chunks:
            result.append(replace(group, chunks=chunks))
    return result
