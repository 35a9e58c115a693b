"""Planning: SourceFacts → Plan. Decides steps, dataset versions and names, parameters and the
catalog; Kedro's rules are checked on the result (invariants.py) before anything is rendered."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..knowledge.calls import GLOBAL_RNGS
from ..model import (
    CatalogEntry,
    Diagnostic,
    FileAccess,
    Param,
    PipelinePlan,
    Plan,
    SourceFacts,
    Target,
    Workspace,
)
from ..model.symbols import File
from ..options import Options
from . import (
    as_is,
    drawing,
    files,
    folder_reads,
    grouping,
    invariants,
    layers,
    ordering_datasets,
    seeds,
    shell_code,
    shell_steps,
    source_names,
    source_to_pipeline,
    step_wiring,
    storage,
)
from .flow import EXTERNAL, build_flow
from .groups_to_drafts import Draft
from .groups_to_drafts import drafts as make_drafts
from .naming import pipeline_names, snake, unique
from .roles import assign_roles
from .source_order import order_sources


def plan(facts: tuple[SourceFacts, ...], options: Options, target: Target, root: Path,
         workspace: Workspace) -> Plan:
    """Plan the Kedro project for all sources (ordered by the files they pass to each other and
    by the scripts that run them). ``workspace``: what is on disk (`readers.workspace`)."""
    package = options.package or getattr(target, "package", None) or snake(Path(target.path).name, "project")
    facts = shell_steps.name_steps(shell_code.shell_code(facts))
    ordered, notes = order_sources(folder_reads.wire_listings(facts, workspace, str(root)))
    names = unit_names(ordered)
    registry = files.FileRegistry()
    created = files.created_by_append(ordered, root, workspace)
    sources, all_drafts = [], []
    for index, source_facts in enumerate(ordered):
        src, drafts = plan_source(index, source_facts, names[source_facts.source.key], registry, created)
        sources.append(src)
        all_drafts.append(drafts)
    avoid = set().union(*(s.taken for s in sources)) if sources else set()
    files.name_versions(registry, avoid)
    taken = avoid | {v.name for v in registry.versions.values()}
    order, markers = ordering_datasets.markers(ordered, all_drafts, names, taken)
    shared_order, shared_markers = as_is.read_before_change(ordered, all_drafts, taken | set(markers))
    order = as_is.merge(order, shared_order)
    pipelines, catalog, params, credentials = [], [], [], []
    known = source_to_pipeline.registry_names(registry)
    roles = [layers.ValueRoles(f) for f in ordered]  # parsed once: both uses below need them
    for index, (src, drafts) in enumerate(zip(sources, all_drafts)):
        pipeline, entries, src_params, creds = source_to_pipeline.pipeline_plan(
            src, drafts, registry, package, order.get(index, {}), frozenset(markers), known)
        pipelines.append(pipeline)
        if not options.memory:
            outputs = {o for s in pipeline.steps for o in s.outputs}
            entries += layers.variable_entries(src, outputs, package, {e.name for e in entries}, roles[index])
        catalog.extend(entries)
        params.extend(src_params)
        credentials.extend(creds)
    if not options.memory:
        catalog.extend(ordering_datasets.catalog_entry(m) for m in markers)
        catalog.extend(as_is.catalog_entry(m) for m in shared_markers)
    written = {k: r for i, f in enumerate(ordered) for k, r in layers.written_roles(i, f, roles[i]).items()}
    file_entries, warnings = files.catalog_entries(registry, package, str(root), options.copy_limit_bytes,
                                                   workspace, options.copy_within, written)
    diagnostics = list(notes) + [d for s in sources for d in (*s.facts.diagnostics, *s.diagnostics)]
    merged = ordering_datasets.merge_parts(pipelines)
    diagnostics += [left_out(p, ordered) for p in merged if not p.steps]
    if ordered and not any(p.steps for p in merged):
        diagnostics.append(Diagnostic("warning", "no-nodes", "no source has a step: the project's "
                                      "`kedro run` has no node to run", package))
    diagnostics += warnings
    top_level = {p.name for p in pipelines} | {c.namespace or c.name for c in credentials}
    entries, stores = storage.with_credentials([*file_entries, *catalog], package, top_level)
    credentials.extend(stores)
    catalog_layers = layers.lifted([p for p in merged if p.steps], layers.with_layers(entries),
                                   package, options.memory)
    result = Plan(
        package=package,
        project_name=getattr(target, "path", Path(package)).name if hasattr(target, "path") else package,
        pipelines=tuple(p for p in merged if p.steps),
        catalog=tuple(sorted(catalog_layers, key=lambda e: e.name)),
        params=ordering_datasets.unique_params(params),
        credentials=tuple(credentials),
        local_modules=source_to_pipeline.local_modules(ordered, package),
        third_party=tuple(sorted(set().union(*(f.third_party for f in ordered), needs_ipython(pipelines))
                                 - local_names(ordered))),
        pip_installs=tuple(sorted({p for f in ordered for p in f.pip_installs})),
        memory=options.memory,
        diagnostics=tuple(diagnostics),
    )
    invariants.check(result)
    return result


def unit_names(ordered: list[SourceFacts]) -> dict[str, str]:
    """Pipeline name per source key: the parts of one shell script share their script's
    pipeline; a notebook or script run more than once gets `<name>_<run>` for its later runs."""
    by_path = pipeline_names(dict.fromkeys(str(f.source.path) for f in ordered))
    taken = set(by_path.values())
    result = {}
    for f in ordered:
        name = by_path[str(f.source.path)]
        if f.source.variant and f.source.language != "bash":
            name = unique(f"{name}_{f.source.variant}", taken)
        result[f.source.key] = name
    return result


def plan_source(index: int, facts: SourceFacts, pipeline: str, registry: files.FileRegistry,
                created: frozenset[File] = frozenset()) -> tuple[source_names.SourceNames, list[Draft]]:
    roles = assign_roles(facts)
    flow = build_flow(facts, roles, created)
    secs = grouping.sections(facts, roles.of)
    whole: frozenset[int] = frozenset()
    for _ in range(3):  # cells whose drawings were split are kept whole, then planned again
        groups = grouping.fix_groups(grouping.initial_groups(facts, roles.of, flow, secs, whole), flow, facts)
        crossing = grouping.figure_crossings(groups, flow, roles.of, facts)
        if crossing:  # one reporting node draws the figure; else one data node keeps it all
            drawn = grouping.fix_groups(drawing.glue_drawings(groups, crossing), flow, facts)
            glued = not grouping.figure_crossings(drawn, flow, roles.of, facts)
            groups = drawn if glued else grouping.fix_groups(grouping.glue_sections(groups, crossing), flow, facts)
        split = grouping.split_drawings(groups, facts)
        if split <= whole:
            break
        whole |= split
    drafts = make_drafts(groups, flow, facts)
    seeded = seeds.seed_where_drawn(groups, drafts, flow, facts, roles.of)
    if seeded is not None and facts.source.language != "bash":
        groups = seeded
        drafts = make_drafts(groups, flow, facts)
    # a shell script's steps stay one node each, even those that hand nothing on
    if facts.source.language != "bash" and any(isolated(d) for d in drafts):
        groups = grouping.merge_isolated(groups, [isolated(d) for d in drafts])
        drafts = make_drafts(groups, flow, facts)
    # a node changing a shared object that a reader of its earlier version needs a value from
    for _ in range(len(drafts)):
        cut = as_is.split_changers(groups, drafts, facts)
        if cut is None:
            break
        groups = grouping.fix_groups(cut, flow, facts)
        drafts = make_drafts(groups, flow, facts)
    register_files(index, facts, drafts, registry)
    taken = {s for c in facts.chunks for s in c.defines | c.uses if isinstance(s, str)}
    rng_names = {rng["dataset"] for rng in GLOBAL_RNGS.values()}
    src = source_names.SourceNames(index, pipeline, facts, roles, flow, secs,
                                   taken=taken | flow.module_names | rng_names)
    src.diagnostics.extend(roles.diagnostics)
    src.diagnostics.extend(flow.diagnostics)
    src.diagnostics.extend(drawing.drawing_notes(groups, facts, roles.of))
    if grouping.figure_crossings(groups, flow, roles.of, facts):
        src.diagnostics.append(Diagnostic(
            "warning", "value-crosses-nodes", "a figure, generator or open file is passed between "
            "nodes; it cannot be saved faithfully", str(facts.source.path)))
    return src, drafts


#: What a source without steps holds, by chunk kind, for the note that says why it has no pipeline.
HOLDS = {"def": "defines functions or classes", "display": "displays values",
         "import": "imports modules", "setting": "changes settings",
         "param": "binds constants nothing uses"}


def left_out(pipeline: PipelinePlan, ordered: list[SourceFacts]) -> Diagnostic:
    """A source with no step gets no pipeline: Kedro cannot run a pipeline without nodes, and
    nothing the source computes is kept (its functions are run by no node)."""
    kinds = {c.kind for f in ordered if str(f.source.path) == pipeline.source for c in f.chunks}
    holds = [text for kind, text in HOLDS.items() if kind in kinds]
    what = f"it only {', '.join(holds)}" if holds else "it has no code"
    return Diagnostic("info", "no-pipeline", f"no pipeline: {what}; nothing it computes is kept, "
                      "so there is no node to run", pipeline.source)


def isolated(draft: Draft) -> bool:
    """A data step that reads nothing and hands nothing on (it only prints, say)."""
    return draft.kind == "data" and not draft.consumes and not draft.produces and not draft.figures


def register_files(index: int, facts: SourceFacts, drafts: list[Draft], registry: files.FileRegistry) -> None:
    """Readers see the latest version before them; then this source's writes become versions."""
    for draft in drafts:
        for version in draft.consumes:
            if not isinstance(version.symbol, File):
                continue
            path = version.symbol.path
            found = (registry.resolve_external(index, path) if version.producer == EXTERNAL
                     else None)
            readers = [f for o in draft.chunks for f in facts.chunks[o].files if f.path == path and f.mode != "write"]
            readers = readers or step_wiring.setting_reads(facts.chunks, path)
            if found is not None:
                found.readers.extend(readers)
            else:
                pending_readers(registry, index, version.producer, path).extend(readers)
    for draft in drafts:
        for version in draft.produces:
            if isinstance(version.symbol, File):
                path = version.symbol.path
                writer = next(f for f in facts.chunks[version.producer].files if f.path == path and f.mode != "read")
                registry.produced(path, (index, version.producer), writer)


def pending_readers(registry: files.FileRegistry, index: int, producer: int, path: str) -> list[FileAccess]:
    version = registry.versions.setdefault((path, (index, producer)), files.FileVersion(path, (index, producer)))
    return version.readers


def needs_ipython(pipelines: Iterable[PipelinePlan]) -> set[str]:
    """Nodes that call `display(...)` import it from IPython."""
    return {"IPython"} if any("display" in s.needs for p in pipelines for s in p.steps) else set()


def local_names(ordered: list[SourceFacts]) -> set[str]:
    return {m.name.split("/")[0] for f in ordered for m in f.local_modules}


__all__ = ["plan", "unique", "CatalogEntry", "Param"]
