"""Order between nodes that share one object (``ChunkFacts.passed_as_is``: values passed between
nodes as the very object, not as copies): a node reading a version of such an object runs before
the node that changes that object in place, as in the notebook.

Kedro orders nodes only by the data they pass; both nodes read the same version, so nothing
orders them, and a reader running second would see the change. The reader returns an ordering
value (`<name>_read`, True) that the changing node receives and ignores.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import CatalogEntry, SourceFacts
from .grouping import Group
from .groups_to_drafts import Draft
from .naming import unique
from .ordering_datasets import Order


def read_before_change(ordered: Sequence[SourceFacts], drafts: Sequence[Sequence[Draft]],
                       taken: set[str]) -> tuple[Order, list[str]]:
    """Per source and draft: the ordering values it waits for and hands on; the values made."""
    order: Order = {}
    made: list[str] = []
    for index, (facts, steps) in enumerate(zip(ordered, drafts, strict=True)):
        as_is = {s for c in facts.chunks for s in c.passed_as_is}
        for changer, draft in enumerate(steps):
            changed = {s for o in draft.chunks for s in facts.chunks[o].mutates} & as_is
            for version in (v for v in draft.consumes if v.symbol in changed):
                for reader, other in enumerate(steps):
                    if reader == changer or version not in other.consumes:
                        continue
                    value = unique(f"{version.symbol}_read", taken)
                    taken.add(value)
                    made.append(value)
                    add(order, index, reader, (), (value,))
                    add(order, index, changer, (value,), ())
    return order, made


def split_changers(
    groups: Sequence[Group], drafts: Sequence[Draft], facts: SourceFacts
) -> list[Group] | None:
    """``groups`` with one node split where it starts changing a shared object in place, when a
    node reading the version it changes also needs a value it makes: the reader must run before
    the change, and after the value; one node cannot do both. Where the values are made before
    the change, the changing node is split there; where the reader needs what the change leads to
    (a value made after it, here or in a node after this one: a section's reporting node drawing
    the object before the change and a result computed after it), the reader is split there
    instead: its part before the change ran before it in the notebook. None if none is split."""
    as_is = {s for c in facts.chunks for s in c.passed_as_is}
    for changer, draft in enumerate(drafts):
        for version in (v for v in draft.consumes if v.symbol in as_is):
            changes = [o for o in draft.chunks if version.symbol in facts.chunks[o].mutates]
            if not changes or changes[0] == draft.chunks[0]:
                continue
            readers = [i for i, d in enumerate(drafts) if i != changer and version in d.consumes]
            for reader in readers:
                needed = set(draft.produces) & set(drafts[reader].consumes)
                late = after_change(drafts, reader, changer, changes[0])
                if not (late or needed):
                    continue
                at = reader if late else changer
                parts = split_at(groups[at], changes[0])
                if parts is not None:
                    return [*groups[:at], *parts, *groups[at + 1 :]]
    return None


def after_change(drafts: Sequence[Draft], reader: int, changer: int, change: int) -> bool:
    """Whether ``reader`` needs a value ``changer`` makes at or after chunk ``change``, itself or
    through the nodes it reads from."""
    made_by = {v: i for i, d in enumerate(drafts) for v in d.produces}
    seen = {reader}
    todo = [reader]
    while todo:
        for version in drafts[todo.pop()].consumes:
            source = made_by.get(version)
            if source == changer and version.producer >= change:
                return True
            if source is not None and source != changer and source not in seen:
                seen.add(source)
                todo.append(source)
    return False


def split_at(group: Group, order: int) -> list[Group] | None:
    """``group`` as its chunks before chunk ``order`` and the others; None if one part is empty."""
    first = [c for c in group.chunks if c < order]
    rest = [c for c in group.chunks if c >= order]
    if not first or not rest:
        return None
    return [Group(group.kind, first, group.section), Group(group.kind, rest, group.section)]


def add(order: Order, source: int, draft: int, after: tuple[str, ...], done: tuple[str, ...]) -> None:
    waits, hands = order.setdefault(source, {}).get(draft, ((), ()))
    order[source][draft] = ((*waits, *after), (*hands, *done))


def merge(first: Order, second: Order) -> Order:
    merged: Order = {s: dict(d) for s, d in first.items()}
    for source, per in second.items():
        for draft, (after, done) in per.items():
            add(merged, source, draft, after, done)
    return merged


def catalog_entry(name: str) -> CatalogEntry:
    return CatalogEntry(
        name=name,
        type="pickle.PickleDataset",
        filepath=f"data/02_intermediate/order/{name}.pkl",
        origin="ordering value: this node reads an object that a later node changes in place",
    )
