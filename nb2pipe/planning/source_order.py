"""The order sources run in.

A source that writes a file another reads runs first. A driver script's order comes next: each
source a script runs follows the one the script runs before it (`SourceFacts.after`). Ties are
broken by the script that runs the source, then by path; so scripts that no driver runs
(`stage-1.sh`, `stage-2.sh`...) are ordered by the files they pass, else by name. When files
point both ways, the scripts' order wins; without scripts, sources are ordered by path.
"""

from __future__ import annotations

from ..model import Diagnostic, SourceFacts
from .graphs import adjacency, topological_order


def file_edges(facts: tuple[SourceFacts, ...] | list[SourceFacts]) -> set[tuple[str, str]]:
    """(writer, reader) source keys for every file one writes and the other reads first."""
    by_key = {f.source.key: f for f in facts}
    writes = {
        k: {a.path for c in f.chunks for a in c.files if a.mode != "read"}
        for k, f in by_key.items()
    }
    reads = {
        k: {a.path for c in f.chunks for a in c.files if a.mode == "read"}
        for k, f in by_key.items()
    }
    readers: dict[str, list[str]] = {}  # path → the sources reading it (linear, not pairwise)
    for reader, read in reads.items():
        for path in read:
            readers.setdefault(path, []).append(reader)
    return {
        (writer, reader)
        for writer, written in writes.items()
        for path in written
        for reader in readers.get(path, ())
        if writer != reader and path not in writes[reader]
    }


def order_sources(facts: tuple[SourceFacts, ...]) -> tuple[list[SourceFacts], list[Diagnostic]]:
    by_key = {f.source.key: f for f in facts}
    files = file_edges(facts)
    driven = {(a, f.source.key) for f in facts for a in f.after if a in by_key}
    rank = {k: (f.driver or k, k) for k, f in by_key.items()}
    notes: list[Diagnostic] = []
    attempts = [(files | driven, "")]
    if driven:
        attempts += [
            (
                driven,
                "sources read files from each other both ways; they run in the order "
                "their scripts run them",
            ),
            (files, ""),
        ]
    for edges, note in attempts:
        found = topological_order(adjacency(by_key, edges), key=lambda k: rank[k])
        if found is None:
            continue
        order = found
        if note:
            notes.append(Diagnostic("warning", "source-cycle", note))
        break
    else:
        order = sorted(by_key)
        notes.append(
            Diagnostic(
                "warning",
                "source-cycle",
                "sources read files from each other both ways; they are ordered by path",
            )
        )
    drivers = list(dict.fromkeys(by_key[k].driver for k in order if by_key[k].driver))
    if len(drivers) > 1:
        notes.append(
            Diagnostic(
                "info",
                "scripts-ordered",
                f"{len(drivers)} scripts run notebooks or scripts and none runs the others: they "
                f"are ordered by the files they pass, then by name: {', '.join(drivers)}",
            )
        )
    return [by_key[k] for k in order], notes
