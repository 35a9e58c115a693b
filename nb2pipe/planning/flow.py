"""Dataflow between chunks in SSA form: every binding or in-place change of a symbol makes a new
version; every read names the version it sees.

Worked example (chunk orders on the left)::

    0  df = pd.read_csv("a.csv")    consumes file:a.csv@ext   produces df@0
    1  df["x"] = 1                  consumes df@0             produces df@1
    2  plt.plot(df.x)               consumes df@1

Planning later gives only the versions that cross a node boundary a dataset name (`df`, `df_2`).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass

from ..knowledge.calls import PLOT_SETTINGS_READ, throwaway
from ..model import ChunkFacts, Diagnostic, SourceFacts
from ..model.symbols import File, Param, Rng, Symbol
from .roles import Roles

#: Producer of versions that come from outside the source (parameters, files, credentials).
EXTERNAL = -1
#: Names the generated modules always have: Python's builtins, IPython's, and nb2pipe's helpers
#: (`run_shell` runs the commands of shell scripts, `log_print` is `print` in a node).
BUILTINS = frozenset(dir(builtins)) | {"display", "get_ipython", "__file__", "run_shell", "log_print",
                                         "with_globals"}


@dataclass(frozen=True, slots=True, order=True)
class Version:
    symbol: Symbol
    #: Chunk order that produced it, or EXTERNAL.
    producer: int


@dataclass(frozen=True, slots=True)
class ChunkFlow:
    """Versions one chunk reads and the symbols it gives a new version."""

    consumes: tuple[Version, ...]
    produces: tuple[Symbol, ...]
    #: Module-level names the chunk's code needs (imports, notebook functions, builtins shadowed).
    needs: frozenset[str]


@dataclass(frozen=True, slots=True)
class Flow:
    chunks: tuple[ChunkFlow, ...]
    #: The version of each variable alive when the notebook ends (its results).
    finals: tuple[Version, ...]
    #: Names bound at module level in generated modules: import names and notebook definitions.
    module_names: frozenset[str]
    diagnostics: tuple[Diagnostic, ...]


ACTIVE = ("data", "plot", "param", "credential")
#: Setting scopes replayed at the start of later nodes ("all": every node; "plot": nodes that
#: draw); `os.chdir` ("chdir") only moves where paths resolve.
REPLAYED = {"all": ("all",), "plot": ("all", "plot")}


def plot_settings_apply(draws: bool, chunks: Iterable[ChunkFacts]) -> bool:
    """Whether a node replays the plot settings: it draws, or its code reads them
    (`plt.rcParams[...]`: the `PLOT_SETTINGS_READ` table)."""
    return draws or any(word in c.code for c in chunks for word in PLOT_SETTINGS_READ)


def build_flow(facts: SourceFacts, roles: Roles, created: frozenset[File] = frozenset()) -> Flow:
    """SSA over the chunks that run in nodes (data, plot) and the constants they read.

    ``created``: file symbols that nothing provides before the first append to them (no such
    file, no source writes it): that append creates the file, it does not read one."""
    imported: frozenset[str] = frozenset().union(*facts.import_names)
    module_names = imported | {n for n, _ in facts.definitions}
    star = any(is_star_import(code) for code in facts.imports)
    current: dict[Symbol, Version] = {}
    flows: list[ChunkFlow] = []
    notes: list[Diagnostic] = []
    for chunk, role in zip(facts.chunks, roles.of):
        if role not in ACTIVE:
            # a replayed setting reads notebook values (`plt.rcParams.update(params)`) or a file
            # (`plt.style.use("my.mplstyle")`): the nodes that replay it need the version it saw
            replayed = (replayed_version(s, current) for s in sorted(chunk.uses) if isinstance(
                s, File) or (s in current and isinstance(s, str) and s.isidentifier())) if (
                role == "setting" and chunk.scope in REPLAYED["plot"]) else ()
            used = frozenset(s for s in chunk.uses if isinstance(s, str) and s in module_names)
            flows.append(ChunkFlow(tuple(replayed), (), used))
            continue
        consumes: list[Version] = []
        needs: set[str] = set()
        # `del x` and a conditional `x = ...` need the value x has so far; not a drawing loop
        # rebinding what drawing bound (`for ax in axs:`): it keeps no figure, axes or style value
        kept = {s for s in chunk.maybe_defines if s in current and not (
            role == "plot" and current[s].producer >= 0 and roles.of[current[s].producer] == "plot")}
        reads = chunk.uses | kept | {s for s in chunk.deletes if s in current}
        for symbol in sorted(reads):
            if symbol in current:
                consumes.append(current[symbol])
            elif symbol in created and symbol in chunk.defines:
                continue  # `open(p, "a")` of a file that does not exist yet makes it
            elif isinstance(symbol, (File, Param)):
                consumes.append(Version(symbol, EXTERNAL))
            elif isinstance(symbol, Rng):
                continue
            elif symbol in module_names or symbol in BUILTINS:
                needs.add(symbol)
            else:
                needs.add(symbol)
                if not star:
                    notes.append(undefined(facts, chunk, symbol))
        if role in ("param", "credential"):
            produced = tuple(sorted(chunk.defines))
            for symbol in produced:
                current[symbol] = Version(symbol, EXTERNAL)
            flows.append(ChunkFlow((), produced, frozenset()))
            continue
        # an imported name the notebook binds again (`mpg = mpg.assign(...)`) is its data from here,
        # so is a definition made again in a node (later cells see the new `def f` / `class K`)
        rebound = (chunk.defines | chunk.maybe_defines) & module_names
        produced = tuple(sorted((chunk.defines | chunk.mutates | chunk.maybe_defines) - (module_names - rebound)))
        for symbol in produced:
            current[symbol] = Version(symbol, chunk.order)
        for symbol in chunk.deletes:
            current.pop(symbol, None)
        flows.append(ChunkFlow(tuple(consumes), produced, frozenset(needs)))
    return Flow(tuple(flows), tuple(sorted(current.values())), module_names, tuple(notes))


def is_star_import(code: str) -> bool:
    return code.lstrip().startswith("from ") and code.rstrip().endswith("import *")


def undefined(facts: SourceFacts, chunk: ChunkFacts, symbol: str) -> Diagnostic:
    cell = facts.source.cells[chunk.cell].ref
    if throwaway([symbol]):
        # IPython's output history depends on what ran and what was displayed before, in the
        # kernel: nothing in the pipeline stands for it, so the node keeps the name and fails
        return Diagnostic(
            "warning", "ipython-history", f"`{symbol}` reads IPython's history (an earlier cell's "
            "output or input), which a pipeline does not have: the node cannot run; bind that value "
            "to a name in the notebook", str(facts.source.path), cell, chunk.line)
    later = any(symbol in c.defines for c in facts.chunks if c.order > chunk.order)
    reason = "it is defined further down (cells run out of order?)" if later else "nothing defines it"
    return Diagnostic(
        "warning", "undefined-name", f"`{symbol}` is read before any cell defines it: {reason}",
        str(facts.source.path), cell, chunk.line,
    )


def replayed_version(symbol: Symbol, current: dict[Symbol, Version]) -> Version:
    """The version a replayed setting reads: the one made so far, or a raw input file's."""
    return current.get(symbol) or Version(symbol, EXTERNAL)
