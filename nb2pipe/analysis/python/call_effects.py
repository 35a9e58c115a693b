"""What the calls of one statement do, gathered while `calls.EffectsCollector` walks it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Diagnostic, Edit, FileAccess
from ...model.symbols import Symbol


@dataclass
class CallEffects:
    """Accumulator for one statement (local to analysis)."""

    mutates: set[str] = field(default_factory=set)
    #: Symbols read and re-bound by the statement beyond plain names (Rng, File, Param).
    uses: set[Symbol] = field(default_factory=set)
    defines: set[Symbol] = field(default_factory=set)
    #: Names that only appear inside path expressions now owned by the catalog.
    path_names: set[str] = field(default_factory=set)
    files: list[FileAccess] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    plot_calls: int = 0
    #: Plotting calls that make no figure (`plt.close()`, `plt.savefig(...)`: NO_FIGURE_CALLS).
    quiet_calls: int = 0
    #: Calls that are neither plotting nor harmless nor inside a plotting call's arguments.
    other_calls: int = 0
    unpersistable: set[str] = field(default_factory=set)
    #: Draws from numpy's global generator before any seed (`ChunkFacts.unseeded`).
    unseeded_draws: list[str] = field(default_factory=list)
