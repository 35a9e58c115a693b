"""One source → one PipelinePlan: steps, its parameters, and catalog entries for its figures and
credentials (the imports its modules may use, the module with the notebook's own functions and
the local modules copied: `pipeline_modules.py`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Set as AbstractSet
from dataclasses import dataclass

from ..model import CatalogEntry, Param, PipelinePlan, SourceFacts, Step
from ..model.symbols import File, Symbol
from ..model.symbols import Param as ParamSymbol
from . import (aliases, drafts_to_steps, param_names, report, source_names, step_docs,
               step_names)
from .files import FileRegistry
from .flow import BUILTINS, EXTERNAL
from .groups_to_drafts import Draft
from .naming import snake, unique
from .pipeline_modules import functions_code, pipeline_imports
from .pipeline_modules import local_modules as local_modules
from .pipeline_modules import once as once


def pipeline_plan(src: source_names.SourceNames, drafts: list[Draft], registry: FileRegistry,
                  package: str, order: Mapping[int, tuple[tuple[str, ...], tuple[str, ...]]] = {},  # noqa: B006
                  markers: frozenset[str] = frozenset(), known: RegistryNames | None = None,
                  ) -> tuple[PipelinePlan, list[CatalogEntry], list[Param], list[Param]]:
    """``order`` gives drafts (by position) the ordering values they wait for and hand on;
    ``markers`` are the ordering values that pass between pipelines; ``known``: the registry's
    file names, made once for all sources (`registry_names`; made here when not given)."""
    known = known or registry_names(registry)
    facts = src.facts
    params = name_params(src)
    # the origin names the cell, never the line: it holds the secret
    credentials = [Param(src.pipeline, name, None, origin(facts, order, f"{name} = …"))
                   for name, order in src.roles.credentials]
    src.credentials = {p.name: snake(f"{src.pipeline}_{p.name}") for p in credentials}
    source_names.name_versions(src, drafts, known.taken, set(src.params.values()))
    src.figures_name = unique("figures", set(src.taken))
    src.shown_name = unique("shown", set(src.taken) | {src.figures_name})
    file_python = known.arguments
    taken = set(src.flow.module_names) | {"pop_figures", "close_figures", "as_shown", "show_figure", "show_html",
             "show_printed", "numpy", "random", "torch", "copy", "shutil"}
    taken |= BUILTINS | src.taken  # a node function must not shadow a builtin or a notebook name
    # nor make a `<step>_figures` dataset that is a variable's
    taken |= {n.removesuffix("_figures") for n in src.versions.values() if n.endswith("_figures")}
    in_memory = local_class_values(facts) | {s for c in facts.chunks for s in c.passed_as_is}
    src.held = report.held_displays(src, frozenset(in_memory))
    steps = []
    for position, draft in enumerate(drafts):
        first = next((v.symbol for v in draft.produces if isinstance(v.symbol, str)), "")
        name = step_names.step_name(src, draft, first, taken)
        after, done = order.get(position, ((), ()))
        steps.append(drafts_to_steps.build_step(src, draft, name, registry, file_python, package, after, done))
    page = report.report_step(src, steps, taken, frozenset(in_memory))
    # no node only renames a dataset others read: they read it themselves (the report too)
    wired = aliases.wired_through([*steps, *([page] if page else [])], known.taken, known.rewritten)
    aliases.check_no_identity_nodes(wired, known.taken, known.rewritten)
    wired = aliases.writes_folded(  # the catalog writes the file
        wired, known.taken, lambda chunks: step_docs.provenance(facts, [facts.chunks[c] for c in chunks]))
    steps, page = split_page(wired, page)
    produced = {o.split("@")[0] for s in steps for o in s.outputs}
    # Kedro maps transcoded names (`x@pandas`) through their base name (`x`)
    wide = project_wide(known, src, markers)
    # the report reads a file itself where a node only renamed it (aliases.wired_through)
    shared_in = sorted({i.split("@")[0] for s in wired for i in s.inputs
                        if shared(i, wide) and i.split("@")[0] not in produced})
    shared_out = sorted({o.split("@")[0] for s in steps for o in s.outputs if shared(o, wide)})
    entries = [figure_entry(src.pipeline, s.name, package) for s in steps if s.outputs and s.outputs[-1] == f"{s.name}_figures"]
    entries += [report.shown_entry(src.pipeline, s) for s in steps
                if f"{s.name}_{report.SHOWN}" in s.outputs]
    if page is not None:  # after the figures are known, as it reads them
        steps.append(page)
        entries.append(report.report_entry(src.pipeline, page))
    entries += [credential_entry(src.credentials[p.name], p, package) for p in credentials]
    imports = pipeline_imports(facts, package, unresolved(src))
    plan = PipelinePlan(
        name=src.pipeline,
        source=str(facts.source.path),
        steps=tuple(steps),
        imports=imports,
        functions_code=functions_code(facts, imports),
        functions=frozenset(n for n, _ in facts.definitions),
        shared_inputs=tuple(shared_in),
        shared_outputs=tuple(shared_out),
        title=src.sections[0].title if src.sections else "",
    )
    entries += memory_entries(src, {o for s in steps for o in s.outputs}, package)
    return plan, entries, params, credentials


def split_page(steps: list[Step], page: Step | None) -> tuple[list[Step], Step | None]:
    """The data steps, and the report step (last, when there is one), of ``steps``."""
    if page is None:
        return steps, None
    return steps[:-1], steps[-1]


def memory_entries(src: source_names.SourceNames, outputs: set[str], package: str) -> list[CatalogEntry]:
    """Values that depend on a class defined in a node stay in memory: pickle stores a class
    (and its instances) by import path, which a class local to a node function does not have,
    and pickling the class by value copies what its methods refer to (autograd primitives lose
    their registered gradients). The cost: nodes reading them cannot run alone (--nodes). They
    are deep-copied, unless that fails (a self-referencing object too deep): then passed as is."""
    local = local_class_values(src.facts)
    names = sorted({name for v, name in src.versions.items() if v.symbol in local} & outputs)
    entries = [
        CatalogEntry(f"{src.pipeline}.{name}", f"{package}.datasets.MemoryValueDataset", "",
                     origin="depends on a definition made in a node: kept in memory, not pickled")
        for name in names
    ]
    # the node's own object is passed on (see ChunkFacts.passed_as_is)
    as_is = {s for c in src.facts.chunks for s in c.passed_as_is}
    held = sorted({name for v, name in src.versions.items() if v.symbol in as_is} & outputs - set(names))
    return entries + [
        CatalogEntry(f"{src.pipeline}.{name}", "kedro.io.MemoryDataset", "", (("copy_mode", "assign"),),
                     origin="the same object as another value, or a model made from a formula: passed as is")
        for name in held
    ]


def local_class_values(facts: SourceFacts) -> set[Symbol]:
    """Classes defined in nodes, and every value made or changed by code that reads one."""
    found: set[Symbol] = set()
    for chunk in sorted(facts.chunks, key=lambda c: c.order):
        if chunk.local_classes or chunk.uses & found:
            found |= chunk.local_classes | chunk.defines | chunk.mutates
    return found


def project_wide(known: RegistryNames, src: source_names.SourceNames,
                 markers: frozenset[str]) -> tuple[AbstractSet[str], ...]:
    """The dataset names a pipeline may leave un-prefixed: files (named after their unique
    paths, `<name>_path` where code writes them), credentials (named after the pipeline) and
    the ordering values that pass between pipelines. Everything else a source makes (variable
    versions, `<step>_done`, figures) is its own and stays inside its namespace, so two
    notebooks whose steps share a name never claim one dataset."""
    return known.wide, markers, frozenset(src.credentials.values())  # not joined: a copy per source


def shared(dataset: str, wide: tuple[AbstractSet[str], ...]) -> bool:
    """Whether ``dataset`` (transcoded or not) is a project-wide name (see `project_wide`)."""
    name = dataset.split("@", 1)[0]
    return any(name in names for names in wide)


def name_params(src: source_names.SourceNames) -> list[Param]:
    """Constants keep their names; literal hyper-parameters are named after their keyword, or
    qualified by where they are used (`param_names`)."""
    facts, taken = src.facts, set(src.taken)
    params: list[Param] = []
    for name, value, order in src.roles.params:
        src.params[name] = name
        params.append(Param(src.pipeline, name, value, origin(facts, order)))
    taken |= set(src.params.values())
    first: dict[ParamSymbol, int] = {}  # first_use of every symbol, in one pass
    for chunk in facts.chunks:
        for symbol in chunk.uses:
            if isinstance(symbol, ParamSymbol):
                first[symbol] = min(first.get(symbol, chunk.order), chunk.order)
    symbols = sorted(first, key=lambda s: (first[s], s))
    ordered = sorted(facts.chunks, key=lambda c: c.order)
    names = param_names.param_names((param_names.first_use(ordered, s) for s in symbols), taken)
    for symbol in symbols:
        name = names[symbol]
        src.params[symbol] = name
        order = first[symbol]
        params.append(Param(src.pipeline, name, source_names.literal(symbol),
                            origin(facts, order, f"{symbol.name}={symbol.value_repr}")))
    return params


def first_use(facts: SourceFacts, symbol: Symbol) -> int:
    return min(c.order for c in facts.chunks if symbol in c.uses)


def origin(facts: SourceFacts, order: int, text: str = "") -> str:
    chunk = facts.chunks[order]
    code = text or chunk.code.strip().split("\n")[0]
    return f"{facts.source.path} cell {chunk.cell + 1}: {code}"


@dataclass(frozen=True)
class RegistryNames:
    """What every source's planning needs of the (complete) file registry, made once: on a
    folder of N notebooks, making it per source made planning quadratic."""

    #: the names files take (`x`, `x_path`, `x_file`): no variable version may take one
    taken: frozenset[str]
    #: the names a pipeline may leave un-prefixed (`x`, `x_path`; see `project_wide`)
    wide: frozenset[str]
    #: inside functions a file is known by its final dataset name (without version suffix)
    arguments: Mapping[File, str]
    #: the dataset names of files the project writes more than once (`aliases.wired_through`)
    rewritten: frozenset[str]


def registry_names(registry: FileRegistry) -> RegistryNames:
    """The registry's names, once its versions are named (`files.name_versions`)."""
    versions = list(registry.versions.values())
    per_path = Counter(v.path for v in versions)
    return RegistryNames(
        taken=frozenset(n for v in versions for n in (v.name, f"{v.name}_path", f"{v.name}_file")),
        wide=frozenset(n for v in versions for n in (v.name, f"{v.name}_path")),
        arguments={File(v.path): v.name.rsplit("_v", 1)[0] if "_v" in v.name and v.name.rsplit("_v", 1)[1].isdigit() else v.name
                   for v in versions},
        rewritten=frozenset(v.name for v in versions if per_path[v.path] > 1))


def figure_entry(pipeline: str, step: str, package: str) -> CatalogEntry:
    """A MatplotlibDataset that also loads (the PNGs of its latest version, for the report)."""
    return CatalogEntry(
        name=f"{pipeline}.{step}_figures",
        type=f"{package}.figures.FiguresDataset",
        filepath=f"data/08_reporting/{pipeline}/{step}",
        options=(("versioned", True),),
        origin=f"figures drawn by {pipeline}.{step}",
    )


def credential_entry(dataset: str, secret: Param, package: str) -> CatalogEntry:
    """credentials.yml nests secrets like parameters (``namespace: {NAME: ...}``): Kedro looks up
    the top-level key, and the dataset picks the secret's own key from it."""
    where = (("credentials", secret.namespace), ("key", secret.name)) if secret.namespace else (
        ("credentials", secret.name),)
    return CatalogEntry(
        name=dataset, type=f"{package}.datasets.CredentialDataset", filepath="",
        options=where, origin=f"secret `{secret.name}` (value in conf/local/credentials.yml)",
    )


def unresolved(src: source_names.SourceNames) -> frozenset[str]:
    """Names the code reads that nothing in the source binds (a star import may)."""
    bound = src.flow.module_names | {s for c in src.facts.chunks for s in c.defines}
    needed = {n for f in src.flow.chunks for n in f.needs}
    return frozenset(n for n in needed - bound if n not in BUILTINS)


__all__ = ["pipeline_plan", "local_modules", "EXTERNAL"]
