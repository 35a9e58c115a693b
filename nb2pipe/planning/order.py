"""The order sources run in: a source that writes a file another reads runs first; otherwise
(and when files point both ways) by path."""

from __future__ import annotations

import networkx as nx

from ..model import Diagnostic, SourceFacts


def order_sources(facts: tuple[SourceFacts, ...]) -> tuple[list[SourceFacts], list[Diagnostic]]:
    by_path = {str(f.source.path): f for f in facts}
    graph = nx.DiGraph()
    graph.add_nodes_from(by_path)
    writes = {p: {a.path for c in f.chunks for a in c.files if a.mode != "read"} for p, f in by_path.items()}
    reads = {p: {a.path for c in f.chunks for a in c.files if a.mode == "read"} for p, f in by_path.items()}
    for writer, written in writes.items():
        for reader, read in reads.items():
            if writer != reader and (written & read) - writes[reader]:
                graph.add_edge(writer, reader)
    try:
        order = list(nx.lexicographical_topological_sort(graph))
        notes: list[Diagnostic] = []
    except nx.NetworkXUnfeasible:
        order = sorted(by_path)
        notes = [Diagnostic("warning", "source-cycle",
                            "sources read files from each other both ways; they are ordered by path")]
    return [by_path[p] for p in order], notes
