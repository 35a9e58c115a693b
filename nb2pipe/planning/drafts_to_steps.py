"""Drafts → Steps: argument and dataset names, wiring, and the function source of each node."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Set as AbstractSet
from dataclasses import dataclass, field

from ..knowledge.calls import GLOBAL_RNGS, PARTITION_HELPERS
from ..knowledge.io_calls import load_key
from ..model import ChunkFacts, Diagnostic, SourceFacts, Step
from ..model.symbols import File, Param, Rng, Symbol
from . import codegen, fresh_reads, generators, shows, what_names
from .files import FileRegistry, FileVersion, dataset_for
from .flow import EXTERNAL, REPLAYED, Flow, Version
from .grouping import Section
from .groups_to_drafts import Draft
from .naming import dataset_base, snake, unique
from .roles import Roles

HEADING_MARKS = re.compile(r"^\s{0,3}#{1,6}\s+")
SHOW = re.compile(r"^\s*(?P<name>[A-Za-z_][\w.]*)\.show\(\)\s*$")


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
    """`df`, `df_without_na`, `df_2`, ... for the variable versions that cross a boundary, in the
    order made: the first keeps the plain name, a later one is named by the statement that made
    it (planning/what_names.py), else by a counter; names skip those the notebook already uses
    and the sets of ``avoid`` (file datasets, parameters: not joined, as the file names are the
    whole project's and a copy per source made large folders quadratic)."""
    crossing = sorted({v for d in drafts for v in d.produces if not isinstance(v.symbol, File)},
                      key=lambda v: (v.producer, v.symbol))
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
        words = what_names.version_words(src.facts.chunks[version.producer].code, str(version.symbol)) if (
            0 <= version.producer < len(src.facts.chunks)) else ""
        described = f"{base}_{words}" if words else ""
        if described and described not in assigned and described not in src.taken and not any(
                described in names for names in avoid):
            assigned.add(described)
            src.versions[version] = described
            continue
        number = next_number.get(base, 2)
        while f"{base}_{number}" in assigned or f"{base}_{number}" in src.taken:
            number += 1
        next_number[base] = number + 1
        src.versions[version] = f"{base}_{number}"
        assigned.add(src.versions[version])


def python_name(src: SourceNames, symbol: Symbol, files: Mapping[File, str]) -> str:
    if isinstance(symbol, Rng):
        return GLOBAL_RNGS[symbol]["dataset"]
    if isinstance(symbol, File):
        return files[symbol]
    if symbol in src.params:
        return src.params[symbol]
    return str(symbol)


def build_step(src: SourceNames, draft: Draft, name: str, registry: FileRegistry,
               file_python: Mapping[File, str], package: str,
               after: tuple[str, ...] = (), done: tuple[str, ...] = ()) -> Step:
    """One Step: wiring plus function source. ``after`` are ordering values the node waits for
    (extra arguments it ignores) and ``done`` those it hands on (it returns True for each)."""
    facts = src.facts
    chunks = [facts.chunks[o] for o in draft.chunks]
    writes = path_writes(chunks)
    names: dict[Symbol, str] = {s: python_name(src, s, file_python) for c in chunks for s in c.uses | c.defines}
    for symbol in writes:
        target = file_python[symbol] + "_path"
        names[f"{symbol}|write"] = names[f"{symbol}|append"] = target
        if not any(v.symbol == symbol for v in draft.consumes):
            names[symbol] = target
    arguments: list[str] = []
    inputs: list[str] = []
    loads: list[tuple[str, str, tuple[tuple[str, object], ...]]] = []
    later: dict[Version, str] = {}  # a later version a drawing node reads: its argument
    for version in draft.consumes:
        changed = version.symbol in writes
        arg, dataset = wire_input(src, version, names, chunks, registry, package, changed)
        if arg in arguments and dataset not in inputs and not isinstance(version.symbol, File):
            arg = later[version] = unused_name(dataset, set(arguments) | set(names.values()) | {
                s for c in chunks for s in c.uses | c.defines | c.maybe_defines if isinstance(s, str)})
        if arg not in arguments:
            arguments.append(arg)
            inputs.append(dataset)
        if isinstance(version.symbol, File):  # other entries of the file: more arguments
            wired = other_reads(src, version, names, chunks, registry, package, dataset)
            arguments.extend(a for a, _ in wired)
            inputs.extend(d for _, d in wired)
            loads.extend(file_loads(file_version(src, version, registry), chunks, package))
    for symbol in writes:
        written = registry.get(symbol.path, (src.index, last_writer(chunks, symbol)))
        arguments.append(names[f"{symbol}|write"])
        inputs.append(f"{written.name}_path")
    for marker in after:
        arguments.append(marker if marker not in arguments else f"{marker}_")
        inputs.append(marker)
    returns, outputs = [], []
    for version in draft.produces:
        ret, dataset = wire_output(src, version, names, registry, package, writes)
        returns.append(ret)
        outputs.append(dataset)
        writer = file_version(src, version, registry).writer if isinstance(version.symbol, File) else None
        if writer is not None and writer.io != "path":
            loads.append((dataset, "save_args", writer.args))
    returns += ["True"] * len(done)
    outputs += done
    if shows.shown_by(facts.chunks, src.roles.of, chunks, src.flow.module_names, src.held):
        returns.append(src.shown_name)
        outputs.append(f"{name}_shown")
    if not inputs and not outputs and not draft.figures:
        # Kedro needs an input or an output: a node whose results the notebook never keeps
        # reports that it ran
        returns, outputs = ["True"], [f"{name}_done"]
    body, needs = step_body(src, draft, chunks, names, returns, later)
    needs |= {h for h in PARTITION_HELPERS if re.search(rf"\b{h}\(", body)}
    appended = [s for s in writes if any(v.symbol == s for v in draft.consumes)]
    if appended:
        copies = "\n".join(f"shutil.copyfile({names[s]}, {names[f'{s}|write']})" for s in appended)
        body, needs = copies + "\n" + body, needs | {"shutil"}
    # a file the notebook's first append created starts empty on every run, not with the last
    # run's lines
    created = [s for s in writes if s not in appended and first_mode(chunks, s) == "append"]
    if created:
        fresh = "\n".join(f'open({names[f"{s}|write"]}, "w").close()' for s in created)
        body = fresh + "\n" + body
    if draft.figures:
        outputs.append(f"{name}_figures")
    code = codegen.function_source(name, arguments, docstring(src, draft), provenance(facts, chunks), body)
    last = chunks[-1]
    return Step(
        name=name, kind="reporting" if draft.kind == "reporting" else "data",
        cells=tuple(dict.fromkeys(facts.source.cells[c.cell].ref for c in chunks)),
        arguments=tuple(arguments), inputs=tuple(inputs), returns=tuple(returns),
        outputs=tuple(outputs), code=code, needs=frozenset(needs),
        tags=("reporting",) if draft.kind == "reporting" else (),
        chunks=draft.chunks, capture_at=(last.cell, last.end_line), file_args=tuple(loads),
    )


def wire_input(src: SourceNames, version: Version, names: dict[Symbol, str], chunks: list[ChunkFacts],
               registry: FileRegistry, package: str, changed: bool = False) -> tuple[str, str]:
    """The argument and dataset of one value the step reads. A file the step also changes with
    its own code (appends to, removes) comes by its path, which the step copies to the new
    version's path first; its reads with a library are other entries (``other_reads``)."""
    symbol = version.symbol
    arg = names.get(symbol) or python_name(src, symbol, {})
    if isinstance(symbol, File):
        file = file_version(src, version, registry)
        reads = [f for c in chunks for f in c.files if f.path == symbol.path and f.mode != "write"]
        access = next((f for f in reads if (f.io == "path") == changed), reads[0])
        return arg, dataset_for(file, access, package)
    if version.producer == EXTERNAL and symbol in src.credentials:
        return arg, src.credentials[symbol]
    if version.producer == EXTERNAL:
        return arg, f"params:{src.params[symbol]}"
    return arg, src.versions[version]


def wire_output(src: SourceNames, version: Version, names: dict[Symbol, str], registry: FileRegistry,
                package: str, writes: list[File]) -> tuple[str, str]:
    symbol = version.symbol
    if isinstance(symbol, File):
        file = file_version(src, version, registry)
        python = names[f"{symbol}|write"] if symbol in writes else names[symbol]
        return python, dataset_for(file, file.writer, package, saving=True)  # type: ignore[arg-type]
    return names.get(symbol, python_name(src, symbol, {})), src.versions[version]


def file_version(src: SourceNames, version: Version, registry: FileRegistry) -> FileVersion:
    assert isinstance(version.symbol, File), version
    path = version.symbol.path
    if version.producer == EXTERNAL:
        return registry.resolved[(src.index, path)]  # type: ignore[attr-defined]
    return registry.get(path, (src.index, version.producer))


def other_reads(src: SourceNames, version: Version, names: dict[Symbol, str], chunks: list[ChunkFacts],
                registry: FileRegistry, package: str, first: str) -> list[tuple[str, str]]:
    """A file the step reads through several catalog entries (with pandas and by its path, or
    with different load arguments): an argument per entry besides ``first``, the one
    `wire_input` chose. Each read's code is rewritten to its own entry's argument."""
    file = file_version(src, version, registry)
    symbol, base = version.symbol, names.get(version.symbol) or file.name
    wired: dict[str, str] = {first: names.get(symbol, base)}
    for access in (f for c in chunks for f in c.files if File(f.path) == symbol and f.mode == "read"):
        dataset = dataset_for(file, access, package)
        if dataset not in wired:
            wanted = f"{base}_file" if access.io == "path" else f"{base}_{len(wired) + 1}"
            wired[dataset] = unique(wanted, src.taken | set(names.values()) | set(wired.values()))
        names[f"{symbol}|{'read' if access.io == 'path' else load_key(access)}"] = wired[dataset]
    return [(arg, dataset) for dataset, arg in wired.items() if dataset != first]


def file_loads(file: FileVersion, chunks: list[ChunkFacts], package: str) -> list[tuple[str, str, tuple]]:  # type: ignore[type-arg]
    """For `Step.file_args`: each catalog read of the file in the step and its load arguments."""
    return [(dataset_for(file, a, package), "load_args", a.args) for c in chunks for a in c.files
            if a.path == file.path and a.mode == "read" and a.io != "path"]


def first_mode(chunks: list[ChunkFacts], symbol: Symbol) -> str:
    """How the step's chunks first open the file of ``symbol`` ("read", "write", "append")."""
    return next((f.mode for c in chunks for f in c.files if File(f.path) == symbol), "")


def path_writes(chunks: list[ChunkFacts]) -> list[File]:
    """File symbols the step writes with its own code (path-passing)."""
    found: list[File] = []
    for chunk in chunks:
        for access in chunk.files:
            symbol = File(access.path)
            if access.io == "path" and access.mode != "read" and symbol not in found:
                found.append(symbol)
    return found


def last_writer(chunks: list[ChunkFacts], symbol: Symbol) -> int:
    return max(c.order for c in chunks if symbol in c.defines)


def unused_name(dataset: str, taken: set[str]) -> str:
    """The argument for a later version of a variable: its dataset's name when free."""
    name = dataset if dataset.isidentifier() else "value"
    while name in taken:
        name += "_"
    return name


def step_body(src: SourceNames, draft: Draft, chunks: list[ChunkFacts], names: dict[Symbol, str],
              returns: list[str], later: dict[Version, str] | None = None) -> tuple[str, set[str]]:
    """Prologue (generator state, settings), the chunks' code, epilogue, return. ``later``: the
    arguments holding later versions of a variable; the name is rebound to each where the
    notebook's value changed (before the first statement reading it)."""
    later = dict(later or {})
    flow = src.flow
    needs: set[str] = set()
    lines: list[str] = []
    for version in draft.consumes:
        if version.symbol in GLOBAL_RNGS:
            rng = GLOBAL_RNGS[version.symbol]
            alias = generators.module_alias(src.facts, rng["import"].split()[-1])
            restore = generators.state_code(rng["set"], rng, alias)
            lines.append(restore.format(names[version.symbol]))
            needs.add(alias)
    for chunk in settings_before(src, chunks[0].order, draft.figures):
        lines.append(chunk.code.strip("\n"))
        needs |= flow.chunks[chunk.order].needs | flow.module_names.intersection(chunk.uses)
    figures, pending, previous_cell = src.figures_name, False, chunks[0].cell
    extended = False
    imported = frozenset().union(*src.facts.import_names)
    scopes = ("all", "plot") if draft.figures else ("all",)
    again = fresh_reads.reread(chunks, names)
    sequence = shows.sequence(src.facts.chunks, src.roles.of, chunks, scopes, draft.figures,
                              flow.module_names, src.held)
    if any(item == "display" for item, _, _ in sequence):
        lines.append(f"{src.shown_name} = []")
    for item, chunk, shown in sequence:
        if draft.figures and chunk.cell != previous_cell and pending:
            lines.append(f"{figures}.extend(pop_figures())")
            extended, pending = True, False
        previous_cell = chunk.cell
        if item == "setting":  # a setting made between the node's statements applies from there
            lines.append(chunk.code.strip("\n"))
            needs |= flow.chunks[chunk.order].needs | flow.module_names.intersection(chunk.uses)
            continue
        if item == "display":  # a value only this node holds, shown: its HTML for the report
            lines.append(f"{src.shown_name}.append(show_html({shows.display_lambda(chunk.code)}))")
            needs |= {"show_html"} | flow.module_names.intersection(chunk.uses)
            continue
        if item == "show":  # the notebook displayed a figure again
            lines.extend(f"{figures}.extend(show_figure({expression}))" for expression in shown)
            extended, needs = True, needs | {"show_figure"}
            continue
        if draft.figures and is_show(chunk.code, imported):
            lines.append(f"{figures}.extend(pop_figures())")
            extended, pending = True, False
            continue
        for version in [v for v in flow.chunks[chunk.order].consumes if v in later]:
            lines.append(f"{names[version.symbol]} = {later.pop(version)}")
        edits = fresh_reads.fresh(copy_before_mutation(chunk, chunks), names, again)
        code = codegen.apply_edits(chunk.code, edits, names)
        if draft.figures and chunk.drawn:  # a plot shown as a cell's value is drawn
            code = shows.drawn_code(code, chunk.drawn, figures)
            extended, needs = True, needs | {"show_figure"}
        lines.append(code.strip("\n"))
        needs |= flow.chunks[chunk.order].needs
        pending = pending or chunk.draws or chunk.kind == "plot"
        if any(e.payload.startswith("copy.deepcopy(") for e in edits):
            needs.add("copy")
    for version in draft.produces:
        if version.symbol in GLOBAL_RNGS:
            rng = GLOBAL_RNGS[version.symbol]
            alias = generators.module_alias(src.facts, rng["import"].split()[-1])
            save = generators.state_code(rng["get"], rng, alias)
            lines.append(f"{names[version.symbol]} = {save}")
            needs.add(alias)
    lines[:0] = module_reads(chunks, needs & flow.module_names)
    values = list(returns)
    if draft.figures:
        needs |= {"pop_figures", "close_figures", "as_shown"}
        lines.insert(0, "close_figures()")
        kept = (f"{figures} + pop_figures()" if pending else figures) if extended else "pop_figures()"
        values.append(f"as_shown({kept})")
        if extended:
            lines.insert(0, f"{figures} = []")
    lines.append(codegen.return_statement(values))
    return "\n".join(line for line in lines if line), needs


def module_reads(chunks: list[ChunkFacts], module_needs: set[str]) -> list[str]:
    """`n = globals()["n"]` at the top of a node function for each module-level name (an import,
    a notebook function of the functions module) it reads and then binds again
    (`mpg = mpg.assign(...)`, `def D(y, x=x)`): binding makes the name local to the whole
    function, so the module's binding would not be seen (UnboundLocalError). Not the import
    statement again: ruff's F811 fix drops an import that shadows an unused module-level one
    (`kedro run` then failed), and the tidy keeps the module's import for this string
    (`pyformat.keep_string_named_imports`)."""
    rebound = {s for c in chunks for s in c.defines | c.maybe_defines if isinstance(s, str)} & module_needs
    return [f'{n} = globals()["{n}"]' for n in sorted(rebound)]


def settings_before(src: SourceNames, order: int, figures: bool) -> list[ChunkFacts]:
    scopes = REPLAYED["plot" if figures else "all"]
    if src.settings is None:  # once per source, not once per step
        src.settings = [c for c, role in zip(src.facts.chunks, src.roles.of) if role == "setting"]
    return [c for c in src.settings if c.order < order and c.scope in scopes]


def is_show(code: str, imported: frozenset[str]) -> bool:
    """`plt.show()`: pyplot shows the figures open, which the node returns instead. A value's
    own `show()` (`fig.show()`, a sympy `Plot`'s, which draws it into a new figure) stays."""
    lines = [line for line in code.split("\n") if line.strip() and not line.strip().startswith("#")]
    match = SHOW.match(lines[0]) if len(lines) == 1 else None
    return bool(match) and match.group("name").split(".")[0] in imported  # type: ignore[union-attr]


def copy_before_mutation(chunk: ChunkFacts, chunks: list[ChunkFacts]):  # type: ignore[no-untyped-def]
    """A value written to a file and changed later in the same node is saved as it was."""
    later = set().union(*(c.mutates for c in chunks if c.order > chunk.order))
    edits = []
    for edit in chunk.edits:
        root = re.match(r"[A-Za-z_]\w*", edit.payload) if edit.kind == "write" else None
        if root and root.group(0) in later:
            edit = type(edit)(edit.line, edit.col, edit.end_line, edit.end_col, edit.kind,
                              edit.symbol, f"copy.deepcopy({edit.payload})")
        edits.append(edit)
    return edits


def docstring(src: SourceNames, draft: Draft) -> str:
    section = src.sections[draft.section]
    if draft.kind == "reporting":
        return f"Figures of: {section.title}" if section.title else "Figures drawn by the notebook."
    first = own_first(src, draft)
    starts = [c for c in section.chunks if src.roles.of[c] == "data"]
    if starts and first != starts[0]:
        return f"{section.title} (continued)" if section.title else ""
    return brief("\n\n".join(HEADING_MARKS.sub("", doc, count=1) for doc in section.doc))


#: A docstring keeps the heading and a short paragraph; the report holds the whole narrative.
DOC_LINES = 6


def brief(text: str) -> str:
    """The first paragraph (and the second when the first is the heading alone), cut to
    ``DOC_LINES`` lines."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    kept = paragraphs[:2] if paragraphs and "\n" not in paragraphs[0] else paragraphs[:1]
    lines = "\n\n".join(kept).splitlines()
    if len(lines) <= DOC_LINES and len(kept) == len(paragraphs):
        return "\n".join(lines)
    return "\n".join([*lines[: DOC_LINES - 1], "… (the report holds the whole text)"])


def provenance(facts: SourceFacts, chunks: list[ChunkFacts]) -> str:
    cells = sorted({c.cell for c in chunks})
    if facts.source.language == "bash":  # one cell per statement; its ref is its line(s)
        refs = [facts.source.cells[c].ref for c in cells]
        label = "line" if len(refs) == 1 and refs[0].isdigit() else "lines"
        return f"From {facts.source.path}, {label} {', '.join(refs)}"
    positions = ", ".join(str(c + 1) for c in cells)
    refs = [facts.source.cells[c].ref for c in cells]
    label = "cell" if len(cells) == 1 else "cells"
    if not any(r.isdigit() for r in refs):  # ids only: a cell inserted above changes no comment
        return f"From {facts.source.path}, {label} id {', '.join(refs)}"
    ids = "" if all(r.isdigit() for r in refs) else f" (id {', '.join(refs)})"
    return f"From {facts.source.path}, {label} {positions}{ids}"


def step_name(src: SourceNames, draft: Draft, first_output: str, taken: set[str]) -> str:
    section = src.sections[draft.section]
    base = snake(section.forced_name) if section.forced_name else ""
    sibling = False  # named by its heading and what it makes (`joined`, never cut short)
    if not base and section.title:
        base = snake(section.title)
        if base in src.taken:  # a heading that names a variable ("Noise") names the step that makes it
            base = f"compute_{base}"
        siblings = sum(1 for c in section.chunks if src.roles.of[c] == ("plot" if draft.kind == "reporting" else "data"))
        if draft.kind == "data" and siblings and first_output and not is_first_in_section(src, draft):
            base, sibling = joined(base, first_output), True
    # a node that makes no variable is named by what it writes or draws when no heading names
    # it, or its heading names another node already
    action = "" if first_output else what_names.action_name(draft.kind, [
        v.symbol.path for v in draft.produces if isinstance(v.symbol, File)], [
        src.facts.chunks[o].code for o in draft.chunks if src.roles.of[o] == "plot"])
    made = next((src.versions[v] for v in draft.produces if v.symbol == first_output and v in src.versions), "")
    if not base:
        cell = src.facts.chunks[own_first(src, draft)].cell
        # `compute_df_without_na`: the dataset it makes, as a rebuilt version is named
        base = f"compute_{made or first_output}" if first_output else action or f"cell_{cell + 1}"
    if draft.kind == "reporting" and not base.startswith("plot"):
        base = f"plot_{base}"
    base = base if sibling and draft.kind == "data" else snake(base)
    # a heading shared by several nodes: the later ones say what they make (`saving_df`) or do
    if base in taken and first_output and not base.endswith(f"_{snake(first_output)}"):
        # and when that names another node, the dataset it makes (`clean_df_without_na`)
        base = joined(base, made) if joined(base, first_output) in taken and made else joined(base, first_output)
    elif base in taken and action:
        # drawn again from a rebuilt version: `plot_a_histogram_df_without_na`
        read = next((src.versions[v] for v in draft.consumes if src.versions.get(v, v.symbol) != v.symbol), "")
        base = next((n for n in (action, joined(base, action.split("_", 1)[1]) if base != action else "",
                                 joined(action, read) if read else "") if n and n not in taken), base)
    heading = snake(section.forced_name or section.title) if section.forced_name or section.title else ""
    made_all = [src.versions[v] for v in draft.produces if isinstance(v.symbol, str) and v in src.versions]
    return unique(what_names.by_what_it_makes(base, heading, made_all, taken), taken)


def joined(name: str, suffix: str) -> str:
    """`name_suffix`, each part snake_case on its own: a long heading keeps the suffix that tells
    its nodes apart (`snake` alone would cut it off at MAX_WORDS)."""
    return f"{snake(name)}_{snake(suffix)}"


def is_first_in_section(src: SourceNames, draft: Draft) -> bool:
    section = src.sections[draft.section]
    data = [c for c in section.chunks if src.roles.of[c] == "data"]
    return not data or own_first(src, draft) == data[0]


def own_first(src: SourceNames, draft: Draft) -> int:
    """The draft's first chunk of its own section (a seeding statement moved into the node
    from before it, planning/seeds.py, does not make the node a continuation)."""
    section = set(src.sections[draft.section].chunks)
    return next((c for c in draft.chunks if c in section), draft.chunks[0])


def literal(symbol: Param) -> object:
    return ast.literal_eval(symbol.value_repr)
