"""The role each chunk plays in the generated project, decided once for the whole source:
hoisted import, moved definition, parameter, credential, replayed setting, removed display,
reporting work or data work."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ..knowledge import calls as tables
from ..model import ChunkFacts, Diagnostic, SourceFacts
from ..model.symbols import Symbol

Role = str  # "import" | "def" | "param" | "credential" | "setting" | "display" | "plot" | "data"


@dataclass(frozen=True, slots=True)
class Roles:
    """Per chunk order: its role; plus the constants that became parameters or credentials."""

    of: tuple[Role, ...]
    params: tuple[tuple[str, object, int], ...]
    credentials: tuple[tuple[str, int], ...]
    diagnostics: tuple[Diagnostic, ...]


def assign_roles(facts: SourceFacts) -> Roles:
    """Decide roles; a constant is a parameter when bound once (or only ever to the same
    literal), never changed, and used."""
    bound = Counter(s for c in facts.chunks for s in c.defines | c.maybe_defines)
    changed = {s for c in facts.chunks for s in c.mutates | c.deletes}
    # a constant the functions module holds is used there, not by nodes (unless they read it too)
    in_module = {name for name, _ in facts.module_constants}
    # displays read values too: the report shows them (planning/report.py)
    used = {s for c in facts.chunks if c.kind not in ("param", "import", "def") for s in c.uses}
    used |= {s for c in facts.chunks if c.kind == "def" for s in c.uses - in_module}
    used |= {s for _, free in facts.function_globals for s in free}
    tagged = {c.index for c in facts.source.cells if "parameters" in c.tags}
    restated = restated_constants(facts, bound)
    roles: list[Role] = []
    params: list[tuple[str, object, int]] = []
    credentials: list[tuple[str, int]] = []
    notes: list[Diagnostic] = []
    for chunk in facts.chunks:
        role: Role = chunk.kind
        if chunk.kind == "param":
            name, value = chunk.constants[0]
            once = (bound[name] == 1 or name in restated) and name not in changed
            if not (once or chunk.cell in tagged):
                role = "data"
            elif name not in used and name in in_module:
                role = "display"
                notes.append(note(facts, chunk, f"`{name}` is only read when definitions are made; "
                                  "the functions module holds it"))
            elif name not in used:
                role = "display"
                notes.append(note(facts, chunk, f"`{name}` is never used (or only as a file path the catalog now holds); dropped"))
            elif secret(name):
                role = "credential"
                if name not in {n for n, _ in credentials}:  # stated again: one entry
                    credentials.append((name, chunk.order))
            elif name not in {n for n, _, _ in params}:
                params.append((name, value, chunk.order))
        elif chunk.kind == "display" and (facts.source.kind != "notebook" or facts.source.language == "bash"):
            # a notebook's displays go to its report (planning/report.py notes those left out)
            notes.append(display_removed(facts, chunk, "removed from the nodes (only a notebook gets a report)"))
        roles.append(role)
    return Roles(tuple(roles), tuple(params), tuple(credentials), tuple(notes))


def restated_constants(facts: SourceFacts, bound: Mapping[Symbol, int]) -> frozenset[str]:
    """Names every binding of which is the same literal (`x_index = 3` in two cells, each drawing
    with it): one constant stated again, one parameter, not a node making `x_index_2`."""
    values: dict[str, list[object]] = {}
    for chunk in facts.chunks:
        if chunk.kind == "param":
            name, value = chunk.constants[0]
            values.setdefault(name, []).append(value)
    return frozenset(name for name, found in values.items() if len(found) == bound[name] and all(
        type(v) is type(found[0]) and v == found[0] for v in found))


def display_removed(facts: SourceFacts, chunk: ChunkFacts, why: str) -> Diagnostic:
    """The note for a display-only statement whose output is not in the report."""
    first = chunk.code.strip().split("\n")[-1][:80]
    return Diagnostic("info", "display-removed", f"display-only `{first}` {why}",
                      str(facts.source.path), facts.source.cells[chunk.cell].ref, chunk.line)


def secret(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in tables.SECRET_WORDS)


def note(facts: SourceFacts, chunk: ChunkFacts, message: str) -> Diagnostic:
    cell = facts.source.cells[chunk.cell].ref
    return Diagnostic("info", "constant-dropped", message, str(facts.source.path), cell, chunk.line)
