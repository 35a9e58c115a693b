"""The names of one source's values: the per-source naming state (`SourceNames`), the dataset
names of the variable versions crossing node boundaries, and the Python name of a symbol."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from ..knowledge.calls import GLOBAL_RNGS
from ..model import ChunkFacts, Diagnostic, SourceFacts
from ..model.symbols import File, Param, Rng, Symbol
from . import shows, what_names
from .flow import Flow, Version
from .grouping import Section
from .groups_to_drafts import Draft
from .naming import dataset_base
from .roles import Roles


@dataclass
class SourceNames:
    """Everything naming needs about one source (built by the planner, read here)."""

    index: int
    pipeline: str
    facts: SourceFacts
    roles: Roles
    flow: Flow
    sections: list[Section]
    #: Dataset names of variable and generator-state versions crossing node boundaries.
    versions: dict[Version, str] = field(default_factory=dict)
    #: Parameter symbols ("THRESHOLD", Param("test_size", "0.2")) → Python name.
    params: dict[Symbol, str] = field(default_factory=dict)
    credentials: dict[str, str] = field(default_factory=dict)
    #: Names the source's code binds anywhere (arguments must not shadow them wrongly).
    taken: set[str] = field(default_factory=set)
    figures_name: str = "figures"
    #: Displays of values only one node holds (`report.held_displays`), and the list it fills.
    held: shows.Held = field(default_factory=dict)
    shown_name: str = "shown"
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: The source's setting chunks in order (filled on first use by `settings_before`).
    settings: list[ChunkFacts] | None = None


def name_versions(src: SourceNames, drafts: list[Draft], *avoid: AbstractSet[str]) -> None:
    """`df`, `df_without_na`, `X_normal_equation`, ... for the variable versions that cross a
    boundary, in the order made: the first keeps the plain name, a later one is named by the
    statement that made it (planning/what_names.py), else by the heading of the step making it
    (what changed: the step it comes from), else both, and a counter only when all are taken;
    names skip those the notebook already uses and the sets of ``avoid`` (file datasets,
    parameters: not joined, as the file names are the whole project's and a copy per source made
    large folders quadratic)."""
    crossing = sorted({v for d in drafts for v in d.produces if not isinstance(v.symbol, File)},
                      key=lambda v: (v.producer, v.symbol))
    section_of = {v: d.section for d in drafts for v in d.produces}
    assigned: set[str] = set()
    # the names excluded only grow, so the next free suffix of a base is never below the last one
    # given (this keeps many versions of one variable linear, not quadratic)
    next_number: dict[str, int] = {}
    for version in crossing:
        base = GLOBAL_RNGS[version.symbol]["dataset"] if isinstance(version.symbol, Rng) else dataset_base(str(version.symbol))
        if base not in assigned:
            assigned.add(base)
            src.versions[version] = base
            continue
        free = next((n for n in described(src, version, base, section_of.get(version))
                     if n not in assigned and n not in src.taken
                     and not any(n in names for names in avoid)), "")
        if free:
            assigned.add(free)
            src.versions[version] = free
            continue
        number = next_number.get(base, 2)
        while f"{base}_{number}" in assigned or f"{base}_{number}" in src.taken:
            number += 1
        next_number[base] = number + 1
        src.versions[version] = f"{base}_{number}"
        assigned.add(src.versions[version])


def described(src: SourceNames, version: Version, base: str, section: int | None) -> list[str]:
    """Names saying what made a later version, best first: the statement's words
    (`df_without_na`), the heading of its step (`X_polynomial_regression`: a whole new value, a
    loop's last pass, a generator state drawn from), then both (`cph_fitted_stratification`)."""
    chunks = src.facts.chunks
    words = what_names.version_words(chunks[version.producer].code, str(version.symbol)) if (
        0 <= version.producer < len(chunks)) else ""
    title = ""
    if section is not None and 0 <= section < len(src.sections):
        title = src.sections[section].forced_name or src.sections[section].title
    heading = what_names.heading_words(title)
    names = [f"{base}_{words}" if words else "", f"{base}_{heading}" if heading else "",
             f"{base}_{words}_{heading}" if words and heading else ""]
    return [n for n in names if n and not what_names.COUNTER.search(n)]


def python_name(src: SourceNames, symbol: Symbol, files: Mapping[File, str]) -> str:
    if isinstance(symbol, Rng):
        return GLOBAL_RNGS[symbol]["dataset"]
    if isinstance(symbol, File):
        return files[symbol]
    if symbol in src.params:
        return src.params[symbol]
    return str(symbol)


def literal(symbol: Param) -> object:
    return ast.literal_eval(symbol.value_repr)
