"""Driver scripts: a shell script and the notebooks and Python scripts it runs, as the facts of
the sources the planner wires into one Kedro pipeline.

A script's steps are read in the order it runs them (`bash_facts`). A notebook it runs is
converted as a notebook, with the run's papermill parameters and working directory
(`bind.bind_notebook`). A Python script it calls is converted as a source with its arguments bound
(`bind.bind_script`) when analysis then sees every file its arguments name; otherwise the call
runs as a node of the script. Every other step that does something (file commands, downloads,
commands kept verbatim) becomes a node of the script's own pipeline (`shell_nodes`). Consecutive
nodes of the script between two converted sources form one part (a source of its own, so the
planner can order it between them); all parts of a script share one pipeline. Each source a
script runs records the one run before it (`SourceFacts.after`), so the planner keeps the
script's order.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..errors import InputError
from ..model import Diagnostic, Source, SourceFacts
from ..options import Options
from .bash_facts import script_facts
from .bash_model import BashScript, NotebookRun, PythonCall, ShellStep
from .bind import bind_notebook, bind_script
from .shell_nodes import QUIET, NodeStep, datasets, segment_facts

RUNNER = re.compile(r"(.*/)?(python[\d.]*|ipython3?|papermill|jupyter|%run)")
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Project:
    """What analysis makes of all sources of a conversion."""

    facts: tuple[SourceFacts, ...]
    #: Errors of sources that cannot be analysed (the caller decides whether to go on).
    problems: tuple[Diagnostic, ...]
    #: Diagnostics about the scripts themselves.
    notes: tuple[Diagnostic, ...]


def called_scripts(sources: Sequence[Source]) -> tuple[str, ...]:
    """Python scripts and notebooks the shell scripts run (paths relative to the root), to be
    read as sources: plain `.py` files are not found otherwise, nor notebooks when only the
    script was given."""
    known = [str(s.path) for s in sources]
    found: set[str] = set()
    for source in sources:
        if source.language == "bash":
            script = parse(source, {})
            prefix = mount(script, known)
            for step in script.steps:
                found.update(
                    unmount(c.script, prefix) for c in step.python if c.script.endswith(".py")
                )
                found.update(unmount(r.notebook, prefix) for r in step.notebooks)
    return tuple(sorted(p for p in found if not p.startswith("/")))


def analyze_project(
    sources: Sequence[Source],
    called: Sequence[Source],
    options: Options,
    analyze: Callable[[Source, Options], SourceFacts],
    progress: Progress | None = None,
) -> Project:
    """Facts of every source: notebooks and scripts as their drivers run them, the drivers' own
    nodes, and the sources no script runs."""
    state = State(options, analyze, progress)
    known = [str(s.path) for s in sources]
    scripts = {str(s.path): s for s in [*sources, *called] if s.language == "python"}
    notebooks = {str(s.path): s for s in [*sources, *called] if s.kind == "notebook"}
    for source in sources:
        if source.language != "bash":
            continue
        texts = {p: code_text(s) for p, s in scripts.items()}
        prefix = mount(parse(source, {}), known)
        if prefix:
            texts.update({f"{prefix}/{p}": t for p, t in list(texts.items())})
        script = remap(parse(source, texts), prefix)
        if prefix:
            state.notes.append(
                Diagnostic(
                    "info",
                    "bash-mount",
                    f"`{prefix}` is taken to be the conversion root (the script "
                    f"runs notebooks of this folder from there)",
                    str(source.path),
                )
            )
        state.notes.extend(script.diagnostics)
        driver(state, source, script, notebooks, scripts)
    called_paths = {str(s.path) for s in called}
    for source in sources:
        path = str(source.path)
        if source.language != "bash" and path not in state.claimed and path not in called_paths:
            state.add(source)
    return Project(tuple(state.facts), tuple(state.problems), tuple(state.notes))


@dataclass
class State:
    options: Options
    analyze: Callable[[Source, Options], SourceFacts]
    progress: Progress | None
    facts: list[SourceFacts] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    #: Sources a script runs (converted as it runs them, never on their own), and their runs.
    claimed: dict[str, int] = field(default_factory=dict)

    def facts_of(self, source: Source) -> SourceFacts | None:
        if self.progress:
            self.progress(str(source.path))
        try:
            return self.analyze(source, self.options)
        except InputError as error:
            self.problems.extend(error.problems)
            return None

    def add(self, source: Source) -> None:
        found = self.facts_of(source)
        if found is not None:
            self.facts.append(found)

    def variant(self, path: str) -> str:
        runs = self.claimed[path] = self.claimed.get(path, 0) + 1
        return "" if runs == 1 else str(runs)


def driver(
    state: State,
    source: Source,
    script: BashScript,
    notebooks: Mapping[str, Source],
    scripts: Mapping[str, Source],
) -> None:
    """The units of one script, in the order it runs them, chained by `after`."""
    units: list[SourceFacts] = []
    pending: list[NodeStep] = []
    names: set[str] = set()
    parts = 0

    def flush() -> None:
        nonlocal parts
        if pending:
            parts += 1
            units.append(
                segment_facts(source, script, list(pending), "" if parts == 1 else str(parts))
            )
            pending.clear()

    filled: list[str] = []  # folders written so far (their files are not datasets)
    made: list[str] = []  # files written so far
    for step in script.steps:
        for path in [r.notebook for r in step.notebooks] + [c.script for c in step.python]:
            if path in notebooks or path in scripts:
                state.claimed.setdefault(path, 0)
        converted, note = convert_step(state, step, notebooks, scripts)
        if converted:
            flush()
            units.extend(converted)
            made.extend(
                a.path for f in converted for c in f.chunks for a in c.files if a.mode != "read"
            )
        elif needs_node(step):
            if note:
                state.notes.append(
                    Diagnostic(
                        "warning", "bash-verbatim-run", note, str(source.path), line=step.line
                    )
                )
            node = NodeStep(step, node_name(step, names), note, tuple(filled), tuple(made))
            pending.append(node)
            made.extend(datasets(node)[1])
        elif step.removes and step.kind == "file" and not step.writes:
            state.notes.append(
                Diagnostic(
                    "info",
                    "bash-removes",
                    "only removes files: a pipeline run needs no node for it",
                    str(source.path),
                    line=step.line,
                )
            )
        filled.extend(p for p in step.writes if p.endswith("/"))
    flush()
    previous = ""
    for unit in units:
        state.facts.append(
            replace(unit, driver=str(source.path), after=(previous,) if previous else ())
        )
        previous = unit.source.key


def needs_node(step: ShellStep) -> bool:
    return step.kind in ("notebook", "python", "shell", "download") or (
        step.kind == "file" and bool(step.reads or step.writes)
    )


def convert_step(
    state: State, step: ShellStep, notebooks: Mapping[str, Source], scripts: Mapping[str, Source]
) -> tuple[list[SourceFacts], str]:
    """The sources a notebook or python step runs, converted; else ([], why it runs verbatim)."""
    if step.kind not in ("notebook", "python"):
        return [], ""
    others = [c for c in step.commands if c not in QUIET and not RUNNER.fullmatch(c)]
    if others:
        return (
            [],
            f"the step also runs `{others[0]}`: it runs as a whole, its notebooks and scripts "
            "unconverted",
        )
    if step.kind == "notebook":
        missing = [r.notebook for r in step.notebooks if r.notebook not in notebooks]
        if missing or not step.notebooks or step.reads or step.writes:
            what = (
                f"{missing[0]} is not among the converted notebooks"
                if missing
                else "it reads or writes other files"
            )
            return [], f"{what}: the step runs it as it is"
        found = [run_notebook(state, notebooks[r.notebook], r) for r in step.notebooks]
        return (
            ([f for f in found if f is not None], "")
            if all(found)
            else ([], "the notebook does not analyse")
        )
    converted: list[SourceFacts] = []
    for call in step.python:
        facts, why = run_script(state, scripts.get(call.script), call, step)
        if facts is None:
            return [], f"{call.script or call.module}: {why}; it runs as a subprocess node"
        converted.append(facts)
    named = {p for c in step.python for p in bound_files(c, step.cwd or ".")}
    if (set(step.reads) | set(step.writes)) - named:
        return [], "the step reads or writes files its script's arguments do not name"
    return converted, ""


def run_notebook(state: State, source: Source, run: NotebookRun) -> SourceFacts | None:
    return state.facts_of(bind_notebook(source, run, state.variant(str(source.path))))


def run_script(
    state: State, source: Source | None, call: PythonCall, step: ShellStep
) -> tuple[SourceFacts | None, str]:
    """The script converted with its arguments bound, when analysis sees every file they name."""
    if source is None:
        return None, "the script is not under the converted folder"
    bound, why = bind_script(source, call, step.cwd)
    if bound is None:
        return None, why
    try:
        facts = state.analyze(bound, state.options)
    except InputError:
        return None, "the script does not analyse once its arguments are bound"
    seen = {a.path for c in facts.chunks for a in c.files}
    unseen = [p for p in bound_files(call, step.cwd or ".") if p not in seen]
    if unseen:
        return None, f"analysis does not see where it uses {unseen[0]} (inside a function?)"
    if state.progress:
        state.progress(str(source.path))
    variant = state.variant(str(source.path))
    if variant:
        bound = replace(bound, variant=variant)
        facts = replace(facts, source=bound)
    return facts, ""


def bound_files(call: PythonCall, cwd: str) -> list[str]:
    """Files the call's arguments name, relative to the root."""
    found = []
    for argument in call.arguments:
        if argument.role not in ("read", "write") or not argument.given:
            continue
        values = argument.value if isinstance(argument.value, list) else [argument.value]
        for value in values:
            if isinstance(value, str):
                found.append(
                    value
                    if value.startswith("/")
                    else posixpath.normpath(posixpath.join(cwd, value))
                )
    return found


_NAME = re.compile(r"[^A-Za-z0-9]+")


def node_name(step: ShellStep, taken: set[str]) -> str:
    """`cut_columns`, `download_dbpedia_csv`, `run_prepare`...: unique in the script."""
    commands = [posixpath.basename(c) for c in step.commands if c not in QUIET]
    first = commands[0] if commands else "shell"
    writes = [p for p in step.writes if not p.endswith("/")]
    stem = posixpath.splitext(posixpath.basename(writes[0]))[0] if writes else ""
    if step.kind in ("notebook", "python"):
        runs = [r.notebook for r in step.notebooks] + [c.script or c.module for c in step.python]
        base = "run_" + posixpath.splitext(posixpath.basename(runs[0]))[0] if runs else "run"
    elif step.kind == "download":
        base = f"download_{stem}" if stem else "download"
    else:
        base = f"{first}_{stem}" if stem else first
    base = _NAME.sub("_", base).strip("_").lower() or "shell"
    if base[0].isdigit():
        base = f"step_{base}"
    name, number = base, 2
    while name in taken:
        name, number = f"{base}_{number}", number + 1
    taken.add(name)
    return name


# ------------------------------------------------------------------------------- scripts
def parse(source: Source, texts: Mapping[str, str]) -> BashScript:
    root = root_of(source)
    return script_facts(
        source.cells[0].source if source.cells else "", str(source.path), root, None, texts
    )


def root_of(source: Source) -> str:
    path = source.abspath
    for _ in source.path.parts:
        path = posixpath.dirname(path)
    return path


def code_text(source: Source) -> str:
    return "\n".join(c.source for c in source.cells if c.kind == "code")


def shell_source_facts(source: Source) -> SourceFacts:
    """A shell script on its own (no driver context): every step that does something is a node."""
    script = parse(source, {})
    names: set[str] = set()
    nodes = [NodeStep(s, node_name(s, names)) for s in script.steps if needs_node(s)]
    return segment_facts(source, script, nodes, "", script.diagnostics)


def mount(script: BashScript, known: Iterable[str]) -> str:
    """The absolute folder a script takes the conversion root to be, if it runs a known source
    by an absolute path outside the root (`/opt/shared/notebooks/x.ipynb` for
    `notebooks/x.ipynb`: `/opt/shared`)."""
    known = set(known)
    runs = [r.notebook for s in script.steps for r in s.notebooks]
    runs += [c.script for s in script.steps for c in s.python]
    for path in runs:
        if not path.startswith("/"):
            continue
        parts = path.strip("/").split("/")
        for cut in range(1, len(parts)):
            if "/".join(parts[cut:]) in known:
                return "/" + "/".join(parts[:cut])
    return ""


def unmount(path: str, prefix: str) -> str:
    if not prefix or not path.startswith("/"):
        return path
    if path == prefix:
        return "."
    return path[len(prefix) + 1 :] if path.startswith(prefix + "/") else path


def remap(script: BashScript, prefix: str) -> BashScript:
    """Every path under the mount folder made relative to the root."""
    if not prefix:
        return script

    def m(path: str | None) -> str | None:
        return unmount(path, prefix) if path is not None else None

    def files(paths: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(unmount(p, prefix) for p in paths)

    steps = tuple(
        replace(
            s,
            cwd=m(s.cwd),
            reads=files(s.reads),
            writes=files(s.writes),
            removes=files(s.removes),
            mentions=files(s.mentions),
            spellings=tuple((w, unmount(p, prefix)) for w, p in s.spellings),
            notebooks=tuple(
                replace(
                    r,
                    notebook=unmount(r.notebook, prefix),
                    output=m(r.output),
                    cwd=m(r.cwd),
                    paths=tuple((k, unmount(v, prefix)) for k, v in r.paths),
                )
                for r in s.notebooks
            ),
            python=tuple(replace(c, script=unmount(c.script, prefix)) for c in s.python),
        )
        for s in script.steps
    )
    return replace(script, steps=steps, start=unmount(script.start, prefix))
