"""Driver scripts: a shell script and the notebooks, Python scripts and other shell scripts it
runs, as the facts of the sources the planner wires into one Kedro pipeline.

A script's steps are read in the order it runs them (`shell.steps`). A notebook it runs is
converted as a notebook, with the run's papermill parameters and working directory; a Python
script it calls is converted with its arguments bound when analysis then sees every file its
arguments name (`drivers.runs`); otherwise the call runs as a node of the script. Another shell
script it runs (`bash other.sh a b`, `sh other.sh`, `./other.sh`) is converted like the driver
itself, as that call runs it: from the caller's folder, with `$1`... bound to the call's words
and the caller's exported variables; it is not converted again on its own. Every other step that
does something (file commands, downloads, commands kept verbatim) becomes a node of its script's
own pipeline (`shell.chunks`); environment set-up (`pip install`, `conda activate`...) becomes no
node, and its pip installs go to requirements.txt. Consecutive nodes of a script between two
converted sources form one part (a source of its own, so the planner can order it between them);
all parts of a script share one pipeline. Each source a script runs records the one run before
it (`SourceFacts.after`), so the planner keeps the script's order.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..analysis import analyze
from ..analysis.shell.chunks import QUIET, NodeStep, datasets, script_runs, segment_facts
from ..analysis.shell.setup import in_step_setup, setup_names, setup_note
from ..model import Diagnostic, ShellRun, Source, SourceFacts
from ..model.disk import EMPTY_DISK, DiskSnapshot
from ..model.shell import BashScript, NotebookRun, PythonCall, ScriptCall, ShellStep
from ..options import Options
from ..readers import requirement_files
from ..readers.disk_view import DiskView
from .runs import Progress, State, convert_step
from .scripts import Pool, called_scripts, entry_scripts, parse, root_of
from .travel import ran_files

__all__ = ["Project", "analyze_project", "analyze_source", "called_scripts", "shell_source_facts"]

#: How deep scripts running scripts are converted.
MAX_DEPTH = 8
#: Commands that run another shell script.
SHELLS = frozenset({"bash", "sh", "exec"})


@dataclass(frozen=True, slots=True)
class Project:
    """What analysis makes of all sources of a conversion."""

    facts: tuple[SourceFacts, ...]
    #: Errors of sources that cannot be analysed (the caller decides whether to go on).
    problems: tuple[Diagnostic, ...]
    #: Diagnostics about the scripts themselves.
    notes: tuple[Diagnostic, ...]
    #: How a script ran each source it converts (papermill values, script arguments) and the
    #: steps of each of its parts, by `Source.key`: what `nb2pipe verify` runs.
    runs: Mapping[str, NotebookRun | PythonCall | tuple[ShellRun, ...]] = field(
        default_factory=dict
    )
    #: The scripts' `mkdir` steps (no node: the pipeline's datasets make their folders).
    folders: tuple[ShellRun, ...] = ()


def analyze_project(
    sources: Sequence[Source],
    called: Sequence[Source],
    options: Options,
    analyze: Callable[[Source, Options], SourceFacts],
    progress: Progress | None = None,
    disk: DiskSnapshot = EMPTY_DISK,
) -> Project:
    """Facts of every source: notebooks and scripts as their drivers run them, the drivers' own
    nodes, and the sources no script runs; the files the scripts read (`pip install -r`) as
    ``disk``, readers' snapshot, holds them.

    Raises:
        UnseenPaths: a file the scripts read is not in ``disk`` (readers read it, then this runs
            again).
    """
    state = State(options, analyze, progress, files=DiskView(disk))
    pool = Pool.of([*sources, *called])
    for source in entry_scripts(pool):
        run_driver(state, pool, source)
    for path, source in pool.shells.items():  # only run verbatim (in a loop...) by another
        if path not in state.converted:
            claim_runs(state, pool, pool.read(source)[0])
    called_paths = {str(s.path) for s in called}
    run_by = {path: str(s.path) for s in sources for path in s.runs}
    for source in sources:
        path = str(source.path)
        if path in run_by:
            state.notes.append(Diagnostic(
                "info", "run-by-notebook", f"{path} is run by `%run` in {run_by[path]}: converted "
                "inside it, not on its own", path))
        elif source.language != "bash" and path not in state.claimed and path not in called_paths:
            state.add(source)
    facts = state.facts
    installs = tuple(dict.fromkeys(state.installs))
    if installs and facts:  # requirements are the project's: the first source carries them
        facts[0] = replace(facts[0], pip_installs=(*facts[0].pip_installs, *installs))
    notes = tuple(dict.fromkeys(state.notes))  # a script run twice says things once
    if not state.files.complete():
        raise state.files.unseen()
    return Project(
        tuple(facts), tuple(state.problems), notes, dict(state.runs), tuple(state.folders)
    )


def claim_runs(state: State, pool: Pool, script: BashScript) -> None:
    """The notebooks and Python scripts ``script`` runs are run by it, not converted alone."""
    for step in script.steps:
        for run in [r.notebook for r in step.notebooks] + [c.script for c in step.python]:
            if run in pool.notebooks or run in pool.scripts:
                state.claimed.setdefault(run, 0)


def run_driver(state: State, pool: Pool, source: Source) -> None:
    """Convert a script no other script runs, and chain its units in the order it runs them."""
    previous = ""
    for unit in run_script_file(state, pool, source, None, ()):
        state.facts.append(
            replace(unit, driver=str(source.path), after=(previous,) if previous else ())
        )
        previous = unit.source.key


def run_script_file(
    state: State,
    pool: Pool,
    source: Source,
    call: ScriptCall | None,
    stack: tuple[str, ...],
    made: list[str] | None = None,
) -> list[SourceFacts]:
    """The units of one run of a shell script (``call`` None: run on its own)."""
    script, prefix = pool.read(source, call)
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
    return driver(state, pool, source, script, (*stack, str(source.path)), made)


def driver(
    state: State,
    pool: Pool,
    source: Source,
    script: BashScript,
    stack: tuple[str, ...],
    made: list[str] | None = None,
) -> list[SourceFacts]:
    """The units of one script, in the order it runs them: converted sources, the units of the
    scripts it runs, and parts made of its own nodes."""
    path = str(source.path)
    state.converted.add(path)
    units: list[SourceFacts] = []
    pending: list[NodeStep] = []
    setup_only = is_setup_only(script)
    state.notes.extend(d for d in script.diagnostics if not (setup_only and d.code == "bash-setup"))
    if setup_only:
        state.notes.append(setup_note(script, path))

    def flush() -> None:
        if pending:
            units.append(segment_facts(source, script, list(pending), state.part(path)))
            state.runs[units[-1].source.key] = script_runs(script, pending)
            pending.clear()

    filled: list[str] = []  # folders written so far (their files are not datasets)
    made = made if made is not None else []  # files written so far
    claim_runs(state, pool, script)
    for step in script.steps:
        folder = posixpath.join(root_of(source), step.cwd or posixpath.dirname(str(source.path)))
        installs, unread = requirement_files.expand(step.installs, folder, str(source.path), state.files)
        state.installs.extend(installs)
        state.notes.extend(replace(n, line=step.line) for n in unread)
        if step.scripts:
            converted, note = convert_calls(state, pool, step, stack, made)
        else:
            converted, note = convert_step(
                state, step, pool.notebooks, pool.scripts, setup_names(step)
            )
            made.extend(
                a.path for f in converted for c in f.chunks for a in c.files if a.mode != "read"
            )
        if converted is not None and (converted or step.scripts):
            flush()
            units.extend(converted)
        elif needs_node(step):
            if note and not step.scripts:  # (convert_calls says why itself)
                state.notes.append(
                    Diagnostic("warning", "bash-verbatim-run", note, path, line=step.line)
                )
            if step.setup:
                state.notes.append(in_step_setup(step, path))
            runs = ran_files(state, pool, step, made)
            node = NodeStep(step, note, tuple(filled), tuple(made), runs)
            pending.append(node)
            made.extend(datasets(node)[1])
        elif step.kind == "setting" and "mkdir" in step.commands:
            state.folders.extend(script_runs(script, [NodeStep(step)]))
        elif step.removes and step.kind == "file" and not step.writes:
            state.notes.append(
                Diagnostic(
                    "info",
                    "bash-removes",
                    "only removes files: a pipeline run needs no node for it",
                    path,
                    line=step.line,
                )
            )
        filled.extend(p for p in step.writes if p.endswith("/"))
    flush()
    return units


def convert_calls(
    state: State, pool: Pool, step: ShellStep, stack: tuple[str, ...], made: list[str]
) -> tuple[list[SourceFacts] | None, str]:
    """The units of the shell scripts a step runs, converted as the step runs them; else
    (None, why the step runs as it is)."""
    why = unconvertible_call(step, pool, stack)
    if why:
        cycle = why.startswith("cycle:")
        code = "bash-subscript-cycle" if cycle else "bash-verbatim-run"
        why = why.removeprefix("cycle:")
        state.notes.append(Diagnostic("warning", code, why, stack[-1], line=step.line))
        return None, why
    units: list[SourceFacts] = []
    for call in step.scripts:
        units.extend(run_script_file(state, pool, pool.shells[call.script], call, stack, made))
    return units, ""


def unconvertible_call(step: ShellStep, pool: Pool, stack: tuple[str, ...]) -> str:
    """Why the scripts a step runs cannot be converted with it ("" when they can)."""
    quiet = QUIET | SHELLS | setup_names(step) | {c.runner for c in step.scripts}  # `python`
    others = [c for c in step.commands if c not in quiet and not c.endswith(".sh")]
    if others:
        return f"the step also runs `{others[0]}`: it runs as a whole, the scripts it calls too"
    if any(
        d.code in ("bash-loop", "bash-conditional", "bash-background") for d in step.diagnostics
    ):
        return "the scripts it calls run inside a loop, a conditional or the background"
    if step.reads or step.writes or step.notebooks or step.python:
        return "the step also reads or writes files (a redirection?): it runs as a whole"
    for call in step.scripts:
        if call.script not in pool.shells:
            return f"{call.script} is not among the converted scripts: the step runs it as it is"
        if call.script in stack:
            chain = " → ".join([*stack[stack.index(call.script) :], call.script])
            return f"cycle:{call.script} runs itself ({chain}): the step runs it as it is"
        if len(stack) >= MAX_DEPTH:
            return f"scripts run scripts more than {MAX_DEPTH} deep: {call.script} runs as it is"
        if call.cwd is None:
            return f"the folder {call.script} runs in is only known at run time"
    return ""


def is_setup_only(script: BashScript) -> bool:
    """Only environment set-up (and shell settings): the script is no part of the pipeline."""
    kinds = {s.kind for s in script.steps}
    return "setup" in kinds and not any(needs_node(s) or s.scripts for s in script.steps)


def needs_node(step: ShellStep) -> bool:
    return step.kind in ("notebook", "python", "shell", "download") or (
        step.kind == "file" and bool(step.reads or step.writes)
    )


def analyze_source(source: Source, options: Options = Options(), disk: DiskSnapshot = EMPTY_DISK
                   ) -> SourceFacts:
    """Facts of one source on its own: a shell script's steps, or the analysis of its code (on
    readers' snapshot ``disk``: `analysis.analyze`)."""
    return shell_source_facts(source) if source.language == "bash" else analyze(source, options, disk)


def shell_source_facts(source: Source) -> SourceFacts:
    """A shell script on its own (no driver context): every step that does something is a node."""
    script = parse(source, {})
    nodes = [NodeStep(s) for s in script.steps if needs_node(s)]
    return segment_facts(source, script, nodes, "", script.diagnostics)
