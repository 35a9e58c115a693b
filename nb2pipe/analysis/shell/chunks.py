"""Steps of a shell script → the facts of one source, one chunk per step that needs a node.

Each such step (a file command, a download, a command kept verbatim, or a notebook or script
that could not be converted) becomes a chunk running the step's lines (`model.ShellCommand`,
whose code, running them through the project's `run_shell` helper, planning makes:
`planning/shell_code.py`). The words naming files are typed as the paths the node receives,
wired to the catalog like any path-passing access: a file read is an input, a file written is a
`<name>_path` input and an output. The step's shell state (variables, exports,
functions, `set` options) becomes a preamble; variables used as whole arguments and exported
values become parameters. Each chunk carries its step's `ShellNode` facts: what planning names
the node after, and whether a file connects it to the next node (else planning has it hand the
next an ordering value: `planning/shell_steps.py`).
"""

from __future__ import annotations

import posixpath
import shlex
from collections.abc import Sequence
from dataclasses import dataclass

from ...model import (
    Cell,
    ChunkFacts,
    Diagnostic,
    ShellCommand,
    ShellNode,
    ShellRun,
    Source,
    SourceFacts,
)
from ...model.facts import AccessMode
from ...model.shell import BashScript, ShellStep
from ...model.symbols import File, Symbol
from .loop_items import file_access, folder_read, items_text
from .loop_values import listed_folders, raw_listings
from .python_calls import guess_value
from .runners import runner_requirements
from .step_lines import command_lines, preamble, relative, substitute

#: Commands that only change the shell's state or print: they do not name a node (and a step
#: running only them and scripts runs the scripts alone).
QUIET = frozenset(
    {
        "cd",
        "pushd",
        "popd",
        "echo",
        "printf",
        "mkdir",
        "export",
        "set",
        "true",
        ":",
        "sleep",
        "local",
        "declare",
        "readonly",
        "unset",
        "time",
        "env",
        "nice",
        "nohup",
        "timeout",
        "source",
        ".",
    }
)


@dataclass(frozen=True, slots=True)
class NodeStep:
    """A step that becomes a node."""

    step: ShellStep
    #: Notes for its docstring (why it runs verbatim).
    note: str = ""
    #: Folders earlier steps of the script filled (`unzip -d data` gives "data/"): the files
    #: under them are the script's own business, not datasets.
    covered: tuple[str, ...] = ()
    #: Files earlier steps wrote: a command that only mentions one (its own I/O is unknown)
    #: reads it.
    produced: tuple[str, ...] = ()
    #: The scripts, notebooks and local modules the step runs as they are (`drivers.travel`):
    #: files it reads, put where the step expects them while it runs.
    runs: tuple[str, ...] = ()


def segment_facts(
    source: Source,
    script: BashScript,
    nodes: Sequence[NodeStep],
    variant: str,
    diagnostics: tuple[Diagnostic, ...] = (),
) -> SourceFacts:
    """The facts of one run of consecutive node steps of ``script`` (a source of its own)."""
    params = segment_params(nodes)
    cells: list[Cell] = []
    chunks: list[ChunkFacts] = []
    if params:
        text = "\n".join(f"{name} = {value!r}" for name, value in params)
        cells.append(Cell(0, "parameters", "code", text, ("parameters",)))
        for name, value in params:
            chunks.append(
                ChunkFacts(
                    cell=0,
                    order=len(chunks),
                    code=f"{name} = {value!r}",
                    line=len(chunks) + 1,
                    kind="param",
                    defines=frozenset({name}),
                    constants=((name, value),),
                    end_line=len(chunks) + 1,
                )
            )
    hands_on = ordering(nodes)
    for number, node in enumerate(nodes):
        cell = len(cells)
        ref = (
            str(node.step.line)
            if node.step.end_line == node.step.line
            else f"{node.step.line}-{node.step.end_line}"
        )
        cells.append(Cell(cell, ref, "code", node.step.text))
        doc = "\n".join(line.lstrip("#").strip() for line in node.step.comment.split("\n")).strip()
        doc = "\n\n".join(p for p in (doc, node.note) if p)
        if doc:
            cells.append(Cell(cell + 1, ref, "markdown", doc))
        chunks.append(node_chunk(node, script, cell, len(chunks), dict(params), hands_on[number]))
    shown = Source(
        path=source.path,
        abspath=source.abspath,
        kind="script",
        cells=tuple(cells),
        language="bash",
        variant=variant,
    )
    return SourceFacts(
        source=shown,
        chunks=tuple(chunks),
        imports=(),
        import_names=(),
        definitions=(),
        function_globals=(),
        local_modules=(),
        third_party=frozenset(),
        pip_installs=runner_requirements(n.step.notebooks for n in nodes),
        diagnostics=tuple(diagnostics),
    )


def script_runs(script: BashScript, nodes: Sequence[NodeStep]) -> tuple[ShellRun, ...]:
    """The steps of ``nodes`` as the script runs them: their shell state, then their text."""
    return tuple(
        ShellRun(tuple([*preamble(n.step, script, {}), n.step.text]), n.step.cwd or ".")
        for n in nodes
    )


def ordering(nodes: Sequence[NodeStep]) -> list[bool]:
    """Per node, whether no file it writes reaches the next node (the last: False)."""
    marks = []
    for node, following in zip(nodes, nodes[1:], strict=False):
        marks.append(not set(datasets(node)[1]) & set(datasets(following)[0]))
    return [*marks, False]


def segment_params(nodes: Sequence[NodeStep]) -> list[tuple[str, object]]:
    """Variables used as whole arguments, and exported values: parameters of the script."""
    found: dict[str, object] = {}
    for node in nodes:
        for name, value in node_params(node.step):
            found.setdefault(name, value)
    return list(found.items())


def node_params(step: ShellStep) -> list[tuple[str, object]]:
    values = dict(step.variables)
    # (a value only known at run time, such as a loop variable given to a script, is none)
    found = [
        (n, v) for n, v in step.params if n in step.uses and n.isidentifier() and v is not None
    ]
    found += [
        (n, guess_value(values[n]))
        for n in step.exported
        if values.get(n) is not None and n.isidentifier()
    ]
    return list(dict(found).items())


def datasets(node: NodeStep) -> tuple[list[str], list[str]]:
    """The files of a step that become datasets: (read, written). Not URLs, folders or globs;
    not files the step removes again; not files under a folder an earlier step filled. A folder
    the step reads (`tar -czf a.tgz parts`) stands for the files earlier steps wrote under it."""
    step = node.step

    def under(folder: str) -> list[str]:
        return [p for p in node.produced if p.startswith(folder.rstrip("/") + "/")]

    def keep(path: str) -> bool:
        return "://" not in path and not path.endswith("/") and not any(c in path for c in "*?[")

    def inside(path: str) -> bool:
        folders = [d.rstrip("/") for d in node.covered]
        return any(
            d in ("", ".") and not path.startswith("/") or path.startswith(d + "/") for d in folders
        )

    writes = [p for p in step.writes if keep(p) and p not in step.removes]
    writes += [step.items.folder] if step.items else []
    mentioned = [p for p in step.mentions if p in node.produced and p not in writes]
    named = [*step.reads, *mentioned, *(p for p in step.mentions if p not in node.produced)]
    named = [folder_read(p, node.produced) for p in named]
    expanded = [q for p in named for q in ([p] if p in node.produced else under(p) or [p])]
    expanded = [p for p in expanded if p in step.reads or p in node.produced]
    reads = [
        p for p in dict.fromkeys(expanded) if keep(p) and (not inside(p) or p in node.produced)
    ]
    return reads + listed_folders(step.reads, [*node.produced, *writes]), writes


def node_chunk(
    node: NodeStep,
    script: BashScript,
    cell: int,
    order: int,
    params: dict[str, object],
    hands_on: bool = False,
) -> ChunkFacts:
    """The chunk running one step: the lines it runs with the words naming the catalog's files
    typed (its code is made in planning: `planning/shell_code.py`)."""
    step = node.step
    reads, writes = datasets(node)
    runs = [p for p in dict.fromkeys([*ran(step), *node.runs]) if p not in writes]
    modes: dict[str, AccessMode] = {p: "read" for p in reads}
    modes.update({p: "append" if p in modes else "write" for p in writes})
    text, folders = items_text(step, modes)
    # what it runs stays spelled as the step has it (a script finds its neighbours there)
    spellings = [(word, p) for word, p in step.spellings if p not in runs]
    body, placed = substitute(text, spellings, modes)
    placed |= folders
    if any(p not in placed for p in writes):
        # a file it writes without naming it may be named after one it reads (`gzip -k a`
        # writes a.gz next to a): the step runs on the script's own paths, its files copied
        # there from the catalog before and moved to the catalog after
        body, placed = step.text, set()
    # a raw folder listed by a word the text spells (`data/*.csv`); else left as written
    candidates = listed_folders(step.reads, [*node.produced, *writes])
    listed = [p for p in candidates if p in placed]
    modes = {p: m for p, m in modes.items() if p in placed or p not in candidates}
    modes.update({p: "read" for p in runs})
    reads = [*(p for p in reads if p in modes and p not in runs), *runs]
    cwd = step.cwd or "."
    before = [
        f"mkdir -p {shlex.quote(posixpath.dirname(relative(p, cwd)) or '.')} && "
        f"cp \x00{p}\x00 {shlex.quote(relative(p, cwd))}"
        for p in modes
        if p not in placed and modes[p] != "write"
    ]
    after_lines = [
        f"mv {shlex.quote(relative(p, cwd))} \x00{p}\x00"
        if modes[p] != "read"
        else f"rm -f {shlex.quote(relative(p, cwd))}"  # only the catalog holds the file
        for p in modes
        if p not in placed
    ]
    if after_lines:
        # the step's status outlives the clean-up (`&& :`: bash goes on where the script would)
        after_lines = ["_nb2pipe_status=$?", *after_lines, '(exit "$_nb2pipe_status") && :']
    if after_lines and {"cd", "pushd", "popd"} & set(step.commands):
        # the step changes folder: its files go back from the folder it started in
        before.insert(0, "_nb2pipe_start=$PWD")
        after_lines.insert(1, 'cd "$_nb2pipe_start"')
    lines = [*preamble(step, script, params), *before, body, *after_lines]
    command = ShellCommand(command_lines("\n".join(lines), modes), cwd, script=True)
    files = raw_listings(tuple(file_access(step, p, modes[p]) for p in modes), listed)
    defines: set[Symbol] = {File(p) for p in writes}
    uses: set[Symbol] = {File(p) for p in reads}
    return ChunkFacts(
        cell=cell,
        order=order,
        code="",
        line=1,
        kind="data",
        defines=frozenset(defines),
        uses=frozenset(uses),
        files=files,
        command=command,
        shell=shell_node(step, hands_on),
    )


def ran(step: ShellStep) -> list[str]:
    """The scripts and notebooks the step runs that it reads (an item loop's: `with_items`)."""
    named = [*(c.script for c in step.python), *(n.notebook for n in step.notebooks)]
    return [p for p in named if p in step.reads]


def shell_node(step: ShellStep, hands_on: bool) -> ShellNode:
    """What planning names the step's node after, and whether it hands on an ordering value."""
    if step.kind in ("notebook", "python"):
        runs = [r.notebook for r in step.notebooks] + [c.script or c.module for c in step.python]
    else:
        runs = [c.script for c in step.scripts]
    return ShellNode(step.kind, step.commands, step.writes, tuple(runs), hands_on)
