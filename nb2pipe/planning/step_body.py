"""A step's function body: generator state and settings replayed first, the chunks' code with
its edits applied, figures collected, then the return statement."""

from __future__ import annotations

import re

from ..knowledge.calls import GLOBAL_RNGS
from ..model import ChunkFacts, Edit
from ..model.symbols import ArgKey
from . import codegen, fresh_reads, generators, printed, report, shows
from .flow import REPLAYED, Version, plot_settings_apply
from .groups_to_drafts import Draft
from .source_names import SourceNames

SHOW = re.compile(r"^\s*(?P<name>[A-Za-z_][\w.]*)\.show\(\)\s*$")


def step_body(src: SourceNames, draft: Draft, chunks: list[ChunkFacts], names: dict[ArgKey, str],
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
    plotting = plot_settings_apply(draft.figures, chunks)  # it draws, or reads plt.rcParams
    for chunk in settings_before(src, chunks[0].order, plotting):
        lines.append(setting_code(chunk, names))
        needs |= flow.chunks[chunk.order].needs | flow.module_names.intersection(chunk.uses)
    figures, pending, previous_cell = src.figures_name, False, chunks[0].cell
    extended = False
    imported = frozenset().union(*src.facts.import_names)
    scopes = ("all", "plot") if plotting else ("all",)
    again = fresh_reads.reread(chunks, names)
    sequence = shows.sequence(src.facts.chunks, src.roles.of, chunks, scopes, draft.figures,
                              flow.module_names, src.held)
    reporting = draft.kind == "reporting" and report.has_report(src.facts)
    parts = printed.shown_parts(src, chunks, reporting)
    if parts:
        lines.append(f"{src.shown_name} = []")
    printing = set(parts) - {chunk.order for item, chunk, _ in sequence if item == "display"}
    for item, chunk, shown in sequence:
        if draft.figures and chunk.cell != previous_cell and pending:
            lines.append(f"{figures}.extend(pop_figures())")
            extended, pending = True, False
        previous_cell = chunk.cell
        if item == "setting":  # a setting made between the node's statements applies from there
            lines.append(setting_code(chunk, names))
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
        elif draft.figures and chunk.draws and shows.last_in_cell(src.facts.chunks, chunk):
            handles = {s for c in chunks if c.order < chunk.order and (c.draws or c.kind == "plot")
                       for s in c.defines if isinstance(s, str)}
            nothing = shows.returning_nothing(c.code for c in src.facts.chunks if c.kind == "def")
            shown_too = shows.called_value_shown(code, figures, handles, flow.module_names, nothing)
            if shown_too:
                code, extended, needs = shown_too, True, needs | {"show_figure"}
        if chunk.order in printing:  # what a reporting node prints goes to the report
            code, needs = printed.captured(code, src.shown_name), needs | {printed.HELPER}
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


def setting_code(chunk: ChunkFacts, names: dict[ArgKey, str]) -> str:
    """A setting's code where a node replays it: a file it reads (`plt.style.use("my.mplstyle")`,
    `io_calls.CONFIG_FILES`) by the node's argument holding the catalog's path."""
    paths = [e for e in chunk.edits if e.kind == "path" and e.symbol in names]
    return codegen.apply_edits(chunk.code, paths, names).strip("\n")


def is_show(code: str, imported: frozenset[str]) -> bool:
    """`plt.show()`: pyplot shows the figures open, which the node returns instead. A value's
    own `show()` (`fig.show()`, a sympy `Plot`'s, which draws it into a new figure) stays."""
    lines = [line for line in code.split("\n") if line.strip() and not line.strip().startswith("#")]
    match = SHOW.match(lines[0]) if len(lines) == 1 else None
    return match is not None and match.group("name").split(".")[0] in imported


def copy_before_mutation(chunk: ChunkFacts, chunks: list[ChunkFacts]) -> list[Edit]:
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
