"""The report node: what the notebook was, as one HTML page its pipeline writes on every run.

Each notebook pipeline ends in a reporting node (``report``) that returns one self-contained HTML
page to a versioned ``text.TextDataset`` in ``data/08_reporting/<pipeline>/report.html``. It holds,
in the notebook's order, the markdown cells, the figures the pipeline's nodes returned (loaded
back from their datasets) and what the display-only statements showed, computed again from the
datasets holding the values they read (`df.head()` of the version of `df` the cell saw). A display
reading a value no dataset holds (a version made and changed again inside one node, or one kept in
memory) is shown by the node that makes it instead (`held_displays`): the node hands its HTML on
in a small ``<node>_shown`` JSON dataset the report places. Planning only: the page is built by
the project's ``report.py``.
"""

from __future__ import annotations

import ast
import textwrap

from ..model import CatalogEntry, SourceFacts, Step
from ..model.symbols import Symbol
from . import codegen, printed, shows
from .flow import BUILTINS, EXTERNAL, Version
from .naming import unique
from .roles import display_removed
from .source_names import SourceNames

#: The node's tags: `kedro run --tags reporting` redraws figures and the report, `--tags report`
#: only the report (from the figures the last run saved).
TAGS = ("report", "reporting")
#: The page object's method given in place of `display(...)` inside a display statement.
DISPLAY = "display"
#: Stands for the page variable's name until the function's arguments are known.
PAGE = "@page@"
#: `<node>_shown`: the HTML of what a node displayed of values only it holds.
SHOWN = "shown"


def report_step(src: SourceNames, steps: list[Step], taken: set[str],
                in_memory: frozenset[Symbol] = frozenset()) -> Step | None:
    """The report node of a notebook pipeline (None for shell scripts: they have no narrative).
    ``in_memory``: variables whose datasets stay in memory (`--tags reporting` could not load them,
    and an object passed as is may have changed since the display): their displays are left out."""
    facts = src.facts
    if not has_report(facts):
        return None
    names = taken | {s.name for s in steps} | set(src.versions.values()) | {o for s in steps for o in s.outputs}
    name = unique("report", names)
    inputs: dict[str, str] = {}  # dataset → argument
    needs: set[str] = {"NotebookReport"}
    entries: list[tuple[tuple[int, float], str]] = []
    for cell in facts.source.cells:
        if cell.kind == "markdown" and cell.source.strip():
            entries.append(((cell.index, -1.0), f"{PAGE}.markdown({text_literal(cell.source)})"))
    for step in steps:
        if step.outputs and step.outputs[-1] == f"{step.name}_figures" and step.chunks:
            last = facts.chunks[max(step.chunks)]
            dataset = step.outputs[-1]
            inputs.setdefault(dataset, dataset)
            entries.append(((last.cell, last.order + 0.5), f"{PAGE}.figures({dataset})"))
    for step in steps:
        if f"{step.name}_{SHOWN}" in step.outputs:
            dataset = f"{step.name}_{SHOWN}"
            argument = inputs.setdefault(dataset, dataset)
            own = [facts.chunks[c] for c in step.chunks]
            shown = printed.shown_parts(src, own, step.kind == "reporting")
            for index, order in enumerate(shown):
                place = (facts.chunks[order].cell, float(order))
                entries.append((place, f"{PAGE}.part({argument}[{index}])"))
    caught = caught_names(src)
    for order, versions in display_reads(src).items():
        chunk = facts.chunks[order]
        if order in src.held:  # shown by the node holding what it reads
            continue
        line = "" if in_memory & set(versions) else display_line(src, chunk.code, versions, inputs, needs,
                                                                  f"shown_{order}", caught)
        if line:
            entries.append(((chunk.cell, float(order)), line))
        else:
            src.diagnostics.append(display_removed(
                facts, chunk, "is not in the report: a value it reads is in no dataset there "
                "(made and changed again inside one node, or kept in memory); no node runs it"))
    entries.sort(key=lambda e: e[0])
    title = src.sections[0].title if src.sections and src.sections[0].title else str(facts.source.path)
    arguments = list(inputs.values())
    page = unique("page", set(arguments) | src.flow.module_names)  # not a name the displays read
    body = "\n".join([f"{PAGE} = NotebookReport({text_literal(title)})", *(e[1] for e in entries),
                      f"return {PAGE}.html()"]).replace(PAGE, page)
    code = codegen.function_source(name, arguments, f"The report of {facts.source.path}: narrative, "
                                   "figures and displayed values, in the notebook's order.",
                                   f"Report of {facts.source.path}", body)
    return Step(name=name, kind="reporting", cells=(), arguments=tuple(arguments),
                inputs=tuple(inputs), returns=(page,), outputs=(name,), code=code,
                needs=frozenset(needs), tags=TAGS)


def report_entry(pipeline: str, step: Step) -> CatalogEntry:
    return CatalogEntry(
        name=f"{pipeline}.{step.outputs[0]}", type="text.TextDataset",
        filepath=f"data/08_reporting/{pipeline}/{step.outputs[0]}.html",
        options=(("versioned", True),), origin=f"the report of {pipeline}, kept per run",
    )


def shown_entry(pipeline: str, step: Step) -> CatalogEntry:
    """What a node showed of values only it holds: HTML parts the report places."""
    return CatalogEntry(
        name=f"{pipeline}.{step.name}_{SHOWN}", type="json.JSONDataset",
        filepath=f"data/08_reporting/{pipeline}/{step.name}_{SHOWN}.json",
        origin=f"what {pipeline}.{step.name} displayed, for the report",
    )


def has_report(facts: SourceFacts) -> bool:
    """Only a notebook has a report: shell scripts and Python scripts (a sphinx-gallery example,
    a percent script) have no page to show values on."""
    return facts.source.language != "bash" and facts.source.kind == "notebook"


def held_displays(src: SourceNames, in_memory: frozenset[Symbol]) -> shows.Held:
    """The displays the report cannot compute from datasets (a value it reads is a version made
    and changed again inside one node, or kept in memory) while every name they read is a
    variable version, an imported module or a builtin: the node making those versions shows them
    (`shows.node_displays`). Order → the producers of the versions read."""
    held: shows.Held = {}
    if not has_report(src.facts):  # nothing would place the HTML (report.py is not even written)
        return held
    for order, versions in display_reads(src).items():
        code = src.facts.chunks[order].code
        if not (in_memory & set(versions)) and display_line(src, code, versions, {}, set()):
            continue
        try:
            tree = ast.parse(code.strip())
        except SyntaxError:
            continue
        if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
            continue
        known = set(versions) | src.flow.module_names | BUILTINS
        if src.facts.chunks[order].uses <= known and all(v.producer >= 0 for v in versions.values()):
            held[order] = frozenset(v.producer for v in versions.values())
    return held


def display_reads(src: SourceNames) -> dict[int, dict[Symbol, Version]]:
    """For each display-only chunk: the version of each variable it reads, as the cell saw it."""
    current: dict[Symbol, Version] = {}
    found: dict[int, dict[Symbol, Version]] = {}
    for chunk, role, flow in zip(src.facts.chunks, src.roles.of, src.flow.chunks):
        if role == "display" and chunk.kind == "display":
            found[chunk.order] = {s: current[s] for s in chunk.uses if s in current}
        external = role in ("param", "credential")
        for symbol in flow.produces:
            current[symbol] = Version(symbol, EXTERNAL if external else chunk.order)
        for symbol in chunk.deletes:
            current.pop(symbol, None)
    return found


def display_line(src: SourceNames, code: str, versions: dict[Symbol, Version], inputs: dict[str, str],
                 needs: set[str], name: str = "shown", caught: frozenset[str] = frozenset()) -> str:
    """``page.show(lambda df=df_2: df.head())``, or "" when a value it reads is in no dataset; a
    `try` showing an error (`classify.shows_error`) is a function ``name`` the page runs;
    ``caught``: the names such functions catch into (`caught_names`)."""
    try:
        tree = ast.parse(code.strip())
    except SyntaxError:
        return ""
    if len(tree.body) != 1 or not isinstance(tree.body[0], (ast.Expr, ast.Try)):
        return ""
    chunk_uses = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    chunk_uses -= {h.name for s in tree.body if isinstance(s, ast.Try) for h in s.handlers if h.name}
    bound: list[str] = []
    for symbol in sorted(chunk_uses):
        version = versions.get(symbol)
        if version is None:
            if symbol == DISPLAY:
                bound.append(f"{DISPLAY}={PAGE}.{DISPLAY}")
            elif symbol in src.flow.module_names or symbol in BUILTINS:
                needs.add(symbol)
            else:
                return ""
            continue
        dataset = dataset_of(src, version)
        if not dataset:
            return ""
        plain = dataset.removeprefix("params:")
        argument = inputs.setdefault(dataset, f"{plain}_value" if plain in caught else plain)
        if symbol != argument:  # another version than the argument's name: bound by name
            bound.append(f"{symbol}={argument}")
    if DISPLAY in chunk_uses and f"{DISPLAY}={PAGE}.{DISPLAY}" not in bound:
        bound.append(f"{DISPLAY}={PAGE}.{DISPLAY}")
    if isinstance(tree.body[0], ast.Try):  # `try: ... except E as e: print(e)`: run by a function
        return "\n".join([f"def {name}({', '.join(bound)}):", textwrap.indent(code.strip(), "    "),
                          f"{PAGE}.show({name})"])
    expression = ast.get_source_segment(code.strip(), tree.body[0].value) or ""
    if isinstance(tree.body[0].value, ast.Tuple):  # `X, y` would be two arguments of show
        expression = f"({expression})"
    return f"{PAGE}.show(lambda {', '.join(bound)}: {expression})" if bound else f"{PAGE}.show(lambda: {expression})"


def caught_names(src: SourceNames) -> frozenset[str]:
    """The names the report's `try` displays catch into (`except ValueError as e`): a report
    argument of that name gets another (`e_value`), else the handler would rebind it."""
    found: set[str] = set()
    for order in display_reads(src):
        try:
            tree = ast.parse(src.facts.chunks[order].code.strip())
        except SyntaxError:
            continue
        found |= {n.name for n in ast.walk(tree) if isinstance(n, ast.ExceptHandler) and n.name}
    return frozenset(found)


def dataset_of(src: SourceNames, version: Version) -> str:
    """The dataset holding ``version`` of a variable: a version crossing nodes, or a parameter."""
    if version.producer == EXTERNAL:
        param = src.params.get(version.symbol)
        return f"params:{param}" if param else ""
    return src.versions.get(version, "")


def text_literal(text: str) -> str:
    """A Python literal of ``text``, triple-quoted when it spans lines (readable in nodes.py)."""
    if "\n" not in text or '"""' in text or text.endswith(('"', "\\")):
        return repr(text)
    return ('r"""' if "\\" in text else '"""') + text + '"""'


__all__ = ["has_report", "report_step", "report_entry", "shown_entry", "held_displays", "TAGS", "SHOWN"]
