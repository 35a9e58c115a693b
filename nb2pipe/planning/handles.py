"""Files written through a handle: where a file a group writes is complete, for grouping."""

from __future__ import annotations

from ..model import SourceFacts
from .flow import Flow


def written_until(producer: int, reader: int, chunks: list[int], flow: Flow,
                  facts: SourceFacts) -> int:
    """The chunk after which the file ``producer`` opens is written, as seen by ``reader``.

    A file is read back through the catalog, so a group is cut between its writer and a reader.
    The chunk opening a file can bind a handle pickle cannot store (`store = h5py.File(p, "w")`,
    `f = open(p, "w")`): the writes are the handle's later uses (`store.create_dataset(...)`,
    `store.close()`), so the cut comes after the last of them before ``reader`` (which then
    stays out of the writer's node); otherwise the handle would cross a node boundary before
    anything was written. ``chunks``: the group's chunks, in order.
    """
    handles = facts.chunks[producer].unpersistable
    last = producer
    for order in chunks:
        uses_handle = any(v.producer == producer and v.symbol in handles
                          for v in flow.chunks[order].consumes)
        if producer < order < reader and uses_handle:
            last = order
    return last
