"""Order without files: ordering datasets between the sources a driver script runs one after the
other, and the parts of one shell script joined back into one pipeline.

Kedro orders nodes only by the data they pass. When a script runs a source right after another
and no file written by the first (or by what runs in between) reaches the second, every last node
of the first returns an ordering value (`<pipeline>_done`, True) that every first node of the
second receives and ignores.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import CatalogEntry, Param, PipelinePlan, SourceFacts
from .flow import EXTERNAL
from .graphs import adjacency, has_path
from .groups_to_drafts import Draft
from .naming import unique
from .source_order import file_edges

Order = dict[int, dict[int, tuple[tuple[str, ...], tuple[str, ...]]]]
ORDERING_ORIGIN = "ordering value: the script runs these steps in this order"


def markers(
    ordered: Sequence[SourceFacts],
    drafts: Sequence[Sequence[Draft]],
    names: dict[str, str],
    taken: set[str],
) -> tuple[Order, list[str]]:
    """Per source (by position) and draft (by position): the ordering values it waits for and
    those it hands on; and the ordering datasets that pass between pipelines (those between
    two parts of one script's pipeline stay in its namespace)."""
    position = {f.source.key: i for i, f in enumerate(ordered)}
    graph = adjacency(position, file_edges(list(ordered)))
    order: Order = {}
    made: list[str] = []
    taken = set(taken)
    for index, facts in enumerate(ordered):
        for key in facts.after:
            before = position.get(key)
            if (
                before is None
                or not drafts[before]
                or not drafts[index]
                or has_path(graph, key, facts.source.key)
            ):
                continue
            ends = sinks(drafts[before])
            values = tuple(unique(f"{names[key]}_done", taken) for _ in ends)
            if names[key] != names[facts.source.key]:
                made.extend(values)
            for draft, value in zip(ends, values, strict=True):
                after, done = order.setdefault(before, {}).get(draft, ((), ()))
                order[before][draft] = (after, (*done, value))
            for draft in roots(drafts[index]):
                after, done = order.setdefault(index, {}).get(draft, ((), ()))
                order[index][draft] = ((*after, *values), done)
    return order, made


def roots(drafts: Sequence[Draft]) -> list[int]:
    """Drafts that read nothing another draft of the same source makes."""
    return [i for i, d in enumerate(drafts) if all(v.producer == EXTERNAL for v in d.consumes)]


def sinks(drafts: Sequence[Draft]) -> list[int]:
    """Drafts whose values no other draft of the same source reads."""
    read = {v for d in drafts for v in d.consumes if v.producer != EXTERNAL}
    return [i for i, d in enumerate(drafts) if not read & set(d.produces)]


def catalog_entry(name: str) -> CatalogEntry:
    return CatalogEntry(
        name=name,
        type="pickle.PickleDataset",
        filepath=f"data/02_intermediate/order/{name}.pkl",
        origin=ORDERING_ORIGIN,
    )


def merge_parts(pipelines: Iterable[PipelinePlan]) -> tuple[PipelinePlan, ...]:
    """The pipelines of the parts of one shell script (same name), joined in order."""
    merged: dict[str, PipelinePlan] = {}
    for pipeline in pipelines:
        first = merged.get(pipeline.name)
        if first is None:
            merged[pipeline.name] = pipeline
            continue
        merged[pipeline.name] = PipelinePlan(
            name=first.name,
            source=first.source,
            steps=first.steps + pipeline.steps,
            imports=tuple(dict.fromkeys(first.imports + pipeline.imports)),
            functions_code=first.functions_code,
            functions=first.functions | pipeline.functions,
            shared_inputs=tuple(sorted(set(first.shared_inputs) | set(pipeline.shared_inputs))),
            shared_outputs=tuple(sorted(set(first.shared_outputs) | set(pipeline.shared_outputs))),
            title=first.title,
        )
    return tuple(merged.values())


def unique_params(params: Iterable[Param]) -> tuple[Param, ...]:
    """One parameter per namespace and name (the parts of a script share their parameters)."""
    found: dict[tuple[str, str], Param] = {}
    for param in params:
        found.setdefault((param.namespace, param.name), param)
    return tuple(found.values())
