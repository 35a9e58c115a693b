"""The notebooks and Python scripts a driver script runs, converted as it runs them.

A notebook gets the run's papermill parameters and working folder (`bind.bind_notebook`); a
Python script its arguments bound (`bind.bind_script`) when analysis then sees every file they
name. Otherwise the step runs as it is, in a node of the script (`convert_step` says why).
`State` is what the conversion of all scripts shares.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from ..analysis.shell.chunks import QUIET
from ..errors import InputError
from ..model import Diagnostic, ShellRun, Source, SourceFacts
from ..model.shell import NotebookRun, PythonCall, ShellStep
from ..options import Options
from ..readers.disk_view import DiskView
from .binding import bind_notebook, bind_script

RUNNER = re.compile(r"(.*/)?(python[\d.]*|ipython3?|papermill|jupyter|%run)")
Progress = Callable[[str], None]


@dataclass
class State:
    """What converting the scripts of one project accumulates."""

    options: Options
    analyze: Callable[[Source, Options], SourceFacts]
    progress: Progress | None
    facts: list[SourceFacts] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    #: Sources a script runs (converted as it runs them, never on their own), and their runs.
    claimed: dict[str, int] = field(default_factory=dict)
    #: The shell scripts converted so far, and per script the parts made so far (a script run
    #: by several others is one pipeline whose parts come from every run).
    converted: set[str] = field(default_factory=set)
    parts: dict[str, int] = field(default_factory=dict)
    #: The scripts' `mkdir` steps, as they run them.
    folders: list[ShellRun] = field(default_factory=list)
    #: Requirements the scripts' environment set-up installs (`pip install x`).
    installs: list[str] = field(default_factory=list)
    #: How each converted source was run, and the steps of each part of a script, by source
    #: key (for `nb2pipe verify`).
    runs: dict[str, NotebookRun | PythonCall | tuple[ShellRun, ...]] = field(default_factory=dict)
    #: What the scripts read of the disk (`pip install -r` files): readers' snapshot.
    files: DiskView = field(default_factory=DiskView)

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

    def part(self, path: str) -> str:
        """The variant of the next part of shell script ``path`` ("" for its first)."""
        made = self.parts[path] = self.parts.get(path, 0) + 1
        return "" if made == 1 else str(made)


def convert_step(
    state: State,
    step: ShellStep,
    notebooks: Mapping[str, Source],
    scripts: Mapping[str, Source],
    quiet: frozenset[str] = frozenset(),
) -> tuple[list[SourceFacts], str]:
    """The sources a notebook or python step runs, converted; else ([], why it runs verbatim).

    Args:
        quiet: Commands of the step besides ``QUIET`` that need no node (its set-up).
    """
    if step.kind not in ("notebook", "python"):
        return [], ""
    others = [c for c in step.commands if c not in QUIET | quiet and not RUNNER.fullmatch(c)]
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
    # a folder argument (`out/`) is named as the folder (`out`)
    if {posixpath.normpath(p) for p in (*step.reads, *step.writes)} - named:
        return [], "the step reads or writes files its script's arguments do not name"
    for facts, call in zip(converted, step.python, strict=True):
        state.runs[facts.source.key] = call
    return converted, ""


def run_notebook(state: State, source: Source, run: NotebookRun) -> SourceFacts | None:
    facts = state.facts_of(bind_notebook(source, run, state.variant(str(source.path))))
    if facts is not None:
        state.runs[facts.source.key] = run
    return facts


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
